from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.generic import TemplateView

from core.cache import same_for_every_reader
from core.licence import licensed
from core.views import read_only

from . import changes, feeds, views
from .sitemaps import SITEMAPS

app_name = "public"

urlpatterns = [
    path("search/", views.SearchView.as_view(), name="search"),
    path("data/", views.OpenDataView.as_view(), name="open_data"),
    path("data/anmc21-record.json", views.RecordJsonView.as_view(), name="record_json"),
    path("data/anmc21-meetings.csv", views.MeetingsCsvView.as_view(), name="meetings_csv"),
    path("data/datapackage.json", views.DataPackageView.as_view(), name="datapackage"),
    path("data/csv/<slug:name>.csv", views.TableCsvView.as_view(), name="table_csv"),
    path("data/popolo.json", views.PopoloView.as_view(), name="popolo"),
    path("feeds/meetings/", read_only(licensed(feeds.MeetingFeed())), name="meeting_feed"),
    path(
        "feeds/declarations/",
        read_only(licensed(feeds.DeclarationFeed())),
        name="declaration_feed",
    ),
    path("changes/", changes.ChangeLogView.as_view(), name="changes"),
    path("changes/<int:pk>/", changes.ChangeDetailView.as_view(), name="change_detail"),
    path("changes/feed/", read_only(licensed(changes.ChangeFeed())), name="change_feed"),
]

# The home page, in each language (anmc21/urls.py), with its historical, unnamespaced name.
home_urlpatterns = [path("", views.HomeView.as_view(), name="home")]

# Site-wide addresses for machines, one for all languages, with their historical names.
site_urlpatterns = [
    path(
        "sitemap.xml",
        read_only(same_for_every_reader(sitemap_index)),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        read_only(same_for_every_reader(sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
]
