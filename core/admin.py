"""The admin base of every record: history, export, publishing, locking, safe deletes.

Each app's `admin.py` builds its pages on these classes.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportMixin, ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import get_m2m_reverse_field_name

from . import review
from .forms import (
    LabelledRowsFormSetMixin,
    VersionedForm,
    VersionedFormSetMixin,
    VersionedRowForm,
)
from .imports import RecordImportForm
from .languages import RECORD_LANGUAGE, in_language, other_language_fields, translated_fields
from .models import (
    CitedRecord,
    PublicationStatus,
    PublicChange,
    Publishable,
    Revision,
    StaleRecordError,
    is_public,
    is_public_any,
    load_deletion_blockers,
)
from .services import drafts_needed, publish_permission, record_publish, record_withdraw
from .widgets import (
    RowAutocompleteFormSetMixin,
    RowAutocompleteSelect,
    RowAutocompleteSelectMultiple,
    RowChoiceField,
)

PUBLICATION_FIELDS = ("status", "published_at", "published_by")
# What a versioned form sends back hidden: the version its record was opened at, and when.
OPENED_FIELDS = ("opened_version", "opened_at")


class TranslatedFieldsMixin:
    """A record's text in English and Japanese: each translated field's own input is its
    English (required where the field is), with its Japanese input beside it, optional. The
    `_en` columns are the same English, kept by the model, never a second input."""

    def get_exclude(self, request, obj=None):
        english = [in_language(field, RECORD_LANGUAGE) for field in translated_fields(self.model)]
        return [*(super().get_exclude(request, obj) or ()), *english] or None

    def get_fieldsets(self, request, obj=None):
        return _with_other_languages(super().get_fieldsets(request, obj), self.model)


class VersionedAdminMixin(TranslatedFieldsMixin):
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
            request.saved_record = None
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


class _HeldForReview(Exception):
    """Raised inside the save's transaction to roll it back: the change waits for review."""


class ReviewedAdminMixin:
    """Nothing goes public unapproved (core.review): a save, an addition or a removal that
    changes what the public sees, the record's inline rows included, is held as one revision
    for a Publisher other than its author; the public keeps seeing the approved record.

    The admin saves the form as usual inside a transaction; what the save changed is read and
    the transaction rolled back. A Publisher publishing a draft is no change to hold: that is
    the review, logged as a first publication.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "GET" and object_id is not None:
            self._say_pending(request, object_id)
        action = "change" if object_id and "_saveasnew" not in request.POST else "add"
        return self._reviewed(
            request,
            object_id if action == "change" else None,
            action,
            lambda: super(ReviewedAdminMixin, self).changeform_view(
                request, object_id, form_url, extra_context
            ),
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        return self._reviewed(
            request,
            object_id,
            "change",
            lambda: super(ReviewedAdminMixin, self).history_form_view(
                request, object_id, version_id, extra_context
            ),
        )

    def delete_view(self, request, object_id, extra_context=None):
        return self._reviewed(
            request,
            object_id,
            "delete",
            lambda: super(ReviewedAdminMixin, self).delete_view(request, object_id, extra_context),
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        request.saved_record = obj

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        request.saved_record = form.instance

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        request.saved_record = obj

    def message_user(self, request, message, *args, **kwargs):
        """Messages of a save that may yet be held are kept until it is known whether it was."""
        deferred = getattr(request, "deferred_messages", None)
        if deferred is not None:
            deferred.append((message, args, kwargs))
            return
        super().message_user(request, message, *args, **kwargs)

    def has_import_permission(self, request):
        # An import writes many rows at once, public ones too: for those who approve changes.
        return super().has_import_permission(request) and request.user.has_perm(
            review.APPROVE_PERMISSION
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _function, name, description = actions["delete_selected"]
            actions["delete_selected"] = (self._delete_selected, name, description)
        return actions

    def _delete_selected(self, modeladmin, request, queryset):
        """Records on the public record are removed one at a time, each removal reviewed."""
        public = [record for record in queryset if is_public_any(record)]
        if public:
            self.message_user(
                request,
                _(
                    "Nothing was deleted: %(records)s %(verb)s on the public record. Remove such "
                    "a record from its own page; the removal then waits for a Publisher's review."
                )
                % {
                    "records": ", ".join(f"“{record}”" for record in public[:5]),
                    "verb": ngettext("is", "are", len(public)),
                },
                messages.ERROR,
            )
            return None
        return delete_selected(modeladmin, request, queryset)

    def _needs_review(self, request, was_public, saved, action):
        if was_public:
            return True
        if action == "delete" or saved is None or not is_public_any(saved):
            return False
        # A Publisher publishing a draft is the review itself: a first publication.
        publishes = getattr(self, "has_publish_permission", None)
        return not (isinstance(saved, Publishable) and publishes and publishes(request, saved))

    def _reviewed(self, request, object_id, action, run):
        if request.method != "POST" or getattr(request, "applying_revision", None) is not None:
            return run()
        record = self.get_object(request, unquote(object_id)) if object_id else None
        was_public = record is not None and is_public_any(record)
        before = review.snapshot(self, request, record) if was_public else None
        request.saved_record, request.deferred_messages = None, []
        held = None
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                response = run()
                saved = request.saved_record
                if saved is not None and self._needs_review(request, was_public, saved, action):
                    after = None if action == "delete" else review.snapshot(self, request, saved)
                    label = record if record is not None else saved
                    rows = review.diff(str(label), before, after)
                    if rows:  # a save that changed nothing has nothing to review
                        held = (label, rows)
                        raise _HeldForReview
        except _HeldForReview:
            pass
        finally:
            deferred, request.deferred_messages = request.deferred_messages, None
        if held is None:
            for message, args, kwargs in deferred:
                self.message_user(request, message, *args, **kwargs)
            return response
        label, rows = held
        revision = review.hold(
            request=request, model=self.model, record=record, label=label, action=action, rows=rows
        )
        url = reverse("admin:core_revision_change", args=(revision.pk,))
        self.message_user(
            request,
            format_html(
                _(
                    "Your change to “{}” is waiting for a Publisher's review; the public site "
                    'shows the record as approved until then. <a href="{}">See the change</a>.'
                ),
                label,
                url,
            ),
            messages.SUCCESS,
        )
        if action == "change":
            return HttpResponseRedirect(request.get_full_path())
        return HttpResponseRedirect(url)

    def _say_pending(self, request, object_id):
        record = self.get_object(request, unquote(object_id))
        if record is None:
            return
        for revision in review.pending_for(record).select_related("author"):
            self.message_user(
                request,
                format_html(
                    _('A change by {} of {} is waiting for review: <a href="{}">see it</a>.'),
                    revision.author or _("a former user"),
                    date_format(timezone.localtime(revision.created_at), "DATETIME_FORMAT"),
                    reverse("admin:core_revision_change", args=(revision.pk,)),
                ),
                messages.WARNING,
            )


class RecordAdmin(ReviewedAdminMixin, VersionedAdminMixin, ExportMixin, SimpleHistoryAdmin):
    """Base admin of every record (each a Versioned model): its history (viewable,
    revertible), list export, and a change page that refuses a stale save."""

    list_per_page = 50

    class Media:
        js = ("js/admin/accessible.js",)

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


class VersionedInlineMixin(TranslatedFieldsMixin):
    """An inline of Versioned rows: each row carries the version it was opened at, and when;
    saving the page with a row someone else changed or deleted since is refused, with the
    message at that row, and nothing of the page is saved (VersionedFormSetMixin)."""

    form = VersionedRowForm

    def get_fieldsets(self, request, obj=None):
        return _with_opened_fields(super().get_fieldsets(request, obj))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(
            formset.__name__, (LabelledRowsFormSetMixin, VersionedFormSetMixin, formset), {}
        )


class PublishableAdminMixin(VersionedAdminMixin):
    """Publishing workflow: publish and withdraw actions, each confirmed on a page that lists
    what it does (the drafts published with a record) and takes the line for the public change
    log; a status only publishers may change.

    Every publication goes through the services, which record when and by whom.
    """

    actions = ("publish_selected", "withdraw_selected")

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
            raise PermissionDenied(_("You may not publish or withdraw."))

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
            request.saved_record = obj
        elif was_published and not obj.is_published:
            record_withdraw(record=obj, by=request.user)
            request.saved_record = obj
        else:
            super().save_model(request, obj, form, change)

    @admin.action(permissions=["publish"], description=_("Publish the selected records"))
    def publish_selected(self, request, queryset):
        records = list(queryset.exclude(status=PublicationStatus.PUBLISHED))
        drafts = [draft for record in records for draft in drafts_needed(record)]
        return self._confirm_publication(
            request, records, drafts, record_publish, _("Publish"), _("published")
        )

    @admin.action(
        permissions=["publish"], description=_("Withdraw the selected records from the public")
    )
    def withdraw_selected(self, request, queryset):
        records = list(queryset.filter(status=PublicationStatus.PUBLISHED))
        return self._confirm_publication(
            request, records, [], record_withdraw, _("Withdraw"), _("withdrawn")
        )

    def _confirm_publication(self, request, records, drafts, service, verb, done_word):
        """A page that lists what the action will do and takes the line for the change log;
        on confirmation, each record in its own transaction, refusals named."""
        if not records:
            self.message_user(request, _("None of the selected records needs that."))
            return None
        if "_confirmed" not in request.POST:
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("%(verb)s: are you sure?") % {"verb": verb},
                "records": records,
                "drafts": list(dict.fromkeys(drafts)),
                "verb": verb,
                "action": request.POST.get("action"),
                "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            }
            return TemplateResponse(request, "admin/core/confirm_publication.html", context)
        summary = request.POST.get("summary", "").strip()[:300]
        done = 0
        for record in records:
            try:
                with transaction.atomic():
                    service(record=record, by=request.user, summary=summary)
            except ValidationError as error:
                self.message_user(
                    request,
                    format_html("{}: {}", record, " ".join(error.messages)),
                    messages.ERROR,
                )
            else:
                done += 1
                if service is record_publish and not is_public(record):
                    self.message_user(
                        request,
                        _(
                            "“%(record)s” is published but stays off the public site until "
                            "the record it belongs to is published too."
                        )
                        % {"record": record},
                        messages.WARNING,
                    )
        message = ngettext("%(n)d record %(done)s.", "%(n)d records %(done)s.", done) % {
            "n": done,
            "done": done_word,
        }
        self.message_user(request, message, messages.SUCCESS)
        return None


def _with_other_languages(fieldsets, model):
    """The fieldsets with each translated field's Japanese input on its line, after it."""
    others = other_language_fields(model)
    if not others:
        return fieldsets

    def line_with_others(line):
        names = (line,) if isinstance(line, str) else tuple(line)
        if not any(name in others for name in names):
            return line
        widened = []
        for name in names:
            widened.extend((name, *(o for o in others.get(name, ()) if o not in names)))
        return tuple(widened)

    present = set(flatten_fieldsets(fieldsets))
    if all(other in present for name in others if name in present for other in others[name]):
        return fieldsets
    return [
        (name, {**options, "fields": tuple(map(line_with_others, options["fields"]))})
        for name, options in fieldsets
    ]


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


class ReviewForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary for the public change log"),
        max_length=300,
        required=False,
        help_text=_("One line, as readers will see it: “Corrected the spelling of Ulaanbaatar.”"),
    )
    reason = forms.CharField(
        label=_("Reason for rejecting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The author sees it with their change."),
    )


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    """The Publishers' queue of changes to the public record; each opens on its diff, to
    approve with a summary for the public log, or reject with a reason its author sees.
    Editors see their own changes here, with what became of them."""

    list_display = ("record_label", "action", "author", "created_at", "status")
    list_filter = ("status", "action", "content_type")
    list_select_related = ("author", "content_type")
    search_fields = ("record_label", "note", "reason")
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.has_perm(review.APPROVE_PERMISSION):
            return queryset
        return queryset.filter(author=request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(review.APPROVE_PERMISSION)

    def changelist_view(self, request, extra_context=None):
        # The queue opens on what waits.
        if not request.GET and request.method == "GET":
            return HttpResponseRedirect(f"{request.path}?status__exact=pending")
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        revision = self.get_object(request, unquote(object_id))
        if revision is None or not self.has_view_permission(request, revision):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        form = ReviewForm(request.POST or None)
        may_review = (
            revision.is_pending
            and self.has_change_permission(request, revision)
            and revision.author_id != request.user.pk
        )
        if request.method == "POST" and may_review and form.is_valid():
            response = self._review(request, revision, form)
            if response is not None:
                return response
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Review a change"),
            "subtitle": str(revision),
            "revision": revision,
            "rows": review.text_changes(revision.diff),
            "form": form,
            "may_review": may_review,
            "own_change": revision.author_id == request.user.pk,
            "original": revision,
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/core/revision/review.html", context)

    def _review(self, request, revision, form):
        try:
            if "_approve" in request.POST:
                entry = review.approve(
                    revision=revision, by=request.user, summary=form.cleaned_data["summary"]
                )
                self.message_user(
                    request,
                    format_html(
                        _('Approved: the change is public and in the <a href="{}">change log</a>.'),
                        entry.get_absolute_url(),
                    ),
                    messages.SUCCESS,
                )
            elif "_reject" in request.POST:
                review.reject(
                    revision=revision, by=request.user, reason=form.cleaned_data["reason"]
                )
                self.message_user(request, _("Rejected: its author will see why."))
            else:
                return None
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    for message in errors:
                        form.add_error(field, message)
            else:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            return None
        return HttpResponseRedirect(reverse("admin:core_revision_changelist"))


@admin.register(PublicChange)
class PublicChangeAdmin(admin.ModelAdmin):
    """The public change log as staff see it: read only, written by publication, approval and
    withdrawal."""

    list_display = ("made_at", "kind", "record_label", "summary", "by")
    list_filter = ("kind", "content_type")
    list_select_related = ("by", "content_type")
    search_fields = ("record_label", "summary")
    date_hierarchy = "made_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
