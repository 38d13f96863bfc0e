"""The public pages in a real browser: reachable, citable, and free of axe-core violations."""

import pytest

from backoffice.loader import load_records as load_record

from .helpers import PUBLIC_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = PUBLIC_PAGES


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


def test_clause_page_link_leads_to_its_citation(page, site):
    page.goto(site + "/declarations/tokyo-declaration/")
    page.get_by_role("link", name="Cite clause 3").click()
    assert page.url.endswith("/declarations/tokyo-declaration/clauses/3/")
    assert "9 November 2010, clause 3" in page.locator("cite").inner_text()
    page.get_by_role("link", name="Read this clause in the whole Tokyo Declaration").click()
    assert page.url.endswith("/declarations/tokyo-declaration/#clause-3")


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


@pytest.mark.parametrize("path", PAGES)
def test_page_fits_a_320_pixel_phone(page, site, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


# --- The staff back office, end to end ---------------------------------------------------------

PASSWORD = "a-long-test-password"


def log_in(page, site, username):
    page.goto(site + "/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")


def pick(page, select_id, option, search=None):
    """Choose in a select2 autocomplete the way staff do: open it, type, click the match."""
    page.click(f"#{select_id} + .select2 .select2-selection")
    page.keyboard.type(search or option)
    page.get_by_role("option", name=option, exact=True).click()


def add_inline_row(page, prefix):
    page.click(f"#{prefix}-group .add-row a")


def saved(page):
    page.click("input[name=_save]")
    message = page.wait_for_selector(".messagelist .success, .errornote")
    assert "success" in message.get_attribute("class"), page.inner_text("#content")


def publish(page, site, changelist, row_text):
    page.goto(site + changelist)
    page.locator("#result_list tr", has_text=row_text).locator("input.action-select").check()
    page.select_option("select[name=action]", "publish_selected")
    page.click("button[name=index]")
    assert "1 record published." in page.inner_text(".messagelist")


@pytest.fixture
def new_page(browser, live_server):
    """Pages in their own browser contexts (other people), closed before the server stops."""
    contexts = []

    def open_page():
        contexts.append(browser.new_context())
        return contexts[-1].new_page()

    yield open_page
    for context in contexts:
        context.close()


def test_editor_enters_a_meeting_and_declaration_and_a_publisher_publishes_them(
    page, new_page, live_server
):
    from plenaries.models import PlenaryMeeting

    from .factories import CityFactory, EditorFactory, PublisherFactory

    site = live_server.url
    for name in ("Seoul", "Tokyo", "Bangkok"):
        CityFactory(name=name)
    EditorFactory(username="editor")
    PublisherFactory(username="publisher")

    # The editor enters the 10th Plenary Meeting (Seoul, 2011) with two participating cities.
    log_in(page, site, "editor")
    page.goto(site + "/admin/plenaries/plenarymeeting/add/")
    page.fill("#id_number", "10")
    pick(page, "id_host_city", "Seoul")
    page.fill("#id_year", "2011")
    page.fill("#id_start_date", "2011-10-26")
    page.fill("#id_end_date", "2011-10-27")
    page.fill("#id_venue", "Seoul City Hall")
    add_inline_row(page, "participations")
    pick(page, "id_participations-0-city", "Seoul")
    page.select_option("#id_participations-0-role", "host")
    add_inline_row(page, "participations")
    pick(page, "id_participations-1-city", "Tokyo")
    page.select_option("#id_participations-1-role", "member")
    add_inline_row(page, "outcomes")
    assert page.input_value("#id_outcomes-0-order") == "1"
    page.select_option("#id_outcomes-0-kind", "decision")
    page.fill("#id_outcomes-0-text", "The Seoul Declaration was adopted.")
    assert page.locator("#id_status").count() == 0  # an editor does not choose the status
    saved(page)

    # ... and its declaration, whose two clauses are numbered in order as they are added.
    page.goto(site + "/admin/declarations/declaration/add/")
    page.locator("#id_title").press_sequentially("Seoul Declaration")
    assert page.input_value("#id_slug") == "seoul-declaration"
    pick(page, "id_meeting", "10th Plenary Meeting (Seoul, 2011)", search="Seoul")
    page.fill("#id_adopted_on", "2011-10-27")
    pick(page, "id_adopted_in", "Seoul")
    page.fill("#id_preamble", "We, the representatives of Seoul and Tokyo, declare:")
    pick(page, "id_signatories", "Seoul")
    pick(page, "id_signatories", "Tokyo")
    add_inline_row(page, "clauses")
    add_inline_row(page, "clauses")
    assert page.input_value("#id_clauses-0-number") == "1"
    assert page.input_value("#id_clauses-1-number") == "2"
    page.fill("#id_clauses-0-text", "We will strengthen cooperation among our cities.")
    page.fill("#id_clauses-1-text", "The 11th Plenary Meeting will be held in 2012.")
    saved(page)

    meeting = PlenaryMeeting.objects.get(number=10)
    assert meeting.status == "draft"
    assert sorted(meeting.participations.values_list("city__name", "role")) == [
        ("Seoul", "host"),
        ("Tokyo", "member"),
    ]
    assert list(meeting.outcomes.values_list("order", "text")) == [
        (1, "The Seoul Declaration was adopted.")
    ]
    assert list(meeting.declarations.get().clauses.values_list("number", flat=True)) == [1, 2]

    # Drafts stay off the public site.
    public = new_page()
    assert public.goto(site + "/plenaries/10/").status == 404

    # A publisher publishes both; the public page then shows them.
    publisher_page = new_page()
    log_in(publisher_page, site, "publisher")
    publish(publisher_page, site, "/admin/plenaries/plenarymeeting/", "Seoul")
    publish(publisher_page, site, "/admin/declarations/declaration/", "Seoul Declaration")

    assert public.goto(site + "/plenaries/10/").status == 200
    text = public.inner_text("main")
    assert "10th Plenary Meeting" in text
    assert "Tokyo" in text
    assert "Seoul Declaration" in text
    assert public.goto(site + "/declarations/seoul-declaration/").status == 200
    assert "The 11th Plenary Meeting will be held in 2012." in public.inner_text("main")
