"""The public pages in a real browser (Debian's Chromium), in English and in Japanese: free of
axe-core violations, usable on a 320 px phone, by keyboard and without JavaScript, and their
citation links lead where they say."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import PUBLIC_PAGES

# One worker runs every browser test, so one Chromium starts (tests/conftest.py).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db,
    pytest.mark.xdist_group(name="browser"),
]


@pytest.mark.parametrize("path", [*PUBLIC_PAGES, *("/ja" + path for path in PUBLIC_PAGES)])
def test_page_has_no_accessibility_violations_and_fits_a_320_pixel_phone(page, site, axe, path):
    response = page.goto(site + path)
    assert response.status == 200
    assert axe(page) == []
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_clause_permalink_leads_to_the_clause(page, site):
    page.goto(site + "/declarations/tokyo-declaration/")
    page.get_by_role("link", name="Permalink to clause 3").click()
    expect(page).to_have_url(re.compile("#clause-3$"))
    assert page.locator("#clause-3").is_visible()
    assert "new technologies" in page.locator("#clause-3").inner_text()


def test_skip_link_moves_focus_to_main_content(page, site):
    page.goto(site + "/plenaries/9/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    # The browser follows the link after the key press returns: wait for it (up to 5 s).
    expect(page).to_have_url(re.compile("#main$"))
    assert page.evaluate(
        "document.activeElement.closest('#main') !== null || document.activeElement.id === 'main'"
    )


def test_clause_page_link_leads_to_its_citation(page, site):
    page.goto(site + "/declarations/tokyo-declaration/")
    page.get_by_role("link", name="Cite clause 3").click()
    expect(page).to_have_url(re.compile("/declarations/tokyo-declaration/clauses/3/$"))
    assert "9 November 2010, clause 3" in page.locator("cite").inner_text()
    page.get_by_role("link", name="Read this clause in the whole Tokyo Declaration").click()
    expect(page).to_have_url(re.compile("/declarations/tokyo-declaration/#clause-3$"))


@pytest.fixture
def page_without_javascript(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_meeting_filters_work_without_javascript(page_without_javascript, site):
    page = page_without_javascript
    page.goto(site + "/plenaries/")
    page.get_by_label("Host city").select_option("seoul")
    page.get_by_role("button", name="Show meetings").click()
    assert "city=seoul" in page.url
    assert page.get_by_role("link", name="10th Plenary Meeting").count() == 1
    assert page.get_by_role("link", name="9th Plenary Meeting").count() == 0


def test_contact_lookup_and_search_work_without_javascript(page_without_javascript, site):
    page = page_without_javascript
    page.goto(site + "/contacts/")
    page.get_by_label("Division").fill("international affairs")
    page.get_by_role("button", name="Find contacts").click()
    assert page.get_by_text("Mikiko Yoshimura").is_visible()
    page.get_by_role("searchbox", name="Search the record").fill("flowering")
    page.get_by_role("searchbox", name="Search the record").press("Enter")
    assert page.locator("mark").first.inner_text() == "flowering"
