"""Declarations as open data: plain, JSON-ready structures (the download and `<slug>.json`)."""

from collections import defaultdict
from typing import NamedTuple

from django.utils.translation import gettext

from core.citations import Work
from core.dates import as_data
from core.licence import data_licence
from core.models import PublicationStatus
from plenaries.models import published_citations
from plenaries.opendata import CITED_PUBLISHER, NETWORK_AUTHOR, citations, japanese

from .models import Clause, Declaration, published_signatories

# Declarations read per query by `published_declarations()`: a few thousand clauses at a time.
DECLARATIONS_PER_QUERY = 20


class ClauseData(NamedTuple):
    """What the open data gives of a clause, whether read as a row or as plain values."""

    number: int
    text: str
    text_ja: str | None
    joint_projects: list
    topics: list
    meetings_named: list


def declaration(declaration, absolute_url, clauses=None):
    """A declaration with its clauses; reads what `Declaration.objects.for_detail()` loads,
    unless its clauses are given (as `published_declarations()` reads them)."""
    if clauses is None:
        clauses = [
            ClauseData(
                clause.number,
                clause.text,
                japanese(clause, "text"),
                [p.slug for p in clause.joint_projects.all()],
                [t.name for t in clause.topics.all()],
                [m.number for m in clause.meetings_named.all()],
            )
            for clause in declaration.clauses.all()
        ]
    path = declaration.get_absolute_url()
    # `declaration.citation(clause)`, worded once for all its clauses.
    cited, clause_words = declaration.citation(), gettext("clause %(number)s")
    return {
        "title": declaration.title,
        "title_ja": japanese(declaration, "title"),
        "slug": declaration.slug,
        "meeting": declaration.meeting.number,
        "adopted": as_data(declaration.adopted),
        "adopted_in": declaration.adopted_in.name,
        "preamble": declaration.preamble,
        "preamble_ja": japanese(declaration, "preamble"),
        "signatories": [city.slug for city in declaration.signatories.all()],
        "url": absolute_url(path),
        "sources": citations(declaration),
        "clauses": [
            {
                "number": clause.number,
                "text": clause.text,
                "text_ja": clause.text_ja,
                "citation": f"{cited}, {clause_words % {'number': clause.number}}",
                "url": absolute_url(f"{path}#clause-{clause.number}"),
                "joint_projects": clause.joint_projects,
                "topics": clause.topics,
                "meetings_named": clause.meetings_named,
            }
            for clause in clauses
        ],
    }


def published_declarations(absolute_url):
    """Every published declaration with its clauses, oldest first, as `declaration()` gives
    it: a few declarations at a time, their clauses and what the clauses name read as plain
    values (a query per kind for each few declarations), so that 100,000 clauses stream in
    seconds and memory stays flat."""
    declarations = (
        Declaration.objects.published()
        .select_related("meeting", "adopted_in")
        .prefetch_related(published_signatories(), published_citations())
        .order_by("adopted_earliest", "pk")
    )
    chunk = []
    for item in declarations.iterator(chunk_size=DECLARATIONS_PER_QUERY):
        chunk.append(item)
        if len(chunk) == DECLARATIONS_PER_QUERY:
            yield from _with_clauses(chunk, absolute_url)
            chunk = []
    yield from _with_clauses(chunk, absolute_url)


def _with_clauses(declarations, absolute_url):
    if not declarations:
        return
    # The clauses' own columns as stored (`text` always holds the English: Versioned.save),
    # without modeltranslation's rewriting, which costs more than the query.
    rows = list(
        Clause.objects.rewrite(False)
        .filter(declaration__in=declarations)
        .order_by("declaration_id", "number")
        .values_list("declaration_id", "pk", "number", "text", "text_ja")
    )
    ids = [row[1] for row in rows]
    named = {
        "projects": _linked(
            Clause.joint_projects.through.objects.filter(
                clause_id__in=ids, jointproject__status=PublicationStatus.PUBLISHED
            ).order_by("jointproject__area", "jointproject__name", "jointproject_id"),
            "jointproject__slug",
        ),
        "topics": _linked(
            Clause.topics.through.objects.filter(clause_id__in=ids).order_by(
                "topic__name", "topic_id"
            ),
            "topic__name",
        ),
        "meetings": _linked(
            Clause.meetings_named.through.objects.filter(
                clause_id__in=ids, plenarymeeting__status=PublicationStatus.PUBLISHED
            ).order_by("-plenarymeeting__number"),
            "plenarymeeting__number",
        ),
    }
    clauses = defaultdict(list)
    for declaration_id, pk, number, text, text_ja in rows:
        clauses[declaration_id].append(
            ClauseData(
                number,
                text,
                text_ja or None,
                named["projects"][pk],
                named["topics"][pk],
                named["meetings"][pk],
            )
        )
    for item in declarations:
        yield declaration(item, absolute_url, clauses[item.pk])


def _linked(links, value):
    """{clause id: [value, ...]} of a clause's links, in the links' order."""
    found = defaultdict(list)
    for clause_id, linked in links.values_list("clause_id", value):
        found[clause_id].append(linked)
    return found


def declaration_work(declaration, absolute_url):
    """The declaration as a work to cite (core.citations); reads `meeting`, `adopted_in`."""
    return Work(
        key=f"anmc21-{declaration.slug}",
        kind="document",
        title=declaration.title,
        author=NETWORK_AUTHOR,
        date=declaration.adopted,
        url=absolute_url(declaration.get_absolute_url()),
        place=declaration.adopted_in.name,
        publisher=CITED_PUBLISHER,
        note=f"Adopted at the ANMC21 {declaration.meeting.title}",
        licence_url=data_licence()["url"],
        keywords=["ANMC21", "declaration"],
    )


def clause_work(clause, absolute_url):
    """One clause as a work to cite: a section of its declaration, at its permalink."""
    declaration = clause.declaration
    return Work(
        key=f"anmc21-{declaration.slug}-clause-{clause.number}",
        kind="document",
        title=f"{declaration.title}, clause {clause.number}",
        author=NETWORK_AUTHOR,
        date=declaration.adopted,
        url=absolute_url(clause.get_absolute_url()),
        place=declaration.adopted_in.name,
        container=declaration.title,
        publisher=CITED_PUBLISHER,
        note=f"Adopted at the ANMC21 {declaration.meeting.title}",
        section=str(clause.number),
        licence_url=data_licence()["url"],
        keywords=["ANMC21", "declaration"],
    )
