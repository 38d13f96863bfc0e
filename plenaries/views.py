"""Public pages of the plenary record: meetings, cities and joint projects."""

from django.db.models import prefetch_related_objects
from django.http import Http404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import cache_control
from django.views.generic import ListView, TemplateView

from core import downloads
from core.cache import dated_by_record_version
from core.licence import licensed_view
from core.pages import (
    CountedPaginator,
    FilterFormMixin,
    PagedListMixin,
    PageMixin,
    RecordCitation,
    RecordDownload,
    RecordJson,
    RecordPage,
)
from core.schema_org import item_list

from . import calendar, opendata, schema_org
from .forms import MeetingFilterForm
from .models import (
    STANDING_LABELS,
    City,
    JointProject,
    MeetingSurroundings,
    PlenaryMeeting,
    RelatedEvent,
    Source,
    StandingGroup,
    attach_published_citations,
    meeting_page_parts,
    meeting_parts,
    ordinal,
)


class MeetingList(PagedListMixin, FilterFormMixin, PageMixin, ListView):
    """Every published meeting, newest first, narrowed by host city and year."""

    nav_section = "meetings"
    template_name = "plenaries/meeting_list.html"
    context_object_name = "meetings"
    filter_form_class = MeetingFilterForm
    title = _("Plenary meetings")
    description = _("Every plenary meeting of ANMC21, newest first, by host city and year.")
    keeps_body = True

    def get_filter_form_kwargs(self):
        return {
            "cities": City.objects.hosts(),
            "years": PlenaryMeeting.objects.published().years(),
        }

    def get_queryset(self):
        return PlenaryMeeting.objects.for_list().filtered(
            city=self.filters.get("city"), year=self.filters.get("year")
        )

    def get_structured_data(self):
        return item_list(self.get_title(), self.shown, self.absolute_url)


class MeetingDetail(RecordPage):
    """Everything the record holds about one plenary meeting."""

    model = PlenaryMeeting
    nav_section = "meetings"
    template_name = "plenaries/meeting_detail.html"
    context_object_name = "meeting"
    slug_field = "number"
    slug_url_kwarg = "number"
    # Its parts (participants, outcomes, events, sources...) are many rows to read and render.
    keeps_body = True

    def get_queryset(self):
        return super().get_queryset().select_related("host_city")

    def get_object(self, queryset=None):
        """The meeting, the meetings around it and the network's name in one query, then its
        parts; a meeting not found is looked up as usual (404, or 410 if withdrawn)."""
        if queryset is not None:
            return super().get_object(queryset)
        number = self.kwargs["number"]
        self.surroundings = MeetingSurroundings.of(list(self.get_queryset().around(number)), number)
        if self.surroundings is None:
            return super().get_object()
        meeting = self.record_found(self.surroundings.meeting)
        parts = [*meeting_parts(citations=False), *meeting_page_parts()]
        prefetch_related_objects([meeting], *parts)
        attach_published_citations([meeting, *meeting.participations.all()])
        return meeting

    def get_title(self):
        return self.object.full_title

    def get_description(self):
        meeting = self.object
        return gettext(
            "The record of the ANMC21 %(title)s, %(city)s, %(year)s: participants, outcomes, "
            "related events and declaration."
        ) % {"title": meeting.title, "city": meeting.host_city.name, "year": meeting.year}

    def get_breadcrumbs(self):
        return [
            (_("Plenary meetings"), reverse("plenaries:meeting_list")),
            (self.object.title, None),
        ]

    def get_structured_data(self):
        meeting = self.object
        return schema_org.meeting_event(meeting, meeting.organising_network(), self.absolute_url)

    def get_context_data(self, **kwargs):
        if self.body_is_kept():
            return super().get_context_data(**kwargs)
        meeting = self.object
        earlier = self.surroundings.earlier_in_host_city
        return super().get_context_data(
            participants_by_role=meeting.participants_by_role(),
            absentees=meeting.absentees(),
            previous_meeting=self.surroundings.previous,
            next_meeting=self.surroundings.next,
            earlier_in_host_city=earlier,
            host_city_ordinal=ordinal(len(earlier) + 1),
            citation=f"ANMC21 {meeting.title}, {meeting.host_city.name}, {meeting.dates_in_words}",
            **kwargs,
        )


class MeetingJson(RecordJson):
    """One meeting as JSON: as in the open data download, on its own."""

    model = PlenaryMeeting
    slug_field = "number"
    slug_url_kwarg = "number"

    def get_queryset(self):
        return super().get_queryset().with_parts()

    def get_filename(self):
        return f"anmc21-plenary-{self.object.number}.json"

    def get_data(self):
        return opendata.meeting(self.object, self.request.build_absolute_uri)


class CityList(PageMixin, TemplateView):
    """Member and observer cities, by their standing in the network."""

    nav_section = "cities"
    template_name = "plenaries/city_list.html"
    title = _("Cities")
    description = _("The member and observer cities of ANMC21 and their standing in the network.")

    # Cities listed per standing on the first page; `?standing=` lists one standing, in pages.
    per_group = 50
    paginate_by = 100
    keeps_body = True

    def get_context_data(self, **kwargs):
        if self.body_is_kept():
            return super().get_context_data(**kwargs)
        standing = self.request.GET.get("standing")
        if standing is None:
            return super().get_context_data(
                standing_groups=City.objects.grouped_by_standing(self.per_group, standings=True),
                per_group=self.per_group,
                per_group_slice=f":{self.per_group}",
                **kwargs,
            )
        cities = City.objects.of_standing(standing)
        page = CountedPaginator(
            cities if cities is not None else City.objects.none(), self.paginate_by
        )
        page = page.get_page(self.request.GET.get("page"))
        if not page.paginator.count:
            raise Http404(gettext("There are no cities of that standing."))
        group = StandingGroup(
            standing, STANDING_LABELS[standing], page.object_list, page.paginator.count
        )
        return super().get_context_data(
            standing_groups=[group],
            page_obj=page,
            one_standing=group,
            per_group_slice=":",
            **kwargs,
        )


class CityDetail(RecordPage):
    """A city's standing over time, the meetings it attended and hosted, its joint projects."""

    model = City
    nav_section = "cities"
    template_name = "plenaries/city_detail.html"
    context_object_name = "city"
    og_type = "website"
    # Its standings, meetings, projects and declarations, with their sources.
    keeps_body = True

    def get_queryset(self):
        return super().get_queryset().for_detail()

    def get_title(self):
        return self.object.name

    def get_description(self):
        return gettext(
            "%(city)s in ANMC21: its standing in the network, the plenary meetings it attended "
            "and hosted, and its joint projects."
        ) % {"city": self.object.name}

    def get_breadcrumbs(self):
        return [(_("Cities"), reverse("plenaries:city_list")), (self.object.name, None)]

    def get_structured_data(self):
        return schema_org.city(self.object)


class ProjectList(PagedListMixin, PageMixin, ListView):
    """Joint projects by area."""

    nav_section = "projects"
    template_name = "plenaries/project_list.html"
    context_object_name = "projects"
    title = _("Joint projects")
    description = _("The joint projects the ANMC21 cities carry out together, by area.")

    keeps_body = True

    def get_queryset(self):
        return JointProject.objects.for_list()

    def get_structured_data(self):
        return item_list(self.get_title(), self.shown, self.absolute_url)


class ProjectDetail(RecordPage):
    """A joint project: its cities, the meetings that reported on it, the clauses naming it."""

    model = JointProject
    nav_section = "projects"
    template_name = "plenaries/project_detail.html"
    context_object_name = "project"
    og_type = "website"
    # Its cities, meetings and the clauses naming it.
    keeps_body = True

    def get_queryset(self):
        return super().get_queryset().for_detail()

    def get_title(self):
        return self.object.name

    def get_description(self):
        return gettext(
            "%(project)s, an ANMC21 joint project (%(area)s): its cities, the meetings that "
            "reported on it and the declaration clauses that name it."
        ) % {"project": self.object.name, "area": self.object.get_area_display()}

    def get_breadcrumbs(self):
        return [(_("Joint projects"), reverse("plenaries:project_list")), (self.object.name, None)]

    def get_structured_data(self):
        return schema_org.project(self.object, self.absolute_url)


class SourceList(PagedListMixin, PageMixin, ListView):
    """The documents the record is taken from, newest first."""

    nav_section = "data"
    template_name = "plenaries/source_list.html"
    context_object_name = "sources"
    title = _("Sources")
    description = _(
        "The documents the ANMC21 record is taken from: press releases, news items and web "
        "pages, with our copy of their text where we hold one."
    )

    keeps_body = True

    def get_queryset(self):
        return (
            Source.objects.published()
            .select_related("issued_by", "meeting")
            .order_by("-date_earliest", "title")
        )

    def get_structured_data(self):
        return item_list(self.get_title(), self.shown, self.absolute_url)


class SourceDetail(RecordPage):
    """A source: where it comes from, our copy of its text, and the facts it supports."""

    model = Source
    nav_section = "data"
    template_name = "plenaries/source_detail.html"
    context_object_name = "source"

    def get_queryset(self):
        return super().get_queryset().for_detail()

    def get_title(self):
        return self.object.title

    def get_description(self):
        source = self.object
        text = gettext("%(kind)s, %(who)s: the source and what the ANMC21 record takes from it.")
        return text % {
            "kind": source.get_kind_display(),
            "who": source.label,
        }

    def get_breadcrumbs(self):
        return [(_("Sources"), reverse("plenaries:source_list")), (self.object.title, None)]

    def get_structured_data(self):
        return schema_org.source(self.object, self.absolute_url)

    def get_context_data(self, **kwargs):
        return super().get_context_data(supports=self.object.supports(), **kwargs)


class MeetingCalendar(RecordDownload):
    """One meeting and its related events as an iCalendar file."""

    model = PlenaryMeeting
    slug_field = "number"
    slug_url_kwarg = "number"

    def get_queryset(self):
        return super().get_queryset().with_parts()

    def get_file(self):
        body = calendar.meeting_calendar(self.object, self.request.build_absolute_uri)
        return body, calendar.CONTENT_TYPE, f"anmc21-plenary-{self.object.number}.ics"


class EventCalendar(RecordDownload):
    """One related event of a meeting as an iCalendar file."""

    model = RelatedEvent
    pk_url_kwarg = "pk"

    def get_queryset(self):
        return (
            RelatedEvent.objects.visible_to(self.request.user)
            .filter(meeting__number=self.kwargs["number"])
            .select_related("meeting", "meeting__host_city")
        )

    def get_file(self):
        body = calendar.event_calendar(self.object, self.request.build_absolute_uri)
        return body, calendar.CONTENT_TYPE, f"anmc21-event-{self.object.pk}.ics"


@licensed_view
@method_decorator(cache_control(public=True, max_age=300), name="dispatch")
@method_decorator(dated_by_record_version, name="get")
class MeetingsCalendar(View):
    """Every published meeting in one calendar to subscribe to (a file per record version)."""

    def get(self, request):
        return downloads.serve(request, calendar.MEETINGS_CALENDAR)


class MeetingCitation(RecordCitation):
    """How to cite a meeting, in BibTeX, RIS or CSL-JSON."""

    model = PlenaryMeeting
    slug_field = "number"
    slug_url_kwarg = "number"

    def get_queryset(self):
        return super().get_queryset().select_related("host_city")

    def get_work(self):
        return opendata.meeting_work(self.object, self.request.build_absolute_uri)
