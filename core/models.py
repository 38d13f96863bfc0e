"""The record base every app builds on: publication, optimistic locking, guarded deletes.

A record the public may see is `Publishable`: a draft until a publisher publishes it through
`core.services.record_publish`. Every public read starts from `published()`.
"""

import datetime
from typing import NamedTuple

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import F, ProtectedError, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.utils import get_m2m_reverse_field_name

from .languages import RECORD_LANGUAGE, in_language, translated_fields

STALE_MESSAGE = _(
    "Someone else changed this record since you opened it. Your changes were not saved: "
    "reload the page to see theirs, then make yours again."
)


class StaleRecordError(ValidationError):
    """A save based on a version of the row that is no longer the stored one."""

    def __init__(self):
        super().__init__(STALE_MESSAGE, code="stale")


class QuickChoiceLabels(models.Model):
    """`get_<field>_display()` that finds the choice's label without Django's building a dict of
    every choice on each call (hashing every lazy label: a catalog lookup each); a page shows
    dozens of them (an outcome's kind, a participation's role, a change's kind)."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        for choice, label in field.flatchoices:
            if choice == value:
                return force_str(label, strings_only=True)
        return force_str(value, strings_only=True)


class Versioned(QuickChoiceLabels):
    """A row whose every save claims the next version, refusing a save of a stale copy.

    `version` is the number the editor's copy was read at. Saving runs
    `UPDATE ... SET version = version + 1 WHERE pk = ... AND version = <read>` first, in the same
    transaction as the save itself: if another save got there in between, no row matches and
    StaleRecordError is raised before anything is written. Deleting a copy claims it the same
    way, so a row changed since it was read is not deleted under its new content.
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # A translated text field (`name`, with `name_en` and `name_ja`: django-modeltranslation)
        # keeps its own column, which the stored search documents read: it always holds the
        # record's language, English, whichever language the editor's page is in.
        with translation.override(settings.LANGUAGE_CODE):
            self._save_versioned(*args, **kwargs)

    def _save_versioned(self, *args, **kwargs):
        if self._state.adding or self.pk is None:
            super().save(*args, **kwargs)
            return
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            self._claim_next_version(using)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        """Delete this row, unless it was saved since this copy was read (StaleRecordError)."""
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            self._claim_next_version(using)
            return super().delete(*args, **kwargs)

    def _claim_next_version(self, using):
        rows = type(self)._base_manager.using(using).filter(pk=self.pk)
        claimed = rows.filter(version=self.version).update(version=F("version") + 1)
        if claimed:
            self.version += 1
        elif rows.exists():
            raise StaleRecordError()
        # No such row (a deleted record restored from its history, or a row already deleted):
        # nothing to claim; saved, or deleted, as it is.

    def stored_version(self):
        """The version now in the database (None for a row not saved yet)."""
        return type(self)._base_manager.filter(pk=self.pk).values_list("version", flat=True).first()


class HistoryWithLinks(HistoricalRecords):
    """A record's history that keeps its many-to-many links (`m2m_fields`) too.

    simple-history, keeping the links of a record whose history leaves a field out (a Versioned
    record's leaves out its version), reads the record back from the database once per link
    field on every save, only to find the field's link table: a query per field per row saved,
    on a page saving many rows. This keeps the same history without those reads.
    """

    def create_historical_record_m2ms(self, history_instance, instance):
        # With no fields left out, the library builds the record from the history entry alone.
        history_instance._history_excluded_fields = []
        try:
            super().create_historical_record_m2ms(history_instance, instance)
        finally:
            del history_instance._history_excluded_fields


class Change(NamedTuple):
    """One save or delete of a record, as its history tells it."""

    user: models.Model | None  # who made it; None where the history names no one
    at: datetime.datetime
    deleted: bool
    fields: list[str]  # the names of the fields it changed, in the model's order
    record: models.Model  # the record as it left it (built from the history entry, unsaved)


def changes_since(model, opened):
    """What happened to records of `model` after the moment each was opened, read from their
    history: {pk: [Change, ...]}, oldest first, each entry diffed against the one before it.

    `opened` is {pk: when it was opened}; a record opened at an unknown time (None) gets no
    changes. One query for the history of all of them, and one per many-to-many field it keeps.
    """
    since = {pk: at for pk, at in opened.items() if at is not None}
    if not since:
        return {}
    pk_name = model._meta.pk.name
    entries = list(
        model.history.filter(**{f"{pk_name}__in": list(since)})
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    links = _links(model, entries)
    changes, previous = {}, {}
    for entry in entries:
        pk = getattr(entry, pk_name)
        before, previous[pk] = previous.get(pk), entry
        if entry.history_date <= since[pk]:
            continue
        deleted = entry.history_type == "-"
        fields = [] if deleted or before is None else _changed_fields(model, entry, before, links)
        change = Change(
            entry.history_user, entry.history_date, deleted, fields, entry.history_object
        )
        changes.setdefault(pk, []).append(change)
    return changes


def _links(model, entries):
    """{many-to-many field name: {history id: ids it linked to}} for these history entries."""
    history = model.history.model
    ids = [entry.history_id for entry in entries]
    links = {}
    for field in history._history_m2m_fields:
        target = f"{get_m2m_reverse_field_name(field)}_id"
        rows = getattr(history, field.name).filter(history__in=ids).values_list("history", target)
        links[field.name] = {}
        for history_id, target_id in rows:
            links[field.name].setdefault(history_id, set()).add(target_id)
    return links


def _changed_fields(model, entry, before, links):
    # A translated field's English column repeats the field's own: one change, said once.
    english = [in_language(field, RECORD_LANGUAGE) for field in translated_fields(model)]
    excluded = [*links, *english]
    changed = set(entry.diff_against(before, excluded_fields=excluded).changed_fields)
    changed.update(
        name
        for name, linked in links.items()
        if linked.get(entry.history_id, set()) != linked.get(before.history_id, set())
    )
    return [field.name for field in model._meta.get_fields() if field.name in changed]


class CitedRecordQuerySet(models.QuerySet):
    """Deleting in bulk refuses rows that other records cite (see CitedRecord)."""

    def delete(self):
        refuse_delete_while_cited(self)
        return super().delete()


class CitedRecord(models.Model):
    """A record other records cite through many-to-many links, which the database would cut
    silently on delete (foreign keys are guarded by PROTECT; these links are not).

    A model names those links in `cited_by` (reverse many-to-many accessors). The check runs
    before Django's delete transaction starts, so a refusal leaves the surrounding transaction
    usable.
    """

    cited_by = ()

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        refuse_delete_while_cited([self])
        return super().delete(*args, **kwargs)

    def deletion_blockers(self):
        """The records citing this one (prefetched, for many, by `load_deletion_blockers`)."""
        return [blocker for name in self.cited_by for blocker in getattr(self, name).all()]


def load_deletion_blockers(records):
    """Fetch what cites each of these records in one query per kind of link, not per record."""
    records = list(records)
    if records:
        prefetch_related_objects(records, *type(records[0]).cited_by)
    return records


def refuse_delete_while_cited(records):
    records = load_deletion_blockers(records)
    blockers = {blocker for record in records for blocker in record.deletion_blockers()}
    if blockers:
        raise ProtectedError(
            _("Cannot delete: still cited by %(records)s.")
            % {"records": ", ".join(sorted(str(blocker) for blocker in blockers))},
            blockers,
        )


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    # Taken off the public record after publication: its address answers 410 Gone, saying so.
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PublicReadQuerySet(models.QuerySet):
    """A kind of row the public may read: `published()` is what the public sees of it, and
    every public page, feed, download and sitemap reads through it."""

    def published(self):
        raise NotImplementedError("Each public kind of row says what of it is published.")

    def visible_to(self, user):
        """What a detail page may show this user: published records, or drafts too for staff
        allowed to view this kind of record (the preview of a draft on its public page)."""
        if may_preview(user, self.model):
            return self.all()
        return self.published()


class PublishableQuerySet(PublicReadQuerySet):
    """Read paths shared by every record with a publication status of its own."""

    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)


def may_preview(user, model):
    """Whether this user may see drafts of this model on the public pages."""
    opts = model._meta
    return (
        user.is_active
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
    )


class Publishable(Versioned):
    """A record that stays a draft, unseen by the public, until staff publish it.

    Each concrete model declares a `publish_<model>` permission: who may publish and unpublish.
    Only `core.services.record_publish` and `record_unpublish` change the publication fields.
    """

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == PublicationStatus.PUBLISHED

    @property
    def is_withdrawn(self):
        return self.status == PublicationStatus.WITHDRAWN

    def linked_drafts(self):
        """The unpublished records this one shows or links on its public page, published with
        it in one action so that its page has no part silently missing. Models override."""
        return []


def is_public(record):
    """Whether the public sees this record, Publishable or a part of one: its model's own
    `published()` decides (a published declaration of a draft meeting is not public). One query."""
    return type(record).objects.published().filter(pk=record.pk).exists()


def published_related(model, relation):
    """The published rows at the other end of one of `model`'s relations, read through their
    own model's `published()`, whichever app defines it: how one app prefetches another's
    records without importing it."""
    return model._meta.get_field(relation).related_model.objects.published()


def is_public_any(record):
    """`is_public`, for any row: a kind of row with no published read path of its own (the
    network) is always public."""
    if not hasattr(type(record).objects, "published"):
        return True
    return is_public(record)


def review_owner(record):
    """The record whose public page shows this row: the row itself, or the record it is a
    part of (a participation's meeting, a clause's declaration, a citation's record's owner).
    Parts say so with an `owner_record()` method."""
    for _level in range(4):
        owner = record.owner_record() if hasattr(record, "owner_record") else None
        if owner is None:
            break
        record = owner
    return record


class RevisionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    OUTDATED = "outdated", _("Could not be applied")


class RevisionAction(models.TextChoices):
    CHANGE = "change", _("Change")
    ADD = "add", _("Addition")
    DELETE = "delete", _("Removal")


class RevisionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=RevisionStatus.PENDING)

    def about(self, record):
        return self.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk)
        )


class Revision(models.Model):
    """A change to the public record, held for a Publisher: the admin form as its author sent it
    (so approving it saves exactly what the author saw validated, through the same form) and what
    it changes, field by field, parts added and removed included. The public keeps seeing the
    approved record until it is approved."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("kind of record"), on_delete=models.PROTECT
    )
    object_id = models.CharField(_("record key"), max_length=40, blank=True)
    record_label = models.CharField(_("record"), max_length=300)
    action = models.CharField(
        _("action"), max_length=10, choices=RevisionAction.choices, default=RevisionAction.CHANGE
    )
    path = models.CharField(_("form address"), max_length=500)
    data = models.JSONField(_("form as sent"), default=list)
    diff = models.JSONField(_("what it changes"), default=list)
    note = models.CharField(
        _("note to the reviewer"),
        max_length=300,
        blank=True,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="revisions_made",
    )
    created_at = models.DateTimeField(_("made at"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RevisionStatus.choices,
        default=RevisionStatus.PENDING,
        db_index=True,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions_reviewed",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why it was rejected, or could not be applied.")
    )

    objects = RevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("change for review")
        verbose_name_plural = _("changes for review")
        ordering = ("-created_at", "-pk")
        permissions = [
            ("approve_revision", _("Can approve or reject changes to the public record")),
        ]

    def __str__(self):
        return f"{self.get_action_display()}: {self.record_label}"

    @property
    def is_pending(self):
        return self.status == RevisionStatus.PENDING


class ChangeKind(models.TextChoices):
    PUBLISHED = "published", _("First published")
    CORRECTED = "corrected", _("Corrected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REPUBLISHED = "republished", _("Published again")


class PublicChangeQuerySet(models.QuerySet):
    def about(self, record):
        """The entries of this record's page: changes to it and to the parts it shows."""
        content_type = ContentType.objects.get_for_model(record)
        key = str(record.pk)
        return self.filter(
            models.Q(content_type=content_type, object_id=key)
            | models.Q(owner_type=content_type, owner_id=key)
        ).order_by("made_at", "pk")


class PublicChange(QuickChoiceLabels):
    """One entry of the public change log: a publication, an approved correction or a
    withdrawal, with the one-line summary its Publisher wrote and, for text, the words removed
    and added."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("kind of record"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_id = models.CharField(_("record key"), max_length=40)
    owner_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("kind of page"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner_id = models.CharField(_("page record key"), max_length=40)
    record_label = models.CharField(_("record"), max_length=300)
    record_url = models.CharField(_("record address"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=ChangeKind.choices)
    summary = models.CharField(_("summary"), max_length=300)
    changes = models.JSONField(_("text changed"), default=list, blank=True)
    made_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revision = models.OneToOneField(
        Revision,
        verbose_name=_("change reviewed"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="public_change",
    )

    objects = PublicChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("public change")
        verbose_name_plural = _("public change log")
        ordering = ("-made_at", "-pk")
        indexes = [
            models.Index(fields=("content_type", "object_id"), name="change_record"),
            models.Index(fields=("owner_type", "owner_id"), name="change_owner"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.record_label}"

    def get_absolute_url(self):
        return reverse("public:change_detail", args=(self.pk,))
