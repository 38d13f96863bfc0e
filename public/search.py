"""One search across the public record: meetings, outcomes, clauses, projects, sources
and contacts, each ranked by its database, merged into one list, best first.

Each kind is one query on its stored search documents, returning only the best rows the page
asked for needs (`LIMIT`) and the number of all its matches (a window count): a page costs six
queries and a bounded amount of work however large the record and however common the word.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from contacts.models import InquiryContact
from declarations.models import Clause, Declaration
from plenaries.models import JointProject, Outcome, PlenaryMeeting, Source

# Results are shown ten to a page, up to this page: deeper pages would fetch ever more rows
# of each kind to merge. The count is always of every match.
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


def _meetings(terms, limit):
    rows = PlenaryMeeting.objects.search_results(terms).best(limit)
    yield _total(rows)
    for meeting in rows:
        yield Hit(
            kind=_("Plenary meeting"),
            title=meeting.full_title,
            url=meeting.get_absolute_url(),
            text=meeting.summary,
            rank=meeting.rank,
        )


def _outcomes(terms, limit):
    rows = Outcome.objects.search_results(terms).best(limit)
    yield _total(rows)
    for outcome in rows:
        meeting = outcome.meeting
        yield Hit(
            kind=_("Outcome"),
            title=meeting.full_title,
            url=meeting.get_absolute_url() + "#outcomes-heading",
            text=outcome.text,
            rank=outcome.rank,
        )


def _clauses(terms, limit):
    clashing = Declaration.objects.published().clashing_titles()
    rows = Clause.objects.search_results(terms).best(limit)
    yield _total(rows)
    for clause in rows:
        declaration = clause.declaration
        title = declaration.title
        if title in clashing:
            title = f"{title} ({declaration.adopted_earliest.year})"
        yield Hit(
            kind=_("Declaration clause"),
            title=_("%(declaration)s, clause %(number)s")
            % {"declaration": title, "number": clause.number},
            url=clause.get_page_url(),
            text=clause.text,
            rank=clause.rank,
            context=clause.citation(),
        )


def _projects(terms, limit):
    rows = JointProject.objects.search_results(terms).best(limit)
    yield _total(rows)
    for project in rows:
        yield Hit(
            kind=_("Joint project"),
            title=project.name,
            url=project.get_absolute_url(),
            text=project.description or project.name,
            rank=project.rank,
            context=project.get_area_display(),
        )


def _sources(terms, limit):
    rows = Source.objects.search_results(terms).best(limit)
    yield _total(rows)
    for source in rows:
        yield Hit(
            kind=source.get_kind_display(),
            title=source.title,
            url=source.get_absolute_url(),
            text=source.body or source.title,
            rank=source.rank,
            context=" · ".join(filter(None, [source.date_in_words, source.publisher])),
        )


def _contacts(terms, limit):
    rows = InquiryContact.objects.search_results(terms).best(limit)
    yield _total(rows)
    for contact in rows:
        yield Hit(
            kind=_("Inquiry contact"),
            title=contact.person,
            url=reverse("contacts:lookup") + "?" + urlencode({"name": contact.person}),
            text=contact.unit.path,
            rank=contact.rank,
            context=contact.get_language_display(),
        )


KINDS = (_meetings, _clauses, _outcomes, _projects, _sources, _contacts)


def _total(rows):
    return rows[0].total if rows else 0


@dataclass
class Results:
    """One page of results (`hits`), the number of all matches (`count`), and the last page
    that can be shown (`last_page`)."""

    hits: list = field(default_factory=list)
    count: int = 0
    page: int = 1
    last_page: int = 1


def search_record(terms, page=1):
    """The public records matching all the terms, best first (ties keep the kinds' order):
    page `page` (1 up to MAX_PAGES) of PER_PAGE."""
    page = max(1, min(page, MAX_PAGES))
    limit = page * PER_PAGE
    hits, count = [], 0
    for kind in KINDS:
        rows = kind(terms, limit)
        count += next(rows)
        hits += rows
    hits.sort(key=lambda hit: -hit.rank)
    last_page = max(1, min(MAX_PAGES, -(-count // PER_PAGE)))
    page = min(page, last_page)
    start = (page - 1) * PER_PAGE
    return Results(hits[start : start + PER_PAGE], count, page, last_page)
