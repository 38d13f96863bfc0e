"""The published record as open data: plain structures for JSON and CSV downloads.

Only what the public site shows goes in: published records, and public contacts only. Each
collection is read in a fixed number of queries, whatever the size of the record.
"""

from django.db.models import Prefetch
from django.utils import timezone

from contacts.models import InquiryContact
from declarations.models import Declaration
from plenaries.models import (
    City,
    JointProject,
    Network,
    Participation,
    PlenaryMeeting,
    PressRelease,
)

FORMAT = "anmc21-open-data"
FORMAT_VERSION = 1

MEETING_CSV_COLUMNS = (
    "number",
    "host_city",
    "year",
    "start_date",
    "end_date",
    "venue",
    "participants",
    "url",
)


def spreadsheet_safe(value):
    """A cell a spreadsheet will not run as a formula (=, +, - or @ first), as OWASP advises."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def meeting_rows(absolute_url):
    """One row per published meeting, oldest first, for the CSV download."""
    meetings = (
        PlenaryMeeting.objects.published()
        .select_related("host_city")
        .prefetch_related(
            Prefetch("participations", queryset=Participation.objects.select_related("city"))
        )
        .order_by("number")
    )
    for meeting in meetings:
        row = {
            "number": meeting.number,
            "host_city": meeting.host_city.name,
            "year": meeting.year,
            "start_date": meeting.start_date or "",
            "end_date": meeting.end_date or "",
            "venue": meeting.venue,
            "participants": "; ".join(
                sorted(f"{p.city.name} ({p.role})" for p in meeting.participations.all())
            ),
            "url": absolute_url(meeting.get_absolute_url()),
        }
        yield {column: spreadsheet_safe(value) for column, value in row.items()}


def record(absolute_url):
    """The whole published record as one JSON-ready document."""
    network = Network.objects.main()
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "generated_at": timezone.now().isoformat(),
        "network": _network(network) if network else None,
        "cities": _cities(absolute_url),
        "meetings": _meetings(absolute_url),
        "declarations": _declarations(absolute_url),
        "joint_projects": _projects(absolute_url),
        "press_releases": _press_releases(),
        "inquiry_contacts": [_contact(c) for c in InquiryContact.objects.public().with_unit_path()],
    }


def _network(network):
    return {
        "name": network.name,
        "short_name": network.short_name,
        "founded_year": network.founded_year,
        "description": network.description,
    }


def _cities(absolute_url):
    return [
        {
            "name": city.name,
            "slug": city.slug,
            "country": city.country,
            "url": absolute_url(city.get_absolute_url()),
            "memberships": [
                {"standing": m.status, "since": m.since_year, "until": m.until_year}
                for m in city.memberships.all()
            ],
        }
        for city in City.objects.for_list().order_by("name")
    ]


def _meetings(absolute_url):
    return [
        {
            "number": meeting.number,
            "title": str(meeting.title),
            "host_city": meeting.host_city.slug,
            "year": meeting.year,
            "start_date": meeting.start_date,
            "end_date": meeting.end_date,
            "venue": meeting.venue,
            "summary": meeting.summary,
            "url": absolute_url(meeting.get_absolute_url()),
            "participants": [
                {"city": p.city.slug, "role": p.role, "first_time": p.first_time}
                for p in meeting.participations.all()
            ],
            "outcomes": [
                {
                    "kind": outcome.kind,
                    "text": outcome.text,
                    "points": [child.text for child in outcome.children.all()],
                }
                for outcome in meeting.top_outcomes
            ],
            "related_events": [_event(event) for event in meeting.top_events],
        }
        for meeting in PlenaryMeeting.objects.published().for_detail().order_by("number")
    ]


def _event(event):
    return {
        "name": event.name,
        "kind": event.kind,
        "start_date": event.start_date,
        "end_date": event.end_date,
        "place": event.place,
        "for": event.audience,
        "description": event.description,
        "first_time": event.first_time,
        "parts": [_event(part) for part in event.children.all()],
    }


def _declarations(absolute_url):
    return [
        {
            "title": declaration.title,
            "slug": declaration.slug,
            "meeting": declaration.meeting.number,
            "adopted_on": declaration.adopted_on,
            "adopted_in": declaration.adopted_in.name,
            "preamble": declaration.preamble,
            "signatories": [city.slug for city in declaration.signatories.all()],
            "url": absolute_url(declaration.get_absolute_url()),
            "clauses": [
                {
                    "number": clause.number,
                    "text": clause.text,
                    "citation": declaration.citation(clause),
                    "url": absolute_url(clause.get_absolute_url()),
                    "joint_projects": [p.slug for p in clause.joint_projects.all()],
                    "topics": [t.name for t in clause.topics.all()],
                    "meetings_named": [m.number for m in clause.meetings_named.all()],
                }
                for clause in declaration.clauses.all()
            ],
        }
        for declaration in Declaration.objects.published().for_detail().order_by("adopted_on")
    ]


def _projects(absolute_url):
    projects = (
        JointProject.objects.published()
        .prefetch_related(
            Prefetch("cities", queryset=City.objects.published().order_by("name")),
            Prefetch("meetings", queryset=PlenaryMeeting.objects.published().order_by("number")),
        )
        .order_by("area", "name")
    )
    return [
        {
            "name": project.name,
            "slug": project.slug,
            "area": project.area,
            "description": project.description,
            "url": absolute_url(project.get_absolute_url()),
            "cities": [city.slug for city in project.cities.all()],
            "reported_at_meetings": [meeting.number for meeting in project.meetings.all()],
        }
        for project in projects
    ]


def _press_releases():
    releases = (
        PressRelease.objects.published()
        .select_related("issued_by", "meeting")
        .prefetch_related(
            Prefetch("contacts", queryset=InquiryContact.objects.public().with_unit_path())
        )
        .order_by("date", "title")
    )
    return [
        {
            "title": release.title,
            "date": release.date,
            "issued_by": release.issued_by.name,
            "meeting": release.meeting.number if release.meeting else None,
            "body": release.body,
            "inquiry_contacts": [contact.person for contact in release.contacts.all()],
        }
        for release in releases
    ]


def _contact(contact):
    return {
        "person": contact.person,
        "unit_path": [unit.name for unit in contact.unit.ancestors()],
        "phone": contact.phone,
        "phone_international": contact.phone_e164,
        "email": contact.email,
        "language": contact.language,
    }
