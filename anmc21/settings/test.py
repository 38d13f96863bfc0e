"""Settings for the test suite: fast, isolated, deterministic."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY", default="test-only-not-a-secret")
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Test clients log in without a request; the lockout test turns django-axes on itself.
AXES_ENABLED = False

# A query per row (N+1) fails the request, and so the test, in every request the suite makes:
# pages, feeds, downloads, the admin (django-zeal; a context per request).
INSTALLED_APPS = [*INSTALLED_APPS, "zeal"]  # noqa: F405
MIDDLEWARE = ["zeal.middleware.zeal_middleware", *MIDDLEWARE]  # noqa: F405
ZEAL_RAISE = True
# Alert from the third lazy load of one relation (or .get() of one model) in a request, not the
# second: zeal counts loads by the nearest frame outside site-packages, which for the admin's
# own views is the stdlib decorator wrapping them, so two legitimate reads of one record there
# (the history of a deleted record reads it twice) would look like a loop. Query-count tests run
# on data with three rows or more of everything, so a query per row still shows.
ZEAL_NPLUSONE_THRESHOLD = 3
# Saving an admin page with inline rows writes each row's many-to-many links with `.set()`,
# which reads the row's current links: a query per row saved, as Django's formsets do. Reading
# these links on public pages is pinned by tests/test_query_counts.py instead.
ZEAL_ALLOWLIST = [
    {"model": "declarations.Clause", "field": "joint_projects"},
    {"model": "declarations.Clause", "field": "topics"},
    {"model": "declarations.Clause", "field": "meetings_named"},
]

# Static files come straight from the app folders (WhiteNoise uses the finders); no collectstatic.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

# No page cache in tests but its own (tests/test_page_cache.py turns it on): a test's writes are
# never committed, so they would not date the pages another test cached.
PAGE_CACHE_SECONDS = 0
# No copies of downloads either, for the same reason (tests/test_downloads.py turns them on,
# each test with a storage of its own).
DOWNLOAD_COPIES = False

# A read replica that is the test database itself (Django's test MIRROR), for the router's
# tests (tests/test_replicas.py); replicas are used only where a test lists them.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
