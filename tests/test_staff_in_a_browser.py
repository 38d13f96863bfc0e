"""Staff keep the record in the admin, seen end to end in a real browser (Debian's Chromium)."""

import pytest

# With the other browser tests, in one worker: one Chromium.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group(name="browser")]

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


def publish(page, site, changelist, row_text, drafts_with_it=()):
    """Publish from the list: choose the action, check what it publishes with the record on the
    page it opens, and confirm."""
    page.goto(site + changelist)
    page.locator("#result_list tr", has_text=row_text).locator("input.action-select").check()
    page.select_option("select[name=action]", "publish_selected")
    page.click("button[name=index]")
    listed = page.inner_text("#content-main")
    for draft in drafts_with_it:
        assert draft in listed
    page.click("#content-main input[type=submit]")
    assert "1 record published." in page.inner_text(".messagelist")


@pytest.fixture
def new_page(live_server, browser):
    """Pages in their own browser contexts (other people), closed before the server stops."""
    contexts = []

    def open_page():
        contexts.append(browser.new_context())
        return contexts[-1].new_page()

    yield open_page
    for context in contexts:
        context.close()


# Writes through the server, so the test runs outside a transaction; the server is asked for
# first so that the browser closes before it stops.
@pytest.mark.django_db(transaction=True)
def test_editor_enters_a_meeting_and_declaration_and_a_publisher_publishes_them(
    live_server, page, new_page
):
    from plenaries.models import PlenaryMeeting

    from .factories import EditorFactory, PublisherFactory

    site = live_server.url
    EditorFactory(username="editor")
    PublisherFactory(username="publisher")

    # The editor enters an 11th Plenary Meeting (Bangkok, 2012) with two participating cities.
    log_in(page, site, "editor")
    page.goto(site + "/admin/plenaries/plenarymeeting/add/")
    page.fill("#id_number", "11")
    pick(page, "id_host_city", "Bangkok")
    page.fill("#id_dates", "2012-10-26/2012-10-27")
    page.fill("#id_venue", "Bangkok City Hall")
    add_inline_row(page, "participations")
    pick(page, "id_participations-0-city", "Bangkok")
    page.select_option("#id_participations-0-role", "host")
    add_inline_row(page, "participations")
    pick(page, "id_participations-1-city", "Tokyo")
    page.select_option("#id_participations-1-role", "member")
    add_inline_row(page, "outcomes")
    assert page.input_value("#id_outcomes-0-order") == "1"
    page.select_option("#id_outcomes-0-kind", "decision")
    page.fill("#id_outcomes-0-text", "The Bangkok Declaration was adopted.")
    assert page.locator("#id_status").count() == 0  # an editor does not choose the status
    saved(page)

    # ... and its declaration, whose two clauses are numbered in order as they are added.
    page.goto(site + "/admin/declarations/declaration/add/")
    page.locator("#id_title").press_sequentially("Bangkok Declaration")
    assert page.input_value("#id_slug") == "bangkok-declaration"
    pick(page, "id_meeting", "11th Plenary Meeting (Bangkok, 2012)", search="Bangkok")
    page.fill("#id_adopted", "2012-10-27")
    pick(page, "id_adopted_in", "Bangkok")
    page.fill("#id_preamble", "We, the representatives of Bangkok and Tokyo, declare:")
    pick(page, "id_signatories", "Bangkok")
    pick(page, "id_signatories", "Tokyo")
    add_inline_row(page, "clauses")
    add_inline_row(page, "clauses")
    assert page.input_value("#id_clauses-0-number") == "1"
    assert page.input_value("#id_clauses-1-number") == "2"
    page.fill("#id_clauses-0-text", "We will strengthen cooperation among our cities.")
    page.fill("#id_clauses-1-text", "The 12th Plenary Meeting will be held in 2013.")
    saved(page)

    meeting = PlenaryMeeting.objects.get(number=11)
    assert meeting.status == "draft"
    assert sorted(meeting.participations.values_list("city__name", "role")) == [
        ("Bangkok", "host"),
        ("Tokyo", "member"),
    ]
    assert list(meeting.outcomes.values_list("order", "text")) == [
        (1, "The Bangkok Declaration was adopted.")
    ]
    assert list(meeting.declarations.get().clauses.values_list("number", flat=True)) == [1, 2]

    # Drafts stay off the public site.
    public = new_page()
    assert public.goto(site + "/plenaries/11/").status == 404

    # A publisher publishes the meeting, and with it, in the same action, its declaration.
    publisher_page = new_page()
    log_in(publisher_page, site, "publisher")
    publish(
        publisher_page,
        site,
        "/admin/plenaries/plenarymeeting/",
        "Bangkok",
        drafts_with_it=["Bangkok Declaration"],
    )

    assert public.goto(site + "/plenaries/11/").status == 200
    text = public.inner_text("main")
    assert "11th Plenary Meeting" in text
    assert "Tokyo" in text
    assert "Bangkok Declaration" in text
    assert public.goto(site + "/declarations/bangkok-declaration/").status == 200
    assert "The 12th Plenary Meeting will be held in 2013." in public.inner_text("main")
