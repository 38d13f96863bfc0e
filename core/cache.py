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

import hashlib
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date
from django.utils.translation import get_language
from django.views.decorators.http import condition

from .db import reads_from_replica

VERSION_KEY = "record:version"
PAGE_KEY = "page:{version}:{language}:{digest}"


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


def request_version(request):
    """The record's version as this request first read it, so that a download's `ETag`, its
    `Last-Modified` and the copy it is served from all name one version."""
    if not hasattr(request, "record_version"):
        request.record_version = record_version()
    return request.record_version


def _version_etag(request, *args, **kwargs):
    return f'"{request_version(request)}-{get_language()}"'


def _version_date(request, *args, **kwargs):
    return datetime.fromtimestamp(request_version(request) // 10**9, tz=UTC)


# A download dated by the record's version (`ETag`, `Last-Modified`): a reader who has the
# current one gets 304 Not Modified before anything is read or streamed.
dated_by_record_version = condition(etag_func=_version_etag, last_modified_func=_version_date)


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


def page_key(request, version):
    url = request.build_absolute_uri()
    digest = hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()
    return PAGE_KEY.format(version=version, language=get_language(), digest=digest)


class PageCacheMiddleware:
    """Whole pages for anonymous readers, from the shared cache, keyed by the record's version,
    the language and the full address (which says the language: /ja/..., so no `Vary`); dated
    (`Last-Modified`) by the record's version, with an `ETag`, and `Cache-Control` that lets a
    CDN hold them briefly (`s-maxage`) and serve them stale while it checks again. Listed after
    LocaleMiddleware (the language is known) and below ConditionalGetMiddleware (which answers
    304 from these headers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        cache = _cache()
        version = record_version()
        key = page_key(request, version)
        response = cache.get(key)
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
        cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        response["X-Cache"] = "miss"
        return response
