"""Bounded load test: the production server on loopback, every public page, fixed time.

Starts gunicorn with production settings on 127.0.0.1 against a fresh database holding the
shipped record, sends concurrent GET requests (stdlib http.client, keep-alive) to every public
page for a fixed time, then prints requests per second, latency percentiles and the error
count, and stops the server. Only loopback is ever contacted.

    .venv/bin/python benchmarks/load.py --seconds 20 --concurrency 8
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anmc21_load .venv/bin/python benchmarks/load.py
"""

import argparse
import http.client
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
FIXED_PAGES = [
    "/",
    "/plenaries/",
    "/plenaries/9/",
    "/plenaries/10/",
    "/declarations/",
    "/declarations/tokyo-declaration/",
    "/declarations/tokyo-declaration/clauses/3/",
    "/cities/",
    "/projects/",
    "/contacts/",
    "/search/?q=environment",
    "/search/?q=International+Affairs",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
]
MAX_REQUESTS = 1_000_000


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def server_env(workdir, port):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="anmc21.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        DJANGO_LOG_LEVEL="WARNING",
        PORT=str(port),
        GUNICORN_ACCESS_LOG=os.devnull,
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'load.sqlite3'}")
    return env


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def wait_until_up(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not come up")


def discover_pages(port):
    """The fixed pages plus every page the sitemap lists, as loopback paths."""
    pages = list(FIXED_PAGES)
    conn = http.client.HTTPConnection(HOST, port, timeout=5)
    conn.request("GET", "/sitemap.xml")
    response = conn.getresponse()
    if response.status == 200:
        for loc in re.findall(r"<loc>([^<]+)</loc>", response.read().decode()):
            path = re.sub(r"^https?://[^/]+", "", loc)
            if path not in pages:
                pages.append(path)
    return pages


def hammer(port, pages, stop_at, results, lock):
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    local = []
    index = 0
    while time.monotonic() < stop_at and len(local) < MAX_REQUESTS:
        path = pages[index % len(pages)]
        index += 1
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers={"Host": HOST})
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=10)
        local.append((path, status, time.perf_counter() - started))
    conn.close()
    with lock:
        results.extend(local)


def percentile(sorted_values, fraction):
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    args = parser.parse_args()
    args.seconds = min(args.seconds, 300)

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        port = free_port()
        env = server_env(workdir, port)
        env["WEB_CONCURRENCY"] = str(args.workers)
        manage(env, "migrate", "--noinput")
        manage(env, "load_record")
        manage(env, "collectstatic", "--noinput")
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "anmc21.wsgi",
                "-c",
                "gunicorn.conf.py",
            ],
            cwd=ROOT,
            env=env,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(port)
            pages = discover_pages(port)
            results, lock = [], threading.Lock()
            stop_at = time.monotonic() + args.seconds
            threads = [
                threading.Thread(target=hammer, args=(port, pages, stop_at, results, lock))
                for _ in range(args.concurrency)
            ]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            server.wait(timeout=30)

    report(results, elapsed, pages, args)


def report(results, elapsed, pages, args):
    latencies = sorted(latency for _path, _status, latency in results)
    statuses = Counter(status for _path, status, _latency in results)
    errors = sum(count for status, count in statuses.items() if not 200 <= status < 400)
    by_page = defaultdict(list)
    for path, _status, latency in results:
        by_page[path].append(latency)
    print(f"pages: {len(pages)}  concurrency: {args.concurrency}  gunicorn workers: {args.workers}")
    print(f"requests: {len(results)} in {elapsed:.1f} s = {len(results) / elapsed:.1f} req/s")
    print(
        "latency ms: p50 {:.1f}  p90 {:.1f}  p99 {:.1f}  max {:.1f}  mean {:.1f}".format(
            *(1000 * percentile(latencies, f) for f in (0.5, 0.9, 0.99)),
            1000 * latencies[-1],
            1000 * statistics.fmean(latencies),
        )
    )
    print(f"statuses: {dict(sorted(statuses.items()))}  errors: {errors}")
    print("slowest pages by median ms:")
    medians = sorted(((statistics.median(v), p) for p, v in by_page.items()), reverse=True)
    for median, path in medians[:5]:
        print(f"  {1000 * median:7.1f}  {path}")
    if errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
