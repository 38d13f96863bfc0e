"""The admin base of every record: history, export, publishing, locking, safe deletes.

Each app's `admin.py` builds its pages on these classes.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportMixin, ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import get_m2m_reverse_field_name

from .forms import VersionedForm, VersionedFormSetMixin, VersionedRowForm
from .imports import RecordImportForm
from .models import (
    CitedRecord,
    PublicationStatus,
    StaleRecordError,
    is_public,
    load_deletion_blockers,
)
from .services import publish_permission, record_publish, record_unpublish
from .widgets import (
    RowAutocompleteFormSetMixin,
    RowAutocompleteSelect,
    RowAutocompleteSelectMultiple,
    RowChoiceField,
)

PUBLICATION_FIELDS = ("status", "published_at", "published_by")
# What a versioned form sends back hidden: the version its record was opened at, and when.
OPENED_FIELDS = ("opened_version", "opened_at")


class VersionedAdminMixin:
    """Optimistic locking: the form carries the version it was opened at, and when; a stale
    save fails, saying who changed what meanwhile. Inlines do the same per row
    (VersionedInlineMixin)."""

    form = VersionedForm

    def get_fieldsets(self, request, obj=None):
        return _with_opened_fields(super().get_fieldsets(request, obj))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        self._refuse_forged_publication(request)
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleRecordError as error:
            # Lost the race after the form's own check: nothing was written (the admin's
            # transaction rolled back); say so and show the record as it now is.
            self.message_user(request, error.messages[0], messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Reverting opens the record at its current version, not the historical one's."""
        self._refuse_forged_publication(request)
        try:
            with transaction.atomic():
                return super().history_form_view(request, object_id, version_id, extra_context)
        except StaleRecordError as error:
            self.message_user(request, error.messages[0], messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and getattr(request, "reverting_to", None) is not None:
            obj.version = obj.stored_version() or obj.version
        return super().get_form(request, obj, change, **kwargs)

    def _refuse_forged_publication(self, request):
        """Overridden by the publishing mixin; records without a status have nothing to forge."""


class RecordAdmin(VersionedAdminMixin, ExportMixin, SimpleHistoryAdmin):
    """Base admin of every record (each a Versioned model): its history (viewable,
    revertible), list export, and a change page that refuses a stale save."""

    list_per_page = 50
    # An address typed without its scheme ("www.example.org") is taken as https://.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        """Rows with what their names show joined in (`list_select_related`), for every view
        that lists them by name: the autocomplete pickers as well as the list."""
        queryset = super().get_queryset(request)
        if isinstance(self.list_select_related, (list, tuple)):
            queryset = queryset.select_related(*self.list_select_related)
        return queryset

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.reverting_to = version_id
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        """When reverting, the form also offers the version's many-to-many links."""
        form = super().get_form(request, obj, change, **kwargs)
        if getattr(request, "reverting_to", None) is None:
            return form
        links = {
            name: ids
            for name, ids in self._reverted_links(request).items()
            if name in form.base_fields
        }
        if not links:
            return form

        class RevertForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.initial.update(links)

        return RevertForm

    def _reverted_links(self, request):
        """{field: ids} of the many-to-many links of the version being reverted to; read once
        per request (the admin builds the form more than once)."""
        if not hasattr(request, "reverted_links"):
            record = self.model.history.get(history_id=request.reverting_to)
            request.reverted_links = {
                field.name: [
                    getattr(row, f"{get_m2m_reverse_field_name(field)}_id")
                    for row in getattr(record, field.name).all()
                ]
                for field in getattr(record, "_history_m2m_fields", [])
            }
        return request.reverted_links

    def get_deleted_objects(self, objs, request):
        """Add records that cite these through many-to-many links to what blocks the delete."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if issubclass(self.model, CitedRecord):
            for obj in load_deletion_blockers(objs):
                protected.extend(_admin_link(blocker) for blocker in obj.deletion_blockers())
        return deleted, counts, perms_needed, protected


class ImportExportRecordAdmin(ImportExportMixin, RecordAdmin):
    """A record admin that also imports CSV or XLSX, with a preview and row-by-row errors.

    The form refuses a file that cannot be imported as a whole (core.imports.RecordImportForm);
    an import writes nothing unless every row is good.
    """

    import_form_class = RecordImportForm

    def has_import_permission(self, request):
        label, name = self.model._meta.app_label, self.model._meta.model_name
        return request.user.has_perms([f"{label}.add_{name}", f"{label}.change_{name}"])

    def get_import_data_kwargs(self, **kwargs):
        # Without it, the confirmed import would write the good rows and skip the bad ones.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_result(self, result, request):
        """After the confirmed import: unless every row was good, say that nothing was written
        (the record changed since the preview) and go back to the import page."""
        if result.has_errors() or result.has_validation_errors():
            self.message_user(
                request,
                _(
                    "Nothing was imported: the file no longer passes the checks, as the record "
                    "changed after the preview. Import the file again to see which rows fail."
                ),
                messages.ERROR,
            )
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        return super().process_result(result, request)


class RowAutocompleteInlineMixin:
    """An inline whose autocomplete pickers render each row's choice from the rows' own query
    (join or prefetch them in get_queryset), not with one query per picker per row."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = RowAutocompleteSelect(db_field, self.admin_site)
            kwargs.setdefault("form_class", RowChoiceField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = RowAutocompleteSelectMultiple(db_field, self.admin_site)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (RowAutocompleteFormSetMixin, formset), {})


class VersionedInlineMixin:
    """An inline of Versioned rows: each row carries the version it was opened at, and when;
    saving the page with a row someone else changed or deleted since is refused, with the
    message at that row, and nothing of the page is saved (VersionedFormSetMixin)."""

    form = VersionedRowForm

    def get_fieldsets(self, request, obj=None):
        return _with_opened_fields(super().get_fieldsets(request, obj))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (VersionedFormSetMixin, formset), {})


class PublishableAdminMixin(VersionedAdminMixin):
    """Publishing workflow: publish/unpublish actions and a status only publishers may change.

    Every publication goes through the services, which record when and by whom.
    """

    actions = ("publish_selected", "unpublish_selected")

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm(publish_permission(self.model))

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "published_at", "published_by"]
        if not self.has_publish_permission(request, obj):
            readonly.append("status")
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if set(PUBLICATION_FIELDS) <= set(flatten_fieldsets(fieldsets)):
            return fieldsets
        fieldsets = [
            (name, {**opts, "fields": _without(opts["fields"], PUBLICATION_FIELDS)})
            for name, opts in fieldsets
        ]
        return [*fieldsets, (_("Publication"), {"fields": (PUBLICATION_FIELDS,)})]

    def _refuse_forged_publication(self, request):
        # An editor's form has no status field: a status in the POST was not sent by it.
        if (
            request.method == "POST"
            and "status" in request.POST
            and not self.has_publish_permission(request)
        ):
            raise PermissionDenied(_("You may not publish or unpublish."))

    def save_model(self, request, obj, form, change):
        stored = (
            type(obj)._base_manager.filter(pk=obj.pk).values(*PUBLICATION_FIELDS).first()
            if change
            else None
        )
        was_published = bool(stored) and stored["status"] == PublicationStatus.PUBLISHED
        if stored:
            # The publication record is the workflow's; a revert does not bring an old one back.
            obj.published_at = stored["published_at"]
            obj.published_by_id = stored["published_by"]
        if not self.has_publish_permission(request, obj):
            obj.status = stored["status"] if stored else PublicationStatus.DRAFT
            return super().save_model(request, obj, form, change)
        if obj.is_published and not was_published:
            record_publish(record=obj, by=request.user)
        elif was_published and not obj.is_published:
            record_unpublish(record=obj, by=request.user)
        else:
            super().save_model(request, obj, form, change)

    @admin.action(permissions=["publish"], description=_("Publish the selected records"))
    def publish_selected(self, request, queryset):
        self._change_publication(request, queryset.exclude(status=PublicationStatus.PUBLISHED))

    @admin.action(permissions=["publish"], description=_("Unpublish the selected records"))
    def unpublish_selected(self, request, queryset):
        self._change_publication(
            request, queryset.filter(status=PublicationStatus.PUBLISHED), unpublish=True
        )

    def _change_publication(self, request, queryset, unpublish=False):
        service = record_unpublish if unpublish else record_publish
        done = 0
        for record in queryset:
            try:
                with transaction.atomic():
                    service(record=record, by=request.user)
            except ValidationError as error:
                self.message_user(
                    request,
                    format_html("{}: {}", record, " ".join(error.messages)),
                    messages.ERROR,
                )
            else:
                done += 1
                if not unpublish and not is_public(record):
                    self.message_user(
                        request,
                        _(
                            "“%(record)s” is published but stays off the public site until "
                            "the record it belongs to is published too."
                        )
                        % {"record": record},
                        messages.WARNING,
                    )
        if unpublish:
            message = ngettext("%(n)d record unpublished.", "%(n)d records unpublished.", done)
        else:
            message = ngettext("%(n)d record published.", "%(n)d records published.", done)
        self.message_user(request, message % {"n": done}, messages.SUCCESS)


def _with_opened_fields(fieldsets):
    """The fieldsets with the hidden opened version and time on a line of the first one."""
    if set(OPENED_FIELDS) <= set(flatten_fieldsets(fieldsets)):
        return fieldsets
    (name, options), *rest = fieldsets
    fields = (*_without(options["fields"], OPENED_FIELDS), OPENED_FIELDS)
    return [(name, {**options, "fields": fields}), *rest]


def _without(fields, names):
    kept = []
    for field in fields:
        if isinstance(field, (list, tuple)):
            line = tuple(name for name in field if name not in names)
            if line:
                kept.append(line)
        elif field not in names:
            kept.append(field)
    return tuple(kept)


def _admin_link(obj):
    opts = obj._meta
    label = capfirst(opts.verbose_name)
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=(obj.pk,))
    except NoReverseMatch:
        return format_html("{}: {}", label, obj)
    return format_html('{}: <a href="{}">{}</a>', label, url, obj)
