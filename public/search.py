"""One search across the public record: meetings, outcomes, clauses, projects, press releases
and contacts, each ranked by its database, merged into one list, best first."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from contacts.models import InquiryContact
from declarations.models import Clause
from plenaries.models import JointProject, Outcome, PlenaryMeeting, PressRelease

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
    for clause in Clause.objects.search_results(terms)[:HITS_PER_KIND]:
        yield Hit(
            kind=_("Declaration clause"),
            title=str(clause),
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


def _press_releases(terms):
    for release in PressRelease.objects.search_results(terms)[:HITS_PER_KIND]:
        url = release.meeting.get_absolute_url() + "#press-heading" if release.meeting else ""
        yield Hit(
            kind=_("Press release"),
            title=release.title,
            url=url,
            text=release.body,
            rank=release.rank,
            context=f"{date_format(release.date, 'j F Y')} · {release.issued_by.name}",
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


SOURCES = (_meetings, _clauses, _outcomes, _projects, _press_releases, _contacts)


def search_record(terms):
    """Every public record matching all the terms, best first (ties keep the kinds' order)."""
    hits = [hit for source in SOURCES for hit in source(terms)]
    return sorted(hits, key=lambda hit: -hit.rank)
