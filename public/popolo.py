"""The network as Popolo JSON (popoloproject.com), the civic-data standard Open Civic Data
builds on: the network and its cities as organizations, the cities' standings as memberships
of the network, and the plenary meetings (and the events held with them) as events.

Ids are stable: "anmc21", "city/<slug>", "membership/<key>", "meeting/<number>",
"event/<key>". Dates are Popolo's partial ISO dates ("2001", "2001-10", "2010-11-08"), as
precisely as they are known; a date that is no plain day, month or year ("about 2000") is left
out and kept, as recorded, in a note. Cities' parts in meetings are in each meeting's
`attendees` (organizations, with their role), a Popolo extension.
"""

from itertools import chain

from django.db.models import Prefetch

from core.dates import in_words, iso_span, precision
from core.downloads import Download
from core.licence import data_licence
from plenaries.models import (
    City,
    Membership,
    Network,
    Participation,
    PlenaryMeeting,
    RelatedEvent,
)

from . import opendata

NETWORK_ID = "anmc21"


def popolo_date(text):
    """The EDTF text's (start, end) as Popolo dates, or (None, None) where it is not plain."""
    if not text or precision(str(text).split("/")[0]) is None:
        return None, None
    return iso_span(text)


def _dates(record, text):
    start, end = popolo_date(text)
    if start:
        record["start_date"] = start
    if end:
        record["end_date"] = end
    if text and not start:
        record["note"] = f"Date as recorded (EDTF): {text} ({in_words(text)})"


def japanese_names(record):
    """The record's name in Japanese, where recorded, as a Popolo other name."""
    return [{"name": record.name_ja, "note": "Japanese (ja)"}] if record.name_ja else []


def network_organization(network, absolute_url):
    organization = {
        "id": NETWORK_ID,
        "name": network.name,
        "other_names": [
            {"name": network.short_name, "note": "short name"},
            *japanese_names(network),
        ],
        "classification": "network",
        "founding_date": str(network.founded_year),
        "links": [{"url": absolute_url("/"), "note": "ANMC21 Records"}],
    }
    if network.description:
        organization["description"] = network.description
    return organization


def city_organization(city, absolute_url):
    return {
        "id": f"city/{city.slug}",
        "name": city.name,
        "other_names": japanese_names(city),
        "classification": "city",
        "identifiers": [{"scheme": "anmc21-records", "identifier": city.slug}],
        "area": {"name": city.country, "classification": "country"},
        "links": [{"url": absolute_url(city.get_absolute_url()), "note": "record page"}],
    }


def membership(item):
    record = {
        "id": f"membership/{item.pk}",
        "organization_id": NETWORK_ID,
        "member": {"@type": "Organization", "id": f"city/{item.city.slug}"},
        "role": item.status,
        "label": str(item.get_status_display()),
    }
    _dates(record, item.since)
    _start, end = popolo_date(item.until)
    if end:
        record["end_date"] = end
    if item.founding_member:
        record["founding_member"] = True
    return record


def meeting_event(meeting, absolute_url):
    event = {
        "id": f"meeting/{meeting.number}",
        "name": f"ANMC21 {meeting.full_title}",
        "classification": "plenary meeting",
        "organization_id": NETWORK_ID,
        "status": "confirmed" if meeting.held else "tentative",
        "location": {
            "name": ", ".join(
                dict.fromkeys(p for p in (meeting.venue, meeting.host_city.name) if p)
            )
        },
        "links": [{"url": absolute_url(meeting.get_absolute_url()), "note": "record page"}],
        "attendees": [
            {
                "@type": "Organization",
                "id": f"city/{p.city.slug}",
                "role": p.role,
                "attendance": p.attendance,
            }
            for p in meeting.participations.all()
        ],
    }
    _dates(event, meeting.dates)
    if meeting.summary:
        event["description"] = meeting.summary
    return event


def related_event(item, absolute_url):
    event = {
        "id": f"event/{item.pk}",
        "name": item.name,
        "classification": item.kind,
        "organization_id": NETWORK_ID,
        "parent_id": f"event/{item.parent_id}"
        if item.parent_id
        else f"meeting/{item.meeting.number}",
        "links": [{"url": absolute_url(item.meeting.get_absolute_url()) + f"#event-{item.pk}"}],
    }
    if item.place:
        event["location"] = {"name": item.place}
    if item.description:
        event["description"] = item.description
    _dates(event, item.dates)
    return event


def json_chunks(absolute_url):
    """The Popolo document as JSON text, a record at a time."""
    return opendata.json_chunks(parts(absolute_url))


def parts(absolute_url):
    """The Popolo document as (key, value) pairs, each list read CHUNK rows at a time."""
    network = Network.objects.main()
    cities = City.objects.published().order_by("name")
    memberships = (
        Membership.objects.published()
        .select_related("city")
        .order_by("city__name", "since_earliest", "pk")
    )
    meetings = (
        PlenaryMeeting.objects.published()
        .select_related("host_city")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.of_published_cities()
                .select_related("city")
                .order_by("city__name"),
            )
        )
        .order_by("number")
    )
    events = (
        RelatedEvent.objects.published()
        .select_related("meeting")
        .order_by("meeting__number", "order", "pk")
    )
    yield "licence", data_licence()
    yield (
        "organizations",
        chain(
            [network_organization(network, absolute_url)] if network else [],
            (city_organization(city, absolute_url) for city in _each(cities)),
        ),
    )
    yield "memberships", (membership(item) for item in _each(memberships))
    yield (
        "events",
        chain(
            (meeting_event(meeting, absolute_url) for meeting in _each(meetings)),
            (related_event(item, absolute_url) for item in _each(events)),
        ),
    )


def _each(queryset):
    return queryset.iterator(chunk_size=opendata.CHUNK)


POPOLO_JSON = Download("anmc21-popolo.json", "anmc21-popolo.json", "application/json", json_chunks)
