"""Downloads are built once per version of the record and kept in storage: the second reader
gets the stored copy, a publish is in the next download at once, drafts never are, and no
reader ever gets half a file."""

import gzip
import json

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client

from core import downloads
from core.cache import record_version
from core.models import PublicationStatus
from core.storage import AtomicFileSystemStorage
from plenaries.models import City, PlenaryMeeting

from .factories import MeetingFactory
from .test_publishing import run_action

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def copies(settings, tmp_path):
    """Copies on, in a storage of this test's own."""
    settings.DOWNLOAD_COPIES = True
    settings.STORAGES = {
        **settings.STORAGES,
        "downloads": {
            "BACKEND": "core.storage.AtomicFileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    cache.clear()
    yield tmp_path
    cache.clear()


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def get(path, **headers):
    response = Client().get(path, headers=headers)
    body = response.getvalue() if response.status_code == 200 else b""
    return response, body


def test_the_second_reader_is_served_the_stored_copy(copies):
    first, first_body = get("/data/anmc21-record.json")
    second, second_body = get("/data/anmc21-record.json")
    assert (first["X-Download"], second["X-Download"]) == ("built", "stored")
    assert second_body == first_body
    assert json.loads(second_body)["format"] == "anmc21-open-data"
    assert second["Content-Type"] == "application/json"
    assert second["Content-Disposition"] == 'inline; filename="anmc21-record.json"'
    assert second["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    folder = f"downloads/{record_version()}/http-testserver/all"
    assert stored_files(copies) == [
        f"{folder}/anmc21-record.json",
        f"{folder}/anmc21-record.json.gz",
    ]


def test_a_reader_who_accepts_gzip_gets_the_copy_compressed_once_when_saved():
    get("/data/csv/clauses.csv")
    plain, plain_body = get("/data/csv/clauses.csv")
    packed, packed_body = get("/data/csv/clauses.csv", accept_encoding="gzip, deflate, br")
    assert (plain["X-Download"], packed["X-Download"]) == ("stored", "stored")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed_body) == plain_body
    assert int(packed["Content-Length"]) == len(packed_body) < len(plain_body)
    assert packed["Content-Type"] == plain["Content-Type"] == "text/csv; charset=utf-8"
    assert "Accept-Encoding" in packed["Vary"] and "Accept-Encoding" in plain["Vary"]
    # Other bytes, another (weak) validator, which still answers 304.
    assert packed["ETag"] == f"W/{plain['ETag']}"
    again = get("/data/csv/clauses.csv", accept_encoding="gzip", if_none_match=packed["ETag"])
    assert again[0].status_code == 304
    assert "Accept-Encoding" in again[0]["Vary"]


def test_a_stored_copy_answers_304_to_its_etag_and_date():
    get("/data/csv/clauses.csv")
    stored, _body = get("/data/csv/clauses.csv")
    assert stored["X-Download"] == "stored"
    assert get("/data/csv/clauses.csv", if_none_match=stored["ETag"])[0].status_code == 304
    again = get("/data/csv/clauses.csv", if_modified_since=stored["Last-Modified"])[0]
    assert again.status_code == 304


def test_a_publish_is_in_the_next_download_at_once(
    copies, publisher_client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(
        number=77, status=PublicationStatus.DRAFT, host_city=City.objects.get(slug="tokyo")
    )
    before = get("/data/anmc21-meetings.csv")[1].decode()
    assert get("/data/anmc21-meetings.csv")[0]["X-Download"] == "stored"
    assert "\r\n77," not in before
    with django_capture_on_commit_callbacks(execute=True):
        run_action(publisher_client, PlenaryMeeting, "publish_selected", meeting)
    response, after = get("/data/anmc21-meetings.csv")
    assert response["X-Download"] == "built"
    assert "\r\n77," in after.decode()
    # The older version's copy is gone once the new one is saved.
    name = f"downloads/{record_version()}/http-testserver/en/anmc21-meetings.csv"
    assert stored_files(copies) == [name, f"{name}.gz"]


def test_a_copy_built_ahead_holds_no_draft(copies):
    MeetingFactory(number=78, status=PublicationStatus.DRAFT, summary="Secret draft summary")
    call_command("build_downloads", "--base-url", "http://testserver", stdout=None)
    for path in ("/data/anmc21-record.json", "/data/popolo.json", "/ja/data/popolo.json"):
        response, body = get(path)
        assert response["X-Download"] == "stored", path
        assert b"Secret draft summary" not in body
        assert b"meeting/78" not in body


def test_build_downloads_builds_each_download_once_per_language(copies):
    call_command("build_downloads", "--base-url", "http://testserver")
    version = record_version()
    files = stored_files(copies)
    assert f"downloads/{version}/http-testserver/en/anmc21-popolo.json" in files
    assert f"downloads/{version}/http-testserver/ja/anmc21-popolo.json" in files
    assert f"downloads/{version}/http-testserver/ja/anmc21-meetings.ics" in files
    # The record and the tables are the same bytes in every language: one copy.
    assert f"downloads/{version}/http-testserver/all/csv/clauses.csv" in files
    assert not any("/ja/csv/" in name or "/ja/anmc21-record" in name for name in files)
    call_command("build_downloads", "--base-url", "http://testserver")
    assert stored_files(copies) == files


def test_each_language_and_site_address_gets_its_own_copy():
    english = get("/plenaries/calendar.ics")[1]
    japanese = get("/ja/plenaries/calendar.ics")[1]
    assert b"http://testserver/ja/plenaries/calendar.ics" in japanese
    assert b"/ja/" not in english
    elsewhere = Client(HTTP_HOST="localhost").get("/plenaries/calendar.ics")
    assert elsewhere["X-Download"] == "built"
    assert b"http://localhost/plenaries/9/" in elsewhere.getvalue()


# As in production, no transaction around the request: a reader who goes mid-stream closes the
# database cursor the download reads from, which inside a test's transaction would break it.
@pytest.mark.django_db(transaction=True)
def test_a_reader_who_stops_reading_leaves_no_copy(copies):
    response = Client().get("/data/csv/clauses.csv")
    next(iter(response.streaming_content))
    response.close()
    assert stored_files(copies) == []
    assert get("/data/csv/clauses.csv")[0]["X-Download"] == "built"


def test_a_head_request_leaves_the_next_reader_to_build_and_keep_it():
    assert Client().head("/data/popolo.json").status_code == 200
    assert get("/data/popolo.json")[0]["X-Download"] == "built"
    assert get("/data/popolo.json")[0]["X-Download"] == "stored"


def test_a_build_that_fails_saves_nothing(copies):
    def chunks(absolute_url):
        yield "the first half"
        raise RuntimeError("the database went away")

    broken = downloads.Download("broken.txt", "broken.txt", "text/plain", chunks)
    with pytest.raises(RuntimeError):
        downloads.build(broken, "http://testserver", "en")
    assert stored_files(copies) == []
    # Another build may start at once: the failed one let go of it.
    assert downloads._claim(downloads.copy_name(broken, record_version(), "http://x", "en"))


def test_the_storage_shows_a_file_only_once_written_whole(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)

    class Failing(ContentFile):
        def chunks(self, chunk_size=None):
            yield b"part"
            raise OSError("disk full")

    with pytest.raises(OSError):
        storage.save("downloads/file.csv", Failing(b""))
    assert not storage.exists("downloads/file.csv")
    assert list(tmp_path.rglob("*.*")) == []
    storage.save("downloads/file.csv", ContentFile(b"old"))
    storage.save("downloads/file.csv", ContentFile(b"new"))
    assert storage.open("downloads/file.csv").read() == b"new"


def test_a_remote_storage_sends_the_reader_to_the_copy(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "downloads": {
            "BACKEND": "django.core.files.storage.InMemoryStorage",
            "OPTIONS": {"base_url": "https://cdn.example.org/"},
        },
    }
    get("/data/popolo.json")
    response = Client().get("/data/popolo.json")
    assert response.status_code == 302
    assert response["Location"] == (
        f"https://cdn.example.org/downloads/{record_version()}/http-testserver/en/"
        "anmc21-popolo.json"
    )


def test_a_page_read_from_a_lagging_replica_keeps_no_copy(copies, settings):
    settings.DATABASE_REPLICAS = ["replica"]
    cache.clear()  # the next version read is new: as just after a change
    response, _body = get("/data/anmc21-meetings.csv")
    assert response["X-Download"] == "built"
    assert stored_files(copies) == []
