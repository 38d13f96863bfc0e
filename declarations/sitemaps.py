"""Sitemap sections for declarations and their clause pages: published records only."""

from core.sitemaps import RecordSitemap

from .models import Clause, Declaration


class DeclarationSitemap(RecordSitemap):
    def items(self):
        return Declaration.objects.published().order_by("slug")


class ClauseSitemap(RecordSitemap):
    lastmod_field = "declaration__published_at"

    def items(self):
        # Only what an address and its date need: not the clauses' texts.
        return (
            Clause.objects.published()
            .select_related("declaration")
            .only("number", "declaration__slug", "declaration__published_at")
            .order_by("declaration", "number")
        )

    def location(self, clause):
        return clause.get_page_url()
