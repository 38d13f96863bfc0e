"""What every page tells browsers, search engines and link previews; sitemap, robots.txt and
the error pages."""

import re
from pathlib import Path
from unittest.mock import patch

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.utils.autoreload import file_changed
from django.views.defaults import server_error

from core.templatetags import records

from .factories import ClauseFactory, DeclarationFactory, JointProjectFactory, MeetingFactory
from .helpers import PUBLIC_PAGES, sitemap_text, structured_data

pytestmark = pytest.mark.django_db

PAGES = PUBLIC_PAGES


def meta(content, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', content)
    assert match, f"no {name}"
    return match.group(1)


@pytest.mark.parametrize("path", PAGES)
def test_page_has_title_description_canonical_open_graph_and_json_ld(client, path):
    response = client.get(path)
    content = response.content.decode()
    title = re.search(r"<title>(.+?) · ANMC21 Records</title>", content).group(1)
    assert title.strip()
    assert len(meta(content, "name", "description")) > 30
    canonical = "http://testserver" + path.split("?")[0]
    assert f'<link rel="canonical" href="{canonical}">' in content
    assert meta(content, "property", "og:url") == canonical
    assert meta(content, "property", "og:title") == title
    assert meta(content, "property", "og:description") == meta(content, "name", "description")
    assert meta(content, "property", "og:site_name") == "ANMC21 Records"
    data = structured_data(response)
    assert data["@context"] == "https://schema.org"
    assert data["@type"]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_breadcrumbs_and_navigation(client, path):
    content = client.get(path).content.decode()
    nav = content[content.index('<nav aria-label="Main">') :]
    for section in ["/plenaries/", "/declarations/", "/cities/", "/projects/", "/contacts/"]:
        assert f'href="{section}"' in nav
    if path != "/":
        assert 'aria-label="Breadcrumb"' in content
        assert 'aria-current="page"' in content


def test_meeting_page_title_names_meeting_city_and_year(client):
    content = client.get("/plenaries/9/").content.decode()
    assert "<title>9th Plenary Meeting, Tokyo 2010 · ANMC21 Records</title>" in content
    assert '<meta property="og:type" content="article">' in content


def test_page_uses_no_inline_script_or_style(client):
    """A Content-Security-Policy without 'unsafe-inline' is coming: only JSON-LD data blocks."""
    for path in PAGES:
        content = client.get(path).content.decode()
        assert re.findall(r"<script\b(?![^>]*application/ld\+json)", content) == [], path
        assert " style=" not in content, path
        assert "<style" not in content, path


def test_sitemap_lists_published_records_and_not_drafts(client):
    MeetingFactory(number=12, status="draft")
    DeclarationFactory(slug="draft-declaration", status="draft")
    ClauseFactory(declaration=DeclarationFactory(slug="public-declaration"), number=1)
    JointProjectFactory(slug="draft-project", status="draft")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert "<sitemapindex" in response.content.decode()
    locations = set(re.findall(r"<loc>http://testserver(.+?)</loc>", sitemap_text(client)))
    assert {
        "/",
        "/plenaries/",
        "/plenaries/1/",
        "/plenaries/9/",
        "/plenaries/10/",
        "/declarations/tokyo-declaration/",
        "/declarations/tokyo-declaration/clauses/3/",
        "/declarations/public-declaration/clauses/1/",
        "/cities/tomsk/",
        "/projects/jet-passenger-plane/",
        "/contacts/",
    } <= locations
    assert "/plenaries/12/" not in locations
    assert "/declarations/draft-declaration/" not in locations
    assert "/projects/draft-project/" not in locations


def test_sitemap_index_dates_each_section_and_pages_big_ones(client):
    from public import sitemaps

    declaration = DeclarationFactory(slug="long-declaration")
    for number in range(1, 8):
        ClauseFactory(declaration=declaration, number=number)
    with patch.object(sitemaps.SITEMAPS["clauses"], "limit", 5):
        index = client.get("/sitemap.xml").content.decode()
        assert "/sitemap-clauses.xml?p=2" in index
        assert "<lastmod>" in index
        second = client.get("/sitemap-clauses.xml", {"p": 2}).content.decode()
    assert "/declarations/long-declaration/clauses/" in second or "/tokyo-declaration/" in second
    assert "<lastmod>" in second


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "User-agent: *" in text
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_unknown_page_gets_the_styled_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "<title>Page not found · ANMC21 Records</title>" in content
    assert 'class="site-header"' in content
    assert 'href="/plenaries/"' in content
    assert '<meta name="robots" content="noindex">' in content


def test_500_page_needs_no_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    content = response.content.decode()
    assert "Something went wrong" in content
    assert "/static/css/site.css" in content


@pytest.mark.parametrize(
    ("path", "section"),
    [
        ("/plenaries/9/", "/plenaries/"),
        ("/declarations/tokyo-declaration/clauses/3/", "/declarations/"),
        ("/cities/tokyo/", "/cities/"),
        ("/projects/", "/projects/"),
        ("/contacts/", "/contacts/"),
    ],
)
def test_main_navigation_marks_the_current_section(client, path, section):
    nav = client.get(path).content.decode().split('<nav aria-label="Main">')[1].split("</nav>")[0]
    assert re.findall(r'<a href="([^"]+)" aria-current="true">', nav) == [section]


def test_the_frame_rendered_once_is_each_languages_own(client):
    """The header, navigation and footer are rendered once per process and language
    (`{% rendered_once %}`): each language keeps its own links and labels, each page its own
    current section."""
    for path, home, current in [
        ("/cities/", 'href="/"', "/cities/"),
        ("/ja/cities/", 'href="/ja/"', "/ja/cities/"),
        ("/ja/projects/", 'href="/ja/"', "/ja/projects/"),
        ("/projects/", 'href="/"', "/projects/"),
    ]:
        content = client.get(path).content.decode()
        header = content.split('<nav aria-label="')[0]
        assert f'<a class="wordmark" {home}>' in header
        nav = content.split("<nav aria-label=")[1].split("</nav>")[0]
        assert re.findall(r'<a href="([^"]+)" aria-current="true">', nav) == [current]
        footer = content.split('<footer class="site-footer">')[1]
        assert ('href="/ja/contacts/"' in footer) == path.startswith("/ja/")


def test_a_template_edited_under_runserver_shows_in_the_frame_at_once(client):
    """The frame rendered once per process is forgotten when runserver sees a file change,
    as Django's template loaders are."""
    client.get("/cities/")
    footers = [key for key in records._RENDERED_ONCE if key[0] == "footer"]
    assert footers
    for key in footers:  # as if rendered from an older template
        records._RENDERED_ONCE[key] = "<footer>An older footer</footer>"
    assert "An older footer" in client.get("/cities/").content.decode()
    file_changed.send(sender=None, file_path=Path(settings.BASE_DIR) / "templates" / "base.html")
    content = client.get("/cities/").content.decode()
    assert "An older footer" not in content
    assert '<footer class="site-footer">' in content


def test_warming_before_the_fork_opens_no_connection(django_assert_num_queries):
    """gunicorn loads the site in its master and warms it before forking the workers
    (gunicorn.conf.py): it must open no database or cache connection the workers would then
    share."""
    from django.core.cache import cache

    from core.warm import warm

    with django_assert_num_queries(0), patch.object(cache, "get", side_effect=AssertionError):
        warm()
