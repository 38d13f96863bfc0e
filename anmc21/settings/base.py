"""Settings shared by every environment; values come from the environment (12-factor)."""

from pathlib import Path

import environ
from django.utils.functional import SimpleLazyObject
from django.utils.module_loading import import_string
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    # Before the admin: its translation fields in the admin's forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "axes",
    "core",
    "simple_history",
    "import_export",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "backoffice",
    "plenaries",
    "declarations",
    "contacts",
    "public",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Cross-origin reads of the open data (API, downloads, feeds, calendars); answers a
    # preflight itself, before anything below.
    "corsheaders.middleware.CorsMiddleware",
    # Security headers on every response, static files included (WhiteNoise answers below them).
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compressed pages, except those carrying a secret (core.middleware: BREACH).
    "core.middleware.SafeGZipMiddleware",
    # Anonymous reads from a replica, when there are replicas (core.db).
    "core.db.ReplicaMiddleware",
    "core.middleware.HeadMiddleware",
    "core.middleware.RejectNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the address (/ja/...), else English; the reader's choice where an address
    # has no language of its own (core.middleware).
    "core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # An ETag on every GET answer with a body, and 304 Not Modified when the client has it.
    "django.middleware.http.ConditionalGetMiddleware",
    # Whole pages for anonymous readers, keyed by the record's version (core.cache).
    "core.cache.PageCacheMiddleware",
    # A method the view does not serve is refused before anything below reads the body.
    "core.middleware.MethodNotAllowedMiddleware",
    "core.middleware.RejectNulFormDataMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "anmc21.urls"
WSGI_APPLICATION = "anmc21.wsgi.application"
ASGI_APPLICATION = "anmc21.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.navigation",
                "core.context_processors.languages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# No transaction around every request: public pages only read, and every staff write is atomic
# where it happens (the admin's change, delete and revert views, publishing, imports, restores).
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite, the embedded default, under concurrent use: readers never wait for the writer
    # (write-ahead log), a write transaction takes the write lock when it begins (so two of them
    # queue instead of one failing with "database is locked" when it comes to write), and a
    # writer waits up to 20 s for its turn.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# Keep connections open between requests (PostgreSQL's connection set-up costs more than a page).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Read replicas of the primary (PostgreSQL streaming replicas): anonymous readers' queries go
# to them, everything else to the primary (core.db).
DATABASE_REPLICAS = []
for number, url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[])):
    alias = f"replica{number}"
    DATABASES[alias] = {
        **env.db_url_config(url),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        "ATOMIC_REQUESTS": False,
    }
    DATABASE_REPLICAS.append(alias)
DATABASE_ROUTERS = ["core.db.ReplicaRouter"]
# For this long after a change, a page read from a replica is not cached (it may predate it).
REPLICA_LAG_SECONDS = env.float("DJANGO_REPLICA_LAG_SECONDS", default=5.0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache every app server shares: Redis (CACHE_URL=redis://host:6379/0, django-redis), or
# this process's memory when CACHE_URL is not set.
CACHE_URL = env("CACHE_URL", default="")
if CACHE_URL:
    CACHES = {"default": env.cache_url_config(CACHE_URL)}
    CACHES["default"]["BACKEND"] = "django_redis.cache.RedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {
            # A cache that is down slows nothing: pages are rendered as if never cached.
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
        }
    )
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whole pages for anonymous readers (core.cache.PageCacheMiddleware), for this many seconds at
# most; any change to the record invalidates them at once. On by default only with a shared
# cache: each process's own memory would not see another process's writes.
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = env.int("DJANGO_PAGE_CACHE_SECONDS", default=600 if CACHE_URL else 0)
# This release of the site (a commit, a tag): cached pages are of one release. Unset, a digest
# of the site's files (core.release).
RELEASE = env("DJANGO_RELEASE", default="")
# What a CDN or proxy may do with a public page: keep it DJANGO_CDN_SECONDS, and serve it stale
# for as long again while it checks with us; browsers check every time (a 304 is cheap).
PAGE_CACHE_CONTROL = {
    "public": True,
    "max_age": 0,
    "s_maxage": env.int("DJANGO_CDN_SECONDS", default=60),
    "stale_while_revalidate": env.int("DJANGO_CDN_SECONDS", default=60),
}

AUTHENTICATION_BACKENDS = [
    # Locks out a username and address pair after repeated failed logins (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("DJANGO_LOGIN_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "403_lockout.html"
# The client's address (django-ipware). Behind a reverse proxy (DJANGO_PROXY_COUNT=1), the proxy
# sets X-Forwarded-For to the address it saw, replacing what the client sent (nginx:
# `proxy_set_header X-Forwarded-For $remote_addr;`), and that is the client. A longer header
# than the proxies in front could have written counts as the proxy's own address: a client can
# never pick another's. With no proxy, only the connection's address counts.
PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0)
AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1 if PROXY_COUNT else None
AXES_IPWARE_PROXY_ORDER = "right-most"
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if PROXY_COUNT else ["REMOTE_ADDR"]
)

# The admin's address; set DJANGO_ADMIN_URL to something less guessable in production.
ADMIN_URL = env("DJANGO_ADMIN_URL", default="admin/")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English at the site's historical addresses, Japanese under /ja/ (anmc21/urls.py). Each
# language is named in itself, as the language switch shows it.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ja", "日本語")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The reader's choice, remembered by the language switch (core.views.switch_language) for the
# addresses that carry no language of their own: the admin and unknown addresses.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
# The record's content languages (django-modeltranslation: `name_en`, `name_ja` for each text
# field people read). English is the record's language: every text has it, and a Japanese text
# not recorded falls back to it (shown marked "English only", core.templatetags.records).
MODELTRANSLATION_LANGUAGES = ("en", "ja")
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
CONTENT_LANGUAGE_NAMES = {"en": _("English"), "ja": _("Japanese")}
MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = lambda name, language: format_lazy(  # noqa: E731
    "{} ({})", name, CONTENT_LANGUAGE_NAMES[language]
)
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files served at the site's root: /favicon.ico, /apple-touch-icon.png, the app icons and the web
# app manifest (a type WhiteNoise does not know by itself).
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")

# Files the site builds itself: the downloads, one copy per version of the record
# (core.downloads), under DJANGO_MEDIA_ROOT/downloads/. Where several app servers run, point
# "downloads" at storage they share (object storage: django-storages' S3Storage, whose objects
# appear only once complete), and readers are sent there.
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "downloads": {"BACKEND": "core.storage.AtomicFileSystemStorage"},
}
# Keep a copy of each download once built, and serve it until the record changes.
DOWNLOAD_COPIES = env.bool("DJANGO_DOWNLOAD_COPIES", default=True)

# Bounds on a request's body: what Django reads into memory from a form (the largest admin page,
# a meeting with all its rows, posts well under 1 MB and a few hundred fields), and uploads kept
# in memory before they go to a temporary file. The reverse proxy caps whole bodies first.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Security headers on every response; production adds TLS-only settings (production.py).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# The region assumed for phone numbers written in local form ("03-5388-2234" is Tokyo).
DEFAULT_PHONE_REGION = env("DJANGO_DEFAULT_PHONE_REGION", default="JP")

# django-import-export
# Staff import and export CSV and XLSX, in core.imports' versions: a CSV is read in whichever
# encoding a spreadsheet saved it, and a cell a spreadsheet would run as a formula is exported
# escaped. Looked up when first used, as settings cannot import the project's code.
IMPORT_EXPORT_FORMATS = SimpleLazyObject(
    lambda: [import_string("core.imports.CSV"), import_string("core.imports.XLSX")]
)
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}

# The licence of the published record as open data: shown on /data/, in every download (the
# documents that can hold it, and a `Link: <...>; rel="license"` header on all), the API and the
# feeds. An SPDX identifier, a title and the licence's address.
OPEN_DATA_LICENCE = {
    "id": env("DJANGO_DATA_LICENCE_ID", default="CC-BY-4.0"),
    "title": env(
        "DJANGO_DATA_LICENCE_TITLE", default="Creative Commons Attribution 4.0 International"
    ),
    "url": env("DJANGO_DATA_LICENCE_URL", default="https://creativecommons.org/licenses/by/4.0/"),
}

# Cross-origin reads (django-cors-headers): anyone may read the open data from a browser, with
# no credentials; nothing else of the site is shared across origins.
CORS_URLS_REGEX = (
    r"^/(ja/)?(api/v1/.*|data/.*|feeds/.*|plenaries/.*\.(ics|json)|plenaries/calendar\.ics"
    r"|declarations/.*\.(akn\.xml|json|txt)|.*/cite\.(bib|ris|json))$"
)
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag", "Link")
CORS_PREFLIGHT_MAX_AGE = 86400

# The read-only API (/api/v1/, the `api` app): JSON only, no sign-in (it serves what the public
# site serves, to everyone alike), pages of 50 records.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_METADATA_CLASS": None,
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ANMC21 Records API",
    "DESCRIPTION": (
        "The published record of the Asian Network of Major Cities 21, read-only: plenary "
        "meetings, participations, cities and their memberships, declarations clause by clause, "
        "joint projects, related events, sources and public inquiry contacts. Records are named "
        "by stable identifiers (a meeting by its number, a city, declaration, project or source "
        "by its slug) and link to their pages on the site."
    ),
    "VERSION": "1",
    "LICENSE": {"name": OPEN_DATA_LICENCE["title"], "url": OPEN_DATA_LICENCE["url"]},
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": False,
    "ENUM_NAME_OVERRIDES": {
        "EventKindEnum": "plenaries.models.EventKind",
        "SourceKindEnum": "plenaries.models.SourceKind",
        "OutcomeKindEnum": "plenaries.models.OutcomeKind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_errors",
    ],
    # Swagger UI from our own static files (drf-spectacular-sidecar), never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
