"""The base of every sitemap section of published records, and of listing it in every language."""

from collections.abc import Sequence
from operator import attrgetter

from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max, QuerySet
from django.utils.functional import cached_property

from .cache import counted, remembered


class RecordSitemap(Sitemap):
    """A section of records dated by publication (`lastmod_field`, a lookup path). The index
    dates and counts a section (how many pages it has) by one aggregate query, not by reading
    every record in it, made once per record version (core.cache.remembered)."""

    lastmod_field = "published_at"

    def lastmod(self, record):
        return attrgetter(self.lastmod_field.replace("__", "."))(record)

    def get_latest_lastmod(self):
        items = self.items().order_by()
        found = remembered(
            f"sitemap:{type(self).__module__}.{type(self).__qualname__}",
            lambda: items.aggregate(latest=Max(self.lastmod_field), count=Count("pk")),
        )
        self._count = found["count"]
        return found["latest"]

    @property
    def paginator(self):
        paginator = super().paginator
        if hasattr(self, "_count"):
            # Counted with the date, just now: the index asks for both.
            paginator.count = self._count * (len(self._languages()) if self.i18n else 1)
        return paginator


class LanguagePairs(Sequence):
    """A sitemap section's (record, language) pairs, for `Sitemap.i18n`, read a page at a time:
    Django's own list of them would read every record of the section for each page."""

    def __init__(self, items, languages):
        self.items = items
        self.languages = list(languages)

    @cached_property
    def _length(self):
        count = counted(self.items) if isinstance(self.items, QuerySet) else len(self.items)
        return count * len(self.languages)

    def __len__(self):
        return self._length

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(len(self))
        per_item = len(self.languages)
        first = start // per_item
        rows = self.items[first : -(-stop // per_item)]
        pairs = [(item, language) for item in rows for language in self.languages]
        return pairs[start - first * per_item : stop - first * per_item]


class InEveryLanguage:
    """A sitemap section that lists each page in every language of the site, each address
    with its alternates (`hreflang`, and x-default: the English address)."""

    i18n = True
    alternates = True
    x_default = True

    def _items(self):
        return LanguagePairs(self.items(), self._languages())

    def _location(self, item, force_lang_code=None):
        # Each address of a page is asked for once as itself and again as an alternate of
        # each of its language versions: worked out once (a reverse() each, 4 times fewer).
        # A record is keyed by primary key, not id(): a record of an earlier page, once freed,
        # may leave its id to one of this page (the main pages live as long as the process).
        record, language = item
        key = (getattr(record, "pk", id(record)), force_lang_code or language)
        locations = self.__dict__.setdefault("_locations", {})
        if key not in locations:
            locations[key] = super()._location(item, force_lang_code)
        return locations[key]
