"""Form rules that span several rows of one admin page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ParticipationRole


class ParticipationFormSet(forms.BaseInlineFormSet):
    """A meeting's participations, with at most one host among them."""

    def clean(self):
        super().clean()
        hosts = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("role") == ParticipationRole.HOST
        ]
        if len(hosts) > 1:
            raise forms.ValidationError(_("A meeting has only one host."))
