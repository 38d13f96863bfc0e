"""Staff entry of the network, its cities and meetings."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .forms import ParticipationFormSet
from .models import (
    City,
    JointProject,
    Membership,
    Network,
    Outcome,
    Participation,
    PlenaryMeeting,
    PressRelease,
    RelatedEvent,
    Topic,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("city",)


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "founded_year")
    search_fields = ("name", "short_name")
    inlines = (MembershipInline,)


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "status")
    list_filter = ("status", "country")
    search_fields = ("name", "country")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("city", "status", "since_year", "until_year", "network")
    list_filter = ("status",)
    list_select_related = ("city", "network")
    search_fields = ("city__name",)
    autocomplete_fields = ("city",)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


class ParticipationInline(admin.TabularInline):
    model = Participation
    formset = ParticipationFormSet
    extra = 0
    autocomplete_fields = ("city",)


class OutcomeInline(admin.TabularInline):
    model = Outcome
    extra = 0
    fields = ("order", "kind", "text", "parent", "related_event")
    ordering = ("parent__order", "parent", "order")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Offer only this meeting's top-level outcomes and its events as parents and links.
        meeting_id = request.resolver_match.kwargs.get("object_id")
        if db_field.name == "parent":
            kwargs["queryset"] = Outcome.objects.filter(meeting_id=meeting_id, parent__isnull=True)
        if db_field.name == "related_event":
            kwargs["queryset"] = RelatedEvent.objects.filter(meeting_id=meeting_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RelatedEventInline(admin.StackedInline):
    model = RelatedEvent
    extra = 0
    fields = (
        ("order", "name", "kind", "parent"),
        ("start_date", "end_date", "first_time"),
        ("place", "audience"),
        "description",
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            meeting_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = RelatedEvent.objects.filter(
                meeting_id=meeting_id, parent__isnull=True
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(PlenaryMeeting)
class PlenaryMeetingAdmin(admin.ModelAdmin):
    list_display = ("number", "host_city", "year", "start_date", "end_date", "status")
    list_display_links = ("number", "host_city")
    list_filter = ("status", "year", "host_city")
    list_select_related = ("host_city",)
    search_fields = ("=number", "host_city__name", "venue", "summary")
    autocomplete_fields = ("host_city",)
    date_hierarchy = "start_date"
    inlines = (ParticipationInline, OutcomeInline, RelatedEventInline)
    fieldsets = (
        (None, {"fields": ("number", "host_city", "year", "status")}),
        (_("When and where"), {"fields": (("start_date", "end_date"), "venue")}),
        (None, {"fields": ("summary",)}),
    )


@admin.register(JointProject)
class JointProjectAdmin(admin.ModelAdmin):
    list_display = ("name", "area", "status")
    list_filter = ("status", "area")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("cities", "meetings", "topics")


@admin.register(PressRelease)
class PressReleaseAdmin(admin.ModelAdmin):
    list_display = ("title", "date", "issued_by", "meeting", "status")
    list_filter = ("status", "date")
    list_select_related = ("issued_by", "meeting", "meeting__host_city")
    search_fields = ("title", "body")
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("issued_by", "meeting", "contacts")
