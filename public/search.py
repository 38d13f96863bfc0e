"""One search across the public record: meetings, outcomes, clauses, projects, sources
and contacts, each ranked by its database, merged into one list, best first."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from contacts.models import InquiryContact
from declarations.models import Clause, Declaration
from plenaries.models import JointProject, Outcome, PlenaryMeeting, Source

# Each kind contributes at most this many hits, so a page costs a fixed number of queries and
# a bounded amount of work whatever the size of the record.
HITS_PER_KIND = 100


@dataclass(frozen=True)
class Hit:
    """One search result: what it is, where it lives, the text to excerpt, and its rank."""

    kind: str
    title: str
    url: str
    text: str
    rank: float
    context: str = ""


def _meetings(terms):
    for meeting in PlenaryMeeting.objects.search_results(terms)[:HITS_PER_KIND]:
        yield Hit(
            kind=_("Plenary meeting"),
            title=meeting.full_title,
            url=meeting.get_absolute_url(),
            text=meeting.summary,
            rank=meeting.rank,
        )


def _outcomes(terms):
    for outcome in Outcome.objects.search_results(terms)[:HITS_PER_KIND]:
        meeting = outcome.meeting
        yield Hit(
            kind=_("Outcome"),
            title=meeting.full_title,
            url=meeting.get_absolute_url() + "#outcomes-heading",
            text=outcome.text,
            rank=outcome.rank,
        )


def _clauses(terms):
    clashing = Declaration.objects.published().clashing_titles()
    for clause in Clause.objects.search_results(terms)[:HITS_PER_KIND]:
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


def _projects(terms):
    for project in JointProject.objects.search_results(terms)[:HITS_PER_KIND]:
        yield Hit(
            kind=_("Joint project"),
            title=project.name,
            url=project.get_absolute_url(),
            text=project.description or project.name,
            rank=project.rank,
            context=project.get_area_display(),
        )


def _sources(terms):
    for source in Source.objects.search_results(terms)[:HITS_PER_KIND]:
        yield Hit(
            kind=source.get_kind_display(),
            title=source.title,
            url=source.get_absolute_url(),
            text=source.body or source.title,
            rank=source.rank,
            context=" · ".join(filter(None, [source.date_in_words, source.publisher])),
        )


def _contacts(terms):
    for contact in InquiryContact.objects.search_results(terms)[:HITS_PER_KIND]:
        yield Hit(
            kind=_("Inquiry contact"),
            title=contact.person,
            url=reverse("contacts:lookup") + "?" + urlencode({"name": contact.person}),
            text=contact.unit.path,
            rank=contact.rank,
            context=contact.get_language_display(),
        )


KINDS = (_meetings, _clauses, _outcomes, _projects, _sources, _contacts)


def search_record(terms):
    """Every public record matching all the terms, best first (ties keep the kinds' order)."""
    hits = [hit for kind in KINDS for hit in kind(terms)]
    return sorted(hits, key=lambda hit: -hit.rank)
