"""Staff entry of the network, its cities and meetings."""

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.utils.translation import gettext_lazy as _

from core.admin import (
    ImportExportRecordAdmin,
    PublishableAdminMixin,
    RecordAdmin,
    RowAutocompleteInlineMixin,
    VersionedInlineMixin,
)
from core.models import PublicationStatus

from .forms import (
    MeetingPartForm,
    MeetingPartFormSet,
    OutcomeForm,
    OutcomeFormSet,
    ParticipationForm,
    ParticipationFormSet,
)
from .models import (
    Attendance,
    Citation,
    City,
    JointProject,
    Membership,
    Network,
    Outcome,
    Participation,
    ParticipationRole,
    PlenaryMeeting,
    RelatedEvent,
    Source,
    Topic,
    change_standing_at,
    standings_at,
    tree_order,
)
from .resources import CityResource, ParticipationResource


class CitationInline(VersionedInlineMixin, RowAutocompleteInlineMixin, GenericTabularInline):
    """The sources a record cites: each supports it, or a field of it, or gives another value
    for a field (then the public page says that sources differ)."""

    model = Citation
    extra = 0
    fields = ("source", "field", "value", "note", "locator")
    autocomplete_fields = ("source",)
    verbose_name = _("source cited")
    verbose_name_plural = _("sources cited")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")


MEMBERSHIP_FIELDS = (
    "status",
    "founding_member",
    "since",
    "since_meeting",
    "until",
    "until_meeting",
    "note",
)


class MembershipInline(VersionedInlineMixin, RowAutocompleteInlineMixin, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("city", "since_meeting", "until_meeting")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("city", "since_meeting__host_city", "until_meeting__host_city")
        )


class CityMembershipInline(MembershipInline):
    """A city's standings, edited on the city's page; the network is the one there is."""

    fields = ("network", *MEMBERSHIP_FIELDS)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        network = Network.objects.main()
        if network is not None:
            formset.form.base_fields["network"].initial = network.pk
        return formset


@admin.register(Network)
class NetworkAdmin(RecordAdmin):
    list_display = ("name", "short_name", "founded_year")
    search_fields = ("name", "short_name")
    inlines = (MembershipInline, CitationInline)


@admin.register(City)
class CityAdmin(PublishableAdminMixin, ImportExportRecordAdmin):
    resource_classes = (CityResource,)
    list_display = ("name", "country", "status")
    list_filter = ("status", "country")
    search_fields = ("name", "country")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (CityMembershipInline, CitationInline)


@admin.register(Membership)
class MembershipAdmin(RecordAdmin):
    list_display = ("city", "status", "since", "until", "network")
    list_filter = ("status", "founding_member")
    list_select_related = ("city", "network")
    search_fields = ("city__name",)
    autocomplete_fields = ("city", "since_meeting", "until_meeting")
    inlines = (CitationInline,)


@admin.register(Topic)
class TopicAdmin(RecordAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


class ParticipationInline(VersionedInlineMixin, RowAutocompleteInlineMixin, admin.TabularInline):
    """The cities at a meeting. A new meeting's rows are its network's members and observers
    as of its dates, to confirm; the host's row follows the meeting's host city."""

    model = Participation
    form = ParticipationForm
    formset = ParticipationFormSet
    extra = 0
    autocomplete_fields = ("city",)
    fields = (
        "city",
        "role",
        "joins_as",
        "attendance",
        "representative",
        "representative_title",
        "representative_level",
        "delegation_size",
        "first_time",
        "note",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("city")


class MeetingPartInlineMixin:
    """An ordered inline of a meeting's parts: a new row is numbered after the last; a row is
    a part of another by that row's number on the page, so parts are entered with their
    parents in one save."""

    extra = 0

    class Media:
        js = ("js/admin/next-number.js",)


class OutcomeInline(
    VersionedInlineMixin, MeetingPartInlineMixin, RowAutocompleteInlineMixin, admin.TabularInline
):
    model = Outcome
    form = OutcomeForm
    formset = OutcomeFormSet
    fields = ("order", "kind", "text", "part_of", "event_row", "joint_projects")
    autocomplete_fields = ("joint_projects",)

    def get_ordering(self, request):
        return tree_order()

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("parent")
            .prefetch_related("joint_projects")
        )


class RelatedEventInline(VersionedInlineMixin, MeetingPartInlineMixin, admin.StackedInline):
    model = RelatedEvent
    form = MeetingPartForm
    formset = MeetingPartFormSet
    fields = (
        ("order", "name", "kind", "part_of"),
        ("dates", "first_time"),
        ("place", "audience"),
        "description",
    )

    def get_ordering(self, request):
        return tree_order()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent")


@admin.register(PlenaryMeeting)
class PlenaryMeetingAdmin(PublishableAdminMixin, RecordAdmin):
    list_display = ("number", "host_city", "year", "dates", "held", "status")
    list_display_links = ("number", "host_city")
    list_filter = ("status", "held", "year", ("host_city", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("host_city",)
    search_fields = ("=number", "host_city__name", "venue", "summary")
    autocomplete_fields = ("host_city", "announced_at")
    save_as = True
    save_on_top = True
    inlines = (ParticipationInline, OutcomeInline, RelatedEventInline, CitationInline)
    fieldsets = (
        (None, {"fields": ("number", "host_city")}),
        (_("When and where"), {"fields": ("dates", "venue", ("held", "announced_at"))}),
        (None, {"fields": ("participant_count", "summary")}),
    )

    def get_changeform_initial_data(self, request):
        """A new meeting: the next number; dates and host from the address, if given (the
        "Prefill the participants" form above the page)."""
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("number", PlenaryMeeting.objects.next_number())
        return initial

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        adding = obj is None or obj.pk is None
        if isinstance(inline, ParticipationInline) and adding and request.method == "GET":
            kwargs["initial"] = self.prefilled_participants(request)
        return kwargs

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        if (obj is None or obj.pk is None) and request.method == "GET":
            rows = len(self.prefilled_participants(request))
            for inline in inlines:
                if isinstance(inline, ParticipationInline):
                    inline.extra = rows
        return inlines

    def prefilled_participants(self, request):
        """The network's members and observers as of the dates in the address, each to
        confirm (once per request)."""
        if not hasattr(request, "prefilled_participants"):
            host = request.GET.get("host_city")
            request.prefilled_participants = [
                {
                    "city": city.pk,
                    "role": ParticipationRole.HOST if str(city.pk) == host else status,
                    "attendance": Attendance.ATTENDED,
                }
                for city, status in standings_at(request.GET.get("dates", ""))
            ]
        return request.prefilled_participants

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "prefill_dates": request.GET.get("dates", ""),
            "prefilled": len(self.prefilled_participants(request)),
        }
        return super().add_view(request, form_url, extra_context)

    def save_formset(self, request, form, formset, change):
        # "Save as new" starts next year's meeting from this one: the cities taking part carry
        # over, but outcomes and events are facts of the meeting they happened at.
        if "_saveasnew" in request.POST and formset.model in (Outcome, RelatedEvent):
            formset.save(commit=False)  # validated and reported on, but not copied
            return
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        """After the rows: the host's row follows the host city; parts and events named by
        row number are linked; cities joining at the meeting get their new standing; projects
        its outcomes name are reported at it."""
        super().save_related(request, form, formsets, change)
        meeting = form.instance
        meeting.set_host_participation()
        by_model = {formset.model: formset for formset in formsets}
        if "_saveasnew" not in request.POST:
            for model in (RelatedEvent, Outcome):
                if model in by_model:
                    by_model[model].link_parts()
            if Outcome in by_model and RelatedEvent in by_model:
                # By position on the page: a removed or empty row names no event.
                events = [
                    f.instance if f.cleaned_data and not f.cleaned_data.get("DELETE") else None
                    for f in by_model[RelatedEvent].forms
                ]
                by_model[Outcome].link_events(events)
        if Participation in by_model:
            for city, status in by_model[Participation].joinings():
                change_standing_at(meeting, city, status)
        # A draft source the meeting cites, about no meeting yet, is about this one.
        for citation in meeting.citations.select_related("source").filter(
            source__meeting__isnull=True, source__status=PublicationStatus.DRAFT
        ):
            citation.source.meeting = meeting
            citation.source.save()
        # A project an outcome names was reported at the meeting.
        reported = JointProject.objects.filter(outcomes__meeting=meeting).exclude(meetings=meeting)
        if reported:
            meeting.joint_projects.add(*reported.distinct())


@admin.register(Participation)
class ParticipationAdmin(ImportExportRecordAdmin):
    """Participations across meetings; mostly entered inline, imported and exported here."""

    resource_classes = (ParticipationResource,)
    list_display = ("meeting", "city", "role", "attendance", "first_time")
    list_filter = ("role", "attendance", "meeting__year", "first_time")
    list_select_related = ("meeting", "meeting__host_city", "city")
    search_fields = ("city__name", "meeting__host_city__name", "=meeting__number")
    autocomplete_fields = ("meeting", "city")


@admin.register(Outcome)
class OutcomeAdmin(RecordAdmin):
    """Outcomes are entered on their meeting's page; here their history can be seen."""

    list_display = ("__str__", "meeting", "kind", "order")
    list_filter = ("kind", "meeting__year")
    list_select_related = ("meeting", "meeting__host_city")
    search_fields = ("text",)
    autocomplete_fields = ("meeting", "joint_projects")
    raw_id_fields = ("parent", "related_event")


@admin.register(RelatedEvent)
class RelatedEventAdmin(RecordAdmin):
    """Related events are entered on their meeting's page; here their history can be seen."""

    list_display = ("name", "meeting", "kind", "dates")
    list_filter = ("kind", "meeting__year")
    list_select_related = ("meeting", "meeting__host_city")
    search_fields = ("name", "description")
    autocomplete_fields = ("meeting",)
    raw_id_fields = ("parent",)


@admin.register(JointProject)
class JointProjectAdmin(PublishableAdminMixin, RecordAdmin):
    list_display = ("name", "area", "status")
    list_filter = ("status", "area")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("cities", "meetings", "topics")


@admin.register(Source)
class SourceAdmin(PublishableAdminMixin, RecordAdmin):
    list_display = ("title", "kind", "date", "publisher", "meeting", "status")
    list_filter = ("status", "kind", "language")
    list_select_related = ("issued_by", "meeting", "meeting__host_city")
    search_fields = ("title", "publisher", "body", "url")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("issued_by", "meeting", "contacts")
    fieldsets = (
        (None, {"fields": ("kind", "title", "slug")}),
        (
            _("Where it comes from"),
            {"fields": ("publisher", "issued_by", ("date", "language"), "url", "meeting")},
        ),
        (None, {"fields": ("body", "contacts")}),
    )


@admin.register(Citation)
class CitationAdmin(RecordAdmin):
    """Citations are entered on the pages of the records they are about; listed here to see
    what a source supports."""

    list_display = ("source", "content_type", "object_id", "field", "value")
    list_filter = ("content_type", "field")
    list_select_related = ("source", "content_type")
    search_fields = ("source__title", "value", "note")
    autocomplete_fields = ("source",)
