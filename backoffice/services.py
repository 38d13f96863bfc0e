"""Writes of the back office: the staff roles."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from core.apps import record_apps

# Rows that are parts of a record, edited inline on its page: removing a wrong row is editing.
RECORD_PARTS = ("membership", "participation", "outcome", "relatedevent", "clause")

EDITORS = "Editors"
PUBLISHERS = "Publishers"


def _role_permissions(using):
    labels = [config.label for config in record_apps()]
    perms = Permission.objects.using(using).filter(content_type__app_label__in=labels)
    editing = Q(codename__startswith="add_") | Q(codename__startswith="change_")
    editing |= Q(codename__startswith="view_")
    part_deletes = Q(codename__in=[f"delete_{model}" for model in RECORD_PARTS])
    # The review queue: Editors see their own changes there; Publishers approve or reject.
    review = Permission.objects.using(using).filter(content_type__app_label="core")
    seeing = Q(codename__in=("view_revision", "view_publicchange"))
    editor = perms.filter(editing | part_deletes) | review.filter(seeing)
    publisher = perms.filter(
        editing | Q(codename__startswith="delete_") | Q(codename__startswith="publish_")
    ) | review.filter(seeing | Q(codename="approve_revision"))
    return {EDITORS: editor, PUBLISHERS: publisher}


@transaction.atomic
def roles_set_up(*, using="default"):
    """Create or update the Editors and Publishers groups to their definition; idempotent.

    Editors add, change and view every record, and may remove the rows that are parts of one
    (a participation, a clause...) but not delete records nor publish; a change of theirs to
    the public record waits for review. Publishers may also publish, withdraw and delete, and
    approve or reject others' changes (core.review). Historical rows (simple-history) are not
    covered: history is viewed and reverted through the records' own permissions.
    """
    for name, permissions in _role_permissions(using).items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(permissions.exclude(content_type__model__startswith="historical"))
    return Group.objects.using(using).filter(name__in=(EDITORS, PUBLISHERS))
