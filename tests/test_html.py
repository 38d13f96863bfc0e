"""The public pages are valid HTML according to the W3C Nu HTML checker."""

import pytest
from django.template.loader import render_to_string

pytestmark = [pytest.mark.html, pytest.mark.django_db]

PAGES = [
    "/",
    "/plenaries/",
    "/plenaries/?city=tokyo&year=2010",
    "/plenaries/1/",
    "/plenaries/9/",
    "/plenaries/10/",
    "/declarations/",
    "/declarations/tokyo-declaration/",
    "/declarations/tokyo-declaration/clauses/1/",
    "/declarations/tokyo-declaration/clauses/5/",
    "/cities/",
    "/cities/tokyo/",
    "/cities/tomsk/",
    "/projects/",
    "/projects/jet-passenger-plane/",
    "/contacts/",
    "/contacts/?division=international+affairs",
    "/search/",
    "/search/?q=tokyo",
    "/search/?q=%27",
    "/data/",
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
