"""Writes of the back office, shared by the admin and commands: publishing and staff roles."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from plenaries.models import PublicationStatus

# The apps whose records staff keep.
RECORD_APPS = ("plenaries", "declarations", "contacts")
# Rows that are parts of a record, edited inline on its page: removing a wrong row is editing.
RECORD_PARTS = ("membership", "participation", "outcome", "relatedevent", "clause")

EDITORS = "Editors"
PUBLISHERS = "Publishers"


def publish_permission(model):
    """The permission that lets a user publish and unpublish records of this model."""
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def _check_may_publish(record, by):
    if by is not None and not by.has_perm(publish_permission(type(record))):
        raise PermissionDenied(f"{by} may not publish or unpublish {record._meta.verbose_name}.")


@transaction.atomic
def record_publish(*, record, by):
    """Publish a record (with whatever else changed on it), noting when and by whom.

    `by` is the user who publishes, or None for the system itself (a command).
    """
    _check_may_publish(record, by)
    record.status = PublicationStatus.PUBLISHED
    record.published_at = timezone.now()
    record.published_by = by
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def record_unpublish(*, record, by):
    """Take a record back to draft; it leaves the public site and forgets its publication."""
    _check_may_publish(record, by)
    record.status = PublicationStatus.DRAFT
    record.published_at = None
    record.published_by = None
    record.full_clean()
    record.save()
    return record


def _role_permissions(using):
    perms = Permission.objects.using(using).filter(content_type__app_label__in=RECORD_APPS)
    editing = Q(codename__startswith="add_") | Q(codename__startswith="change_")
    editing |= Q(codename__startswith="view_")
    part_deletes = Q(codename__in=[f"delete_{model}" for model in RECORD_PARTS])
    editor = perms.filter(editing | part_deletes)
    publisher = perms.filter(
        editing | Q(codename__startswith="delete_") | Q(codename__startswith="publish_")
    )
    return {EDITORS: editor, PUBLISHERS: publisher}


@transaction.atomic
def roles_set_up(*, using="default"):
    """Create or update the Editors and Publishers groups to their definition; idempotent.

    Editors add, change and view every record, and may remove the rows that are parts of one
    (a participation, a clause...) but not delete records nor publish. Publishers may also
    publish, unpublish and delete. Historical rows (simple-history) are not covered: history is
    viewed and reverted through the records' own permissions.
    """
    for name, permissions in _role_permissions(using).items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(permissions.exclude(content_type__model__startswith="historical"))
    return Group.objects.using(using).filter(name__in=(EDITORS, PUBLISHERS))
