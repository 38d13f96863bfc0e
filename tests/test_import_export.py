"""Cities, contacts and participations come in from CSV or XLSX; every list goes out."""

import csv
import io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contacts.models import InquiryContact
from core.models import PublicationStatus
from plenaries.models import City, Participation, PlenaryMeeting

from .factories import OrganisationUnitFactory

pytestmark = pytest.mark.django_db


def admin_url(model, view):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")


def upload(client, model, rows, file_format="csv"):
    """Post a file to the model's import page as staff would; returns the preview response."""
    dataset = tablib.Dataset(*rows[1:], headers=rows[0])
    content = dataset.export(file_format)
    if isinstance(content, str):
        content = content.encode()
    page = client.get(admin_url(model, "import"))
    formats = {title: value for value, title in page.context["form"].fields["format"].choices}
    return client.post(
        admin_url(model, "import"),
        {
            "format": formats[file_format],
            "import_file": SimpleUploadedFile(f"import.{file_format}", content),
        },
    )


def confirm(client, model, preview):
    """Confirm a previewed import."""
    confirm_form = preview.context["confirm_form"]
    return client.post(admin_url(model, "process_import"), confirm_form.initial, follow=True)


CITIES = [
    ("name", "slug", "country"),
    ("Busan", "busan", "Republic of Korea"),
    ("Chiang Mai", "chiang-mai", "Thailand"),
]
NEW_CITIES = {"busan", "chiang-mai"}


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_good_city_file_is_previewed_then_creates_its_rows_as_drafts(staff_client, file_format):
    preview = upload(staff_client, City, CITIES, file_format)
    assert preview.status_code == 200
    assert "confirm_form" in preview.context
    assert not City.objects.filter(slug__in=NEW_CITIES).exists()  # the preview writes nothing
    confirm(staff_client, City, preview)
    assert sorted(City.objects.filter(slug__in=NEW_CITIES).values_list("name", "status")) == [
        ("Busan", PublicationStatus.DRAFT),
        ("Chiang Mai", PublicationStatus.DRAFT),
    ]
    assert City.history.filter(history_type="+", slug__in=NEW_CITIES).count() == 2


def test_an_imported_status_does_not_publish(staff_client):
    rows = [("name", "slug", "country", "status"), ("Busan", "busan", "Korea", "published")]
    confirm(staff_client, City, upload(staff_client, City, rows))
    assert City.objects.get(slug="busan").status == PublicationStatus.DRAFT


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_bad_city_file_creates_nothing_and_reports_each_bad_row(staff_client, file_format):
    rows = [
        ("name", "slug", "country"),
        ("Busan", "busan", "Republic of Korea"),
        ("", "hue", "Viet Nam"),  # row 2: no name
        ("Tokyo", "tokyo-again", "Japan"),  # row 3: the name is taken (the shipped Tokyo)
    ]
    preview = upload(staff_client, City, rows, file_format)
    assert "confirm_form" not in preview.context
    result = preview.context["result"]
    assert [row.number for row in result.invalid_rows] == [2, 3]
    content = preview.content.decode()
    assert "This field cannot be blank." in content
    assert "City with this Name already exists." in content
    assert not City.objects.filter(slug__in=["busan", "hue", "tokyo-again"]).exists()


def test_participations_import_by_meeting_number_and_city_name(staff_client):
    meeting = PlenaryMeeting.objects.get(number=10)  # announced: Seoul, 2011
    rows = [
        ("meeting", "city", "role", "first_time"),
        ("10", "Seoul", "host", "0"),
        ("10", "Tomsk", "observer", "0"),
    ]
    confirm(staff_client, Participation, upload(staff_client, Participation, rows))
    assert sorted(meeting.participations.values_list("city__name", "role", "first_time")) == [
        ("Seoul", "host", False),
        ("Tomsk", "observer", False),
    ]


def test_a_participations_file_with_a_second_host_and_an_unknown_city_creates_none(
    staff_client,
):
    rows = [
        ("meeting", "city", "role"),
        ("10", "Seoul", "host"),
        ("10", "Tokyo", "host"),
        ("10", "Atlantis", "member"),
    ]
    preview = upload(staff_client, Participation, rows)
    assert "confirm_form" not in preview.context
    result = preview.context["result"]
    bad_rows = [row.number for row in result.invalid_rows]
    bad_rows += [number for number, _errors in result.row_errors()]
    assert sorted(bad_rows) == [2, 3]
    assert "Line number: 3 - City matching query does not exist." in preview.content.decode()
    [second_host] = result.invalid_rows
    assert second_host.number == 2
    assert second_host.error_dict == {
        "city": ["The host participant must be the meeting's host city."],
        "__all__": ["A meeting has only one host."],
    }
    assert not Participation.objects.filter(meeting__number=10).exists()


def test_contacts_import_and_a_bad_phone_is_reported_on_its_row(staff_client):
    OrganisationUnitFactory(name="Osaka International Section")
    rows = [
        ("person", "unit", "phone", "phone_region", "language"),
        ("Aiko Sato", "Osaka International Section", "06-6208-8181", "JP", "ja"),
        ("Someone Else", "Osaka International Section", "12", "JP", "ja"),
    ]
    preview = upload(staff_client, InquiryContact, rows)
    assert [row.number for row in preview.context["result"].invalid_rows] == [2]
    assert "is not a valid phone number" in preview.content.decode()
    assert not InquiryContact.objects.filter(unit__name="Osaka International Section").exists()
    confirm(staff_client, InquiryContact, upload(staff_client, InquiryContact, rows[:2]))
    assert InquiryContact.objects.get(person="Aiko Sato").phone_e164 == "+81662088181"


@pytest.mark.parametrize(
    "model",
    ["plenaries.City", "plenaries.PlenaryMeeting", "declarations.Declaration",
     "contacts.InquiryContact", "plenaries.Source", "plenaries.Participation"],
)  # fmt: skip
def test_every_list_exports(staff_client, model):
    from django.apps import apps

    model = apps.get_model(model)
    page = staff_client.get(admin_url(model, "export"))
    formats = {title: value for value, title in page.context["form"].fields["format"].choices}
    fields = [
        name
        for name, field in page.context["form"].fields.items()
        if name.endswith(tuple(f"_{f.name}" for f in model._meta.fields)) and field.initial
    ]
    response = staff_client.post(
        admin_url(model, "export"), {"format": formats["csv"], **dict.fromkeys(fields, "on")}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == model.objects.count() + 1
