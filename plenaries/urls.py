from django.urls import path

from core.citations import FORMATS

from . import views

app_name = "plenaries"

urlpatterns = [
    path("plenaries/", views.MeetingList.as_view(), name="meeting_list"),
    path("plenaries/<int:number>/", views.MeetingDetail.as_view(), name="meeting_detail"),
    path("plenaries/<int:number>.json", views.MeetingJson.as_view(), name="meeting_json"),
    path("plenaries/<int:number>.ics", views.MeetingCalendar.as_view(), name="meeting_ics"),
    path(
        "plenaries/<int:number>/events/<int:pk>.ics",
        views.EventCalendar.as_view(),
        name="event_ics",
    ),
    path("plenaries/calendar.ics", views.MeetingsCalendar.as_view(), name="meetings_ics"),
    *(
        path(
            f"plenaries/<int:number>/cite.{extension}",
            views.MeetingCitation.as_view(),
            {"format": extension},
            name=f"meeting_cite_{extension}",
        )
        for extension in FORMATS
    ),
    path("cities/", views.CityList.as_view(), name="city_list"),
    path("cities/<slug:slug>/", views.CityDetail.as_view(), name="city_detail"),
    path("projects/", views.ProjectList.as_view(), name="project_list"),
    path("projects/<slug:slug>/", views.ProjectDetail.as_view(), name="project_detail"),
    path("sources/", views.SourceList.as_view(), name="source_list"),
    path("sources/<slug:slug>/", views.SourceDetail.as_view(), name="source_detail"),
]
