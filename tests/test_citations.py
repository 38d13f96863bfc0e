"""How to cite a meeting, a declaration and a clause: a permalink and downloads for reference
managers in BibTeX, RIS and CSL-JSON."""

import json

import pytest

from .factories import DeclarationFactory, MeetingFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "/plenaries/9/",
    "/declarations/tokyo-declaration/",
    "/declarations/tokyo-declaration/clauses/3/",
]


@pytest.mark.parametrize("page", PAGES)
def test_page_offers_a_permalink_and_every_citation_format(client, page):
    content = client.get(page).content.decode()
    assert f'Permalink: <a href="http://testserver{page}">' in content
    for extension in ("bib", "ris", "json"):
        link = f"{page}cite.{extension}"
        assert client.get(link).status_code == 200, link
        assert f'href="{link}"' in content or f'href="cite.{extension}"' in content


def test_clause_in_csl_json_points_at_its_permalink(client):
    response = client.get("/declarations/tokyo-declaration/clauses/3/cite.json")
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json; charset=utf-8"
    (item,) = json.loads(response.content)
    assert item["type"] == "document"
    assert item["title"] == "Tokyo Declaration, clause 3"
    assert item["container-title"] == "Tokyo Declaration"
    assert item["URL"] == "http://testserver/declarations/tokyo-declaration/#clause-3"
    assert item["issued"] == {"date-parts": [[2010, 11, 9]]}
    assert item["author"] == [{"literal": "Asian Network of Major Cities 21"}]


def test_meeting_in_bibtex(client):
    response = client.get("/plenaries/9/cite.bib")
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    entry = response.content.decode()
    assert entry.startswith("@misc{anmc21-plenary-9,\n")
    assert "  title = {{ANMC21 9th Plenary Meeting, Tokyo 2010}}," in entry
    assert "  author = {{Asian Network of Major Cities 21}}," in entry
    assert "  year = 2010,\n  month = nov," in entry
    assert "  date = {2010-11-08/2010-11-09}," in entry
    assert "  url = {http://testserver/plenaries/9/}" in entry


def test_declaration_in_ris(client):
    response = client.get("/declarations/tokyo-declaration/cite.ris")
    lines = response.content.decode().split("\r\n")
    assert lines[0] == "TY  - GOVDOC"
    assert "TI  - Tokyo Declaration" in lines
    assert "DA  - 2010/11/09" in lines
    assert "UR  - http://testserver/declarations/tokyo-declaration/" in lines
    assert lines[-2] == "ER  - "


def test_a_meeting_known_to_the_year_is_cited_by_its_year_alone(client):
    entry = client.get("/plenaries/1/cite.bib").content.decode()
    assert "year = 2001," in entry
    assert "month" not in entry
    (item,) = json.loads(client.get("/plenaries/1/cite.json").content)
    assert item["issued"] == {"date-parts": [[2001]]}
    assert "DA  - 2001//" in client.get("/plenaries/1/cite.ris").content.decode()


def test_record_text_cannot_break_out_of_bibtex_or_ris(client):
    declaration = DeclarationFactory(
        title="Cities {and} 100% of #1 & more\\", meeting=MeetingFactory(number=70)
    )
    entry = client.get(f"/declarations/{declaration.slug}/cite.bib").content.decode()
    assert r"title = {{Cities \{and\} 100\% of \#1 \& more\textbackslash{}}}," in entry
    declaration.title = "Two\nlines\r\nTY  - JOUR"
    declaration.save()
    ris = client.get(f"/declarations/{declaration.slug}/cite.ris").content.decode()
    assert "TI  - Two lines TY - JOUR\r\n" in ris
    assert ris.count("TY  - ") == 1


def test_draft_is_not_citable(client):
    MeetingFactory(number=71, status="draft")
    assert client.get("/plenaries/71/cite.bib").status_code == 404
