"""Root URLs: the public site in each language, the health check, the API and the staff admin.

The public pages are English at their historical addresses and Japanese under /ja/
(`i18n_patterns`, no prefix for the default language). Outside them, one address for all
languages: the API (JSON for machines, named by stable identifiers), the health check, the
sitemaps (one index listing both languages' pages with their alternates), robots.txt, the
language switch and the admin, which speaks the language the reader chose last
(core.middleware.LocaleMiddleware).
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core.views import healthz, switch_language
from public.urls import home_urlpatterns, site_urlpatterns

admin.site.site_header = _("ANMC21 Records — staff")
admin.site.site_title = _("ANMC21 Records")
admin.site.index_title = _("The network's record")

urlpatterns = [
    *site_urlpatterns,
    path("language/<str:language>/", switch_language, name="switch_language"),
    path("api/v1/", include("api.urls")),
    path("healthz", healthz, name="healthz"),
    path(settings.ADMIN_URL, admin.site.urls),
    *i18n_patterns(
        *home_urlpatterns,
        path("", include("plenaries.urls")),
        path("declarations/", include("declarations.urls")),
        path("contacts/", include("contacts.urls")),
        path("", include("public.urls")),
        prefix_default_language=False,
    ),
]

# An address no view serves: JSON under /api/, the site's page elsewhere.
handler404 = "api.views.not_found"
