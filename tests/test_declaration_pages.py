"""Declarations: the list, a declaration's page, its text and JSON, and one page per clause."""

import re
from pathlib import Path

import pytest

from plenaries.models import PlenaryMeeting

from .factories import (
    ClauseFactory,
    DeclarationFactory,
    JointProjectFactory,
    MeetingFactory,
)
from .helpers import page_text, section, structured_data

pytestmark = pytest.mark.django_db

SOURCE = Path(__file__).resolve().parent.parent / "docs/sources/tokyo-2010-press-release.txt"

CITATION = "Tokyo Declaration, ANMC21 9th Plenary Meeting, Tokyo, 9 November 2010, clause 3"


@pytest.fixture
def declaration_page(client):
    return page_text(client.get("/declarations/tokyo-declaration/"))


def source_clauses():
    text = SOURCE.read_text()
    declaration = text[text.index("we hereby declare the following:") :]
    return dict(re.findall(r"^(\d)\. (.+)$", declaration, flags=re.MULTILINE))


def test_declaration_page_shows_adoption_and_preamble(declaration_page):
    assert "Tokyo Declaration" in declaration_page
    assert "9 November 2010" in declaration_page
    assert "We, the representatives of Bangkok, Delhi, Hanoi" in declaration_page
    assert "At this start of the tenth year of the ANMC21" in declaration_page


@pytest.mark.parametrize("number", ["1", "2", "3", "4", "5"])
def test_declaration_page_shows_each_clause_verbatim_with_anchor(client, number):
    response = client.get("/declarations/tokyo-declaration/")
    content = response.content.decode()
    assert f'id="clause-{number}"' in content
    assert f'href="#clause-{number}"' in content
    text = page_text(client.get("/declarations/tokyo-declaration/"))
    assert source_clauses()[number] in text


def test_declaration_signatories_exclude_the_observer(client):
    content = client.get("/declarations/tokyo-declaration/").content.decode()
    signatories = content[content.index('id="signatories-heading"') :]
    assert "Yangon" in signatories
    assert "Tomsk" not in signatories


def test_draft_declaration_is_not_public(client):
    DeclarationFactory(slug="draft-declaration", status="draft")
    assert client.get("/declarations/draft-declaration/").status_code == 404


def test_declaration_page_query_count_does_not_grow_with_clauses(
    client, django_assert_max_num_queries
):
    declaration = DeclarationFactory(slug="big")
    ClauseFactory.create_batch(60, declaration=declaration)
    with django_assert_max_num_queries(10):
        assert client.get("/declarations/big/").status_code == 200


def test_project_page_leaves_out_clauses_of_draft_declarations(client):
    project = JointProjectFactory(slug="water")
    ClauseFactory(
        declaration=DeclarationFactory(title="Public one"), text="Public clause"
    ).joint_projects.add(project)
    ClauseFactory(
        declaration=DeclarationFactory(status="draft"), text="Draft clause"
    ).joint_projects.add(project)
    content = client.get("/projects/water/").content.decode()
    assert "Public clause" in content
    assert "Draft clause" not in content


def test_declaration_list_shows_published_declarations_with_their_meeting(client):
    text = page_text(client.get("/declarations/"))
    assert "Tokyo Declaration" in text
    assert "Adopted at the 9th Plenary Meeting in Tokyo, 9 November 2010 · 5 clauses" in text


def test_declaration_list_leaves_out_drafts_and_declarations_of_draft_meetings(client):
    DeclarationFactory(title="Public declaration")
    DeclarationFactory(title="Draft declaration", status="draft")
    DeclarationFactory(title="Early declaration", meeting=MeetingFactory(status="draft"))
    content = client.get("/declarations/").content.decode()
    assert "Public declaration" in content
    assert "Draft declaration" not in content
    assert "Early declaration" not in content


def test_declaration_page_links_each_clause_page_and_the_text(client):
    content = client.get("/declarations/tokyo-declaration/").content.decode()
    for number in range(1, 6):
        assert f'href="/declarations/tokyo-declaration/clauses/{number}/"' in content
    assert 'href="/declarations/tokyo-declaration.txt"' in content
    assert "Tokyo Declaration, ANMC21 9th Plenary Meeting, Tokyo, 9 November 2010" in content


def test_declaration_page_describes_its_clauses_as_parts(client):
    data = structured_data(client.get("/declarations/tokyo-declaration/"))
    assert data["@type"] == "Legislation"
    assert data["legislationDate"] == "2010-11-09"
    assert [part["position"] for part in data["hasPart"]] == [1, 2, 3, 4, 5]
    assert data["hasPart"][2]["url"].endswith("/declarations/tokyo-declaration/clauses/3/")
    assert "Tomsk" not in {city["name"] for city in data["legislationPassedBy"]}


def test_clause_page_shows_the_clause_and_a_ready_citation(client):
    response = client.get("/declarations/tokyo-declaration/clauses/3/")
    text = page_text(response)
    assert "The rich potentials of Asia are now flowering" in text
    assert CITATION in text
    content = response.content.decode()
    assert 'href="/declarations/tokyo-declaration/#clause-3"' in content
    assert 'rel="prev" href="/declarations/tokyo-declaration/clauses/2/"' in content
    assert 'rel="next" href="/declarations/tokyo-declaration/clauses/4/"' in content


def test_clause_page_links_the_projects_it_names(client):
    content = client.get("/declarations/tokyo-declaration/clauses/1/").content.decode()
    projects = section(content, "projects-heading")
    for slug in [
        "jet-passenger-plane",
        "crisis-management",
        "infectious-diseases",
        "sports-culture-performing-arts",
    ]:
        assert f'href="/projects/{slug}/"' in projects


def test_clause_page_links_the_meeting_it_names(client):
    content = client.get("/declarations/tokyo-declaration/clauses/5/").content.decode()
    assert 'href="/plenaries/10/"' in section(content, "meetings-heading")


def test_clause_page_leaves_out_draft_projects(client):
    clause = ClauseFactory(declaration=DeclarationFactory(slug="d"), number=1)
    clause.joint_projects.add(
        JointProjectFactory(name="Public project"),
        JointProjectFactory(name="Draft project", status="draft"),
    )
    content = client.get("/declarations/d/clauses/1/").content.decode()
    assert "Public project" in content
    assert "Draft project" not in content


def test_clause_page_is_part_of_its_declaration_in_json_ld(client):
    data = structured_data(client.get("/declarations/tokyo-declaration/clauses/3/"))
    assert data["citation"] == CITATION
    assert data["isPartOf"]["name"] == "Tokyo Declaration"


@pytest.mark.parametrize(
    "url",
    [
        "/declarations/tokyo-declaration/clauses/6/",
        "/declarations/tokyo-declaration/clauses/0/",
        "/declarations/unknown/clauses/1/",
    ],
)
def test_unknown_clause_is_404(client, url):
    assert client.get(url).status_code == 404


def test_clause_of_a_draft_declaration_is_not_public(client):
    ClauseFactory(declaration=DeclarationFactory(slug="draft", status="draft"), number=1)
    assert client.get("/declarations/draft/clauses/1/").status_code == 404


def test_declaration_text_is_plain_utf8_with_every_clause(client):
    response = client.get("/declarations/tokyo-declaration.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("Tokyo Declaration\n")
    assert "We, the representatives of Bangkok, Delhi, Hanoi" in text
    for number in range(1, 6):
        assert f"\n{number}. " in text
    assert "Signatory cities: Bangkok, Delhi" in text
    assert "Tomsk" not in text.split("Signatory cities:")[1].split("\n")[0]
    assert "Cite as: Tokyo Declaration, ANMC21 9th Plenary Meeting, Tokyo, 9 November 2010" in text


def test_declaration_text_is_not_html_escaped(client):
    declaration = DeclarationFactory(slug="marks", preamble="Cities & towns <together>")
    ClauseFactory(declaration=declaration, number=1, text="Rivers & seas “clean”.")
    text = client.get("/declarations/marks.txt").content.decode("utf-8")
    assert "Cities & towns <together>" in text
    assert "1. Rivers & seas “clean”." in text
    assert "&amp;" not in text


def test_draft_declaration_text_is_not_public(client):
    DeclarationFactory(slug="draft", status="draft")
    assert client.get("/declarations/draft.txt").status_code == 404


def test_json_ld_cannot_close_its_script_element(client):
    declaration = DeclarationFactory(slug="hostile")
    ClauseFactory(declaration=declaration, number=1, text="</script><script>alert(1)</script>")
    response = client.get("/declarations/hostile/")
    assert "<script>alert(1)" not in response.content.decode()
    assert structured_data(response)["hasPart"][0]["text"] == "</script><script>alert(1)</script>"


def test_two_declarations_of_one_title_carry_their_year_wherever_they_are_listed(client):
    first_meeting = PlenaryMeeting.objects.get(number=1)
    earlier = DeclarationFactory(
        title="Tokyo Declaration", slug="tokyo-declaration-2001", meeting=first_meeting
    )
    ClauseFactory(declaration=earlier, number=1, text="Cities will share their aeronautics.")

    listing = page_text(client.get("/declarations/"))
    assert "Tokyo Declaration (2001)" in listing
    assert "Tokyo Declaration (2010)" in listing
    # the permalink is unchanged; the page's heading and title carry the year
    page = client.get("/declarations/tokyo-declaration/").content.decode()
    assert "<h1>Tokyo Declaration (2010)</h1>" in page
    assert "<title>Tokyo Declaration (2010)" in page
    feed = client.get("/feeds/declarations/").content.decode()
    assert "<title>Tokyo Declaration (2001)</title>" in feed
    assert "<title>Tokyo Declaration (2010)</title>" in feed
    results = page_text(client.get("/search/", {"q": "aeronautics"}))
    assert "Tokyo Declaration (2001), clause 1" in results


def test_a_title_no_other_declaration_has_carries_no_year(client):
    assert (
        "<h1>Tokyo Declaration</h1>"
        in client.get("/declarations/tokyo-declaration/").content.decode()
    )
