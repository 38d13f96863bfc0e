from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What the whole site shares: request hygiene, health check, backup and restore."""

    name = "core"
    verbose_name = _("Site operations")
