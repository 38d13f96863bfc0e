"""Form behaviour shared by the back office's admin pages."""

from django import forms
from django.core.exceptions import ValidationError

from .models import STALE_MESSAGE


class VersionedForm(forms.ModelForm):
    """A model form that carries the version its record was read at, and refuses a stale save.

    The check here gives the editor a form error; the model's own save repeats it atomically,
    so a save racing in between this check and the write is refused too.
    """

    # Not named `version`: a model form may not list the model's non-editable field.
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None and not self.instance._state.adding:
            opened = cleaned_data.get("opened_version")
            stored = self.instance.stored_version()
            if stored is not None and opened != stored:
                raise ValidationError(STALE_MESSAGE, code="stale")
            if opened is not None:
                self.instance.version = opened
        return cleaned_data
