"""The back office's services and model guards, as commands and the admin use them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError

from contacts.models import InquiryContact
from core.models import PublicationStatus, StaleRecordError
from core.services import record_publish, record_unpublish
from plenaries.models import City, PlenaryMeeting

from .factories import (
    CityFactory,
    DeclarationFactory,
    EditorFactory,
    InquiryContactFactory,
    MeetingFactory,
    ParticipationFactory,
    PressReleaseFactory,
    PublisherFactory,
)

pytestmark = pytest.mark.django_db


def test_publishing_records_when_and_by_whom():
    publisher = PublisherFactory()
    meeting = MeetingFactory(status=PublicationStatus.DRAFT)
    record_publish(record=meeting, by=publisher)
    meeting = PlenaryMeeting.objects.get(pk=meeting.pk)
    assert meeting.status == PublicationStatus.PUBLISHED
    assert meeting.published_by == publisher
    assert meeting.published_at is not None


def test_unpublishing_returns_to_draft_and_forgets_the_publication():
    publisher = PublisherFactory()
    meeting = MeetingFactory(status=PublicationStatus.DRAFT)
    record_publish(record=meeting, by=publisher)
    record_unpublish(record=meeting, by=publisher)
    meeting = PlenaryMeeting.objects.get(pk=meeting.pk)
    assert (meeting.status, meeting.published_at, meeting.published_by) == ("draft", None, None)


def test_an_editor_cannot_publish_through_the_service():
    meeting = MeetingFactory(status=PublicationStatus.DRAFT)
    with pytest.raises(PermissionDenied):
        record_publish(record=meeting, by=EditorFactory())
    assert PlenaryMeeting.objects.get(pk=meeting.pk).status == PublicationStatus.DRAFT


def test_publishing_an_invalid_record_is_refused():
    meeting = MeetingFactory(status=PublicationStatus.DRAFT)
    PlenaryMeeting.objects.filter(pk=meeting.pk).update(year=2030)  # not the start date's year
    meeting.refresh_from_db()
    with pytest.raises(ValidationError):
        record_publish(record=meeting, by=None)
    assert PlenaryMeeting.objects.get(pk=meeting.pk).status == PublicationStatus.DRAFT


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


def test_a_contact_on_a_press_release_cannot_be_deleted():
    contact = InquiryContactFactory()
    PressReleaseFactory().contacts.add(contact)
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
