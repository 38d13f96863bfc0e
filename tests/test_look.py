"""The site's look: the wordmark, icons and web app manifest, the print stylesheet, the press
release set out as a document, the wide layout in a browser, and the README's screenshots."""

import json
import os
import re
from pathlib import Path

import pytest

from .helpers import page_text

pytestmark = pytest.mark.django_db

PRESS_RELEASE = "/sources/2010-11-09-tokyo-declaration/"


def test_header_names_the_network_in_words_not_only_a_picture(client):
    content = client.get("/").content.decode()
    wordmark = content[
        content.index('class="wordmark"') : content.index("</a>", content.index('class="wordmark"'))
    ]
    assert "ANMC21" in wordmark
    assert "Asian Network of Major Cities 21" in wordmark
    assert 'aria-hidden="true"' in wordmark  # the drawn mark is decoration


def test_every_page_links_its_icons_and_manifest(client):
    content = client.get("/plenaries/9/").content.decode()
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in content
    assert '<link rel="apple-touch-icon" href="/apple-touch-icon.png">' in content
    assert '<link rel="manifest" href="/site.webmanifest">' in content


def test_manifest_is_served_as_a_web_app_manifest_and_its_icons_exist(client):
    response = client.get("/site.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(b"".join(response.streaming_content))
    assert manifest["short_name"] == "ANMC21"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        served = client.get(icon["src"])
        assert served.status_code == 200, icon["src"]
        assert served["Content-Type"] == icon["type"]


@pytest.mark.parametrize(
    ("path", "size"),
    [("/icon-192.png", 192), ("/icon-512.png", 512), ("/apple-touch-icon.png", 180)],
)
def test_app_icons_are_pngs_of_their_stated_size(client, path, size):
    data = b"".join(client.get(path).streaming_content)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (size, size)


def test_print_stylesheet_is_linked_for_print_only(client):
    content = client.get("/declarations/tokyo-declaration/").content.decode()
    assert re.search(
        r'<link rel="stylesheet" href="/static/css/print\.css" media="print">', content
    )
    assert client.get("/static/css/print.css").status_code == 200


def test_declaration_prints_its_permalink(client):
    content = client.get("/declarations/tokyo-declaration/").content.decode()
    assert re.search(
        r'<p class="print-only print-permalink">[^<]*Permalink: http://testserver/declarations/tokyo-declaration/</p>',
        content,
    )


def test_press_release_shows_the_features_after_as_follows_and_the_declaration_attached(client):
    content = client.get(PRESS_RELEASE).content.decode()
    features = content[content.index("are as follows:") :]
    # the features list, with the Exhibition's sub-item nested under it, comes right after
    assert re.match(r"are as follows:</p>\s*<ul><li>This was the second time", features)
    assert re.search(
        r"attractions of Asia\.<ul><li>Held from November 6 \(Sat\.\) to 9 \(Tues\.\)</li></ul>",
        features,
    )
    assert "<h3>Inquiries (in Japanese):</h3>" in content
    attachment = content[content.index('<section class="attachment"') :]
    assert '<h3 class="attachment-title">Tokyo Declaration</h3>' in attachment
    clauses = re.findall(r'<li value="(\d)">', attachment)
    assert clauses == ["1", "2", "3", "4", "5"]
    assert "we hereby declare the following:" in attachment


def test_press_release_gives_its_date_and_issuer_as_a_dateline(client):
    content = client.get(PRESS_RELEASE).content.decode()
    head = content[content.index('class="document-head"') :]
    head = head[: head.index("</div>")]
    assert "9 November 2010" in head
    assert "Headquarters of the Governor" in head
    assert "Tokyo Metropolitan Government" in head


def test_meeting_page_tells_each_event_once_with_its_outcome(client):
    content = client.get("/plenaries/9/").content.decode()
    outcomes = content[
        content.index('id="outcomes-heading"') : content.index('id="participants-heading"')
    ]
    for name in (
        "Welcome Reception",
        "Tokyo Industrial Exhibition 2010",
        "Asia zone",
        "ANMC21 Exhibition",
    ):
        # the event's own line (name, dates, calendar), once, inside the outcomes
        assert content.count(f"<strong>{name}</strong>") == 1, name
        assert f"<strong>{name}</strong>" in outcomes, name
    text = page_text(client.get("/plenaries/9/"))
    assert text.count("Tomsk (Russia) attended the plenary as an observer for the first time.") == 1
    assert "Related events" not in text


# Pages in a real browser, in each language: the layout at desktop width, and screenshots for
# the README when SITE_SCREENSHOTS names a folder (`make site-screenshots`).
SCREENSHOT_PAGES = [
    ("home", "/"),
    ("meeting-9", "/plenaries/9/"),
    ("tokyo-declaration", "/declarations/tokyo-declaration/"),
]


@pytest.mark.browser
@pytest.mark.xdist_group(name="browser")
@pytest.mark.parametrize("prefix", ["", "/ja"], ids=["en", "ja"])
@pytest.mark.parametrize(
    ("name", "path"), SCREENSHOT_PAGES, ids=[name for name, _ in SCREENSHOT_PAGES]
)
def test_page_at_desktop_width_keeps_the_header_on_one_line(page, site, prefix, name, path):
    page.set_viewport_size({"width": 1280, "height": 900})
    response = page.goto(site + prefix + path)
    assert response.status == 200
    header = page.locator(".site-header .wrap").bounding_box()
    assert header["height"] < 90  # wordmark, sections and search side by side, not stacked
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    folder = os.environ.get("SITE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        language = prefix.strip("/") or "en"
        page.screenshot(path=str(Path(folder) / f"{name}-{language}.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.xdist_group(name="browser")
def test_meeting_page_puts_its_facts_beside_the_text_on_wide_screens(page, site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "/plenaries/9/")
    body = page.locator(".page-body").bounding_box()
    aside = page.locator(".page-aside").bounding_box()
    assert aside["x"] > body["x"] + body["width"]
    page.set_viewport_size({"width": 375, "height": 800})
    body = page.locator(".page-body").bounding_box()
    aside = page.locator(".page-aside").bounding_box()
    assert aside["y"] < body["y"]  # on a phone the facts come first, above the text


@pytest.mark.browser
@pytest.mark.xdist_group(name="browser")
def test_printed_declaration_leaves_out_the_site_and_shows_its_permalink(page, site):
    page.goto(site + "/declarations/tokyo-declaration/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert not page.locator(".clause-meta").first.is_visible()
    assert page.locator(".print-permalink").is_visible()
    assert "/declarations/tokyo-declaration/" in page.locator(".print-permalink").inner_text()
    page.emulate_media(media="screen")
    assert not page.locator(".print-permalink").is_visible()
