"""Staff entry of organisation units and inquiry contacts."""

from django.contrib import admin

from core.admin import ImportExportRecordAdmin, RecordAdmin

from .models import InquiryContact, OrganisationUnit
from .resources import InquiryContactResource


@admin.register(OrganisationUnit)
class OrganisationUnitAdmin(RecordAdmin):
    list_display = ("name", "kind", "parent")
    list_filter = ("kind",)
    list_select_related = ("parent",)
    search_fields = ("name", "parent__name")
    autocomplete_fields = ("parent", "city")


@admin.register(InquiryContact)
class InquiryContactAdmin(ImportExportRecordAdmin):
    resource_classes = (InquiryContactResource,)
    list_display = ("person", "unit", "phone", "language", "is_public")
    list_filter = ("is_public", "language")
    list_select_related = ("unit",)
    search_fields = ("person", "unit__name", "unit__parent__name", "phone", "email")
    autocomplete_fields = ("unit", "topics")
