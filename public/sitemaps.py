"""The sitemap section for the public site's index pages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class IndexPageSitemap(Sitemap):
    def items(self):
        return [
            "home",
            "plenaries:meeting_list",
            "declarations:declaration_list",
            "plenaries:city_list",
            "plenaries:project_list",
            "contacts:lookup",
            "public:open_data",
        ]

    def location(self, name):
        return reverse(name)
