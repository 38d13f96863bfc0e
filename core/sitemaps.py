"""The base of every sitemap section of published records."""

from operator import attrgetter

from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max


class RecordSitemap(Sitemap):
    """A section of records dated by publication (`lastmod_field`, a lookup path). The index
    dates and counts a section (how many pages it has) by one aggregate query, not by reading
    every record in it."""

    lastmod_field = "published_at"

    def lastmod(self, record):
        return attrgetter(self.lastmod_field.replace("__", "."))(record)

    def get_latest_lastmod(self):
        found = self.items().order_by().aggregate(latest=Max(self.lastmod_field), count=Count("pk"))
        self._count = found["count"]
        return found["latest"]

    @property
    def paginator(self):
        paginator = super().paginator
        if hasattr(self, "_count"):
            # Counted with the date, just now: the index asks for both.
            paginator.count = self._count
        return paginator
