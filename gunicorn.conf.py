"""gunicorn settings for `make serve`; every value can be set from the environment."""

import multiprocessing
import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Workers are recycled after this many requests (a guard against slow leaks): at the 1,000-2,000
# requests a second two workers serve cached pages here, 100,000 is a minute or two at full
# load and days at a real site's; the jitter keeps workers from restarting together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10
# The site is loaded once, in the master, and forked into each worker: a worker that replaces
# a recycled one answers in milliseconds, not after the second or so that importing Django and
# the project, compiling the URL patterns and parsing the templates take (the p99 of a benchmark
# run across a recycling). GUNICORN_PRELOAD=false loads it in each worker instead.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() != "false"


def when_ready(server):
    """Before the first fork: what each worker would otherwise do on its first request."""
    if preload_app:
        from core.warm import warm

        warm()


# Logs go to stderr, for the platform to collect.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "/dev/stderr")
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Bounds on what a request may send before Django sees it (gunicorn answers 400 beyond them):
# the request line (a URL and its query), the number of headers and the size of each.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
