"""The network as Popolo JSON: the network and its cities as organizations, the cities'
standings as memberships, and the meetings and their events as events."""

import json

import pytest

from plenaries.models import RelatedEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def popolo(client):
    response = client.get("/data/popolo.json")
    assert response.status_code == 200
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    return json.loads(response.getvalue())


def test_network_and_cities_are_organizations(popolo):
    organizations = {o["id"]: o for o in popolo["organizations"]}
    assert organizations["anmc21"]["name"] == "Asian Network of Major Cities 21"
    assert organizations["anmc21"]["founding_date"] == "2001"
    assert organizations["city/tomsk"]["classification"] == "city"
    assert organizations["city/tomsk"]["links"][0]["url"] == "http://testserver/cities/tomsk/"


def test_standings_are_memberships_of_the_network(popolo):
    ids = {o["id"] for o in popolo["organizations"]}
    tomsk = [m for m in popolo["memberships"] if m["member"]["id"] == "city/tomsk"]
    assert [(m["organization_id"], m["role"]) for m in tomsk] == [("anmc21", "observer")]
    assert all(m["member"]["id"] in ids for m in popolo["memberships"])


def test_meetings_are_events_with_partial_dates_and_attendees(popolo):
    events = {e["id"]: e for e in popolo["events"]}
    ninth = events["meeting/9"]
    assert (ninth["start_date"], ninth["end_date"]) == ("2010-11-08", "2010-11-09")
    assert {"@type": "Organization", "id": "city/tomsk", "role": "observer"}.items() <= next(
        a for a in ninth["attendees"] if a["id"] == "city/tomsk"
    ).items()
    assert events["meeting/1"]["start_date"] == "2001"
    exhibition = RelatedEvent.objects.get(name="ANMC21 Exhibition")
    assert events[f"event/{exhibition.pk}"]["parent_id"] == "meeting/9"
