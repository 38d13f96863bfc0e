"""The base of every sitemap section of published records."""

from operator import attrgetter

from django.contrib.sitemaps import Sitemap
from django.db.models import Max


class RecordSitemap(Sitemap):
    """A section of records dated by publication (`lastmod_field`, a lookup path). The index
    dates a section by one aggregate query, not by reading every record in it."""

    lastmod_field = "published_at"

    def lastmod(self, record):
        return attrgetter(self.lastmod_field.replace("__", "."))(record)

    def get_latest_lastmod(self):
        return self.items().order_by().aggregate(latest=Max(self.lastmod_field))["latest"]
