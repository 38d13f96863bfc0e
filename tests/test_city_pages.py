"""The city list and a city's page: standing over time, meetings, projects; no drafts."""

import pytest

from plenaries.models import MembershipStatus

from .factories import (
    CityFactory,
    JointProjectFactory,
    MeetingFactory,
    MembershipFactory,
    ParticipationFactory,
)
from .helpers import page_text, section

pytestmark = pytest.mark.django_db


def test_city_list_groups_members_and_observers(client):
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


def test_city_page_shows_standing_history_meetings_attended_and_hosted(client):
    tomsk = page_text(client.get("/cities/tomsk/"))
    assert "Observer, since 2010 · from the 9th Plenary Meeting" in tomsk
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
    MembershipFactory(city=city, status=MembershipStatus.OBSERVER, since="2003", until="2005")
    MembershipFactory(city=city, status=MembershipStatus.MEMBER, since="2006")
    text = page_text(client.get("/cities/manila/"))
    assert "Standing Member, since 2006" in text
    assert "Observer, 2003 – 2005" in text
    assert "Member, since 2006" in text


def test_draft_city_is_not_public(client):
    CityFactory(slug="hidden", status="draft")
    assert client.get("/cities/hidden/").status_code == 404


def test_many_cities_are_listed_in_pages_by_standing(client):
    for number in range(60):
        city = CityFactory(name=f"Zeta {number:02d}", slug=f"zeta-{number:02d}")
        MembershipFactory(city=city, status="member", since="2020")
    listing = client.get("/cities/").content.decode()
    # each standing shows its first 50, then links to all of them
    assert "All 71 member cities" in page_text(client.get("/cities/"))
    assert listing.count('href="/cities/zeta-') < 60
    first = page_text(client.get("/cities/", {"standing": "member"}))
    assert "Zeta 00" in first and "Page 1 of 1" not in first
    assert client.get("/cities/", {"standing": "nobody"}).status_code == 404
    home = page_text(client.get("/"))
    assert "All 71 member cities" in home
