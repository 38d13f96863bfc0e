"""Small readers of rendered pages shared by the view tests, and the pages they visit."""

import html
import json
import re

from django.urls import reverse

from core.navigation import NAVIGATION

from .forms import FormFields

# The main public pages over the shipped record: the main navigation's, and a page of each
# kind of record. Checked for metadata, HTML validity and accessibility alike.
PUBLIC_PAGES = [
    *(section.url for section in NAVIGATION),
    "/plenaries/9/",
    "/plenaries/10/",
    "/declarations/tokyo-declaration/",
    "/declarations/tokyo-declaration/clauses/3/",
    "/cities/tokyo/",
    "/sources/2010-11-09-tokyo-declaration/",
    "/projects/jet-passenger-plane/",
    "/contacts/?division=international+affairs",
    "/search/?q=technology",
]


def page_text(response):
    """The page's visible text, tags removed and whitespace collapsed."""
    assert response.status_code == 200
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    text = re.sub(r"</?(time|a|span|strong|em|mark|cite)\b[^>]*>", "", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", html.unescape(text))


def fragment_text(fragment):
    """The visible text of a piece of HTML, tags removed and whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment))


def structured_data(response):
    """The page's schema.org JSON-LD block, parsed."""
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert len(blocks) == 1
    return json.loads(blocks[0])


def section(content, heading_id):
    """The HTML from a section heading to the next heading of its level or the end."""
    start = content.index(f'id="{heading_id}"')
    following = re.search(r"<h2\b", content[start + 1 :])
    return content[start : start + 1 + following.start()] if following else content[start:]


def admin_url(model, view, *args):
    """The address of one of the admin's pages for a model (or a record of it)."""
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def rows_of(data, prefix):
    """{row index: {field: value}} of an inline's rows in a form's data."""
    rows = {}
    for name, value in data.items():
        parts = name.split("-")
        if name.startswith(prefix + "-") and parts[-2].isdigit():
            rows.setdefault(int(parts[-2]), {})[parts[-1]] = value
    return rows


def form_data(response, submit="_save"):
    """What a browser would post back from the page's form, unchanged, pressing `submit`."""
    parser = FormFields()
    parser.feed(response.content.decode())
    return {**parser.fields, submit: "Save"}


def approve_pending(summary="Approved in a test."):
    """Approve every change waiting for review, as a Publisher who made none of them; the log
    entries made."""
    from core import review
    from core.models import Revision

    from .factories import PublisherFactory

    approver = PublisherFactory()
    return [
        review.approve(revision=revision, by=approver, summary=summary)
        for revision in Revision.objects.pending().order_by("created_at", "pk")
    ]


def sitemap_text(client):
    """The sitemap index and every page of every section it lists, as one text."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    text = index.getvalue().decode()
    for section in re.findall(r"<loc>http://testserver(/sitemap-.+?)</loc>", text):
        response = client.get(section.replace("&amp;", "&"))
        assert response.status_code == 200, section
        text += response.getvalue().decode()
    return text
