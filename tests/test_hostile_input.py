"""Hostile input to any public address gets a clear 4xx page or a normal page, never a 500."""

import re
from urllib.parse import quote

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

MARKUP = "<x-hostile onload=alert(1)>"
HOSTILE = [
    MARKUP,
    "<script>alert(1)</script>",
    "' OR '1'='1' --",
    '"; DROP TABLE plenaries_city; --',
    "%ff%fe",
    "%",
    "%00",
    "\x00",
    "../../../etc/passwd",
    "9" * 40,
    "-1",
    "0",
    "1e9",
    "🏙️",
    "A" * 10_000,
]
QUERY_KEYS = ["q", "page", "year", "city", "host", "area", "topic", "meeting", "name", "format"]
ALLOWED_STATUSES = {200, 301, 302, 400, 404, 405}


def public_routes(resolver=None, prefix=""):
    """Every URL pattern but the admin's, as route strings: "plenaries/<int:number>/"."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(settings.ADMIN_URL):
            continue
        if isinstance(entry, URLResolver):
            yield from public_routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route.lstrip("^").rstrip("$")


ROUTES = sorted(set(public_routes()))

values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=50),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


def fill(route, draw_value):
    """The route with each <converter:name> replaced by a hostile value, percent-encoded raw."""
    return re.sub(r"<(?:\w+:)?\w+>", lambda _m: quote(draw_value(), safe="%"), route)


def assert_safe(response, path):
    assert response.status_code in ALLOWED_STATUSES, (path, response.status_code)
    if response.status_code < 300:
        assert MARKUP.encode() not in response.getvalue(), path
        assert b"<script>alert(1)</script>" not in response.getvalue(), path


def test_every_public_route_is_covered():
    assert "plenaries/<int:number>/" in ROUTES
    assert "declarations/<slug:slug>/" in ROUTES


@pytest.mark.parametrize("route", ROUTES)
@hypothesis_settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_input_never_gives_a_server_error(client, route, data):
    path = "/" + fill(route, lambda: data.draw(values))
    query = {
        data.draw(st.sampled_from(QUERY_KEYS)): data.draw(values)
        for _ in range(data.draw(st.integers(0, 3)))
    }
    method = data.draw(st.sampled_from(["get", "get", "get", "head", "post", "put", "delete"]))
    response = (
        getattr(client, method)(path, query)
        if method in {"get", "head"}
        else getattr(client, method)(path)
    )
    assert_safe(response, path)


@pytest.mark.parametrize(
    "path",
    [
        "/plenaries/99999999999999999999999/",
        "/plenaries/-1/",
        "/plenaries/%ff/",
        "/declarations/%ff%fe/",
        "/declarations/no-such-declaration/",
        "/plenaries/9/?" + "x=" + "A" * 10_000,
        "/plenaries/9/?q=%00",
        "/plenaries/9/?q=%zz",
        "/declarations/tokyo-declaration/?page=999999999999999999999",
    ],
)
def test_crafted_addresses_get_a_clear_answer(client, path):
    response = client.get(path)
    assert response.status_code in {200, 400, 404}
    assert b"ANMC21 Records" in response.content


def test_nul_byte_in_query_is_a_bad_request_with_the_site_page(client):
    response = client.get("/plenaries/9/?q=%00")
    assert response.status_code == 400
    assert b"This request could not be understood" in response.content


@pytest.mark.parametrize("path", ["/", "/plenaries/9/", "/ja/", "/data/popolo.json", "/nope/"])
def test_a_forged_host_is_a_bad_request_with_the_site_page(path):
    """A Host header naming no host of the site (DisallowedHost) gets the 400 page, which then
    links no alternate languages: their addresses would need the very host refused."""
    client = Client(raise_request_exception=False)
    response = client.get(path, headers={"host": "forged.example"})
    assert response.status_code == 400
    assert b'<footer class="site-footer"' in response.content  # the site's own page
    assert b"forged.example" not in response.content


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_wrong_method_on_a_public_page_is_405_with_the_site_page(client, method):
    response = getattr(client, method)("/plenaries/9/")
    assert response.status_code == 405
    assert "GET" in response["Allow"]
    assert b"This page cannot take that kind of request" in response.content
