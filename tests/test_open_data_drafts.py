"""No open-data address serves a draft: the API, calendars, Popolo, Akoma Ntoso, the tables
and their data package, citations and feeds, with a draft of every kind linked to published
records (the fixture of test_unpublished_records, and a draft meeting's event)."""

import pytest

from plenaries.models import PlenaryMeeting, RelatedEvent
from public.tables import TABLES

from .factories import RelatedEventFactory
from .test_unpublished_records import SECRETS
from .test_unpublished_records import drafts as drafts  # the fixture, used by name

pytestmark = pytest.mark.django_db

EVENT_OF_DRAFT_MEETING = "Yeti fair"

API_LISTS = [
    "meetings",
    "participations",
    "events",
    "cities",
    "memberships",
    "declarations",
    "clauses",
    "projects",
    "sources",
    "contacts",
]
PUBLISHED_ADDRESSES = [
    "/api/v1/",
    *(f"/api/v1/{name}/?page_size=200" for name in API_LISTS),
    "/api/v1/meetings/9/",
    "/api/v1/meetings/10/",
    "/api/v1/participations/?meeting=9",
    "/api/v1/events/?meeting=9",
    "/api/v1/cities/tokyo/",
    "/api/v1/declarations/tokyo-declaration/",
    "/api/v1/declarations/tokyo-declaration/clauses/1/",
    "/api/v1/declarations/tokyo-declaration/clauses/5/",
    "/api/v1/clauses/?text=Quokka",
    "/api/v1/projects/jet-passenger-plane/",
    "/api/v1/contacts/?text=Vexbridge",
    "/plenaries/calendar.ics",
    "/plenaries/9.ics",
    "/plenaries/9/cite.json",
    "/declarations/tokyo-declaration.akn.xml",
    "/declarations/tokyo-declaration/cite.ris",
    "/declarations/tokyo-declaration/clauses/5/cite.bib",
    "/data/popolo.json",
    "/data/datapackage.json",
    *(f"/data/csv/{table.name}.csv" for table in TABLES),
    "/data/anmc21-record.json",
    "/feeds/meetings/",
    "/feeds/declarations/",
]
DRAFT_ADDRESSES = [
    "/api/v1/meetings/12/",
    "/api/v1/cities/atlantis/",
    "/api/v1/declarations/xanadu-pledge/",
    "/api/v1/declarations/quokka-charter/",
    "/api/v1/declarations/quokka-charter/clauses/1/",
    "/api/v1/projects/nightjar/",
    "/api/v1/sources/wombat-bulletin/",
    "/plenaries/12.ics",
    "/plenaries/12/cite.bib",
    "/declarations/xanadu-pledge.akn.xml",
    "/declarations/quokka-charter.akn.xml",
    "/declarations/quokka-charter/cite.json",
    "/declarations/quokka-charter/clauses/1/cite.ris",
]


@pytest.fixture
def all_drafts(drafts):
    event = RelatedEventFactory(
        meeting=PlenaryMeeting.objects.get(number=12), name=EVENT_OF_DRAFT_MEETING, dates="2013"
    )
    return {**SECRETS, "event of a draft meeting": event.name}


@pytest.mark.parametrize("address", PUBLISHED_ADDRESSES)
def test_open_data_serves_no_draft(client, all_drafts, address):
    response = client.get(address)
    assert response.status_code == 200, address
    content = response.getvalue().decode("utf-8-sig")
    assert [kind for kind, name in all_drafts.items() if name in content] == []


@pytest.mark.parametrize("address", DRAFT_ADDRESSES)
def test_a_draft_has_no_open_data_address(client, all_drafts, address):
    assert client.get(address).status_code == 404


def test_event_of_a_draft_meeting_has_no_address(client, all_drafts):
    event = RelatedEvent.objects.get(name=EVENT_OF_DRAFT_MEETING)
    assert client.get(f"/api/v1/events/{event.pk}/").status_code == 404
    assert client.get(f"/plenaries/12/events/{event.pk}.ics").status_code == 404


def test_the_api_shows_staff_no_draft_either(editor_client, all_drafts):
    """Staff preview drafts on the site's pages; the API is the same for everyone."""
    assert editor_client.get("/plenaries/12/").status_code == 200
    assert editor_client.get("/api/v1/meetings/12/").status_code == 404
