from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeclarationsConfig(AppConfig):
    name = "declarations"
    holds_record = True
    verbose_name = _("Declarations")

    def ready(self):
        from core.signals import public_change_logged, public_change_starting

        from .models import clause_texts, keep_corrected_wordings

        # A corrected clause keeps its earlier wordings at their versioned permalinks.
        public_change_starting.connect(clause_texts, dispatch_uid="clause_texts")
        public_change_logged.connect(keep_corrected_wordings, dispatch_uid="clause_wordings")
