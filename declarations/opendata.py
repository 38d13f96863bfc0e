"""Declarations as open data: plain, JSON-ready structures (the download and `<slug>.json`)."""

from core.citations import Work
from core.dates import as_data
from core.licence import data_licence
from plenaries.opendata import CITED_PUBLISHER, NETWORK_AUTHOR, citations, japanese


def declaration(declaration, absolute_url):
    """A declaration with its clauses; reads what `Declaration.objects.for_detail()` loads."""
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
        "url": absolute_url(declaration.get_absolute_url()),
        "sources": citations(declaration),
        "clauses": [
            {
                "number": clause.number,
                "text": clause.text,
                "text_ja": japanese(clause, "text"),
                "citation": declaration.citation(clause),
                "url": absolute_url(clause.get_absolute_url()),
                "joint_projects": [p.slug for p in clause.joint_projects.all()],
                "topics": [t.name for t in clause.topics.all()],
                "meetings_named": [m.number for m in clause.meetings_named.all()],
            }
            for clause in declaration.clauses.all()
        ],
    }


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
