"""Staff keep the record in the admin, seen end to end in a real browser (Debian's Chromium)."""

import os
from pathlib import Path

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


def shot(page, name):
    """A screenshot for the staff guide (README), where STAFF_GUIDE_SCREENSHOTS names a folder
    (`make screenshots`); otherwise none."""
    folder = os.environ.get("STAFF_GUIDE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def held(page):
    page.click("input[name=_save]")
    message = page.wait_for_selector(".messagelist .success, .errornote")
    assert "waiting for a Publisher's review" in message.inner_text(), page.inner_text("#content")


@pytest.mark.django_db(transaction=True)
def test_an_editors_changes_wait_for_a_publisher_who_approves_them_into_the_change_log(
    live_server, page, new_page
):
    from declarations.models import Clause
    from plenaries.models import PlenaryMeeting

    from .factories import CityFactory, EditorFactory, PublisherFactory

    site = live_server.url
    EditorFactory(username="editor")
    PublisherFactory(username="publisher")
    CityFactory(name="Ulaanbaatar", slug="ulaanbaatar", country="Mongolia")
    clause_3 = site + "/declarations/tokyo-declaration/clauses/3/"
    original = Clause.objects.get(declaration__slug="tokyo-declaration", number=3).text
    ninth = PlenaryMeeting.objects.get(number=9)
    public = new_page()

    # The editor corrects clause 3, adds a participation and removes an outcome.
    log_in(page, site, "editor")
    page.goto(site + "/admin/declarations/declaration/")
    page.click("text=Tokyo Declaration")
    clause_text = page.locator("textarea[name$='-text']").nth(2)
    clause_text.fill(original + " (as adopted)")
    held(page)
    shot(page, "1-editor-change-waits")
    page.goto(site + f"/admin/plenaries/plenarymeeting/{ninth.pk}/change/")
    add_inline_row(page, "participations")
    prefix = page.locator("#participations-group tr.dynamic-participations").last.get_attribute(
        "id"
    )
    pick(page, f"id_{prefix}-city", "Ulaanbaatar")
    page.select_option(f"#id_{prefix}-role", "observer")
    page.locator("#outcomes-group input[name$='-DELETE']").last.check()
    held(page)

    # The public sees the record as approved.
    public.goto(clause_3)
    assert "(as adopted)" not in public.inner_text("main")
    public.goto(site + "/plenaries/9/")
    assert "Ulaanbaatar" not in public.inner_text("main")

    # The publisher opens the queue, reads the diff and approves each with a summary.
    publisher = new_page()
    log_in(publisher, site, "publisher")
    publisher.goto(site + "/admin/core/revision/")
    shot(publisher, "2-publisher-queue")
    publisher.click("text=Tokyo Declaration")
    assert "(as" in publisher.inner_text(".review-diff ins")
    shot(publisher, "3-publisher-diff")
    publisher.fill("#id_summary", "Clause 3 given as adopted.")
    publisher.click("input[name=_approve]")
    assert "Approved" in publisher.inner_text(".messagelist")
    publisher.click("text=9th Plenary Meeting")
    publisher.fill(
        "#id_summary", "Ulaanbaatar attended as an observer; a duplicate outcome removed."
    )
    publisher.click("input[name=_approve]")
    assert "Approved" in publisher.inner_text(".messagelist")

    # The public page, the download and the change-log feed show the change and its summary.
    public.goto(clause_3)
    assert "(as adopted)" in public.inner_text("main")
    public.goto(site + "/plenaries/9/")
    assert "Ulaanbaatar" in public.inner_text("main")
    assert b"(as adopted)" in public.request.get(site + "/data/anmc21-record.json").body()
    feed = public.request.get(site + "/changes/feed/").text()
    assert "Clause 3 given as adopted." in feed
    public.goto(site + "/changes/")
    shot(public, "4-public-change-log")
    # The wording cited before the correction is still served at its versioned permalink.
    public.goto(clause_3 + "?version=1")
    assert original in public.inner_text("blockquote")
    assert "earlier wording" in public.inner_text("main")
    shot(public, "5-earlier-wording")

    # A rejected change leaves the public download byte for byte as it was.
    json_before = public.request.get(site + "/data/anmc21-record.json").body()
    page.goto(site + "/admin/declarations/declaration/")
    page.click("text=Tokyo Declaration")
    page.fill("#id_preamble", "A preamble nobody adopted.")
    held(page)
    publisher.goto(site + "/admin/core/revision/")
    publisher.click("text=Tokyo Declaration")
    publisher.fill("#id_reason", "The preamble is as adopted; no change.")
    publisher.click("input[name=_reject]")
    assert public.request.get(site + "/data/anmc21-record.json").body() == json_before
    page.goto(site + "/admin/core/revision/?status__exact=rejected")
    page.click("text=Tokyo Declaration")
    assert "The preamble is as adopted; no change." in page.inner_text("#content")
    shot(page, "6-editor-sees-why")


@pytest.mark.django_db(transaction=True)
def test_a_whole_plenary_is_entered_in_three_saves_and_published_in_one_action(
    live_server, browser
):
    """The path `make bench-admin` measures (benchmarks/enter_plenary.py), on the test server."""
    from benchmarks.enter_plenary import check_public_pages, enter_plenary, make_test_data

    make_test_data()
    effort, number = enter_plenary(browser, live_server.url)
    check_public_pages(browser, live_server.url, number)
    assert (effort.saves, effort.publish_actions) == (3, 1)


@pytest.mark.django_db(transaction=True)
def test_the_entry_pages_are_accessible_and_rows_are_added_by_keyboard(live_server, page, axe):
    from plenaries.models import PlenaryMeeting

    from .factories import EditorFactory

    site = live_server.url
    EditorFactory(username="editor")
    log_in(page, site, "editor")
    ninth = PlenaryMeeting.objects.get(number=9)
    for path in [
        "/admin/plenaries/plenarymeeting/add/?dates=2010-11-08/2010-11-09",
        f"/admin/plenaries/plenarymeeting/{ninth.pk}/change/",
        f"/admin/declarations/declaration/add/?meeting={ninth.pk}",
        "/admin/plenaries/city/add/",
    ]:
        page.goto(site + path)
        assert axe(page) == [], path
    # Without the mouse: on "Add another Outcome", Enter adds a row and puts the focus in it.
    page.goto(site + f"/admin/plenaries/plenarymeeting/{ninth.pk}/change/")
    rows = page.locator("#outcomes-group tr.form-row:not(.empty-form)").count()
    page.locator("#outcomes-group .add-row a").focus()
    page.keyboard.press("Enter")
    assert page.locator("#outcomes-group tr.form-row:not(.empty-form)").count() == rows + 1
    focused = page.evaluate("document.activeElement.name")
    assert focused == f"outcomes-{rows}-order"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == f"outcomes-{rows}-kind"
