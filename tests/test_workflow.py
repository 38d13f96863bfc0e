"""The publishing workflow and the two roles, as staff meet them in the admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from backoffice.services import roles_set_up
from core.models import PublicationStatus
from declarations.models import Declaration
from plenaries.models import City, PlenaryMeeting

from .factories import DeclarationFactory, MeetingFactory

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED = PublicationStatus.DRAFT, PublicationStatus.PUBLISHED


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def run_action(client, model, action, *objs):
    return client.post(
        admin_url(model, "changelist"),
        {"action": action, "_selected_action": [str(obj.pk) for obj in objs]},
        follow=True,
    )


def meeting_change_data(meeting, **fields):
    """What the meeting's change form posts, as an editor's browser would send it."""
    data = {
        "number": str(meeting.number),
        "host_city": str(meeting.host_city_id),
        "year": str(meeting.year),
        "start_date": meeting.start_date.isoformat() if meeting.start_date else "",
        "end_date": meeting.end_date.isoformat() if meeting.end_date else "",
        "venue": meeting.venue,
        "summary": meeting.summary,
        "opened_version": str(meeting.version),
    }
    for prefix in ("participations", "outcomes", "events"):
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
    city = City(name="Seoul", slug="seoul", country="Republic of Korea")
    data = {"name": city.name, "slug": city.slug, "country": city.country, "status": "published"}
    response = editor_client.post(admin_url(City, "add"), data)
    assert response.status_code == 403
    assert not City.objects.filter(slug="seoul").exists()


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


def test_publisher_unpublishes_and_the_public_page_goes(publisher_client, client):
    meeting = MeetingFactory(status=PUBLISHED)
    assert client.get(meeting.get_absolute_url()).status_code == 200
    run_action(publisher_client, PlenaryMeeting, "unpublish_selected", meeting)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.published_at, meeting.published_by) == (DRAFT, None, None)
    assert client.get(meeting.get_absolute_url()).status_code == 404


def test_publisher_publishes_a_declaration_by_the_action(publisher_client, publisher):
    declaration = DeclarationFactory(status=DRAFT)
    run_action(publisher_client, Declaration, "publish_selected", declaration)
    declaration.refresh_from_db()
    assert (declaration.status, declaration.published_by) == (PUBLISHED, publisher)


def test_draft_meeting_page_is_404_for_the_public_and_a_private_preview_for_staff(
    client, editor_client
):
    meeting = MeetingFactory(number=12, status=DRAFT)
    assert client.get(meeting.get_absolute_url()).status_code == 404
    response = editor_client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_published_meeting_page_is_not_marked_private_for_staff(editor_client):
    meeting = MeetingFactory(number=12, status=PUBLISHED)
    response = editor_client.get(meeting.get_absolute_url())
    assert "no-store" not in response.get("Cache-Control", "")


def test_draft_declaration_page_is_404_for_the_public_and_previewed_by_staff(client, editor_client):
    declaration = DeclarationFactory(status=DRAFT)
    assert client.get(declaration.get_absolute_url()).status_code == 404
    assert editor_client.get(declaration.get_absolute_url()).status_code == 200


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


def test_publishing_a_declaration_of_a_draft_meeting_warns_it_is_not_yet_public(
    publisher_client,
):
    declaration = DeclarationFactory(status=DRAFT, meeting__status=DRAFT)
    response = run_action(publisher_client, Declaration, "publish_selected", declaration)
    assert "stays off the public site" in response.content.decode()
    other = DeclarationFactory(status=DRAFT)  # of a published meeting
    response = run_action(publisher_client, Declaration, "publish_selected", other)
    assert "stays off the public site" not in response.content.decode()
