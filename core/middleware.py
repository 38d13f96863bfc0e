"""Request hygiene that every view relies on: hostile input gets a clear page, never a 500."""

from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.template import loader


class RejectNulBytesMiddleware:
    """Answer 400 to a request whose path, query or form data holds a NUL byte.

    No reader of the record types one, and PostgreSQL refuses NUL in a string with an error, so
    they are turned away once, here, before any view or query sees them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            return HttpResponseBadRequest(loader.render_to_string("400.html", request=request))
        return self.get_response(request)

    @staticmethod
    def _has_nul(request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path_info or "\x00" in query or "%00" in query:
            return True
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            return any("\x00" in value for _key, values in request.POST.lists() for value in values)
        return False


class MethodNotAllowedMiddleware:
    """Answer 405, with the site's page, to a method a class-based view does not handle.

    It runs before the CSRF check, so a POST to a read-only page is told the method is wrong
    rather than that a token is missing; and it gives Django's bare 405 responses a body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            return self._not_allowed(request, response["Allow"].split(", "))
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_class = getattr(view_func, "view_class", None)
        if view_class is None:
            return None
        method = request.method.lower()
        if method in view_class.http_method_names and hasattr(view_class, method):
            return None
        allowed = [m.upper() for m in view_class.http_method_names if hasattr(view_class, m)]
        return self._not_allowed(request, allowed)

    @staticmethod
    def _not_allowed(request, allowed):
        response = HttpResponseNotAllowed(allowed)
        response.content = loader.render_to_string(
            "405.html", {"allowed": allowed}, request=request
        )
        return response
