"""Form rules that span several rows of one admin page."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.forms import LongChoiceField, VersionedRowForm

from .models import MembershipStatus, ParticipationRole, standing_change_problem, tree_order


class MeetingFilterForm(forms.Form):
    """Narrow the list of meetings by host city and year (a GET form; both optional)."""

    city = LongChoiceField(label=_("Host city"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, cities=(), years=(), **kwargs):
        """`cities`: the host cities (a queryset, or records with a slug and a name); `years`:
        the years with a meeting."""
        super().__init__(*args, **kwargs)
        self.fields["city"].offer(
            _("All host cities"),
            cities,
            option=lambda city: (city.slug, city.name),
            find=cities.slug_named if isinstance(cities, QuerySet) else None,
        )
        self.fields["year"].choices = [("", _("All years"))] + [(year, year) for year in years]


class ParticipationForm(VersionedRowForm):
    """A participation row; it may also record that the city joins the network, or changes
    standing, at this meeting."""

    joins_as = forms.ChoiceField(
        label=_("joins as"),
        required=False,
        choices=[("", "—"), *MembershipStatus.choices],
        help_text=_("The city joins the network, or changes standing, at this meeting."),
    )


class ParticipationFormSet(forms.BaseInlineFormSet):
    """A meeting's participations: at most one host; a city joining at the meeting must be
    able to (not already of that standing then)."""

    def clean(self):
        super().clean()
        rows = [
            form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        hosts = [form for form in rows if form.cleaned_data.get("role") == ParticipationRole.HOST]
        if len(hosts) > 1:
            raise forms.ValidationError(_("A meeting has only one host."))
        for form in rows:
            status, city = form.cleaned_data.get("joins_as"), form.cleaned_data.get("city")
            if status and city is not None:
                problem = standing_change_problem(self.instance.dates, city, status)
                if problem:
                    form.add_error("joins_as", problem)

    def joinings(self):
        """(city, standing) of the rows saying a city joins at this meeting."""
        return [
            (form.instance.city, form.cleaned_data["joins_as"])
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("joins_as")
        ]


class RowReferenceField(forms.IntegerField):
    """The number of another row on the same page (1 for the first), so that a row may belong
    to, or name, a row entered in the same save."""

    def __init__(self, **kwargs):
        super().__init__(required=False, min_value=1, **kwargs)
        self.widget.attrs.update(size=3, inputmode="numeric")


class MeetingPartForm(VersionedRowForm):
    part_of = RowReferenceField(
        label=_("part of row"),
        help_text=_("The number of the row above that this one is a part of (1 = first row)."),
    )


class OutcomeForm(MeetingPartForm):
    event_row = RowReferenceField(
        label=_("event (row)"),
        help_text=_("The number of the related event's row in “Related events”, if any."),
    )


class MeetingPartFormSet(forms.BaseInlineFormSet):
    """A meeting's outcomes or events, where a row names the row it is a part of by its
    number on the page (`part_of`): new rows can be parts of rows entered with them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        positions = {form.instance.pk: index for index, form in enumerate(self.forms, 1)}
        for form in self.forms:
            parent = form.instance.parent_id
            if parent in positions:
                form.initial["part_of"] = positions[parent]

    def clean(self):
        super().clean()
        for index, form in enumerate(self.forms, 1):
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            row = form.cleaned_data.get("part_of")
            if row is None:
                continue
            if row >= index:
                form.add_error(
                    "part_of",
                    _("A part comes after the row it belongs to: row %(row)s is not above it.")
                    % {"row": row},
                )
                continue
            target = self.forms[row - 1]
            if target.cleaned_data.get("DELETE"):
                form.add_error(
                    "part_of",
                    _("Row %(row)s is being removed: remove its parts too.") % {"row": row},
                )
            elif target.cleaned_data.get("part_of"):
                form.add_error(
                    "part_of",
                    _("Row %(row)s is itself a part: parts go one level deep.") % {"row": row},
                )

    def link_parts(self):
        """After the rows are saved: each row's parent is the row it names."""
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            row = form.cleaned_data.get("part_of")
            parent = self.forms[row - 1].instance if row else None
            if form.instance.parent_id != (parent.pk if parent else None):
                form.instance.parent = parent
                form.instance.save()


class OutcomeFormSet(MeetingPartFormSet):
    """Outcomes, each of which may name a related event by its row number on the page."""

    events_prefix = "events"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event_ids = (
            list(self.instance.events.order_by(*tree_order()).values_list("pk", flat=True))
            if self.instance.pk
            else []
        )
        positions = {pk: index for index, pk in enumerate(event_ids, 1)}
        for form in self.forms:
            if form.instance.related_event_id in positions:
                form.initial["event_row"] = positions[form.instance.related_event_id]

    def clean(self):
        super().clean()
        total = self.data.get(f"{self.events_prefix}-TOTAL_FORMS") if self.is_bound else None
        events = int(total) if str(total).isdigit() else 0
        for form in self.forms:
            row = form.cleaned_data.get("event_row") if form.cleaned_data else None
            if row is None or form.cleaned_data.get("DELETE"):
                continue
            if row > events:
                form.add_error(
                    "event_row",
                    _("There is no row %(row)s among the related events.") % {"row": row},
                )
            elif self.data.get(f"{self.events_prefix}-{row - 1}-DELETE"):
                form.add_error("event_row", _("Event row %(row)s is being removed.") % {"row": row})

    def link_events(self, events):
        """After the events are saved: each outcome's related event is the row it names."""
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            row = form.cleaned_data.get("event_row")
            event = events[row - 1] if row and row <= len(events) else None
            if event is not None and event.pk is None:
                event = None
            if form.instance.related_event_id != (event.pk if event else None):
                form.instance.related_event = event
                form.instance.save()
