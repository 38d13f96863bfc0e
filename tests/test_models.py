"""The record's rules in the database and the models: constraints, versions, guarded deletes."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException

from contacts.models import InquiryContact
from core import dates
from core.models import StaleRecordError
from declarations.models import Clause
from plenaries.models import City, Network, ParticipationRole, PlenaryMeeting, ordinal

from .factories import (
    CityFactory,
    ClauseFactory,
    DeclarationFactory,
    InquiryContactFactory,
    JointProjectFactory,
    MeetingFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationUnitFactory,
    OutcomeFactory,
    ParticipationFactory,
    RelatedEventFactory,
    SourceFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def assert_refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_duplicate_meeting_number_is_refused():
    assert_refused(lambda: MeetingFactory(number=9))  # the shipped 9th Plenary Meeting


def test_meeting_ending_before_it_starts_is_refused():
    meeting = MeetingFactory.build(host_city=CityFactory(), dates="2010-11-09/2010-11-08")
    with pytest.raises(ValidationError) as excinfo:
        meeting.full_clean()
    assert excinfo.value.message_dict["dates"] == ["The end may not be before the start."]
    assert_refused(lambda: MeetingFactory(dates="2010-11-09/2010-11-08"))


def test_a_date_that_is_not_edtf_is_refused_in_words():
    meeting = MeetingFactory.build(host_city=CityFactory(), dates="next spring")
    with pytest.raises(ValidationError) as excinfo:
        meeting.full_clean()
    assert "“next spring” is not a date we can read." in excinfo.value.message_dict["dates"][0]


@pytest.mark.parametrize(
    ("dates", "year", "earliest", "latest"),
    [
        ("2010-11-08/2010-11-09", 2010, "2010-11-08", "2010-11-09"),
        ("2001-10", 2001, "2001-10-01", "2001-10-31"),
        ("2011", 2011, "2011-01-01", "2011-12-31"),
        ("2003?", 2003, "2003-01-01", "2003-12-31"),
    ],
)
def test_a_meeting_keeps_its_dates_as_known_with_bounds_and_year(dates, year, earliest, latest):
    meeting = MeetingFactory(dates=dates)
    meeting.refresh_from_db()
    assert (meeting.dates, meeting.year) == (dates, year)
    assert (meeting.dates_earliest.isoformat(), meeting.dates_latest.isoformat()) == (
        earliest,
        latest,
    )


@pytest.mark.parametrize(
    ("edtf", "words", "after_a_verb"),
    [
        ("2010-11-08/2010-11-09", "8–9 November 2010", "on 8–9 November 2010"),
        ("2010-11-09", "9 November 2010", "on 9 November 2010"),
        (
            "2010-10-30/2010-11-02",
            "30 October – 2 November 2010",
            "on 30 October – 2 November 2010",
        ),
        ("2001-10", "October 2001", "in October 2001"),
        ("2012-09/2012-10", "September–October 2012", "in September–October 2012"),
        ("2011-12/2012-01", "December 2011 – January 2012", "in December 2011 – January 2012"),
        ("2001/2003", "2001–2003", "in 2001–2003"),
        ("2011", "2011", "in 2011"),
        ("2000~", "about 2000", "in about 2000"),
        ("2001?", "2001 (uncertain)", "in 2001 (uncertain)"),
    ],
)
def test_a_date_reads_as_people_write_it(edtf, words, after_a_verb):
    assert (dates.in_words(edtf), dates.in_words_with_preposition(edtf)) == (words, after_a_verb)


@pytest.mark.parametrize(
    "edtf",
    [
        "2010-11-08",
        "2001-10",
        "2011",
        "2010-11-08/2010-11-09",
        "2011-12/2012-01",
        "2001/2003",
        "2001-10/2011",
        "2024-02-29",
        "2023-02-29",  # not a day: the parser's answer, whatever it is
        "2010-13",
        "２０１０",
        "2010-11-08/",
        "2000~",
    ],
)
def test_a_plain_date_read_without_the_grammar_means_what_the_parser_reads(edtf):
    dates._parse.cache_clear()
    try:
        expected = parse_edtf(edtf)
    except EDTFParseException:
        with pytest.raises(EDTFParseException):
            dates._parse(edtf)
        return
    found = dates._parse(edtf)
    assert (type(found), str(found)) == (type(expected), str(expected))
    assert (found.lower_strict(), found.upper_strict()) == (
        expected.lower_strict(),
        expected.upper_strict(),
    )


def test_duplicate_clause_number_in_a_declaration_is_refused():
    clause = ClauseFactory(number=3)
    assert_refused(lambda: ClauseFactory(declaration=clause.declaration, number=3))


def test_same_clause_number_in_another_declaration_is_allowed():
    first, second = ClauseFactory(number=3), ClauseFactory(number=3)
    assert first.declaration_id != second.declaration_id
    assert Clause.objects.filter(pk__in=[first.pk, second.pk], number=3).count() == 2


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
    membership = MembershipFactory.build(city=CityFactory(), since="2012", until="2010")
    with pytest.raises(ValidationError) as excinfo:
        membership.full_clean()
    assert excinfo.value.message_dict["until"] == ["A standing cannot end before it begins."]
    assert_refused(lambda: MembershipFactory(since="2012", until="2010"))


def test_city_can_be_observer_then_member_from_the_meeting_it_joined_at():
    city = CityFactory(name="Irkutsk")
    observer = MembershipFactory(city=city, status="observer", since="2010", until="2012-10-25")
    member = MembershipFactory(city=city, status="member", since="2012-10-25")
    assert [m.status for m in city.standings()] == ["observer", "member"]
    assert city.current_membership() == member
    assert observer.span_in_words() == "2010 – 25 October 2012"


@pytest.mark.parametrize("since", ["2011", "2012-10-24", ""])
def test_an_overlapping_standing_is_refused_at_the_field_and_by_the_database(since):
    city = CityFactory(name="Irkutsk")
    MembershipFactory(city=city, status="observer", since="2010", until="2012-10-25")
    overlapping = MembershipFactory.build(
        city=city, network=Network.objects.main(), status="member", since=since
    )
    with pytest.raises(ValidationError) as excinfo:
        overlapping.full_clean()
    assert excinfo.value.message_dict["since"] == [
        "The city already has a standing in the network at that time: end that standing first "
        "(its “until”), or correct these dates."
    ]
    assert_refused(lambda: overlapping.save())


def test_a_meeting_announced_for_a_year_now_past_says_so():
    meeting = MeetingFactory(number=11, dates="2012", held=False)
    meeting.full_clean()
    assert meeting.announcement_passed
    assert meeting.when() == "announced for 2012; no record yet"


def test_a_meeting_known_only_to_the_month_says_what_is_not_recorded():
    assert MeetingFactory(dates="2001-10").when() == "October 2001 (days not recorded)"
    assert MeetingFactory(dates="2002").when() == "2002 (exact dates not recorded)"


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
    top = OrganisationUnitFactory(name="Osaka Prefectural Government")
    division = OrganisationUnitFactory(name="International Affairs Division", parent=top)
    assert division.path == "Osaka Prefectural Government → International Affairs Division"


@pytest.mark.parametrize(
    ("number", "expected"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (9, "9th"), (11, "11th"), (12, "12th"), (22, "22nd")],
)
def test_ordinals(number, expected):
    assert ordinal(number) == expected


def test_published_excludes_drafts():
    draft = MeetingFactory(number=2, status="draft")
    published = MeetingFactory(number=3)
    numbers = set(PlenaryMeeting.objects.published().values_list("number", flat=True))
    assert published.number in numbers
    assert draft.number not in numbers


def test_each_save_takes_the_next_version():
    city = CityFactory()
    assert city.version == 1
    city.save()
    city.save()
    assert City.objects.get(pk=city.pk).version == 3


def test_saving_a_stale_copy_is_refused_and_writes_nothing():
    city = CityFactory(country="Japan")
    mine, theirs = City.objects.get(pk=city.pk), City.objects.get(pk=city.pk)
    theirs.country = "Korea"
    theirs.save()
    mine.country = "Thailand"
    with pytest.raises(StaleRecordError):
        mine.save()
    stored = City.objects.get(pk=city.pk)
    assert (stored.country, stored.version) == ("Korea", 2)


@pytest.mark.parametrize(
    "factory",
    [
        NetworkFactory,
        MembershipFactory,
        TopicFactory,
        ParticipationFactory,
        OutcomeFactory,
        RelatedEventFactory,
        ClauseFactory,
        OrganisationUnitFactory,
    ],
    ids=lambda f: f._meta.model.__name__,
)
def test_parts_edited_inline_or_on_their_own_page_refuse_a_stale_save(factory):
    record = factory()
    model = type(record)
    mine, theirs = model.objects.get(pk=record.pk), model.objects.get(pk=record.pk)
    theirs.save()
    with pytest.raises(StaleRecordError):
        mine.save()
    assert model.objects.get(pk=record.pk).version == record.version + 1


def test_deleting_a_stale_copy_is_refused_and_keeps_the_newer_row():
    clause = ClauseFactory(text="As first written.")
    mine, theirs = Clause.objects.get(pk=clause.pk), Clause.objects.get(pk=clause.pk)
    theirs.text = "As corrected."
    theirs.save()
    with pytest.raises(StaleRecordError):
        mine.delete()
    assert Clause.objects.get(pk=clause.pk).text == "As corrected."


def test_saving_a_record_keeps_its_links_in_its_history_without_reading_it_back():
    project = JointProjectFactory()
    city, topic = CityFactory(), TopicFactory()
    project.cities.add(city)
    project.topics.add(topic)
    with CaptureQueriesContext(connection) as queries:
        project.save()
    assert not [q["sql"] for q in queries if 'FROM "plenaries_jointproject"' in q["sql"]]
    latest = project.history.latest()
    assert [row.city_id for row in latest.cities.all()] == [city.pk]
    assert [row.topic_id for row in latest.topics.all()] == [topic.pk]


def test_a_contact_on_a_press_release_cannot_be_deleted():
    contact = InquiryContactFactory()
    SourceFactory().contacts.add(contact)
    with pytest.raises(ProtectedError):
        contact.delete()
    assert InquiryContact.objects.filter(pk=contact.pk).exists()


def test_a_contact_on_no_press_release_can_be_deleted():
    contact = InquiryContactFactory()
    contact.delete()
    assert not InquiryContact.objects.filter(pk=contact.pk).exists()


def test_a_city_taking_part_in_a_meeting_cannot_be_deleted():
    participation = ParticipationFactory()
    with pytest.raises(ProtectedError):
        participation.city.delete()


def test_a_city_that_signed_a_declaration_cannot_be_deleted():
    city = CityFactory()
    DeclarationFactory().signatories.add(city)
    with pytest.raises(ProtectedError):
        city.delete()
