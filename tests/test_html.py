"""Every public page, in each state that renders differently, and every error page is valid
HTML according to the W3C Nu HTML checker, in English and in Japanese (one run of the checker
for all of them)."""

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

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
# Pages with one address for every language (the API's).
ONE_ADDRESS = {"/api/v1/docs/"}
# English at the historical addresses, Japanese under /ja/.
PREFIXES = {"en": "", "ja": "/ja"}


def test_public_and_error_pages_are_valid_html(client, validate_html):
    documents = {}
    withdrawn = CityFactory(name="Atlantis", status="withdrawn", published_at=timezone.now())
    with translation.override("en"):
        entry_url = PublicChange.objects.filter(kind="published").first().get_absolute_url()
        withdrawn_url = withdrawn.get_absolute_url()
    for language, prefix in PREFIXES.items():
        for path in PAGES:
            if prefix and path in ONE_ADDRESS:
                continue
            response = client.get(prefix + path)
            assert response.status_code == 200, prefix + path
            documents[prefix + path] = response.content
        response = client.get(prefix + entry_url)
        assert response.status_code == 200
        documents[f"a change log entry ({language})"] = response.content
        response = client.get(prefix + withdrawn_url)
        assert response.status_code == 410
        documents[f"a withdrawn record ({language})"] = response.content
        for path, status in ERROR_PAGES.items():
            response = client.get(prefix + path)
            assert response.status_code == status, prefix + path
            documents[prefix + path] = response.content
        with translation.override(language):
            documents[f"the 500 page ({language})"] = render_to_string("500.html").encode()
    assert validate_html(documents) == []
