"""The site-wide public pages: the home page, search across the record, open data downloads."""

from collections.abc import Sequence

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView

from core import downloads
from core.cache import dated_by_record_version, remembered
from core.licence import data_licence, licensed_view
from core.pages import PageMixin
from core.search import MAX_QUERY_LENGTH, clean_query, query_terms
from plenaries import schema_org
from plenaries.models import City, Network, PlenaryMeeting, published_citations

from . import opendata, popolo, tables
from .search import KIND_SLUGS, PER_PAGE, Results, search_record


class HomeView(PageMixin, TemplateView):
    """What the network is, its members, the latest and next meeting, and its history."""

    nav_section = "home"
    template_name = "home.html"
    title = _("Asian Network of Major Cities 21")
    description = _(
        "The public record of the Asian Network of Major Cities 21 (ANMC21), established in "
        "2001: plenary meetings, declarations, member cities, joint projects and inquiry contacts."
    )

    timeline_length = 40
    # Cities listed per standing; the cities page lists them all.
    members_listed = 30
    # The same for every reader until the record changes, or the day (the next meeting).
    keeps_body = True

    def body_part_name(self):
        return f"{super().body_part_name()}:{timezone.localdate().isoformat()}"

    def get_breadcrumbs(self):
        return []

    def get_structured_data(self):
        return schema_org.network(self.network, self.members, self.absolute_url)

    def get_context_data(self, **kwargs):
        if self.body_is_kept():
            return super().get_context_data(**kwargs)
        self.network = Network.objects.prefetch_related(published_citations()).main()
        self.members = City.objects.grouped_by_standing(self.members_listed)
        return super().get_context_data(
            network=self.network,
            standing_groups=self.members,
            latest_meeting=PlenaryMeeting.objects.latest_held(),
            next_meeting=PlenaryMeeting.objects.next_announced(),
            # The first meetings, from the founding; the rest are on the meetings' pages.
            timeline=PlenaryMeeting.objects.timeline()[: self.timeline_length + 1],
            timeline_length=self.timeline_length,
            **kwargs,
        )


class SearchView(PageMixin, TemplateView):
    """One search box for the whole record: meetings, declarations, clauses, outcomes, events,
    projects, cities, sources and contacts; `?type=` keeps one kind of them."""

    template_name = "public/search.html"
    title = _("Search the record")
    description = _(
        "Search the ANMC21 record: plenary meetings, declarations and their clauses, "
        "outcomes, related events, joint projects, cities, sources and inquiry contacts."
    )

    # The same for every reader (only what the public may find): the page of results is kept
    # for the next reader of this address, signed in or not, until the record changes; the
    # results themselves for the next reader of the same words, however written.
    keeps_body = True

    def get_context_data(self, **kwargs):
        if self.body_is_kept():
            return super().get_context_data(**kwargs)
        raw_query = self.request.GET.get("q", "")
        query = clean_query(raw_query)
        terms = query_terms(query)
        kind = self.request.GET.get("type")
        kind = kind if kind in KIND_SLUGS else None
        number = self.page_number()
        results = Results()
        if terms:
            results = remembered(
                f"search:{(terms, number, kind)!r}",
                lambda: search_record(terms, number, kind),
                self.request,
            )
        # The page of hits in a paginator that knows only how many pages can be shown.
        shown = _Shown(results.hits, results.last_page * PER_PAGE, results.page)
        page = Paginator(shown, PER_PAGE).page(results.page)
        return super().get_context_data(
            query=query,
            terms=terms,
            searched=bool(raw_query.strip()),
            shortened=len(raw_query) > MAX_QUERY_LENGTH,
            max_length=MAX_QUERY_LENGTH,
            page_obj=page,
            hits=results.hits,
            result_count=results.count,
            more_results=results.more,
            estimated=results.estimated,
            kind=kind,
            kinds=results.kinds,
            **kwargs,
        )

    def page_number(self):
        number = self.request.GET.get("page", "1")
        return int(number) if number.isdigit() and len(number) < 6 else 1


class _Shown(Sequence):
    """`length` results of which only page `page`'s hits are at hand (for a Paginator)."""

    def __init__(self, hits, length, page):
        self.hits, self.length, self.page = hits, length, page

    def __len__(self):
        return self.length

    def __getitem__(self, index):
        return self.hits


class OpenDataView(PageMixin, TemplateView):
    """What can be downloaded and subscribed to, and in which formats."""

    template_name = "public/open_data.html"
    nav_section = "data"
    title = _("Open data and feeds")
    description = _(
        "Download the published ANMC21 record as JSON or CSV, and subscribe to new meetings "
        "and declarations."
    )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            format_version=opendata.FORMAT_VERSION,
            licence=data_licence(),
            tables=tables.TABLES,
            **kwargs,
        )


@licensed_view
@method_decorator(cache_control(public=True, max_age=300), name="dispatch")
@method_decorator(dated_by_record_version, name="get")
class RecordJsonView(View):
    """The whole published record as one JSON document (a file per record version)."""

    def get(self, request):
        return downloads.serve(request, opendata.RECORD_JSON)


@licensed_view
@method_decorator(cache_control(public=True, max_age=300), name="dispatch")
@method_decorator(dated_by_record_version, name="get")
class MeetingsCsvView(View):
    """One row per published meeting, for spreadsheets (a file per record version)."""

    def get(self, request):
        return downloads.serve(request, opendata.MEETINGS_CSV)


@licensed_view
@method_decorator(cache_control(public=True, max_age=300), name="dispatch")
@method_decorator(dated_by_record_version, name="get")
class TableCsvView(View):
    """One tidy table of the record as CSV (UTF-8 with a byte-order mark; a file per record
    version)."""

    def get(self, request, name):
        table = tables.TABLES_BY_NAME.get(name)
        if table is None:
            raise Http404("No such table.")
        return downloads.serve(request, tables.DOWNLOADS[name])


@licensed_view
@method_decorator(cache_control(public=True, max_age=300), name="dispatch")
@method_decorator(dated_by_record_version, name="get")
class DataPackageView(View):
    """The Frictionless data package descriptor of the tidy tables."""

    def get(self, request):
        here = reverse("public:datapackage").rsplit("/", 1)[0] + "/"

        def relative(table):
            return reverse("public:table_csv", args=[table.name]).removeprefix(here)

        descriptor = tables.datapackage(request.build_absolute_uri, relative)
        response = JsonResponse(descriptor, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = 'inline; filename="datapackage.json"'
        return response


@licensed_view
@method_decorator(cache_control(public=True, max_age=300), name="dispatch")
@method_decorator(dated_by_record_version, name="get")
class PopoloView(View):
    """The network, its cities, memberships and meetings as Popolo JSON (a file per record
    version)."""

    def get(self, request):
        return downloads.serve(request, popolo.POPOLO_JSON)
