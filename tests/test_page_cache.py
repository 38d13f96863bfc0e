"""The page cache: anonymous pages are served from the shared cache until anything the public
sees changes; staff, previews and pages with cookies or CSRF tokens never are."""

import os
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.cache import record_changed, record_version, replica_may_lag
from core.models import PublicationStatus
from core.release import release
from plenaries.models import City, PlenaryMeeting

from .factories import (
    CityFactory,
    ClauseFactory,
    DeclarationFactory,
    InquiryContactFactory,
    JointProjectFactory,
    MeetingFactory,
    MembershipFactory,
    OutcomeFactory,
    SourceFactory,
)
from .helpers import page_text
from .test_publishing import run_action

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache():
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=600):
        yield
    cache.clear()


def anonymous_get(path, **headers):
    return Client().get(path, headers=headers)


def test_an_anonymous_page_is_served_from_the_cache_the_second_time():
    first = anonymous_get("/plenaries/")
    second = anonymous_get("/plenaries/")
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content


@pytest.mark.parametrize("path", ["/api/v1/meetings/", "/feeds/meetings/", "/ja/plenaries/9/"])
def test_a_page_from_the_cache_is_the_page_as_rendered(path):
    first = anonymous_get(path)
    second = anonymous_get(path)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    for header in ("Content-Type", "ETag", "Last-Modified", "Cache-Control", "Content-Language"):
        assert second.get(header) == first.get(header), header


def test_a_cached_page_says_how_long_a_cdn_may_keep_it():
    response = anonymous_get("/plenaries/9/")
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "s-maxage=60" in cache_control
    assert "stale-while-revalidate=60" in cache_control
    assert response["ETag"] and response["Last-Modified"]


def test_a_cached_page_answers_304_to_its_etag_and_its_date():
    response = anonymous_get("/declarations/tokyo-declaration/")
    etag, modified = response["ETag"], response["Last-Modified"]
    assert anonymous_get("/declarations/tokyo-declaration/", if_none_match=etag).status_code == 304
    again = anonymous_get("/declarations/tokyo-declaration/", if_modified_since=modified)
    assert again.status_code == 304


def test_a_feed_answers_304_to_if_modified_since():
    response = anonymous_get("/feeds/meetings/")
    again = anonymous_get("/feeds/meetings/", if_modified_since=response["Last-Modified"])
    assert again.status_code == 304


def test_publishing_shows_on_the_anonymous_page_at_once(
    publisher_client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(
        number=77, status=PublicationStatus.DRAFT, host_city=City.objects.get(slug="tokyo")
    )
    assert "/plenaries/77/" not in anonymous_get("/plenaries/").content.decode()
    assert anonymous_get("/plenaries/")["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        run_action(publisher_client, PlenaryMeeting, "publish_selected", meeting)
    response = anonymous_get("/plenaries/")
    assert response["X-Cache"] == "miss"
    assert "/plenaries/77/" in response.content.decode()
    assert anonymous_get("/plenaries/77/").status_code == 200


def test_withdrawing_takes_the_page_off_at_once(
    publisher_client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(number=78, host_city=City.objects.get(slug="tokyo"))
    assert anonymous_get("/plenaries/78/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        run_action(publisher_client, PlenaryMeeting, "withdraw_selected", meeting, summary="Twice.")
    assert anonymous_get("/plenaries/78/").status_code == 410
    assert "/plenaries/78/" not in anonymous_get("/plenaries/").content.decode()


def test_any_committed_write_to_the_record_moves_the_version_on(
    django_capture_on_commit_callbacks,
):
    before = record_version()
    with django_capture_on_commit_callbacks(execute=True):
        declaration = DeclarationFactory()
    middle = record_version()
    with django_capture_on_commit_callbacks(execute=True):
        ClauseFactory(declaration=declaration, number=1).topics.clear()
    assert before != middle != record_version()


def test_the_version_moves_only_once_the_write_is_committed(django_capture_on_commit_callbacks):
    before = record_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        CityFactory()
        assert record_version() == before
    assert callbacks
    for callback in callbacks:
        callback()
    assert record_version() != before


def test_a_bulk_write_dates_the_pages_by_saying_so(django_capture_on_commit_callbacks):
    anonymous_get("/cities/")
    City.objects.filter(slug="tokyo").update(name="Tokyo Metropolis")
    with django_capture_on_commit_callbacks(execute=True):
        record_changed()
    assert "Tokyo Metropolis" in anonymous_get("/cities/").content.decode()


def test_staff_are_never_served_from_the_cache_nor_cached(staff_client):
    anonymous_get("/plenaries/")
    response = staff_client.get("/plenaries/")
    assert "X-Cache" not in response
    assert anonymous_get("/plenaries/")["X-Cache"] == "hit"


def test_a_staff_preview_is_never_cached(staff_client):
    MeetingFactory(number=79, status=PublicationStatus.DRAFT)
    preview = staff_client.get("/plenaries/79/")
    assert preview.status_code == 200
    assert "X-Cache" not in preview
    assert "no-store" in preview["Cache-Control"]
    assert anonymous_get("/plenaries/79/").status_code == 404
    assert anonymous_get("/plenaries/79/").status_code == 404


def test_a_page_with_a_csrf_token_or_a_cookie_is_never_cached():
    anonymous_get("/admin/login/")
    response = anonymous_get("/admin/login/")
    assert "X-Cache" not in response
    assert "csrftoken" in response.cookies


def test_a_request_with_a_session_cookie_is_not_served_from_the_cache():
    anonymous_get("/cities/")
    client = Client()
    client.cookies["sessionid"] = "not-a-session"
    assert "X-Cache" not in client.get("/cities/")


def test_pages_are_cached_per_address_and_query():
    anonymous_get("/search/?q=tokyo")
    assert anonymous_get("/search/?q=seoul")["X-Cache"] == "miss"
    assert anonymous_get("/search/?q=tokyo")["X-Cache"] == "hit"


def test_a_lost_version_starts_again_from_a_new_value():
    version = record_version()
    cache.clear()
    assert record_version() != version


@pytest.mark.parametrize(
    "path",
    [
        "/data/anmc21-record.json",
        "/data/csv/clauses.csv",
        "/data/anmc21-meetings.csv",
        "/data/popolo.json",
    ],
)
def test_a_download_is_dated_and_not_sent_again_until_the_record_changes(
    path, django_capture_on_commit_callbacks
):
    first = anonymous_get(path)
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    again = anonymous_get(path, if_none_match=first["ETag"])
    assert again.status_code == 304
    assert again.getvalue() == b""
    since = anonymous_get(path, if_modified_since=first["Last-Modified"])
    assert since.status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        record_changed()
    changed = anonymous_get(path, if_none_match=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_a_page_read_from_a_replica_just_after_a_change_is_not_cached():
    """The replica may not have replayed the change yet: its page is served, not kept."""
    just_changed, long_ago = time.time_ns(), time.time_ns() - 60 * 10**9
    anonymous, staff = RequestFactory().get("/plenaries/"), RequestFactory().get("/plenaries/")
    staff.COOKIES["sessionid"] = "staff"
    with override_settings(DATABASE_REPLICAS=["replica"], REPLICA_LAG_SECONDS=5):
        assert replica_may_lag(anonymous, just_changed)
        assert not replica_may_lag(anonymous, long_ago)
        assert not replica_may_lag(staff, just_changed)
    assert not replica_may_lag(anonymous, just_changed)


def rendered_get(path):
    """A page rendered for this request (a session cookie: never from the page cache)."""
    client = Client()
    client.cookies["sessionid"] = "not-a-session"
    return client.get(path)


def test_a_list_total_is_counted_once_until_the_record_changes(
    django_capture_on_commit_callbacks,
):
    declaration = DeclarationFactory()
    ClauseFactory(declaration=declaration, number=1)
    first = rendered_get("/api/v1/clauses/").json()["count"]
    with CaptureQueriesContext(connection) as queries:
        rendered_get("/api/v1/clauses/")
    assert not any("COUNT(" in query["sql"] for query in queries)
    with django_capture_on_commit_callbacks(execute=True):
        ClauseFactory(declaration=declaration, number=2)
    assert rendered_get("/api/v1/clauses/").json()["count"] == first + 1


def test_the_sitemap_index_dates_its_sections_once_until_the_record_changes(
    django_capture_on_commit_callbacks,
):
    rendered_get("/sitemap.xml")
    with CaptureQueriesContext(connection) as queries:
        again = rendered_get("/sitemap.xml")
    assert len(queries) == 0
    with django_capture_on_commit_callbacks(execute=True):
        MeetingFactory(number=78, published_at=timezone.now() + timedelta(days=2))
    assert rendered_get("/sitemap.xml").content != again.content


def test_the_cities_are_grouped_by_standing_once_until_the_record_changes(
    django_capture_on_commit_callbacks,
):
    rendered_get("/cities/")
    with CaptureQueriesContext(connection) as queries:
        rendered_get("/cities/")
    assert not any("ROW_NUMBER" in query["sql"].upper() for query in queries)
    with django_capture_on_commit_callbacks(execute=True):
        MembershipFactory(city=CityFactory(name="Aardvark Bay"), since="2001", status="member")
    assert "Aardvark Bay" in rendered_get("/cities/").content.decode()


def test_a_search_is_answered_from_the_cache_until_the_record_changes(
    staff_client, django_capture_on_commit_callbacks
):
    """A search's results are the same for every reader, signed in or not: kept under the
    record's version, and searched again once anything is published."""
    assert "Nothing in the record matches" in search_text(staff_client, "lantern")
    with CaptureQueriesContext(connection) as queries:
        assert "Nothing in the record matches" in search_text(staff_client, "lantern")
    assert not any("search_document" in query["sql"] for query in queries)
    with django_capture_on_commit_callbacks(execute=True):
        DeclarationFactory(title="Lantern Declaration", slug="lantern")
    assert "Lantern Declaration" in search_text(staff_client, "lantern")
    assert "Lantern Declaration" in search_text(Client(), "lantern")


def search_text(client, query):
    return page_text(client.get("/search/", {"q": query}))


@pytest.mark.parametrize("path", ["/", "/cities/"])
def test_a_city_published_shows_at_once_on_the_pages_listing_cities(
    path, publisher_client, django_capture_on_commit_callbacks
):
    """The cities by standing are kept under the record's version for readers the page cache
    does not serve: a draft is never among them, and its publication shows at once."""
    city = CityFactory(name="Atlantis", status=PublicationStatus.DRAFT)
    assert "Atlantis" not in rendered_get(path).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        run_action(publisher_client, City, "publish_selected", city)
    assert "Atlantis" in rendered_get(path).content.decode()


def test_a_new_host_city_is_offered_at_once_by_the_meetings_filter(
    django_capture_on_commit_callbacks,
):
    assert "Atlantis" not in rendered_get("/plenaries/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        MeetingFactory(number=80, host_city=CityFactory(name="Atlantis", slug="atlantis"))
    assert 'value="atlantis">Atlantis<' in rendered_get("/plenaries/").content.decode()


NEWS = "A new outcome came to light."


def add_outcome(path):
    """Something shown in the body of each page: an outcome, a clause, a project..."""
    meeting = PlenaryMeeting.objects.get(number=9)
    declaration = meeting.declarations.get()
    if path == "/declarations/":
        DeclarationFactory(title=NEWS, meeting__number=90)
    elif path == "/projects/":
        JointProjectFactory(name=NEWS)
    elif path == "/sources/":
        SourceFactory(title=NEWS, date="2030-01-01")
    elif path.startswith("/plenaries/"):
        OutcomeFactory(meeting=meeting, text=NEWS)
    elif path.startswith("/declarations/"):
        clause = declaration.clauses.get(number=3)
        clause.text = NEWS
        clause.save()
    else:
        JointProjectFactory(name=NEWS).cities.add(City.objects.get(slug="tokyo"))


@pytest.mark.parametrize(
    "path",
    [
        "/plenaries/9/",
        "/declarations/tokyo-declaration/",
        "/declarations/tokyo-declaration/clauses/3/",
        "/cities/tokyo/",
        "/declarations/",
        "/projects/",
        "/sources/",
    ],
)
def test_a_page_rendered_again_for_a_signed_in_reader_shows_a_change_at_once(
    path, django_capture_on_commit_callbacks
):
    """The body of a page is kept under the record's version: read again, it is the same
    page without reading the record again; any change to the record shows at once."""
    first = rendered_get(path)
    assert rendered_get(path).content == first.content
    with django_capture_on_commit_callbacks(execute=True):
        add_outcome(path)
    assert NEWS in rendered_get(path).content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/plenaries/",
        "/plenaries/?city=tokyo",
        "/plenaries/9/",
        "/declarations/",
        "/declarations/tokyo-declaration/",
        "/declarations/tokyo-declaration/clauses/3/",
        "/cities/",
        "/cities/?standing=member",
        "/cities/tokyo/",
        "/projects/",
        "/projects/crisis-management/",
        "/sources/",
        "/contacts/",
        "/contacts/?organisation=Tokyo",
        "/changes/",
        "/search/?q=tokyo+declaration",
        "/search/?q=environment&type=clauses",
        "/ja/plenaries/9/",
        "/ja/declarations/tokyo-declaration/",
    ],
)
def test_a_kept_page_is_the_page_as_rendered_without_reading_the_record(
    path, django_assert_max_num_queries
):
    """Kept for the record's version, a page (its body, head links, title, breadcrumbs,
    schema.org data and change log) is served again to readers the page cache does not serve
    without a query: the version says the record is as it was, and published."""
    first = rendered_get(path)
    assert first.status_code == 200
    with django_assert_max_num_queries(0):
        again = rendered_get(path)
    assert again.content == first.content
    assert again["Content-Language"] == first["Content-Language"]


@pytest.mark.parametrize(
    ("path", "make"),
    [
        ("/contacts/?page=2", lambda: InquiryContactFactory.create_batch(25)),
        ("/sources/?page=2", lambda: SourceFactory.create_batch(55, date="2011-01-01")),
    ],
)
def test_a_later_page_of_a_list_is_kept_too(path, make, django_assert_max_num_queries):
    make()
    first = rendered_get(path)
    assert first.status_code == 200
    with django_assert_max_num_queries(0):
        again = rendered_get(path)
    assert again.status_code == 200
    assert again.content == first.content
    # The page cache's anonymous reader of a kept later page gets it too.
    assert anonymous_get(path).content == first.content


def test_a_refused_filter_is_never_kept():
    """A filter refused (400) is answered with the form's errors, each time."""
    for _ in range(2):
        response = rendered_get("/plenaries/?year=1066")
        assert response.status_code == 400
        assert "1066 is not one of the available choices" in response.content.decode()


def test_a_staff_preview_of_a_draft_never_uses_a_kept_page(
    staff_client, django_capture_on_commit_callbacks
):
    """A draft at an address whose published page was kept: staff get the draft's preview."""
    path = "/cities/tokyo/"
    rendered_get(path)
    with django_capture_on_commit_callbacks(execute=True):
        City.objects.filter(slug="tokyo").update(status=PublicationStatus.DRAFT)
        record_changed()
    preview = staff_client.get(path)
    assert preview.status_code == 200
    assert "no-store" in preview["Cache-Control"]
    assert rendered_get(path).status_code == 404


def test_a_hidden_contact_is_never_kept_on_the_contacts_page(django_capture_on_commit_callbacks):
    """The lookup's body is kept for every reader: a contact not marked public is never in it,
    and once marked public it shows at once."""
    contact = InquiryContactFactory(person="Hidden Person", is_public=False)
    assert "Hidden Person" not in rendered_get("/contacts/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        contact.is_public = True
        contact.save()
    assert "Hidden Person" in rendered_get("/contacts/").content.decode()


def test_the_change_log_shows_a_publication_at_once(
    publisher_client, django_capture_on_commit_callbacks
):
    rendered_get("/changes/")
    city = CityFactory(name="Atlantis", status=PublicationStatus.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        run_action(publisher_client, City, "publish_selected", city)
    assert "Atlantis" in rendered_get("/changes/").content.decode()


@pytest.mark.parametrize("path", ["/api/v1/clauses/", "/sitemap.xml", "/sitemap-clauses.xml"])
def test_an_answer_kept_for_every_reader_shows_a_change_at_once(
    path, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    """An API list page and the sitemaps are kept under the record's version for readers the
    page cache does not serve: read again without a query, and new at once after a change."""
    declaration = DeclarationFactory(title="Lantern Declaration", slug="lantern")
    first = rendered_get(path)
    with django_assert_max_num_queries(0):
        again = rendered_get(path)
    assert again.content == first.content
    with django_capture_on_commit_callbacks(execute=True):
        ClauseFactory(declaration=declaration, number=1, text="A lantern in every street.")
    assert rendered_get(path).content != first.content


def test_a_new_release_never_serves_a_page_an_earlier_one_rendered():
    """A deploy that changes a template or a translation shows at once, record unchanged."""
    assert anonymous_get("/plenaries/")["X-Cache"] == "miss"
    assert anonymous_get("/plenaries/")["X-Cache"] == "hit"
    release.cache_clear()
    try:
        with override_settings(RELEASE="next"):
            assert anonymous_get("/plenaries/")["X-Cache"] == "miss"
    finally:
        release.cache_clear()


def test_the_release_is_named_by_the_sites_files_not_their_dates(tmp_path, settings):
    settings.RELEASE = ""
    template = tmp_path / "page.html"
    template.write_text("<p>One</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]

    def named():
        release.cache_clear()
        return release()

    try:
        first = named()
        os.utime(template, (0, 0))
        assert named() == first
        template.write_text("<p>Two</p>")
        assert named() != first
    finally:
        release.cache_clear()
