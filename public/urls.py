from django.urls import path

from . import feeds, views

app_name = "public"

urlpatterns = [
    path("search/", views.SearchView.as_view(), name="search"),
    path("data/", views.OpenDataView.as_view(), name="open_data"),
    path("data/anmc21-record.json", views.RecordJsonView.as_view(), name="record_json"),
    path("data/anmc21-meetings.csv", views.MeetingsCsvView.as_view(), name="meetings_csv"),
    path("feeds/meetings/", feeds.MeetingFeed(), name="meeting_feed"),
    path("feeds/declarations/", feeds.DeclarationFeed(), name="declaration_feed"),
]
