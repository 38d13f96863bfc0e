"""factory-boy factories for every model the tests touch."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from contacts.models import InquiryContact, OrganisationUnit, UnitKind
from core.dates import iso_span
from core.models import PublicationStatus
from declarations.models import Clause, Declaration
from plenaries.models import (
    Citation,
    City,
    EventKind,
    JointProject,
    Membership,
    MembershipStatus,
    Network,
    Outcome,
    OutcomeKind,
    Participation,
    ParticipationRole,
    PlenaryMeeting,
    ProjectArea,
    RelatedEvent,
    Source,
    SourceKind,
    Topic,
)


def published_at():
    """A published record has a publication date, as the publishing service gives it."""
    return factory.LazyAttribute(
        lambda o: timezone.now() if o.status == PublicationStatus.PUBLISHED else None
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("a-long-test-password")


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


def join_group(name):
    """Put the created user in one of the roles (groups set up by migrate)."""

    def join(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=name))

    return factory.PostGeneration(join)


class EditorFactory(UserFactory):
    is_staff = True
    role = join_group("Editors")

    class Meta:
        skip_postgeneration_save = True


class PublisherFactory(UserFactory):
    is_staff = True
    role = join_group("Publishers")

    class Meta:
        skip_postgeneration_save = True


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        django_get_or_create = ("short_name",)

    name = "Asian Network of Major Cities 21"
    short_name = "ANMC21"
    founded_year = 2001


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    name = factory.Sequence(lambda n: f"City {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    country = "Japan"
    status = PublicationStatus.PUBLISHED
    published_at = published_at()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    network = factory.SubFactory(NetworkFactory)
    city = factory.SubFactory(CityFactory)
    status = MembershipStatus.MEMBER
    since = "2001"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlenaryMeeting

    class Params:
        year = factory.LazyAttribute(lambda o: 2001 + (o.number % 20))

    number = factory.Sequence(lambda n: n + 100)
    host_city = factory.SubFactory(CityFactory)
    dates = factory.LazyAttribute(lambda o: f"{o.year}-11-08/{o.year}-11-09")
    venue = "Conference hall"
    summary = "A plenary meeting."
    status = PublicationStatus.PUBLISHED
    published_at = published_at()


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    meeting = factory.SubFactory(MeetingFactory)
    city = factory.SubFactory(CityFactory)
    role = ParticipationRole.MEMBER


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n)
    kind = OutcomeKind.AGREEMENT
    text = factory.Sequence(lambda n: f"Outcome number {n} was agreed.")


class RelatedEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedEvent

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Sequence(lambda n: f"Event {n}")
    kind = EventKind.EXHIBITION


class JointProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JointProject

    name = factory.Sequence(lambda n: f"Joint project {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    area = ProjectArea.ENVIRONMENT
    status = PublicationStatus.PUBLISHED
    published_at = published_at()


class DeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Declaration

    title = factory.Sequence(lambda n: f"Declaration {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    meeting = factory.SubFactory(MeetingFactory)
    adopted = factory.LazyAttribute(lambda o: iso_span(o.meeting.dates)[1])
    adopted_in = factory.LazyAttribute(lambda o: o.meeting.host_city)
    preamble = "We, the representatives of the member cities, declare the following:"
    status = PublicationStatus.PUBLISHED
    published_at = published_at()


class ClauseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Clause

    declaration = factory.SubFactory(DeclarationFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Clause text number {n}.")


class OrganisationUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationUnit

    name = factory.Sequence(lambda n: f"Unit {n}")
    kind = UnitKind.DIVISION


class InquiryContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InquiryContact

    person = factory.Sequence(lambda n: f"Person {n}")
    unit = factory.SubFactory(OrganisationUnitFactory)
    phone = "03-5388-2234"
    phone_region = "JP"
    is_public = True


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    kind = SourceKind.PRESS_RELEASE
    title = factory.Sequence(lambda n: f"Press release {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    publisher = "Tokyo Metropolitan Government"
    date = "2010-11-09"
    issued_by = factory.SubFactory(OrganisationUnitFactory)
    meeting = factory.SubFactory(MeetingFactory)
    body = "Body of the release."
    status = PublicationStatus.PUBLISHED
    published_at = published_at()


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    source = factory.SubFactory(SourceFactory)
    record = factory.SubFactory(MeetingFactory)
