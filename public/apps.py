from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The public site's shared parts: page metadata, search, robots.txt, sitemaps."""

    name = "public"
    verbose_name = _("Public site")
