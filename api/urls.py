"""/api/v1/: the root, the OpenAPI document and its docs, and a list and detail of each kind."""

from django.urls import path

from . import views

app_name = "api"


def record_urls(prefix, viewset, basename, lookup):
    """The list and detail addresses of one kind of record."""
    return [
        path(f"{prefix}/", viewset.as_view({"get": "list"}), name=f"{basename}-list"),
        path(
            f"{prefix}/{lookup}/", viewset.as_view({"get": "retrieve"}), name=f"{basename}-detail"
        ),
    ]


urlpatterns = [
    path("", views.ApiRoot.as_view(), name="root"),
    path("openapi.json", views.OpenApiDocument.as_view(), name="openapi"),
    path("docs/", views.ApiDocs.as_view(), name="docs"),
    *record_urls("meetings", views.MeetingViewSet, "meeting", "<int:number>"),
    *record_urls("participations", views.ParticipationViewSet, "participation", "<int:pk>"),
    *record_urls("events", views.EventViewSet, "event", "<int:pk>"),
    *record_urls("cities", views.CityViewSet, "city", "<slug:slug>"),
    *record_urls("memberships", views.MembershipViewSet, "membership", "<int:pk>"),
    *record_urls("declarations", views.DeclarationViewSet, "declaration", "<slug:slug>"),
    path("clauses/", views.ClauseViewSet.as_view({"get": "list"}), name="clause-list"),
    path(
        "declarations/<slug:slug>/clauses/<int:number>/",
        views.ClauseViewSet.as_view({"get": "retrieve"}),
        name="clause-detail",
    ),
    *record_urls("projects", views.ProjectViewSet, "project", "<slug:slug>"),
    *record_urls("sources", views.SourceViewSet, "source", "<slug:slug>"),
    *record_urls("contacts", views.ContactViewSet, "contact", "<int:pk>"),
    *record_urls("topics", views.TopicViewSet, "topic", "<slug:slug>"),
]
