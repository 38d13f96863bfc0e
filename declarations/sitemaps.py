"""Sitemap sections for declarations and their clause pages: published records only."""

from django.contrib.sitemaps import Sitemap

from .models import Clause, Declaration


class DeclarationSitemap(Sitemap):
    def items(self):
        return Declaration.objects.published().order_by("slug")

    def lastmod(self, declaration):
        return declaration.published_at


class ClauseSitemap(Sitemap):
    def items(self):
        return (
            Clause.objects.published()
            .select_related("declaration")
            .order_by("declaration", "number")
        )

    def location(self, clause):
        return clause.get_page_url()

    def lastmod(self, clause):
        return clause.declaration.published_at
