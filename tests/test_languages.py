"""The site in English and Japanese: English at its historical addresses, Japanese under /ja/,
a language switch and hreflang alternates on every page, the reader's choice remembered for
the admin, the page cache and sitemaps per language, dates and ordinals in each language, and
a catalog with every entry translated."""

import datetime
import re

import pytest
from django.contrib.sites.requests import RequestSite
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core.catalogs import catalogs, untranslated
from core.dates import format_day, in_words
from plenaries.models import PlenaryMeeting, ordinal
from public.sitemaps import SITEMAPS

from .helpers import PUBLIC_PAGES, page_text

pytestmark = pytest.mark.django_db

JAPANESE_PAGES = ["/ja" + path for path in PUBLIC_PAGES]


def hreflang_links(response):
    return dict(
        re.findall(
            r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', response.content.decode()
        )
    )


def switch_link(response):
    match = re.search(
        r'<p class="language-switch"><a href="([^"]+)" hreflang="(\w+)"', response.content.decode()
    )
    return match.group(1).replace("&amp;", "&"), match.group(2)


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


# Addresses and languages


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_english_pages_keep_their_addresses_and_say_they_are_english(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert html_lang(response) == "en"
    assert response["Content-Language"] == "en"


@pytest.mark.parametrize("path", JAPANESE_PAGES)
def test_every_public_page_has_a_japanese_counterpart_under_ja(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert html_lang(response) == "ja"
    assert response["Content-Language"] == "ja"
    # The header's navigation and search in Japanese.
    text = page_text(response)
    assert "ホーム" in text and "会議" in text and "記録を検索" in text


def test_meeting_page_in_japanese_has_japanese_title_dates_and_headings(client):
    response = client.get("/ja/plenaries/9/")
    text = page_text(response)
    assert "<h1>第9回総会</h1>" in response.content.decode()
    assert "2010年11月8日〜9日" in text
    assert "参加都市" in text and "特記事項と成果" in text
    assert "<h1>9th Plenary Meeting</h1>" not in response.content.decode()


def test_clause_permalink_in_japanese(client):
    response = client.get("/ja/declarations/tokyo-declaration/clauses/3/")
    text = page_text(response)
    assert "第3項" in text and "引用の方法" in text
    assert 'href="http://testserver/ja/declarations/tokyo-declaration/clauses/3/"' in (
        response.content.decode()
    )


def test_links_on_a_japanese_page_stay_in_japanese(client):
    content = client.get("/ja/plenaries/").content.decode()
    assert 'href="/ja/plenaries/9/"' in content
    assert 'href="/plenaries/9/"' not in content


@pytest.mark.parametrize(
    "path", ["/api/v1/", "/healthz", "/robots.txt", "/sitemap.xml", "/api/v1/meetings/"]
)
def test_addresses_for_machines_have_one_address_for_all_languages(client, path):
    assert client.get(path).status_code == 200
    assert client.get("/ja" + path).status_code == 404


def test_unknown_language_prefix_is_not_found(client):
    assert client.get("/fr/plenaries/9/").status_code == 404
    assert client.get("/language/fr/?next=/").status_code == 404


# The language switch and alternates


@pytest.mark.parametrize(
    ("path", "english", "japanese"),
    [
        ("/plenaries/9/", "/plenaries/9/", "/ja/plenaries/9/"),
        ("/ja/plenaries/9/", "/plenaries/9/", "/ja/plenaries/9/"),
        (
            "/declarations/tokyo-declaration/clauses/3/",
            "/declarations/tokyo-declaration/clauses/3/",
            "/ja/declarations/tokyo-declaration/clauses/3/",
        ),
        ("/", "/", "/ja/"),
    ],
)
def test_every_page_names_both_languages_alternates_and_an_english_default(
    client, path, english, japanese
):
    links = hreflang_links(client.get(path))
    assert links == {
        "en": "http://testserver" + english,
        "ja": "http://testserver" + japanese,
        "x-default": "http://testserver" + english,
    }


def test_switch_leads_to_the_same_page_in_the_other_language_and_remembers_it(client):
    href, language = switch_link(client.get("/plenaries/9/"))
    assert language == "ja"
    assert 'rel="nofollow"' in client.get("/plenaries/9/").content.decode()
    response = client.get(href)
    assert response.status_code == 302
    assert response["Location"] == "/ja/plenaries/9/"
    assert response.cookies["django_language"].value == "ja"
    href, language = switch_link(client.get("/ja/plenaries/9/"))
    assert language == "en"
    response = client.get(href)
    assert response["Location"] == "/plenaries/9/"
    assert response.cookies["django_language"].value == "en"


def test_switch_keeps_the_query(client):
    href, _language = switch_link(client.get("/search/?q=tokyo"))
    assert client.get(href)["Location"] == "/ja/search/?q=tokyo"


@pytest.mark.parametrize("target", ["https://elsewhere.example/", "//elsewhere.example/x"])
def test_switch_never_leads_off_the_site(client, target):
    response = client.get("/language/ja/", {"next": target})
    assert response["Location"] == "/ja/"


def test_switch_needs_no_csrf_token_and_refuses_a_post(client):
    assert client.get("/language/ja/?next=/plenaries/").status_code == 302
    assert client.post("/language/ja/?next=/plenaries/").status_code == 405


def test_admin_speaks_the_language_the_reader_chose(client):
    assert "ユーザー名" not in client.get("/admin/login/").content.decode()
    client.get("/language/ja/?next=/plenaries/")
    response = client.get("/admin/login/")
    assert html_lang(response) == "ja"
    assert "ユーザー名" in response.content.decode()
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]


def test_admin_follows_the_browser_until_a_choice_is_made(client):
    response = client.get("/admin/login/", headers={"accept-language": "ja"})
    assert html_lang(response) == "ja"


def test_unprefixed_pages_ignore_the_cookie_and_the_browser(client):
    client.get("/language/ja/?next=/")
    response = client.get("/plenaries/9/", headers={"accept-language": "ja"})
    assert html_lang(response) == "en"
    assert "Accept-Language" not in response.get("Vary", "")


def test_an_unknown_address_answers_in_the_readers_language(client):
    client.get("/language/ja/?next=/")
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ページが見つかりません" in response.content.decode()
    response = client.get("/ja/no-such-page/")
    assert "ページが見つかりません" in response.content.decode()


# The page cache


@pytest.fixture
def page_cache():
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=600):
        yield
    cache.clear()


def test_each_language_is_cached_on_its_own_and_shared_caches_need_no_vary(page_cache):
    english = Client().get("/plenaries/9/")
    japanese = Client().get("/ja/plenaries/9/")
    assert (english["X-Cache"], japanese["X-Cache"]) == ("miss", "miss")
    again = Client().get("/ja/plenaries/9/", headers={"accept-language": "en"})
    assert again["X-Cache"] == "hit"
    assert html_lang(again) == "ja"
    assert html_lang(Client().get("/plenaries/9/", headers={"accept-language": "ja"})) == "en"
    for response in (english, japanese):
        assert "Accept-Language" not in response.get("Vary", "")
        assert "public" in response["Cache-Control"]


def test_the_language_cookie_does_not_stop_caching(page_cache):
    reader = Client()
    reader.get("/language/ja/?next=/")
    reader.get("/plenaries/")
    assert reader.get("/plenaries/")["X-Cache"] == "hit"


# Sitemaps


def test_sitemap_lists_each_page_in_both_languages_with_alternates(client):
    content = client.get("/sitemap-meetings.xml").content.decode()
    assert "<loc>http://testserver/plenaries/9/</loc>" in content
    assert "<loc>http://testserver/ja/plenaries/9/</loc>" in content
    assert 'hreflang="ja" href="http://testserver/ja/plenaries/9/"' in content
    assert 'hreflang="x-default" href="http://testserver/plenaries/9/"' in content
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert "<loc>http://testserver/ja/</loc>" in pages


def test_sitemap_pages_split_the_pairs_without_losing_one(rf):
    published = PlenaryMeeting.objects.published().count()
    sitemap = SITEMAPS["meetings"]()
    sitemap.limit = 3
    site = RequestSite(rf.get("/"))
    locations = [
        url["location"]
        for number in range(1, sitemap.paginator.num_pages + 1)
        for url in sitemap.get_urls(page=number, site=site, protocol="http")
    ]
    assert sitemap.paginator.count == 2 * published
    assert len(locations) == len(set(locations)) == 2 * published


# Dates, ordinals, feeds


@pytest.mark.parametrize(
    ("edtf", "english", "japanese"),
    [
        ("2010-11-08/2010-11-09", "8–9 November 2010", "2010年11月8日〜9日"),
        ("2010-11-30/2010-12-01", "30 November – 1 December 2010", "2010年11月30日〜12月1日"),
        (
            "2010-12-31/2011-01-01",
            "31 December 2010 – 1 January 2011",
            "2010年12月31日〜2011年1月1日",
        ),
        ("2010-11-09", "9 November 2010", "2010年11月9日"),
        ("2001", "2001", "2001年"),
        ("2001-05", "May 2001", "2001年5月"),
        ("2001~", "about 2001", "2001年頃"),
        ("2001?", "2001 (uncertain)", "2001年（不確実）"),
        ("2012-10/2012-11", "October–November 2012", "2012年10月〜11月"),
        ("2001/2003", "2001–2003", "2001年〜2003年"),
    ],
)
def test_dates_in_words_in_each_language(edtf, english, japanese):
    with translation.override("en"):
        assert in_words(edtf) == english
    with translation.override("ja"):
        assert in_words(edtf) == japanese


@pytest.mark.parametrize(
    ("number", "english", "japanese"),
    [(1, "1st", "第1回"), (9, "9th", "第9回"), (22, "22nd", "第22回")],
)
def test_ordinals_in_each_language(number, english, japanese):
    with translation.override("en"):
        assert ordinal(number) == english
    with translation.override("ja"):
        assert ordinal(number) == japanese


def test_meeting_titles_in_each_language():
    meeting = PlenaryMeeting.objects.get(number=9)
    with translation.override("en"):
        assert meeting.title == "9th Plenary Meeting"
    with translation.override("ja"):
        assert meeting.title == "第9回総会"


def test_a_day_is_formatted_in_each_language():
    day = datetime.date(2010, 11, 9)
    with translation.override("ja"):
        assert format_day(day) == "2010年11月9日"
        assert format_day(day, "document day") == "2010年11月9日"
    with translation.override("en"):
        assert format_day(day, "document day") == "November 9, 2010"


def test_feeds_in_japanese_have_japanese_titles_and_links(client):
    content = client.get("/ja/feeds/meetings/").content.decode()
    assert "<title>ANMC21総会</title>" in content
    assert "http://testserver/ja/plenaries/9/" in content
    assert (
        "<title>ANMC21 plenary meetings</title>" in client.get("/feeds/meetings/").content.decode()
    )


def test_error_pages_in_japanese(client):
    assert "ページが見つかりません" in client.get("/ja/plenaries/999/").content.decode()
    response = client.get("/ja/plenaries/?year=1999")
    assert response.status_code == 400
    assert html_lang(response) == "ja"


# The catalog


def test_every_catalog_entry_is_translated():
    assert catalogs(), "no catalog found in LOCALE_PATHS"
    for path in catalogs():
        assert untranslated(path) == [], path


def test_the_catalog_has_japanese_plural_forms():
    for path in catalogs():
        assert "nplurals=1; plural=0;" in path.read_text()


def test_a_page_with_one_address_for_every_language_offers_no_switch(client):
    response = client.get("/api/v1/docs/")
    assert hreflang_links(response) == {}
    assert 'class="language-switch"' not in response.content.decode()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_japanese_page_makes_no_more_queries_than_its_english_one(client, path):
    with CaptureQueriesContext(connection) as english:
        client.get(path)
    with CaptureQueriesContext(connection) as japanese:
        client.get("/ja" + path)
    assert len(japanese) <= len(english)
