"""The network, its cities over time, plenary meetings and what happened at them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

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
from core.search import SearchableQuerySet, SearchIndex, search_vector


def date_range_constraint(name, start="start_date", end="end_date"):
    """End date, when given, needs a start date and may not come before it."""
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True})
        | Q(**{f"{start}__isnull": False, f"{end}__gte": F(start)}),
        name=name,
        violation_error_message=_("The end date may not be before the start date."),
    )


class NetworkQuerySet(models.QuerySet):
    def main(self):
        """The network this record is about (the oldest, should there ever be several)."""
        return self.order_by("founded_year", "pk").first()


class Network(Versioned):
    """The city network whose record this is (ANMC21)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, unique=True)
    founded_year = models.PositiveSmallIntegerField(_("founded in"))
    description = models.TextField(_("description"), blank=True)

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


class CityQuerySet(CitedRecordQuerySet, PublishableQuerySet):
    def with_standing(self):
        return self.prefetch_related("memberships")

    def for_list(self):
        """Published cities with their standing, for the list of cities."""
        return self.published().with_standing()

    def hosts(self):
        """Published cities that have hosted a published meeting."""
        return (
            self.published()
            .filter(hosted_meetings__status=PublicationStatus.PUBLISHED)
            .distinct()
            .order_by("name")
        )

    def grouped_by_standing(self):
        """Published cities as [(standing label, cities)]: members, observers, then the rest.

        One query for the cities and one for their memberships, whatever their number.
        """
        groups = {status: [] for status in MembershipStatus}
        others = []
        for city in self.for_list():
            current = city.current_membership()
            (groups[current.status] if current else others).append(city)
        labels = {
            MembershipStatus.MEMBER: _("Member cities"),
            MembershipStatus.OBSERVER: _("Observer cities"),
        }
        labelled = [(labels[status], cities) for status, cities in groups.items()]
        labelled.append((_("Former members and other cities"), others))
        return [(label, cities) for label, cities in labelled if cities]

    def for_detail(self):
        """Everything the city page shows, in a fixed number of queries."""
        return self.with_standing().prefetch_related(
            models.Prefetch(
                "hosted_meetings",
                queryset=PlenaryMeeting.objects.published().order_by("-number"),
                to_attr="published_hosted_meetings",
            ),
            models.Prefetch(
                "participations",
                queryset=Participation.objects.of_published_meetings()
                .select_related("meeting", "meeting__host_city")
                .order_by("-meeting__number"),
                to_attr="published_participations",
            ),
            models.Prefetch(
                "joint_projects",
                queryset=JointProject.objects.published().order_by("area", "name"),
                to_attr="published_joint_projects",
            ),
        )


class City(CitedRecord, Publishable):
    """A city as the network names it ("Metropolitan Manila")."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    country = models.CharField(_("country"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    # Declarations name their signatories (participations are guarded by PROTECT).
    cited_by = ("declarations_signed",)

    objects = CityQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        permissions = [("publish_city", _("Can publish and unpublish cities"))]
        ordering = ("name",)

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("plenaries:city_detail", kwargs={"slug": self.slug})

    def current_membership(self):
        """The standing that still holds (no end year), latest first; None if none does.

        Reads the prefetched memberships (`with_standing()`), so it costs no query there.
        """
        current = [m for m in self.memberships.all() if m.until_year is None]
        return max(current, key=lambda m: m.since_year or 0, default=None)


class MembershipStatus(models.TextChoices):
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


class MembershipQuerySet(PublicReadQuerySet):
    def published(self):
        """Standings of published cities."""
        return self.filter(city__status=PublicationStatus.PUBLISHED)


class Membership(Versioned):
    """A city's standing in the network over a span of years (observer, then member...)."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="memberships"
    )
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="memberships"
    )
    status = models.CharField(_("standing"), max_length=10, choices=MembershipStatus.choices)
    since_year = models.PositiveSmallIntegerField(
        _("since"), null=True, blank=True, help_text=_("Leave empty if the year is not recorded.")
    )
    until_year = models.PositiveSmallIntegerField(
        _("until"), null=True, blank=True, help_text=_("Leave empty while the standing holds.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ("city__name", "since_year")
        constraints = [
            models.CheckConstraint(
                condition=Q(until_year__isnull=True)
                | Q(since_year__isnull=True)
                | Q(until_year__gte=F("since_year")),
                name="membership_until_not_before_since",
                violation_error_message=_("The end year may not be before the start year."),
            ),
            models.UniqueConstraint(
                fields=("network", "city", "status", "since_year"),
                name="membership_unique_span",
            ),
        ]

    def __str__(self):
        span = f"{self.since_year or '?'}–{self.until_year or ''}"
        return f"{self.city}: {self.get_status_display()} ({span})"

    def covers(self, year):
        """Whether this standing held in the given year."""
        return (self.since_year is None or self.since_year <= year) and (
            self.until_year is None or year <= self.until_year
        )


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
    # The host city is joined in, so this document has no index: a network holds tens of
    # meetings, not thousands.
    search_fields = ("summary", "venue", "host_city__name")

    def for_list(self):
        """Published meetings, newest first, with their host and published declarations."""
        return (
            self.published()
            .select_related("host_city")
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
        return self.published().select_related("host_city").order_by("year", "number")

    def latest_held(self):
        """The latest published meeting with known dates, or None."""
        return (
            self.published()
            .filter(start_date__isnull=False)
            .select_related("host_city")
            .order_by("-number")
            .first()
        )

    def next_announced(self):
        """The first published meeting announced after the latest held one, or None."""
        return (
            self.published()
            .filter(start_date__isnull=True, number__gt=self.published().latest_dated_number())
            .select_related("host_city")
            .order_by("number")
            .first()
        )

    def neighbours(self, meeting):
        """The published meetings just before and just after this one (None where there is none)."""
        published = self.published().select_related("host_city")
        return (
            published.filter(number__lt=meeting.number).order_by("-number").first(),
            published.filter(number__gt=meeting.number).order_by("number").first(),
        )

    def earlier_in_host_city(self, meeting):
        """(number, year) of the published meetings held in this meeting's host city before it."""
        return list(
            self.published()
            .filter(host_city=meeting.host_city_id, number__lt=meeting.number)
            .order_by("number")
            .values_list("number", "year", named=True)
        )

    def latest_dated_number(self):
        """Number of the latest meeting with known dates; undated ones after it are to come."""
        return self.filter(start_date__isnull=False).aggregate(n=models.Max("number"))["n"] or 0

    def with_parts(self):
        """The meeting's own record, as the open data gives it: host, participations,
        outcomes, related events and projects reported, in a fixed number of queries."""
        return self.select_related("host_city").prefetch_related(
            models.Prefetch(
                "participations",
                queryset=Participation.objects.of_published_cities()
                .select_related("city")
                .order_by("city__name"),
            ),
            models.Prefetch(
                "outcomes",
                queryset=Outcome.objects.filter(parent__isnull=True).prefetch_related("children"),
                to_attr="top_outcomes",
            ),
            models.Prefetch(
                "events",
                queryset=RelatedEvent.objects.filter(parent__isnull=True).prefetch_related(
                    "children"
                ),
                to_attr="top_events",
            ),
            models.Prefetch(
                "joint_projects", queryset=JointProject.objects.published().order_by("name")
            ),
        )

    def for_detail(self):
        """Everything the meeting page shows: its own record, its declarations and its press
        releases with their public contacts."""
        return self.with_parts().prefetch_related(
            models.Prefetch(
                "declarations",
                queryset=published_related(PlenaryMeeting, "declarations").select_related(
                    "adopted_in"
                ),
            ),
            models.Prefetch(
                "press_releases",
                queryset=PressRelease.objects.published()
                .select_related("issued_by", "issued_by__parent")
                .prefetch_related(
                    models.Prefetch(
                        "contacts",
                        queryset=published_related(PressRelease, "contacts").with_unit_path(),
                    )
                ),
            ),
        )

    def search_results(self, terms):
        return self.published().search(terms).select_related("host_city")


class PlenaryMeeting(Publishable):
    """A numbered plenary meeting of the network, hosted by one city.

    An announced meeting has a host and a year but no dates yet.
    """

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    host_city = models.ForeignKey(
        City, verbose_name=_("host city"), on_delete=models.PROTECT, related_name="hosted_meetings"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    objects = PlenaryMeetingQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("plenary meeting")
        verbose_name_plural = _("plenary meetings")
        permissions = [("publish_plenarymeeting", _("Can publish and unpublish plenary meetings"))]
        ordering = ("-number",)
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1), name="meeting_number_positive"),
            models.CheckConstraint(condition=Q(year__gte=2001), name="meeting_year_from_2001"),
            date_range_constraint("meeting_end_not_before_start"),
        ]

    def __str__(self):
        return _("%(ordinal)s Plenary Meeting (%(city)s, %(year)s)") % {
            "ordinal": ordinal(self.number),
            "city": self.host_city.name if self.host_city_id else "?",
            "year": self.year,
        }

    def get_absolute_url(self):
        return reverse("plenaries:meeting_detail", kwargs={"number": self.number})

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

    def participants_by_role(self):
        """[(role label, participations)] in the order host, member, observer; empty roles left out.

        Reads the prefetched participations (`with_parts()`).
        """
        by_role = {role: [] for role in ParticipationRole}
        for participation in self.participations.all():
            by_role[participation.role].append(participation)
        return [
            (ParticipationRole(role).label, people) for role, people in by_role.items() if people
        ]

    @property
    def is_announced_only(self):
        """True while the meeting has a host and a year but no dates."""
        return self.start_date is None

    def clean(self):
        errors = {}
        if self.start_date and self.year and self.start_date.year != self.year:
            errors["year"] = _("The year must be the year of the start date.")
        if self.end_date and not self.start_date:
            errors["start_date"] = _("Give a start date with the end date.")
        elif self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date may not be before the start date.")
        if errors:
            raise ValidationError(errors)


def ordinal(number):
    """English ordinal of a positive whole number: 1st, 2nd, 3rd, 9th, 11th, 22nd."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


class ParticipationRole(models.TextChoices):
    HOST = "host", _("Host")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


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
    first_time = models.BooleanField(
        _("first time in this role"),
        default=False,
        help_text=_("The city attended in this role for the first time at this meeting."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

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

    def clean(self):
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


class OutcomeKind(models.TextChoices):
    FEATURE = "feature", pgettext_lazy("outcome kind", "Feature")
    ACCOMPLISHMENT = "accomplishment", _("Accomplishment")
    AGREEMENT = "agreement", _("Agreement")
    DECISION = "decision", _("Decision")
    ATTENDANCE = "attendance", _("Attendance")
    EVENT = "event", pgettext_lazy("outcome kind", "Event")


class OutcomeQuerySet(SearchableQuerySet, PublicReadQuerySet):
    search_fields = ("text",)

    def published(self):
        """Outcomes of published meetings."""
        return self.filter(meeting__status=PublicationStatus.PUBLISHED)

    def search_results(self, terms):
        """Outcomes of published meetings matching the terms, best first."""
        return self.published().search(terms).select_related("meeting", "meeting__host_city")


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

    objects = OutcomeQuerySet.as_manager()
    history = HistoryWithLinks(excluded_fields=["version"], m2m_fields=["joint_projects"])

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ("order", "pk")
        indexes = [
            SearchIndex(search_vector(*OutcomeQuerySet.search_fields), name="outcome_search"),
        ]

    def __str__(self):
        return self.text[:80]

    def clean(self):
        validate_nesting(self)


class EventKind(models.TextChoices):
    EXHIBITION = "exhibition", _("Exhibition")
    ZONE = "zone", _("Exhibition zone")
    RECEPTION = "reception", _("Reception")
    BUSINESS_TALKS = "business_talks", _("Business talks")
    SEMINAR = "seminar", _("Seminar")
    OTHER = "other", _("Other")


class RelatedEventQuerySet(PublicReadQuerySet):
    def published(self):
        """Events of published meetings."""
        return self.filter(meeting__status=PublicationStatus.PUBLISHED)


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
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    audience = models.CharField(_("for"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    first_time = models.BooleanField(_("held for the first time"), default=False)

    objects = RelatedEventQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("related event")
        verbose_name_plural = _("related events")
        ordering = ("order", "pk")
        constraints = [
            date_range_constraint("event_end_not_before_start"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date may not be before the start date.")})
        validate_nesting(self)


class ProjectArea(models.TextChoices):
    ENVIRONMENT = "environment", _("Environment")
    INDUSTRY = "industry", _("Industry")
    CRISIS_MANAGEMENT = "crisis_management", _("Crisis management")
    INFECTIOUS_DISEASES = "infectious_diseases", _("Infectious diseases")
    CULTURE = "culture", _("Culture, sports and the performing arts")
    OTHER = "other", _("Other")


class JointProjectQuerySet(SearchableQuerySet, PublishableQuerySet):
    search_fields = ("name", "description")

    def for_list(self):
        return self.published().order_by("area", "name")

    def for_detail(self):
        """Everything the project page shows, in a fixed number of queries."""
        return self.prefetch_related(
            models.Prefetch("cities", queryset=City.objects.published().order_by("name")),
            models.Prefetch(
                "meetings",
                queryset=PlenaryMeeting.objects.published()
                .select_related("host_city")
                .order_by("-number"),
            ),
            models.Prefetch(
                "clauses",
                queryset=published_related(JointProject, "clauses")
                .select_related("declaration")
                .order_by("-declaration__adopted_on", "number"),
            ),
            "topics",
        )

    def search_results(self, terms):
        return self.published().search(terms)


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

    objects = JointProjectQuerySet.as_manager()
    history = HistoryWithLinks(
        excluded_fields=["version"], m2m_fields=["cities", "meetings", "topics"]
    )

    class Meta:
        verbose_name = _("joint project")
        verbose_name_plural = _("joint projects")
        permissions = [("publish_jointproject", _("Can publish and unpublish joint projects"))]
        ordering = ("area", "name")
        indexes = [
            SearchIndex(
                search_vector(*JointProjectQuerySet.search_fields), name="jointproject_search"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("plenaries:project_detail", kwargs={"slug": self.slug})


class PressReleaseQuerySet(SearchableQuerySet, PublishableQuerySet):
    search_fields = ("title", "body")

    def published(self):
        """Published releases that are about no meeting or about a published one."""
        return (
            super()
            .published()
            .filter(Q(meeting__isnull=True) | Q(meeting__status=PublicationStatus.PUBLISHED))
        )

    def search_results(self, terms):
        return self.published().search(terms).select_related("meeting", "issued_by")


class PressRelease(Publishable):
    """A dated announcement by an issuing body, about a meeting, with inquiry contacts."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    date = models.DateField(_("date"))
    issued_by = models.ForeignKey(
        "contacts.OrganisationUnit",
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="press_releases",
    )
    meeting = models.ForeignKey(
        PlenaryMeeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="press_releases",
    )
    body = models.TextField(_("body"))
    contacts = models.ManyToManyField(
        "contacts.InquiryContact",
        verbose_name=_("inquiry contacts"),
        blank=True,
        related_name="press_releases",
    )

    objects = PressReleaseQuerySet.as_manager()
    history = HistoryWithLinks(excluded_fields=["version"], m2m_fields=["contacts"])

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        permissions = [("publish_pressrelease", _("Can publish and unpublish press releases"))]
        ordering = ("-date", "title")
        indexes = [
            SearchIndex(
                search_vector(*PressReleaseQuerySet.search_fields), name="pressrelease_search"
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"
