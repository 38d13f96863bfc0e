"""The site-wide public pages: search across the record."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from plenaries.search import MAX_QUERY_LENGTH, clean_query, query_terms

from .mixins import PageMixin
from .search import search_record


class SearchView(PageMixin, TemplateView):
    """One search box for meetings, outcomes, clauses, projects, press releases and contacts."""

    template_name = "public/search.html"
    title = _("Search the record")
    description = _(
        "Search the ANMC21 record: plenary meetings, outcomes, declaration clauses, joint "
        "projects, press releases and inquiry contacts."
    )
    paginate_by = 10

    def get_context_data(self, **kwargs):
        raw_query = self.request.GET.get("q", "")
        query = clean_query(raw_query)
        terms = query_terms(query)
        hits = search_record(terms) if terms else []
        page = Paginator(hits, self.paginate_by).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            query=query,
            terms=terms,
            searched=bool(raw_query.strip()),
            shortened=len(raw_query) > MAX_QUERY_LENGTH,
            max_length=MAX_QUERY_LENGTH,
            page_obj=page,
            hits=page.object_list,
            **kwargs,
        )
