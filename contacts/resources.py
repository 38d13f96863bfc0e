"""Import and export of inquiry contacts (django-import-export)."""

from import_export import fields

from core.imports import CachedForeignKeyWidget, CachedManyToManyWidget, RecordResource
from plenaries.models import Topic

from .models import InquiryContact, OrganisationUnit


class InquiryContactResource(RecordResource):
    """A contact: the unit by its name, topics by their slugs separated by "|"."""

    unit = fields.Field(
        attribute="unit",
        column_name="unit",
        widget=CachedForeignKeyWidget(OrganisationUnit, "name"),
    )
    topics = fields.Field(
        attribute="topics",
        column_name="topics",
        widget=CachedManyToManyWidget(Topic, field="slug", separator="|"),
    )

    class Meta:
        model = InquiryContact
        fields = (
            "person", "unit", "phone", "phone_region", "email", "language", "topics", "is_public",
        )  # fmt: skip
        import_id_fields = ("person", "unit")
