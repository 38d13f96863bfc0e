"""Form rules of the declaration admin."""

from django.core.exceptions import ValidationError

from core.forms import VersionedForm

from .models import validate_signatories


class DeclarationAdminForm(VersionedForm):
    """Signatories are checked here: many-to-many links are saved after the declaration."""

    def clean(self):
        cleaned_data = super().clean()
        meeting, signatories = cleaned_data.get("meeting"), cleaned_data.get("signatories")
        if meeting is not None and signatories:
            try:
                validate_signatories(meeting, signatories)
            except ValidationError as error:
                self.add_error("signatories", error)
        return cleaned_data
