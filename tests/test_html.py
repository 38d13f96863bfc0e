"""The public pages are valid HTML according to the W3C Nu HTML checker."""

import pytest

pytestmark = [pytest.mark.html, pytest.mark.django_db]

PAGES = [
    "/",
    "/plenaries/1/",
    "/plenaries/9/",
    "/plenaries/10/",
    "/declarations/tokyo-declaration/",
]


def test_public_pages_are_valid_html(client, record, validate_html):
    documents = {}
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        documents[path] = response.content
    assert validate_html(documents) == []
