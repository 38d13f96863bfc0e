"""A backup of the whole record restores into an empty database row for row."""

import gzip
import io
import json
import stat

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command

from core.backup import FORMAT_VERSION, export_record, record_models, restore_record
from core.models import PublicChange
from core.services import record_publish
from declarations.models import Declaration
from plenaries.models import City, Participation, PlenaryMeeting

from .factories import InquiryContactFactory, MeetingFactory, StaffFactory

pytestmark = pytest.mark.django_db


def every_row():
    rows = {
        model._meta.label_lower: list(model._default_manager.order_by("pk").values())
        for model in record_models()
    }
    # Content types are matched by name too: a citation points at a kind of record.
    kinds = dict(ContentType.objects.values_list("pk", "model"))
    for label in (
        "plenaries.citation",
        "plenaries.historicalcitation",
        "core.revision",
        "core.publicchange",
    ):
        for row in rows[label]:
            row["content_type_id"] = kinds[row["content_type_id"]]
            if "owner_type_id" in row:
                row["owner_type_id"] = kinds[row["owner_type_id"]]
    # Groups are matched by name (migrate recreates them), so compare them without their keys.
    rows["auth.group"] = sorted(
        (group.name, sorted(group.permissions.values_list("codename", flat=True)))
        for group in Group.objects.all()
    )
    return rows


# Empties the database on the way, so it runs outside a transaction.
@pytest.mark.django_db(transaction=True)
def test_export_flush_restore_gives_back_every_row(tmp_path):
    publisher = StaffFactory(username="publisher")
    meeting = PlenaryMeeting.objects.get(number=9)
    record_publish(record=meeting, by=publisher)
    InquiryContactFactory(person="Private contact", is_public=False)
    assert PublicChange.objects.exists()  # the change log is in the backup too
    before = every_row()
    m2m_before = sorted(
        Declaration.objects.get(slug="tokyo-declaration").signatories.values_list("pk", flat=True)
    )

    path = tmp_path / "backup.json"
    call_command("export_record", output=str(path), stderr=io.StringIO())
    call_command("flush", interactive=False)
    assert PlenaryMeeting.objects.count() == 0
    call_command("restore_record", str(path), stdout=io.StringIO())

    assert every_row() == before
    declaration = Declaration.objects.get(slug="tokyo-declaration")
    assert sorted(declaration.signatories.values_list("pk", flat=True)) == m2m_before
    # New rows continue numbering after the restored ones.
    newest = max(row["id"] for row in before["plenaries.plenarymeeting"])
    assert MeetingFactory(number=11).pk > newest


def test_backup_is_versioned_json():
    document = json.loads(json.dumps(export_record(), default=str))
    assert document["format"] == "anmc21-record-backup"
    assert document["version"] == FORMAT_VERSION
    assert len(document["tables"]["declarations.clause"]) == 5


def test_restore_refuses_a_database_that_holds_a_record():
    document = export_record()
    with pytest.raises(Exception, match="empty record"):
        restore_record(document)
    assert PlenaryMeeting.objects.filter(number=9).count() == 1


def test_restore_refuses_an_unknown_format_version(tmp_path):
    path = tmp_path / "future.json"
    path.write_text(json.dumps({"format": "anmc21-record-backup", "version": 99, "tables": {}}))
    with pytest.raises(CommandError, match="version 99"):
        call_command("restore_record", str(path))


def test_restore_of_a_broken_file_says_so(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    with pytest.raises(CommandError):
        call_command("restore_record", str(path))


def exported(tmp_path):
    """The shipped record's backup as export_record writes it: (its path, its document)."""
    path = tmp_path / "backup.json"
    call_command("export_record", output=str(path), stderr=io.StringIO())
    return path, json.loads(path.read_text(encoding="utf-8"))


def with_a_city_twice(document):
    """The backup with its first city's row written a second time, changed."""
    first = document["tables"]["plenaries.city"][0]
    twice = {"pk": first["pk"], "fields": {**first["fields"], "name": "Tokyo (again)"}}
    document["tables"]["plenaries.city"].append(twice)
    return document, f"plenaries.city: the key {first['pk']} is on two rows"


def test_a_backup_file_is_readable_by_its_owner_only(tmp_path):
    new = tmp_path / "new.json"
    old = tmp_path / "old.json"
    old.write_text("an earlier backup")
    old.chmod(0o644)
    for path in (new, old):
        call_command("export_record", output=str(path), stderr=io.StringIO())
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert json.loads(path.read_text(encoding="utf-8"))["format"] == "anmc21-record-backup"


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda text: text[: len(text) // 2].encode(), "is not a whole backup (truncated or"),
        (lambda text: gzip.compress(text.encode()), "is not a whole backup (truncated or"),
        (lambda text: b"[]", "Not an ANMC21 record backup"),
        (lambda text: b'{"format": "anmc21-record-backup", "version": 1}', "has no tables"),
        (
            lambda text: json.dumps(
                {"format": "anmc21-record-backup", "version": 1,
                 "tables": {"plenaries.city": [{"pk": 1}]}}
            ).encode(),
            "plenaries.city: the rows are damaged",
        ),
        (
            lambda text: json.dumps(with_a_city_twice(json.loads(text))[0]).encode(),
            "plenaries.city: the key",
        ),
    ],
    ids=["truncated", "compressed", "not-a-backup", "no-tables", "row-without-fields",
         "key-twice"],
)  # fmt: skip
def test_a_damaged_backup_is_refused_saying_why_and_restores_nothing(tmp_path, damage, message):
    path, _document = exported(tmp_path)
    path.write_bytes(damage(path.read_text(encoding="utf-8")))
    cities = City.objects.count()
    with pytest.raises(CommandError, match="Nothing was restored") as refusal:
        call_command("restore_record", str(path), stdout=io.StringIO())
    assert message in str(refusal.value)
    assert City.objects.count() == cities


# Restores into an emptied database, so it runs outside a transaction.
@pytest.mark.django_db(transaction=True)
def test_a_backup_that_cannot_be_restored_whole_restores_nothing(tmp_path):
    path, document = exported(tmp_path)
    call_command("flush", interactive=False)

    meetings = document["tables"]["plenaries.plenarymeeting"]
    bad_date = json.loads(json.dumps(document))
    bad_date["tables"]["plenaries.plenarymeeting"][-1]["fields"]["start_date"] = "yesterday"
    no_such_city = json.loads(json.dumps(document))
    participation = no_such_city["tables"]["plenaries.participation"][-1]
    participation["fields"]["city"] = 999_999
    no_such_user = json.loads(json.dumps(document))
    history = no_such_user["tables"]["plenaries.historicalplenarymeeting"][-1]
    history["fields"]["history_user"] = ["nobody"]
    city_twice, city_twice_message = with_a_city_twice(json.loads(json.dumps(document)))
    # What each refusal names: the table and the row's key (or, for a broken link, the key
    # it points at).
    refusals = [
        (bad_date, [f"plenaries.plenarymeeting, row {meetings[-1]['pk']}:"]),
        (no_such_city, ["plenaries_participation", "999999"]),
        (no_such_user, [f"plenaries.historicalplenarymeeting, row {history['pk']}:"]),
        (city_twice, [city_twice_message]),
    ]
    for damaged, names in refusals:
        path.write_text(json.dumps(damaged), encoding="utf-8")
        with pytest.raises(CommandError, match="Nothing was restored") as refusal:
            call_command("restore_record", str(path), stdout=io.StringIO())
        assert all(name in str(refusal.value) for name in names), str(refusal.value)
        assert not City.objects.exists()
        assert not Participation.objects.exists()
