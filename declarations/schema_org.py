"""schema.org descriptions (JSON-LD) of declarations and their clauses."""

from core.dates import iso_span


def clause_part(clause, absolute_url):
    return {
        "@type": "Legislation",
        "name": str(clause),
        "legislationIdentifier": clause.anchor,
        "position": clause.number,
        "text": clause.text,
        "url": absolute_url(clause.get_page_url()),
    }


def declaration(declaration, absolute_url):
    """A declaration as Legislation, its clauses as its parts."""
    return {
        "@type": "Legislation",
        "name": declaration.title,
        "legislationDate": iso_span(declaration.adopted)[0],
        "datePublished": iso_span(declaration.adopted)[0],
        "legislationJurisdiction": "ANMC21",
        "spatialCoverage": {"@type": "City", "name": declaration.adopted_in.name},
        "abstract": declaration.preamble,
        "url": absolute_url(declaration.get_absolute_url()),
        "legislationPassedBy": [
            {"@type": "Organization", "name": city.name} for city in declaration.signatories.all()
        ],
        "hasPart": [clause_part(clause, absolute_url) for clause in declaration.clauses.all()],
    }


def clause(clause, absolute_url):
    """One clause, part of its declaration."""
    declaration = clause.declaration
    return {
        **clause_part(clause, absolute_url),
        "citation": clause.citation(),
        "isPartOf": {
            "@type": "Legislation",
            "name": declaration.title,
            "legislationDate": iso_span(declaration.adopted)[0],
            "url": absolute_url(declaration.get_absolute_url()),
        },
    }
