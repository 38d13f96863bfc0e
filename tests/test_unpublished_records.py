"""Nothing unpublished reaches the public: a draft of every kind, linked to published records,
and a private contact, appear on no public page, download, feed, sitemap or search."""

import pytest
from django.urls import reverse

from core.navigation import NAVIGATION
from declarations.models import Clause, Declaration
from plenaries.models import City, JointProject, PlenaryMeeting, Source
from public.sitemaps import SITEMAPS

from .factories import (
    CityFactory,
    ClauseFactory,
    DeclarationFactory,
    InquiryContactFactory,
    JointProjectFactory,
    MeetingFactory,
    MembershipFactory,
    ParticipationFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

# The name each unpublished record is known by: none may appear anywhere public.
# Words found nowhere else in the record, so that search for them must find nothing.
SECRETS = {
    "draft city": "Atlantis",
    "draft meeting": "Zanzibar",
    "draft declaration": "Xanadu Pledge",
    "declaration of a draft meeting": "Quokka Charter",
    "draft joint project": "Nightjar",
    "draft press release": "Wombat bulletin",
    "private contact": "Ottoline Vexbridge",
}


@pytest.fixture
def drafts():
    """Drafts of every kind, each linked to records of the shipped, published record."""
    meeting = PlenaryMeeting.objects.get(number=9)
    declaration = Declaration.objects.get(slug="tokyo-declaration")
    tokyo = City.objects.get(slug="tokyo")
    project = JointProject.objects.get(slug="jet-passenger-plane")
    release = Source.objects.get(slug="2010-11-09-tokyo-declaration")

    city = CityFactory(name=SECRETS["draft city"], status="draft")
    ParticipationFactory(meeting=meeting, city=city, role="member")
    MembershipFactory(city=city)
    declaration.signatories.add(city)
    project.cities.add(city)

    draft_meeting = MeetingFactory(
        number=12, host_city=tokyo, year=2013, summary=SECRETS["draft meeting"], status="draft"
    )
    Clause.objects.get(declaration=declaration, number=5).meetings_named.add(draft_meeting)
    project.meetings.add(draft_meeting)
    ParticipationFactory(meeting=draft_meeting, city=tokyo, role="host")
    DeclarationFactory(title=SECRETS["draft declaration"], meeting=meeting, status="draft")
    orphan = DeclarationFactory(
        title=SECRETS["declaration of a draft meeting"], meeting=draft_meeting
    )
    ClauseFactory(declaration=orphan, number=1, text="A Quokka clause.")

    draft_project = JointProjectFactory(name=SECRETS["draft joint project"], status="draft")
    draft_project.meetings.add(meeting)
    draft_project.cities.add(tokyo)
    Clause.objects.get(declaration=declaration, number=1).joint_projects.add(draft_project)

    SourceFactory(title=SECRETS["draft press release"], meeting=meeting, status="draft")
    release.contacts.add(InquiryContactFactory(person=SECRETS["private contact"], is_public=False))


def public_addresses():
    """Every public page, rendering, download, feed and search a reader can reach."""
    addresses = [section.url for section in NAVIGATION]
    addresses += [meeting.get_absolute_url() for meeting in PlenaryMeeting.objects.published()]
    addresses += [
        reverse("plenaries:meeting_json", args=[n])
        for n in PlenaryMeeting.objects.published().values_list("number", flat=True)
    ]
    for declaration in Declaration.objects.published():
        slug = declaration.slug
        addresses += [declaration.get_absolute_url(), f"/declarations/{slug}.txt"]
        addresses += [f"/declarations/{slug}.json"]
        addresses += [clause.get_page_url() for clause in declaration.clauses.all()]
    addresses += [city.get_absolute_url() for city in City.objects.published()]
    addresses += [project.get_absolute_url() for project in JointProject.objects.published()]
    addresses += ["/sitemap.xml", "/feeds/meetings/", "/feeds/declarations/"]
    addresses += [f"/sitemap-{section}.xml" for section in SITEMAPS]
    addresses += ["/data/anmc21-record.json", "/data/anmc21-meetings.csv"]
    addresses += ["/contacts/?meeting=9", "/contacts/?name=Vexbridge"]
    return addresses


def test_no_unpublished_record_appears_anywhere_public(client, drafts):
    leaks = []
    for address in public_addresses():
        response = client.get(address)
        assert response.status_code == 200, address
        content = response.getvalue().decode()
        leaks += [f"{kind} on {address}" for kind, name in SECRETS.items() if name in content]
    assert leaks == []


@pytest.mark.parametrize("name", SECRETS.values())
def test_search_finds_no_unpublished_record(client, drafts, name):
    for word in name.split():
        content = client.get("/search/", {"q": word}).getvalue().decode()
        # the page repeats the words searched for, and finds nothing
        assert "Nothing in the record matches" in content, word


def test_the_drafts_are_there_for_staff(editor_client, drafts):
    """The test above would pass on an empty page: staff previewing the draft meeting see it."""
    content = editor_client.get("/plenaries/12/").getvalue().decode()
    assert SECRETS["draft meeting"] in content
