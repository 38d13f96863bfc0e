"""Root URLs: the public record, and the staff admin."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.views import healthz

admin.site.site_header = _("ANMC21 Records — staff")
admin.site.site_title = _("ANMC21 Records")
admin.site.index_title = _("The network's record")

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("plenaries/", include("plenaries.urls")),
    path("declarations/", include("declarations.urls")),
    path("healthz", healthz, name="healthz"),
    path(settings.ADMIN_URL, admin.site.urls),
]
