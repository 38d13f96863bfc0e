"""The licence of the published record as open data (the OPEN_DATA_LICENCE setting), and the
`Link: <...>; rel="license"` header that carries it on every download, feed and API answer."""

import functools

from django.conf import settings
from django.utils.decorators import method_decorator


def data_licence():
    """{"id": SPDX identifier, "title": ..., "url": ...}."""
    return dict(settings.OPEN_DATA_LICENCE)


def add_licence_link(response):
    """Name the licence in the response's `Link` header (RFC 8288), keeping any other link."""
    link = f'<{settings.OPEN_DATA_LICENCE["url"]}>; rel="license"'
    existing = response.get("Link")
    response["Link"] = f"{existing}, {link}" if existing else link
    return response


def licensed(view):
    """A view whose every answer names the data licence in its `Link` header."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        return add_licence_link(view(*args, **kwargs))

    return wrapper


licensed_view = method_decorator(licensed, name="dispatch")
