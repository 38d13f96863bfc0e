"""Migrations keep every record: a site's data as it stood before the history model (exact
dates only, press releases, memberships by year) comes through the migrations whole."""

import copy
import datetime

import pytest
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

ALIAS = "migrations_check"
BEFORE_HISTORY = [
    ("contacts", "0004_organisationunit_version"),
    ("plenaries", "0004_versions_of_the_network_and_meeting_parts"),
    ("declarations", "0004_clause_version"),
]


@pytest.fixture
def empty_database(tmp_path, django_db_blocker):
    """A database of its own (SQLite, in a file), so that migrating it back and forth leaves the
    suite's databases alone; the migrations' data steps are the same on PostgreSQL."""
    own = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "old.sqlite3")}
    connections.settings[ALIAS] = connections.configure_settings(
        {"default": copy.deepcopy(connections.settings["default"]), ALIAS: own}
    )[ALIAS]
    with django_db_blocker.unblock():
        yield connections[ALIAS]
        connections[ALIAS].close()
    del connections[ALIAS]
    del connections.settings[ALIAS]


def migrate(connection, targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest(connection):
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_the_history_migrations_keep_every_record(empty_database):
    old = migrate(empty_database, BEFORE_HISTORY)
    model = old.get_model
    using = empty_database.alias

    network = (
        model("plenaries", "Network")
        .objects.using(using)
        .create(name="Asian Network of Major Cities 21", short_name="ANMC21", founded_year=2001)
    )
    tokyo, hanoi = (
        model("plenaries", "City").objects.using(using).create(name=name, slug=name.lower())
        for name in ("Tokyo", "Hanoi")
    )
    model("plenaries", "Membership").objects.using(using).create(
        network=network, city=hanoi, status="member", since_year=2001, until_year=2012
    )
    meetings = model("plenaries", "PlenaryMeeting").objects.using(using)
    ninth = meetings.create(
        number=9,
        host_city=tokyo,
        year=2010,
        start_date=datetime.date(2010, 11, 8),
        end_date=datetime.date(2010, 11, 9),
        status="published",
    )
    tenth = meetings.create(number=10, host_city=tokyo, year=2011)
    model("plenaries", "Participation").objects.using(using).create(
        meeting=ninth, city=hanoi, role="member", first_time=True
    )
    unit = (
        model("contacts", "OrganisationUnit")
        .objects.using(using)
        .create(name="Headquarters of the Governor", kind="headquarters")
    )
    model("plenaries", "PressRelease").objects.using(using).create(
        title="9th Plenary Meeting",
        slug="2010-11-09-tokyo-declaration",
        date=datetime.date(2010, 11, 9),
        body="The full text.",
        issued_by=unit,
        meeting=ninth,
        status="published",
    )
    model("declarations", "Declaration").objects.using(using).create(
        title="Tokyo Declaration",
        slug="tokyo-declaration",
        adopted_on=datetime.date(2010, 11, 9),
        adopted_in=tokyo,
        meeting=ninth,
        preamble="We, the cities,",
        status="published",
    )

    new = migrate(empty_database, latest(empty_database))
    model = new.get_model

    ninth = model("plenaries", "PlenaryMeeting").objects.using(using).get(number=9)
    assert (ninth.dates, ninth.dates_earliest, ninth.dates_latest, ninth.year) == (
        "2010-11-08/2010-11-09",
        datetime.date(2010, 11, 8),
        datetime.date(2010, 11, 9),
        2010,
    )
    tenth = model("plenaries", "PlenaryMeeting").objects.using(using).get(number=10)
    assert (tenth.dates, tenth.dates_earliest, tenth.dates_latest) == (
        "2011",
        datetime.date(2011, 1, 1),
        datetime.date(2011, 12, 31),
    )
    participation = model("plenaries", "Participation").objects.using(using).get()
    assert (participation.city.name, participation.attendance, participation.first_time) == (
        "Hanoi",
        "attended",
        True,
    )
    membership = model("plenaries", "Membership").objects.using(using).get()
    assert (membership.since, membership.until) == ("2001", "2012")
    source = model("plenaries", "Source").objects.using(using).get()
    assert (source.slug, source.kind, source.date, source.body, source.meeting_id) == (
        "2010-11-09-tokyo-declaration",
        "press_release",
        "2010-11-09",
        "The full text.",
        ninth.pk,
    )
    declaration = model("declarations", "Declaration").objects.using(using).get()
    assert (declaration.adopted, declaration.adopted_earliest) == (
        "2010-11-09",
        datetime.date(2010, 11, 9),
    )
