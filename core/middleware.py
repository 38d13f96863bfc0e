"""Request hygiene that every view relies on: a method a page does not serve is refused before
its body is read, HEAD answers as GET without a body, and hostile input gets a clear page,
never a 500."""

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.middleware import locale
from django.middleware.gzip import GZipMiddleware
from django.template import loader
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .i18n import page_match

FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def allowed_methods(view_func):
    """The HTTP methods a view serves, upper case, or None where the view does not say (the
    admin's views, which check for themselves).

    A class-based view serves the methods it has handlers for, and HEAD wherever it serves GET;
    a function view says so with `core.views.read_only`.
    """
    view_class = getattr(view_func, "view_class", None)
    if view_class is not None:
        methods = {m for m in view_class.http_method_names if hasattr(view_class, m)}
        if "get" in methods:
            methods.add("head")
        return sorted(m.upper() for m in methods)
    return getattr(view_func, "allowed_methods", None)


def not_allowed(request, allowed):
    """405 with the site's page and the `Allow` header."""
    response = HttpResponseNotAllowed(allowed)
    response.content = loader.render_to_string("405.html", {"allowed": allowed}, request=request)
    return response


class MethodNotAllowedMiddleware:
    """Answer 405, with the site's page and an `Allow` header, to a method a view does not
    serve (TRACE, a POST to a read-only page...), before anything reads the request's body:
    a client trickling a large upload to a read-only page cannot hold a worker.

    It runs before the CSRF check, so a POST to a read-only page is told the method is wrong
    rather than that a token is missing; and it gives Django's bare 405 responses a body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            return not_allowed(request, response["Allow"].split(", "))
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        allowed = allowed_methods(view_func)
        if allowed is None or request.method in allowed:
            return None
        return not_allowed(request, allowed)


class HeadMiddleware:
    """HEAD answers as GET would, headers and all (Content-Length too), without the body,
    whatever server runs the site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                response.streaming_content = []
            else:
                response.content = b""
        return response


class RejectNulBytesMiddleware:
    """Answer 400 to a request whose path or query string holds a NUL byte.

    No reader of the record types one, and PostgreSQL refuses NUL in a string with an error, so
    they are turned away here, before any view or query sees them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path_info or "\x00" in query or "%00" in query:
            return bad_request(request)
        return self.get_response(request)


class RejectNulFormDataMiddleware:
    """Answer 400 to posted form data holding a NUL byte; listed after
    MethodNotAllowedMiddleware, so the body is read only once the view is known to take it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            request.method == "POST"
            and request.content_type in FORM_CONTENT_TYPES
            and any("\x00" in value for _key, values in request.POST.lists() for value in values)
        ):
            return bad_request(request)
        return None


def bad_request(request):
    """400 with the site's page."""
    return HttpResponseBadRequest(loader.render_to_string("400.html", request=request))


class SafeGZipMiddleware(GZipMiddleware):
    """gzip for public answers only. A compressed response that reflects what a request sent
    next to a secret (a CSRF token, a session's page) leaks the secret through its length
    (BREACH), so nothing is compressed for a request with a session cookie, nor any response
    that used a CSRF token or sets a cookie."""

    def process_response(self, request, response):
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            or request.META.get("CSRF_COOKIE_USED")
            or response.cookies
        ):
            return response
        return super().process_response(request, response)


class LocaleMiddleware(locale.LocaleMiddleware):
    """The language of a request. A public page's address says it: /ja/... is Japanese, an
    address without a prefix English (the same for every reader, so a CDN may cache it with
    no `Vary`). The admin and addresses no view serves have no language of their own: they
    follow the reader's choice (the language switch's cookie), else the browser's
    `Accept-Language`, and say so in `Vary`."""

    def process_request(self, request):
        path = request.path_info
        if not translation.get_language_from_path(path) and (
            path.startswith(f"/{settings.ADMIN_URL}") or page_match(request) is None
        ):
            request.language_chosen_by_reader = True
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()
        else:
            super().process_request(request)

    def process_response(self, request, response):
        if getattr(request, "language_chosen_by_reader", False):
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
