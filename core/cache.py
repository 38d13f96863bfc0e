"""The record's version, and the page cache it keys.

Every committed write to a model of the record (the apps whose AppConfig says `holds_record`,
and the public change log) moves the record's version on, in the shared cache (Redis in
production, so every app server sees it at once). Anonymous GET pages are cached under the
version they were rendered at: a publication, an approved correction, a withdrawal, an import
or a loaded record file changes the version, so the next reader gets a fresh page. Bulk writes,
which send no signals (imports, the record loader, restores), call `record_changed()`.

The version is the time of the last change in nanoseconds: it also dates pages for
`Last-Modified`. A reader who carries a session cookie (staff, anyone signed in) is never
served from the cache nor cached, and neither is a response that sets a cookie, uses a CSRF
token or says `private`/`no-store` (a staff preview).
"""

import functools
import hashlib
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import EmptyResultSet
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date
from django.utils.translation import get_language
from django.views.decorators.http import condition
from django.views.decorators.vary import vary_on_headers

from .db import reading_from_replica, reads_from_replica
from .release import release

VERSION_KEY = "record:version"
# One key per address and language: a page rendered at an older version is replaced when the
# page is next rendered, and expires by itself meanwhile.
# Both of this release of the site's code (core.release): a deploy never serves what an earlier
# one rendered.
PAGE_KEY = "page:{release}:{language}:{digest}"
PART_KEY = "part:{release}:{version}:{language}:{digest}"
# A part read with the version in one round trip (`current_part`): one key per name and
# language, holding the version it was made at.
CURRENT_PART_KEY = "current:{release}:{language}:{digest}"


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def record_version():
    """The record's current version (nanoseconds since the epoch of its last change)."""
    cache = _cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        # Lost (a cache restarted or evicted it): a new value, never one used before.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def record_changed(using=None):
    """Something the public may see has changed: once the transaction commits, move the
    record's version on, so that no page cached before is served again."""
    transaction.on_commit(_bump, using=using)


def _bump():
    _cache().set(VERSION_KEY, time.time_ns(), timeout=None)


def _on_write(sender, using=None, **kwargs):
    record_changed(using=using)


def watch_record_models(models):
    """Move the version on after every save, delete or link change of these models."""
    for model in models:
        uid = f"core.cache:{model._meta.label}"
        post_save.connect(_on_write, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"{uid}:delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _on_write, sender=field.remote_field.through, dispatch_uid=f"{uid}:{field.name}"
            )


def remembered(name, compute, request=None):
    """compute(), worked out from the published record only (the same for every reader, signed
    in or not: a count, a latest date, a search's results, a page's body) once per record
    version and language, and kept in the shared cache under `name` (a string that says what
    it is): what costs as much as the record is large is worked out once a change of the
    record, not once a request, for signed-in readers too, whom the page cache never serves.
    Without a shared cache (the page cache off: each process would keep its own version) it is
    worked out every time."""
    value = kept_part(name, request)
    if value is None:
        value = compute()
        keep_part(name, value, request)
    return value


def _part_key(name, request):
    # A request reads the version once: every part of one page is of the same version.
    version = record_version() if request is None else request_version(request)
    digest = hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()
    key = PART_KEY.format(
        release=release(), version=version, language=get_language(), digest=digest
    )
    return version, key


def kept_part(name, request=None):
    """The value kept under this name for the record's current version, or None."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return None
    return _cache().get(_part_key(name, request)[1])


def keep_part(name, value, request=None):
    """Keep a value (not None) for the record's current version, as read at the start of this
    request: a change since then has moved the version on, and the value is never served. Not
    just after a change when reading from a replica, which may not have replayed it yet (as for
    pages: `replica_may_lag`)."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return
    version, key = _part_key(name, request)
    if _may_keep(version):
        _cache().set(key, value, settings.PAGE_CACHE_SECONDS)


def _may_keep(version):
    settle = settings.REPLICA_LAG_SECONDS * 10**9
    return not (reading_from_replica() and time.time_ns() - version < settle)


def _current_part_key(name):
    digest = hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()
    return CURRENT_PART_KEY.format(release=release(), language=get_language(), digest=digest)


def current_part(name, request):
    """As `kept_part`, for the part a request reads first (a page's body): read together with
    the record's version, in one round trip to the cache, where `kept_part` takes two. None if
    what is kept under this name is of another version."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return None
    _version, stored = _read_with_version(request, _current_part_key(name))
    return None if stored is None else stored[1]


def _read_with_version(request, key):
    """The record's version, noted on the request (the parts of its page and its downloads are
    of this version too), and what the key holds if it was stored at that version, read in one
    round trip to the cache (or the key alone, where the request has read the version)."""
    if hasattr(request, "record_version"):
        version, stored = request.record_version, _cache().get(key)
    else:
        found = _cache().get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        if version is None:
            version = record_version()
        request.record_version = version
        stored = found.get(key)
    return version, stored if stored is not None and stored[0] == version else None


def keep_current_part(name, value, request):
    """Keep a value for `current_part`, of the version this request read first."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return
    version = request_version(request)
    if _may_keep(version):
        _cache().set(_current_part_key(name), (version, value), settings.PAGE_CACHE_SECONDS)


def counted(queryset):
    """How many rows the queryset has, counted once per record version (`remembered`): the
    total of a paged list of 100,000 clauses without a COUNT over them on every request."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return 0
    return remembered(f"count:{queryset.db}:{sql}:{params!r}", queryset.count)


def request_version(request):
    """The record's version as this request first read it, so that a download's `ETag`, its
    `Last-Modified` and the copy it is served from all name one version."""
    if not hasattr(request, "record_version"):
        request.record_version = record_version()
    return request.record_version


def version_etag(request, *args, **kwargs):
    return f'"{request_version(request)}-{get_language()}"'


def _version_date(request, *args, **kwargs):
    return datetime.fromtimestamp(request_version(request) // 10**9, tz=UTC)


def dated_by_record_version(view):
    """A download dated by the record's version (`ETag`, `Last-Modified`): a reader who has the
    current one gets 304 Not Modified before anything is read or streamed. Its 304 says, as
    its 200 does, that it varies with `Accept-Encoding` (a stored copy's gzipped twin)."""
    dated = condition(etag_func=version_etag, last_modified_func=_version_date)(view)
    return vary_on_headers("Accept-Encoding")(dated)


def cacheable_request(request):
    """An anonymous GET or HEAD: no session cookie, no credentials."""
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def cacheable_response(request, response):
    """A complete 200 answer the same for every anonymous reader: no cookie set, no CSRF token,
    not private, not streamed."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_USED")
        and not getattr(getattr(request, "session", None), "modified", False)
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


def replica_may_lag(request, version):
    """A page read from a replica just after a change may predate it (the replica not yet
    replayed it): served, but not cached under the new version for the next readers."""
    settle = settings.REPLICA_LAG_SECONDS * 10**9
    return reads_from_replica(request) and time.time_ns() - version < settle


def page_key(request):
    url = request.build_absolute_uri()
    digest = hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()
    return PAGE_KEY.format(release=release(), language=get_language(), digest=digest)


def cached_page(request):
    """The record's version and the page cached for this request at that version, if any, in
    one round trip to the cache (the version is read on every request: a publication through
    any app server shows at once on every other)."""
    key = page_key(request)
    version, stored = _read_with_version(request, key)
    if stored is None:
        return key, version, None
    _version, headers, content = stored
    return key, version, _response(headers, content)


def _response(headers, content):
    response = HttpResponse(content)
    for header, value in headers:
        response[header] = value
    return response


def same_for_every_reader(view):
    """A function view whose answer is the same for every reader, signed in or not, and costs
    as much as the record is large (the sitemaps): its 200 answers are kept under the record's
    version (`current_part`) for the readers the page cache does not serve."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        name = f"response:{request.scheme}://{request.get_host()}{request.get_full_path()}"
        kept = current_part(name, request)
        if kept is not None:
            return _response(*kept)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        if response.status_code == 200 and not response.streaming:
            keep_current_part(name, (list(response.items()), response.content), request)
        return response

    return wrapper


def cache_page(key, version, response):
    """Keep the page's headers and body only (not the response object, which for an API
    answer would carry its data too): a plain tuple is quick to read back."""
    stored = (version, list(response.items()), response.content)
    _cache().set(key, stored, settings.PAGE_CACHE_SECONDS)


class PageCacheMiddleware:
    """Whole pages for anonymous readers, from the shared cache, valid at the record's version,
    keyed by the language and the full address (which says the language: /ja/..., so no
    `Vary`); dated (`Last-Modified`) by the record's version, with an `ETag`, and
    `Cache-Control` that lets a CDN hold them briefly (`s-maxage`) and serve them stale while
    it checks again. Listed after LocaleMiddleware (the language is known) and below
    ConditionalGetMiddleware (which answers 304 from these headers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        key, version, response = cached_page(request)
        if response is not None:
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if not cacheable_response(request, response) or replica_may_lag(request, version):
            return response
        response["Last-Modified"] = http_date(version / 1e9)
        if not response.has_header("ETag"):
            set_response_etag(response)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, **settings.PAGE_CACHE_CONTROL)
        cache_page(key, version, response)
        response["X-Cache"] = "miss"
        return response
