"""How the site holds up as the record grows: the production server on PostgreSQL and Redis,
at 1x (the shipped record) and at N x (`manage.py make_scale_data --factor N`).

For each size it builds a fresh PostgreSQL database, starts gunicorn (production settings, 2
workers, the page cache in Redis) and prints:
- requests per second of each main page under `wrk`, cached (an anonymous visitor) and not
  (a request carrying a session cookie, which the page cache never serves), as a ratio to
  /robots.txt through the same stack (the framework's floor), measured just before each page;
- search latency p50/p95/max over 100 words drawn from the record (not cached);
- the size of each main page and of the largest list pages;
- each download's first byte, total time, size and the server's memory growth, read twice:
  built and streamed while its copy is saved, then served from the stored copy.
Then, at the largest size, it starts a second app server on another port sharing PostgreSQL and
Redis, publishes a meeting through the first (the admin's action, as staff do) and reads it
from the second at once.

    .venv/bin/python benchmarks/scale.py --factors 1 1000 --seconds 5

Needs `wrk` (make bench installs it), PostgreSQL (PGURL, default postgres://postgres@127.0.0.1:5432,
database BENCH_DATABASE, default anmc21_bench) and Redis (REDIS_URL, default
redis://127.0.0.1:6379, db BENCH_REDIS_DB, default 7). Numbers on a shared 2-core machine are
noisy: compare runs made one after the other.
"""

import argparse
import http.client
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

from load import HOST, ROOT, Browser, free_port, manage, server_env, wait_until_up

PGURL = os.environ.get("PGURL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379")
# Its own database and Redis db number, so that it can run beside other work on the same servers.
DATABASE = os.environ.get("BENCH_DATABASE", "anmc21_bench")
REDIS_DB = os.environ.get("BENCH_REDIS_DB", "7")
# A session cookie: the page cache never answers a request that carries one (staff, or anyone
# signed in), so this measures the page as rendered.
UNCACHED = "Cookie: sessionid=benchmark-not-a-session"
PAGES = [
    "/robots.txt",
    "/static/css/site.css",
    "/",
    "/plenaries/",
    "/plenaries/9/",
    "/declarations/",
    "/declarations/tokyo-declaration/",
    "/declarations/tokyo-declaration/clauses/3/",
    "/cities/",
    "/cities/tokyo/",
    "/projects/",
    "/projects/crisis-management/",
    "/sources/",
    "/contacts/",
    "/changes/",
    "/search/?q=environment",
    "/sitemap.xml",
    "/api/v1/clauses/",
]
SIZED_PAGES = [page for page in PAGES if page not in ("/robots.txt", "/static/css/site.css")]
DOWNLOADS = [
    "/data/anmc21-record.json",
    "/data/anmc21-meetings.csv",
    "/data/csv/clauses.csv",
    "/data/popolo.json",
    "/plenaries/calendar.ics",
    "/feeds/declarations/",
    "/ja/data/anmc21-meetings.csv",
    "/ja/data/popolo.json",
    "/ja/plenaries/calendar.ics",
    "/ja/feeds/declarations/",
]
STAFF_PASSWORD = "bench-staff-password-0123456789"


def psql(sql, database="postgres"):
    subprocess.run(
        ["psql", f"{PGURL}/{database}", "-qAtc", sql],
        check=True,
        capture_output=True,
        env={**os.environ, "PGOPTIONS": "--client-min-messages=warning"},
    )


def fresh_database(env, factor):
    psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    psql(f"CREATE DATABASE {DATABASE}")
    started = time.perf_counter()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_record")
    if factor > 1:
        manage(env, "make_scale_data", "--factor", str(factor))
    manage(env, "collectstatic", "--noinput", "-v0")
    return time.perf_counter() - started


class Server:
    """gunicorn with production settings on a free loopback port."""

    def __init__(self, env, workers=2):
        self.port = free_port()
        self.env = {**env, "PORT": str(self.port), "WEB_CONCURRENCY": str(workers)}
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "anmc21.wsgi",
                "-c",
                "gunicorn.conf.py",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_up(self.port)

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def wrk(port, path, seconds, header=None):
    settle(port)
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    if header:
        command += ["-H", header]
    output = subprocess.run(
        [*command, f"http://{HOST}:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    return rate, int(errors.group(1)) if errors else 0, p99.group(1) if p99 else "?"


def settle(port, seconds=30):
    """Wait (up to `seconds`) until the server has worked off what an earlier run left queued:
    a slow page's backlog would otherwise count against the next page."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if get(port, "/robots.txt", timeout=seconds)[3] < 0.05:
                return
        except OSError:
            pass
        time.sleep(0.5)


def get(port, path, headers=None, timeout=120):
    """(status, body bytes, seconds to first byte, seconds in all)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    started = time.perf_counter()
    conn.request("GET", path, headers={"Host": HOST, **(headers or {})})
    response = conn.getresponse()
    first = response.read(1)
    first_byte = time.perf_counter() - started
    body = first + response.read()
    conn.close()
    return response.status, body, first_byte, time.perf_counter() - started


def throughput(server, seconds):
    """Each page's rate as a ratio to the floor (/robots.txt, cached) measured just before it:
    a shared machine's speed drifts over the minutes a table takes (by a third, seen here),
    and one floor measured at the start would count that drift against the pages after it."""
    print(f"\n  requests per second (wrk -t2 -c16 -d{seconds}s, one run each)")
    print(
        f"  {'page':<46} {'floor':>7} {'cached':>9} {'ratio':>6} {'not cached':>11} "
        f"{'ratio':>6} {'p99':>8}"
    )
    for path in PAGES:
        get(server.port, path)  # cached: the page as the next anonymous readers find it
        floor, _errors, _p99 = wrk(server.port, "/robots.txt", seconds)
        cached, errors, p99 = wrk(server.port, path, seconds)
        uncached, errors2, _ = wrk(server.port, path, seconds, UNCACHED)
        note = f"  {errors + errors2} non-2xx" if errors + errors2 else ""
        print(
            f"  {path:<46} {floor:>7.0f} {cached:>9.1f} {cached / floor:>6.2f} "
            f"{uncached:>11.1f} {uncached / floor:>6.3f} {p99:>8}{note}"
        )


def search_words(env, count=100):
    script = (
        "import random\n"
        "from declarations.models import Clause\n"
        "texts = Clause.objects.order_by('?').values_list('text', flat=True)[:400]\n"
        "words = sorted({w.lower() for t in texts for w in t.split() if w.isalpha()})\n"
        f"random.Random(7).shuffle(words)\nprint(' '.join(words[:{count}]))\n"
    )
    return manage(env, "shell", "-c", script).split()


def search_latency(server, env):
    words = search_words(env)
    times = []
    for word in words:
        status, _body, _first, total = get(
            server.port, f"/search/?q={word}", {"Cookie": UNCACHED.split(": ", 1)[1]}
        )
        assert status == 200, (word, status)
        times.append(total * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"\n  search over {len(words)} words from the record, not cached: "
        f"p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, max {times[-1]:.0f} ms"
    )


def page_sizes(server):
    print("\n  page sizes (HTML, uncompressed)")
    pages = [*SIZED_PAGES, "/plenaries/?page=2", "/declarations/?page=2", "/search/?q=cities"]
    for path in pages:
        status, body, _first, _total = get(server.port, path)
        flag = "" if len(body) <= 100_000 or not path.endswith("/") else "  over 100 kB"
        print(f"  {path:<46} {status:>4} {len(body) / 1000:>9.1f} kB{flag}")


def fetch(port, path, headers=None, timeout=60):
    """(status, bytes read, seconds to first byte, seconds in all, X-Download) of a download,
    read as it comes and not kept."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    started = time.perf_counter()
    conn.request("GET", path, headers={"Host": HOST, **(headers or {})})
    response = conn.getresponse()
    size = len(response.read(1))
    first_byte = time.perf_counter() - started
    while chunk := response.read(1 << 20):
        size += len(chunk)
    conn.close()
    total = time.perf_counter() - started
    return response.status, size, first_byte, total, response.getheader("X-Download", "-")


def downloads(server):
    print(
        "\n  downloads (not cached), each read twice: the first reader gets it built and "
        "streamed\n  while a copy is saved (X-Download: built), the second the stored copy "
        "(stored);\n  status, first byte, total, size, worker memory growth"
    )
    for path in DOWNLOADS:
        for _read in ("first", "second"):
            print(f"  {path:<34} {download_read(server, path)}")


def download_read(server, path):
    workers = server.workers()
    before = {pid: rss_mb(pid) for pid in workers}
    peak = dict(before)
    done = threading.Event()

    def watch():
        while not done.is_set():
            for pid in workers:
                with contextlib.suppress(FileNotFoundError):
                    peak[pid] = max(peak[pid], rss_mb(pid))
            time.sleep(0.02)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        status, size, first, total, how = fetch(
            server.port, path, {"Cookie": UNCACHED.split(": ", 1)[1]}
        )
    except TimeoutError:
        status, size, first, total, how = "timeout", 0, float("nan"), float("nan"), "-"
    except http.client.IncompleteRead as cut:
        # The worker was stopped mid-answer (gunicorn's timeout): say so, go on.
        status, size, first, total, how = "cut off", len(cut.partial), *[float("nan")] * 2, "-"
    done.set()
    watcher.join()
    growth = max(peak[pid] - before[pid] for pid in workers)
    return (
        f"{how:<7} {status!s:>7} {first * 1000:>8.0f} ms {total * 1000:>8.0f} ms "
        f"{size / 1e6:>8.2f} MB {growth:>+8.1f} MB"
    )


def two_servers(env, label="PostgreSQL and Redis"):
    """A publish through one app server is seen at once by anonymous readers of the other
    (with a hot standby: as soon as the standby has replayed it; until then the old page is
    served, never cached under the new version)."""
    script = (
        "from django.contrib.auth import get_user_model\n"
        "from plenaries.models import City, PlenaryMeeting\n"
        "from core.models import PublicationStatus\n"
        "get_user_model().objects.create_superuser("
        f"'bench-publisher', password={STAFF_PASSWORD!r})\n"
        "top = PlenaryMeeting.objects.order_by('-number').first()\n"
        "m = PlenaryMeeting.objects.create(number=top.number + 1, host_city=City.objects"
        ".published().first(), dates='2030-11-08/2030-11-09', summary='Two servers',"
        " status=PublicationStatus.DRAFT)\n"
        "print(m.pk, m.number)\n"
    )
    pk, number = manage(env, "shell", "-c", script).split()[-2:]
    first, second = Server(env), Server(env)
    try:
        page = f"/plenaries/{number}/"
        before = get(second.port, page)[0], get(second.port, "/plenaries/")[1]
        staff = Browser(first.port)
        _status, fields = staff.form("/admin/login/")
        fields.update(username="bench-publisher", password=STAFF_PASSWORD)
        staff.request("POST", "/admin/login/?next=/admin/", fields)
        _status, fields = staff.form("/admin/plenaries/plenarymeeting/")
        token = fields["csrfmiddlewaretoken"]
        status, _content, latency = staff.request(
            "POST",
            "/admin/plenaries/plenarymeeting/",
            {
                "csrfmiddlewaretoken": token,
                "action": "publish_selected",
                "_selected_action": pk,
                "_confirmed": "1",
                "summary": "Published through the first server",
            },
        )
        published_at = time.perf_counter()
        after = get(second.port, page)[0]
        while after != 200 and time.perf_counter() - published_at < 10:
            time.sleep(0.01)
            after = get(second.port, page)[0]
        seen_in = time.perf_counter() - published_at
        listed = f"/plenaries/{number}/" in get(second.port, "/plenaries/")[1].decode()
        print(
            f"\n  two app servers (:{first.port}, :{second.port}) sharing {label}:\n"
            f"  before: {page} on the second answered {before[0]}; the publish through the "
            f"first answered {status} in {latency * 1000:.0f} ms;\n"
            f"  then the second answered {after} {seen_in * 1000:.0f} ms later, and its "
            f"/plenaries/ {'lists' if listed else 'does NOT list'} the meeting"
        )
        if after != 200 or not listed:
            raise SystemExit("the second server served a stale page")
    finally:
        first.stop()
        second.stop()


PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None)
# The primary and hot standby the benchmark runs of its own (ports of this benchmark's range).
PRIMARY_PORT, STANDBY_PORT = 8480, 8481


def as_postgres(*command, **kwargs):
    """A PostgreSQL tool, as the `postgres` user when run as root (initdb refuses root)."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run(
        [*prefix, *command], check=True, capture_output=True, text=True, timeout=120, **kwargs
    )


class StandbyPair:
    """A primary and a hot standby streaming from it (initdb, pg_basebackup -R, pg_ctl), in a
    temporary directory, as an unprivileged user: the machine's own server needs no change."""

    def __init__(self, workdir):
        self.root = Path(workdir) / "pg"
        self.root.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
        self.primary, self.standby = self.root / "primary", self.root / "standby"
        as_postgres(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.primary),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
        )
        self.start(self.primary, PRIMARY_PORT)
        as_postgres(
            str(PG_BIN / "pg_basebackup"),
            "-h",
            HOST,
            "-p",
            str(PRIMARY_PORT),
            "-U",
            "postgres",
            "-D",
            str(self.standby),
            "-R",
            "-X",
            "stream",
        )
        self.start(self.standby, STANDBY_PORT)

    def start(self, datadir, port):
        options = f"-p {port} -k {self.root} -c listen_addresses={HOST} -c fsync=off"
        as_postgres(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(datadir),
            "-o",
            options,
            "-l",
            str(datadir.parent / f"{datadir.name}.log"),
            "-w",
            "start",
        )

    def url(self, port, database):
        return f"postgres://postgres@{HOST}:{port}/{database}"

    def query(self, port, sql, database="postgres"):
        return subprocess.run(
            ["psql", self.url(port, database), "-qAtc", sql],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    def stop(self):
        for datadir in (self.standby, self.primary):
            with contextlib.suppress(subprocess.SubprocessError):
                as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(datadir), "-m", "fast", "stop")


def hot_standby(env, seconds):
    """App servers on a primary and its hot standby: anonymous reads served by the standby,
    a publish on the primary seen by anonymous readers once the standby has replayed it."""
    print("\n  hot standby (a primary and a streaming replica of the benchmark's own):")
    if PG_BIN is None or not shutil.which("runuser"):
        print("  skipped: no PostgreSQL server binaries (initdb, pg_basebackup) on this machine")
        return
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)
        try:
            pair = StandbyPair(tmp)
        except (subprocess.SubprocessError, OSError) as error:
            detail = getattr(error, "stderr", "") or error
            print(f"  skipped: could not start a primary and standby ({str(detail).strip()[:200]})")
            return
        try:
            pair.query(PRIMARY_PORT, f"CREATE DATABASE {DATABASE}")
            standby_env = {
                **env,
                "DATABASE_URL": pair.url(PRIMARY_PORT, DATABASE),
                "DATABASE_REPLICA_URLS": pair.url(STANDBY_PORT, DATABASE),
            }
            manage(standby_env, "migrate", "--noinput", "-v0")
            manage(standby_env, "load_record")
            manage(standby_env, "collectstatic", "--noinput", "-v0")
            subprocess.run(
                ["redis-cli", "-u", f"{REDIS_URL}/{REDIS_DB}", "FLUSHDB"],
                check=True,
                capture_output=True,
            )
            in_recovery = pair.query(STANDBY_PORT, "SELECT pg_is_in_recovery()")
            reads = "SELECT tup_returned FROM pg_stat_database WHERE datname = current_database()"
            # No page cache: anonymous readers (who read the standby) get each page rendered.
            server = Server({**standby_env, "DJANGO_PAGE_CACHE_SECONDS": "0"})
            try:
                before = int(pair.query(STANDBY_PORT, reads, DATABASE))
                page = "/plenaries/9/"
                uncached, errors, _p99 = wrk(server.port, page, seconds)
                floor, _e, _p = wrk(server.port, "/robots.txt", seconds)
                after = int(pair.query(STANDBY_PORT, reads, DATABASE))
                print(
                    f"  standby in recovery: {in_recovery}; {page} not cached, reads on the "
                    f"standby: {uncached:.1f}/s ({uncached / floor:.3f} of /robots.txt), "
                    f"{errors} errors; rows the standby returned meanwhile: {after - before}"
                )
            finally:
                server.stop()
            two_servers(standby_env, label="primary and hot standby")
        finally:
            pair.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 1000])
    parser.add_argument("--seconds", type=int, default=5, help="wrk's time per page and mode")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = server_env(Path(tmp), 0)
        env.update(
            DATABASE_URL=f"{PGURL}/{DATABASE}",
            CACHE_URL=f"{REDIS_URL}/{REDIS_DB}",
            DJANGO_CONN_MAX_AGE="600",
        )
        try:
            for factor in args.factors:
                built = fresh_database(env, factor)
                subprocess.run(
                    ["redis-cli", "-u", f"{REDIS_URL}/{REDIS_DB}", "FLUSHDB"],
                    check=True,
                    capture_output=True,
                )
                print(f"\n== {factor}x the shipped record (built in {built:.0f} s) ==")
                server = Server(env)
                try:
                    throughput(server, args.seconds)
                    search_latency(server, env)
                    page_sizes(server)
                    downloads(server)
                finally:
                    server.stop()
            two_servers(env)
            hot_standby(env, args.seconds)
        finally:
            psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    random.seed(0)
    main()
