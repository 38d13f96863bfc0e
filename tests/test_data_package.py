"""The record as tidy CSV tables, one per kind of record or link, described by a Frictionless
data package that validates: types, required values, keys and joins between the tables."""

import csv
import io
import json

import pytest
from frictionless import Package, validate

from declarations.models import Clause
from plenaries.models import City, JointProject

from .factories import MeetingFactory, ParticipationFactory, RelatedEventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def package_dir(client, tmp_path):
    """The descriptor and every table it names, downloaded as a user would, side by side."""
    response = client.get("/data/datapackage.json")
    assert response.status_code == 200
    descriptor = json.loads(response.getvalue())
    (tmp_path / "datapackage.json").write_bytes(response.getvalue())
    for resource in descriptor["resources"]:
        table = client.get("/data/" + resource["path"])
        assert table.status_code == 200, resource["path"]
        target = tmp_path / resource["path"]
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(table.getvalue())
    return tmp_path


def rows(client, name):
    response = client.get(f"/data/csv/{name}.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


def test_data_package_validates(package_dir):
    report = validate(str(package_dir / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_data_package_names_every_table_its_licence_and_types(package_dir):
    package = Package(str(package_dir / "datapackage.json"))
    assert package.resource_names == [
        "cities",
        "meetings",
        "participations",
        "memberships",
        "declarations",
        "declaration_signatories",
        "clauses",
        "clause_projects",
        "clause_meetings",
        "projects",
        "project_cities",
        "project_meetings",
        "events",
        "sources",
    ]
    assert package.licenses[0]["name"] == "CC-BY-4.0"
    meetings = package.get_resource("meetings")
    assert meetings.schema.get_field("dates_earliest").type == "date"
    assert meetings.schema.primary_key == ["meeting"]


@pytest.fixture
def draft_meeting_linked():
    """A draft meeting with a participant, an event, a project and a clause pointing at it."""
    meeting = MeetingFactory(number=60, status="draft")
    ParticipationFactory(meeting=meeting, city=City.objects.get(slug="tokyo"))
    RelatedEventFactory(meeting=meeting, dates="2012-10")
    JointProject.objects.get(slug="jet-passenger-plane").meetings.add(meeting)
    Clause.objects.get(declaration__slug="tokyo-declaration", number=5).meetings_named.add(meeting)


def test_a_draft_is_in_no_table_and_breaks_no_join(client, draft_meeting_linked, package_dir):
    report = validate(str(package_dir / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert "60" not in [row["meeting"] for row in rows(client, "meetings")]
    assert "60" not in [row["meeting"] for row in rows(client, "events")]


def test_tables_start_with_a_byte_order_mark_for_excel(client):
    assert client.get("/data/csv/clauses.csv").getvalue().startswith("\ufeff".encode())


def test_one_value_per_cell_participants_are_rows(client):
    at_ninth = [row for row in rows(client, "participations") if row["meeting"] == "9"]
    assert len(at_ninth) == 12
    tomsk = next(row for row in at_ninth if row["city"] == "tomsk")
    assert (tomsk["role"], tomsk["first_time"]) == ("observer", "true")
    clauses = [row for row in rows(client, "clauses") if row["declaration"] == "tokyo-declaration"]
    assert [row["clause"] for row in clauses] == ["1", "2", "3", "4", "5"]
    assert ("tokyo-declaration", "5", "10") in [
        (row["declaration"], row["clause"], row["meeting"])
        for row in rows(client, "clause_meetings")
    ]


def test_unknown_table_is_a_404(client):
    assert client.get("/data/csv/passwords.csv").status_code == 404


def test_open_data_page_shows_the_licence_and_links_every_table(client):
    content = client.get("/data/").getvalue().decode()
    assert (
        '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">'
        "Creative Commons Attribution 4.0 International</a>"
    ) in content
    for name in ("meetings", "participations", "memberships", "clauses", "events", "sources"):
        assert f'href="/data/csv/{name}.csv"' in content
    for url in (
        "/data/datapackage.json",
        "/data/popolo.json",
        "/api/v1/",
        "/plenaries/calendar.ics",
    ):
        assert f'href="{url}"' in content
