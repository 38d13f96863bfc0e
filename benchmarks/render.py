"""What a page costs to render when the page cache does not answer it: each main public page
requested N times in this process through Django's WSGI handler (production settings, the same
middleware and cached template loader as gunicorn runs), with a session cookie so the page cache
is bypassed as `benchmarks/scale.py` does; prints milliseconds per request (median wall and CPU
time), queries and size.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/some_db CACHE_URL=redis://127.0.0.1:6379/5
    .venv/bin/python benchmarks/render.py                 # every page, 200 requests each
    .venv/bin/python benchmarks/render.py -n 50 --profile /plenaries/9/   # where the time goes

Runs against a database already loaded (`manage.py load_record`, and `make_scale_data --factor
1000` for the large record); CACHE_URL's cache is cleared first. One process on one core:
compare runs made one after the other (CPU time is the steadier figure on a busy machine).
"""

import argparse
import cProfile
import io
import os
import pstats
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from scale import SIZED_PAGES  # noqa: E402

# The scale benchmark's pages, and a few in Japanese.
PAGES = [*SIZED_PAGES, "/ja/", "/ja/plenaries/9/", "/ja/declarations/tokyo-declaration/"]
HOST = "127.0.0.1"


def setup():
    os.environ.update(
        DJANGO_SETTINGS_MODULE="anmc21.settings.production",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_LOG_LEVEL="WARNING",
        # The hashed static file names {% static %} reads from the manifest, as in production.
        DJANGO_STATIC_ROOT=str(Path(tempfile.gettempdir()) / "anmc21-render-static"),
    )
    import django
    from django.core.management import call_command

    django.setup()
    call_command("collectstatic", "--noinput", verbosity=0)
    # Parts cached under the record's version (core.cache) by a run on another database
    # sharing this cache would be served here: start empty.
    from django.core.cache import cache

    cache.clear()


def environ(path):
    from django.test.client import RequestFactory

    path, _, query = path.partition("?")
    # As scale.py's "not cached" requests: a session cookie, which the page cache never serves.
    return RequestFactory()._base_environ(
        PATH_INFO=path,
        QUERY_STRING=query,
        REQUEST_METHOD="GET",
        SERVER_NAME=HOST,
        HTTP_HOST=HOST,
        HTTP_COOKIE="sessionid=benchmark-not-a-session",
    )


def request(handler, path):
    status = []
    body = b"".join(handler(environ(path), lambda s, h, *a: status.append(s)))
    return status[0], body


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", default=PAGES)
    parser.add_argument("-n", type=int, default=200, help="requests per page")
    parser.add_argument("--profile", metavar="PAGE", help="cProfile this page instead")
    parser.add_argument("--top", type=int, default=40, help="profile lines shown")
    parser.add_argument("--queries", action="store_true", help="list each page's queries, timed")
    args = parser.parse_args()
    setup()

    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection, reset_queries
    from django.template import engines

    loaders = [type(loader).__module__ for loader in engines["django"].engine.template_loaders]
    print(f"database {connection.vendor} {connection.settings_dict['NAME']}; loaders {loaders}")
    handler = WSGIHandler()

    if args.profile:
        for _ in range(5):
            request(handler, args.profile)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.n):
            request(handler, args.profile)
        profile.disable()
        for order in ("cumulative", "tottime"):
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats(order).print_stats(args.top)
            print(out.getvalue())
        return

    # Medians: the wall time a request took, and the CPU time this process spent on it (the
    # database server's own time not counted), steadier than wall time on a busy machine.
    print(f"{'page':48} {'wall ms':>8} {'CPU ms':>8} {'queries':>7} {'kB':>6}")
    for page in args.pages:
        status, body = request(handler, page)  # warm: templates compiled, caches filled
        assert status.startswith("200"), (page, status)
        connection.force_debug_cursor = True
        reset_queries()
        request(handler, page)
        queries = len(connection.queries)
        connection.force_debug_cursor = False
        if args.queries:
            for query in connection.queries:
                print(f"    {float(query['time']) * 1000:7.2f} ms  {query['sql'][:150]}")
        wall, cpu = [], []
        for _ in range(args.n):
            start, start_cpu = time.perf_counter(), time.process_time()
            request(handler, page)
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        print(
            f"{page:48} {statistics.median(wall):8.2f} {statistics.median(cpu):8.2f}"
            f" {queries:7} {len(body) / 1000:6.1f}"
        )


if __name__ == "__main__":
    main()
