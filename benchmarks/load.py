"""Bounded load test: the production server on loopback, every public page, fixed time.

Starts gunicorn with production settings on 127.0.0.1 against a fresh database holding the
shipped record, and for a fixed time sends, all at once:
- concurrent GET requests (stdlib http.client, keep-alive) to every public page (--concurrency);
- staff who sign in to the admin and save a city's change form again and again (--staff);
- clients that start a large upload to a public page and send its body one byte a second,
  as an attacker starving the server would (--slow-uploads).
It then prints requests per second, the public pages' latency percentiles, the staff saves and
the error count, and stops the server. Only loopback is ever contacted; it exits non-zero on
any error.

    .venv/bin/python benchmarks/load.py --seconds 30 --concurrency 8 --staff 2 --slow-uploads 8
    createdb -h 127.0.0.1 -U postgres anmc21_load
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anmc21_load .venv/bin/python benchmarks/load.py
"""

import argparse
import http.client
import json
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
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.forms import FormFields  # noqa: E402 - the form reader the tests use

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
STAFF_PASSWORD = "load-test-password-" + secrets.token_urlsafe(8)


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
        DJANGO_MEDIA_ROOT=str(workdir / "media"),
        DJANGO_LOG_LEVEL="WARNING",
        PORT=str(port),
        GUNICORN_ACCESS_LOG=os.devnull,
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'load.sqlite3'}")
    return env


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def create_staff(env, count):
    """Staff accounts staff0, staff1... and the city each of them edits (primary keys)."""
    script = (
        "import json\n"
        "from django.contrib.auth import get_user_model\n"
        "from plenaries.models import City\n"
        f"for n in range({count}):\n"
        "    get_user_model().objects.create_superuser(\n"
        f"        f'staff{{n}}', password={STAFF_PASSWORD!r}\n"
        "    )\n"
        "print(json.dumps(list(City.objects.order_by('pk').values_list('pk', flat=True))))\n"
    )
    return json.loads(manage(env, "shell", "-c", script).strip().splitlines()[-1])


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


class Browser:
    """A staff member's browser over one keep-alive connection: cookies and CSRF tokens."""

    def __init__(self, port):
        self.port, self.cookies = port, {}
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)

    def request(self, method, path, fields=None):
        headers = {"Host": HOST, "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        content = response.read().decode(errors="replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, content, time.perf_counter() - started

    def form(self, path):
        status, content, _latency = self.request("GET", path)
        parser = FormFields()
        parser.feed(content)
        return status, parser.fields


def staff_member(port, number, city_pk, stop_at, results, lock):
    """Sign in, then save one city's change form with a new description, over and over."""
    browser, local = Browser(port), []
    try:
        _status, fields = browser.form("/admin/login/")
        fields.update(username=f"staff{number}", password=STAFF_PASSWORD)
        status, _content, latency = browser.request("POST", "/admin/login/", fields)
        local.append(("sign-in", status, latency))
        path = f"/admin/plenaries/city/{city_pk}/change/"
        save = 0
        while time.monotonic() < stop_at:
            _status, fields = browser.form(path)
            fields["description"] = f"Saved by staff{number}, save {save}."
            fields["_save"] = "Save"
            status, _content, latency = browser.request("POST", path, fields)
            local.append(("save", status, latency))
            save += 1
    except (OSError, http.client.HTTPException):
        local.append(("save", 0, 0.0))
    with lock:
        results.extend(local)


def slow_upload(port, stop_at, results, lock):
    """Start a 10 MB upload to a read-only page, then send its body a byte a second; note how
    long the server took to answer (a 405 before the body, if it does not wait for it)."""
    while time.monotonic() < stop_at:
        started = time.perf_counter()
        status = 0
        try:
            sock = socket.create_connection((HOST, port), timeout=5)
            sock.sendall(
                b"POST /plenaries/ HTTP/1.1\r\nHost: " + HOST.encode() + b"\r\n"
                b"Content-Type: multipart/form-data; boundary=x\r\n"
                b"Content-Length: 10000000\r\n\r\n--x\r\n"
            )
            sock.settimeout(1)
            while time.monotonic() < stop_at:
                try:
                    head = sock.recv(64)
                except TimeoutError:
                    sock.sendall(b"A")  # the next byte of the body
                    continue
                match = re.match(rb"HTTP/1\.[01] (\d{3})", head)
                status = int(match.group(1)) if match else 0
                break
            sock.close()
        except OSError:
            status = 0
        with lock:
            results.append(("slow upload", status, time.perf_counter() - started))


def percentile(sorted_values, fraction):
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--staff", type=int, default=0, help="staff saving forms at once")
    parser.add_argument("--slow-uploads", type=int, default=0, help="clients trickling a body")
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
        cities = create_staff(env, args.staff)
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
            results, other, lock = [], [], threading.Lock()
            stop_at = time.monotonic() + args.seconds
            threads = [
                threading.Thread(target=hammer, args=(port, pages, stop_at, results, lock))
                for _ in range(args.concurrency)
            ]
            threads += [
                threading.Thread(
                    target=staff_member, args=(port, n, cities[n], stop_at, other, lock)
                )
                for n in range(args.staff)
            ]
            threads += [
                threading.Thread(target=slow_upload, args=(port, stop_at, other, lock))
                for _ in range(args.slow_uploads)
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

    report(results, other, elapsed, pages, args)


def report(results, other, elapsed, pages, args):
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
    expected = {"sign-in": 302, "save": 302, "slow upload": 405}
    for kind, status_wanted in expected.items():
        rows = [(status, latency) for k, status, latency in other if k == kind]
        if not rows:
            continue
        wrong = sum(1 for status, _latency in rows if status != status_wanted)
        errors += wrong
        slowest = max(latency for _status, latency in rows)
        print(
            f"{kind}: {len(rows)} answered {status_wanted} but {wrong}, "
            f"slowest {1000 * slowest:.0f} ms"
        )
    print("slowest pages by median ms:")
    medians = sorted(((statistics.median(v), p) for p, v in by_page.items()), reverse=True)
    for median, path in medians[:5]:
        print(f"  {1000 * median:7.1f}  {path}")
    if errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
