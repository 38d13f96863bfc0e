from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    """The staff back office across the record: the staff roles and the record loader."""

    name = "backoffice"
    verbose_name = _("Back office")

    def ready(self):
        from core.apps import record_apps

        # After every migrate (and test-database flush) the roles match their definition, so a
        # fresh `make run` has them without a separate step. Once per migrate: after the last
        # record app's signal (this app has no tables, so it sends none of its own).
        post_migrate.connect(_set_up_roles, sender=record_apps()[-1])


def _set_up_roles(using, verbosity=1, **kwargs):
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from core.apps import record_apps

    from .services import roles_set_up

    # This app's signal may come before the record apps'; make sure their permissions exist.
    for config in [apps.get_app_config("core"), *record_apps()]:
        create_permissions(config, verbosity=0, using=using)
    roles_set_up(using=using)
