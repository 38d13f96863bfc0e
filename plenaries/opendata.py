"""The network's cities, meetings, projects and sources as open data: plain, JSON-ready
structures for the downloads and a meeting's own `.json`.

Dates are given as recorded (EDTF) with their earliest and latest day; each record lists the
sources it cites, with the values where sources differ from the record.
"""

from core.citations import Work
from core.dates import as_data
from core.languages import in_language
from core.licence import data_licence

# Who a cited record is by, and who publishes this record of it.
NETWORK_AUTHOR = "Asian Network of Major Cities 21"
CITED_PUBLISHER = "ANMC21 Records"


def citations(record):
    """The sources a record cites (as prefetched by `published_citations()`)."""
    return [
        {
            "source": citation.source.slug,
            "field": citation.field or None,
            "differs": citation.differs,
            "value": citation.value or None,
            "note": citation.note,
        }
        for citation in record.citations.all()
    ]


def japanese(record, field):
    """The record's text in Japanese (`name_ja`), None where it is not recorded."""
    return getattr(record, in_language(field, "ja")) or None


def network(network):
    return {
        "name": network.name,
        "name_ja": japanese(network, "name"),
        "short_name": network.short_name,
        "founded_year": network.founded_year,
        "description": network.description,
        "description_ja": japanese(network, "description"),
        "sources": citations(network),
    }


def city(city, absolute_url):
    """A city and its standing over time; reads the memberships `with_standing()` loads."""
    return {
        "name": city.name,
        "name_ja": japanese(city, "name"),
        "slug": city.slug,
        "country": city.country,
        "country_ja": japanese(city, "country"),
        "url": absolute_url(city.get_absolute_url()),
        "memberships": [
            {
                "standing": m.status,
                "founding_member": m.founding_member,
                "since": as_data(m.since),
                "since_meeting": m.since_meeting.number if m.since_meeting else None,
                "until": as_data(m.until),
                "until_meeting": m.until_meeting.number if m.until_meeting else None,
                "sources": citations(m),
            }
            for m in city.standings()
        ],
    }


def participation(p):
    return {
        "city": p.city.slug,
        "role": p.role,
        "attendance": p.attendance,
        "representative": p.representative or None,
        "representative_title": p.representative_title or None,
        "representative_level": p.representative_level or None,
        "delegation_size": p.delegation_size,
        "first_time": p.first_time,
        "sources": citations(p),
    }


def meeting(meeting, absolute_url):
    """A meeting with its participants, outcomes and events, as `with_parts()` loads them."""
    return {
        "number": meeting.number,
        "title": str(meeting.title),
        "host_city": meeting.host_city.slug,
        "dates": as_data(meeting.dates),
        "year": meeting.year,
        "held": meeting.held,
        "announced_at": meeting.announced_at.number if meeting.announced_at else None,
        "venue": meeting.venue,
        "venue_ja": japanese(meeting, "venue"),
        "participant_count": meeting.participant_count,
        "summary": meeting.summary,
        "summary_ja": japanese(meeting, "summary"),
        "url": absolute_url(meeting.get_absolute_url()),
        "participants": [participation(p) for p in meeting.participations.all()],
        "outcomes": [
            {
                "kind": outcome.kind,
                "text": outcome.text,
                "text_ja": japanese(outcome, "text"),
                "points": [child.text for child in outcome.children.all()],
                "points_ja": [japanese(child, "text") for child in outcome.children.all()],
            }
            for outcome in meeting.top_outcomes
        ],
        "related_events": [event(item) for item in meeting.top_events],
        "sources": citations(meeting),
    }


def event(item, *, top=True):
    """A related event with its parts, nested as on the meeting page: one level deep (the
    model refuses deeper nesting), so a part's own `parts` is always empty."""
    return {
        "name": item.name,
        "name_ja": japanese(item, "name"),
        "kind": item.kind,
        "dates": as_data(item.dates),
        "place": item.place,
        "place_ja": japanese(item, "place"),
        "for": item.audience,
        "for_ja": japanese(item, "audience"),
        "description": item.description,
        "description_ja": japanese(item, "description"),
        "first_time": item.first_time,
        "parts": [event(part, top=False) for part in item.children.all()] if top else [],
    }


def project(project, absolute_url):
    return {
        "name": project.name,
        "name_ja": japanese(project, "name"),
        "slug": project.slug,
        "area": project.area,
        "description": project.description,
        "description_ja": japanese(project, "description"),
        "url": absolute_url(project.get_absolute_url()),
        "cities": [city.slug for city in project.cities.all()],
        "reported_at_meetings": [meeting.number for meeting in project.meetings.all()],
    }


def source(item, absolute_url):
    return {
        "slug": item.slug,
        "kind": item.kind,
        "title": item.title,
        "title_ja": japanese(item, "title"),
        "publisher": item.publisher,
        "issued_by": item.issued_by.name if item.issued_by else None,
        "date": as_data(item.date),
        "language": item.language,
        "url": item.url or None,
        "page": absolute_url(item.get_absolute_url()),
        "meeting": item.meeting.number if item.meeting else None,
        "text": item.body or None,
        "inquiry_contacts": [contact.person for contact in item.contacts.all()],
    }


def meeting_work(meeting, absolute_url):
    """The meeting as a work to cite (core.citations); reads `host_city`."""
    return Work(
        key=f"anmc21-plenary-{meeting.number}",
        kind="event",
        title=f"ANMC21 {meeting.full_title}",
        author=NETWORK_AUTHOR,
        date=meeting.dates,
        url=absolute_url(meeting.get_absolute_url()),
        place=meeting.host_city.name,
        publisher=CITED_PUBLISHER,
        licence_url=data_licence()["url"],
        keywords=["ANMC21", "plenary meeting"],
    )
