"""Root URLs: the public site, each domain's pages, the health check and the staff admin."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core.views import healthz
from public.urls import site_urlpatterns

admin.site.site_header = _("ANMC21 Records — staff")
admin.site.site_title = _("ANMC21 Records")
admin.site.index_title = _("The network's record")

urlpatterns = [
    *site_urlpatterns,
    path("", include("plenaries.urls")),
    path("declarations/", include("declarations.urls")),
    path("contacts/", include("contacts.urls")),
    path("", include("public.urls")),
    path("api/v1/", include("api.urls")),
    path("healthz", healthz, name="healthz"),
    path(settings.ADMIN_URL, admin.site.urls),
]

# An address no view serves: JSON under /api/, the site's page elsewhere.
handler404 = "api.views.not_found"
