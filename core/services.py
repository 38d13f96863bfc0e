"""The one way a record is published or unpublished: the admin, the record loader and the
publishing actions all call these, so every publication is validated and says when and by whom."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import PublicationStatus


def publish_permission(model):
    """The permission that lets a user publish and unpublish records of this model."""
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def _check_may_publish(record, by):
    if by is not None and not by.has_perm(publish_permission(type(record))):
        raise PermissionDenied(
            _("%(user)s may not publish or unpublish a %(kind)s.")
            % {"user": by, "kind": record._meta.verbose_name}
        )


@transaction.atomic
def record_publish(*, record, by):
    """Publish a record, new or stored, with whatever else changed on it, noting when and by
    whom; one save, so one history entry.

    `by` is the user who publishes, or None for the system itself (the record loader).
    """
    return _save_publication(
        record, by=by, status=PublicationStatus.PUBLISHED, published_at=timezone.now()
    )


@transaction.atomic
def record_unpublish(*, record, by):
    """Take a record back to draft; it leaves the public site and forgets its publication."""
    return _save_publication(record, by=by, status=PublicationStatus.DRAFT, published_at=None)


def _save_publication(record, *, by, status, published_at):
    _check_may_publish(record, by)
    record.status = status
    record.published_at = published_at
    record.published_by = by if published_at else None
    if by is not None:
        record._history_user = by
    record.full_clean()
    record.save()
    return record
