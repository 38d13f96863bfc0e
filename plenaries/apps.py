from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlenariesConfig(AppConfig):
    name = "plenaries"
    holds_record = True
    verbose_name = _("Network and plenary meetings")
