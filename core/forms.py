"""Form behaviour shared by the back office's admin pages."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _

from .languages import RECORD_LANGUAGE, in_language, translated_fields
from .models import changes_since
from .widgets import RowChoiceField


class OpenedAtField(forms.DateTimeField):
    """When the page was opened, sent back hidden with the form, to tell what others changed
    since. Bookkeeping, not data: it never counts as a change of the record."""

    widget = forms.HiddenInput

    def prepare_value(self, value):
        # To the microsecond, as history entries are dated: cut to the second, it would count
        # a change made just before the page was opened as one made after.
        if isinstance(value, datetime.datetime):
            return value.isoformat()
        return value

    def has_changed(self, initial, data):
        return False


class VersionedRowForm(forms.ModelForm):
    """A model form of a Versioned record that carries, hidden, the version its record was
    opened at and when the page was opened.

    It checks nothing itself: a record's own page does (VersionedForm), and a formset checks its
    rows all at once (VersionedFormSetMixin).
    """

    # Not named `version`: a model form may not list the model's non-editable field.
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    opened_at = OpenedAtField(required=False, initial=timezone.now)

    def __init__(self, *args, **kwargs):
        # A translated field's own input (`name`) is its English, whatever the page's language;
        # its Japanese has an input of its own (`name_ja`).
        with translation.override(RECORD_LANGUAGE):
            super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["opened_version"].initial = self.instance.version
        for field in translated_fields(self._meta.model):
            for name, label in (
                (field, _("%(field)s (English)")),
                (in_language(field, "ja"), _("%(field)s (Japanese)")),
            ):
                if name in self.fields:
                    verbose_name = self._meta.model._meta.get_field(field).verbose_name
                    self.fields[name].label = label % {"field": capfirst(verbose_name)}

    def _post_clean(self):
        with translation.override(RECORD_LANGUAGE):
            super()._post_clean()

    def _clean_fields(self):
        super()._clean_fields()
        # Browsers send a text box's line breaks as CR LF: kept as LF, a text saved unchanged
        # stays the same text (and no change to review).
        for name, value in self.cleaned_data.items():
            if isinstance(value, str) and "\r" in value:
                self.cleaned_data[name] = value.replace("\r\n", "\n").replace("\r", "\n")


class VersionedForm(VersionedRowForm):
    """A record's own form, which refuses a stale save and says what changed meanwhile.

    The check here gives the editor a form error; the model's own save repeats it atomically,
    so a save racing in between this check and the write is refused too.
    """

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None and not self.instance._state.adding:
            opened = cleaned_data.get("opened_version")
            stored = self.instance.stored_version()
            if stored is not None and opened != stored:
                pk = self.instance.pk
                opened_at = {pk: cleaned_data.get("opened_at")}
                message = stale_messages(type(self.instance), opened_at)[pk]
                raise ValidationError(message, code="stale")
            if opened is not None:
                self.instance.version = opened
        return cleaned_data


class LabelledRowsFormSetMixin:
    """Each field of each row named for screen readers ("City, row 3"): a tabular inline shows
    its labels once, as column headers, which assistive technology does not tie to the cells."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            if field.widget.is_hidden or field.label is None:
                continue
            label = str(field.label)
            if index is not None:
                label = _("%(field)s, row %(row)s") % {"field": label, "row": index + 1}
            # The admin wraps related pickers: the row's own copy is the widget inside.
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs = {**widget.attrs, "aria-label": label}


class VersionedFormSetMixin:
    """A model formset of Versioned rows (an admin inline): a row someone else changed or
    deleted since the page was opened is refused, with the message at that row, and the page
    with it.

    A row's stored version is the one the formset read to bind its forms (one query for all its
    rows, in this request); each row's save or delete repeats the check atomically.
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        key = form.fields.get(self.model._meta.pk.name)
        if self.is_bound and isinstance(key, forms.ModelChoiceField):
            # Each posted row names its record by its key: found among the rows read once for
            # the formset, not by a query per row.
            row_key = RowChoiceField(
                key.queryset, initial=key.initial, required=key.required, widget=key.widget
            )
            row_key.known = self._rows_by_key()
            form.fields[self.model._meta.pk.name] = row_key

    def _rows_by_key(self):
        if not hasattr(self, "_row_keys"):
            # The formset's own read of its rows (evaluated once, then reused by Django).
            self._row_keys = {str(row.pk): row for row in self.get_queryset()}
        return self._row_keys

    def clean(self):
        refusals = self._refuse_stale_rows()
        super().clean()
        if refusals:
            raise ValidationError(refusals)

    def _refuse_stale_rows(self):
        """Put its message on each stale row; return what the formset as a whole must say.

        That is, for a row deleted since the page was opened, its message: the admin no longer
        shows such a row. And, for a stale row marked for removal, a word that the formset is
        refused: such a row counts for nothing in the formset's validity.
        """
        shown, gone, opened_at = {}, [], {}  # {form: pk}, [pk], {pk: when its page was opened}
        pk_field = self.model._meta.pk
        for form in self.initial_forms:
            if form.instance.pk is not None:
                if form.cleaned_data.get("opened_version") == form.instance.version:
                    continue
                pk = shown[form] = form.instance.pk
            elif self.can_delete and self._should_delete_form(form):
                continue  # deleted meanwhile, and removed here too: nothing is lost
            else:
                try:
                    pk = pk_field.to_python(form[pk_field.name].data)
                except ValidationError:
                    continue  # not a key at all: the row's own form says so
                gone.append(pk)
            opened_at[pk] = form.cleaned_data.get("opened_at")
        if not opened_at:
            return []
        messages = stale_messages(self.model, opened_at, named=gone)
        for form, pk in shown.items():
            form.add_error(None, ValidationError(messages[pk], code="stale"))
        refusals = [ValidationError(messages[pk], code="stale") for pk in gone]
        if self.can_delete and any(self._should_delete_form(form) for form in shown):
            refusals.append(
                ValidationError(
                    _(
                        "A row you removed was changed by someone else since you opened the "
                        "page (see its message below). Nothing was saved."
                    ),
                    code="stale",
                )
            )
        return refusals


def stale_messages(model, opened_at, named=()):
    """{pk: why the save of that record was refused}: who changed or deleted it since its page
    was opened (`opened_at`, {pk: when}), when, and which fields, from its history. The records
    in `named` are named in theirs, as their message is not shown at them."""
    changes = changes_since(model, opened_at)
    return {pk: _stale_message(model, changes.get(pk, []), named=pk in named) for pk in opened_at}


def _stale_message(model, changes, named=False):
    record = model._meta.verbose_name
    if named and changes:
        subject = _("the %(record)s “%(name)s”") % {"record": record, "name": changes[-1].record}
    elif named:
        subject = _("a %(record)s on this page") % {"record": record}
    else:
        subject = _("this %(record)s") % {"record": record}
    reload = _("Your changes were not saved: reload the page to see theirs, then make yours again.")
    if not changes:
        # Changed in a way its history does not tell (or the page did not say when it was
        # opened): the refusal stands, without the details.
        opening = _("Someone else changed %(subject)s since you opened the page.")
        return f"{opening % {'subject': subject}} {reload}"
    if changes[-1].deleted:
        opening = _("Someone else deleted %(subject)s since you opened the page")
    else:
        opening = _("Someone else changed %(subject)s since you opened the page")
    told = "; ".join(_describe(model, change) for change in _merged(changes))
    return f"{opening % {'subject': subject}}: {told}. {reload}"


def _merged(changes):
    """One save in the admin can leave several history entries (the row, then each of its
    many-to-many fields): entries by one person in the same minute are told as one."""
    merged = []
    for change in changes:
        last = merged[-1] if merged else None
        if last and not change.deleted and _same_save(last, change):
            fields = [*last.fields, *(f for f in change.fields if f not in last.fields)]
            merged[-1] = last._replace(fields=fields)
        else:
            merged.append(change)
    return merged


def _same_save(first, second):
    return first.user == second.user and _when(first.at) == _when(second.at)


def _describe(model, change):
    who = (change.user.get_full_name() or change.user.get_username()) if change.user else None
    context = {"user": who or _("someone"), "time": _when(change.at)}
    if change.deleted:
        return _("%(user)s deleted it at %(time)s") % context
    if not change.fields:
        return _("%(user)s saved it at %(time)s") % context
    names = [str(model._meta.get_field(name).verbose_name) for name in change.fields]
    context["fields"] = get_text_list(names, _("and"))
    return _("%(user)s at %(time)s changed %(fields)s") % context


def _when(moment):
    """14:03 today; 9 Nov 2026, 14:03 another day (in the site's time zone)."""
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return date_format(local, "H:i")
    return date_format(local, "j M Y, H:i")


class LongChoicesMixin:
    """A choice from a list that grows with the record: a <select> while it is short; beyond
    `max_listed` choices a text box, where the choice is typed by its label (any case) or its
    value, so that the page stays small and quick however long the list grows."""

    max_listed = 200

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        if isinstance(value, list) and len(value) > self.max_listed:
            # (value, label) pairs only looked up, never listed: not normalised one by one.
            self._choices = value
        else:
            forms.ChoiceField.choices.fset(self, value)
        if len(self._choices) > self.max_listed:
            self.widget = forms.TextInput(attrs={"autocomplete": "off", "size": 30})

    def to_python(self, value):
        value = super().to_python(value)
        if not value or len(self._choices) <= self.max_listed:
            return value
        by_label = {str(label).casefold(): str(key) for key, label in self._choices}
        return by_label.get(value.strip().casefold(), value.strip())


class LongChoiceField(LongChoicesMixin, forms.ChoiceField):
    pass


class LongTypedChoiceField(LongChoicesMixin, forms.TypedChoiceField):
    pass
