"""Milliseconds per request of the list pages whose cost grows with the record (and the sitemap
and the API's lists), rendered in this process on production settings at the database in
DATABASE_URL: the first request (a process's cold start: what a new gunicorn worker pays),
then the median of the next ones, rendered each time (a session cookie: the page cache never
answers it: the median and the best, steadier on a busy machine) and, with CACHE_URL set,
from the page cache (an anonymous reader). Also the queries per rendered page and its size.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mydb CACHE_URL=redis://127.0.0.1:6379/6 \
        .venv/bin/python benchmarks/lists.py --repeat 20

No server, no wrk: figures are steadier than under load on a shared machine, and tell where a
page's own time goes (compare runs made one after the other).
"""

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "/robots.txt",
    "/plenaries/",
    "/plenaries/?page=10",
    "/cities/",
    "/cities/?standing=member&page=10",
    "/contacts/",
    "/contacts/?page=10",
    "/projects/",
    "/projects/?page=10",
    "/sources/",
    "/sources/?page=10",
    "/changes/",
    "/sitemap.xml",
    "/sitemap-clauses.xml",
    "/sitemap-clauses.xml?p=20",
    "/api/v1/clauses/",
    "/api/v1/clauses/?page=100",
    "/api/v1/meetings/",
    "/api/v1/contacts/",
]


def setup(static_root):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anmc21.settings.production")
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("DJANGO_STATIC_ROOT", static_root)
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def timed(client, path):
    start = time.perf_counter()
    response = client.get(path, secure=True)
    elapsed = (time.perf_counter() - start) * 1000
    body = response.getvalue() if response.streaming else response.content
    return elapsed, len(body), response.status_code


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="requests per page (default 10)")
    parser.add_argument("pages", nargs="*", default=PAGES, help="paths (default: the lists)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as static_root:
        setup(static_root)
        from django.conf import settings
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        rendered = Client(HTTP_COOKIE="sessionid=benchmark-not-a-session")
        anonymous = Client()
        cached = settings.PAGE_CACHE_SECONDS > 0
        database = connection.settings_dict["NAME"]
        print(f"database {database}, page cache {'on' if cached else 'off'}")
        print(
            f"{'page':38} {'first':>8} {'rendered':>9} {'best':>7} {'cached':>7} "
            f"{'queries':>7} {'kB':>6}"
        )
        for path in args.pages:
            first, _size, status = timed(rendered, path)
            if status != 200:
                print(f"{path:38} {status}")
                continue
            times = []
            for _ in range(args.repeat):
                times.append(timed(rendered, path)[0])
            with CaptureQueriesContext(connection) as queries:
                _elapsed, size, _status = timed(rendered, path)
            count = len(queries)
            hits = "-"
            if cached:
                timed(anonymous, path)
                hit_times = [timed(anonymous, path)[0] for _ in range(args.repeat)]
                hits = f"{statistics.median(hit_times):.1f}"
            print(
                f"{path:38} {first:8.1f} {statistics.median(times):9.1f} {min(times):7.1f} "
                f"{hits:>7} {count:7d} {size / 1024:6.1f}"
            )


if __name__ == "__main__":
    main()
