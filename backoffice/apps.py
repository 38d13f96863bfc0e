from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    """The staff back office: roles, publishing, edit locking and history across the record."""

    name = "backoffice"
    verbose_name = _("Back office")

    def ready(self):
        # After every migrate (and test-database flush) the roles match their definition, so a
        # fresh `make run` has them without a separate step.
        post_migrate.connect(_set_up_roles, sender=self)


def _set_up_roles(using, verbosity=1, **kwargs):
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from .services import RECORD_APPS, roles_set_up

    # This app's signal may come before the record apps'; make sure their permissions exist.
    for label in RECORD_APPS:
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    roles_set_up(using=using)
