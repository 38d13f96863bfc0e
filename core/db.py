"""Read replicas: a database router, and the middleware that tells it whose request it is.

With `DATABASE_REPLICA_URLS` set, anonymous readers' queries go to a replica (chosen at random
per request) and everything else to the primary: writes; staff and anyone else signed in
(a session cookie), so an editor reads back what they saved; any request other than GET and
HEAD; and every read in a request after it has written.
"""

import random
from contextvars import ContextVar

from django.conf import settings

# The replica this request reads from, or None for the primary.
_replica = ContextVar("replica", default=None)


class ReplicaRouter:
    """Reads to the request's replica, if it has one; writes, and reads after one, to the
    primary; every relation allowed (the replicas hold the primary's data)."""

    def db_for_read(self, model, **hints):
        return _replica.get()

    def db_for_write(self, model, **hints):
        # From now on this request reads what it wrote; the write goes where Django would
        # send it (the primary, or the database the instance came from).
        _replica.set(None)
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        # A replica copies the primary's schema; other databases decide for themselves.
        return False if db in settings.DATABASE_REPLICAS else None


def reads_from_replica(request):
    """Whether this request may read from a replica: an anonymous GET or HEAD."""
    return (
        bool(settings.DATABASE_REPLICAS)
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def reading_from_replica():
    """Whether this request's reads go to a replica just now."""
    return _replica.get() is not None


class ReplicaMiddleware:
    """Choose the database this request reads from (see ReplicaRouter)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        replica = random.choice(settings.DATABASE_REPLICAS) if reads_from_replica(request) else None
        token = _replica.set(replica)
        try:
            return self.get_response(request)
        finally:
            _replica.reset(token)
