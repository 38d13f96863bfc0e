"""Admin widgets tuned for pages with many inline rows."""

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


class RowAutocompleteFormSetMixin:
    """Hands each row's loaded related objects to its row autocomplete widgets."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if form.instance.pk is None:
            return form
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # inside the admin's wrapper
            if isinstance(widget, RowAutocompleteMixin):
                widget.selected_objects = _loaded(form.instance, name, widget)
        return form


def _loaded(instance, name, widget):
    value = getattr(instance, name)
    objects = value.all() if widget.allow_multiple_selected else [value]
    return {str(obj.pk): obj for obj in objects if obj is not None}
