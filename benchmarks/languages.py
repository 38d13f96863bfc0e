"""What the second language costs a request: the locale middleware's look-up of an address's
language (one URL resolution for an English address) and a page's alternates (the same page in
each language, for the switch and hreflang). No database; prints microseconds a request, and
the same loop of plain Python as a yardstick of the machine's speed at the time.

    .venv/bin/python benchmarks/languages.py
"""

import os
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anmc21.settings.test")

import django

django.setup()

from django.test import RequestFactory  # noqa: E402
from django.urls import resolve  # noqa: E402
from django.utils import translation  # noqa: E402

from core.i18n import alternates, page_match  # noqa: E402

ROUNDS = 2000
PATHS = ["/plenaries/9/", "/ja/plenaries/9/", "/declarations/tokyo-declaration/clauses/3/"]


def per_call(function):
    return timeit.timeit(function, number=ROUNDS) / ROUNDS * 1e6


def main():
    factory = RequestFactory()
    print(f"yardstick (sum of range(1000)): {per_call(lambda: sum(range(1000))):.0f} µs")
    for path in PATHS:
        language = translation.get_language_from_path(path) or "en"
        with translation.override(language):
            match = resolve(path)

        def lookup(path=path):
            page_match(factory.get(path))

        def with_alternates(path=path, match=match):
            request = factory.get(path)
            request.resolver_match = match  # as when a template renders, after the view
            alternates(request)

        base = per_call(lambda path=path: factory.get(path))
        print(
            f"{path}: middleware look-up {per_call(lookup) - base:.0f} µs, "
            f"alternates after the view {per_call(with_alternates) - base:.0f} µs"
        )


if __name__ == "__main__":
    main()
