"""Organisation units and the people in them whom the public may ask."""

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.languages import LanguageChoice
from core.models import (
    CitedRecord,
    CitedRecordQuerySet,
    HistoryWithLinks,
    PublicReadQuerySet,
    Versioned,
)
from core.search import SearchableQuerySet, search_document_field
from plenaries.models import Source, Topic


class UnitKind(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    HEADQUARTERS = "headquarters", _("Headquarters")
    DIVISION = "division", _("Division")
    SECTION = "section", _("Section")
    SECRETARIAT = "secretariat", _("Secretariat")


class OrganisationUnit(Versioned):
    """A body in a hierarchy: government → headquarters → division → section."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    city = models.ForeignKey(
        "plenaries.City",
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisation_units",
    )
    # Its contacts are found by its name.
    search_document = search_document_field("name_en", "name_ja")

    history = HistoricalRecords(excluded_fields=["version", "search_document"])

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(
                fields=("parent", "name"),
                name="unit_name_unique_within_parent",
                violation_error_message=_("A unit of this name already exists here."),
            ),
            models.UniqueConstraint(
                fields=("name",),
                condition=Q(parent__isnull=True),
                name="top_unit_name_unique",
                violation_error_message=_("A top-level unit of this name already exists."),
            ),
        ]

    def __str__(self):
        return self.name

    def ancestors(self):
        """Units from the top of the hierarchy down to this one (inclusive)."""
        chain, unit, seen = [], self, set()
        while unit is not None and unit.pk not in seen:
            seen.add(unit.pk)
            chain.append(unit)
            unit = unit.parent
        return list(reversed(chain))

    @property
    def path(self):
        return " → ".join(unit.name for unit in self.ancestors())

    def clean(self):
        if self.parent_id and self.pk:
            unit = self.parent
            while unit is not None:
                if unit.pk == self.pk:
                    raise ValidationError({"parent": _("A unit cannot be part of itself.")})
                unit = unit.parent


def parse_phone(number, region=None):
    """Parse a phone number as written (local or international); ValidationError if invalid."""
    try:
        parsed = phonenumbers.parse(number, region or settings.DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(_("Enter a phone number, such as 03-5388-2234.")) from exc
    if not phonenumbers.is_valid_number(parsed):
        raise ValidationError(
            _("“%(number)s” is not a valid phone number."), params={"number": number}
        )
    return parsed


# How far up the unit hierarchy a contact's unit is followed: government → section is four.
UNIT_DEPTH = 4
UNIT_LOOKUPS = tuple("unit" + "__parent" * level for level in range(UNIT_DEPTH))


class InquiryContactQuerySet(CitedRecordQuerySet, SearchableQuerySet, PublicReadQuerySet):
    # Found by its units' names too: their stored documents are added at query time.
    search_documents = (
        "search_document",
        *(f"{lookup}__search_document" for lookup in UNIT_LOOKUPS),
    )

    def published(self):
        """Contacts staff have marked to be shown publicly."""
        return self.filter(is_public=True)

    def in_unit_named(self, text, kind=None):
        """Contacts in, or below, a unit whose name contains `text` (of one kind, if given)."""
        condition = Q()
        for lookup in UNIT_LOOKUPS:
            level = Q(**{f"{lookup}__name__icontains": text})
            if kind:
                level &= Q(**{f"{lookup}__kind": kind})
            condition |= level
        return self.filter(condition)

    def for_meeting(self, number):
        """Contacts named in a published press release about this published meeting."""
        return self.filter(
            sources__in=Source.objects.published().filter(meeting__number=number)
        ).distinct()

    def filtered(
        self, *, name="", section="", division="", organisation="", meeting=None, topic=""
    ):
        """Narrow by the lookup's filters; empty ones leave the list as it is."""
        contacts = self
        if name:
            contacts = contacts.filter(person__icontains=name)
        if section:
            contacts = contacts.in_unit_named(section, kind=UnitKind.SECTION)
        if division:
            contacts = contacts.in_unit_named(division, kind=UnitKind.DIVISION)
        if organisation:
            contacts = contacts.in_unit_named(organisation)
        if meeting:
            contacts = contacts.for_meeting(meeting)
        if topic:
            contacts = contacts.filter(topics__slug=topic).distinct()
        return contacts

    def for_lookup(self):
        """Public contacts with what the lookup shows: unit path, topics, published meetings."""
        return (
            self.published()
            .with_unit_path()
            .prefetch_related(
                "topics",
                models.Prefetch(
                    "sources",
                    queryset=Source.objects.published()
                    .filter(meeting__isnull=False)
                    .select_related("meeting", "meeting__host_city"),
                    to_attr="public_sources",
                ),
            )
            .order_by("person", "pk")
        )

    def searchable(self):
        return self.published().with_unit_path()

    def with_unit_path(self):
        """Load the unit and three levels above it, enough for government → section."""
        return self.select_related(
            "unit", "unit__parent", "unit__parent__parent", "unit__parent__parent__parent"
        )


class InquiryContact(CitedRecord, Versioned):
    """A person the public may ask, in a unit, with a phone number and a language."""

    person = models.CharField(_("person"), max_length=200)
    unit = models.ForeignKey(
        OrganisationUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="contacts"
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        help_text=_("As written, local or international: 03-5388-2234 or +81 3 5388 2234."),
    )
    phone_region = models.CharField(
        _("phone region"),
        max_length=2,
        default="JP",
        help_text=_("Two-letter country code used to read a local number (JP for Japan)."),
    )
    phone_e164 = models.CharField(_("phone (international)"), max_length=20, editable=False)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(
        _("answers in"),
        max_length=5,
        choices=LanguageChoice.choices,
        default=LanguageChoice.JAPANESE,
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="contacts"
    )
    is_public = models.BooleanField(
        _("shown publicly"), default=False, help_text=_("Only public contacts appear on the site.")
    )

    # Press releases name their contacts: a named contact is not deleted under them.
    cited_by = ("sources",)
    search_document = search_document_field("person")

    objects = InquiryContactQuerySet.as_manager()
    history = HistoryWithLinks(
        excluded_fields=["version", "search_document"], m2m_fields=["topics"]
    )

    class Meta:
        verbose_name = _("inquiry contact")
        verbose_name_plural = _("inquiry contacts")
        ordering = ("person",)
        constraints = [
            models.CheckConstraint(
                condition=Q(phone_e164__startswith="+"),
                name="contact_phone_international",
                violation_error_message=_("Enter a valid phone number."),
            ),
            models.UniqueConstraint(
                fields=("person", "unit"),
                name="contact_unique_person_in_unit",
                violation_error_message=_("This person is already a contact in this unit."),
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.unit})"

    def save(self, *args, **kwargs):
        self.phone_e164 = phonenumbers.format_number(
            parse_phone(self.phone, self.phone_region), phonenumbers.PhoneNumberFormat.E164
        )
        super().save(*args, **kwargs)

    def clean(self):
        try:
            parsed = parse_phone(self.phone, self.phone_region)
        except ValidationError as exc:
            raise ValidationError({"phone": exc.messages}) from exc
        # Derived here too, so that full_clean() checks the constraint on the real value.
        self.phone_e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)

    @property
    def phone_international(self):
        """The number for callers from abroad: +81 3-5388-2234."""
        return phonenumbers.format_number(
            phonenumbers.parse(self.phone_e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )

    @property
    def tel_url(self):
        return f"tel:{self.phone_e164}"

    def public_meetings(self):
        """Published meetings this contact answers for, through published press releases.

        Reads `public_sources` as loaded by `for_lookup()`.
        """
        meetings = {source.meeting.pk: source.meeting for source in self.public_sources}
        return sorted(meetings.values(), key=lambda meeting: -meeting.number)
