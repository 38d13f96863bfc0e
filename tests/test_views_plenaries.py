"""Home, meetings, cities and joint projects: what a visitor came for is there; drafts are not."""

import pytest

from plenaries.models import MembershipStatus

from .factories import (
    CityFactory,
    ClauseFactory,
    DeclarationFactory,
    JointProjectFactory,
    MeetingFactory,
    MembershipFactory,
    ParticipationFactory,
)
from .helpers import page_text, section, structured_data

pytestmark = pytest.mark.django_db


def test_home_says_what_the_network_is_and_since_when(client, record):
    text = page_text(client.get("/"))
    assert "Asian Network of Major Cities 21" in text
    assert "ANMC21, since 2001" in text


def test_home_lists_member_and_observer_cities(client, record):
    content = client.get("/").content.decode()
    members = section(content, "members-heading")
    assert "Member cities (11)" in members
    assert 'href="/cities/yangon/"' in members
    assert "Observer cities (1)" in members
    assert 'href="/cities/tomsk/"' in members


def test_home_shows_latest_and_next_meeting(client, record):
    content = client.get("/").content.decode()
    latest = section(content, "latest-heading")
    assert 'href="/plenaries/9/"' in latest
    assert "8–9 November 2010" in page_text_of(latest)
    upcoming = section(content, "next-heading")
    assert 'href="/plenaries/10/"' in upcoming
    assert "Seoul, 2011, date to be set" in page_text_of(upcoming)


def page_text_of(fragment):
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment))


def test_home_timeline_lists_meetings_by_year_and_host_city(client, record):
    timeline = page_text_of(section(client.get("/").content.decode(), "timeline-heading"))
    first, ninth, tenth = (timeline.index(f"{year} {n}") for year, n in [
        (2001, "1st"), (2010, "9th"), (2011, "10th"),
    ])  # fmt: skip
    assert first < ninth < tenth
    assert "2010 9th Plenary Meeting Tokyo" in timeline
    assert "2011 10th Plenary Meeting Seoul" in timeline


def test_home_leaves_out_draft_meetings_and_cities(client, record):
    draft_city = CityFactory(name="Draftville", status="draft")
    MembershipFactory(city=draft_city)
    MeetingFactory(number=11, status="draft", host_city=draft_city)
    MembershipFactory(city=CityFactory(name="Hiddenburg", status="draft"))
    content = client.get("/").content.decode()
    assert "/plenaries/11/" not in content
    assert "Draftville" not in content
    assert "Hiddenburg" not in content


def test_home_describes_the_network_as_an_organization(client, record):
    data = structured_data(client.get("/"))
    assert data["@type"] == "Organization"
    assert data["name"] == "Asian Network of Major Cities 21"
    assert data["foundingDate"] == "2001"
    assert {"Tokyo", "Seoul", "Tomsk"} <= {member["name"] for member in data["member"]}


def test_meeting_list_shows_every_meeting_newest_first(client, record):
    content = client.get("/plenaries/").content.decode()
    positions = [content.index(f'href="/plenaries/{n}/"') for n in (10, 9, 1)]
    assert positions == sorted(positions)
    assert 'href="/declarations/tokyo-declaration/"' in content


def test_meeting_list_filters_by_host_city(client, record):
    content = client.get("/plenaries/", {"city": "seoul"}).content.decode()
    assert 'href="/plenaries/10/"' in content
    assert 'href="/plenaries/9/"' not in content


def test_meeting_list_filters_by_year(client, record):
    content = client.get("/plenaries/", {"year": "2001"}).content.decode()
    assert 'href="/plenaries/1/"' in content
    assert 'href="/plenaries/9/"' not in content


def test_meeting_list_filter_form_offers_host_cities_and_years(client, record):
    content = client.get("/plenaries/").content.decode()
    assert '<option value="tokyo">Tokyo</option>' in content
    assert '<option value="2011">2011</option>' in content
    assert '<option value="bangkok">' not in content


def test_meeting_list_leaves_out_drafts(client):
    MeetingFactory(number=3)
    MeetingFactory(number=4, status="draft")
    content = client.get("/plenaries/").content.decode()
    assert 'href="/plenaries/3/"' in content
    assert "/plenaries/4/" not in content


@pytest.mark.parametrize("query", [{"year": "abc"}, {"year": "1999"}, {"city": "atlantis"}])
def test_meeting_list_refuses_a_filter_it_does_not_know_with_400(client, record, query):
    response = client.get("/plenaries/", query)
    assert response.status_code == 400
    assert "Some filters could not be used" in response.content.decode()


def test_meeting_page_links_host_city_and_reported_projects(client, record):
    content = client.get("/plenaries/9/").content.decode()
    assert 'href="/cities/tokyo/"' in content
    assert 'href="/projects/jet-passenger-plane/"' in content


def test_meeting_page_describes_the_meeting_as_an_event(client, record):
    data = structured_data(client.get("/plenaries/9/"))
    assert data["@type"] == "Event"
    assert data["startDate"] == "2010-11-08"
    assert data["endDate"] == "2010-11-09"
    assert data["location"]["address"]["addressLocality"] == "Tokyo"
    assert data["organizer"]["name"] == "Asian Network of Major Cities 21"
    attendees = {attendee["name"] for attendee in data["attendee"]}
    assert len(attendees) == 12
    assert "Tomsk" in attendees


def test_announced_meeting_event_gives_only_its_year(client, record):
    data = structured_data(client.get("/plenaries/10/"))
    assert data["startDate"] == "2011"
    assert "endDate" not in data
    assert data["location"]["address"]["addressLocality"] == "Seoul"


def test_city_list_groups_members_and_observers(client, record):
    content = client.get("/cities/").content.decode()
    members, observers = content.index("Member cities"), content.index("Observer cities")
    assert members < content.index('href="/cities/yangon/"') < observers
    assert content.index('href="/cities/tomsk/"') > observers


def test_city_list_leaves_out_draft_cities(client):
    MembershipFactory(city=CityFactory(name="Shown"))
    MembershipFactory(city=CityFactory(name="Hidden", status="draft"))
    content = client.get("/cities/").content.decode()
    assert "Shown" in content
    assert "Hidden" not in content


def test_city_page_shows_standing_history_meetings_attended_and_hosted(client, record):
    tomsk = page_text(client.get("/cities/tomsk/"))
    assert "Observer since 2010" in tomsk
    assert "9th Plenary Meeting · Tokyo · 8–9 November 2010 · Observer first time as observer" in (
        tomsk
    )
    tokyo = client.get("/cities/tokyo/").content.decode()
    hosted = section(tokyo, "hosted-heading")
    assert 'href="/plenaries/1/"' in hosted
    assert 'href="/plenaries/9/"' in hosted
    assert 'href="/plenaries/10/"' not in hosted


def test_city_page_shows_joint_projects_but_not_drafts(client):
    city = CityFactory(slug="osaka")
    JointProjectFactory(name="Shared project").cities.add(city)
    JointProjectFactory(name="Draft project", status="draft").cities.add(city)
    content = client.get("/cities/osaka/").content.decode()
    assert "Shared project" in content
    assert "Draft project" not in content


def test_city_page_leaves_out_draft_meetings(client):
    city = CityFactory(slug="osaka")
    MeetingFactory(number=20, host_city=city)
    ParticipationFactory(meeting=MeetingFactory(number=21, status="draft"), city=city)
    MeetingFactory(number=22, host_city=city, status="draft")
    content = client.get("/cities/osaka/").content.decode()
    assert "/plenaries/20/" in content
    assert "/plenaries/21/" not in content
    assert "/plenaries/22/" not in content


def test_city_standing_follows_the_latest_membership(client):
    city = CityFactory(slug="manila")
    MembershipFactory(city=city, status=MembershipStatus.OBSERVER, since_year=2003, until_year=2005)
    MembershipFactory(city=city, status=MembershipStatus.MEMBER, since_year=2006)
    text = page_text(client.get("/cities/manila/"))
    assert "Standing Member since 2006" in text
    assert "Observer, 2003–2005" in text
    assert "Member, since 2006" in text


def test_draft_city_is_not_public(client):
    CityFactory(slug="hidden", status="draft")
    assert client.get("/cities/hidden/").status_code == 404


def test_project_list_groups_projects_by_area(client, record):
    text = page_text(client.get("/projects/"))
    assert text.index("Industry") < text.index("small to medium-sized jet passenger plane")
    assert text.index("Crisis management") < text.index("Sharing of expertise in crisis")


def test_project_list_leaves_out_drafts(client):
    JointProjectFactory(name="Public project")
    JointProjectFactory(name="Draft project", status="draft")
    content = client.get("/projects/").content.decode()
    assert "Public project" in content
    assert "Draft project" not in content


def test_project_page_shows_meetings_and_the_clauses_naming_it(client, record):
    content = client.get("/projects/jet-passenger-plane/").content.decode()
    assert 'href="/plenaries/9/"' in section(content, "meetings-heading")
    clauses = section(content, "clauses-heading")
    assert 'href="/declarations/tokyo-declaration/clauses/1/"' in clauses
    assert "Tokyo Declaration, clause 1" in clauses


def test_project_page_shows_its_cities_but_not_drafts(client):
    project = JointProjectFactory(slug="water")
    project.cities.add(
        CityFactory(name="Visible City"), CityFactory(name="Draft City", status="draft")
    )
    content = client.get("/projects/water/").content.decode()
    assert "Visible City" in content
    assert "Draft City" not in content


def test_project_page_leaves_out_clauses_of_draft_declarations(client):
    project = JointProjectFactory(slug="water")
    ClauseFactory(
        declaration=DeclarationFactory(title="Public one"), text="Public clause"
    ).joint_projects.add(project)
    ClauseFactory(
        declaration=DeclarationFactory(status="draft"), text="Draft clause"
    ).joint_projects.add(project)
    content = client.get("/projects/water/").content.decode()
    assert "Public clause" in content
    assert "Draft clause" not in content


def test_draft_project_is_not_public(client):
    JointProjectFactory(slug="secret", status="draft")
    assert client.get("/projects/secret/").status_code == 404


def test_staff_preview_a_draft_project(staff_client):
    JointProjectFactory(slug="secret", status="draft")
    assert staff_client.get("/projects/secret/").status_code == 200
