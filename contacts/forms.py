"""The inquiry contact lookup's filters."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.forms import LongTypedChoiceField


class ContactFilterForm(forms.Form):
    """Find a contact by name, unit, meeting or topic (a GET form; every field optional)."""

    name = forms.CharField(label=_("Name"), required=False, max_length=100)
    section = forms.CharField(label=_("Section"), required=False, max_length=100)
    division = forms.CharField(label=_("Division"), required=False, max_length=100)
    organisation = forms.CharField(
        label=_("Organisation"),
        required=False,
        max_length=100,
        help_text=_("Any unit: government, headquarters, division or section."),
    )
    meeting = LongTypedChoiceField(label=_("Meeting"), required=False, coerce=int, empty_value=None)
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args, meetings=(), topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].offer(
            _("Any meeting"),
            meetings,
            option=lambda meeting: (meeting.number, str(meeting)),
            find=meetings.number_named if isinstance(meetings, QuerySet) else None,
        )
        self.fields["topic"].choices = [("", _("Any topic"))] + [
            (topic.slug, topic.name) for topic in topics
        ]
