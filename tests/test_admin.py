"""Staff can find, add and change records in the admin."""

import pytest
from django.urls import reverse

from contacts.models import InquiryContact, OrganisationUnit
from declarations.models import Clause, Declaration
from plenaries.models import (
    City,
    JointProject,
    Membership,
    Network,
    Participation,
    PlenaryMeeting,
    PressRelease,
    Topic,
)

from .factories import CityFactory, MeetingFactory

pytestmark = pytest.mark.django_db

MODELS = [
    Network, City, Membership, Topic, PlenaryMeeting, JointProject, PressRelease,
    Declaration, Clause, OrganisationUnit, InquiryContact,
]  # fmt: skip


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_search_and_add_pages_answer(staff_client, record, model):
    assert staff_client.get(admin_url(model, "changelist")).status_code == 200
    assert staff_client.get(admin_url(model, "changelist"), {"q": "Tokyo"}).status_code == 200
    assert staff_client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_change_page_answers_for_a_seeded_record(staff_client, record, model):
    obj = model.objects.first()
    assert staff_client.get(admin_url(model, "change", obj.pk)).status_code == 200


def test_city_autocomplete_finds_by_name(staff_client, record):
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Manila",
            "app_label": "plenaries",
            "model_name": "participation",
            "field_name": "city",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Metropolitan Manila"]


def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def meeting_form(**fields):
    data = {
        "number": "10",
        "year": "2011",
        "status": "draft",
        "venue": "",
        "summary": "",
        "start_date": "",
        "end_date": "",
        **inline_management("participations"),
        **inline_management("outcomes"),
        **inline_management("events"),
    }
    data.update(fields)
    return data


def test_staff_adds_a_meeting_with_two_participations_in_one_form(staff_client):
    seoul, tokyo = CityFactory(name="Seoul"), CityFactory(name="Tokyo")
    data = meeting_form(
        host_city=str(seoul.pk),
        start_date="2011-10-05",
        end_date="2011-10-06",
        **inline_management("participations", total=2),
        **{
            "participations-0-city": str(seoul.pk),
            "participations-0-role": "host",
            "participations-1-city": str(tokyo.pk),
            "participations-1-role": "member",
        },
    )
    response = staff_client.post(admin_url(PlenaryMeeting, "add"), data)
    assert response.status_code == 302, response.context["errors"]
    meeting = PlenaryMeeting.objects.get(number=10)
    assert set(meeting.participations.values_list("city__name", "role")) == {
        ("Seoul", "host"),
        ("Tokyo", "member"),
    }


def test_second_host_in_the_form_is_refused_with_a_message(staff_client):
    seoul, tokyo = CityFactory(name="Seoul"), CityFactory(name="Tokyo")
    data = meeting_form(
        host_city=str(seoul.pk),
        **inline_management("participations", total=2),
        **{
            "participations-0-city": str(seoul.pk),
            "participations-0-role": "host",
            "participations-1-city": str(tokyo.pk),
            "participations-1-role": "host",
        },
    )
    response = staff_client.post(admin_url(PlenaryMeeting, "add"), data)
    assert response.status_code == 200
    assert not PlenaryMeeting.objects.exists()
    assert Participation.objects.count() == 0


def test_staff_completes_the_announced_10th_meeting(staff_client, record):
    meeting = PlenaryMeeting.objects.get(number=10)
    seoul = City.objects.get(name="Seoul")
    bangkok = City.objects.get(name="Bangkok")
    data = meeting_form(
        host_city=str(seoul.pk),
        status="published",
        start_date="2011-10-26",
        end_date="2011-10-27",
        venue="Seoul City Hall",
        opened_version=str(meeting.version),
        **inline_management("participations", total=2),
        **inline_management("outcomes", total=1),
        **{
            "participations-0-city": str(seoul.pk),
            "participations-0-role": "host",
            "participations-1-city": str(bangkok.pk),
            "participations-1-role": "member",
            "outcomes-0-order": "1",
            "outcomes-0-kind": "decision",
            "outcomes-0-text": "The Seoul Declaration was adopted.",
        },
    )
    response = staff_client.post(admin_url(PlenaryMeeting, "change", meeting.pk), data)
    assert response.status_code == 302, response.context["errors"]
    meeting.refresh_from_db()
    assert meeting.start_date.isoformat() == "2011-10-26"
    assert meeting.participations.count() == 2
    assert meeting.outcomes.get().text == "The Seoul Declaration was adopted."


def test_meeting_ending_before_start_gets_a_form_error(staff_client):
    seoul = CityFactory(name="Seoul")
    data = meeting_form(host_city=str(seoul.pk), start_date="2011-10-06", end_date="2011-10-05")
    response = staff_client.post(admin_url(PlenaryMeeting, "add"), data)
    assert response.status_code == 200
    assert "The end date may not be before the start date." in response.content.decode()
    assert not PlenaryMeeting.objects.exists()


def test_taken_meeting_number_gets_a_form_error(staff_client):
    MeetingFactory(number=10)
    data = meeting_form(host_city=str(CityFactory().pk))
    response = staff_client.post(admin_url(PlenaryMeeting, "add"), data)
    assert response.status_code == 200
    assert "Plenary meeting with this Number already exists." in response.content.decode()
