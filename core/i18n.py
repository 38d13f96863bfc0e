"""The site's languages (settings.LANGUAGES): the same page's address in each of them, for the
language switch and the `hreflang` alternates every page carries, and the language an address
speaks."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.urls import Resolver404, resolve, reverse, translate_url
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


def language_of_path(path):
    """The language an address of the public site is in: its prefix (/ja/...), else the default
    language; None for an address outside the public pages' patterns or none at all."""
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            resolve(path)
        except Resolver404:
            return None
    return language


def alternates(request):
    """This page (its path and query) in each language, current one included; empty where the
    address is no page of the site."""
    path = request.path_info
    language = language_of_path(path)
    if language is None:
        return []
    full_path = request.get_full_path()
    result = []
    with translation.override(language):
        for code, name in settings.LANGUAGES:
            counterpart = translate_url(full_path, code)
            result.append(
                Alternate(
                    code=code,
                    name=name,
                    url=request.build_absolute_uri(translate_url(path, code)),
                    switch_url=(
                        reverse("switch_language", kwargs={"language": code})
                        + "?"
                        + urlencode({"next": counterpart})
                    ),
                    current=code == language,
                )
            )
    return result
