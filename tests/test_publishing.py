"""Publishing: the one service, the two roles, and the workflow as staff meet it in the admin."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from backoffice.services import roles_set_up
from core.models import PublicationStatus, PublicChange
from core.services import record_publish, record_withdraw
from declarations.models import Declaration
from plenaries.models import City, PlenaryMeeting

from .factories import (
    CityFactory,
    DeclarationFactory,
    EditorFactory,
    MeetingFactory,
    PublisherFactory,
)
from .helpers import admin_url, section

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED = PublicationStatus.DRAFT, PublicationStatus.PUBLISHED


def test_publishing_records_when_and_by_whom():
    publisher = PublisherFactory()
    meeting = MeetingFactory(status=PublicationStatus.DRAFT)
    record_publish(record=meeting, by=publisher)
    meeting = PlenaryMeeting.objects.get(pk=meeting.pk)
    assert meeting.status == PublicationStatus.PUBLISHED
    assert meeting.published_by == publisher
    assert meeting.published_at is not None


def test_withdrawing_keeps_the_first_publication_and_logs_the_reason():
    publisher = PublisherFactory()
    meeting = MeetingFactory(status=PublicationStatus.DRAFT)
    record_publish(record=meeting, by=publisher)
    record_withdraw(record=meeting, by=publisher, summary="Entered twice.")
    meeting = PlenaryMeeting.objects.get(pk=meeting.pk)
    assert (meeting.status, meeting.published_by) == ("withdrawn", publisher)
    assert meeting.published_at is not None
    assert [(e.kind, e.summary) for e in PublicChange.objects.about(meeting)] == [
        ("published", "First published."),
        ("withdrawn", "Entered twice."),
    ]


def test_an_editor_cannot_publish_through_the_service():
    meeting = MeetingFactory(status=PublicationStatus.DRAFT)
    with pytest.raises(PermissionDenied):
        record_publish(record=meeting, by=EditorFactory())
    assert PlenaryMeeting.objects.get(pk=meeting.pk).status == PublicationStatus.DRAFT


def test_publishing_an_invalid_record_is_refused():
    meeting = MeetingFactory(status=PublicationStatus.DRAFT)
    PlenaryMeeting.objects.filter(pk=meeting.pk).update(dates="next spring")  # not a date
    meeting.refresh_from_db()
    with pytest.raises(ValidationError):
        record_publish(record=meeting, by=None)
    assert PlenaryMeeting.objects.get(pk=meeting.pk).status == PublicationStatus.DRAFT


def run_action(client, model, action, *objs, confirm=True, summary=""):
    """Choose the action on the list; confirm it on the page it opens (with a summary)."""
    data = {"action": action, "_selected_action": [str(obj.pk) for obj in objs]}
    if confirm:
        data |= {"_confirmed": "1", "summary": summary}
    return client.post(admin_url(model, "changelist"), data, follow=True)


# The prefix of the sources-cited rows on a record's admin page.
CITATIONS = "plenaries-citation-content_type-object_id"


def meeting_change_data(meeting, **fields):
    """What the meeting's change form posts, as an editor's browser would send it."""
    data = {
        "number": str(meeting.number),
        "host_city": str(meeting.host_city_id),
        "dates": meeting.dates,
        "held": "on" if meeting.held else "",
        "venue": meeting.venue,
        "summary": meeting.summary,
        "opened_version": str(meeting.version),
    }
    for prefix in ("participations", "outcomes", "events", CITATIONS):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data | fields


def test_roles_exist_after_migrate_with_their_permissions():
    editors = Group.objects.get(name="Editors")
    publishers = Group.objects.get(name="Publishers")
    editor_perms = set(editors.permissions.values_list("codename", flat=True))
    publisher_perms = set(publishers.permissions.values_list("codename", flat=True))
    assert {"add_plenarymeeting", "change_plenarymeeting", "change_declaration"} <= editor_perms
    assert "publish_plenarymeeting" not in editor_perms
    assert "delete_plenarymeeting" not in editor_perms
    assert "delete_participation" in editor_perms  # removing a wrong row is editing the meeting
    assert {"publish_plenarymeeting", "publish_declaration", "publish_city"} <= publisher_perms
    assert {"delete_plenarymeeting", "delete_inquirycontact"} <= publisher_perms


def test_setting_up_roles_again_changes_nothing():
    before = {g.name: set(g.permissions.all()) for g in Group.objects.all()}
    roles_set_up()
    roles_set_up()
    assert {g.name: set(g.permissions.all()) for g in Group.objects.all()} == before
    assert Group.objects.filter(name__in=("Editors", "Publishers")).count() == 2


def test_editor_cannot_publish_by_the_action(editor_client):
    meeting = MeetingFactory(status=DRAFT)
    response = run_action(editor_client, PlenaryMeeting, "publish_selected", meeting)
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.status == DRAFT
    assert meeting.published_at is None


def test_editor_is_not_offered_the_publish_actions(editor_client):
    MeetingFactory(status=DRAFT)
    content = editor_client.get(admin_url(PlenaryMeeting, "changelist")).content.decode()
    assert "publish_selected" not in content
    assert "delete_selected" not in content


def test_editor_sees_the_status_read_only(editor_client):
    meeting = MeetingFactory(status=DRAFT)
    response = editor_client.get(admin_url(PlenaryMeeting, "change", meeting.pk))
    assert response.status_code == 200
    assert "status" not in response.context["adminform"].form.fields
    assert 'name="status"' not in response.content.decode()


def test_editor_posting_status_published_is_refused(editor_client):
    meeting = MeetingFactory(status=DRAFT, venue="Old venue")
    data = meeting_change_data(meeting, status="published", venue="New venue")
    response = editor_client.post(admin_url(PlenaryMeeting, "change", meeting.pk), data)
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert (meeting.status, meeting.venue) == (DRAFT, "Old venue")


def test_editor_adding_a_record_with_status_published_is_refused(editor_client):
    data = {"name": "Busan", "slug": "busan", "country": "Republic of Korea", "status": "published"}
    response = editor_client.post(admin_url(City, "add"), data)
    assert response.status_code == 403
    assert not City.objects.filter(slug="busan").exists()


def test_editor_changes_a_meeting_which_stays_draft(editor_client, editor):
    meeting = MeetingFactory(status=DRAFT)
    data = meeting_change_data(meeting, venue="Seoul City Hall")
    response = editor_client.post(admin_url(PlenaryMeeting, "change", meeting.pk), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.venue, meeting.status) == ("Seoul City Hall", DRAFT)
    assert meeting.history.latest().history_user == editor


def test_editor_cannot_delete_a_meeting(editor_client):
    meeting = MeetingFactory(status=DRAFT)
    response = editor_client.post(admin_url(PlenaryMeeting, "delete", meeting.pk), {"post": "yes"})
    assert response.status_code == 403
    assert PlenaryMeeting.objects.filter(pk=meeting.pk).exists()


def test_publisher_publishes_by_the_action_recording_when_and_who(publisher_client, publisher):
    meeting = MeetingFactory(status=DRAFT)
    response = run_action(publisher_client, PlenaryMeeting, "publish_selected", meeting)
    assert "1 record published." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == PUBLISHED
    assert meeting.published_by == publisher
    assert meeting.published_at is not None
    assert meeting.history.latest().history_user == publisher


def test_publisher_publishes_by_the_status_field(publisher_client, publisher):
    meeting = MeetingFactory(status=DRAFT)
    data = meeting_change_data(meeting, status="published")
    response = publisher_client.post(admin_url(PlenaryMeeting, "change", meeting.pk), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.status, meeting.published_by) == (PUBLISHED, publisher)


def test_publisher_withdraws_and_the_public_page_says_gone_and_why(publisher_client, client):
    meeting = MeetingFactory(status=PUBLISHED)
    assert client.get(meeting.get_absolute_url()).status_code == 200
    run_action(
        publisher_client, PlenaryMeeting, "withdraw_selected", meeting, summary="Entered twice."
    )
    meeting.refresh_from_db()
    assert meeting.status == PublicationStatus.WITHDRAWN
    gone = client.get(meeting.get_absolute_url())
    assert gone.status_code == 410
    assert "Entered twice." in gone.content.decode()
    assert meeting.get_absolute_url() not in client.get("/plenaries/").content.decode()


def test_publisher_publishes_a_declaration_by_the_action(publisher_client, publisher):
    declaration = DeclarationFactory(status=DRAFT)
    run_action(publisher_client, Declaration, "publish_selected", declaration)
    declaration.refresh_from_db()
    assert (declaration.status, declaration.published_by) == (PUBLISHED, publisher)


def test_editor_reverting_to_a_published_version_does_not_publish(publisher, editor_client):
    meeting = MeetingFactory(status=DRAFT, venue="First venue")
    meeting.status = PUBLISHED
    meeting.save()
    published_version = meeting.history.latest()
    meeting.status, meeting.venue = DRAFT, "Second venue"
    meeting.save()
    url = reverse(
        "admin:plenaries_plenarymeeting_simple_history",
        args=(meeting.pk, published_version.history_id),
    )
    form = editor_client.get(url).context["adminform"].form
    data = meeting_change_data(meeting, venue="First venue")
    data["opened_version"] = str(form["opened_version"].value())
    assert data["opened_version"] == str(meeting.version)  # opened at the current version
    response = editor_client.post(url, data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.venue, meeting.status) == ("First venue", DRAFT)


def test_publishing_a_declaration_lists_and_publishes_the_drafts_its_page_needs(
    publisher_client, client
):
    declaration = DeclarationFactory(status=DRAFT, meeting__status=DRAFT)
    signatory = CityFactory(name="Ulaanbaatar", status=DRAFT)
    declaration.signatories.add(signatory)
    confirm = run_action(
        publisher_client, Declaration, "publish_selected", declaration, confirm=False
    )
    drafts = section(confirm.content.decode(), "drafts-heading")
    assert str(declaration.meeting) in drafts and "Ulaanbaatar" in drafts
    assert not Declaration.objects.published().filter(pk=declaration.pk).exists()
    run_action(publisher_client, Declaration, "publish_selected", declaration)
    page = client.get(declaration.get_absolute_url())
    assert page.status_code == 200
    assert "Ulaanbaatar" in page.content.decode()
    assert City.objects.get(pk=signatory.pk).is_published
