"""Public pages of the plenary record: home, meetings, cities and joint projects."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from backoffice.views import DraftPreviewMixin
from contacts.models import InquiryContact
from declarations.models import Declaration
from public.mixins import FilterFormMixin, PageMixin

from . import schema_org
from .forms import MeetingFilterForm
from .models import City, JointProject, Network, PlenaryMeeting, PressRelease, ordinal


class HomeView(PageMixin, TemplateView):
    """What the network is, its members, the latest and next meeting, and its history."""

    nav_section = "home"
    template_name = "home.html"
    title = _("Asian Network of Major Cities 21")
    description = _(
        "The public record of the Asian Network of Major Cities 21 (ANMC21), established in "
        "2001: plenary meetings, declarations, member cities, joint projects and inquiry contacts."
    )

    def get_breadcrumbs(self):
        return []

    def get_structured_data(self):
        return schema_org.network(self.network, self.members, self.absolute_url)

    def get_context_data(self, **kwargs):
        self.network = Network.objects.main()
        self.members = City.objects.grouped_by_standing()
        return super().get_context_data(
            network=self.network,
            standing_groups=self.members,
            latest_meeting=PlenaryMeeting.objects.latest_held(),
            next_meeting=PlenaryMeeting.objects.next_announced(),
            timeline=PlenaryMeeting.objects.timeline(),
            **kwargs,
        )


class MeetingList(PageMixin, FilterFormMixin, ListView):
    """Every published meeting, newest first, narrowed by host city and year."""

    nav_section = "meetings"
    template_name = "plenaries/meeting_list.html"
    context_object_name = "meetings"
    filter_form_class = MeetingFilterForm
    title = _("Plenary meetings")
    description = _("Every plenary meeting of ANMC21, newest first, by host city and year.")

    def get_filter_form_kwargs(self):
        return {
            "cities": City.objects.hosts(),
            "years": PlenaryMeeting.objects.published().years(),
        }

    def get_queryset(self):
        return (
            PlenaryMeeting.objects.for_list()
            .filtered(city=self.filters.get("city"), year=self.filters.get("year"))
            .prefetch_related(
                Prefetch("declarations", queryset=Declaration.objects.published().order_by("title"))
            )
        )

    def get_structured_data(self):
        return schema_org.item_list(self.get_title(), self.object_list, self.absolute_url)


class MeetingDetail(DraftPreviewMixin, PageMixin, DetailView):
    """Everything the record holds about one plenary meeting."""

    nav_section = "meetings"
    template_name = "plenaries/meeting_detail.html"
    context_object_name = "meeting"
    slug_field = "number"
    slug_url_kwarg = "number"
    og_type = "article"

    def get_queryset(self):
        return (
            PlenaryMeeting.objects.visible_to(self.request.user)
            .for_detail()
            .prefetch_related(
                Prefetch(
                    "declarations",
                    queryset=Declaration.objects.published().select_related("adopted_in"),
                ),
                Prefetch(
                    "press_releases",
                    queryset=PressRelease.objects.published()
                    .select_related("issued_by", "issued_by__parent")
                    .prefetch_related(
                        Prefetch(
                            "contacts",
                            queryset=InquiryContact.objects.public().with_unit_path(),
                        )
                    ),
                ),
            )
        )

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
        return schema_org.meeting_event(self.object, Network.objects.main(), self.absolute_url)

    def get_context_data(self, **kwargs):
        meeting = self.object
        meetings = PlenaryMeeting.objects
        previous_meeting, next_meeting = meetings.neighbours(meeting)
        earlier = meetings.earlier_in_host_city(meeting)
        return super().get_context_data(
            participants_by_role=meeting.participants_by_role(),
            previous_meeting=previous_meeting,
            next_meeting=next_meeting,
            earlier_in_host_city=earlier,
            host_city_ordinal=ordinal(len(earlier) + 1),
            date_to_be_set=(
                meeting.is_announced_only
                and meeting.number > meetings.published().latest_dated_number()
            ),
            **kwargs,
        )


class CityList(PageMixin, TemplateView):
    """Member and observer cities, by their standing in the network."""

    nav_section = "cities"
    template_name = "plenaries/city_list.html"
    title = _("Cities")
    description = _("The member and observer cities of ANMC21 and their standing in the network.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            standing_groups=City.objects.grouped_by_standing(), **kwargs
        )


class CityDetail(PageMixin, DetailView):
    """A city's standing over time, the meetings it attended and hosted, its joint projects."""

    nav_section = "cities"
    template_name = "plenaries/city_detail.html"
    context_object_name = "city"

    def get_queryset(self):
        return City.objects.visible_to(self.request.user).for_detail()

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


class ProjectList(PageMixin, ListView):
    """Joint projects by area."""

    nav_section = "projects"
    template_name = "plenaries/project_list.html"
    context_object_name = "projects"
    title = _("Joint projects")
    description = _("The joint projects the ANMC21 cities carry out together, by area.")

    def get_queryset(self):
        return JointProject.objects.for_list()

    def get_structured_data(self):
        return schema_org.item_list(self.get_title(), self.object_list, self.absolute_url)


class ProjectDetail(PageMixin, DetailView):
    """A joint project: its cities, the meetings that reported on it, the clauses naming it."""

    nav_section = "projects"
    template_name = "plenaries/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return JointProject.objects.visible_to(self.request.user).for_detail()

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
