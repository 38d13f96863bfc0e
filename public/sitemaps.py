"""The sitemap: an index of sections (the site's main pages, then each domain's published
records), each section in pages of at most SECTION_LIMIT addresses, dated by publication; every
page in English and in Japanese, each with its alternates."""

from django.contrib.sitemaps import Sitemap

from core.navigation import NAVIGATION
from core.sitemaps import InEveryLanguage
from declarations.sitemaps import ClauseSitemap, DeclarationSitemap
from plenaries.sitemaps import CitySitemap, JointProjectSitemap, MeetingSitemap, SourceSitemap


class IndexPageSitemap(Sitemap):
    """The pages of the main navigation."""

    def items(self):
        return list(NAVIGATION)

    def location(self, section):
        return section.url


# Far below the protocol's 50,000: a section page (each address with its alternates) is built
# in well under a second and stays a few hundred kB; 5,000 took 0.8 s and weighed 2.2 MB.
SECTION_LIMIT = 1000


def _limited(sitemap_class):
    """The section in every language, at most SECTION_LIMIT addresses a page."""
    return type(sitemap_class.__name__, (InEveryLanguage, sitemap_class), {"limit": SECTION_LIMIT})


SITEMAPS = {
    name: _limited(sitemap_class)
    for name, sitemap_class in {
        "pages": IndexPageSitemap,
        "meetings": MeetingSitemap,
        "declarations": DeclarationSitemap,
        "clauses": ClauseSitemap,
        "cities": CitySitemap,
        "projects": JointProjectSitemap,
        "sources": SourceSitemap,
    }.items()
}
