"""Cities, contacts and participations come in from CSV or XLSX; every list goes out."""

import codecs
import csv
import io

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contacts.models import InquiryContact
from core.models import PublicationStatus
from plenaries.models import City, Participation, PlenaryMeeting

from .factories import CityFactory, OrganisationUnitFactory

pytestmark = pytest.mark.django_db


def admin_url(model, view):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")


def upload(client, model, rows, file_format="csv"):
    """Post a file to the model's import page as staff would; returns the preview response."""
    dataset = tablib.Dataset(*rows[1:], headers=rows[0])
    content = dataset.export(file_format)
    if isinstance(content, str):
        content = content.encode()
    return upload_file(client, model, content, file_format)


def upload_file(client, model, content, file_format="csv"):
    """Post the bytes of a file to the model's import page; returns the preview response."""
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


def export(client, model, file_format="csv"):
    """Export the model's list with the fields the export page selects; returns the response."""
    page = client.get(admin_url(model, "export"))
    formats = {title: value for value, title in page.context["form"].fields["format"].choices}
    fields = [
        name
        for name, field in page.context["form"].fields.items()
        if name.endswith(tuple(f"_{f.name}" for f in model._meta.fields)) and field.initial
    ]
    return client.post(
        admin_url(model, "export"), {"format": formats[file_format], **dict.fromkeys(fields, "on")}
    )


def exported_rows(response, file_format):
    """The rows of an exported file as dicts by column, and whether any cell is a formula."""
    if file_format == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        formulae = False
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = [[cell.value for cell in row] for row in sheet.rows]
        formulae = any(cell.data_type == "f" for row in sheet.rows for cell in row)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]], formulae


@pytest.mark.parametrize(
    "model",
    ["plenaries.City", "plenaries.PlenaryMeeting", "declarations.Declaration",
     "contacts.InquiryContact", "plenaries.PressRelease", "plenaries.Participation"],
)  # fmt: skip
def test_every_list_exports(staff_client, model):
    from django.apps import apps

    model = apps.get_model(model)
    response = export(staff_client, model)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == model.objects.count() + 1


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_exported_text_a_spreadsheet_would_run_as_a_formula_is_escaped(staff_client, file_format):
    descriptions = {
        "hyperlink": ('=HYPERLINK("http://example.com/","Open")', "'=HYPERLINK(\"http://example.com/\",\"Open\")"),
        "plus": ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        "minus": ("-2+3", "'-2+3"),
        "at": ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        "number": ("-12.5", "-12.5"),
        "text": ("A city on the coast.", "A city on the coast."),
        "blank": ("", ""),
    }  # fmt: skip
    for slug, (description, _exported) in descriptions.items():
        CityFactory(name=f"Formula {slug}", slug=f"formula-{slug}", description=description)
    rows, formulae = exported_rows(export(staff_client, City, file_format), file_format)
    exported = {row["slug"]: row["description"] or "" for row in rows}
    assert {slug: exported[f"formula-{slug}"] for slug in descriptions} == {
        slug: escaped for slug, (_description, escaped) in descriptions.items()
    }
    assert not formulae


def test_an_exported_file_imports_back_as_it_was(staff_client):
    CityFactory(name="Signpost", slug="signpost", description="=1+2, says the sign")
    preview = upload_file(staff_client, City, export(staff_client, City).content)
    confirm(staff_client, City, preview)
    assert City.objects.get(slug="signpost").description == "=1+2, says the sign"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "cp932"])
def test_a_csv_in_any_encoding_a_spreadsheet_saves_imports(staff_client, encoding):
    text = "name,slug,country\r\n浜松,hamamatsu,日本\r\n"
    content = text.encode(encoding)
    if encoding == "utf-16-be":
        content = codecs.BOM_UTF16_BE + content  # as Excel writes it: with a byte order mark
    confirm(staff_client, City, upload_file(staff_client, City, content))
    assert City.objects.filter(slug="hamamatsu").values_list("name", "country").get() == (
        "浜松",
        "日本",
    )


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16-le"])  # UTF-16 needs its byte order mark
def test_a_csv_in_another_encoding_is_refused_with_a_message(staff_client, encoding):
    content = "name,slug,country\r\nCafé Bar,cafe-bar,France\r\n".encode(encoding)
    preview = upload_file(staff_client, City, content)
    assert preview.status_code == 200
    assert preview.context["form"].errors["import_file"] == [
        "The file is not text in UTF-8, UTF-16 or Shift_JIS (CP932). Save it from the "
        "spreadsheet as “CSV UTF-8” and import that."
    ]
    assert "Save it from the spreadsheet as “CSV UTF-8”" in preview.content.decode()
    assert not City.objects.filter(slug="cafe-bar").exists()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_file_with_wrong_columns_is_refused_with_the_columns_it_should_have(
    staff_client, file_format
):
    rows = [("name", "country", "population"), ("Busan", "Republic of Korea", "3400000")]
    preview = upload(staff_client, City, rows, file_format)
    assert preview.status_code == 200
    assert "confirm_form" not in preview.context
    assert preview.context["form"].errors["import_file"] == [
        "Unknown columns: “population”.",
        "Missing columns: “slug”.",
        "The columns are “name”, “slug”, “country”, “description”, “status”, of which "
        "“name”, “slug”, “country” are required.",
    ]
    assert "Unknown columns: “population”." in preview.content.decode()
    assert not City.objects.filter(name="Busan").exists()


def test_a_file_too_big_to_import_is_refused_with_a_message(staff_client):
    content = b"name,slug,country\r\n" + b"Busan,busan," + b"x" * (5 * 1024 * 1024)
    preview = upload_file(staff_client, City, content)
    assert preview.context["form"].errors["import_file"] == [
        "The file is larger than 5.0\xa0MB, the most that can be imported: split it."
    ]
    assert not City.objects.filter(slug="busan").exists()


def test_a_file_of_more_rows_than_an_import_takes_is_refused_with_a_message(staff_client):
    lines = [f"City {n},city-{n},Japan" for n in range(10_001)]
    content = "\r\n".join(["name,slug,country", *lines]).encode()
    preview = upload_file(staff_client, City, content)
    assert preview.context["form"].errors["import_file"] == [
        "The file has more than 10,000 rows: split it into files of 10,000 or fewer."
    ]
    assert not City.objects.filter(slug="city-0").exists()
