"""Integrity rules the database itself enforces, and model-level validation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from contacts.models import InquiryContact
from plenaries.models import ParticipationRole, PlenaryMeeting, ordinal

from .factories import (
    CityFactory,
    ClauseFactory,
    InquiryContactFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationUnitFactory,
    OutcomeFactory,
    ParticipationFactory,
)

pytestmark = pytest.mark.django_db


def assert_refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_duplicate_meeting_number_is_refused():
    MeetingFactory(number=9)
    assert_refused(lambda: MeetingFactory(number=9))


def test_meeting_ending_before_it_starts_is_refused():
    assert_refused(
        lambda: MeetingFactory(
            start_date=datetime.date(2010, 11, 9), end_date=datetime.date(2010, 11, 8)
        )
    )


def test_meeting_with_end_date_but_no_start_date_is_refused():
    assert_refused(lambda: MeetingFactory(start_date=None, end_date=datetime.date(2010, 11, 8)))


def test_duplicate_clause_number_in_a_declaration_is_refused():
    clause = ClauseFactory(number=3)
    assert_refused(lambda: ClauseFactory(declaration=clause.declaration, number=3))


def test_same_clause_number_in_another_declaration_is_allowed():
    ClauseFactory(number=3)
    ClauseFactory(number=3)


def test_second_host_for_a_meeting_is_refused():
    meeting = MeetingFactory()
    ParticipationFactory(meeting=meeting, city=meeting.host_city, role=ParticipationRole.HOST)
    assert_refused(lambda: ParticipationFactory(meeting=meeting, role=ParticipationRole.HOST))


def test_city_listed_twice_at_one_meeting_is_refused():
    participation = ParticipationFactory()
    assert_refused(
        lambda: ParticipationFactory(
            meeting=participation.meeting, city=participation.city, role="observer"
        )
    )


def test_membership_ending_before_it_starts_is_refused():
    assert_refused(lambda: MembershipFactory(since_year=2012, until_year=2010))


def test_city_can_be_observer_then_member():
    tomsk = CityFactory(name="Tomsk")
    observer = MembershipFactory(city=tomsk, status="observer", since_year=2010, until_year=2011)
    member = MembershipFactory(city=tomsk, status="member", since_year=2012)
    assert observer.covers(2010) and not observer.covers(2012)
    assert member.covers(2015) and not member.covers(2010)


def test_announced_meeting_needs_only_host_and_year():
    meeting = MeetingFactory(number=10, year=2011, start_date=None, end_date=None)
    meeting.full_clean()
    assert meeting.is_announced_only


def test_meeting_year_must_match_its_start_date():
    meeting = MeetingFactory.build(
        number=11, host_city=CityFactory(), year=2012, start_date=datetime.date(2011, 10, 1)
    )
    with pytest.raises(ValidationError) as excinfo:
        meeting.full_clean()
    assert "year" in excinfo.value.message_dict


def test_host_participant_must_be_the_host_city():
    meeting = MeetingFactory()
    participation = ParticipationFactory.build(
        meeting=meeting, city=CityFactory(), role=ParticipationRole.HOST
    )
    with pytest.raises(ValidationError):
        participation.full_clean()


def test_outcomes_nest_one_level_only():
    top = OutcomeFactory()
    child = OutcomeFactory(meeting=top.meeting, parent=top)
    grandchild = OutcomeFactory.build(meeting=top.meeting, parent=child)
    with pytest.raises(ValidationError):
        grandchild.full_clean()


def test_invalid_phone_number_is_refused_by_validation():
    contact = InquiryContactFactory.build(unit=OrganisationUnitFactory(), phone="12")
    with pytest.raises(ValidationError) as excinfo:
        contact.full_clean()
    assert "phone" in excinfo.value.message_dict


def test_phone_is_kept_as_written_and_in_international_form():
    contact = InquiryContactFactory(phone="03-5388-2234", phone_region="JP")
    contact.refresh_from_db()
    assert contact.phone == "03-5388-2234"
    assert contact.phone_e164 == "+81353882234"
    assert contact.tel_url == "tel:+81353882234"
    assert contact.phone_international == "+81 3-5388-2234"


def test_contact_without_international_phone_is_refused_by_database():
    contact = InquiryContactFactory()
    assert_refused(lambda: InquiryContact.objects.filter(pk=contact.pk).update(phone_e164="03"))


def test_unit_path_reads_from_the_top():
    top = OrganisationUnitFactory(name="Tokyo Metropolitan Government")
    division = OrganisationUnitFactory(name="International Affairs Division", parent=top)
    assert division.path == "Tokyo Metropolitan Government → International Affairs Division"


@pytest.mark.parametrize(
    ("number", "expected"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (9, "9th"), (11, "11th"), (12, "12th"), (22, "22nd")],
)
def test_ordinals(number, expected):
    assert ordinal(number) == expected


def test_published_excludes_drafts():
    MeetingFactory(number=1, status="draft")
    published = MeetingFactory(number=2)
    assert list(PlenaryMeeting.objects.published()) == [published]
