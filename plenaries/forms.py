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


class MeetingFilterForm(forms.Form):
    """Narrow the list of meetings by host city and year (a GET form; both optional)."""

    city = forms.ChoiceField(label=_("Host city"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, cities=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].choices = [("", _("All host cities"))] + [
            (city.slug, city.name) for city in cities
        ]
        self.fields["year"].choices = [("", _("All years"))] + [(year, year) for year in years]
