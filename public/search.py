"""One search across the public record: meetings, declarations and their clauses, outcomes,
related events, joint projects, cities, sources and inquiry contacts, each ranked by its
database, merged into one list, best first, each record once.

Each kind is searched on its stored search documents (core.search): one query counts the
matches of every kind and ranks the page's rows across the kinds (`LIMIT`), and one a kind
shown reads its rows: a bounded number of queries and of work however large the record and
however common the word. `?type=` keeps one kind.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from contacts.models import InquiryContact
from core.search import search_kinds, two_figures
from declarations.models import Clause, Declaration
from plenaries.models import (
    City,
    JointProject,
    Outcome,
    PlenaryMeeting,
    RelatedEvent,
    Source,
)

# Results are shown ten to a page, up to this page: deeper pages would fetch ever more rows
# of each kind to merge. The count is of every match (estimated past COUNTED a kind).
PER_PAGE = 10
MAX_PAGES = 50


@dataclass(frozen=True)
class Hit:
    """One search result: what it is, where it lives, the text to excerpt, and its rank."""

    kind: str
    title: str
    url: str
    text: str
    rank: float
    context: str = ""


class Titles:
    """Declaration titles as results show them: with the year where another published
    declaration has the same title (one query over the titles of `declarations`, the page's,
    made only when a result needs it)."""

    def __init__(self, declarations):
        self.titles = {declaration.title for declaration in declarations}
        self.clashing = None

    def __call__(self, declaration):
        if self.clashing is None:
            published = Declaration.objects.published().filter(title__in=self.titles)
            self.clashing = published.clashing_titles()
        if declaration.title in self.clashing and declaration.adopted_earliest:
            return f"{declaration.title} ({declaration.adopted_earliest.year})"
        return declaration.title


def _meetings(meetings, titles):
    for meeting in meetings:
        yield Hit(
            kind=gettext("Plenary meeting"),
            title=meeting.full_title,
            url=meeting.get_absolute_url(),
            text=meeting.summary,
            rank=meeting.rank,
        )


def _declarations(declarations, titles):
    for declaration in declarations:
        yield Hit(
            kind=gettext("Declaration"),
            title=titles(declaration),
            url=declaration.get_absolute_url(),
            text=declaration.preamble,
            rank=declaration.rank,
            context=declaration.meeting.full_title,
        )


def _clauses(clauses, titles):
    for clause in clauses:
        yield Hit(
            kind=gettext("Declaration clause"),
            title=gettext("%(declaration)s, clause %(number)s")
            % {"declaration": titles(clause.declaration), "number": clause.number},
            url=clause.get_page_url(),
            text=clause.text,
            rank=clause.rank,
            context=clause.citation(),
        )


def _outcomes(outcomes, titles):
    for outcome in outcomes:
        meeting = outcome.meeting
        yield Hit(
            kind=gettext("Outcome"),
            title=meeting.full_title,
            url=meeting.get_absolute_url() + "#outcomes-heading",
            text=outcome.text,
            rank=outcome.rank,
        )


def _events(events, titles):
    for event in events:
        meeting = event.meeting
        yield Hit(
            kind=gettext("Related event"),
            title=event.name,
            # The event itself: on the meeting page it stands with the outcome that tells of it,
            # or under "Other related events".
            url=f"{meeting.get_absolute_url()}#event-{event.pk}",
            text=event.description or event.place or event.get_kind_display(),
            rank=event.rank,
            context=meeting.full_title,
        )


def _projects(projects, titles):
    for project in projects:
        yield Hit(
            kind=gettext("Joint project"),
            title=project.name,
            url=project.get_absolute_url(),
            text=project.description or project.name,
            rank=project.rank,
            context=project.get_area_display(),
        )


def _cities(cities, titles):
    for city in cities:
        yield Hit(
            kind=gettext("City"),
            title=city.name,
            url=city.get_absolute_url(),
            text=city.description or city.name,
            rank=city.rank,
            context=city.country,
        )


def _sources(sources, titles):
    for source in sources:
        yield Hit(
            kind=source.get_kind_display(),
            title=source.title,
            url=source.get_absolute_url(),
            text=source.body or source.title,
            rank=source.rank,
            context=" · ".join(filter(None, [source.date_in_words, source.publisher])),
        )


def _contacts(contacts, titles):
    for contact in contacts:
        yield Hit(
            kind=gettext("Inquiry contact"),
            title=contact.person,
            url=reverse("contacts:lookup") + "?" + urlencode({"name": contact.person}),
            text=contact.unit.path,
            rank=contact.rank,
            context=contact.get_language_display(),
        )


@dataclass(frozen=True)
class Kind:
    """A kind of record searched: its `?type=` name, its label, its rows, how a row shows."""

    slug: str
    label: str
    model: type
    hits: object


# In this order where ranks tie.
KINDS = (
    Kind("meetings", _("Plenary meetings"), PlenaryMeeting, _meetings),
    Kind("declarations", _("Declarations"), Declaration, _declarations),
    Kind("clauses", _("Declaration clauses"), Clause, _clauses),
    Kind("outcomes", _("Outcomes"), Outcome, _outcomes),
    Kind("events", _("Related events"), RelatedEvent, _events),
    Kind("projects", _("Joint projects"), JointProject, _projects),
    Kind("cities", _("Cities"), City, _cities),
    Kind("sources", _("Sources"), Source, _sources),
    Kind("contacts", _("Inquiry contacts"), InquiryContact, _contacts),
)
KIND_SLUGS = {kind.slug for kind in KINDS}


@dataclass(frozen=True)
class KindCount:
    """How many matches of one kind (`more`: over COUNTED, so `count` is an estimate where
    `estimated`, else COUNTED)."""

    slug: str
    label: str
    count: int
    more: bool
    estimated: bool


@dataclass
class Results:
    """One page of results (`hits`), the number of all matches (`count`: where `more`, about
    that many if `estimated`, else more than that), the matches of each kind (`kinds`), and
    the last page that can be shown."""

    hits: list = field(default_factory=list)
    count: int = 0
    more: bool = False
    estimated: bool = False
    page: int = 1
    last_page: int = 1
    kinds: list = field(default_factory=list)


def search_record(terms, page=1, kind=None):
    """The public records matching all the terms, best first (ties keep the kinds' order):
    page `page` (1 up to MAX_PAGES) of PER_PAGE, of one kind (a slug of KINDS) or of all.

    One query finds the page (two where a kind has too many matches to count:
    core.search.search_kinds), then one a kind shown on it reads its rows with what their
    results show.
    """
    page = max(1, min(page, MAX_PAGES))
    shown = {i for i, searched in enumerate(KINDS) if kind in (None, searched.slug)}
    models = [searched.model for searched in KINDS]
    found = search_kinds(models, terms, offset=(page - 1) * PER_PAGE, size=PER_PAGE, shown=shown)
    counts = [
        KindCount(searched.slug, str(searched.label), count, more, estimated)
        for searched, count, more, estimated in zip(
            KINDS, found.counts, found.more, found.estimated, strict=True
        )
    ]
    kept = [c for i, c in enumerate(counts) if i in shown]
    count = sum(c.count for c in kept)
    estimated = all(c.estimated for c in kept if c.more)
    if any(c.more for c in kept) and estimated:
        count = two_figures(count)
    last_page = max(1, min(MAX_PAGES, -(-count // PER_PAGE)))
    hits = _hits(found.page)
    return Results(
        hits=hits,
        count=count,
        more=any(c.more for c in kept),
        estimated=estimated,
        page=min(page, last_page),
        last_page=last_page,
        kinds=[c for c in counts if c.count],
    )


def _hits(page):
    """The page's rows, (kind, pk, rank) best first, as hits in that order."""
    keys = {}
    for index, pk, _rank in page:
        keys.setdefault(index, []).append(pk)
    rows = {}
    for index, pks in keys.items():
        for row in KINDS[index].model.objects.searchable().filter(pk__in=pks).order_by():
            rows[index, row.pk] = row
    titles = Titles(
        row if isinstance(row, Declaration) else row.declaration
        for row in rows.values()
        if isinstance(row, Declaration | Clause)
    )
    hits = []
    for index, pk, rank in page:
        row = rows[index, pk]
        row.rank = rank
        hits += KINDS[index].hits([row], titles)
    return hits
