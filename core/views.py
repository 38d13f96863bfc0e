"""Operational endpoints, the language switch, and the marking of function views that only
read."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
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


@never_cache
@read_only
def switch_language(request, language):
    """The language switch's link: remember the reader's choice in Django's language cookie
    (the admin and addresses with no language of their own follow it) and go to the page
    `next` in that language. A plain GET link, so it works without JavaScript and without a
    CSRF token on cached public pages; search engines are told not to follow it."""
    if language not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    # The address is in the language its prefix says, the default one without a prefix.
    with translation.override(translation.get_language_from_path(target) or settings.LANGUAGE_CODE):
        target = translate_url(target, language)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
