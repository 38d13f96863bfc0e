"""One search across the record: finds what is public, ranks it, marks the words, survives
whatever is typed into it."""

import re

import pytest
from django.db import connection

from core.search import search_kinds, two_figures
from core.templatetags.records import highlight
from declarations.models import Clause

from .factories import (
    CityFactory,
    ClauseFactory,
    DeclarationFactory,
    InquiryContactFactory,
    JointProjectFactory,
    MeetingFactory,
    OrganisationUnitFactory,
    OutcomeFactory,
    RelatedEventFactory,
    SourceFactory,
)
from .helpers import page_text

pytestmark = pytest.mark.django_db


def results(client, query, **params):
    """The text of the list of results only (not the form, the kinds found or the footer)."""
    content = search(client, query, **params)
    found = re.search(r'<ol class="results".*?</ol>', content, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group()).split()) if found else ""


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
        lambda: DeclarationFactory(status="draft", title="Zanzibar Declaration"),
        lambda: DeclarationFactory(
            meeting=MeetingFactory(status="draft"), title="Zanzibar Declaration"
        ),
        lambda: RelatedEventFactory(meeting=MeetingFactory(status="draft"), name="Zanzibar fair"),
        lambda: CityFactory(status="draft", name="Zanzibar"),
        lambda: ClauseFactory(declaration=DeclarationFactory(status="draft"), text="ザンジバル"),
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
        "declaration",
        "declaration-of-draft-meeting",
        "event-of-draft-meeting",
        "city",
        "japanese-clause",
    ],
)
def test_search_never_finds_drafts_or_private_contacts(client, make_draft):
    make_draft()
    assert "Nothing in the record matches" in search(client, "zanzibar")
    assert "Nothing in the record matches" in search(client, "ザンジバル")


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


# Japanese is written without spaces: a word is found inside a longer run of characters.


@pytest.fixture
def tokyo_in_japanese():
    """The record's Japanese as the content-ja branch will store it, made here by factories:
    a city, the meeting it hosted, and that meeting's declaration with a clause."""
    tokyo = CityFactory(name="東京", slug="tokyo-ja", description="日本の首都。")
    seoul = CityFactory(name="ソウル", slug="seoul-ja")
    meeting = MeetingFactory(host_city=tokyo, summary="第9回総会を東京都で開催した。")
    declaration = DeclarationFactory(
        meeting=meeting, title="東京宣言", slug="tokyo-declaration-ja", preamble="我々は宣言する。"
    )
    ClauseFactory(declaration=declaration, number=5, text="第10回総会は2011年にソウルで開催する。")
    return tokyo, seoul, meeting, declaration


@pytest.mark.parametrize("word", ["東京", "宣言", "ソウル"])
def test_japanese_search_finds_the_meeting_the_city_and_the_declaration(
    client, tokyo_in_japanese, word
):
    text = page_text(client.get("/search/", {"q": word}))
    if word == "ソウル":
        assert "City ソウル" in text
        assert "Declaration clause" in text
    else:
        assert "Declaration 東京宣言" in text
    if word == "東京":
        assert "Plenary meeting" in text
        assert "City 東京" in text


def test_japanese_two_character_words_are_found_inside_longer_ones(client):
    ClauseFactory(text="東京都は東京宣言を採択した。")
    for word in ("東京", "宣言", "東京都", "採択", "都"):
        assert "Declaration clause" in page_text(client.get("/search/", {"q": word})), word
    assert "Nothing in the record matches" in search(client, "大阪")


def test_japanese_search_needs_every_word_and_mixes_with_english(client):
    ClauseFactory(text="Tokyo 東京都 environment")
    assert "1 result" in page_text(client.get("/search/", {"q": "東京 environment"}))
    assert "Nothing in the record matches" in search(client, "東京 harbour")
    assert "Nothing in the record matches" in search(client, "東京 大阪")


def test_japanese_search_marks_the_word_inside_the_text(client):
    ClauseFactory(text="東京都は東京宣言を採択した。")
    content = search(client, "宣言")
    assert "東京都は東京<mark>宣言</mark>を採択した。" in content


def test_highlight_excerpts_japanese_text_around_the_match():
    text = "あ" * 500 + "東京宣言" + "い" * 500
    excerpt = highlight(text, ["宣言"], length=100)
    assert "<mark>宣言</mark>" in excerpt
    assert excerpt.startswith("… ")
    assert len(excerpt) < 160


def test_documents_written_in_bulk_are_searched(client):
    """The documents are kept by the database: bulk inserts and updates, which skip save()
    and signals (imports, make_scale_data), are searched like any other write."""
    declaration = DeclarationFactory()
    Clause.objects.bulk_create([Clause(declaration=declaration, number=1, text="横浜の港。")])
    assert "Declaration clause" in page_text(client.get("/search/", {"q": "横浜"}))
    Clause.objects.filter(declaration=declaration).update(text="名古屋の城。")
    assert "Nothing in the record matches" in search(client, "横浜")
    assert "Declaration clause" in page_text(client.get("/search/", {"q": "名古屋"}))


@pytest.mark.parametrize(
    ("make", "label"),
    [
        (lambda: DeclarationFactory(title="Harbour Declaration"), "Declaration Harbour"),
        (lambda: RelatedEventFactory(name="Harbour fair"), "Related event Harbour fair"),
        (lambda: CityFactory(name="Harbourtown", description="A harbour city."), "City"),
        (lambda: MeetingFactory(summary="On the harbour."), "Plenary meeting"),
        (lambda: OutcomeFactory(text="A harbour was agreed."), "Outcome"),
        (lambda: ClauseFactory(text="The harbour."), "Declaration clause"),
        (lambda: JointProjectFactory(name="Harbour project"), "Joint project"),
        (lambda: SourceFactory(body="The harbour."), "Press release"),
        (lambda: InquiryContactFactory(person="Harbour Person"), "Inquiry contact"),
    ],
    ids=[
        "declaration",
        "event",
        "city",
        "meeting",
        "outcome",
        "clause",
        "project",
        "source",
        "contact",
    ],
)
def test_search_finds_each_kind_of_record(client, make, label):
    make()
    text = page_text(client.get("/search/", {"q": "harbour"}))
    assert "1 result" in text
    assert label in text


def test_search_lists_each_record_once(client):
    """A meeting matching by its summary and by its host city, a contact by two of its
    units: each is one result."""
    host = CityFactory(name="Harbour City", slug="harbour-city")
    MeetingFactory(host_city=host, summary="The harbour meeting.")
    top = OrganisationUnitFactory(name="Harbour Government", kind="government")
    unit = OrganisationUnitFactory(name="Harbour Division", parent=top)
    InquiryContactFactory(person="Someone", unit=unit)
    assert "3 results" in search(client, "harbour")  # the city, the meeting, the contact
    text = results(client, "harbour")
    assert text.count("Plenary meeting") == 1
    assert text.count("Inquiry contact") == 1


def test_search_ranks_a_title_match_above_a_body_match(client):
    ClauseFactory(text="The harbour, the harbour and the harbour again.")
    DeclarationFactory(title="Harbour Declaration", slug="harbour")
    JointProjectFactory(name="Rivers", description="Cleaning the harbour.")
    JointProjectFactory(name="Harbour cleaning", description="Cleaning.")
    text = results(client, "harbour")
    assert text.index("Harbour Declaration") < text.index("Declaration clause")
    assert text.index("Harbour cleaning") < text.index("Rivers")


def test_search_can_keep_one_kind(client):
    DeclarationFactory(title="Harbour Declaration", slug="harbour")
    ClauseFactory(text="The harbour.")
    content = search(client, "harbour")
    assert 'href="?q=harbour&amp;type=declarations"' in content
    text = page_text(client.get("/search/", {"q": "harbour", "type": "clauses"}))
    assert "1 result" in text
    assert "Declaration clause" in text
    assert "Harbour Declaration" not in text.split("1 result")[1]
    assert "2 results" in page_text(client.get("/search/", {"q": "harbour", "type": "nonsense"}))


def test_search_says_when_there_are_more_results_than_it_counts(client, monkeypatch):
    monkeypatch.setattr("core.search.COUNTED", 2)
    declaration = DeclarationFactory(slug="long")
    for number in range(1, 6):
        ClauseFactory(declaration=declaration, number=number, text=f"Harbour clause {number}.")
    text = page_text(client.get("/search/", {"q": "harbour"}))
    # PostgreSQL's estimate where it says more than was counted; else "more than".
    assert "More than 2 results" in text or "About " in text
    assert "5 results" not in text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text index only")
def test_japanese_clause_search_can_use_the_gin_index():
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Clause.objects.search(["東京"]).explain()
    assert "clause_search" in plan


def test_estimates_are_said_to_two_figures():
    assert [two_figures(n) for n in (99, 7851, 81493, 1001)] == [99, 7900, 81000, 1000]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("東京", "/ja/plenaries/9/"),
        ("ソウル", "/ja/cities/seoul/"),
        ("宣言", "/ja/declarations/tokyo-declaration/"),
    ],
)
def test_japanese_words_find_the_shipped_record_on_the_japanese_search_page(client, query, found):
    """The shipped record's Japanese (the cities' and the declaration's names) is searched on
    the Japanese site: a two-character word finds the meeting, the city and the declaration."""
    response = client.get("/ja/search/", {"q": query})
    assert response.status_code == 200
    assert f'href="{found}"' in response.content.decode()


def test_a_related_event_found_links_to_the_event_on_its_meeting_page(client):
    """The shipped record's Welcome Reception is told with an outcome on the meeting page, not
    in a list of events: the result's link leads to the event where it stands."""
    content = client.get("/search/", {"q": "Welcome Reception", "type": "events"}).content.decode()
    link = re.search(r'href="(/plenaries/9/#event-(\d+))"', content)
    assert link
    meeting_page = client.get("/plenaries/9/").content.decode()
    assert f'id="event-{link.group(2)}"' in meeting_page


def test_a_meeting_is_found_by_words_split_between_it_and_its_host_city(client):
    """A meeting's document is its own and its host city's: one word may be in each."""
    host = CityFactory(name="Harbour City", slug="harbour-city")
    MeetingFactory(host_city=host, summary="The lantern meeting.")
    assert "1 result" in page_text(client.get("/search/", {"q": "harbour lantern"}))
    assert "Plenary meeting" in results(client, "harbour lantern")
    assert "2 results" in page_text(client.get("/search/", {"q": "harbour"}))  # and the city


def test_a_page_past_the_counted_matches_still_lists_them(monkeypatch):
    """A kind reads as many matches as the page asked for needs, past those it counts."""
    monkeypatch.setattr("core.search.COUNTED", 5)
    declaration = DeclarationFactory(slug="long")
    for number in range(1, 26):
        ClauseFactory(declaration=declaration, number=number, text=f"Harbour clause {number}.")
    first, second, third = (
        search_kinds([Clause], ["harbour"], offset=offset, size=10) for offset in (0, 10, 20)
    )
    assert first.more == [True]
    assert [len(found.page) for found in (first, second, third)] == [10, 10, 5]
    keys = [key for found in (first, second, third) for _kind, key, _rank in found.page]
    assert len(set(keys)) == 25


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text index only")
def test_search_indexes_take_new_words_at_once_not_into_a_pending_list():
    """A GIN index's pending list is read through by every search until a vacuum merges it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname = ANY(%s)",
            [["clause_search", "source_search", "outcome_search"]],
        )
        options = dict(cursor.fetchall())
    assert len(options) == 3
    assert all(value == ["fastupdate=off"] for value in options.values())


def test_results_tell_declarations_of_the_same_title_apart_by_their_year(client):
    """Where another published declaration shares its title, a result says the year: for the
    declaration found and for its clauses; a title of its own goes without."""
    DeclarationFactory(title="Harbour Declaration", slug="harbour-1", adopted="2001")
    second = DeclarationFactory(title="Harbour Declaration", slug="harbour-2", adopted="2005")
    ClauseFactory(declaration=second, text="Lanterns on the water.")
    DeclarationFactory(title="Lantern Declaration", slug="lantern")
    text = results(client, "harbour")
    assert "Harbour Declaration (2001)" in text
    assert "Harbour Declaration (2005)" in text
    text = results(client, "lantern")
    assert "Harbour Declaration (2005), clause" in text
    assert "Lantern Declaration (" not in text
