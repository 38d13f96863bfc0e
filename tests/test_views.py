"""The first public pages show every fact of the source document, and only published records."""

import re
from pathlib import Path

import pytest

from plenaries.models import PlenaryMeeting

from .factories import (
    ClauseFactory,
    DeclarationFactory,
    InquiryContactFactory,
    MeetingFactory,
    ParticipationFactory,
    PressReleaseFactory,
)
from .helpers import page_text

pytestmark = pytest.mark.django_db

SOURCE = Path(__file__).resolve().parent.parent / "docs/sources/tokyo-2010-press-release.txt"


def page_text_of(client, url):
    return page_text(client.get(url))


@pytest.fixture
def meeting_page(client, record):
    return page_text_of(client, "/plenaries/9/")


@pytest.fixture
def declaration_page(client, record):
    return page_text_of(client, "/declarations/tokyo-declaration/")


def source_clauses():
    text = SOURCE.read_text()
    declaration = text[text.index("we hereby declare the following:") :]
    return dict(re.findall(r"^(\d)\. (.+)$", declaration, flags=re.MULTILINE))


def test_meeting_page_shows_number_host_and_dates(meeting_page):
    assert "9th Plenary Meeting" in meeting_page
    assert "Tokyo" in meeting_page
    assert "8–9 November 2010" in meeting_page


def test_meeting_page_shows_it_was_the_second_in_tokyo_after_2001(meeting_page):
    assert "The 2nd plenary meeting held in Tokyo" in meeting_page
    assert "meeting 1 (2001)" in meeting_page


def test_meeting_page_lists_participants_by_role_with_first_timer(client, record):
    response = client.get("/plenaries/9/")
    content = response.content.decode()
    for city in [
        "Bangkok", "Delhi", "Hanoi", "Jakarta", "Kuala Lumpur", "Metropolitan Manila",
        "Seoul", "Singapore", "Taipei", "Tokyo", "Yangon", "Tomsk",
    ]:  # fmt: skip
        assert city in content
    observers = content[content.index("<h3>Observer</h3>") :]
    assert re.search(
        r'<a href="/cities/tomsk/">Tomsk</a>\s*<span class="badge">first time as observer</span>',
        observers,
    )


def test_meeting_page_shows_each_outcome_in_order(meeting_page):
    outcomes = [
        "the first meeting was held in Tokyo when the network was established in 2001",
        "it was agreed to strengthen cooperation in the areas of environment and industry",
        "invited to the Welcome Reception in order to promote economic exchange",
        "linked with the Tokyo Industrial Exhibition 2010",
        "An Asia zone was established for the first time",
        "Business talks and seminars were held",
        "It was agreed to start working-level meetings",
        "the next plenary meeting will be hosted by Seoul",
        "Tomsk (Russia) attended the plenary as an observer for the first time",
        "The ANMC21 Exhibition was held to give the citizens of Tokyo",
        "Held from November 6 (Sat.) to 9 (Tues.)",
    ]
    positions = [meeting_page.index(outcome) for outcome in outcomes]
    assert positions == sorted(positions)


def test_meeting_page_shows_related_events_with_dates(meeting_page):
    for name in [
        "Welcome Reception",
        "Tokyo Industrial Exhibition 2010",
        "Asia zone",
        "Business talks and seminars",
        "ANMC21 Exhibition",
    ]:
        assert name in meeting_page
    assert "6–9 November 2010" in meeting_page


def test_meeting_page_links_the_next_meeting_in_seoul(client, record):
    response = client.get("/plenaries/9/")
    assert 'rel="next" href="/plenaries/10/"' in response.content.decode()
    announced = page_text_of(client, "/plenaries/10/")
    assert "Seoul" in announced
    assert "2011, date to be set" in announced


def test_meeting_page_shows_press_release_and_inquiry_contact(client, meeting_page):
    assert "9 November 2010" in meeting_page
    assert "Headquarters of the Governor" in meeting_page
    assert "Tokyo Metropolitan Government" in meeting_page
    assert "Inquiries (in Japanese)" in meeting_page
    assert "Mikiko Yoshimura" in meeting_page
    assert "International Joint Projects" in meeting_page
    assert "International Affairs Division" in meeting_page
    assert "03-5388-2234" in meeting_page
    assert "+81 3-5388-2234" in meeting_page
    assert 'href="tel:+81353882234"' in client.get("/plenaries/9/").content.decode()


def test_meeting_page_shows_the_joint_projects_reported(meeting_page):
    assert "small to medium-sized jet passenger plane" in meeting_page
    assert "crisis management" in meeting_page
    assert "infectious diseases" in meeting_page


def test_declaration_page_shows_adoption_and_preamble(declaration_page):
    assert "Tokyo Declaration" in declaration_page
    assert "9 November 2010" in declaration_page
    assert "We, the representatives of Bangkok, Delhi, Hanoi" in declaration_page
    assert "At this start of the tenth year of the ANMC21" in declaration_page


@pytest.mark.parametrize("number", ["1", "2", "3", "4", "5"])
def test_declaration_page_shows_each_clause_verbatim_with_anchor(client, record, number):
    response = client.get("/declarations/tokyo-declaration/")
    content = response.content.decode()
    assert f'id="clause-{number}"' in content
    assert f'href="#clause-{number}"' in content
    text = page_text_of(client, "/declarations/tokyo-declaration/")
    assert source_clauses()[number] in text


def test_declaration_signatories_exclude_the_observer(client, record):
    content = client.get("/declarations/tokyo-declaration/").content.decode()
    signatories = content[content.index('id="signatories-heading"') :]
    assert "Yangon" in signatories
    assert "Tomsk" not in signatories


def test_draft_meeting_is_not_public(client):
    MeetingFactory(number=12, status="draft")
    assert client.get("/plenaries/12/").status_code == 404


def test_unknown_meeting_is_404(client):
    assert client.get("/plenaries/999/").status_code == 404


def test_draft_declaration_is_not_public(client):
    DeclarationFactory(slug="draft-declaration", status="draft")
    assert client.get("/declarations/draft-declaration/").status_code == 404


def test_declaration_of_a_draft_meeting_is_not_public(client):
    DeclarationFactory(slug="early", meeting=MeetingFactory(status="draft"))
    assert client.get("/declarations/early/").status_code == 404


def test_private_contact_is_not_shown(client):
    release = PressReleaseFactory()
    release.contacts.add(
        InquiryContactFactory(person="Public Person"),
        InquiryContactFactory(person="Private Person", is_public=False),
    )
    content = client.get(release.meeting.get_absolute_url()).content.decode()
    assert "Public Person" in content
    assert "Private Person" not in content


def test_meeting_page_query_count_does_not_grow_with_data(client, django_assert_max_num_queries):
    meeting = MeetingFactory(number=50)
    ParticipationFactory.create_batch(40, meeting=meeting)
    for release in PressReleaseFactory.create_batch(5, meeting=meeting):
        release.contacts.add(*InquiryContactFactory.create_batch(3))
    DeclarationFactory.create_batch(3, meeting=meeting)
    MeetingFactory.create_batch(20)
    with django_assert_max_num_queries(15):
        assert client.get(meeting.get_absolute_url()).status_code == 200


def test_declaration_page_query_count_does_not_grow_with_clauses(
    client, django_assert_max_num_queries
):
    declaration = DeclarationFactory(slug="big")
    ClauseFactory.create_batch(60, declaration=declaration)
    with django_assert_max_num_queries(10):
        assert client.get("/declarations/big/").status_code == 200


def test_only_published_meetings_are_linked_as_neighbours(client):
    MeetingFactory(number=1)
    MeetingFactory(number=2, status="draft")
    MeetingFactory(number=3)
    content = client.get("/plenaries/3/").content.decode()
    assert 'href="/plenaries/1/"' in content
    assert "/plenaries/2/" not in content
    assert PlenaryMeeting.objects.count() == 3


def test_undated_past_meeting_says_dates_not_recorded(client, record):
    first = page_text_of(client, "/plenaries/1/")
    assert "2001 (dates not recorded)" in first
    assert "date to be set" not in first


def test_staff_preview_a_draft_meeting_on_its_public_page(staff_client):
    MeetingFactory(number=13, status="draft")
    assert staff_client.get("/plenaries/13/").status_code == 200


def test_staff_preview_a_draft_declaration(staff_client):
    DeclarationFactory(slug="draft-declaration", status="draft")
    assert staff_client.get("/declarations/draft-declaration/").status_code == 200


def test_participant_whose_city_is_a_draft_is_named_but_not_linked(client):
    participation = ParticipationFactory(city__name="Draftville", city__status="draft")
    content = client.get(participation.meeting.get_absolute_url()).content.decode()
    assert "Draftville" in content
    assert "/cities/draftville/" not in content
