"""Fixtures shared across the suite, and the browser and HTML-checker set-up."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from pytest_django.plugin import blocking_manager_key

from backoffice.loader import load_records
from core.catalogs import compile_catalogs

from .factories import EditorFactory, PublisherFactory, StaffFactory

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
VNU_JAR = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
AXE_JS = ROOT / "node_modules/axe-core/axe.min.js"

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def writes_outside_a_transaction(item):
    """Whether a test runs outside a transaction: it empties the database when it ends."""
    marker = item.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    return transactional or bool({"live_server", "transactional_db"} & set(item.fixturenames))


set_up_key = pytest.StashKey[bool]()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if call.when == "setup":
        item.stash[set_up_key] = outcome.get_result().passed


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test that ran outside a transaction has emptied the database, load the shipped
    record again, so that the tests after it, in whatever order, find it."""
    yield
    # After the last test the session's databases are gone: nothing to reload. A test skipped
    # before its set-up (no browser here) never reached the database: nothing to reload either.
    set_up = item.stash.get(set_up_key, False)
    if nextitem is not None and set_up and writes_outside_a_transaction(item):
        with item.config.stash[blocking_manager_key].unblock():
            load_records()


def pytest_collection_modifyitems(config, items):
    missing_browser = not (Path(CHROMIUM).exists() and AXE_JS.exists())
    missing_checker = not (shutil.which("java") and VNU_JAR.exists())
    skip_browser = pytest.mark.skip(
        reason="browser test: needs Debian's chromium and node_modules/axe-core "
        "(apt-get install chromium; npm ci) — .ci/run installs both"
    )
    skip_html = pytest.mark.skip(
        reason="HTML check: needs java and node_modules/vnu-jar "
        "(apt-get install default-jre-headless; npm ci) — .ci/run installs both"
    )
    for item in items:
        if missing_browser and "browser" in item.keywords:
            item.add_marker(skip_browser)
        if missing_checker and "html" in item.keywords:
            item.add_marker(skip_html)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium, never a browser downloaded by the test tool."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def site(django_db_setup, django_db_blocker):
    """The site with the shipped record, served for browser tests that only read it.

    Started once: such tests need no transaction of their own (pytest-django's `live_server`
    would make each one empty the database, and restore it, around itself). A test that writes
    through the server uses `live_server` instead.
    """
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost")
    yield server.url
    server.stop()


@pytest.fixture
def axe():
    """Run axe-core (WCAG 2.2 AA rules and axe's best practices, such as landmarks with unique
    names) on a Playwright page; returns the violations."""

    def run(page):
        # Evaluated through the DevTools protocol, which the site's CSP rightly does not allow
        # a page script to do; the page itself runs under its real policy.
        page.evaluate(AXE_JS.read_text())
        result = page.evaluate(
            """async () => await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
                resultTypes: ['violations']})"""
        )
        return [
            f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'])})"
            for v in result["violations"]
        ]

    return run


@pytest.fixture
def validate_html(tmp_path):
    """Check HTML documents with the W3C Nu checker; returns its errors as readable lines."""

    def run(documents):
        paths = []
        for index, (name, content) in enumerate(documents.items()):
            path = tmp_path / f"page{index}.html"
            path.write_bytes(content)
            paths.append((path, name))
        completed = subprocess.run(
            ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always"]
            + [str(path) for path, _name in paths],
            capture_output=True,
            text=True,
            check=True,
        )
        names = {path.as_uri(): name for path, name in paths}
        messages = json.loads(completed.stderr)["messages"]
        return [
            f"{names.get(m.get('url'), m.get('url'))}:{m.get('lastLine')}: {m['message']}"
            for m in messages
            if m["type"] == "error"
        ]

    return run


def pytest_sessionstart(session):
    """The translation catalogs compiled (as `make test` does), for a suite run by itself."""
    compile_catalogs()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the shipped record (Tokyo 2010), loaded once per session (per
    xdist worker) as `make run` loads it; each test runs in a transaction rolled back after it."""
    with django_db_blocker.unblock():
        load_records()


@pytest.fixture
def staff_user(db):
    return StaffFactory(username="secretariat")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def editor(db):
    return EditorFactory(username="editor")


@pytest.fixture
def publisher(db):
    return PublisherFactory(username="publisher")


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def publisher_client(publisher):
    client = Client()
    client.force_login(publisher)
    return client


@pytest.fixture(autouse=True)
def _reader_language_english():
    """Each test starts in English, as a request with no language would: a request to a
    /ja/ page leaves Japanese active in the thread that made it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
