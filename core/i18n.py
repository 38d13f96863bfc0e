"""The site's languages (settings.LANGUAGES): the same page's address in each of them, for the
language switch and the `hreflang` alternates every page carries, and the language an address
speaks."""

import contextlib
import functools
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation


@dataclass(frozen=True)
class Alternate:
    """This page in one of the site's languages."""

    code: str
    name: str
    url: str
    # The language switch's link: remembers the choice, then leads to `url`.
    switch_url: str
    current: bool


def page_match(request):
    """(language, ResolverMatch) of the public page at this request's address: the language its
    prefix says (/ja/...), else the default one; None for an address no view serves. Worked
    out once a request (the locale middleware and the page's alternates both ask)."""
    if not hasattr(request, "_page_match"):
        path = request.path_info
        language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
        match = getattr(request, "resolver_match", None)  # once the view is found
        if match is None:
            match = _resolved(path, language, getattr(request, "urlconf", None))
        request._page_match = (language, match) if match else None
    return request._page_match


@functools.lru_cache(maxsize=4096)
def _resolved(path, language, urlconf):
    """The view at this path, or None: the same for every request, so the locale middleware
    looks up the addresses most read (a page served from the page cache) once, not each time."""
    with translation.override(language), contextlib.suppress(Resolver404):
        return resolve(path, urlconf)
    return None


@receiver(setting_changed)
def _forget_resolved(setting, **kwargs):
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"):
        _resolved.cache_clear()


def host_allowed(request):
    """Whether the request names a host of this site: the 400 page answering one that does not
    (a forged Host header) has no address of its own to give."""
    try:
        request.get_host()
    except DisallowedHost:
        return False
    return True


def alternates(request):
    """This page (its path and query) in each language, current one included; empty where the
    address is no page of the site."""
    found = page_match(request)
    if found is None or not host_allowed(request):
        return []
    language, match = found
    paths = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code), contextlib.suppress(NoReverseMatch):
            paths[code] = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    if len(set(paths.values())) < len(paths):
        return []  # one address for every language (the API's documentation): no alternates
    query = request.META.get("QUERY_STRING", "")
    return [
        Alternate(
            code=code,
            name=name,
            url=request.build_absolute_uri(paths[code]),
            switch_url=(
                reverse("switch_language", kwargs={"language": code})
                + "?"
                + urlencode({"next": f"{paths[code]}?{query}" if query else paths[code]})
            ),
            current=code == language,
        )
        for code, name in settings.LANGUAGES
        if code in paths
    ]
