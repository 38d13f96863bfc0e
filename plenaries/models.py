"""The network, its cities over time, plenary meetings and what happened at them."""

import re
from collections import defaultdict
from operator import attrgetter
from typing import NamedTuple

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.cache import remembered
from core.constraints import NoOverlapConstraint
from core.dates import (
    EDTFField,
    bounds,
    bounds_in_order,
    in_words,
    iso_span,
    precision,
    set_bounds,
    span,
)
from core.languages import LanguageChoice
from core.models import (
    CitedRecord,
    CitedRecordQuerySet,
    HistoryWithLinks,
    PublicationStatus,
    PublicReadQuerySet,
    Publishable,
    PublishableQuerySet,
    Versioned,
    published_related,
)
from core.prefetch import as_tree, set_prefetched
from core.search import SearchableQuerySet, SearchIndex, search_document_field


class NetworkQuerySet(models.QuerySet):
    def with_sources(self):
        return self.prefetch_related(published_citations())

    def main(self):
        """The network this record is about (the oldest, should there ever be several)."""
        return self.order_by("founded_year", "pk").first()


class Network(Versioned):
    """The city network whose record this is (ANMC21)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, unique=True)
    founded_year = models.PositiveSmallIntegerField(_("founded in"))
    description = models.TextField(_("description"), blank=True)
    citations = GenericRelation("plenaries.Citation", related_query_name="network")

    objects = NetworkQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        constraints = [
            models.CheckConstraint(
                condition=Q(founded_year__gte=1900), name="network_founded_year_plausible"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.short_name})"

    def cited_as(self):
        """(label, url) of this record where a source lists what it supports."""
        return self.name, reverse("home")


class CityQuerySet(CitedRecordQuerySet, SearchableQuerySet, PublishableQuerySet):
    def searchable(self):
        return self.published()

    def with_standing(self, *, sources=False):
        """Their standings over time, with the meetings they began or ended at (and the sources
        each cites, if asked)."""
        memberships = Membership.objects.select_related(
            "since_meeting__host_city", "until_meeting__host_city"
        )
        if sources:
            memberships = memberships.prefetch_related(published_citations())
        return self.prefetch_related(models.Prefetch("memberships", queryset=memberships))

    def for_list(self):
        """Published cities with their standing, for the list of cities."""
        return self.published().with_standing()

    def hosts(self):
        """Published cities that have hosted a published meeting, by name."""
        hosted = PlenaryMeeting.objects.published().filter(host_city=OuterRef("pk"))
        return self.published().filter(Exists(hosted)).order_by("name")

    def slug_named(self, text):
        """The slug of the city among these whose slug or name (any case) is `text`; None if
        there is none."""
        return (
            self.filter(Q(slug=text) | Q(name__iexact=text))
            .order_by()
            .values_list("slug", flat=True)
            .first()
        )

    def with_current_standing(self):
        """Each city with `standing`: the status of its current membership (as
        `City.current_membership()` picks it), None if it has none."""
        current = (
            Membership.objects.filter(city=OuterRef("pk"), until="")
            .order_by(F("since_earliest").desc(nulls_last=True), "-pk")
            .values("status")[:1]
        )
        return self.annotate(standing=Subquery(current))

    def of_standing(self, key):
        """Published cities of one standing group (`StandingGroup.key`), by name, with their
        standings; None for a key that names no group."""
        if key not in STANDING_LABELS:
            return None
        cities = self.for_list().with_current_standing()
        if key == "other":
            cities = cities.filter(standing__isnull=True)
        else:
            cities = cities.filter(standing=key)
        return cities.order_by("name", "pk")

    def grouped_by_standing(self, first, *, standings=False):
        """Published cities as StandingGroups: members, observers, then the rest (former
        members, cities with no standing recorded); only groups with cities. Each holds the
        first `first` cities by name (with their standings, if asked) and counts them all.

        Which cities, grouped and counted in the database by one query over every city, is
        worked out once per record version (core.cache.remembered); then one query reads those
        cities, and one their standings if asked.
        """
        placed = (
            self.published()
            .with_current_standing()
            .annotate(
                place=Window(
                    RowNumber(), partition_by=F("standing"), order_by=[F("name"), F("pk")]
                ),
                group_size=Window(Count("pk"), partition_by=F("standing")),
            )
            .filter(place__lte=first)
            .order_by("name", "pk")
            .values_list("pk", "standing", "group_size")
        )
        sql, params = placed.query.sql_with_params()
        placed = remembered(f"cities by standing:{sql}:{params!r}", lambda: list(placed))
        cities = self.filter(pk__in=[pk for pk, _standing, _size in placed])
        if standings:
            cities = cities.with_standing()
        by_pk = {city.pk: city for city in cities}
        found, sizes = {}, {}
        for pk, standing, size in placed:
            if pk in by_pk:
                key = standing or "other"
                found.setdefault(key, []).append(by_pk[pk])
                sizes[key] = size
        return [
            StandingGroup(key, label, found[key], sizes[key])
            for key, label in STANDING_LABELS.items()
            if key in found
        ]

    def for_detail(self):
        """Everything the city page shows, in a fixed number of queries."""
        return self.with_standing(sources=True).prefetch_related(
            models.Prefetch(
                "hosted_meetings",
                queryset=PlenaryMeeting.objects.published()
                .select_related("announced_at")
                .order_by("-number"),
                to_attr="published_hosted_meetings",
            ),
            models.Prefetch(
                "participations",
                queryset=Participation.objects.of_published_meetings()
                .select_related("meeting", "meeting__host_city", "meeting__announced_at")
                .order_by("-meeting__number"),
                to_attr="published_participations",
            ),
            models.Prefetch(
                "joint_projects",
                queryset=JointProject.objects.published().order_by("area", "name"),
                to_attr="published_joint_projects",
            ),
            models.Prefetch(
                "declarations_signed",
                queryset=published_related(City, "declarations_signed")
                .select_related("meeting")
                .order_by("-adopted_earliest"),
                to_attr="published_declarations_signed",
            ),
            published_citations(),
        )


class City(CitedRecord, Publishable):
    """A city as the network names it ("Metropolitan Manila")."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    country = models.CharField(_("country"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    citations = GenericRelation("plenaries.Citation", related_query_name="city")

    # Declarations name their signatories (participations are guarded by PROTECT).
    cited_by = ("declarations_signed",)
    # Its meetings are found by its name.
    search_document = search_document_field(
        "name_en", "name_ja", body=("description_en", "description_ja")
    )

    objects = CityQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version", "search_document"])

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        permissions = [("publish_city", _("Can publish and unpublish cities"))]
        ordering = ("name",)
        indexes = [SearchIndex(fields=["search_document"], name="city_search")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("plenaries:city_detail", kwargs={"slug": self.slug})

    def cited_as(self):
        return self.name, self.get_absolute_url()

    def current_membership(self):
        """The standing that still holds (no end recorded), latest first; None if none does.

        Reads the prefetched memberships (`with_standing()`), so it costs no query there.
        """
        current = [m for m in self.memberships.all() if m.holds]
        return max(current, key=Membership.sort_key, default=None)

    def standings(self):
        """Its standings over time, earliest first (reads the prefetched memberships)."""
        return sorted(self.memberships.all(), key=Membership.sort_key)

    def meetings_attended(self):
        """Its participations in which it took part (reads `published_participations`)."""
        return [p for p in self.published_participations if p.took_part]

    def meetings_missed(self):
        """Its participations in which it was absent or sent apologies."""
        return [p for p in self.published_participations if not p.took_part]

    def linked_drafts(self):
        """The sources it cites (see Publishable)."""
        return [
            c.source for c in self.citations.select_related("source") if not c.source.is_published
        ]


class StandingGroup(NamedTuple):
    """Cities of one standing: its key (member, observer, other), label, cities (all, or the
    first of them) and how many there are in all."""

    key: str
    label: str
    cities: list
    count: int


class MembershipStatus(models.TextChoices):
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


# The standing groups, in the order the cities' pages list them.
STANDING_LABELS = {
    MembershipStatus.MEMBER.value: _("Member cities"),
    MembershipStatus.OBSERVER.value: _("Observer cities"),
    "other": _("Former members and other cities"),
}


class MembershipQuerySet(PublicReadQuerySet):
    def published(self):
        """Standings of published cities."""
        return self.filter(city__status=PublicationStatus.PUBLISHED)

    def holding_on(self, day):
        """Standings that hold on this day: begun by then (or undated), not ended by then."""
        return self.filter(
            Q(since_earliest__isnull=True) | Q(since_earliest__lte=day),
            Q(until_earliest__isnull=True) | Q(until_earliest__gt=day),
        )


class Membership(Versioned):
    """A city's standing in the network over a span of time (observer, then member...).

    Its start and end are as precise as the sources (EDTF); either may be unknown. The database
    refuses two standings of one city in one network at the same time.
    """

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="memberships"
    )
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="memberships"
    )
    status = models.CharField(_("standing"), max_length=10, choices=MembershipStatus.choices)
    founding_member = models.BooleanField(
        _("founding member"),
        default=False,
        help_text=_("A member since the network was founded, whether or not the date is known."),
    )
    since = EDTFField(
        _("since"),
        blank=True,
        help_text=_("When this standing began (EDTF: 2010, 2012-10); empty if not recorded."),
    )
    since_earliest = models.DateField(null=True, blank=True, editable=False)
    since_latest = models.DateField(null=True, blank=True, editable=False)
    since_meeting = models.ForeignKey(
        "PlenaryMeeting",
        verbose_name=_("began at the meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="standings_begun",
        help_text=_("The plenary meeting at which the city joined or changed standing, if any."),
    )
    until = EDTFField(
        _("until"),
        blank=True,
        help_text=_("When this standing ended (EDTF); empty while it holds."),
    )
    until_earliest = models.DateField(null=True, blank=True, editable=False)
    until_latest = models.DateField(null=True, blank=True, editable=False)
    until_meeting = models.ForeignKey(
        "PlenaryMeeting",
        verbose_name=_("ended at the meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="standings_ended",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    citations = GenericRelation("plenaries.Citation", related_query_name="membership")

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ("city__name", "since_earliest")
        constraints = [
            bounds_in_order("membership_until_not_before_since", "since", end="until_earliest"),
            NoOverlapConstraint(
                name="membership_no_overlap",
                fields=("network", "city"),
                start="since_earliest",
                end="until_earliest",
                message_field="since",
                violation_error_message=_(
                    "The city already has a standing in the network at that time: end that "
                    "standing first (its “until”), or correct these dates."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.city}: {self.get_status_display()} ({self.span_in_words()})"

    # What `cited_as()` reads, fetched for many at once.
    citation_context = ("city",)

    def cited_as(self):
        label = _("%(city)s's standing as %(status)s") % {
            "city": self.city.name,
            "status": self.get_status_display().lower(),
        }
        return label, self.city.get_absolute_url()

    @property
    def holds(self):
        """Whether the standing still holds: no end recorded."""
        return not self.until

    @staticmethod
    def sort_key(membership):
        """Earliest first; a founding or undated start comes first."""
        earliest = membership.since_earliest or bounds(membership.since)[0]
        return (earliest is not None, earliest or 0, membership.pk or 0)

    def span_in_words(self):
        """ "since 2010", "2010 – 2012", "since the network was founded", "dates not recorded"."""
        start = in_words(self.since)
        if not start and self.founding_member:
            start = _("the network was founded")
        end = in_words(self.until)
        if start and end:
            return span(start, end, spaced=True)
        if start:
            return _("since %(start)s") % {"start": start}
        if end:
            return _("until %(end)s") % {"end": end}
        return _("dates not recorded")

    def clean(self):
        # Begun or ended at a meeting, and no date given: the meeting's dates are the date.
        if not self.since and self.since_meeting_id:
            self.since = self.since_meeting.dates
        if not self.until and self.until_meeting_id:
            self.until = self.until_meeting.dates
        set_bounds(self, "since")
        set_bounds(self, "until")
        start, end = self.since_earliest, self.until_earliest
        if start and end and end < start:
            raise ValidationError({"until": _("A standing cannot end before it begins.")})

    def owner_record(self):
        """The record whose page shows this row (core.models.review_owner)."""
        return self.city


class Topic(Versioned):
    """A subject declarations, projects and contacts are filed under ("low-carbon society")."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ("name",)

    def __str__(self):
        return self.name


class PlenaryMeetingQuerySet(SearchableQuerySet, PublishableQuerySet):
    # Found by its host city's name too: the city's stored document is added at query time.
    search_documents = ("search_document", "host_city__search_document")

    def next_number(self):
        """The number the next meeting will likely have: one after the highest recorded."""
        return (self.aggregate(highest=models.Max("number"))["highest"] or 0) + 1

    def for_list(self):
        """Published meetings, newest first, with their host and published declarations."""
        return (
            self.published()
            .select_related("host_city", "announced_at")
            .prefetch_related(
                models.Prefetch(
                    "declarations",
                    queryset=published_related(PlenaryMeeting, "declarations").order_by("title"),
                )
            )
            .order_by("-number")
        )

    def for_choices(self):
        """Published meetings, newest first, to pick one from a list."""
        return self.published().select_related("host_city").order_by("-number")

    def number_named(self, text):
        """The number of the meeting among these that `text` names: its number, or its name as
        the list gives it (any case); None if none does."""
        found = re.search(r"[0-9]{1,9}", text)
        if not found:
            return None
        meeting = self.filter(number=int(found.group())).select_related("host_city").first()
        if meeting is None or text.casefold() not in (str(meeting.number), str(meeting).casefold()):
            return None
        return meeting.number

    def filtered(self, *, city=None, year=None):
        """Narrow by host city (a City or its slug) and year; None leaves a filter off."""
        meetings = self
        if city:
            meetings = meetings.filter(host_city__slug=getattr(city, "slug", city))
        if year:
            meetings = meetings.filter(year=year)
        return meetings

    def years(self):
        """Years with a meeting, newest first."""
        return self.order_by("-year").values_list("year", flat=True).distinct()

    def timeline(self):
        """Published meetings, oldest first, with their host city: the network's history."""
        return (
            self.published()
            .select_related("host_city", "announced_at")
            .order_by("dates_earliest", "number")
        )

    def latest_held(self):
        """The latest published meeting known to have been held, or None."""
        held = self.published().filter(held=True)
        return held.select_related("host_city").order_by("-number").first()

    def next_announced(self, today=None):
        """The first published meeting announced and not yet held whose time has not passed;
        None if there is none (an announcement whose year is over is no "next" meeting)."""
        today = today or timezone.localdate()
        return (
            self.published()
            .filter(held=False)
            .filter(Q(dates_latest__isnull=True) | Q(dates_latest__gte=today))
            .select_related("host_city", "announced_at")
            .order_by("number")
            .first()
        )

    def around(self, number):
        """The meeting of this number (of these rows), with, in the same query, the published
        meetings just before and after it and those held earlier in its host city (see
        `MeetingSurroundings`), each row with the network's name (`with_network()`)."""
        published = PlenaryMeeting.objects.published()
        before = published.filter(number__lt=number).order_by("-number").values("number")[:1]
        after = published.filter(number__gt=number).order_by("number").values("number")[:1]
        host = PlenaryMeeting.objects.filter(number=number).values("host_city")[:1]
        return (
            self.filter(
                Q(number=number)
                | Q(status=PublicationStatus.PUBLISHED)
                & (
                    Q(number=Subquery(before))
                    | Q(number=Subquery(after))
                    | Q(host_city=Subquery(host), number__lt=number)
                )
            )
            .with_network()
            .select_related("host_city", "announced_at")
            .order_by("number")
        )

    def with_network(self):
        """Each row with the name and short name of the network (`Network.objects.main()`), for
        a page that names the organiser without a query of its own."""
        main = Network.objects.order_by("founded_year", "pk")
        return self.annotate(
            # Each language's column by name: the page shows the reader's (django-modeltranslation).
            network_name=Subquery(main.values("name_en")[:1]),
            network_name_ja=Subquery(main.values("name_ja")[:1]),
            network_short_name=Subquery(main.values("short_name")[:1]),
        )

    def with_parts(self):
        """The meeting's own record, as the open data gives it: host, participations,
        outcomes, related events and projects reported, in a fixed number of queries."""
        return self.select_related("host_city", "announced_at").prefetch_related(
            published_citations(), *meeting_parts(citations=True)
        )

    def searchable(self):
        return self.published().select_related("host_city")


def meeting_parts(*, citations):
    """The prefetches of a meeting's parts (`with_parts()`): its participations (with their
    citations, if asked), its outcomes and events (each kind in one query, as a tree: see
    `PlenaryMeeting.top_outcomes`) and the projects reported."""
    participations = (
        Participation.objects.of_published_cities().select_related("city").order_by("city__name")
    )
    if citations:
        participations = participations.prefetch_related(published_citations())
    return [
        models.Prefetch("participations", queryset=participations),
        models.Prefetch("outcomes", queryset=Outcome.objects.all(), to_attr="outcome_rows"),
        models.Prefetch("events", queryset=RelatedEvent.objects.all(), to_attr="event_rows"),
        models.Prefetch(
            "joint_projects", queryset=JointProject.objects.published().order_by("name")
        ),
    ]


def meeting_page_parts():
    """The prefetches of everything else the meeting page shows: its declarations and the
    sources about it, press releases with their public contacts."""
    return [
        models.Prefetch(
            "declarations",
            queryset=published_related(PlenaryMeeting, "declarations").select_related("adopted_in"),
        ),
        models.Prefetch(
            "sources",
            queryset=Source.objects.published()
            .select_related("issued_by", "issued_by__parent")
            .prefetch_related(
                models.Prefetch(
                    "contacts",
                    queryset=published_related(Source, "contacts").with_unit_path(),
                )
            ),
        ),
    ]


class MeetingSurroundings(NamedTuple):
    """A meeting read by `PlenaryMeetingQuerySet.around()`, and the meetings around it."""

    meeting: "PlenaryMeeting"
    previous: "PlenaryMeeting | None"
    next: "PlenaryMeeting | None"
    earlier_in_host_city: list

    @classmethod
    def of(cls, rows, number):
        """From the rows of `around(number)`; None if the meeting itself is not among them."""
        meeting = next((row for row in rows if row.number == number), None)
        if meeting is None:
            return None
        others = [row for row in rows if row.number != number]
        by_number = attrgetter("number")
        return cls(
            meeting,
            max((row for row in others if row.number < number), key=by_number, default=None),
            min((row for row in others if row.number > number), key=by_number, default=None),
            [
                row
                for row in others
                if row.number < number and row.host_city_id == meeting.host_city_id
            ],
        )


class PlenaryMeeting(Publishable):
    """A numbered plenary meeting of the network, hosted by one city.

    Its dates are as precise as the sources (EDTF: "2010-11-08/2010-11-09", "2001-10", "2011");
    the year comes from them. A meeting announced for a year is not `held` until it is recorded.
    """

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    host_city = models.ForeignKey(
        City, verbose_name=_("host city"), on_delete=models.PROTECT, related_name="hosted_meetings"
    )
    dates = EDTFField(_("dates"))
    dates_earliest = models.DateField(null=True, editable=False, db_index=True)
    dates_latest = models.DateField(null=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    held = models.BooleanField(
        _("held"),
        default=True,
        help_text=_("Untick for a meeting announced but not (yet) known to have been held."),
    )
    announced_at = models.ForeignKey(
        "self",
        verbose_name=_("announced at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings_announced",
        help_text=_("The meeting at which this one was announced."),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    participant_count = models.PositiveIntegerField(
        _("number of participants"),
        null=True,
        blank=True,
        help_text=_("People attending, as a source counts them; empty if not recorded."),
    )
    summary = models.TextField(_("summary"), blank=True)
    citations = GenericRelation("plenaries.Citation", related_query_name="meeting")
    search_document = search_document_field(
        body=("summary_en", "summary_ja", "venue_en", "venue_ja")
    )

    objects = PlenaryMeetingQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version", "search_document"])

    class Meta:
        verbose_name = _("plenary meeting")
        verbose_name_plural = _("plenary meetings")
        permissions = [("publish_plenarymeeting", _("Can publish and unpublish plenary meetings"))]
        ordering = ("-number",)
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="meeting_number_positive",
                violation_error_message=_("A meeting's number starts at 1."),
            ),
            bounds_in_order("meeting_dates_in_order", "dates"),
            models.CheckConstraint(
                condition=Q(year__gte=2001),
                name="meeting_year_from_2001",
                violation_error_message=_(
                    "The network's plenary meetings began in 2001: check the dates."
                ),
            ),
        ]

    def __str__(self):
        return _("%(ordinal)s Plenary Meeting (%(city)s, %(year)s)") % {
            "ordinal": ordinal(self.number),
            "city": self.host_city.name if self.host_city_id else "?",
            "year": self.year,
        }

    def save(self, *args, **kwargs):
        earliest = bounds(self.dates)[0] if self.dates else None
        if earliest:
            self.year = earliest.year
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("plenaries:meeting_detail", kwargs={"number": self.number})

    def set_host_participation(self):
        """The host city takes part as the host: picked once, on the meeting. Its row is made
        or turned into the host's; a former host (the host city changed) stays as a member."""
        rows = {row.city_id: row for row in self.participations.all()}
        for row in rows.values():
            if row.role == ParticipationRole.HOST and row.city_id != self.host_city_id:
                row.role = ParticipationRole.MEMBER
                row.save()
        host = rows.get(self.host_city_id)
        if host is None:
            Participation.objects.create(
                meeting=self, city_id=self.host_city_id, role=ParticipationRole.HOST
            )
        elif host.role != ParticipationRole.HOST:
            host.role = ParticipationRole.HOST
            host.save()

    @property
    def title(self):
        return _("%(ordinal)s Plenary Meeting") % {"ordinal": ordinal(self.number)}

    @property
    def full_title(self):
        """The title with where and when: "9th Plenary Meeting, Tokyo 2010"."""
        return _("%(title)s, %(city)s %(year)s") % {
            "title": self.title,
            "city": self.host_city.name,
            "year": self.year,
        }

    @property
    def dates_in_words(self):
        return in_words(self.dates)

    @cached_property
    def top_outcomes(self):
        """Its outcomes with no parent, each with its `children`: from the rows `with_parts()`
        prefetched (one query for the whole tree), or read now."""
        rows = getattr(self, "outcome_rows", None)
        return as_tree(list(self.outcomes.all()) if rows is None else rows)

    @cached_property
    def top_events(self):
        """Its related events with no parent, each with its `children` (as `top_outcomes`)."""
        rows = getattr(self, "event_rows", None)
        return as_tree(list(self.events.all()) if rows is None else rows)

    def organising_network(self):
        """The network that organised it, as far as a page names it: from the names
        `with_network()` reads along (no query), else `Network.objects.main()`."""
        if not hasattr(self, "network_name"):
            return Network.objects.main()
        if self.network_name is None:
            return None
        return Network(
            name_en=self.network_name,
            name_ja=self.network_name_ja,
            short_name=self.network_short_name,
        )

    citation_context = ("host_city",)

    def cited_as(self):
        return str(self), self.get_absolute_url()

    @property
    def iso_start(self):
        """The start as an ISO date or partial date, for <time datetime>."""
        return iso_span(self.dates)[0]

    def when(self):
        """When it was, or is to be, in words, saying what is not known: "8–9 November 2010",
        "2001 (exact dates not recorded)", "2011, date to be set", "announced in 2010 for 2011;
        no record yet". Reads `announced_at` (select it) for a passed announcement."""
        words = in_words(self.dates)
        if not self.held:
            if not self.announcement_passed:
                return _("%(when)s, date to be set") % {"when": words}
            if self.announced_at_id:
                return _("announced in %(year)s for %(when)s; no record yet") % {
                    "year": self.announced_at.year,
                    "when": words,
                }
            return _("announced for %(when)s; no record yet") % {"when": words}
        known = precision(self.dates)
        if known == "year":
            return _("%(when)s (exact dates not recorded)") % {"when": words}
        if known == "month":
            return _("%(when)s (days not recorded)") % {"when": words}
        return words

    def participants_by_role(self):
        """[(role label, participations)] in the order host, member, observer, of those who
        took part; absent members are listed by `absentees()`. Empty roles are left out.

        Reads the prefetched participations (`with_parts()`).
        """
        by_role = {role: [] for role in ParticipationRole}
        for participation in self.participations.all():
            if participation.took_part:
                by_role[participation.role].append(participation)
        return [
            (ParticipationRole(role).label, people) for role, people in by_role.items() if people
        ]

    def absentees(self):
        """The participations of cities that did not take part (absent, apologies)."""
        return [p for p in self.participations.all() if not p.took_part]

    @property
    def announcement_passed(self):
        """An announced meeting whose time is over without a record of it being held."""
        return (
            not self.held
            and self.dates_latest is not None
            and self.dates_latest < timezone.localdate()
        )

    def clean(self):
        if self.dates:
            earliest = bounds(self.dates)[0]
            if earliest and earliest.year < 2001:
                raise ValidationError(
                    {"dates": _("The network's plenary meetings began in 2001: check the dates.")}
                )

    def linked_drafts(self):
        """Its host, the cities taking part, its declarations, the sources about it and those
        it cites, the projects it reported on: what its page shows (see Publishable)."""
        linked = [self.host_city]
        linked += [p.city for p in self.participations.select_related("city")]
        linked += list(self.declarations.all())
        linked += list(self.sources.all())
        linked += [citation.source for citation in self.citations.select_related("source")]
        linked += list(self.joint_projects.all())
        return [record for record in linked if not record.is_published]


def ordinal(number):
    """The ordinal of a positive whole number in the active language: 1st, 2nd, 3rd, 9th, 11th,
    22nd in English; 第1回, 第9回 in Japanese (the catalog words each English ending)."""
    if 10 <= number % 100 <= 20:
        form = ORDINALS["th"]
    else:
        form = ORDINALS[{1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")]
    return form % {"number": number}


# One entry an English ending, so that each language words them as it needs.
ORDINALS = {
    "st": pgettext_lazy("ordinal number", "%(number)sst"),
    "nd": pgettext_lazy("ordinal number", "%(number)snd"),
    "rd": pgettext_lazy("ordinal number", "%(number)srd"),
    "th": pgettext_lazy("ordinal number", "%(number)sth"),
}


class ParticipationRole(models.TextChoices):
    HOST = "host", _("Host")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


class Attendance(models.TextChoices):
    ATTENDED = "attended", _("Attended")
    REPRESENTED = "represented", _("Represented by someone other than its head")
    PROXY = "proxy", _("Attended by proxy")
    APOLOGIES = "apologies", _("Sent apologies")
    ABSENT = "absent", _("Absent")


class RepresentativeLevel(models.TextChoices):
    HEAD = "head", _("Head of the city (governor, mayor)")
    DEPUTY = "deputy", _("Deputy head (vice-governor, vice-mayor)")
    OFFICIAL = "official", _("City official")
    DIPLOMAT = "diplomat", _("Diplomat (ambassador, consul)")
    OTHER = "other", _("Other")


class ParticipationQuerySet(PublicReadQuerySet):
    def published(self):
        """What the public sees: published cities at published meetings."""
        return self.of_published_meetings().of_published_cities()

    def of_published_meetings(self):
        """At published meetings (under a city chosen by its own read path)."""
        return self.filter(meeting__status=PublicationStatus.PUBLISHED)

    def of_published_cities(self):
        """By published cities (under a meeting chosen by its own read path)."""
        return self.filter(city__status=PublicationStatus.PUBLISHED)


class Participation(Versioned):
    """A city at one meeting, in a role."""

    meeting = models.ForeignKey(
        PlenaryMeeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(_("role"), max_length=10, choices=ParticipationRole.choices)
    attendance = models.CharField(
        _("attendance"), max_length=12, choices=Attendance.choices, default=Attendance.ATTENDED
    )
    representative = models.CharField(
        _("representative"),
        max_length=200,
        blank=True,
        help_text=_("Who represented the city, as the source names them: Nguyen Phu Binh."),
    )
    representative_title = models.CharField(
        _("representative's title"),
        max_length=200,
        blank=True,
        help_text=_("Governor, Vice-Governor, Ambassador…"),
    )
    representative_level = models.CharField(
        _("representative's level"), max_length=10, choices=RepresentativeLevel.choices, blank=True
    )
    delegation_size = models.PositiveSmallIntegerField(
        _("delegation size"),
        null=True,
        blank=True,
        help_text=_("People in the city's delegation; empty if not recorded."),
    )
    first_time = models.BooleanField(
        _("first time in this role"),
        default=False,
        help_text=_("The city attended in this role for the first time at this meeting."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    citations = GenericRelation("plenaries.Citation", related_query_name="participation")

    objects = ParticipationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ("meeting", "city__name")
        constraints = [
            models.UniqueConstraint(
                fields=("meeting", "city"),
                name="participation_city_once_per_meeting",
                violation_error_message=_("This city is already listed for this meeting."),
            ),
            models.UniqueConstraint(
                fields=("meeting",),
                condition=Q(role="host"),
                name="participation_one_host_per_meeting",
                violation_error_message=_("A meeting has only one host."),
            ),
        ]

    def __str__(self):
        return f"{self.city} — {self.get_role_display()}"

    citation_context = ("city", "meeting")

    def cited_as(self):
        label = _("%(city)s at the %(meeting)s") % {
            "city": self.city.name,
            "meeting": self.meeting.title,
        }
        return label, self.meeting.get_absolute_url()

    @property
    def took_part(self):
        """Attended, in person, by a representative or by proxy (not absent)."""
        return self.attendance not in (Attendance.ABSENT, Attendance.APOLOGIES)

    def clean(self):
        if not self.took_part and self.role == ParticipationRole.HOST:
            raise ValidationError({"attendance": _("The host city cannot be absent.")})
        if self.representative_level == RepresentativeLevel.HEAD and (
            self.attendance == Attendance.REPRESENTED
        ):
            raise ValidationError(
                {
                    "representative_level": _(
                        "“Represented by someone other than its head” needs a representative "
                        "who is not the head."
                    )
                }
            )
        try:
            meeting = self.meeting
        except PlenaryMeeting.DoesNotExist:
            return
        if (
            self.role == ParticipationRole.HOST
            and self.city_id
            and meeting.host_city_id
            and meeting.host_city_id != self.city_id
        ):
            raise ValidationError(
                {"city": _("The host participant must be the meeting's host city.")}
            )

    def owner_record(self):
        """The record whose page shows this row (core.models.review_owner)."""
        return self.meeting


class OutcomeKind(models.TextChoices):
    FEATURE = "feature", pgettext_lazy("outcome kind", "Feature")
    ACCOMPLISHMENT = "accomplishment", _("Accomplishment")
    AGREEMENT = "agreement", _("Agreement")
    DECISION = "decision", _("Decision")
    ATTENDANCE = "attendance", _("Attendance")
    EVENT = "event", pgettext_lazy("outcome kind", "Event")


class OutcomeQuerySet(SearchableQuerySet, PublicReadQuerySet):
    def published(self):
        """Outcomes of published meetings."""
        return self.filter(meeting__status=PublicationStatus.PUBLISHED)

    def searchable(self):
        """Outcomes of published meetings, with what a search result shows of them."""
        return self.published().select_related("meeting", "meeting__host_city")


def tree_order():
    """The order of a meeting's outcomes or events as a page lists them: each top-level row
    by its number, followed by its parts by theirs."""
    return (
        Coalesce("parent__order", "order"),
        Coalesce("parent_id", "id"),
        F("parent").asc(nulls_first=True),
        "order",
    )


def validate_nesting(item):
    """An outcome or event sits under a parent of the same meeting, one level deep at most."""
    if not item.parent_id:
        return
    if item.parent.parent_id:
        raise ValidationError({"parent": _("Items nest one level only.")})
    if item.meeting_id and item.parent.meeting_id != item.meeting_id:
        raise ValidationError({"parent": _("The parent belongs to another meeting.")})


class Outcome(Versioned):
    """What a meeting achieved, agreed or decided; nested one level for sub-points."""

    meeting = models.ForeignKey(
        PlenaryMeeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="outcomes"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("under"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=OutcomeKind.choices)
    text = models.TextField(_("text"))
    related_event = models.ForeignKey(
        "RelatedEvent",
        verbose_name=_("related event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outcomes",
    )
    joint_projects = models.ManyToManyField(
        "JointProject", verbose_name=_("joint projects"), blank=True, related_name="outcomes"
    )

    citations = GenericRelation("plenaries.Citation", related_query_name="outcome")

    objects = OutcomeQuerySet.as_manager()
    search_document = search_document_field(body=("text_en", "text_ja"))

    history = HistoryWithLinks(
        excluded_fields=["version", "search_document"], m2m_fields=["joint_projects"]
    )

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ("order", "pk")
        indexes = [
            SearchIndex(fields=["search_document"], name="outcome_search"),
        ]

    def __str__(self):
        return self.text[:80]

    def clean(self):
        validate_nesting(self)

    def owner_record(self):
        """The record whose page shows this row (core.models.review_owner)."""
        return self.meeting


class EventKind(models.TextChoices):
    EXHIBITION = "exhibition", _("Exhibition")
    ZONE = "zone", _("Exhibition zone")
    RECEPTION = "reception", _("Reception")
    BUSINESS_TALKS = "business_talks", _("Business talks")
    SEMINAR = "seminar", _("Seminar")
    OTHER = "other", _("Other")


class RelatedEventQuerySet(SearchableQuerySet, PublicReadQuerySet):
    def published(self):
        """Events of published meetings."""
        return self.filter(meeting__status=PublicationStatus.PUBLISHED)

    def searchable(self):
        return self.published().select_related("meeting", "meeting__host_city")


class RelatedEvent(Versioned):
    """Something held with or around a meeting; it may have its own dates and sub-parts."""

    meeting = models.ForeignKey(
        PlenaryMeeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="events"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    dates = EDTFField(_("dates"), blank=True)
    dates_earliest = models.DateField(null=True, editable=False)
    dates_latest = models.DateField(null=True, editable=False)
    place = models.CharField(_("place"), max_length=200, blank=True)
    audience = models.CharField(_("for"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    first_time = models.BooleanField(_("held for the first time"), default=False)
    search_document = search_document_field(
        "name_en",
        "name_ja",
        body=(
            "place_en",
            "place_ja",
            "audience_en",
            "audience_ja",
            "description_en",
            "description_ja",
        ),
    )

    citations = GenericRelation("plenaries.Citation", related_query_name="event")

    objects = RelatedEventQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version", "search_document"])

    class Meta:
        verbose_name = _("related event")
        verbose_name_plural = _("related events")
        ordering = ("order", "pk")
        constraints = [bounds_in_order("event_dates_in_order", "dates")]
        indexes = [SearchIndex(fields=["search_document"], name="relatedevent_search")]

    def __str__(self):
        return self.name

    @property
    def dates_in_words(self):
        return in_words(self.dates)

    def clean(self):
        validate_nesting(self)

    def owner_record(self):
        """The record whose page shows this row (core.models.review_owner)."""
        return self.meeting


class ProjectArea(models.TextChoices):
    ENVIRONMENT = "environment", _("Environment")
    INDUSTRY = "industry", _("Industry")
    CRISIS_MANAGEMENT = "crisis_management", _("Crisis management")
    INFECTIOUS_DISEASES = "infectious_diseases", _("Infectious diseases")
    CULTURE = "culture", _("Culture, sports and the performing arts")
    OTHER = "other", _("Other")


class JointProjectQuerySet(SearchableQuerySet, PublishableQuerySet):
    def for_list(self):
        return self.published().order_by("area", "name")

    def for_detail(self):
        """Everything the project page shows, in a fixed number of queries."""
        return self.prefetch_related(
            models.Prefetch("cities", queryset=City.objects.published().order_by("name")),
            models.Prefetch(
                "meetings",
                queryset=PlenaryMeeting.objects.published()
                .select_related("host_city", "announced_at")
                .order_by("-number"),
            ),
            models.Prefetch(
                "clauses",
                queryset=published_related(JointProject, "clauses")
                .select_related("declaration")
                .order_by("-declaration__adopted_earliest", "number"),
            ),
            "topics",
        )

    def searchable(self):
        return self.published()


class JointProject(Publishable):
    """A project the member cities carry out together."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    area = models.CharField(_("area"), max_length=30, choices=ProjectArea.choices)
    description = models.TextField(_("description"), blank=True)
    cities = models.ManyToManyField(
        City, verbose_name=_("cities"), blank=True, related_name="joint_projects"
    )
    meetings = models.ManyToManyField(
        PlenaryMeeting,
        verbose_name=_("meetings that reported on it"),
        blank=True,
        related_name="joint_projects",
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="joint_projects"
    )

    search_document = search_document_field(
        "name_en", "name_ja", body=("description_en", "description_ja")
    )

    objects = JointProjectQuerySet.as_manager()
    history = HistoryWithLinks(
        excluded_fields=["version", "search_document"], m2m_fields=["cities", "meetings", "topics"]
    )

    class Meta:
        verbose_name = _("joint project")
        verbose_name_plural = _("joint projects")
        permissions = [("publish_jointproject", _("Can publish and unpublish joint projects"))]
        ordering = ("area", "name")
        indexes = [
            SearchIndex(fields=["search_document"], name="jointproject_search"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("plenaries:project_detail", kwargs={"slug": self.slug})

    def linked_drafts(self):
        """Its cities and the meetings it was reported at (see Publishable)."""
        linked = [*self.cities.all(), *self.meetings.all()]
        return [record for record in linked if not record.is_published]


class SourceQuerySet(SearchableQuerySet, PublishableQuerySet):
    def published(self):
        """Published sources that are about no meeting or about a published one."""
        return (
            super()
            .published()
            .filter(Q(meeting__isnull=True) | Q(meeting__status=PublicationStatus.PUBLISHED))
        )

    def press_releases(self):
        return self.filter(kind=SourceKind.PRESS_RELEASE)

    def for_detail(self):
        """Everything a source's page shows: its issuer, meeting, public contacts, citations."""
        return self.select_related(
            "issued_by", "issued_by__parent", "meeting", "meeting__host_city"
        ).prefetch_related(
            models.Prefetch(
                "contacts",
                queryset=published_related(Source, "contacts").with_unit_path(),
            ),
            models.Prefetch(
                "citations",
                queryset=Citation.objects.select_related("content_type").order_by("pk"),
            ),
        )

    def searchable(self):
        return self.published().select_related("meeting", "issued_by")


class SourceKind(models.TextChoices):
    PRESS_RELEASE = "press_release", _("Press release")
    DECLARATION_TEXT = "declaration_text", _("Declaration text")
    NEWS_ITEM = "news_item", _("News item")
    WEB_PAGE = "web_page", _("Web page")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other document")


class Source(Publishable):
    """A document the record is taken from: a press release, a news item, a web page... with
    our copy of its text where we hold one. Records and their fields cite it (Citation)."""

    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    publisher = models.CharField(
        _("publisher"),
        max_length=200,
        blank=True,
        help_text=_("Who published it, as they name themselves: VietnamPlus."),
    )
    issued_by = models.ForeignKey(
        "contacts.OrganisationUnit",
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sources_issued",
        help_text=_("For a press release: the unit that issued it."),
    )
    date = EDTFField(_("date"))
    date_earliest = models.DateField(null=True, editable=False, db_index=True)
    date_latest = models.DateField(null=True, editable=False)
    language = models.CharField(
        _("language"), max_length=5, choices=LanguageChoice.choices, default=LanguageChoice.ENGLISH
    )
    url = models.URLField(_("address (URL)"), max_length=500, blank=True)
    meeting = models.ForeignKey(
        PlenaryMeeting,
        verbose_name=_("about the meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sources",
    )
    body = models.TextField(
        _("text (our copy)"),
        blank=True,
        help_text=_("The document's text as we hold it, verbatim; empty if we hold none."),
    )
    contacts = models.ManyToManyField(
        "contacts.InquiryContact",
        verbose_name=_("inquiry contacts"),
        blank=True,
        related_name="sources",
    )

    objects = SourceQuerySet.as_manager()
    search_document = search_document_field("title_en", "title_ja", body=("publisher", "body"))

    history = HistoryWithLinks(
        excluded_fields=["version", "search_document"], m2m_fields=["contacts"]
    )

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        permissions = [("publish_source", _("Can publish and unpublish sources"))]
        ordering = ("-date_earliest", "title")
        indexes = [
            SearchIndex(fields=["search_document"], name="source_search"),
        ]
        constraints = [bounds_in_order("source_date_in_order", "date")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plenaries:source_detail", kwargs={"slug": self.slug})

    @property
    def date_in_words(self):
        return in_words(self.date)

    @property
    def label(self):
        """Who and when, to refer to it briefly: "VietnamPlus, November 2010"."""
        who = self.publisher or (self.issued_by.name if self.issued_by_id else self.title)
        return f"{who}, {self.date_in_words}"

    @property
    def is_press_release(self):
        return self.kind == SourceKind.PRESS_RELEASE

    def supports(self):
        """What the public record takes from this source: [(citation, label, url)] of its
        citations of public records, the records read in one query per kind of record (with
        what their label reads). Reads `citations` as `for_detail()` loads them."""
        citations = list(self.citations.all())
        wanted = defaultdict(set)
        for citation in citations:
            wanted[citation.content_type].add(citation.object_id)
        public = {}
        for content_type, pks in wanted.items():
            # The public ones only, with what `cited_as()` reads: one query per kind.
            model = content_type.model_class()
            reads = model._default_manager
            visible = reads.published() if hasattr(reads, "published") else reads.all()
            rows = visible.filter(pk__in=pks).select_related(
                *getattr(model, "citation_context", ())
            )
            public |= {(content_type.pk, record.pk): record for record in rows}
        shown = []
        for citation in citations:
            record = public.get((citation.content_type_id, citation.object_id))
            if record is not None:
                shown.append((citation, *record.cited_as()))
        return shown

    def linked_drafts(self):
        """The meeting it is about (see Publishable)."""
        return [self.meeting] if self.meeting and not self.meeting.is_published else []


class CitationQuerySet(PublicReadQuerySet):
    def published(self):
        """Citations of published sources."""
        return self.filter(source__status=PublicationStatus.PUBLISHED)


class Citation(Versioned):
    """A source speaking to a record, or to one of its fields: it supports what the record
    says, or, with a `value`, says otherwise (the record then shows that sources differ)."""

    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="citations"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    field = models.CharField(
        _("field"),
        max_length=40,
        blank=True,
        help_text=_("The field the source speaks to (dates, venue…); empty: the whole record."),
    )
    value = models.CharField(
        _("what the source says instead"),
        max_length=300,
        blank=True,
        help_text=_(
            "Only where the source differs from the record: its value (a date in EDTF). "
            "Empty: the source supports the record."
        ),
    )
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("Why the record follows this source, or why it differs."),
    )
    locator = models.CharField(
        _("where in the source"),
        max_length=200,
        blank=True,
        help_text=_("A paragraph, page or short quotation."),
    )

    objects = CitationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ("content_type", "object_id", "field", "pk")
        indexes = [models.Index(fields=("content_type", "object_id"), name="citation_record")]
        constraints = [
            models.UniqueConstraint(
                fields=("source", "content_type", "object_id", "field", "value"),
                name="citation_once",
                violation_error_message=_("This source is already cited here for this."),
            ),
        ]

    def __str__(self):
        about = f" ({self.field})" if self.field else ""
        return f"{self.source}{about}"

    @property
    def differs(self):
        return bool(self.value)

    @property
    def value_in_words(self):
        """The differing value as people write it (a date in words where it is one)."""
        return in_words(self.value)

    def owner_record(self):
        """The record whose page shows this row (core.models.review_owner)."""
        return self.record


def published_citations():
    """The citations shown with a record on the public site: of published sources."""
    return models.Prefetch(
        "citations",
        queryset=Citation.objects.published().select_related("source", "source__issued_by"),
    )


def attach_published_citations(records):
    """`published_citations()` for records of several kinds at once, in one query, not one
    per kind: each record's `citations.all()` then reads them without a query."""
    records = list(records)
    if not records:
        return
    kinds = ContentType.objects.get_for_models(*{type(record) for record in records})
    wanted = Q()
    for model, content_type in kinds.items():
        ids = [record.pk for record in records if type(record) is model]
        wanted |= Q(content_type=content_type, object_id__in=ids)
    found = defaultdict(list)
    citations = Citation.objects.published().select_related("source", "source__issued_by")
    for citation in citations.filter(wanted):
        found[citation.content_type_id, citation.object_id].append(citation)
    for record in records:
        set_prefetched(record, "citations", found[kinds[type(record)].pk, record.pk])


def standings_at(dates):
    """The network's cities by their standing when a meeting of these dates begins:
    [(city, "member" or "observer")], by name; empty where the dates are not readable."""
    day = bounds(dates)[0] if dates else None
    network = Network.objects.main()
    if day is None or network is None:
        return []
    standings = (
        Membership.objects.filter(network=network)
        .holding_on(day)
        .select_related("city")
        .order_by("city__name")
    )
    return [(standing.city, standing.status) for standing in standings]


def _start(dates):
    """The start of an EDTF span, as EDTF: a standing begins on a meeting's first day."""
    return dates.split("/")[0] if dates else dates


def standing_change_problem(dates, city, status):
    """Why the city cannot join the network, or change standing, as `status` at a meeting of
    these dates (in words), or None."""
    day = bounds(_start(dates))[0] if dates else None
    if day is None:
        return _("Give the meeting's dates first: a standing begins on a date.")
    network = Network.objects.main()
    standings = Membership.objects.filter(network=network, city=city)
    current = standings.holding_on(day).first()
    if current is not None and current.status == status:
        return _("%(city)s is already %(status)s on that date.") % {
            "city": city.name,
            "status": _("a member") if status == MembershipStatus.MEMBER else _("an observer"),
        }
    if standings.filter(since_earliest__gt=day).exists():
        return _(
            "%(city)s has a standing recorded after this meeting: change its standings on the "
            "city's page instead."
        ) % {"city": city.name}
    return None


def change_standing_at(meeting, city, status):
    """The city joins the network, or changes standing, at this meeting: the standing it held
    then ends there, and the new one begins there, both linked to the meeting."""
    network = Network.objects.main()
    start = _start(meeting.dates)
    current = (
        Membership.objects.filter(network=network, city=city).holding_on(bounds(start)[0]).first()
    )
    if current is not None:
        current.until, current.until_meeting = start, meeting
        current.full_clean()
        current.save()
    standing = Membership(
        network=network, city=city, status=status, since=start, since_meeting=meeting
    )
    standing.full_clean()
    standing.save()
    return standing
