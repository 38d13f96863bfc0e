"""The sitemap: the site's main pages, then each domain's published records."""

from django.contrib.sitemaps import Sitemap

from core.navigation import NAVIGATION
from declarations.sitemaps import ClauseSitemap, DeclarationSitemap
from plenaries.sitemaps import CitySitemap, JointProjectSitemap, MeetingSitemap


class IndexPageSitemap(Sitemap):
    """The pages of the main navigation."""

    def items(self):
        return list(NAVIGATION)

    def location(self, section):
        return section.url


SITEMAPS = {
    "pages": IndexPageSitemap,
    "meetings": MeetingSitemap,
    "declarations": DeclarationSitemap,
    "clauses": ClauseSitemap,
    "cities": CitySitemap,
    "projects": JointProjectSitemap,
}
