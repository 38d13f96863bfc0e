"""Template context every page gets."""

from .navigation import NAVIGATION


def navigation(request):
    """The main navigation, for the header of every page (error pages included)."""
    return {"navigation": NAVIGATION}
