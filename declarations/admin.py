"""Staff entry of declarations, clause by clause."""

from django.contrib import admin

from .models import Clause, Declaration


class ClauseInline(admin.StackedInline):
    model = Clause
    extra = 0
    fields = ("number", "text", "joint_projects", "topics", "meetings_named")
    autocomplete_fields = ("joint_projects", "topics", "meetings_named")


@admin.register(Declaration)
class DeclarationAdmin(admin.ModelAdmin):
    list_display = ("title", "meeting", "adopted_on", "adopted_in", "status")
    list_filter = ("status", "adopted_on")
    list_select_related = ("meeting", "meeting__host_city", "adopted_in")
    search_fields = ("title", "preamble", "clauses__text")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("meeting", "adopted_in", "signatories")
    date_hierarchy = "adopted_on"
    inlines = (ClauseInline,)


@admin.register(Clause)
class ClauseAdmin(admin.ModelAdmin):
    list_display = ("declaration", "number", "text")
    list_select_related = ("declaration",)
    search_fields = ("text", "declaration__title")
    autocomplete_fields = ("declaration", "joint_projects", "topics", "meetings_named")
