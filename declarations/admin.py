"""Staff entry of declarations, clause by clause."""

from django.contrib import admin
from django.db.models import Prefetch

from core.admin import (
    PublishableAdminMixin,
    RecordAdmin,
    RowAutocompleteInlineMixin,
    VersionedInlineMixin,
)
from plenaries.admin import CitationInline
from plenaries.models import PlenaryMeeting

from .forms import DeclarationAdminForm
from .models import Clause, Declaration


class ClauseInline(VersionedInlineMixin, RowAutocompleteInlineMixin, admin.StackedInline):
    """Clauses in order; a clause added on the page is numbered after the last one."""

    model = Clause
    extra = 0
    fields = ("number", "text", "joint_projects", "topics", "meetings_named")
    autocomplete_fields = ("joint_projects", "topics", "meetings_named")

    class Media:
        js = ("js/admin/next-number.js",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("declaration")
            .prefetch_related(
                "joint_projects",
                "topics",
                Prefetch(
                    "meetings_named", queryset=PlenaryMeeting.objects.select_related("host_city")
                ),
            )
        )


@admin.register(Declaration)
class DeclarationAdmin(PublishableAdminMixin, RecordAdmin):
    form = DeclarationAdminForm
    list_display = ("title", "meeting", "adopted", "adopted_in", "status")
    list_filter = (
        "status",
        "meeting__year",
        ("meeting__host_city", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("meeting", "meeting__host_city", "adopted_in")
    search_fields = ("title", "preamble", "clauses__text")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("meeting", "adopted_in", "signatories")
    save_as = True
    inlines = (ClauseInline, CitationInline)


@admin.register(Clause)
class ClauseAdmin(RecordAdmin):
    list_display = ("declaration", "number", "text")
    list_select_related = ("declaration",)
    search_fields = ("text", "declaration__title")
    autocomplete_fields = ("declaration", "joint_projects", "topics", "meetings_named")
