"""The home page: what the network is, its cities, its latest and next meeting, its history."""

import pytest

from .factories import (
    CityFactory,
    MeetingFactory,
    MembershipFactory,
)
from .helpers import fragment_text, page_text, section, structured_data

pytestmark = pytest.mark.django_db


def test_home_says_what_the_network_is_and_since_when(client):
    text = page_text(client.get("/"))
    assert "Asian Network of Major Cities 21" in text
    assert "ANMC21, since 2001" in text


def test_home_lists_member_and_observer_cities(client):
    content = client.get("/").content.decode()
    members = section(content, "members-heading")
    assert "Member cities (11)" in members
    assert 'href="/cities/yangon/"' in members
    assert "Observer cities (1)" in members
    assert 'href="/cities/tomsk/"' in members


def test_home_shows_the_latest_meeting_and_no_next_one_whose_time_has_passed(client):
    content = client.get("/").content.decode()
    latest = section(content, "latest-heading")
    assert 'href="/plenaries/9/"' in latest
    assert "8–9 November 2010" in fragment_text(latest)
    # the 10th was announced for 2011 and is not recorded as held: no "next" meeting in 2026
    assert 'id="next-heading"' not in content
    timeline = fragment_text(section(content, "timeline-heading"))
    assert "announced in 2010 for 2011; no record yet" in timeline


def test_home_shows_an_announced_meeting_still_to_come_as_the_next(client):
    MeetingFactory(number=30, host_city__name="Busan", dates="2999", held=False)
    upcoming = section(client.get("/").content.decode(), "next-heading")
    assert 'href="/plenaries/30/"' in upcoming
    assert "Busan · 2999, date to be set" in fragment_text(upcoming)


def test_home_timeline_lists_meetings_by_year_and_host_city(client):
    timeline = fragment_text(section(client.get("/").content.decode(), "timeline-heading"))
    first, ninth, tenth = (timeline.index(f"{year} {n}") for year, n in [
        (2001, "1st"), (2010, "9th"), (2011, "10th"),
    ])  # fmt: skip
    assert first < ninth < tenth
    assert "2010 9th Plenary Meeting Tokyo" in timeline
    assert "2011 10th Plenary Meeting Seoul" in timeline


def test_home_leaves_out_draft_meetings_and_cities(client):
    draft_city = CityFactory(name="Draftville", status="draft")
    MembershipFactory(city=draft_city)
    MeetingFactory(number=11, status="draft", host_city=draft_city)
    MembershipFactory(city=CityFactory(name="Hiddenburg", status="draft"))
    content = client.get("/").content.decode()
    assert "/plenaries/11/" not in content
    assert "Draftville" not in content
    assert "Hiddenburg" not in content


def test_home_describes_the_network_as_an_organization(client):
    data = structured_data(client.get("/"))
    assert data["@type"] == "Organization"
    assert data["name"] == "Asian Network of Major Cities 21"
    assert data["foundingDate"] == "2001"
    assert {"Tokyo", "Seoul", "Tomsk"} <= {member["name"] for member in data["member"]}
