"""Declarations as open data: plain, JSON-ready structures (the download and `<slug>.json`)."""

from core.dates import as_data
from plenaries.opendata import citations


def declaration(declaration, absolute_url):
    """A declaration with its clauses; reads what `Declaration.objects.for_detail()` loads."""
    return {
        "title": declaration.title,
        "slug": declaration.slug,
        "meeting": declaration.meeting.number,
        "adopted": as_data(declaration.adopted),
        "adopted_in": declaration.adopted_in.name,
        "preamble": declaration.preamble,
        "signatories": [city.slug for city in declaration.signatories.all()],
        "url": absolute_url(declaration.get_absolute_url()),
        "sources": citations(declaration),
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
