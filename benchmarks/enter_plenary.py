"""Staff effort to enter a whole plenary through the admin, measured in a real browser.

An Editor enters a meeting known to the month-and-days, its press release as a source, 14
participations (prefilled from the network's standings: one absent, one represented by a
deputy, a city joining as a member there), outcomes linked to projects, related events with a
sub-part, and its declaration of 5 clauses pasted as one text; a Publisher publishes it all in
one action. Every value is then checked on the public pages. It prints one line:

    plenary entered: S saves, P publish actions, L page loads, F fields filled

`make bench-admin` runs it on a fresh SQLite database with its own test data (not the shipped
record), serving the site with `manage.py runserver`; tests/test_staff_in_a_browser.py runs the
same path (`enter_plenary`) against the test server.
"""

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-admin-" + secrets.token_urlsafe(8)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# The test data: a network of fictional cities, none of them in the shipped record.
MEMBERS = [
    "Aranmore", "Belhaven", "Corriston", "Dunmarra", "Eskerfield", "Fallowmere", "Glenrock",
    "Harrowgate Bay", "Inverlass", "Jorvale", "Kilbarren", "Lochcairn",
]  # fmt: skip
OBSERVERS = ["Marrowick", "Northend"]
HOST, ABSENT, REPRESENTED, JOINING = "Corriston", "Fallowmere", "Glenrock", "Marrowick"
DATES = "2031-10-15/2031-10-16"
SOURCE_TITLE = "The 31st Plenary Meeting and the Corriston Declaration"
PROJECTS = ["Flood defence for river cities", "Clean air in dense districts"]
CLAUSES = [
    "We shall share what our cities learn about river floods.",
    "We shall measure the air our citizens breathe, and publish it.",
    "We shall train each other's engineers in the works that protect us.",
    "We shall meet at the working level twice a year.",
    "The next plenary meeting will be hosted by Belhaven.",
]


def make_test_data(password=PASSWORD):
    """The network, its cities and standings, two projects, the secretariat's unit, and an
    Editor and a Publisher (Django set up). Idempotent."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from contacts.models import OrganisationUnit
    from core.models import PublicationStatus
    from plenaries.models import City, JointProject, Membership, Network

    network = Network.objects.main() or Network.objects.create(
        name="Asian Network of Major Cities 21", short_name="ANMC21", founded_year=2001
    )
    published = {"status": PublicationStatus.PUBLISHED, "published_at": timezone.now()}
    for name in MEMBERS + OBSERVERS:
        city, created = City.objects.get_or_create(
            slug=name.lower().replace(" ", "-"), defaults={"name": name, **published}
        )
        if created:
            status = "observer" if name in OBSERVERS else "member"
            Membership.objects.create(network=network, city=city, status=status, since="2020")
    for name in PROJECTS:
        JointProject.objects.get_or_create(
            slug=name.lower().replace(" ", "-")[:50],
            defaults={"name": name, "area": "environment", **published},
        )
    OrganisationUnit.objects.get_or_create(
        name="Bench Secretariat", parent=None, defaults={"kind": "secretariat"}
    )
    users = get_user_model().objects
    for username, group in (("bench-editor", "Editors"), ("bench-publisher", "Publishers")):
        if not users.filter(username=username).exists():
            user = users.create_user(username, password=password, is_staff=True)
            user.groups.add(Group.objects.get(name=group))


@dataclass
class Effort:
    saves: int = 0
    publish_actions: int = 0
    page_loads: int = 0
    fields_filled: int = 0

    def line(self):
        return (
            f"plenary entered: {self.saves} saves, {self.publish_actions} publish actions, "
            f"{self.page_loads} page loads, {self.fields_filled} fields filled"
        )


class Staff:
    """A member of staff at the admin, counting what they do."""

    def __init__(self, page, site, effort):
        self.page, self.site, self.effort = page, site, effort
        page.on("framenavigated", self._navigated)

    def _navigated(self, frame):
        if frame == self.page.main_frame:
            self.effort.page_loads += 1

    def go(self, path):
        self.page.goto(self.site + path)

    def fill(self, selector, value):
        self.page.fill(selector, value)
        self.effort.fields_filled += 1

    def choose(self, selector, value):
        self.page.select_option(selector, value)
        self.effort.fields_filled += 1

    def check(self, selector):
        self.page.check(selector)
        self.effort.fields_filled += 1

    def pick(self, select_id, option, search=None):
        """Choose in an autocomplete as staff do: open it, type, click the match."""
        self.page.click(f"#{select_id} + .select2 .select2-selection")
        self.page.keyboard.type(search or option)
        self.page.get_by_role("option", name=option, exact=True).click()
        self.effort.fields_filled += 1

    def save(self, button="_save"):
        self.page.click(f"input[name={button}]")
        message = self.page.wait_for_selector(".messagelist .success, .errornote")
        if "success" not in (message.get_attribute("class") or ""):
            raise AssertionError(self.page.inner_text("#content"))
        self.effort.saves += 1

    def log_in(self, username, password):
        self.go("/admin/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.click("input[type=submit]")
        self.page.wait_for_selector("#user-tools")

    def row_of(self, prefix, city):
        """The form prefix of the participation row of this city (prefilled rows)."""
        return self.page.evaluate(
            """([prefix, city]) => {
                const selects = `select[name^="${prefix}-"][name$="-city"]`;
                for (const select of document.querySelectorAll(selects)) {
                    const chosen = select.options[select.selectedIndex];
                    if (chosen && chosen.text === city) return select.name.replace(/-city$/, "");
                }
                return null;
            }""",
            [prefix, city],
        )


def enter_plenary(browser, site, password=PASSWORD):
    """The whole path, as an Editor then a Publisher; the effort it took, and the meeting's
    number."""
    effort = Effort()
    editor_context, publisher_context = browser.new_context(), browser.new_context()
    try:
        editor = Staff(editor_context.new_page(), site, effort)
        editor.log_in("bench-editor", password)
        effort.page_loads = 0  # the effort counted is the entry's, not signing in

        # 1. The source: the press release.
        editor.go("/admin/plenaries/source/add/")
        editor.choose("#id_kind", "press_release")
        editor.fill("#id_title", SOURCE_TITLE)
        editor.fill("#id_publisher", "Corriston City Government")
        editor.fill("#id_date", "2031-10-16")
        editor.fill("#id_body", "The 31st Plenary Meeting was held in Corriston. " * 3)
        editor.save()

        # 2. The meeting: dates first, to prefill its participants from the standings.
        editor.go("/admin/plenaries/plenarymeeting/add/")
        editor.fill("#prefill-dates", DATES)
        editor.page.click(".prefill-participants button")
        editor.page.wait_for_load_state()
        number = editor.page.input_value("#id_number")
        editor.pick("id_host_city", HOST)
        editor.fill("#id_venue", "Corriston Civic Hall")
        editor.fill("#id_participant_count", "140")
        row = editor.row_of("participations", ABSENT)
        editor.choose(f"#id_{row}-attendance", "absent")
        row = editor.row_of("participations", REPRESENTED)
        editor.choose(f"#id_{row}-attendance", "represented")
        editor.fill(f"#id_{row}-representative", "Ms Ina Varga")
        editor.fill(f"#id_{row}-representative_title", "Deputy Mayor")
        editor.choose(f"#id_{row}-representative_level", "deputy")
        row = editor.row_of("participations", JOINING)
        editor.choose(f"#id_{row}-role", "member")
        editor.choose(f"#id_{row}-joins_as", "member")
        # outcomes, one linked to a project
        for index, (kind, text, project) in enumerate(
            [
                ("agreement", "The cities agreed to share flood data.", PROJECTS[0]),
                ("decision", "Belhaven will host the next plenary meeting.", None),
            ]
        ):
            editor.page.click("#outcomes-group .add-row a")
            editor.choose(f"#id_outcomes-{index}-kind", kind)
            editor.fill(f"#id_outcomes-{index}-text", text)
            if project:
                editor.pick(f"id_outcomes-{index}-joint_projects", project, search="Flood")
        # related events, the second a part of the first
        for index, (name, kind) in enumerate(
            [("Corriston Water Expo", "exhibition"), ("River cities pavilion", "zone")]
        ):
            editor.page.click("#events-group .add-row a")
            editor.fill(f"#id_events-{index}-name", name)
            editor.choose(f"#id_events-{index}-kind", kind)
        editor.fill("#id_events-1-part_of", "1")
        # the source, for the dates
        citations = "plenaries-citation-content_type-object_id"
        editor.page.click(f"#{citations}-group .add-row a")
        editor.pick(
            f"id_{citations}-0-source",
            "The 31st Plenary Meeting and the Corriston Declaration",
            search="31st",
        )
        editor.fill(f"#id_{citations}-0-field", "dates")
        editor.save()

        # 3. The declaration, started from the meeting; its clauses pasted as one text.
        editor.go(f"/admin/plenaries/plenarymeeting/?number={number}")
        editor.page.click(f"#result_list a:text-is('{number}')")
        editor.page.click("text=Start its declaration")
        editor.page.wait_for_load_state()
        editor.fill("#id_preamble", "We, the cities meeting in Corriston, declare:")
        editor.fill(
            "#id_clauses_text", "\n".join(f"{n}. {text}" for n, text in enumerate(CLAUSES, 1))
        )
        editor.page.click("input[name=_split_clauses]")
        editor.page.wait_for_selector("#id_clauses-4-text")
        editor.save()

        # 4. The Publisher publishes the meeting, and with it its declaration and source.
        publisher = Staff(publisher_context.new_page(), site, effort)
        loads = effort.page_loads
        publisher.log_in("bench-publisher", password)
        effort.page_loads = loads
        publisher.go("/admin/plenaries/plenarymeeting/")
        publisher.page.locator("#result_list tr", has_text=HOST).locator(
            "input.action-select"
        ).check()
        publisher.page.select_option("select[name=action]", "publish_selected")
        publisher.page.click("button[name=index]")
        publisher.page.click("#content-main input[type=submit]")
        published = publisher.page.inner_text(".messagelist")
        if "1 record published." not in published:
            raise AssertionError(published)
        effort.publish_actions += 1
    finally:
        editor_context.close()
        publisher_context.close()
    return effort, number


def check_public_pages(browser, site, number):
    """Every value entered, on the public pages (a fresh visitor)."""
    context = browser.new_context()
    page = context.new_page()
    try:
        response = page.goto(f"{site}/plenaries/{number}/")
        assert response.status == 200, response.status
        text = page.inner_text("main")
        for expected in [
            "15–16 October 2031", HOST, "Corriston Civic Hall", "140 people", "Absent",
            ABSENT, "by Deputy Mayor Ms Ina Varga", JOINING, "Corriston Water Expo",
            "River cities pavilion", "The cities agreed to share flood data.", PROJECTS[0],
            "Corriston Declaration", SOURCE_TITLE,
        ]:  # fmt: skip
            assert expected in text, f"{expected!r} not on the meeting page"
        page.goto(f"{site}/declarations/corriston-declaration/")
        text = page.inner_text("main")
        for clause in CLAUSES:
            assert clause in text, f"{clause!r} not on the declaration page"
        assert REPRESENTED in text and ABSENT not in text.split("Signatory cities")[-1]
        page.goto(f"{site}/cities/{JOINING.lower()}/")
        assert "Member" in page.inner_text("main") and f"{number}" in page.inner_text("main")
    finally:
        context.close()


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main():
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        port = _free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(
            DJANGO_SETTINGS_MODULE="anmc21.settings.local",
            DATABASE_URL=f"sqlite:///{Path(tmp) / 'bench.sqlite3'}",
            DJANGO_DEBUG="false",
        )
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput"], cwd=ROOT, env=env, check=True,
                       capture_output=True)  # fmt: skip
        script = (
            f"from benchmarks.enter_plenary import make_test_data; make_test_data({PASSWORD!r})"
        )
        subprocess.run([*manage, "shell", "-c", script], cwd=ROOT, env=env, check=True,
                       capture_output=True)  # fmt: skip
        server = subprocess.Popen(
            [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        site = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(site + "/robots.txt", timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
            with sync_playwright() as playwright:
                chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
                browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                try:
                    effort, number = enter_plenary(browser, site)
                    check_public_pages(browser, site, number)
                finally:
                    browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(effort.line())
    if effort.saves > 3 or effort.publish_actions > 1:
        raise SystemExit("more than 3 saves or 1 publish action")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
