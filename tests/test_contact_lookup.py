"""The inquiry contact lookup: public contacts only, found by name, unit, meeting or topic."""

import pytest

from core.forms import LongChoicesMixin
from plenaries.models import PlenaryMeeting

from .factories import (
    InquiryContactFactory,
    MeetingFactory,
    OrganisationUnitFactory,
    SourceFactory,
    TopicFactory,
)
from .helpers import page_text

pytestmark = pytest.mark.django_db


def test_lookup_shows_the_contact_with_unit_path_phone_and_language(client):
    response = client.get("/contacts/")
    text = page_text(response)
    assert "Mikiko Yoshimura" in text
    for unit in [
        "International Joint Projects",
        "International Affairs Division",
        "Headquarters of the Governor",
        "Tokyo Metropolitan Government",
    ]:
        assert unit in text
    assert "03-5388-2234" in text
    assert "+81 3-5388-2234" in text
    assert "Answers in Japanese" in text
    assert "For: 9th Plenary Meeting (Tokyo, 2010)" in text
    assert 'href="tel:+81353882234"' in response.content.decode()


def test_lookup_shows_email_when_there_is_one(client):
    InquiryContactFactory(person="Mail Person", email="office@example.org")
    assert 'href="mailto:office@example.org"' in client.get("/contacts/").content.decode()


def test_lookup_leaves_out_private_contacts(client):
    InquiryContactFactory(person="Public Person")
    InquiryContactFactory(person="Private Person", is_public=False)
    content = client.get("/contacts/").content.decode()
    assert "Public Person" in content
    assert "Private Person" not in content


@pytest.fixture
def two_contacts(db):
    """Two public contacts in different sections of different divisions of one government."""
    government = OrganisationUnitFactory(name="Metro Government", kind="government")
    affairs = OrganisationUnitFactory(name="Affairs Division", kind="division", parent=government)
    health = OrganisationUnitFactory(name="Health Division", kind="division", parent=government)
    projects = OrganisationUnitFactory(name="Projects Section", kind="section", parent=affairs)
    clinics = OrganisationUnitFactory(name="Clinics Section", kind="section", parent=health)
    first = InquiryContactFactory(person="Aiko Sato", unit=projects)
    second = InquiryContactFactory(person="Ben Kim", unit=clinics)
    first.topics.add(TopicFactory(slug="environment", name="Environment"))
    second.topics.add(TopicFactory(slug="health", name="Health"))
    SourceFactory(meeting=MeetingFactory(number=30)).contacts.add(first)
    SourceFactory(meeting=MeetingFactory(number=31)).contacts.add(second)


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ({"name": "sato"}, "Aiko Sato", "Ben Kim"),
        ({"section": "clinics"}, "Ben Kim", "Aiko Sato"),
        ({"division": "affairs"}, "Aiko Sato", "Ben Kim"),
        ({"organisation": "health"}, "Ben Kim", "Aiko Sato"),
        ({"meeting": "30"}, "Aiko Sato", "Ben Kim"),
        ({"topic": "health"}, "Ben Kim", "Aiko Sato"),
    ],
)
def test_lookup_filters_contacts(client, two_contacts, query, found, not_found):
    response = client.get("/contacts/", query)
    assert response.status_code == 200
    content = response.content.decode()
    assert found in content
    assert not_found not in content


def test_lookup_division_filter_ignores_a_section_of_that_name(client, two_contacts):
    content = client.get("/contacts/", {"division": "projects"}).content.decode()
    assert "No public contact matches these filters." in content


def test_organisation_filter_matches_any_unit_above(client, two_contacts):
    content = client.get("/contacts/", {"organisation": "metro"}).content.decode()
    assert "Aiko Sato" in content
    assert "Ben Kim" in content


def test_contact_named_only_in_a_draft_press_release_shows_no_meeting(client):
    contact = InquiryContactFactory(person="Quiet Person")
    SourceFactory(meeting=MeetingFactory(number=40), status="draft").contacts.add(contact)
    SourceFactory(meeting=MeetingFactory(number=41, status="draft")).contacts.add(contact)
    content = client.get("/contacts/", {"name": "Quiet"}).content.decode()
    assert "Quiet Person" in content
    assert "For:" not in page_text_of_contacts(content)
    assert "/plenaries/40/" not in content
    assert "41st Plenary Meeting" not in content
    assert "No public contact" in client.get("/contacts/", {"meeting": "40"}).content.decode()


def page_text_of_contacts(content):
    return content[content.index('<ul class="contacts">') :]


def test_meeting_filter_offers_only_published_meetings(client):
    MeetingFactory(number=50)
    MeetingFactory(number=51, status="draft")
    content = client.get("/contacts/").content.decode()
    assert '<option value="50">' in content
    assert '<option value="51">' not in content


@pytest.mark.parametrize("query", [{"meeting": "abc"}, {"meeting": "51"}, {"topic": "nope"}])
def test_lookup_refuses_a_bad_filter_with_400(client, query):
    MeetingFactory(number=51, status="draft")
    response = client.get("/contacts/", query)
    assert response.status_code == 400
    assert "Some filters could not be used" in response.content.decode()


def test_lookup_is_paginated(client):
    unit = OrganisationUnitFactory()
    for number in range(25):
        InquiryContactFactory(person=f"Person {number:02d}", unit=unit)
    first = client.get("/contacts/", {"name": "Person"}).content.decode()
    assert "Person 19" in first
    assert "Person 20" not in first
    second = client.get("/contacts/", {"name": "Person", "page": "2"}).content.decode()
    assert "Person 20" in second


def test_lookup_out_of_range_page_is_404(client):
    InquiryContactFactory()
    assert client.get("/contacts/", {"page": "99"}).status_code == 404


@pytest.fixture
def long_lists(monkeypatch):
    """Lists "long" past two choices: the text box that thousands of meetings would bring."""
    monkeypatch.setattr(LongChoicesMixin, "max_listed", 2)


@pytest.mark.parametrize("by_name", [False, True])
def test_a_long_list_of_meetings_takes_one_typed_by_number_or_name(
    client, two_contacts, long_lists, by_name
):
    MeetingFactory(number=32, status="draft")
    typed = str(PlenaryMeeting.objects.get(number=30)).upper() if by_name else "30"
    response = client.get("/contacts/", {"meeting": typed})
    assert response.status_code == 200
    content = response.content.decode()
    assert '<input type="text" name="meeting"' in content
    assert '<option value="30">' not in content
    assert "Aiko Sato" in content
    assert "Ben Kim" not in content


@pytest.mark.parametrize("typed", ["32", "99", "30th Plenary Meeting (Atlantis, 1999)", "9" * 30])
def test_a_long_list_of_meetings_refuses_one_it_does_not_offer(
    client, two_contacts, long_lists, typed
):
    MeetingFactory(number=32, status="draft")
    assert client.get("/contacts/", {"meeting": typed}).status_code == 400
