"""Every public address serves GET and HEAD; any other method gets 405 with an `Allow` header,
answered before the request's body is read; the site's icons are where browsers look."""

import pytest
from django.test.client import FakePayload

from .helpers import PUBLIC_PAGES

pytestmark = pytest.mark.django_db

READ_ONLY = [*PUBLIC_PAGES, "/sitemap.xml", "/feeds/meetings/", "/feeds/declarations/", "/healthz"]
DOWNLOADS = ["/data/anmc21-record.json", "/data/anmc21-meetings.csv", "/robots.txt"]


@pytest.mark.parametrize("path", [*READ_ONLY, *DOWNLOADS, "/declarations/tokyo-declaration.txt"])
def test_head_answers_as_get_without_a_body(client, path):
    get, head = client.get(path), client.head(path)
    assert (get.status_code, head.status_code) == (200, 200)
    assert head.getvalue() == b""
    assert head["Content-Type"] == get["Content-Type"]
    if get.streaming:
        # A streamed download's length is not known before its last byte.
        assert not head.has_header("Content-Length")
    else:
        assert head["Content-Length"] == get["Content-Length"] == str(len(get.getvalue()))


# Every read-only address against TRACE and POST; every method against one of each kind of view
# (a class-based page, a function view, a feed, a download).
REFUSED = [
    *((path, method) for path in [*READ_ONLY, *DOWNLOADS] for method in ("TRACE", "POST")),
    *(
        (path, method)
        for path in ("/plenaries/9/", "/sitemap.xml", "/feeds/meetings/", DOWNLOADS[0])
        for method in ("PUT", "PATCH", "DELETE")
    ),
]


@pytest.mark.parametrize(("path", "method"), REFUSED)
def test_other_methods_get_405_with_what_is_allowed(client, path, method):
    response = client.generic(method, path)
    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) >= {"GET", "HEAD"}
    assert method not in response["Allow"]
    assert b"This page cannot take that kind of request" in response.getvalue()


def test_an_upload_to_a_read_only_page_is_refused_before_its_body_is_read(client, monkeypatch):
    """A client trickling a large upload to a read-only page must not hold a worker while
    the server waits for the body: the answer comes from the method alone."""

    def no_reading(*args, **kwargs):
        raise AssertionError("the request body was read")

    monkeypatch.setattr(FakePayload, "read", no_reading)
    monkeypatch.setattr(FakePayload, "readline", no_reading, raising=False)
    response = client.generic(
        "POST",
        "/plenaries/",
        data=b"--x\r\nContent-Disposition: form-data; name=a\r\n\r\n" + b"A" * 1_000_000,
        content_type="multipart/form-data; boundary=x",
    )
    assert response.status_code == 405


def test_nul_bytes_in_form_data_are_refused_where_forms_are_taken(client):
    response = client.post("/admin/login/", {"username": "a\x00b", "password": "x"})
    assert response.status_code == 400
    assert b"This request could not be understood" in response.getvalue()


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/favicon.ico", "image/"), ("/apple-touch-icon.png", "image/png")],
)
def test_the_site_icons_are_served_where_browsers_ask(client, path, content_type):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)


def test_every_page_names_its_icon(client):
    content = client.get("/").getvalue().decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in content
    assert client.get("/static/favicon.svg").status_code == 200
