"""The public pages in a real browser: reachable, citable, and free of axe-core violations."""

import pytest

from plenaries.seed import load_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/plenaries/",
    "/plenaries/9/",
    "/plenaries/10/",
    "/declarations/",
    "/declarations/tokyo-declaration/",
    "/declarations/tokyo-declaration/clauses/3/",
    "/cities/",
    "/cities/tokyo/",
    "/projects/",
    "/projects/jet-passenger-plane/",
    "/contacts/",
    "/contacts/?division=international+affairs",
    "/search/?q=technology",
]


@pytest.fixture
def site(live_server):
    load_record()
    return live_server.url


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_accessibility_violations(page, site, axe, path):
    response = page.goto(site + path)
    assert response.status == 200
    assert axe(page) == []


def test_clause_permalink_leads_to_the_clause(page, site):
    page.goto(site + "/declarations/tokyo-declaration/")
    page.get_by_role("link", name="Permalink to clause 3").click()
    assert page.url.endswith("#clause-3")
    assert page.locator("#clause-3").is_visible()
    assert "new technologies" in page.locator("#clause-3").inner_text()


def test_skip_link_moves_focus_to_main_content(page, site):
    page.goto(site + "/plenaries/9/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
