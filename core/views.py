"""Operational endpoints, and the marking of function views that only read."""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def read_only(view):
    """A function view that serves GET and HEAD only: any other method is refused with 405
    (core.middleware.MethodNotAllowedMiddleware reads `allowed_methods` before the body)."""

    wrapper = require_safe(view)
    wrapper.allowed_methods = ["GET", "HEAD"]
    return wrapper


@never_cache
@read_only
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
