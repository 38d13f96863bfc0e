"""The published record as open data: plain structures for JSON and CSV downloads.

Only what the public site shows goes in: published records, and public contacts only. Each
collection is read in a fixed number of queries, whatever the size of the record.
"""

import csv
import io
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max, Prefetch
from django.utils import translation

from contacts import opendata as contacts_data
from contacts.models import InquiryContact
from core.downloads import Download
from core.licence import data_licence
from core.models import PublicChange
from declarations import opendata as declarations_data
from plenaries import opendata as plenaries_data
from plenaries.models import (
    City,
    JointProject,
    Network,
    Participation,
    PlenaryMeeting,
    Source,
)

FORMAT = "anmc21-open-data"
# 2: dates as recorded (EDTF) with their bounds, attendance, sources and where they differ.
FORMAT_VERSION = 2

MEETING_CSV_COLUMNS = (
    "number",
    "host_city",
    "year",
    "dates",
    "dates_earliest",
    "dates_latest",
    "dates_in_words",
    "held",
    "venue",
    "participant_count",
    "participants",
    "absent",
    "url",
)


# Rows read per query while streaming: memory stays flat however large the record.
CHUNK = 200


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
            Prefetch(
                "participations",
                queryset=Participation.objects.of_published_cities().select_related("city"),
            )
        )
        .order_by("number")
    )
    for meeting in meetings.iterator(chunk_size=CHUNK):
        participations = meeting.participations.all()
        row = {
            "number": meeting.number,
            "host_city": meeting.host_city.name,
            "year": meeting.year,
            "dates": meeting.dates,
            "dates_earliest": meeting.dates_earliest or "",
            "dates_latest": meeting.dates_latest or "",
            "dates_in_words": meeting.dates_in_words,
            "held": "yes" if meeting.held else "no",
            "venue": meeting.venue,
            "participant_count": meeting.participant_count or "",
            "participants": "; ".join(
                sorted(f"{p.city.name} ({p.role})" for p in participations if p.took_part)
            ),
            "absent": "; ".join(sorted(p.city.name for p in participations if not p.took_part)),
            "url": absolute_url(meeting.get_absolute_url()),
        }
        yield {column: spreadsheet_safe(value) for column, value in row.items()}


def _as_of():
    latest = PublicChange.objects.aggregate(latest=Max("made_at"))["latest"]
    return latest.isoformat() if latest else None


def _each(queryset, build):
    for item in queryset.iterator(chunk_size=CHUNK):
        yield build(item)


def record_parts(absolute_url):
    """The whole published record as (key, value) pairs, each collection a generator read
    CHUNK rows at a time: what `record()` and the streamed download are made of."""
    network = Network.objects.with_sources().main()
    yield "format", FORMAT
    yield "version", FORMAT_VERSION
    # As of the latest change to the public record: the same record, the same bytes.
    yield "as_of", _as_of()
    yield "licence", data_licence()
    yield "network", plenaries_data.network(network) if network else None
    yield (
        "cities",
        _each(
            City.objects.published().with_standing(sources=True).order_by("name"),
            lambda city: plenaries_data.city(city, absolute_url),
        ),
    )
    yield (
        "meetings",
        _each(
            PlenaryMeeting.objects.published().with_parts().order_by("number"),
            lambda meeting: plenaries_data.meeting(meeting, absolute_url),
        ),
    )
    yield "declarations", declarations_data.published_declarations(absolute_url)
    yield (
        "joint_projects",
        _each(_projects(), lambda project: plenaries_data.project(project, absolute_url)),
    )
    yield "sources", _each(_sources(), lambda item: plenaries_data.source(item, absolute_url))
    yield (
        "inquiry_contacts",
        _each(
            InquiryContact.objects.published().with_unit_path().order_by("pk"),
            contacts_data.contact,
        ),
    )


def record(absolute_url):
    """The whole published record as one JSON-ready document."""
    return {
        key: list(value) if not isinstance(value, dict | list | str | int | None) else value
        for key, value in record_parts(absolute_url)
    }


def record_json_chunks(absolute_url):
    """The whole published record as JSON text, piece by piece (one record at a time)."""
    with translation.override(settings.LANGUAGE_CODE):  # English, Japanese in `_ja` fields
        yield from json_chunks(record_parts(absolute_url))


def _dumps(value):
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)


def json_chunks(parts):
    """A JSON object as text, piece by piece: `parts` are (key, value) pairs, each value
    JSON-ready or an iterator of JSON-ready items, written as a list one item at a time. The
    same text as `json.dumps` of the whole, without holding the whole."""
    separator = "{"
    for key, value in parts:
        yield f"{separator}{_dumps(key)}: "
        separator = ", "
        if isinstance(value, dict | list | str | int | None):
            yield _dumps(value)
            continue
        yield "["
        for number, item in enumerate(value):
            yield ("" if number == 0 else ", ") + _dumps(item)
        yield "]"
    yield "}"


def meetings_csv_chunks(absolute_url):
    """The meetings CSV, some hundred rows at a time."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=MEETING_CSV_COLUMNS)
    writer.writeheader()
    for number, row in enumerate(meeting_rows(absolute_url)):
        writer.writerow(row)
        if number % 500 == 0:  # the header and the first row at once, then 500 at a time
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def _projects():
    return (
        JointProject.objects.published()
        .prefetch_related(
            Prefetch("cities", queryset=City.objects.published().order_by("name")),
            Prefetch("meetings", queryset=PlenaryMeeting.objects.published().order_by("number")),
        )
        .order_by("area", "name", "pk")
    )


def _sources():
    return (
        Source.objects.published()
        .select_related("issued_by", "meeting")
        .prefetch_related(
            Prefetch("contacts", queryset=InquiryContact.objects.published().with_unit_path())
        )
        .order_by("date_earliest", "title", "pk")
    )


# English, whatever the reader's language (Japanese in `_ja` fields).
RECORD_JSON = Download(
    "anmc21-record.json",
    "anmc21-record.json",
    "application/json",
    record_json_chunks,
    in_every_language=True,
)
MEETINGS_CSV = Download(
    "anmc21-meetings.csv",
    "anmc21-meetings.csv",
    "text/csv; charset=utf-8",
    meetings_csv_chunks,
    attachment=True,
)
