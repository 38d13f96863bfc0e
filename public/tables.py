"""The published record as tidy tables: one CSV per kind of record or link, one value per cell,
a header row, UTF-8 with a byte-order mark (so that Excel reads it as UTF-8), described by a
Frictionless data package (`/data/datapackage.json`: every field's type, the keys that join the
tables, the licence).

Each table is read in one query, whatever the size of the record; only what the public site
shows goes in (published records, public contacts are not a table here: see the API).

Text is in English (`name`), with its Japanese in the next column (`name_ja`), empty where the
Japanese is not recorded.
"""

import csv
import io
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_noop

from core.downloads import Download
from core.languages import RECORD_LANGUAGE, in_language
from core.licence import data_licence
from core.models import PublicationStatus
from declarations.models import Clause, Declaration
from plenaries.models import (
    City,
    JointProject,
    Membership,
    Participation,
    PlenaryMeeting,
    RelatedEvent,
    Source,
)

from .opendata import spreadsheet_safe

BOM = "\ufeff"
PUBLISHED = PublicationStatus.PUBLISHED


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # a Frictionless Table Schema type: string, integer, boolean, date
    description: str
    required: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    # English in the data package; the open data page shows it translated.
    description: str
    fields: tuple
    rows: object  # rows(absolute_url) -> iterable of tuples in the order of `fields`
    primary_key: tuple = ()
    foreign_keys: tuple = ()  # ((fields...), table, (fields...))

    @property
    def filename(self):
        return f"{self.name}.csv"


def _date(value):
    return value.isoformat() if value else ""


def _bool(value):
    return "true" if value else "false"


def _ja(record, field):
    return getattr(record, in_language(field, "ja")) or ""


def japanese(name, what):
    return Field(in_language(name, "ja"), "string", f"{what} in Japanese, where it is recorded")


def edtf_fields(name, what):
    return (
        Field(name, "string", f"{what} as recorded, in EDTF (2010-11-08/2010-11-09, 2001-10)"),
        Field(f"{name}_earliest", "date", f"the earliest day {what.lower()} allows"),
        Field(f"{name}_latest", "date", f"the latest day {what.lower()} allows"),
    )


def cities(absolute_url):
    for c in City.objects.published().order_by("name").iterator(chunk_size=2000):
        yield (
            c.slug,
            c.name,
            _ja(c, "name"),
            c.country,
            _ja(c, "country"),
            absolute_url(c.get_absolute_url()),
        )


def meetings(absolute_url):
    rows = PlenaryMeeting.objects.published().select_related("host_city", "announced_at")
    for m in rows.order_by("number").iterator(chunk_size=2000):
        yield (
            m.number,
            m.host_city.slug,
            m.dates,
            _date(m.dates_earliest),
            _date(m.dates_latest),
            m.year,
            _bool(m.held),
            m.announced_at.number if m.announced_at_id and m.announced_at.is_published else "",
            m.venue,
            _ja(m, "venue"),
            m.participant_count if m.participant_count is not None else "",
            m.summary,
            _ja(m, "summary"),
            absolute_url(m.get_absolute_url()),
        )


def participations(absolute_url):
    rows = Participation.objects.published().select_related("meeting", "city")
    for p in rows.order_by("meeting__number", "city__slug").iterator(chunk_size=2000):
        yield (
            p.meeting.number,
            p.city.slug,
            p.role,
            p.attendance,
            p.representative,
            p.representative_title,
            p.representative_level,
            p.delegation_size if p.delegation_size is not None else "",
            _bool(p.first_time),
        )


def memberships(absolute_url):
    rows = Membership.objects.published().select_related("city", "network")
    for m in rows.order_by("city__slug", "since_earliest", "pk").iterator(chunk_size=2000):
        yield (
            m.pk,
            m.city.slug,
            m.network.short_name,
            m.status,
            _bool(m.founding_member),
            m.since,
            _date(m.since_earliest),
            _date(m.since_latest),
            m.until,
            _date(m.until_earliest),
            _date(m.until_latest),
        )


def declarations(absolute_url):
    rows = Declaration.objects.published().select_related("meeting", "adopted_in")
    for d in rows.order_by("adopted_earliest", "slug").iterator(chunk_size=2000):
        yield (
            d.slug,
            d.title,
            _ja(d, "title"),
            d.meeting.number,
            d.adopted,
            _date(d.adopted_earliest),
            _date(d.adopted_latest),
            d.adopted_in.slug,
            d.preamble,
            _ja(d, "preamble"),
            absolute_url(d.get_absolute_url()),
        )


def signatories(absolute_url):
    links = Declaration.signatories.through.objects.filter(
        declaration__in=Declaration.objects.published(), city__status=PUBLISHED
    )
    yield from links.order_by("declaration__slug", "city__slug").values_list(
        "declaration__slug", "city__slug"
    )


def clauses(absolute_url):
    # Plain values (100,000 clauses at 1000x), their own columns as stored (`text` holds the
    # English); a declaration's address is made once for all its clauses.
    rows = (
        Clause.objects.rewrite(False)
        .published()
        .order_by("declaration__slug", "number")
        .values_list("declaration__slug", "number", "text", "text_ja")
    )
    slug_before = page = None
    for slug, number, text, text_ja in rows.iterator(chunk_size=2000):
        if slug != slug_before:
            slug_before, page = slug, Declaration(slug=slug).get_absolute_url()
        yield (slug, number, text, text_ja or "", absolute_url(f"{page}#clause-{number}"))


def clause_projects(absolute_url):
    links = Clause.joint_projects.through.objects.filter(
        clause__in=Clause.objects.published(), jointproject__status=PUBLISHED
    )
    yield from links.order_by("clause__declaration__slug", "clause__number").values_list(
        "clause__declaration__slug", "clause__number", "jointproject__slug"
    )


def clause_meetings(absolute_url):
    links = Clause.meetings_named.through.objects.filter(
        clause__in=Clause.objects.published(), plenarymeeting__status=PUBLISHED
    )
    yield from links.order_by("clause__declaration__slug", "clause__number").values_list(
        "clause__declaration__slug", "clause__number", "plenarymeeting__number"
    )


def projects(absolute_url):
    for p in JointProject.objects.published().order_by("slug").iterator(chunk_size=2000):
        yield (
            p.slug,
            p.name,
            _ja(p, "name"),
            p.area,
            p.description,
            _ja(p, "description"),
            absolute_url(p.get_absolute_url()),
        )


def project_cities(absolute_url):
    links = JointProject.cities.through.objects.filter(
        jointproject__status=PUBLISHED, city__status=PUBLISHED
    )
    yield from links.order_by("jointproject__slug", "city__slug").values_list(
        "jointproject__slug", "city__slug"
    )


def project_meetings(absolute_url):
    links = JointProject.meetings.through.objects.filter(
        jointproject__status=PUBLISHED, plenarymeeting__status=PUBLISHED
    )
    yield from links.order_by("jointproject__slug", "plenarymeeting__number").values_list(
        "jointproject__slug", "plenarymeeting__number"
    )


def events(absolute_url):
    rows = RelatedEvent.objects.published().select_related("meeting")
    for e in rows.order_by("meeting__number", "order", "pk").iterator(chunk_size=2000):
        yield (
            e.pk,
            e.meeting.number,
            e.parent_id or "",
            e.name,
            _ja(e, "name"),
            e.kind,
            e.dates,
            _date(e.dates_earliest),
            _date(e.dates_latest),
            e.place,
            _ja(e, "place"),
            e.audience,
            _ja(e, "audience"),
            e.description,
            _ja(e, "description"),
            _bool(e.first_time),
        )


def sources(absolute_url):
    rows = Source.objects.published().select_related("meeting", "issued_by")
    for s in rows.order_by("date_earliest", "slug").iterator(chunk_size=2000):
        yield (
            s.slug,
            s.kind,
            s.title,
            _ja(s, "title"),
            s.publisher,
            s.issued_by.name if s.issued_by_id else "",
            s.date,
            _date(s.date_earliest),
            _date(s.date_latest),
            s.language,
            s.url,
            s.meeting.number if s.meeting_id else "",
            absolute_url(s.get_absolute_url()),
        )


def _key(field, table, other=None):
    return ((field,), table, (other or field,))


URL = Field("url", "string", "its page on the site")
MEETING = Field("meeting", "integer", "the meeting's number", True)
CITY = Field("city", "string", "the city's id (slug)", True)
DECLARATION = Field("declaration", "string", "the declaration's id (slug)", True)
CLAUSE = Field("clause", "integer", "the clause's number in its declaration", True)
PROJECT = Field("project", "string", "the joint project's id (slug)", True)

TABLES = (
    Table(
        "cities",
        "Cities",
        gettext_noop("The cities in the record."),
        (
            Field("city", "string", "its id (slug)", True),
            Field("name", "string", "its name as the network writes it", True),
            japanese("name", "Its name"),
            Field("country", "string", "its country"),
            japanese("country", "Its country"),
            URL,
        ),
        cities,
        primary_key=("city",),
    ),
    Table(
        "meetings",
        "Plenary meetings",
        gettext_noop("One row per plenary meeting."),
        (
            Field("meeting", "integer", "its number (9 for the 9th)", True),
            Field("host_city", "string", "the host city's id", True),
            *edtf_fields("dates", "The dates"),
            Field("year", "integer", "the year it was (or is to be) held", True),
            Field("held", "boolean", "false for a meeting announced and not known to be held"),
            Field("announced_at", "integer", "the meeting at which it was announced"),
            Field("venue", "string", "where it was held"),
            japanese("venue", "Where it was held"),
            Field("participant_count", "integer", "people attending, where a source counts"),
            Field("summary", "string", "a summary"),
            japanese("summary", "The summary"),
            URL,
        ),
        meetings,
        primary_key=("meeting",),
        foreign_keys=(
            _key("host_city", "cities", "city"),
            _key("announced_at", "meetings", "meeting"),
        ),
    ),
    Table(
        "participations",
        "Participations",
        gettext_noop("One row per city at a meeting."),
        (
            MEETING,
            CITY,
            Field("role", "string", "host, member or observer", True),
            Field("attendance", "string", "attended, represented, proxy, apologies, absent"),
            Field("representative", "string", "who represented the city"),
            Field("representative_title", "string", "their title"),
            Field("representative_level", "string", "head, deputy, official, diplomat, other"),
            Field("delegation_size", "integer", "people in the delegation"),
            Field("first_time", "boolean", "the first time the city attended in this role"),
        ),
        participations,
        primary_key=("meeting", "city"),
        foreign_keys=(_key("meeting", "meetings"), _key("city", "cities")),
    ),
    Table(
        "memberships",
        "Memberships",
        gettext_noop("A city's standing in the network over time: one row per standing."),
        (
            Field("membership", "integer", "its id", True),
            CITY,
            Field("network", "string", "the network (ANMC21)", True),
            Field("standing", "string", "member or observer", True),
            Field("founding_member", "boolean", "a member since the network was founded"),
            *edtf_fields("since", "The start"),
            *edtf_fields("until", "The end"),
        ),
        memberships,
        primary_key=("membership",),
        foreign_keys=(_key("city", "cities"),),
    ),
    Table(
        "declarations",
        "Declarations",
        gettext_noop("One row per declaration; its clauses are in clauses.csv."),
        (
            DECLARATION,
            Field("title", "string", "its title", True),
            japanese("title", "Its title"),
            MEETING,
            *edtf_fields("adopted", "The adoption date"),
            Field("adopted_in", "string", "the city where it was adopted (id)", True),
            Field("preamble", "string", "its preamble"),
            japanese("preamble", "Its preamble"),
            URL,
        ),
        declarations,
        primary_key=("declaration",),
        foreign_keys=(
            _key("meeting", "meetings"),
            _key("adopted_in", "cities", "city"),
        ),
    ),
    Table(
        "declaration_signatories",
        "Declaration signatories",
        gettext_noop("One row per city signing a declaration."),
        (DECLARATION, CITY),
        signatories,
        primary_key=("declaration", "city"),
        foreign_keys=(_key("declaration", "declarations"), _key("city", "cities")),
    ),
    Table(
        "clauses",
        "Clauses",
        gettext_noop("One row per declaration clause, its text verbatim."),
        (
            DECLARATION,
            CLAUSE,
            Field("text", "string", "its text", True),
            japanese("text", "Its text"),
            URL,
        ),
        clauses,
        primary_key=("declaration", "clause"),
        foreign_keys=(_key("declaration", "declarations"),),
    ),
    Table(
        "clause_projects",
        "Joint projects named by clauses",
        gettext_noop("One row per joint project a clause names."),
        (DECLARATION, CLAUSE, PROJECT),
        clause_projects,
        primary_key=("declaration", "clause", "project"),
        foreign_keys=(
            (("declaration", "clause"), "clauses", ("declaration", "clause")),
            _key("project", "projects"),
        ),
    ),
    Table(
        "clause_meetings",
        "Meetings named by clauses",
        gettext_noop("One row per meeting a clause names."),
        (DECLARATION, CLAUSE, MEETING),
        clause_meetings,
        primary_key=("declaration", "clause", "meeting"),
        foreign_keys=(
            (("declaration", "clause"), "clauses", ("declaration", "clause")),
            _key("meeting", "meetings"),
        ),
    ),
    Table(
        "projects",
        "Joint projects",
        gettext_noop("One row per joint project."),
        (
            PROJECT,
            Field("name", "string", "its name", True),
            japanese("name", "Its name"),
            Field("area", "string", "its area (environment, industry...)", True),
            Field("description", "string", "what it is"),
            japanese("description", "What it is"),
            URL,
        ),
        projects,
        primary_key=("project",),
    ),
    Table(
        "project_cities",
        "Cities in joint projects",
        gettext_noop("One row per city taking part in a joint project."),
        (PROJECT, CITY),
        project_cities,
        primary_key=("project", "city"),
        foreign_keys=(_key("project", "projects"), _key("city", "cities")),
    ),
    Table(
        "project_meetings",
        "Meetings reporting on joint projects",
        gettext_noop("One row per meeting that reported on a joint project."),
        (PROJECT, MEETING),
        project_meetings,
        primary_key=("project", "meeting"),
        foreign_keys=(_key("project", "projects"), _key("meeting", "meetings")),
    ),
    Table(
        "events",
        "Related events",
        gettext_noop(
            "Events held with or around meetings, and their parts (parent: the event they are in)."
        ),
        (
            Field("event", "integer", "its id", True),
            MEETING,
            Field("parent", "integer", "the event it is part of"),
            Field("name", "string", "its name", True),
            japanese("name", "Its name"),
            Field("kind", "string", "exhibition, reception, seminar...", True),
            *edtf_fields("dates", "The dates"),
            Field("place", "string", "where"),
            japanese("place", "Where"),
            Field("audience", "string", "for whom"),
            japanese("audience", "For whom"),
            Field("description", "string", "what it was"),
            japanese("description", "What it was"),
            Field("first_time", "boolean", "held for the first time"),
        ),
        events,
        primary_key=("event",),
        foreign_keys=(_key("meeting", "meetings"), _key("parent", "events", "event")),
    ),
    Table(
        "sources",
        "Sources",
        gettext_noop("The documents the record is taken from."),
        (
            Field("source", "string", "its id (slug)", True),
            Field("kind", "string", "press release, news item, web page...", True),
            Field("title", "string", "its title", True),
            japanese("title", "Its title"),
            Field("publisher", "string", "who published it"),
            Field("issued_by", "string", "the unit that issued it (press releases)"),
            *edtf_fields("date", "The date"),
            Field("language", "string", "its language (ISO 639-1)"),
            Field("document_url", "string", "where the document itself is published"),
            Field("meeting", "integer", "the meeting it is about"),
            URL,
        ),
        sources,
        primary_key=("source",),
        foreign_keys=(_key("meeting", "meetings"),),
    ),
)
TABLES_BY_NAME = {table.name: table for table in TABLES}


def to_csv(table, absolute_url):
    """The table as CSV text: BOM, header row, one row per record, formulae defused."""
    return "".join(csv_chunks(table, absolute_url))


def csv_chunks(table, absolute_url, rows_per_chunk=500):
    """The table as CSV text in pieces of some hundred rows, for a streamed download."""
    # The text columns are English whatever the reader's language; Japanese has its own.
    with translation.override(RECORD_LANGUAGE):
        yield from _csv_chunks(table, absolute_url, rows_per_chunk)


def _csv_chunks(table, absolute_url, rows_per_chunk):
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([field.name for field in table.fields])
    for number, row in enumerate(table.rows(absolute_url), start=1):
        writer.writerow([spreadsheet_safe(value) for value in row])
        if number % rows_per_chunk == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def _download(table):
    def chunks(absolute_url):
        return csv_chunks(table, absolute_url)

    return Download(
        f"csv/{table.filename}",
        f"anmc21-{table.filename}",
        "text/csv; charset=utf-8",
        chunks,
        attachment=True,
        in_every_language=True,  # English, and Japanese in its own columns
    )


# Each table, kept as a file per version of the record (core.downloads).
DOWNLOADS = {table.name: _download(table) for table in TABLES}


def datapackage(absolute_url, csv_url):
    """The Frictionless data package descriptor: every table, its fields' types, keys, and
    the licence. `csv_url(table)` is the table's address relative to the descriptor."""
    licence = data_licence()
    return {
        "profile": "tabular-data-package",
        "name": "anmc21-records",
        "title": "ANMC21 Records: the public record of the Asian Network of Major Cities 21",
        "description": (
            "Plenary meetings, participations, cities and their standing, declarations clause "
            "by clause, joint projects, related events and sources, as published on the site."
        ),
        "homepage": absolute_url("/data/"),
        "licenses": [{"name": licence["id"], "path": licence["url"], "title": licence["title"]}],
        "resources": [
            {
                "name": table.name,
                "title": table.title,
                "description": table.description,
                "path": csv_url(table),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "licenses": [{"name": licence["id"], "path": licence["url"]}],
                "schema": schema(table),
            }
            for table in TABLES
        ],
    }


def schema(table):
    """The table's Frictionless Table Schema."""
    result = {
        "fields": [
            {
                "name": field.name,
                "type": field.type,
                "description": field.description,
                **({"constraints": {"required": True}} if field.required else {}),
            }
            for field in table.fields
        ],
        "missingValues": [""],
    }
    if table.primary_key:
        result["primaryKey"] = list(table.primary_key)
    if table.foreign_keys:
        result["foreignKeys"] = [
            {
                "fields": list(fields),
                "reference": {
                    "resource": "" if target == table.name else target,
                    "fields": list(others),
                },
            }
            for fields, target, others in table.foreign_keys
        ]
    return result
