"""The one way a record is published or withdrawn: the admin, the record loader and the
publishing actions all call these, so every publication is validated, says when and by whom,
and is an entry of the public change log."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ChangeKind, PublicationStatus
from .review import log_change


def publish_permission(model):
    """The permission that lets a user publish and withdraw records of this model."""
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def _check_may_publish(record, by):
    if by is not None and not by.has_perm(publish_permission(type(record))):
        raise PermissionDenied(
            _("%(user)s may not publish or withdraw a %(kind)s.")
            % {"user": by, "kind": record._meta.verbose_name}
        )


def drafts_needed(record):
    """The unpublished records this one's page shows or links, and theirs in turn, each once:
    what publishing it publishes with it."""
    found, queue, seen = [], list(record.linked_drafts()), {(type(record), record.pk)}
    while queue:
        draft = queue.pop(0)
        key = (type(draft), draft.pk)
        if key in seen or draft.is_published:
            continue
        seen.add(key)
        found.append(draft)
        queue.extend(draft.linked_drafts())
    return found


@transaction.atomic
def record_publish(*, record, by, summary="", with_drafts=True):
    """Publish a record, new or stored, with whatever else changed on it, and the drafts its
    page needs (`drafts_needed`), noting when and by whom; each one save, so one history entry,
    and one entry of the public change log.

    `by` is the user who publishes, or None for the system itself (the record loader, which
    says itself what is published: `with_drafts=False`). Refused whole, naming the record, if
    any of them does not pass its checks.
    """
    drafts = drafts_needed(record) if with_drafts and record.pk else []
    for draft in [record, *drafts]:
        _check_may_publish(draft, by)
        kind = ChangeKind.REPUBLISHED if draft.published_at else ChangeKind.PUBLISHED
        try:
            _save_publication(
                draft, by=by, status=PublicationStatus.PUBLISHED, published_at=timezone.now()
            )
        except ValidationError as error:
            if draft is record:
                raise
            raise ValidationError(
                _("“%(record)s” could not be published with it: %(why)s")
                % {"record": draft, "why": " ".join(error.messages)}
            ) from None
        default = _("First published.") if kind == ChangeKind.PUBLISHED else _("Published again.")
        log_change(record=draft, kind=kind, summary=summary or default, by=by)
    return record


@transaction.atomic
def record_withdraw(*, record, by, summary=""):
    """Take a published record off the public record: its address then answers 410 Gone,
    with the reason, and it leaves lists, feeds, search, downloads and the sitemap. A draft
    never published goes back to being a draft."""
    if not record.published_at:
        return _save_publication(record, by=by, status=PublicationStatus.DRAFT, published_at=None)
    _save_publication(
        record, by=by, status=PublicationStatus.WITHDRAWN, published_at=record.published_at
    )
    log_change(
        record=record,
        kind=ChangeKind.WITHDRAWN,
        summary=summary or _("Withdrawn from the public record."),
        by=by,
    )
    return record


def _save_publication(record, *, by, status, published_at):
    _check_may_publish(record, by)
    record.status = status
    record.published_at = published_at
    if status == PublicationStatus.PUBLISHED or published_at is None:
        record.published_by = by if published_at else None
    if by is not None:
        record._history_user = by
    record.full_clean()
    record.save()
    return record
