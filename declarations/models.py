"""Declarations adopted at plenary meetings, and their numbered clauses."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.dates import EDTFField, bounds, bounds_in_order, in_words, iso_span, precision
from core.models import (
    HistoryWithLinks,
    PublicationStatus,
    PublicReadQuerySet,
    Publishable,
    PublishableQuerySet,
    Versioned,
)
from core.search import SearchableQuerySet, SearchIndex, search_document_field
from plenaries.models import (
    Attendance,
    City,
    JointProject,
    ParticipationRole,
    PlenaryMeeting,
    Topic,
    published_citations,
)

# How a member city at a meeting signs its declaration: there itself, or through someone.
SIGNING_ATTENDANCE = (Attendance.ATTENDED, Attendance.REPRESENTED, Attendance.PROXY)


def adoption_day(dates):
    """When a meeting's declaration was adopted, as far as its dates say: its last day where
    the days are known, else the meeting's dates as they are known."""
    last = iso_span(dates)[1] if dates else None
    return last if last and precision(last) == "day" else dates


class DeclarationQuerySet(SearchableQuerySet, PublishableQuerySet):
    def published(self):
        """Published declarations of published meetings."""
        return super().published().filter(meeting__status=PublicationStatus.PUBLISHED)

    def searchable(self):
        return self.published().select_related("meeting", "meeting__host_city")

    def with_display_titles(self):
        """Count, for each, the other published declarations with its title: where there are
        some, `display_title` adds the year."""
        others = (
            Declaration.objects.published()
            .filter(title=OuterRef("title"))
            .exclude(pk=OuterRef("pk"))
            .order_by()
            .values("title")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(title_clashes=Coalesce(Subquery(others), 0))

    def clashing_titles(self):
        """The titles more than one of these declarations share."""
        titles = self.order_by().values("title").annotate(n=Count("pk")).filter(n__gt=1)
        return set(titles.values_list("title", flat=True))

    def for_list(self):
        """Published declarations, newest first, with their meeting and number of clauses.

        The counts are subqueries, not a join: the database works them out for the page's rows
        only, after sorting and cutting, not for every clause of every declaration."""
        clauses = (
            Clause.objects.filter(declaration=OuterRef("pk"))
            .order_by()
            .values("declaration")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            self.published()
            .with_display_titles()
            .select_related("meeting", "meeting__host_city", "adopted_in")
            .annotate(clause_count=Coalesce(Subquery(clauses), 0))
            .order_by("-adopted_earliest", "title")
        )

    def for_text(self):
        """What the plain-text declaration needs: its meeting, place, signatories and clauses."""
        return self.select_related("meeting", "adopted_in").prefetch_related(
            published_signatories(), "clauses"
        )

    def for_detail(self):
        """Everything the declaration page shows, in a fixed number of queries: only published
        records among what it names (signatories, projects, meetings)."""
        return (
            self.with_display_titles()
            .select_related("meeting", "meeting__host_city", "adopted_in")
            .prefetch_related(
                published_citations(),
                published_signatories(),
                Prefetch(
                    "clauses",
                    queryset=Clause.objects.prefetch_related(
                        Prefetch("joint_projects", queryset=JointProject.objects.published()),
                        "topics",
                        Prefetch(
                            "meetings_named",
                            queryset=PlenaryMeeting.objects.published().select_related("host_city"),
                        ),
                    ),
                ),
            )
        )


def published_signatories():
    """A declaration's signatories as the public sees them: published cities, by name."""
    return Prefetch("signatories", queryset=City.objects.published().order_by("name"))


class Declaration(Publishable):
    """The text a meeting adopts: a preamble naming its signatories, then numbered clauses."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    meeting = models.ForeignKey(
        PlenaryMeeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="declarations",
    )
    adopted = EDTFField(_("adopted on"))
    adopted_earliest = models.DateField(null=True, editable=False, db_index=True)
    adopted_latest = models.DateField(null=True, editable=False)
    adopted_in = models.ForeignKey(
        City,
        verbose_name=_("adopted in"),
        on_delete=models.PROTECT,
        related_name="declarations_adopted",
    )
    preamble = models.TextField(_("preamble"))
    signatories = models.ManyToManyField(
        City, verbose_name=_("signatory cities"), blank=True, related_name="declarations_signed"
    )
    search_document = search_document_field(
        "title_en", "title_ja", body=("preamble_en", "preamble_ja")
    )
    citations = GenericRelation("plenaries.Citation", related_query_name="declaration")

    objects = DeclarationQuerySet.as_manager()
    history = HistoryWithLinks(
        excluded_fields=["version", "search_document"], m2m_fields=["signatories"]
    )

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        permissions = [("publish_declaration", _("Can publish and unpublish declarations"))]
        ordering = ("-adopted_earliest",)
        constraints = [bounds_in_order("declaration_adopted_in_order", "adopted")]
        indexes = [
            SearchIndex(fields=["search_document"], name="declaration_search"),
            # Declarations in adoption order, then their clauses by number (the API's list of
            # 100,000 clauses): a page is read from the first declarations, not sorted whole.
            models.Index(
                fields=["adopted_earliest", "title_en"], name="declaration_adoption_order"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("declarations:declaration_detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.meeting_id and self.adopted and self.meeting.dates:
            adopted_first, adopted_last = bounds(self.adopted)
            meeting_first, meeting_last = bounds(self.meeting.dates)
            if (
                adopted_first
                and meeting_first
                and meeting_last
                and (adopted_last < meeting_first or adopted_first > meeting_last)
            ):
                raise ValidationError(
                    {
                        "adopted": _("A declaration is adopted during its meeting (%(dates)s).")
                        % {"dates": in_words(self.meeting.dates)}
                    }
                )

    def cited_as(self):
        return self.title, self.get_absolute_url()

    @property
    def adopted_in_words(self):
        return in_words(self.adopted)

    @property
    def display_title(self):
        """The title, with the year where another published declaration has the same one
        ("Tokyo Declaration (2010)"); reads `title_clashes` (`with_display_titles()`)."""
        if getattr(self, "title_clashes", 0):
            return f"{self.title} ({self.adopted_earliest.year if self.adopted_earliest else '?'})"
        return self.title

    def citation(self, clause=None):
        """How to cite the declaration or one of its clauses."""
        parts = [
            self.title,
            f"ANMC21 {self.meeting.title}",
            self.adopted_in.name,
            in_words(self.adopted),
        ]
        if clause is not None:
            parts.append(_("clause %(number)s") % {"number": clause.number})
        return ", ".join(str(part) for part in parts)

    def linked_drafts(self):
        """Its meeting, the city it was adopted in, its signatories, the projects its clauses
        name and the sources it cites (see Publishable)."""
        linked = [self.meeting, self.adopted_in, *self.signatories.all()]
        linked += [
            project
            for clause in self.clauses.prefetch_related("joint_projects")
            for project in clause.joint_projects.all()
        ]
        linked += [citation.source for citation in self.citations.select_related("source")]
        return [record for record in linked if not record.is_published]


def validate_signatories(meeting, cities):
    """Signatories must be member or host participants of the meeting, never observers."""
    roles = dict(meeting.participations.values_list("city_id", "role"))
    wrong = [
        city.name
        for city in cities
        if roles.get(city.pk) not in (ParticipationRole.MEMBER, ParticipationRole.HOST)
    ]
    if wrong:
        raise ValidationError(
            _("Only member cities taking part in the meeting sign: %(cities)s."),
            params={"cities": ", ".join(sorted(wrong))},
        )


class ClauseQuerySet(SearchableQuerySet, PublicReadQuerySet):
    def published(self):
        """Clauses of published declarations of published meetings."""
        return self.filter(
            declaration__status=PublicationStatus.PUBLISHED,
            declaration__meeting__status=PublicationStatus.PUBLISHED,
        )

    def for_detail(self):
        """Everything the clause page shows, in a fixed number of queries."""
        return self.select_related(
            "declaration",
            "declaration__meeting",
            "declaration__meeting__host_city",
            "declaration__adopted_in",
        ).prefetch_related(
            Prefetch("joint_projects", queryset=JointProject.objects.published()),
            "topics",
            Prefetch(
                "meetings_named",
                queryset=PlenaryMeeting.objects.published().select_related("host_city"),
            ),
        )

    def neighbours(self, clause):
        """Numbers of the clauses just before and after this one in its declaration, or None."""
        siblings = self.filter(declaration=clause.declaration_id).values_list("number", flat=True)
        return (
            siblings.filter(number__lt=clause.number).order_by("-number").first(),
            siblings.filter(number__gt=clause.number).order_by("number").first(),
        )

    def searchable(self):
        return self.published().select_related(
            "declaration", "declaration__meeting", "declaration__adopted_in"
        )


class Clause(Versioned):
    """A numbered clause of a declaration: the unit people cite."""

    declaration = models.ForeignKey(
        Declaration, verbose_name=_("declaration"), on_delete=models.CASCADE, related_name="clauses"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))
    joint_projects = models.ManyToManyField(
        JointProject, verbose_name=_("joint projects named"), blank=True, related_name="clauses"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics named"), blank=True, related_name="clauses"
    )
    meetings_named = models.ManyToManyField(
        PlenaryMeeting,
        verbose_name=_("meetings named"),
        blank=True,
        related_name="clauses_naming",
    )

    search_document = search_document_field(body=("text_en", "text_ja"))

    objects = ClauseQuerySet.as_manager()
    history = HistoryWithLinks(
        excluded_fields=["version", "search_document"],
        m2m_fields=["joint_projects", "topics", "meetings_named"],
    )

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ("declaration", "number")
        constraints = [
            models.UniqueConstraint(
                fields=("declaration", "number"),
                name="clause_number_unique_in_declaration",
                violation_error_message=_("This clause number is already used."),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="clause_number_positive"),
        ]
        indexes = [
            SearchIndex(fields=["search_document"], name="clause_search"),
        ]

    def __str__(self):
        return _("%(declaration)s, clause %(number)s") % {
            "declaration": self.declaration.title if self.declaration_id else "?",
            "number": self.number,
        }

    def get_absolute_url(self):
        return self.declaration.get_absolute_url() + f"#{self.anchor}"

    @property
    def anchor(self):
        return f"clause-{self.number}"

    def get_page_url(self):
        """The page of this clause alone, with its citation."""
        return reverse(
            "declarations:clause_detail",
            kwargs={"slug": self.declaration.slug, "number": self.number},
        )

    def citation(self):
        return self.declaration.citation(self)

    def owner_record(self):
        """The record whose page shows this row (core.models.review_owner)."""
        return self.declaration


class ClauseWording(models.Model):
    """A wording of a clause as it stood on the public record. Kept from the first correction
    of its text on: the wording before it (version 1) and each approved wording after, so that
    a citation made before a correction still finds the words it cited (`?version=1`)."""

    clause = models.ForeignKey(
        Clause, verbose_name=_("clause"), on_delete=models.CASCADE, related_name="wordings"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text"))
    since = models.DateTimeField(_("on the record since"))
    change = models.ForeignKey(
        "core.PublicChange",
        verbose_name=_("change log entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("clause wording")
        verbose_name_plural = _("clause wordings")
        ordering = ("clause", "version")
        constraints = [
            models.UniqueConstraint(fields=("clause", "version"), name="clause_wording_version"),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="clause_wording_version_from_1"
            ),
        ]

    def __str__(self):
        return f"{self.clause}, version {self.version}"

    def get_absolute_url(self):
        return f"{self.clause.get_page_url()}?version={self.version}"


def clause_texts(owner, **kwargs):
    """Before an approved change to a declaration: its clauses' texts, to compare after."""
    if not isinstance(owner, Declaration):
        return None
    return dict(owner.clauses.values_list("pk", "text"))


def keep_corrected_wordings(owner, entry, before, **kwargs):
    """After a change to a declaration is logged: each clause whose text it changed keeps the
    wording before (version 1, if it had none) and the new one, dated by the log entry."""
    if not isinstance(owner, Declaration):
        return
    texts = next((value for receiver, value in before if receiver is clause_texts), None) or {}
    for clause in owner.clauses.prefetch_related("wordings"):
        old = texts.get(clause.pk)
        if old is None or old == clause.text:
            continue
        wordings = list(clause.wordings.all())
        if not wordings:
            since = owner.published_at or entry.made_at
            wordings.append(
                ClauseWording.objects.create(clause=clause, version=1, text=old, since=since)
            )
        ClauseWording.objects.create(
            clause=clause,
            version=wordings[-1].version + 1,
            text=clause.text,
            since=entry.made_at,
            change=entry,
        )
