"""Every public page, in each state that renders differently, and every error page is valid
HTML according to the W3C Nu HTML checker (one run of the checker for all of them)."""

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from core.models import PublicChange

from .factories import CityFactory
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
    "/changes/",
    "/api/v1/docs/",
]
# Pages that answer with an error, and the status they answer with.
ERROR_PAGES = {"/plenaries/?year=1999": 400, "/plenaries/999/": 404}


def test_public_and_error_pages_are_valid_html(client, validate_html):
    documents = {}
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        documents[path] = response.content
    entry = PublicChange.objects.filter(kind="published").first()
    response = client.get(entry.get_absolute_url())
    assert response.status_code == 200
    documents["a change log entry"] = response.content
    withdrawn = CityFactory(name="Atlantis", status="withdrawn", published_at=timezone.now())
    response = client.get(withdrawn.get_absolute_url())
    assert response.status_code == 410
    documents["a withdrawn record"] = response.content
    for path, status in ERROR_PAGES.items():
        response = client.get(path)
        assert response.status_code == status, path
        documents[path] = response.content
    documents["the 500 page"] = render_to_string("500.html").encode()
    assert validate_html(documents) == []
