"""Search at scale, on a database already built (`make_scale_data --factor 1000`): the
production server (gunicorn, 2 workers, page cache in Redis, bypassed by a session cookie)
answering `/search/?q=` for 100 words drawn from the record's clauses, English and Japanese,
p50/p95/max; then `wrk` on a common word against /robots.txt through the same stack.

    createdb -h 127.0.0.1 -U postgres wt_search_scale
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_search_scale
    .venv/bin/python manage.py migrate -v0 && .venv/bin/python manage.py load_record
    .venv/bin/python manage.py make_scale_data --factor 1000
    .venv/bin/python benchmarks/search.py

REDIS_URL (default redis://127.0.0.1:6379/13) is flushed before each measure, so every word
is searched, not read from the results cache (a search's results are kept under the record's
version for the next reader, signed in or not). `wrk` then runs twice on the common word, with
the session cookie that keeps the page cache from answering: once as served (its results
cached after the first request), once with caching off (DJANGO_PAGE_CACHE_SECONDS=0: searched
every time).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import server_env
from scale import UNCACHED, Server, get, manage, search_words, wrk

# Japanese words a reader would type, found inside longer runs (東京 in 東京都 and 東京宣言).
JAPANESE_WORDS = [
    "東京",
    "宣言",
    "ソウル",
    "東京都",
    "協力",
    "環境",
    "会議",
    "危機管理",
    "都市",
    "台北",
]
COMMON_WORD = "cooperation"


def latency(server, words):
    times = []
    cookie = {"Cookie": UNCACHED.split(": ", 1)[1]}
    for word in words:
        status, _body, _first, total = get(server.port, f"/search/?q={quote(word)}", cookie)
        assert status == 200, (word, status)
        times.append(total * 1000)
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    return statistics.median(times), p95, times[-1]


def flush(redis_url):
    subprocess.run(["redis-cli", "-u", redis_url, "FLUSHDB"], check=True, capture_output=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=5, help="wrk's time per page")
    args = parser.parse_args()
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/13")
    with tempfile.TemporaryDirectory() as tmp:
        env = server_env(Path(tmp), 0)
        env.update(CACHE_URL=redis_url, DJANGO_CONN_MAX_AGE="600")
        manage(env, "collectstatic", "--noinput", "-v0")
        words = search_words(env, 90) + JAPANESE_WORDS
        server = Server(env)
        try:
            flush(redis_url)
            latency(server, ["warm", "the", "workers", "up", "京都"])
            p50, p95, top = latency(server, words)
            print(
                f"search over {len(words)} words ({len(JAPANESE_WORDS)} Japanese), not cached: "
                f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {top:.0f} ms"
            )
            flush(redis_url)
            p50, p95, top = latency(server, JAPANESE_WORDS)
            print(f"  Japanese words only: p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {top:.0f} ms")
            floor, _errors, _p99 = wrk(server.port, "/robots.txt", args.seconds)
            path = f"/search/?q={COMMON_WORD}"
            rate, errors, p99 = wrk(server.port, path, args.seconds, UNCACHED)
            print(
                f"wrk {path}, page cache bypassed, results cached: {rate:.1f} req/s, "
                f"{rate / floor:.2f}x /robots.txt ({floor:.1f} req/s); p99 {p99}; non-2xx {errors}"
            )
        finally:
            server.stop()
        server = Server({**env, "DJANGO_PAGE_CACHE_SECONDS": "0"})
        try:
            latency(server, ["warm", "the", "workers", "up", "京都"])
            floor, _errors, _p99 = wrk(server.port, "/robots.txt", args.seconds)
            rate, errors, p99 = wrk(server.port, path, args.seconds, UNCACHED)
            print(
                f"wrk {path}, nothing cached (searched every time): {rate:.1f} req/s, "
                f"{rate / floor:.2f}x /robots.txt ({floor:.1f} req/s); p99 {p99}; non-2xx {errors}"
            )
        finally:
            server.stop()


if __name__ == "__main__":
    main()
