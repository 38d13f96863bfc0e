"""Reviewed changes: a change to the public record is held as a revision until a Publisher
other than its author approves it; the approved change, and every publication and withdrawal,
is an entry of the public change log.

A revision keeps the admin form as its author sent it. Holding it, the admin saves the form
as usual inside a transaction, reads what the save changed, and rolls it back; approving it
sends the same form to the same admin page again, as its author, and keeps the save. So the
checks, the inline rows, the history and the stale-save refusal are those of a direct save.
"""

import difflib
import re

from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import resolve
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from .models import (
    ChangeKind,
    PublicChange,
    Revision,
    RevisionStatus,
    review_owner,
)
from .signals import public_change_logged, public_change_starting

APPROVE_PERMISSION = "core.approve_revision"
# Fields of a form that are not facts of the record: the hidden version and time it was opened.
NOT_FACTS = {"opened_version", "opened_at", "id", "DELETE"}
# A text longer than this is compared word by word in the log ("words removed and added").
LONG_TEXT = 60


# What a record's admin page shows, and what a save changed ------------------------------


def _text(record, field):
    """A field's value as people read it on the admin page."""
    if field.many_to_many:
        return "; ".join(sorted(str(linked) for linked in getattr(record, field.name).all()))
    if field.is_relation:
        linked = getattr(record, field.name, None)
        return "" if linked is None else str(linked)
    value = getattr(record, field.attname, None)
    if field.choices and value not in (None, ""):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return "" if value is None else str(value)


def _fields(model, names):
    """The model fields among these names, in their order (a model or a record of it)."""
    known = {field.name: field for field in model._meta.get_fields() if field.concrete}
    known.update({field.name: field for field in model._meta.many_to_many})
    return [known[name] for name in names if name in known and name not in NOT_FACTS]


def snapshot(model_admin, request, record):
    """{"fields": {label: text}, "parts": {kind of part: {key: {"label", "fields"}}}}: the
    record's facts as its admin page shows them, its inline rows included."""
    names = flatten_fieldsets(model_admin.get_fieldsets(request, record))
    state = {
        "fields": {
            str(field.verbose_name): _text(record, field) for field in _fields(record, names)
        },
        "parts": {},
    }
    for inline in model_admin.get_inline_instances(request, record):
        formset_class = inline.get_formset(request, record)
        fk = getattr(formset_class, "fk", None)
        row_fields = _fields(
            inline.model,
            [
                name
                for name in flatten_fieldsets(inline.get_fieldsets(request, record))
                if fk is None or name != fk.name
            ],
        )
        # The rows with what their values name read in a fixed number of queries.
        queryset = (
            inline.get_queryset(request)
            .select_related(
                *(f.name for f in row_fields if f.many_to_one), *([fk.name] if fk else [])
            )
            .prefetch_related(*(f.name for f in row_fields if f.many_to_many))
        )
        formset = formset_class(instance=record, queryset=queryset)
        rows = {}
        for row in formset.get_queryset():
            rows[str(row.pk)] = {
                "label": str(row),
                "fields": {str(field.verbose_name): _text(row, field) for field in row_fields},
            }
        state["parts"][capfirst(str(inline.model._meta.verbose_name_plural))] = rows
    return state


def diff(label, before, after):
    """What changed from one snapshot to the other (either may be None: added, removed), as
    rows {"what", "field", "kind", "before", "after"} for the reviewer and the log."""
    rows = []
    if before is None or after is None:
        kind = "added" if before is None else "removed"
        state = after or before
        summary = "; ".join(f"{name}: {text}" for name, text in state["fields"].items() if text)
        rows.append(
            {"what": label, "field": "", "kind": kind, "before": "", "after": summary}
            if kind == "added"
            else {"what": label, "field": "", "kind": kind, "before": summary, "after": ""}
        )
        return rows
    rows.extend(_field_rows(label, before["fields"], after["fields"]))
    for part, after_rows in after["parts"].items():
        before_rows = before["parts"].get(part, {})
        for key, row in after_rows.items():
            if key not in before_rows:
                text = "; ".join(f"{n}: {t}" for n, t in row["fields"].items() if t)
                rows.append(
                    {"what": f"{part}: {row['label']}", "field": "", "kind": "added",
                     "before": "", "after": text}
                )  # fmt: skip
            else:
                what = f"{part}: {before_rows[key]['label']}"
                rows.extend(_field_rows(what, before_rows[key]["fields"], row["fields"]))
        for key, row in before_rows.items():
            if key not in after_rows:
                text = "; ".join(f"{n}: {t}" for n, t in row["fields"].items() if t)
                rows.append(
                    {"what": f"{part}: {row['label']}", "field": "", "kind": "removed",
                     "before": text, "after": ""}
                )  # fmt: skip
    return rows


def _field_rows(what, before, after):
    return [
        {
            "what": what,
            "field": name,
            "kind": "changed",
            "before": before.get(name, ""),
            "after": text,
        }
        for name, text in after.items()
        if before.get(name, "") != text
    ]


def word_diff(before, after):
    """[[op, text], ...]: the words kept ("="), removed ("-") and added ("+")."""
    old, new = re.split(r"(\s+)", before), re.split(r"(\s+)", after)
    pieces = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(["=", "".join(old[i1:i2])])
            continue
        if i2 > i1:
            pieces.append(["-", "".join(old[i1:i2])])
        if j2 > j1:
            pieces.append(["+", "".join(new[j1:j2])])
    return pieces


def text_changes(rows):
    """The log's account of the text: each changed long text word by word, other changes as
    they are."""
    changes = []
    for row in rows:
        long_text = max(len(row["before"]), len(row["after"])) > LONG_TEXT
        entry = dict(row)
        if row["kind"] == "changed" and long_text:
            entry["words"] = word_diff(row["before"], row["after"])
        changes.append(entry)
    return changes


# Holding a change, approving it, rejecting it --------------------------------------------


def hold(*, request, model, record, label, action, rows):
    """Keep the form the request sent as a revision waiting for review."""
    data = [
        [name, request.POST.getlist(name)] for name in request.POST if name != "csrfmiddlewaretoken"
    ]
    return Revision.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_id="" if record is None or record.pk is None else str(record.pk),
        record_label=str(label)[:300],
        action=action,
        path=request.path,
        data=data,
        diff=rows,
        note=request.POST.get("_review_note", "")[:300],
        author=request.user,
    )


def _check_may_review(revision, by):
    if not by.has_perm(APPROVE_PERMISSION):
        raise PermissionDenied(_("Only a Publisher may approve or reject a change."))
    if revision.author_id == by.pk:
        raise PermissionDenied(_("Nobody approves or rejects their own change."))
    if not revision.is_pending:
        raise ValidationError(_("This change was already reviewed."))


class _NotApplied(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def approve(*, revision, by, summary):
    """Apply the revision as its author sent it and log it publicly with `summary`. A change
    that no longer applies (the record changed since) is marked so, and nothing is written."""
    _check_may_review(revision, by)
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError({"summary": _("Write a one-line summary for the public change log.")})
    from .services import drafts_needed, record_publish

    record = _revision_record(revision)
    owner = review_owner(record) if record is not None else None
    before = public_change_starting.send(sender=type(owner), owner=owner) if owner else []
    try:
        with transaction.atomic():
            saved = _replay(revision)
            if saved is not None:
                owner = review_owner(saved)
            # What the approved change links that is still a draft is published with it: the
            # page never hides a part silently.
            for draft in drafts_needed(owner) if hasattr(owner, "linked_drafts") else []:
                record_publish(record=draft, by=by, with_drafts=False)
            revision.status = RevisionStatus.APPROVED
            revision.reviewed_by, revision.reviewed_at = by, timezone.now()
            revision.save()
            entry = log_change(
                record=saved,
                owner=owner,
                kind=ChangeKind.CORRECTED,
                summary=summary,
                by=by,
                revision=revision,
                label=revision.record_label,
                changes=text_changes(revision.diff),
                content_type=revision.content_type,
                object_id=revision.object_id,
                before=before,
            )
    except _NotApplied as failure:
        revision.status = RevisionStatus.OUTDATED
        revision.reviewed_by, revision.reviewed_at = by, timezone.now()
        revision.reason = failure.reason
        revision.save()
        raise ValidationError(failure.reason) from None
    return entry


def _revision_record(revision):
    if not revision.object_id:
        return None
    model = revision.content_type.model_class()
    return model._base_manager.filter(pk=revision.object_id).first()


def reject(*, revision, by, reason):
    _check_may_review(revision, by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why, for the author of the change.")})
    revision.status = RevisionStatus.REJECTED
    revision.reviewed_by, revision.reviewed_at = by, timezone.now()
    revision.reason = reason
    revision.save()
    return revision


def _replay(revision):
    """Send the revision's form to its admin page again, as its author; the saved record."""
    author = revision.author
    if author is None or not author.is_active:
        raise _NotApplied(_("Its author's account is gone or inactive: it cannot be applied."))
    data = QueryDict(mutable=True)
    for name, values in revision.data:
        data.setlist(name, values)
    request = RequestFactory().post(revision.path, data={})
    request._post, request._files = data, MultiValueDict()
    request._dont_enforce_csrf_checks = True
    request.user = author
    request.session = {}
    request._messages = CookieStorage(request)
    request.applying_revision = revision
    request.saved_record = None
    match = resolve(revision.path)
    request.resolver_match = match
    previous = getattr(HistoricalRecords.context, "request", None)
    HistoricalRecords.context.request = request
    try:
        response = match.func(request, *match.args, **match.kwargs)
    except PermissionDenied:
        raise _NotApplied(_("Its author may no longer make this change.")) from None
    finally:
        HistoricalRecords.context.request = previous
    if response.status_code != 302 or (
        request.saved_record is None and revision.action != "delete"
    ):
        raise _NotApplied(_reason(response))
    if revision.action == "delete":
        return None
    return request.saved_record


def _reason(response):
    """Why the admin refused the replayed form, in its own words."""
    context = getattr(response, "context_data", None) or {}
    errors = []
    form = context.get("adminform")
    if form is not None:
        errors.extend(str(error) for error in form.form.non_field_errors())
        for name, field_errors in form.form.errors.items():
            if name != "__all__":
                errors.extend(f"{name}: {error}" for error in field_errors)
    for inline in context.get("inline_admin_formsets", []):
        for row_errors in inline.formset.errors:
            for name, messages in row_errors.items():
                errors.extend(f"{name}: {message}" for message in messages)
        errors.extend(str(error) for error in inline.formset.non_form_errors())
    detail = " ".join(errors) or _("the form was not accepted")
    return _(
        "The record changed after this change was made, so it no longer applies (%(why)s). "
        "Its author can make it again on the record as it now is."
    ) % {"why": detail}


# The public change log --------------------------------------------------------------------


def _public_url(record):
    url = getattr(record, "get_absolute_url", None)
    return url() if callable(url) else ""


def log_change(
    *, record, kind, summary, by, owner=None, revision=None, label=None, changes=(),
    content_type=None, object_id=None, before=(),
):  # fmt: skip
    """Add an entry to the public change log about `record` (None for a removed part: then
    `content_type` and `object_id` name it) shown on the page of `owner`."""
    owner = owner if owner is not None else (review_owner(record) if record is not None else None)
    if record is not None:
        content_type = ContentType.objects.get_for_model(record)
        object_id = str(record.pk)
    if owner is None:
        owner_type, owner_id = content_type, object_id
    else:
        owner_type, owner_id = ContentType.objects.get_for_model(owner), str(owner.pk)
    entry = PublicChange.objects.create(
        content_type=content_type,
        object_id=object_id,
        owner_type=owner_type,
        owner_id=owner_id,
        record_label=str(label if label is not None else record)[:300],
        record_url=_public_url(owner if owner is not None else record),
        kind=kind,
        summary=summary[:300],
        changes=list(changes),
        by=by,
        revision=revision,
    )
    page = owner if owner is not None else record
    if page is not None:
        public_change_logged.send(sender=type(page), owner=page, entry=entry, before=before)
    return entry


def pending_for(record):
    """The revisions of this record waiting for review."""
    return Revision.objects.pending().about(record)
