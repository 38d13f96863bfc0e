"""Root URLs: the public record, its sitemap and robots.txt, and the staff admin."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.views import healthz
from declarations.sitemaps import ClauseSitemap, DeclarationSitemap
from plenaries.sitemaps import CitySitemap, JointProjectSitemap, MeetingSitemap
from plenaries.views import HomeView
from public.sitemaps import IndexPageSitemap

admin.site.site_header = _("ANMC21 Records — staff")
admin.site.site_title = _("ANMC21 Records")
admin.site.index_title = _("The network's record")

SITEMAPS = {
    "pages": IndexPageSitemap,
    "meetings": MeetingSitemap,
    "declarations": DeclarationSitemap,
    "clauses": ClauseSitemap,
    "cities": CitySitemap,
    "projects": JointProjectSitemap,
}

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("plenaries.urls")),
    path("declarations/", include("declarations.urls")),
    path("contacts/", include("contacts.urls")),
    path("", include("public.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
    path("healthz", healthz, name="healthz"),
    path(settings.ADMIN_URL, admin.site.urls),
]
