"""The joint project list and a project's page: cities, meetings, clauses naming it; no drafts."""

import pytest

from .factories import (
    CityFactory,
    JointProjectFactory,
)
from .helpers import page_text, section

pytestmark = pytest.mark.django_db


def test_project_list_groups_projects_by_area(client):
    text = page_text(client.get("/projects/"))
    assert text.index("Industry") < text.index("small to medium-sized jet passenger plane")
    assert text.index("Crisis management") < text.index("Sharing of expertise in crisis")


def test_project_list_leaves_out_drafts(client):
    JointProjectFactory(name="Public project")
    JointProjectFactory(name="Draft project", status="draft")
    content = client.get("/projects/").content.decode()
    assert "Public project" in content
    assert "Draft project" not in content


def test_project_page_shows_meetings_and_the_clauses_naming_it(client):
    content = client.get("/projects/jet-passenger-plane/").content.decode()
    assert 'href="/plenaries/9/"' in section(content, "meetings-heading")
    clauses = section(content, "clauses-heading")
    assert 'href="/declarations/tokyo-declaration/clauses/1/"' in clauses
    assert "Tokyo Declaration, clause 1" in clauses


def test_project_page_shows_its_cities_but_not_drafts(client):
    project = JointProjectFactory(slug="water")
    project.cities.add(
        CityFactory(name="Visible City"), CityFactory(name="Draft City", status="draft")
    )
    content = client.get("/projects/water/").content.decode()
    assert "Visible City" in content
    assert "Draft City" not in content


def test_draft_project_is_not_public(client):
    JointProjectFactory(slug="secret", status="draft")
    assert client.get("/projects/secret/").status_code == 404
