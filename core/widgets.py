"""Admin widgets and fields tuned for pages with many inline rows: a fixed number of queries
to show them and to check them, however many rows there are."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple


class RowAutocompleteMixin:
    """An autocomplete that shows its row's chosen objects without querying them again.

    Django's autocomplete loads the selected options with one query per field per rendered
    row; a formset whose queryset already joined or prefetched them hands them over in
    `selected_objects` instead.
    """

    selected_objects = None  # {str(pk): object}

    def optgroups(self, name, value, attr=None):
        known = self.selected_objects
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if known is None or not selected <= known.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for pk, obj in known.items():
            if pk in selected:
                label = self.choices.field.label_from_instance(obj)
                options.append(self.create_option(name, obj.pk, label, selected, len(options)))
        return [(None, options, 0)]


class RowAutocompleteSelect(RowAutocompleteMixin, AutocompleteSelect):
    pass


class RowAutocompleteSelectMultiple(RowAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class RowChoiceField(forms.ModelChoiceField):
    """A row's foreign-key field that checks its posted choice against objects its formset
    fetched once for all rows (`known`), instead of one query per row."""

    known = None  # {str(pk): object}, set by RowAutocompleteFormSetMixin

    def to_python(self, value):
        by_pk = self.to_field_name in (None, self.queryset.model._meta.pk.name)
        if self.known is not None and by_pk and str(value) in self.known:
            return self.known[str(value)]
        return super().to_python(value)


class RowAutocompleteFormSetMixin:
    """Hands each row's loaded related objects to its row autocomplete widgets, and each row's
    posted choices, fetched once for the whole formset, to its row choice fields."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        for name, field in form.fields.items():
            # A field already given its objects (a row's key: VersionedFormSetMixin) keeps them.
            if isinstance(field, RowChoiceField) and form.is_bound and field.known is None:
                field.known = self._posted_choices(name, field)
            if form.instance.pk is None:
                continue
            widget = getattr(field.widget, "widget", field.widget)  # inside the admin's wrapper
            if isinstance(widget, RowAutocompleteMixin):
                widget.selected_objects = _loaded(form.instance, name, widget)
        return form

    def _posted_choices(self, name, field):
        """The objects chosen for this field in any row of the posted data, in one query."""
        cache = self.__dict__.setdefault("_posted_choice_cache", {})
        if name not in cache:
            values = {
                value
                for key, value in self.data.items()
                if key.startswith(f"{self.prefix}-") and key.endswith(f"-{name}") and value
            }
            pks = [value for value in values if value.isdigit()]
            cache[name] = {str(pk): obj for pk, obj in field.queryset.in_bulk(pks).items()}
        return cache[name]


def _loaded(instance, name, widget):
    value = getattr(instance, name)
    objects = value.all() if widget.allow_multiple_selected else [value]
    return {str(obj.pk): obj for obj in objects if obj is not None}
