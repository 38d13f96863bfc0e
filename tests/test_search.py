"""One search across the record: finds what is public, ranks it, marks the words, survives
whatever is typed into it."""

import pytest
from django.db import connection

from core.templatetags.records import highlight
from declarations.models import Clause

from .factories import (
    ClauseFactory,
    DeclarationFactory,
    InquiryContactFactory,
    JointProjectFactory,
    MeetingFactory,
    OrganisationUnitFactory,
    OutcomeFactory,
    SourceFactory,
)
from .helpers import page_text

pytestmark = pytest.mark.django_db


def search(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_search_finds_a_clause_by_a_word_in_its_text(client):
    content = search(client, "flowering")
    assert 'href="/declarations/tokyo-declaration/clauses/3/"' in content
    assert "Tokyo Declaration, ANMC21 9th Plenary Meeting, Tokyo, 9 November 2010, clause 3" in (
        content
    )


def test_search_finds_a_contact_by_division(client):
    content = search(client, "International Affairs Division")
    assert "Mikiko Yoshimura" in content
    assert 'href="/contacts/?name=Mikiko+Yoshimura"' in content


def test_search_finds_meetings_outcomes_projects_and_press_releases(client):
    text = page_text(client.get("/search/", {"q": "Seoul"}))
    assert "Plenary meeting 10th Plenary Meeting, Seoul 2011" in text
    assert "Outcome" in text
    assert "Joint project" in page_text(client.get("/search/", {"q": "infectious"}))
    assert "Press release" in page_text(client.get("/search/", {"q": "attached"}))


def test_search_marks_the_matching_words(client):
    content = search(client, "flowering")
    assert "<mark>flowering</mark>" in content


def test_search_marks_other_forms_of_a_word(client):
    assert "<mark>technologies</mark>" in search(client, "technology")


def test_search_needs_every_word(client):
    assert "flowering" in search(client, "flowering Asia")
    assert "Nothing in the record matches" in search(client, "flowering zebra")


def test_search_ranks_more_matching_records_first(client):
    JointProjectFactory(name="Canal works", description="A harbour canal")
    JointProjectFactory(name="Harbour cleaning", description="Cleaning the harbour, harbour walls")
    JointProjectFactory(name="Rivers", description="Cleaning rivers and lakes")
    text = page_text(client.get("/search/", {"q": "harbour"}))
    assert "2 results" in text
    assert text.index("Harbour cleaning") < text.index("Canal works")
    assert "Rivers" not in text.split("2 results")[1]


@pytest.mark.parametrize(
    "make_draft",
    [
        lambda: MeetingFactory(status="draft", summary="zanzibar meeting"),
        lambda: OutcomeFactory(meeting=MeetingFactory(status="draft"), text="zanzibar outcome"),
        lambda: ClauseFactory(declaration=DeclarationFactory(status="draft"), text="zanzibar"),
        lambda: ClauseFactory(
            declaration=DeclarationFactory(meeting=MeetingFactory(status="draft")),
            text="zanzibar",
        ),
        lambda: JointProjectFactory(status="draft", name="zanzibar project"),
        lambda: SourceFactory(status="draft", body="zanzibar release"),
        lambda: SourceFactory(meeting=MeetingFactory(status="draft"), body="zanzibar"),
        lambda: InquiryContactFactory(person="Zanzibar Person", is_public=False),
    ],
    ids=[
        "meeting",
        "outcome",
        "clause",
        "clause-of-draft-meeting",
        "project",
        "press-release",
        "release-of-draft-meeting",
        "private-contact",
    ],
)
def test_search_never_finds_drafts_or_private_contacts(client, make_draft):
    make_draft()
    assert "Nothing in the record matches" in search(client, "zanzibar")


def test_search_results_are_paginated(client):
    declaration = DeclarationFactory(slug="long")
    for number in range(1, 26):
        ClauseFactory(declaration=declaration, number=number, text=f"Harbour clause {number}.")
    first = search(client, "harbour")
    assert "25 results" in first
    assert first.count("Declaration clause</p>") == 10
    assert 'rel="next" href="?q=harbour&amp;page=2"' in first
    third = search(client, "harbour", page="3")
    assert third.count("Declaration clause</p>") == 5


# Not named `page`: that is pytest-playwright's fixture, and would make these browser tests.
@pytest.mark.parametrize("page_number", ["0", "-1", "abc", "9" * 5000, "99999999999999999999"])
def test_search_with_an_odd_page_number_still_answers(client, page_number):
    assert "flowering" in search(client, "flowering", page=page_number)


@pytest.mark.parametrize(
    "query",
    ["", " ", "x" * 1000, "'", '"', "%", "%%'--", '"<script>"', "&&&|!:*"],
    ids=[
        "empty",
        "space",
        "1000-chars",
        "quote",
        "double-quote",
        "percent",
        "sql-ish",
        "script",
        "tsquery-operators",
    ],
)
def test_search_survives_odd_input(client, query):
    content = search(client, query)
    assert "<script>" not in content
    assert "\x00" not in content


@pytest.mark.parametrize("query", ["\x00", "a\x00b"], ids=["nul", "nul-inside"])
def test_search_with_a_nul_byte_gets_the_bad_request_page(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 400
    assert "This request could not be understood" in response.content.decode()


def test_search_escapes_the_query_it_shows(client):
    content = search(client, '"<script>" flowering')
    assert "&lt;script&gt;" in content
    assert "<script>" not in content


def test_search_says_when_a_long_query_was_shortened(client):
    content = search(client, "flowering " + "x" * 1000)
    assert "only its first 200 characters were used" in content


def test_search_asks_for_a_word_when_given_only_punctuation(client):
    assert "Please enter a word to search for" in search(client, "'%")


def test_search_escapes_the_record_before_marking_words(client):
    ClauseFactory(text="Use <em>harbour</em> & rivers")
    content = search(client, "harbour")
    assert "Use &lt;em&gt;<mark>harbour</mark>&lt;/em&gt; &amp; rivers" in content


def test_highlight_excerpts_around_the_first_match():
    text = "word " * 200 + "harbour " + "tail " * 200
    excerpt = highlight(text, ["harbour"], length=100)
    assert excerpt.startswith("… ")
    assert excerpt.endswith(" …")
    assert "<mark>harbour</mark>" in excerpt
    assert len(excerpt) < 160


def test_highlight_without_terms_escapes_only():
    assert highlight("a < b", []) == "a &lt; b"


def test_search_is_not_indexed_by_robots(client):
    assert '<meta name="robots" content="noindex, follow">' in search(client, "tokyo")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text index only")
def test_clause_search_can_use_the_gin_index():
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Clause.objects.search(["flowering"]).explain()
    assert "clause_search" in plan


def test_contact_search_covers_every_level_of_the_unit_path(client):
    top = OrganisationUnitFactory(name="Zeta Government", kind="government")
    InquiryContactFactory(person="Someone", unit=OrganisationUnitFactory(parent=top))
    assert "Someone" in search(client, "zeta")
