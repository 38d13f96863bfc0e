"""Drafts: a 404 to the public, and to staff a preview that is private, never stored by a cache
and never indexed, whatever the record type and whatever the rendering (HTML, text, JSON)."""

import pytest

from .factories import (
    CityFactory,
    ClauseFactory,
    DeclarationFactory,
    JointProjectFactory,
    MeetingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def draft_meeting():
    return MeetingFactory(number=77, status="draft"), "/plenaries/77/"


def draft_meeting_json():
    return MeetingFactory(number=77, status="draft"), "/plenaries/77.json"


def draft_declaration():
    return DeclarationFactory(slug="draft-declaration", status="draft"), (
        "/declarations/draft-declaration/"
    )


def draft_declaration_text():
    return DeclarationFactory(slug="draft-declaration", status="draft"), (
        "/declarations/draft-declaration.txt"
    )


def draft_declaration_json():
    return DeclarationFactory(slug="draft-declaration", status="draft"), (
        "/declarations/draft-declaration.json"
    )


def declaration_of_a_draft_meeting():
    meeting = MeetingFactory(number=78, status="draft")
    return DeclarationFactory(slug="early", meeting=meeting), "/declarations/early/"


def clause_of_a_draft_declaration():
    declaration = DeclarationFactory(slug="draft-declaration", status="draft")
    return ClauseFactory(
        declaration=declaration, number=2
    ), "/declarations/draft-declaration/clauses/2/"


def draft_city():
    return CityFactory(slug="atlantis", status="draft"), "/cities/atlantis/"


def draft_project():
    return JointProjectFactory(slug="secret-project", status="draft"), "/projects/secret-project/"


DRAFTS = [
    draft_meeting,
    draft_meeting_json,
    draft_declaration,
    draft_declaration_text,
    draft_declaration_json,
    declaration_of_a_draft_meeting,
    clause_of_a_draft_declaration,
    draft_city,
    draft_project,
]


@pytest.mark.parametrize("make_draft", DRAFTS, ids=lambda make: make.__name__)
def test_a_draft_is_not_found_by_the_public(client, make_draft):
    _record, url = make_draft()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("make_draft", DRAFTS, ids=lambda make: make.__name__)
def test_a_draft_is_not_found_by_a_signed_in_user_who_is_not_staff(client, make_draft):
    _record, url = make_draft()
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("make_draft", DRAFTS, ids=lambda make: make.__name__)
def test_staff_preview_of_a_draft_is_private_unstored_and_unindexed(editor_client, make_draft):
    _record, url = make_draft()
    response = editor_client.get(url)
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert response["X-Robots-Tag"] == "noindex"
    if response["Content-Type"].startswith("text/html"):
        content = response.content.decode()
        assert '<meta name="robots" content="noindex">' in content
        assert "Preview for staff: this record is not public yet." in content


@pytest.mark.parametrize(
    "url",
    [
        "/plenaries/9/",
        "/plenaries/9.json",
        "/declarations/tokyo-declaration/",
        "/declarations/tokyo-declaration.txt",
        "/declarations/tokyo-declaration.json",
        "/declarations/tokyo-declaration/clauses/3/",
        "/cities/tokyo/",
        "/projects/jet-passenger-plane/",
    ],
)
def test_a_published_record_is_not_marked_as_a_preview_for_staff(editor_client, url):
    response = editor_client.get(url)
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "X-Robots-Tag" not in response
    assert "Preview for staff" not in response.content.decode()
