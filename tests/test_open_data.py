"""Open data downloads and feeds: the published record, whole, and nothing private."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from .factories import (
    DeclarationFactory,
    InquiryContactFactory,
    MeetingFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def download_json(client):
    response = client.get("/data/anmc21-record.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.getvalue())


def test_open_data_page_links_every_download_and_feed(client):
    content = client.get("/data/").getvalue().decode()
    for url in (
        "/data/anmc21-record.json",
        "/data/anmc21-meetings.csv",
        "/feeds/meetings/",
        "/feeds/declarations/",
    ):
        assert f'href="{url}"' in content


def test_every_page_advertises_the_feeds(client):
    content = client.get("/plenaries/9/").getvalue().decode()
    assert 'rel="alternate" type="application/atom+xml"' in content
    assert 'href="/feeds/declarations/"' in content


def test_json_download_holds_the_declaration_clause_by_clause(client):
    data = download_json(client)
    assert data["format"] == "anmc21-open-data"
    assert data["network"]["short_name"] == "ANMC21"
    declaration = data["declarations"][0]
    assert declaration["title"] == "Tokyo Declaration"
    assert declaration["adopted"] == {
        "edtf": "2010-11-09",
        "earliest": "2010-11-09",
        "latest": "2010-11-09",
        "in_words": "9 November 2010",
    }
    assert [clause["number"] for clause in declaration["clauses"]] == [1, 2, 3, 4, 5]
    assert declaration["clauses"][2]["citation"] == (
        "Tokyo Declaration, ANMC21 9th Plenary Meeting, Tokyo, 9 November 2010, clause 3"
    )
    assert declaration["clauses"][4]["meetings_named"] == [10]
    assert "tomsk" not in declaration["signatories"]


def test_json_download_holds_meetings_with_participants_and_contacts(client):
    data = download_json(client)
    meeting = next(m for m in data["meetings"] if m["number"] == 9)
    tomsk = next(p for p in meeting["participants"] if p["city"] == "tomsk")
    assert (tomsk["role"], tomsk["attendance"], tomsk["first_time"]) == (
        "observer",
        "attended",
        True,
    )
    assert meeting["dates"]["edtf"] == "2010-11-08/2010-11-09"
    assert (meeting["dates"]["earliest"], meeting["dates"]["latest"]) == (
        "2010-11-08",
        "2010-11-09",
    )
    assert any(e["name"] == "ANMC21 Exhibition" for e in meeting["related_events"])
    (contact,) = data["inquiry_contacts"]
    assert contact["person"] == "Mikiko Yoshimura"
    assert contact["phone_international"] == "+81353882234"
    assert contact["unit_path"][-1] == "International Joint Projects"


def test_json_download_leaves_out_drafts_and_private_contacts(client):
    MeetingFactory(number=40, status="draft")
    DeclarationFactory(slug="secret-draft", status="draft")
    release = SourceFactory(title="Draft release", status="draft")
    InquiryContactFactory(person="Private Person", is_public=False)
    text = client.get("/data/anmc21-record.json").getvalue().decode()
    data = json.loads(text)
    assert 40 not in [meeting["number"] for meeting in data["meetings"]]
    assert "secret-draft" not in text
    assert release.title not in text
    assert "Private Person" not in text


def test_csv_download_has_one_row_per_published_meeting(client):
    MeetingFactory(number=40, status="draft")
    response = client.get("/data/anmc21-meetings.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    assert [row["number"] for row in rows] == ["1", "9", "10"]
    tokyo = rows[1]
    assert (tokyo["host_city"], tokyo["dates"], tokyo["dates_earliest"], tokyo["dates_latest"]) == (
        "Tokyo",
        "2010-11-08/2010-11-09",
        "2010-11-08",
        "2010-11-09",
    )
    assert "Tomsk (observer)" in tokyo["participants"]


def test_csv_cells_cannot_run_as_spreadsheet_formulas(client):
    MeetingFactory(number=41, venue='=HYPERLINK("http://evil.example")')
    rows = list(
        csv.DictReader(io.StringIO(client.get("/data/anmc21-meetings.csv").getvalue().decode()))
    )
    [row] = [row for row in rows if row["number"] == "41"]
    assert row["venue"] == """'=HYPERLINK("http://evil.example")"""


def test_meeting_feed_lists_published_meetings_only(client):
    MeetingFactory(number=40, status="draft")
    response = client.get("/feeds/meetings/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.getvalue())
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert "9th Plenary Meeting (Tokyo, 2010)" in titles
    assert not any(title.startswith("40th") for title in titles)


def test_feed_summaries_carry_record_text_as_text_never_as_markup(client):
    MeetingFactory(number=40, summary='<script>alert("x")</script> & more')
    feed = ET.fromstring(client.get("/feeds/meetings/").getvalue())
    [summary] = [
        entry.find(f"{ATOM}summary")
        for entry in feed.iter(f"{ATOM}entry")
        if entry.find(f"{ATOM}title").text.startswith("40th")
    ]
    assert summary.get("type") == "html"
    # what a reader renders as HTML: the characters typed, escaped
    assert summary.text == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more"


def test_declaration_feed_links_the_declaration(client):
    feed = ET.fromstring(client.get("/feeds/declarations/").getvalue())
    (entry,) = feed.iter(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href").endswith("/declarations/tokyo-declaration/")


LICENCE_LINK = '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'


@pytest.mark.parametrize(
    "path",
    [
        "/data/anmc21-record.json",
        "/data/anmc21-meetings.csv",
        "/data/csv/meetings.csv",
        "/data/datapackage.json",
        "/data/popolo.json",
        "/feeds/meetings/",
        "/feeds/declarations/",
        "/plenaries/calendar.ics",
        "/plenaries/9.ics",
        "/declarations/tokyo-declaration.akn.xml",
        "/plenaries/9/cite.bib",
    ],
)
def test_every_download_names_the_data_licence(client, path):
    assert client.get(path)["Link"] == LICENCE_LINK


def test_json_download_and_feeds_carry_the_licence(client):
    assert download_json(client)["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    feed = ET.fromstring(client.get("/feeds/meetings/").getvalue())
    assert "Creative Commons Attribution 4.0" in feed.find(f"{ATOM}rights").text


def test_feeds_are_dated_by_publication_not_by_the_request(client):
    latest = MeetingFactory(number=42)
    latest.published_at = latest.published_at.replace(year=2020, microsecond=0)
    latest.save()
    first = client.get("/feeds/meetings/").getvalue()
    feed = ET.fromstring(first)
    [entry] = [
        e for e in feed.iter(f"{ATOM}entry") if e.find(f"{ATOM}title").text.startswith("42nd")
    ]
    assert entry.find(f"{ATOM}updated").text == latest.published_at.isoformat()
    updated = feed.find(f"{ATOM}updated").text
    newest = max(e.find(f"{ATOM}updated").text for e in feed.iter(f"{ATOM}entry"))
    assert updated == newest
    assert client.get("/feeds/meetings/").getvalue() == first
