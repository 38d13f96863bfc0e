"""The read-only API: a list and a detail view of each kind of public record, each reading
through its model's `published()` (whoever asks: staff previews belong to the site's pages,
never to the API), in a fixed number of queries per page."""

from django.conf import settings
from django.db.models import Prefetch
from django.http import JsonResponse
from django.urls import reverse as reverse_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.defaults import page_not_found
from django.views.generic import TemplateView
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView
from rest_framework.viewsets import ReadOnlyModelViewSet

from contacts.models import InquiryContact
from core.cache import remembered
from core.licence import add_licence_link, data_licence
from core.pages import PageMixin
from declarations.models import Clause, Declaration
from plenaries.models import (
    City,
    JointProject,
    Membership,
    Outcome,
    Participation,
    PlenaryMeeting,
    RelatedEvent,
    Source,
    Topic,
)

from . import filters
from . import serializers as api


class Licensed:
    """Every answer names the data licence in its `Link` header, and gives the record's text
    in English (its `_ja` fields in Japanese), whatever language the client prefers."""

    def dispatch(self, request, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return add_licence_link(response)


class RecordViewSet(Licensed, ReadOnlyModelViewSet):
    """A kind of record: its list (filtered, paged) and each one by its id."""

    detail_serializer_class = None

    def get_serializer_class(self):
        if self.action == "retrieve" and self.detail_serializer_class:
            return self.detail_serializer_class
        return self.serializer_class

    def list(self, request, *args, **kwargs):
        # Published records only, the same for every reader: a page of the list is worked out
        # once per record version (its links are absolute: the site's address is in the key).
        listed = super().list
        site = f"{request.scheme}://{request.get_host()}"
        data = remembered(
            f"api:{site}{request.get_full_path()}",
            lambda: listed(request, *args, **kwargs).data,
            request,
        )
        return Response(data)


def published_meetings():
    return PlenaryMeeting.objects.published().order_by("number")


def published_cities():
    return City.objects.published().order_by("name")


def clauses_named():
    """A clause's named projects, topics and meetings, published ones only (without their
    search documents, which no answer shows)."""
    return (
        Prefetch(
            "joint_projects",
            queryset=JointProject.objects.published().defer("search_document").order_by("name"),
        ),
        "topics",
        Prefetch("meetings_named", queryset=published_meetings().defer("search_document")),
    )


@extend_schema(tags=["meetings"])
class MeetingViewSet(RecordViewSet):
    """Plenary meetings, oldest first; one with its participants, outcomes, related events,
    declarations, joint projects and sources."""

    serializer_class = api.MeetingSerializer
    detail_serializer_class = api.MeetingDetailSerializer
    filterset_class = filters.MeetingFilter
    lookup_field = "number"

    def get_queryset(self):
        meetings = PlenaryMeeting.objects.published().order_by("number")
        if self.action != "retrieve":
            return meetings.select_related("host_city", "announced_at")
        events = RelatedEvent.objects.select_related("meeting")
        return meetings.select_related("host_city", "announced_at").prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.of_published_cities()
                .select_related("city")
                .order_by("city__name"),
            ),
            Prefetch(
                "outcomes",
                queryset=Outcome.objects.filter(parent__isnull=True).prefetch_related("children"),
                to_attr="top_outcomes",
            ),
            Prefetch(
                "events",
                queryset=events.filter(parent__isnull=True).prefetch_related(
                    Prefetch("children", queryset=events)
                ),
                to_attr="top_events",
            ),
            Prefetch(
                "declarations",
                queryset=Declaration.objects.published().order_by("adopted_earliest", "title"),
            ),
            Prefetch("joint_projects", queryset=JointProject.objects.published().order_by("name")),
            Prefetch("sources", queryset=Source.objects.published().order_by("date_earliest")),
        )


@extend_schema(tags=["meetings"])
class ParticipationViewSet(RecordViewSet):
    """Cities at meetings, in a role, with their attendance and representative."""

    serializer_class = api.ParticipationSerializer
    filterset_class = filters.ParticipationFilter

    def get_queryset(self):
        return (
            Participation.objects.published()
            .select_related("meeting", "city")
            .order_by("meeting__number", "city__name", "pk")
        )


@extend_schema(tags=["meetings"])
class EventViewSet(RecordViewSet):
    """Events held with or around meetings (exhibitions, receptions, seminars...) and their
    parts."""

    serializer_class = api.EventSerializer
    filterset_class = filters.EventFilter

    def get_queryset(self):
        return (
            RelatedEvent.objects.published()
            .select_related("meeting")
            .order_by("meeting__number", "parent_id", "order", "pk")
        )


@extend_schema(tags=["cities"])
class CityViewSet(RecordViewSet):
    """Cities, by name, with their standing in the network over time."""

    serializer_class = api.CitySerializer
    filterset_class = filters.CityFilter
    lookup_field = "slug"

    def get_queryset(self):
        return (
            City.objects.published()
            .prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=Membership.objects.select_related("since_meeting", "until_meeting"),
                )
            )
            .order_by("name")
        )


@extend_schema(tags=["cities"])
class MembershipViewSet(RecordViewSet):
    """Cities' standings in the network over time (member, observer; since, until)."""

    serializer_class = api.MembershipSerializer
    filterset_class = filters.MembershipFilter

    def get_queryset(self):
        return (
            Membership.objects.published()
            .select_related("city", "since_meeting", "until_meeting")
            .order_by("city__name", "since_earliest", "pk")
        )


@extend_schema(tags=["declarations"])
class DeclarationViewSet(RecordViewSet):
    """Declarations, oldest first, each with its clauses."""

    serializer_class = api.DeclarationSerializer
    filterset_class = filters.DeclarationFilter
    lookup_field = "slug"

    def get_queryset(self):
        return (
            Declaration.objects.published()
            .select_related("meeting", "adopted_in")
            .prefetch_related(
                Prefetch("signatories", queryset=published_cities()),
                Prefetch(
                    "clauses",
                    # Each clause's declaration is set to the one being read (not selected
                    # again), with its meeting and place.
                    queryset=Clause.objects.prefetch_related(*clauses_named()),
                ),
            )
            .order_by("adopted_earliest", "title")
        )


@extend_schema(tags=["declarations"])
class ClauseViewSet(RecordViewSet):
    """Declaration clauses, the unit people cite; one is named by its declaration and number."""

    serializer_class = api.ClauseSerializer
    filterset_class = filters.ClauseFilter

    def get_queryset(self):
        return (
            Clause.objects.published()
            .select_related("declaration", "declaration__meeting", "declaration__adopted_in")
            .defer(
                "search_document",
                "declaration__search_document",
                "declaration__meeting__search_document",
                "declaration__adopted_in__search_document",
            )
            .prefetch_related(*clauses_named())
            .order_by("declaration__adopted_earliest", "declaration__title", "number")
        )

    def get_object(self):
        clause = (
            self.get_queryset()
            .filter(declaration__slug=self.kwargs["slug"], number=self.kwargs["number"])
            .first()
        )
        if clause is None:
            raise NotFound("No such clause.")
        return clause


@extend_schema(tags=["projects"])
class ProjectViewSet(RecordViewSet):
    """Joint projects, by area and name, with their cities, meetings and topics."""

    serializer_class = api.ProjectSerializer
    filterset_class = filters.ProjectFilter
    lookup_field = "slug"

    def get_queryset(self):
        return (
            JointProject.objects.published()
            .prefetch_related(
                Prefetch("cities", queryset=published_cities()),
                Prefetch("meetings", queryset=published_meetings()),
                "topics",
            )
            .order_by("area", "name")
        )


@extend_schema(tags=["sources"])
class SourceViewSet(RecordViewSet):
    """The documents the record is taken from, oldest first."""

    serializer_class = api.SourceSerializer
    filterset_class = filters.SourceFilter
    lookup_field = "slug"

    def get_queryset(self):
        return (
            Source.objects.published()
            .select_related("issued_by", "meeting")
            .order_by("date_earliest", "title", "pk")
        )


@extend_schema(tags=["contacts"])
class ContactViewSet(RecordViewSet):
    """Inquiry contacts marked public: whom to ask, in which unit, by phone, in which language."""

    serializer_class = api.ContactSerializer
    filterset_class = filters.ContactFilter

    def get_queryset(self):
        return (
            InquiryContact.objects.published()
            .with_unit_path()
            .prefetch_related("topics")
            .order_by("person", "pk")
        )


@extend_schema(tags=["topics"])
class TopicViewSet(RecordViewSet):
    """The topics clauses, projects and contacts are filed under (their ids filter by topic)."""

    serializer_class = api.TopicSerializer
    lookup_field = "slug"
    pagination_class = None
    queryset = Topic.objects.order_by("name")


# Each list in the API: its name in the root document, and its URL name.
ENDPOINTS = {
    "meetings": "meeting",
    "participations": "participation",
    "events": "event",
    "cities": "city",
    "memberships": "membership",
    "declarations": "declaration",
    "clauses": "clause",
    "projects": "project",
    "sources": "source",
    "contacts": "contact",
    "topics": "topic",
}


class ApiRoot(Licensed, APIView):
    """Where to start: every list in the API, its OpenAPI document and the data licence."""

    @extend_schema(
        tags=["root"],
        responses=inline_serializer(
            "ApiRoot",
            {
                "licence": inline_serializer(
                    "Licence",
                    {
                        "id": serializers.CharField(),
                        "title": serializers.CharField(),
                        "url": serializers.URLField(),
                    },
                ),
                "openapi": serializers.URLField(),
                "docs": serializers.URLField(),
                "endpoints": serializers.DictField(child=serializers.URLField()),
            },
        ),
    )
    def get(self, request):
        return Response(
            {
                "licence": data_licence(),
                "openapi": reverse("api:openapi", request=request),
                "docs": reverse("api:docs", request=request),
                "endpoints": {
                    name: reverse(f"api:{basename}-list", request=request)
                    for name, basename in ENDPOINTS.items()
                },
            }
        )


class ApiDocs(PageMixin, TemplateView):
    """The API's documentation, browsable: Swagger UI over the OpenAPI document, served from
    the site's own static files under its Content Security Policy."""

    template_name = "api/docs.html"
    nav_section = "data"
    title = _("API documentation")
    description = _(
        "The ANMC21 Records API: every public record as JSON, with filters, pages and links, "
        "described by an OpenAPI 3 document."
    )

    def get_breadcrumbs(self):
        return [(_("Open data and feeds"), reverse_url("public:open_data")), (self.title, None)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(licence=data_licence(), **kwargs)


class OpenApiDocument(Licensed, SpectacularJSONAPIView):
    """The OpenAPI 3 document of the API (JSON)."""


def not_found(request, exception):
    """404 for an address no view serves: JSON under /api/, like every API answer; the site's
    own page elsewhere."""
    if request.path.startswith("/api/"):
        return add_licence_link(JsonResponse({"detail": "Not found."}, status=404))
    return page_not_found(request, exception)
