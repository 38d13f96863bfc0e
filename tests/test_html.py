"""The public pages are valid HTML according to the W3C Nu HTML checker."""

import pytest
from django.template.loader import render_to_string

from .helpers import PUBLIC_PAGES

pytestmark = [pytest.mark.html, pytest.mark.django_db]

# The main pages, plus the states of them that render differently.
PAGES = [
    *PUBLIC_PAGES,
    "/plenaries/?city=tokyo&year=2010",
    "/plenaries/1/",
    "/declarations/tokyo-declaration/clauses/1/",
    "/declarations/tokyo-declaration/clauses/5/",
    "/cities/tomsk/",
    "/search/",
    "/search/?q=tokyo",
    "/search/?q=%27",
]


def test_public_pages_are_valid_html(client, record, validate_html):
    documents = {}
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        documents[path] = response.content
    assert validate_html(documents) == []


def test_error_pages_are_valid_html(client, record, validate_html):
    invalid_filter = client.get("/plenaries/?year=1999")
    assert invalid_filter.status_code == 400
    not_found = client.get("/plenaries/999/")
    assert not_found.status_code == 404
    server_error = render_to_string("500.html")
    assert (
        validate_html(
            {
                "invalid filter": invalid_filter.content,
                "404": not_found.content,
                "500": server_error.encode(),
            }
        )
        == []
    )
