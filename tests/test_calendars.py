"""Meetings and related events as iCalendar files: per meeting and event, and one calendar of
every meeting to subscribe to; dates known only to the month or year are never timed."""

import datetime

import pytest
from icalendar import Calendar

from plenaries.models import PlenaryMeeting, RelatedEvent

from .factories import MeetingFactory, RelatedEventFactory

pytestmark = pytest.mark.django_db


def calendar_at(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.getvalue())


def events(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_ninth_plenary_parses_and_starts_on_8_november_2010(client):
    calendar = calendar_at(client, "/plenaries/9.ics")
    meeting = events(calendar)["ANMC21 9th Plenary Meeting, Tokyo 2010"]
    assert meeting["DTSTART"].dt == datetime.date(2010, 11, 8)
    # all day, to the end of the 9th (DTEND is the day after, as RFC 5545 counts)
    assert meeting["DTEND"].dt == datetime.date(2010, 11, 10)
    assert meeting["URL"] == "http://testserver/plenaries/9/"
    assert meeting["STATUS"] == "CONFIRMED"


def test_meeting_calendar_holds_its_related_events_on_their_own_dates(client):
    calendar = calendar_at(client, "/plenaries/9.ics")
    exhibition = events(calendar)["ANMC21 Exhibition"]
    assert exhibition["DTSTART"].dt == datetime.date(2010, 11, 6)
    assert exhibition["RELATED-TO"] == "http://testserver/plenaries/9/"


def test_each_related_event_has_its_own_calendar(client):
    event = RelatedEvent.objects.get(name="ANMC21 Exhibition")
    calendar = calendar_at(client, f"/plenaries/9/events/{event.pk}.ics")
    assert list(events(calendar)) == ["ANMC21 Exhibition"]
    assert client.get(f"/plenaries/1/events/{event.pk}.ics").status_code == 404


def test_a_meeting_known_to_the_year_is_an_all_day_span_that_says_so(client):
    calendar = calendar_at(client, "/plenaries/1.ics")
    (meeting,) = calendar.walk("VEVENT")
    assert meeting["DTSTART"].dt == datetime.date(2001, 1, 1)
    assert meeting["DTEND"].dt == datetime.date(2002, 1, 1)
    assert not isinstance(meeting["DTSTART"].dt, datetime.datetime)
    assert meeting["TRANSP"] == "TRANSPARENT"
    assert "exact days are not recorded" in str(meeting["DESCRIPTION"])


def test_a_meeting_known_to_the_month_spans_the_month(client):
    MeetingFactory(number=50, dates="2012-10")
    (meeting,) = calendar_at(client, "/plenaries/50.ics").walk("VEVENT")
    assert (meeting["DTSTART"].dt, meeting["DTEND"].dt) == (
        datetime.date(2012, 10, 1),
        datetime.date(2012, 11, 1),
    )
    assert "October 2012" in str(meeting["DESCRIPTION"])


def test_an_event_without_dates_is_left_out(client):
    meeting = MeetingFactory(number=51)
    RelatedEventFactory(meeting=meeting, name="Undated reception", dates="")
    assert "Undated reception" not in events(calendar_at(client, "/plenaries/51.ics"))


def test_calendar_is_stamped_with_the_publication_not_the_request(client):
    published_at = PlenaryMeeting.objects.get(number=9).published_at
    meeting = events(calendar_at(client, "/plenaries/9.ics"))[
        "ANMC21 9th Plenary Meeting, Tokyo 2010"
    ]
    assert meeting["DTSTAMP"].dt == published_at.replace(microsecond=0)
    assert client.get("/plenaries/9.ics").content == client.get("/plenaries/9.ics").content


def test_subscribable_calendar_holds_every_published_meeting(client):
    MeetingFactory(number=52, status="draft")
    calendar = calendar_at(client, "/plenaries/calendar.ics")
    assert str(calendar["X-WR-CALNAME"]) == "ANMC21 plenary meetings"
    assert "REFRESH-INTERVAL" in calendar
    uids = sorted(str(event["UID"]) for event in calendar.walk("VEVENT"))
    assert uids == [f"http://testserver/plenaries/{n}/" for n in (1, 10, 9)]


def test_meeting_page_offers_its_calendar(client):
    content = client.get("/plenaries/9/").content.decode()
    assert (
        '<link rel="alternate" type="text/calendar" title="This meeting in your calendar" '
        'href="/plenaries/9.ics">'
    ) in content
    event = RelatedEvent.objects.get(name="ANMC21 Exhibition")
    assert f'href="/plenaries/9/events/{event.pk}.ics"' in content
    assert f'id="event-{event.pk}"' in content
