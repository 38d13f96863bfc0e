"""What the API says of each kind of record: read-only, every record named by a stable
identifier (`id`: a meeting's number, a slug, or the row's key where a record has no name of
its own), with `url` (itself in the API) and `html_url` (its page on the site).

The record's text is English (`name`, `title`, `text`...), as it has always been; each text
recorded in Japanese too has it beside it (`name_ja`), null where the Japanese is not recorded.
Never a machine translation."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from contacts.models import InquiryContact
from core.dates import as_data
from core.languages import in_language, other_language_fields
from declarations.models import Clause, Declaration
from plenaries.models import (
    City,
    JointProject,
    Membership,
    MembershipStatus,
    Participation,
    PlenaryMeeting,
    RelatedEvent,
    Source,
    Topic,
)


class RecordSerializer(serializers.ModelSerializer):
    """A model serializer that gives each translated field's Japanese (`name_ja`) after it."""

    def get_field_names(self, declared_fields, info):
        names = super().get_field_names(declared_fields, info)
        others = other_language_fields(self.Meta.model)
        return [
            widened
            for name in names
            for widened in (name, *(others.get(name, ()) if name not in declared_fields else ()))
        ]

    def build_field(self, field_name, info, model_class, nested_depth):
        field_class, kwargs = super().build_field(field_name, info, model_class, nested_depth)
        if field_name.endswith("_ja"):
            kwargs["help_text"] = "In Japanese, where it is recorded; null where it is not."
        return field_class, kwargs


class EdtfDate(serializers.Serializer):
    """A date as precisely as it is known."""

    edtf = serializers.CharField(help_text="As recorded, in EDTF: 2010-11-08/2010-11-09, 2001-10")
    earliest = serializers.DateField(allow_null=True, help_text="The earliest day it allows.")
    latest = serializers.DateField(allow_null=True, help_text="The latest day it allows.")
    in_words = serializers.CharField(help_text="As people write it: 8–9 November 2010.")


@extend_schema_field(EdtfDate(allow_null=True))
class EdtfField(serializers.Field):
    """An EDTF text as `EdtfDate`; null where none is recorded."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return as_data(value)


@extend_schema_field(OpenApiTypes.URI)
class Link(serializers.Field):
    """An absolute address: in the API (`view` and the record's `kwargs`), or the record's page
    on the site (`method`, a method of the record returning a path)."""

    def __init__(self, *, view=None, kwargs=None, method="get_absolute_url", **options):
        self.view, self.kwargs_of, self.method = view, kwargs, method
        super().__init__(source="*", read_only=True, **options)

    def to_representation(self, record):
        request = self.context["request"]
        if self.view:
            return reverse(self.view, kwargs=self.kwargs_of(record), request=request)
        return request.build_absolute_uri(getattr(record, self.method)())


def meeting_link(view="api:meeting-detail"):
    return Link(view=view, kwargs=lambda m: {"number": m.number})


def slug_link(view):
    return Link(view=view, kwargs=lambda record: {"slug": record.slug})


def pk_link(view):
    return Link(view=view, kwargs=lambda record: {"pk": record.pk})


# Short references from one record to another.


class CityRef(RecordSerializer):
    id = serializers.CharField(source="slug")
    url = slug_link("api:city-detail")
    html_url = Link()

    class Meta:
        model = City
        fields = ("id", "name", "url", "html_url")


class MeetingRef(RecordSerializer):
    id = serializers.IntegerField(source="number")
    title = serializers.CharField()
    url = meeting_link()
    html_url = Link()

    class Meta:
        model = PlenaryMeeting
        fields = ("id", "title", "year", "url", "html_url")


class DeclarationRef(RecordSerializer):
    id = serializers.CharField(source="slug")
    url = slug_link("api:declaration-detail")
    html_url = Link()

    class Meta:
        model = Declaration
        fields = ("id", "title", "url", "html_url")


class ProjectRef(RecordSerializer):
    id = serializers.CharField(source="slug")
    url = slug_link("api:project-detail")
    html_url = Link()

    class Meta:
        model = JointProject
        fields = ("id", "name", "area", "url", "html_url")


class SourceRef(RecordSerializer):
    id = serializers.CharField(source="slug")
    url = slug_link("api:source-detail")
    html_url = Link()

    class Meta:
        model = Source
        fields = ("id", "title", "kind", "url", "html_url")


class TopicSerializer(RecordSerializer):
    id = serializers.CharField(source="slug")

    class Meta:
        model = Topic
        fields = ("id", "name")


# Meetings and what belongs to them.


class ParticipationInMeeting(RecordSerializer):
    city = CityRef()

    class Meta:
        model = Participation
        fields = (
            "id",
            "city",
            "role",
            "attendance",
            "representative",
            "representative_title",
            "representative_level",
            "delegation_size",
            "first_time",
        )


class ParticipationSerializer(ParticipationInMeeting):
    meeting = MeetingRef()
    url = pk_link("api:participation-detail")

    class Meta(ParticipationInMeeting.Meta):
        fields = ("id", "url", "meeting", *ParticipationInMeeting.Meta.fields[1:])


class OutcomeSerializer(serializers.Serializer):
    kind = serializers.CharField()
    text = serializers.CharField()
    text_ja = serializers.CharField(
        allow_null=True, help_text="In Japanese, where it is recorded; null where it is not."
    )
    points = serializers.SerializerMethodField()
    points_ja = serializers.SerializerMethodField(
        help_text="Each point in Japanese, where it is recorded; null where it is not."
    )

    def get_points(self, outcome) -> list[str]:
        return [child.text for child in outcome.children.all()]

    def get_points_ja(self, outcome) -> list[str | None]:
        return [getattr(child, in_language("text", "ja")) for child in outcome.children.all()]


class EventPart(RecordSerializer):
    dates = EdtfField()
    url = pk_link("api:event-detail")
    calendar_url = Link(
        view="plenaries:event_ics",
        kwargs=lambda e: {"number": e.meeting.number, "pk": e.pk},
        help_text="The event as an iCalendar file (absent when it has no dates).",
    )

    class Meta:
        model = RelatedEvent
        fields = (
            "id",
            "url",
            "name",
            "kind",
            "dates",
            "place",
            "audience",
            "description",
            "first_time",
            "calendar_url",
        )


class EventInMeeting(EventPart):
    parts = EventPart(many=True, source="children")

    class Meta(EventPart.Meta):
        fields = (*EventPart.Meta.fields, "parts")


class EventSerializer(EventPart):
    meeting = MeetingRef()
    parent = serializers.IntegerField(source="parent_id", allow_null=True)

    class Meta(EventPart.Meta):
        fields = ("id", "url", "meeting", "parent", *EventPart.Meta.fields[2:])


class MeetingSerializer(RecordSerializer):
    id = serializers.IntegerField(source="number", help_text="The meeting's number: 9 is the 9th.")
    url = meeting_link()
    html_url = Link()
    calendar_url = Link(view="plenaries:meeting_ics", kwargs=lambda m: {"number": m.number})
    title = serializers.CharField()
    full_title = serializers.CharField()
    host_city = CityRef()
    dates = EdtfField()
    announced_at = serializers.IntegerField(
        source="announced_at.number",
        allow_null=True,
        help_text="The number of the meeting at which this one was announced.",
    )

    class Meta:
        model = PlenaryMeeting
        fields = (
            "id",
            "url",
            "html_url",
            "calendar_url",
            "title",
            "full_title",
            "host_city",
            "dates",
            "year",
            "held",
            "announced_at",
            "venue",
            "participant_count",
            "summary",
            "published_at",
        )


class MeetingDetailSerializer(MeetingSerializer):
    participants = ParticipationInMeeting(many=True, source="participations")
    outcomes = OutcomeSerializer(many=True, source="top_outcomes")
    related_events = EventInMeeting(many=True, source="top_events")
    declarations = DeclarationRef(many=True)
    joint_projects = ProjectRef(many=True)
    sources = SourceRef(many=True)

    class Meta(MeetingSerializer.Meta):
        fields = (
            *MeetingSerializer.Meta.fields,
            "participants",
            "outcomes",
            "related_events",
            "declarations",
            "joint_projects",
            "sources",
        )


# Cities and their standing.


class MembershipInCity(RecordSerializer):
    standing = serializers.ChoiceField(source="status", choices=MembershipStatus.choices)
    since = EdtfField()
    until = EdtfField()
    since_meeting = serializers.IntegerField(source="since_meeting.number", allow_null=True)
    until_meeting = serializers.IntegerField(source="until_meeting.number", allow_null=True)
    url = pk_link("api:membership-detail")

    class Meta:
        model = Membership
        fields = (
            "id",
            "url",
            "standing",
            "founding_member",
            "since",
            "since_meeting",
            "until",
            "until_meeting",
            "note",
        )


class MembershipSerializer(MembershipInCity):
    city = CityRef()

    class Meta(MembershipInCity.Meta):
        fields = ("id", "url", "city", *MembershipInCity.Meta.fields[2:])


class CitySerializer(RecordSerializer):
    id = serializers.CharField(source="slug")
    url = slug_link("api:city-detail")
    html_url = Link()
    standing = serializers.SerializerMethodField(
        help_text="Its standing now (member, observer), or null if none holds."
    )
    memberships = serializers.SerializerMethodField()

    class Meta:
        model = City
        fields = (
            "id",
            "url",
            "html_url",
            "name",
            "country",
            "description",
            "standing",
            "memberships",
        )

    def get_standing(self, city) -> MembershipStatus | None:
        current = city.current_membership()
        return current.status if current else None

    @extend_schema_field(MembershipInCity(many=True))
    def get_memberships(self, city):
        return MembershipInCity(city.standings(), many=True, context=self.context).data


# Declarations and clauses.


class ClauseInDeclaration(RecordSerializer):
    id = serializers.SerializerMethodField()
    url = Link(
        view="api:clause-detail",
        kwargs=lambda c: {"slug": c.declaration.slug, "number": c.number},
    )
    html_url = Link(method="get_page_url")
    permalink = Link(help_text="The clause in the whole declaration (its anchor).")
    anchor = serializers.CharField()
    citation = serializers.CharField()
    joint_projects = ProjectRef(many=True)
    topics = TopicSerializer(many=True)
    meetings_named = MeetingRef(many=True)

    class Meta:
        model = Clause
        fields = (
            "id",
            "url",
            "html_url",
            "permalink",
            "anchor",
            "number",
            "text",
            "citation",
            "joint_projects",
            "topics",
            "meetings_named",
        )

    def get_id(self, clause) -> str:
        """The declaration's slug and the clause's anchor: tokyo-declaration/clause-3."""
        return f"{clause.declaration.slug}/{clause.anchor}"


class ClauseSerializer(ClauseInDeclaration):
    declaration = DeclarationRef()

    class Meta(ClauseInDeclaration.Meta):
        fields = (
            "id",
            "url",
            "html_url",
            "permalink",
            "declaration",
            *ClauseInDeclaration.Meta.fields[4:],
        )


class DeclarationSerializer(RecordSerializer):
    id = serializers.CharField(source="slug")
    url = slug_link("api:declaration-detail")
    html_url = Link()
    text_url = slug_link("declarations:declaration_text")
    akn_url = slug_link("declarations:declaration_akn")
    meeting = MeetingRef()
    adopted = EdtfField()
    adopted_in = CityRef()
    signatories = CityRef(many=True)
    clauses = ClauseInDeclaration(many=True)

    class Meta:
        model = Declaration
        fields = (
            "id",
            "url",
            "html_url",
            "text_url",
            "akn_url",
            "title",
            "meeting",
            "adopted",
            "adopted_in",
            "preamble",
            "signatories",
            "published_at",
            "clauses",
        )


# Projects, sources, contacts.


class ProjectSerializer(RecordSerializer):
    id = serializers.CharField(source="slug")
    url = slug_link("api:project-detail")
    html_url = Link()
    cities = CityRef(many=True)
    meetings = MeetingRef(many=True)
    topics = TopicSerializer(many=True)

    class Meta:
        model = JointProject
        fields = (
            "id",
            "url",
            "html_url",
            "name",
            "area",
            "description",
            "cities",
            "meetings",
            "topics",
            "published_at",
        )


class SourceSerializer(RecordSerializer):
    id = serializers.CharField(source="slug")
    url = slug_link("api:source-detail")
    html_url = Link()
    document_url = serializers.URLField(
        source="url", allow_blank=True, help_text="Where the document itself is published."
    )
    issued_by = serializers.CharField(source="issued_by.name", allow_null=True)
    date = EdtfField()
    meeting = MeetingRef(allow_null=True)
    text = serializers.CharField(source="body", help_text="Our copy of its text; may be empty.")

    class Meta:
        model = Source
        fields = (
            "id",
            "url",
            "html_url",
            "document_url",
            "kind",
            "title",
            "publisher",
            "issued_by",
            "date",
            "language",
            "meeting",
            "text",
            "published_at",
        )


class ContactSerializer(RecordSerializer):
    url = pk_link("api:contact-detail")
    unit_path = serializers.SerializerMethodField()
    unit_path_ja = serializers.SerializerMethodField(
        help_text="The same units in Japanese, where recorded; null where not."
    )
    phone_international = serializers.CharField(source="phone_e164")
    topics = TopicSerializer(many=True)

    class Meta:
        model = InquiryContact
        fields = (
            "id",
            "url",
            "person",
            "unit_path",
            "unit_path_ja",
            "phone",
            "phone_international",
            "email",
            "language",
            "topics",
        )

    def get_unit_path(self, contact) -> list[str]:
        """From the top of the organisation down to the contact's own unit."""
        return [unit.name for unit in contact.unit.ancestors()]

    def get_unit_path_ja(self, contact) -> list[str | None]:
        return [getattr(unit, in_language("name", "ja")) for unit in contact.unit.ancestors()]
