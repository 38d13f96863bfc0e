from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor every app stands on: the record base, publishing, search, page bases,
    request hygiene, health check, backup and restore."""

    name = "core"
    verbose_name = _("Site operations")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .constraints import create_sqlite_triggers

        # SQLite has no exclusion constraints: triggers take their place, and SQLite drops a
        # table's triggers when a migration rebuilds it, so they are made again after each.
        post_migrate.connect(create_sqlite_triggers, sender=self)

        from .cache import watch_record_models

        # Every write to the record, and to its public change log, dates the cached pages.
        watch_record_models(
            [model for config in record_apps() for model in config.get_models()]
            + [self.get_model("PublicChange")]
        )


def record_apps():
    """The apps whose models make up the network's record: those whose AppConfig says
    `holds_record = True`. Roles, backups and restores cover exactly these."""
    return [config for config in apps.get_app_configs() if getattr(config, "holds_record", False)]
