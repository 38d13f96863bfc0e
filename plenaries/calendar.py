"""Plenary meetings and their related events as iCalendar (RFC 5545, with RFC 7986's calendar
name, description and refresh interval), for calendar apps to import or subscribe to.

A meeting's dates are as precise as the sources: days known become all-day events over those
days. A date known only to the month or year becomes no timed event either: an all-day span
over the whole month or year, marked free time (TRANSP:TRANSPARENT), whose description says the
days are not recorded. A record with no date at all is left out.
"""

import datetime

from django.urls import reverse
from django.utils.translation import gettext
from icalendar import Calendar, Event

from core.dates import bounds, in_words, precision
from core.downloads import Download
from core.licence import data_licence

from .models import PlenaryMeeting

PRODID = "-//ANMC21 Records//Open data//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def new_calendar(name, description, url):
    """An empty calendar named for what it holds, to publish and refresh once a day."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    licence = data_licence()
    description = f"{description} {gettext('Licence:')} {licence['title']} ({licence['url']})"
    calendar.add("description", description)
    calendar.add("x-wr-caldesc", description)
    calendar.add("url", url)
    calendar.add("refresh-interval", datetime.timedelta(days=1), parameters={"VALUE": "DURATION"})
    return calendar


def all_day_span(dates):
    """(first day, day after the last, note) of an EDTF text as an all-day span; the note says
    when the days are not recorded. None when the text has no bounded span."""
    earliest, latest = bounds(dates)
    if earliest is None or latest is None:
        return None
    known = precision(dates)
    if known == "day":
        note = ""
    else:
        note = gettext(
            "The exact days are not recorded (%(when)s): this all-day entry spans every day the "
            "date allows, from %(first)s to %(last)s."
        ) % {"when": in_words(dates), "first": earliest.isoformat(), "last": latest.isoformat()}
    return earliest, latest + datetime.timedelta(days=1), note


def _stamp(meeting):
    """DTSTAMP: when the record was published, never the time it is served."""
    if meeting.published_at:
        return meeting.published_at
    earliest = meeting.dates_earliest or datetime.date(meeting.year, 1, 1)
    return datetime.datetime.combine(earliest, datetime.time(), tzinfo=datetime.UTC)


def meeting_event(meeting, absolute_url):
    """The meeting as a VEVENT, or None where its dates have no bounds. Reads `host_city`."""
    span = all_day_span(meeting.dates)
    if span is None:
        return None
    first, after_last, note = span
    url = absolute_url(meeting.get_absolute_url())
    event = Event()
    event.add("uid", url)
    event.add("dtstamp", _stamp(meeting))
    event.add("dtstart", first)
    event.add("dtend", after_last)
    event.add("summary", f"ANMC21 {meeting.full_title}")
    places = dict.fromkeys(part for part in (meeting.venue, meeting.host_city.name) if part)
    location = ", ".join(places)
    event.add("location", location)
    event.add("url", url)
    event.add("status", "CONFIRMED" if meeting.held else "TENTATIVE")
    event.add("transp", "OPAQUE" if not note else "TRANSPARENT")
    event.add("categories", ["ANMC21", gettext("Plenary meeting")])
    lines = [str(meeting.when()), note, meeting.summary, url]
    event.add("description", "\n\n".join(line for line in lines if line))
    return event


def related_event(item, meeting, absolute_url):
    """A related event as a VEVENT tied to its meeting's (RELATED-TO), or None without dates."""
    span = all_day_span(item.dates)
    if span is None:
        return None
    first, after_last, note = span
    meeting_url = absolute_url(meeting.get_absolute_url())
    event = Event()
    event.add("uid", f"{meeting_url}#event-{item.pk}")
    event.add("dtstamp", _stamp(meeting))
    event.add("dtstart", first)
    event.add("dtend", after_last)
    event.add("summary", item.name)
    event.add("location", item.place or meeting.host_city.name)
    event.add("url", f"{meeting_url}#event-{item.pk}")
    event.add("related-to", meeting_url)
    event.add("transp", "TRANSPARENT")
    event.add("categories", ["ANMC21", item.get_kind_display()])
    lines = [
        in_words(item.dates),
        note,
        item.description,
        gettext("Held with the %(meeting)s.") % {"meeting": meeting.full_title},
        meeting_url,
    ]
    event.add("description", "\n\n".join(str(line) for line in lines if line))
    return event


def to_ical(calendar, components):
    for component in components:
        if component is not None:
            calendar.add_component(component)
    return calendar.to_ical()


def meeting_calendar(meeting, absolute_url):
    """One meeting and its related events (and their parts), as `with_parts()` loads them."""
    calendar = new_calendar(
        f"ANMC21 {meeting.full_title}",
        gettext("The ANMC21 %(meeting)s and the events held with it.")
        % {"meeting": meeting.full_title},
        absolute_url(meeting.get_absolute_url()),
    )
    events = [item for top in meeting.top_events for item in (top, *top.children.all())]
    return to_ical(
        calendar,
        [
            meeting_event(meeting, absolute_url),
            *(related_event(item, meeting, absolute_url) for item in events),
        ],
    )


def event_calendar(item, absolute_url):
    """One related event on its own (reads `meeting` and its `host_city`)."""
    meeting = item.meeting
    calendar = new_calendar(
        item.name,
        gettext("%(event)s, held with the ANMC21 %(meeting)s.")
        % {"event": item.name, "meeting": meeting.full_title},
        absolute_url(meeting.get_absolute_url()),
    )
    return to_ical(calendar, [related_event(item, meeting, absolute_url)])


def all_meetings_chunks(meetings, absolute_url, url):
    """Every published meeting, to subscribe to, a meeting at a time: the calendar's head,
    each meeting's VEVENT, its end (the same bytes as the whole calendar written at once);
    meetings without dates are left out."""
    calendar = _all_meetings(url)
    head, end = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    yield head
    for meeting in meetings:
        event = meeting_event(meeting, absolute_url)
        if event is not None:
            yield event.to_ical()
    yield b"END:VCALENDAR" + end


def meetings_calendar_chunks(absolute_url):
    """The calendar of every published meeting, read some hundred meetings at a time."""
    meetings = PlenaryMeeting.objects.published().select_related("host_city").order_by("number")
    return all_meetings_chunks(
        meetings.iterator(chunk_size=500),
        absolute_url,
        absolute_url(reverse("plenaries:meetings_ics")),
    )


# Every meeting's calendar, kept as a file per version of the record (core.downloads).
MEETINGS_CALENDAR = Download(
    "anmc21-meetings.ics", "anmc21-meetings.ics", CONTENT_TYPE, meetings_calendar_chunks
)


def _all_meetings(url):
    return new_calendar(
        gettext("ANMC21 plenary meetings"),
        gettext(
            "Every plenary meeting of the Asian Network of Major Cities 21. Meetings whose "
            "days are not recorded are all-day entries over the month or year known, marked "
            "free time; their descriptions say so."
        ),
        url,
    )
