"""The API's filters (django-filter): by year, city, role, topic and text, each checked, so that
a value that cannot be right answers 400 naming the parameter, never an error or a guess."""

from functools import reduce
from operator import and_, or_

import django_filters as filters
from django import forms
from django.db.models import Q

from contacts.models import InquiryContact
from core.search import MAX_QUERY_LENGTH, query_terms
from declarations.models import Clause, Declaration
from plenaries.models import (
    Attendance,
    City,
    EventKind,
    JointProject,
    Membership,
    MembershipStatus,
    Participation,
    ParticipationRole,
    PlenaryMeeting,
    ProjectArea,
    RelatedEvent,
    Source,
    SourceKind,
)

SLUG_FIELD = {"max_length": 200}


class YearFilter(filters.NumberFilter):
    """A year: a whole number from 1 to 9999 (no larger number reaches the database)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


class NumberFilter(YearFilter):
    """A meeting's number, within what a small integer column holds."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_value", 32767)
        super().__init__(*args, **kwargs)


def text_filter(*fields, help_text):
    """Every word of the text in at least one of these fields (case-insensitive)."""

    def method(queryset, name, value):
        terms = query_terms(value)
        if not terms:
            return queryset
        matches = [reduce(or_, (Q(**{f"{f}__icontains": t}) for f in fields)) for t in terms]
        return queryset.filter(reduce(and_, matches))

    return filters.CharFilter(
        method=method,
        max_length=MAX_QUERY_LENGTH,
        help_text=help_text,
    )


def slug_filter(field_name, help_text, *, distinct=False):
    return filters.CharFilter(
        field_name=field_name, help_text=help_text, distinct=distinct, **SLUG_FIELD
    )


class MeetingFilter(filters.FilterSet):
    year = YearFilter(field_name="year", help_text="Held (or announced) in this year.")
    city = slug_filter("host_city__slug", "Hosted by this city (its id, a slug: tokyo).")
    participant = slug_filter(
        "participations__city__slug", "A city taking part (its id).", distinct=True
    )
    held = filters.BooleanFilter(help_text="true: held; false: announced, no record yet.")
    text = text_filter("summary", "venue", "host_city__name", help_text="Words in the summary.")

    class Meta:
        model = PlenaryMeeting
        fields = ()


class ParticipationFilter(filters.FilterSet):
    meeting = NumberFilter(field_name="meeting__number", help_text="The meeting's number.")
    year = YearFilter(field_name="meeting__year", help_text="At a meeting of this year.")
    city = slug_filter("city__slug", "The city (its id, a slug).")
    role = filters.ChoiceFilter(choices=ParticipationRole.choices, help_text="Host, member...")
    attendance = filters.ChoiceFilter(choices=Attendance.choices)

    class Meta:
        model = Participation
        fields = ()


class CityFilter(filters.FilterSet):
    standing = filters.ChoiceFilter(
        choices=MembershipStatus.choices,
        method="standing_now",
        help_text="Cities whose standing now is this.",
    )
    country = filters.CharFilter(lookup_expr="iexact", max_length=120)
    text = text_filter("name", "country", "description", help_text="Words in the name.")

    class Meta:
        model = City
        fields = ()

    def standing_now(self, queryset, name, value):
        holding = Membership.objects.filter(status=value, until="").values("city")
        return queryset.filter(pk__in=holding)


class MembershipFilter(filters.FilterSet):
    city = slug_filter("city__slug", "The city (its id).")
    standing = filters.ChoiceFilter(field_name="status", choices=MembershipStatus.choices)
    year = YearFilter(method="held_in", help_text="Standings that held at some time that year.")

    class Meta:
        model = Membership
        fields = ()

    def held_in(self, queryset, name, value):
        started = Q(since_earliest__isnull=True) | Q(since_earliest__year__lte=value)
        not_ended = Q(until_latest__isnull=True) | Q(until_latest__year__gte=value)
        return queryset.filter(started & not_ended)


class DeclarationFilter(filters.FilterSet):
    year = YearFilter(field_name="adopted_earliest__year", help_text="Adopted in this year.")
    meeting = NumberFilter(field_name="meeting__number", help_text="Adopted at this meeting.")
    city = slug_filter("signatories__slug", "Signed by this city (its id).", distinct=True)
    text = text_filter(
        "title", "preamble", "clauses__text", help_text="Words in the title, preamble or clauses."
    )

    class Meta:
        model = Declaration
        fields = ()

    def filter_queryset(self, queryset):
        # The text can match several clauses of one declaration.
        return super().filter_queryset(queryset).distinct()


class ClauseFilter(filters.FilterSet):
    declaration = slug_filter("declaration__slug", "The declaration (its id).")
    year = YearFilter(field_name="declaration__adopted_earliest__year")
    topic = slug_filter("topics__slug", "Naming this topic (its id).", distinct=True)
    project = slug_filter("joint_projects__slug", "Naming this joint project.", distinct=True)
    city = slug_filter(
        "declaration__signatories__slug", "Of a declaration this city signed.", distinct=True
    )
    text = text_filter("text", help_text="Words in the clause.")

    class Meta:
        model = Clause
        fields = ()


class ProjectFilter(filters.FilterSet):
    area = filters.ChoiceFilter(choices=ProjectArea.choices)
    city = slug_filter("cities__slug", "A city taking part (its id).", distinct=True)
    topic = slug_filter("topics__slug", "Filed under this topic (its id).", distinct=True)
    meeting = NumberFilter(field_name="meetings__number", distinct=True)
    text = text_filter("name", "description", help_text="Words in the name or description.")

    class Meta:
        model = JointProject
        fields = ()


class EventFilter(filters.FilterSet):
    meeting = NumberFilter(field_name="meeting__number")
    year = YearFilter(field_name="meeting__year", help_text="Held with a meeting of this year.")
    kind = filters.ChoiceFilter(choices=EventKind.choices)
    text = text_filter("name", "description", "place", help_text="Words in the name.")

    class Meta:
        model = RelatedEvent
        fields = ()


class SourceFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=SourceKind.choices)
    meeting = NumberFilter(field_name="meeting__number")
    year = YearFilter(field_name="date_earliest__year", help_text="Dated in this year.")
    text = text_filter("title", "publisher", "body", help_text="Words in the title or text.")

    class Meta:
        model = Source
        fields = ()


class ContactFilter(filters.FilterSet):
    topic = slug_filter("topics__slug", "Answers on this topic (its id).", distinct=True)
    meeting = NumberFilter(method="for_meeting", help_text="Named for this meeting.")
    text = text_filter("person", "unit__name", help_text="Words in the name or unit.")

    class Meta:
        model = InquiryContact
        fields = ()

    def for_meeting(self, queryset, name, value):
        return queryset.for_meeting(value)
