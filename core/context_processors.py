"""Template context every page gets."""

from django.utils.functional import SimpleLazyObject

from .i18n import alternates
from .navigation import NAVIGATION


def navigation(request):
    """The main navigation, for the header of every page (error pages included)."""
    return {"navigation": NAVIGATION}


def languages(request):
    """This page in each of the site's languages, for the language switch and the `hreflang`
    links (core.i18n); worked out only if the template uses it."""
    return {"language_alternates": SimpleLazyObject(lambda: alternates(request))}
