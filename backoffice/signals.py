"""Guards that keep records from being deleted from under the records that cite them."""

from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext as _

from contacts.models import InquiryContact
from plenaries.models import City


def deletion_blockers(obj):
    """Records citing `obj` through a many-to-many link that deleting it would silently cut.

    (Foreign keys are guarded by the database with PROTECT; these links are not.)
    """
    if isinstance(obj, InquiryContact):
        return list(obj.press_releases.all())
    if isinstance(obj, City):
        return list(obj.declarations_signed.all())
    return []


@receiver(pre_delete, sender=InquiryContact)
@receiver(pre_delete, sender=City)
def refuse_delete_while_cited(sender, instance, **kwargs):
    blockers = deletion_blockers(instance)
    if blockers:
        raise ProtectedError(
            _("“%(record)s” cannot be deleted: it is cited by %(count)d other record(s).")
            % {"record": instance, "count": len(blockers)},
            set(blockers),
        )
