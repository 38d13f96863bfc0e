"""The bases of every public page: what a page tells people, search engines and link previews
about itself; lists narrowed by a GET form; and the page of one record in any rendering, which
staff may open on a draft as a preview that is never cached, shared nor indexed."""

import hashlib

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import cached_property
from django.views.generic import DetailView

from . import citations
from .cache import counted, current_part, keep_current_part
from .licence import add_licence_link
from .models import (
    ChangeKind,
    PublicationStatus,
    PublicChange,
    is_public,
    may_preview,
    review_owner,
)
from .schema_org import SCHEMA_ORG


class RecordWithdrawn(Exception):
    """The record at this address was withdrawn from the public record: 410 Gone."""

    def __init__(self, record):
        super().__init__(str(record))
        self.record = record


class PageMixin:
    """Title, description, canonical link, breadcrumbs and schema.org data of a public page.

    Views set `title` and `description` (or override the getters) and may override
    `get_structured_data()`; `base.html` renders it all.

    A page whose body costs much to read and render, the same for every reader, sets
    `keeps_body`: what its templates render in `{% kept "name" %}` blocks (its body, and all
    else that depends on the page: head links, breadcrumbs, JSON-LD, change log entries) and its
    title and description are then kept under the record's version (core.cache), so that the
    next readers, signed in or not, get them without reading or rendering them again
    (`body_is_kept()` says when the view may leave them unread).
    """

    title = ""
    description = ""
    og_type = "website"
    # The main navigation entry this page belongs to (core.navigation), marked current.
    nav_section = None
    keeps_body = False

    def get_title(self):
        return self.title

    def get_description(self):
        return self.description

    def get_breadcrumbs(self):
        """(label, url) pairs after "Home"; the last one, the page itself, has no url."""
        return [(self.get_title(), None)]

    def get_structured_data(self):
        return {"@type": "WebPage", "name": str(self.get_title())}

    def absolute_url(self, path):
        return self.request.build_absolute_uri(path)

    def page_structured_data(self, canonical_url):
        """The page's schema.org data block, as `base.html` renders it."""
        structured_data = {"@context": SCHEMA_ORG, **self.get_structured_data()}
        structured_data.setdefault("url", canonical_url)
        return structured_data

    def body_part_name(self):
        # The whole address, as the page cache's: the body holds absolute links (permalinks).
        url = self.request.build_absolute_uri().encode()
        return "page:" + hashlib.md5(url, usedforsecurity=False).hexdigest()

    def may_keep_body(self):
        """Whether this reader's body is every reader's, to keep once rendered."""
        return self.keeps_body

    def kept_body(self):
        """What is kept for this address at the record's version, or None. Only what
        `may_keep_body()` allowed was kept, for this version: it is every reader's."""
        if not self.keeps_body:
            return None
        if not hasattr(self, "_kept_body"):
            self._kept_body = current_part(self.body_part_name(), self.request)
        return self._kept_body

    def body_is_kept(self):
        return self.kept_body() is not None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            canonical_url=self.absolute_url(self.request.path),
            og_type=self.og_type,
            nav_section=self.nav_section,
        )
        kept = self.kept_body()
        if kept:
            context.update(kept_html=kept["html"], **kept["context"])
            return context
        context.update(
            page_title=self.get_title(),
            page_description=self.get_description(),
            breadcrumb_trail=self.get_breadcrumbs(),
            structured_data=self.page_structured_data(context["canonical_url"]),
        )
        if self.may_keep_body():
            # Filled by the template's {% kept %} blocks as they render, kept once it is done.
            self._rendered_html = context["keep_html"] = {}
            # Translated now, in the reader's language: kept for readers of this language.
            self._kept_context = {
                "page_title": str(context["page_title"]),
                "page_description": str(context["page_description"]),
            }
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if "keep_html" in context:
            response.add_post_render_callback(self.keep_rendered)
        return response

    def keep_rendered(self, response):
        # Never a page that holds a CSRF token: it is this reader's own.
        if (
            response.status_code == 200
            and self._rendered_html
            and not self.request.META.get("CSRF_COOKIE_USED")
        ):
            kept = {"html": self._rendered_html, "context": self._kept_context}
            keep_current_part(self.body_part_name(), kept, self.request)


class CountedPaginator(Paginator):
    """Pages of a queryset whose total is counted once per record version
    (core.cache.counted), not on every request."""

    @cached_property
    def count(self):
        if isinstance(self.object_list, QuerySet):
            return counted(self.object_list)
        return super().count


class PagedListMixin:
    """A list shown `paginate_by` records to a page, with plain Previous/Next links
    (includes/pagination.html); `shown` holds this page's records, for the page's JSON-LD.
    With its body kept (PageMixin), the list is neither read nor built."""

    paginate_by = 50
    paginator_class = CountedPaginator
    shown = ()

    def get(self, request, *args, **kwargs):
        if self.body_is_kept():
            self.object_list = []
            return self.render_to_response(self.get_context_data())
        return super().get(request, *args, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        if self.body_is_kept():  # its page of records is in the kept body
            return None, None, [], False
        paginator, page, records, is_paginated = super().paginate_queryset(queryset, page_size)
        self.shown = records
        return paginator, page, records, is_paginated


class FilterFormMixin:
    """A list narrowed by a GET form; an invalid filter answers 400 with the form's errors.
    The form (and the choices it offers) is built only for a request that fills it in, or for
    a page whose body is rendered."""

    filter_form_class = None

    def get_filter_form_kwargs(self):
        return {}

    def get_filter_form(self):
        return self.filter_form_class(self.request.GET or None, **self.get_filter_form_kwargs())

    @cached_property
    def filter_form(self):
        return self.get_filter_form()

    def refused_filter(self):
        """Whether the filter asked for is refused (400): only a request with a query is."""
        return bool(self.request.GET) and not self.filter_form.is_valid()

    @property
    def filters(self):
        if not self.request.GET or self.refused_filter():
            return {}
        return self.filter_form.cleaned_data

    def may_keep_body(self):
        # Not the page of a filter refused (400). Listed before PageMixin. A filter's kept
        # page is checked no more: it was accepted for the same record version.
        return super().may_keep_body() and not self.refused_filter()

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.refused_filter():
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "kept_html" not in context:
            context["filter_form"] = self.filter_form
            context["is_filtered"] = any(value not in (None, "") for value in self.filters.values())
        return context


class RecordMixin:
    """The page of one record, whatever its rendering (HTML, text, JSON).

    The public gets published records only (a draft is a 404). Staff allowed to view the model
    may open a draft: the response then says `Cache-Control: private, no-store` and
    `X-Robots-Tag: noindex`, and the context has `is_draft_preview` for the page to say so.
    Subclasses narrow `get_queryset()` to what they render (`super().get_queryset().for_detail()`).
    """

    model = None
    is_draft_preview = False

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def withdrawn_queryset(self):
        """Where a withdrawn record at this address is found (its page answers 410 Gone);
        None for a kind of record that is never withdrawn on its own."""
        if not any(field.name == "status" for field in self.model._meta.fields):
            return None
        return self.model._base_manager.filter(status=PublicationStatus.WITHDRAWN)

    def get_object(self, queryset=None):
        try:
            record = super().get_object(queryset)
        except Http404:
            withdrawn = self.withdrawn_queryset()
            if withdrawn is None or queryset is not None:
                raise
            raise RecordWithdrawn(super().get_object(withdrawn)) from None
        return self.record_found(record)

    def record_found(self, record):
        """The record this page shows, found (by `get_object()` or a view's own query): notes
        whether it is a staff preview of a draft."""
        self.is_draft_preview = may_preview(self.request.user, self.model) and not is_public(record)
        return record

    def get(self, request, *args, **kwargs):
        try:
            response = super().get(request, *args, **kwargs)
        except RecordWithdrawn as gone:
            return self.gone(gone.record)
        if self.is_draft_preview:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
            response["X-Robots-Tag"] = "noindex"
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_draft_preview=self.is_draft_preview, **kwargs)

    def gone(self, record):
        """410 Gone: the record was withdrawn; say when and why, and link the log entry."""
        owner = review_owner(record)
        entry = (
            PublicChange.objects.about(owner)
            .filter(kind=ChangeKind.WITHDRAWN)
            .order_by("-made_at", "-pk")
            .first()
        )
        context = {"record": owner, "entry": entry, "request": self.request}
        return TemplateResponse(self.request, "410.html", context, status=410)


class RecordPage(RecordMixin, PageMixin, DetailView):
    """A record's HTML page, which says when it was first published and corrected.

    A page that keeps its body (`keeps_body`, PageMixin) keeps its change log entries with it.
    A staff preview's is never kept, and any change to the record moves its version on: a body
    kept for the current version is a published record's, so the record is not read again,
    whoever reads.
    """

    og_type = "article"

    def may_keep_body(self):
        return self.keeps_body and not self.is_draft_preview

    def get(self, request, *args, **kwargs):
        if self.body_is_kept():
            self.object = None
            return self.render_to_response(self.get_context_data())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        if not self.body_is_kept():
            kwargs.setdefault("record_changes", self.record_changes())
        return super().get_context_data(**kwargs)

    def record_changes(self):
        """The change log's entries for this page, oldest first: "First published …;
        corrected …" (one query)."""
        return list(PublicChange.objects.about(review_owner(self.object)))


class RecordText(RecordMixin, DetailView):
    """A record as plain text, from a text template, to download, quote or archive."""

    content_type = "text/plain; charset=utf-8"

    def get_filename(self):
        return f"{self.object.slug}.txt"

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["Content-Disposition"] = f'inline; filename="{self.get_filename()}"'
        return response


class RecordJson(RecordMixin, DetailView):
    """A record as a JSON document; subclasses build it in `get_data()`."""

    def get_data(self):
        raise NotImplementedError

    def get_filename(self):
        return f"{self.object.slug}.json"

    def render_to_response(self, context, **response_kwargs):
        # The record's text in English, its Japanese in `_ja` fields, whatever the reader's
        # language (as the API and the tables).
        with translation.override(settings.LANGUAGE_CODE):
            data = self.get_data()
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = f'inline; filename="{self.get_filename()}"'
        return response


class RecordDownload(RecordMixin, DetailView):
    """A record as a file in another format (a calendar, Akoma Ntoso, a citation); subclasses
    return (body, content type, file name) from `get_file()`. The answer names the data
    licence in its `Link` header."""

    def get_file(self):
        raise NotImplementedError

    def render_to_response(self, context, **response_kwargs):
        with translation.override(settings.LANGUAGE_CODE):  # an English document
            body, content_type, filename = self.get_file()
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return add_licence_link(response)


class RecordCitation(RecordDownload):
    """How to cite a record, in the format its address ends with (`format`: bib, ris, json);
    subclasses describe the work in `get_work()` (a core.citations.Work)."""

    def get_work(self):
        raise NotImplementedError

    def get_file(self):
        work = self.get_work()
        extension = self.kwargs["format"]
        body, content_type = citations.render(work, extension)
        return body, content_type, f"{work.key}.{extension}"
