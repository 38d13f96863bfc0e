"""Cities, contacts and participations come in from CSV or XLSX; every list goes out."""

import codecs
import csv
import io

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

from contacts.models import InquiryContact
from core.models import PublicationStatus
from plenaries.models import City, Participation, PlenaryMeeting, Topic

from .factories import (
    CityFactory,
    InquiryContactFactory,
    MeetingFactory,
    OrganisationUnitFactory,
)
from .helpers import admin_url

pytestmark = pytest.mark.django_db


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
    errors = {row.number: row.error_dict for row in preview.context["result"].invalid_rows}
    assert errors == {
        2: {"city": ["The host participant must be the meeting's host city."]},
        3: {"city": ["No city has the name “Atlantis”."]},
    }
    assert "No city has the name “Atlantis”." in preview.content.decode()
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
     "contacts.InquiryContact", "plenaries.Source", "plenaries.Participation"],
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
        "The columns are “name”, “name_ja”, “slug”, “country”, “country_ja”, “description”, "
        "“description_ja”, “status”, of which "
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


def test_unknown_topics_of_a_contact_are_reported_on_its_row(staff_client):
    OrganisationUnitFactory(name="Osaka International Section")
    rows = [
        ("person", "unit", "phone", "topics"),
        ("Aiko Sato", "Osaka International Section", "06-6208-8181", "urban-environment"),
        ("Ken Ito", "Osaka International Section", "06-6208-8182",
         "urban-environment|tourism|sister-cities"),
        ("Mai Oda", "Osaka International Section", "06-6208-8183", "culture"),
    ]  # fmt: skip
    preview = upload(staff_client, InquiryContact, rows)
    errors = {row.number: row.error_dict for row in preview.context["result"].invalid_rows}
    assert errors == {
        2: {"topics": ["No topics have the slugs “tourism”, “sister-cities”."]},
        3: {"topics": ["No topic has the slug “culture”."]},
    }
    assert "No topics have the slugs “tourism”, “sister-cities”." in preview.content.decode()
    assert not InquiryContact.objects.filter(unit__name="Osaka International Section").exists()


def test_a_contact_in_a_unit_whose_name_several_units_share_is_reported_on_its_row(
    staff_client,
):
    for city in ("Osaka", "Kobe"):
        city_hall = OrganisationUnitFactory(name=f"{city} City Hall")
        OrganisationUnitFactory(name="International Section", parent=city_hall)
    rows = [("person", "unit", "phone"), ("Aiko Sato", "International Section", "06-6208-8181")]
    preview = upload(staff_client, InquiryContact, rows)
    errors = {row.number: row.error_dict for row in preview.context["result"].invalid_rows}
    assert errors == {
        1: {"unit": ["More than one organisation unit has the name “International Section”."]}
    }
    assert not InquiryContact.objects.filter(person="Aiko Sato").exists()


def test_imported_topics_are_linked_and_kept_in_the_contacts_history(staff_client):
    OrganisationUnitFactory(name="Osaka International Section")
    rows = [
        ("person", "unit", "phone", "topics"),
        ("Aiko Sato", "Osaka International Section", "06-6208-8181",
         "urban-environment|low-carbon-society"),
    ]  # fmt: skip
    confirm(staff_client, InquiryContact, upload(staff_client, InquiryContact, rows))
    contact = InquiryContact.objects.get(person="Aiko Sato")
    topics = ["low-carbon-society", "urban-environment"]
    assert sorted(contact.topics.values_list("slug", flat=True)) == topics
    record = contact.history.first()  # the latest
    assert sorted(link.topic.slug for link in record.topics.all()) == topics


def test_an_imported_change_to_a_city_is_kept_in_its_history_and_claims_a_version(
    staff_client,
):
    tokyo = City.objects.get(slug="tokyo")
    rows = [("name", "slug", "country", "description"), ("Tokyo", "tokyo", "Japan", "Capital.")]
    confirm(staff_client, City, upload(staff_client, City, rows))
    updated = City.objects.get(slug="tokyo")
    assert (updated.description, updated.status) == ("Capital.", tokyo.status)
    assert updated.version == tokyo.version + 1  # an editor's form opened before is now stale
    latest = updated.history.first()
    assert (latest.history_type, latest.description) == ("~", "Capital.")


def test_an_imported_contact_gets_the_files_phone_and_topics_in_place_of_its_own(staff_client):
    contact = InquiryContactFactory(person="Aiko Sato", unit__name="Osaka International Section")
    contact.topics.set(Topic.objects.filter(slug="urban-environment"))
    rows = [
        ("person", "unit", "phone", "topics"),
        ("Aiko Sato", "Osaka International Section", "06-6208-8181", "low-carbon-society"),
    ]
    confirm(staff_client, InquiryContact, upload(staff_client, InquiryContact, rows))
    contact.refresh_from_db()
    assert (contact.phone, contact.phone_e164) == ("06-6208-8181", "+81662088181")
    assert list(contact.topics.values_list("slug", flat=True)) == ["low-carbon-society"]
    latest = contact.history.first()
    assert [link.topic.slug for link in latest.topics.all()] == ["low-carbon-society"]


def test_a_row_repeating_another_is_reported_naming_the_row_it_repeats(staff_client):
    rows = [
        ("name", "slug", "country", "description"),
        ("Tokyo", "tokyo", "Japan", "The capital."),
        ("Busan", "busan", "Republic of Korea", ""),
        ("Tokyo", "tokyo", "Japan", "The capital, again."),  # the shipped Tokyo, twice
        ("Busan", "busan", "Republic of Korea", ""),  # a new city, twice
        ("Busan", "busan-city", "Republic of Korea", ""),  # a new city's name, twice
    ]
    preview = upload(staff_client, City, rows)
    errors = {row.number: row.error_dict for row in preview.context["result"].invalid_rows}
    assert errors == {
        3: {"__all__": ["This row repeats row 1 (the same slug)."]},
        4: {"__all__": ["This row repeats row 2 (the same slug)."]},
        5: {"__all__": ["This row repeats row 2 (the same name)."]},
    }
    assert "This row repeats row 1 (the same slug)." in preview.content.decode()
    assert City.objects.get(slug="tokyo").description != "The capital, again."


def test_a_participation_listed_twice_is_reported_naming_the_row_it_repeats(staff_client):
    rows = [
        ("meeting", "city", "role"),
        ("10", "Seoul", "host"),
        ("10", "Tomsk", "observer"),
        ("10", "Tomsk", "member"),
    ]
    preview = upload(staff_client, Participation, rows)
    errors = {row.number: row.error_dict for row in preview.context["result"].invalid_rows}
    assert errors == {3: {"__all__": ["This row repeats row 2 (the same meeting and city)."]}}
    assert not Participation.objects.filter(meeting__number=10).exists()


def test_a_row_the_database_refuses_is_reported_and_nothing_is_imported(staff_client):
    # A host entered before the meeting's host city was changed: a second host is refused by
    # the database's constraint, which full_clean() checks row by row only on the way in.
    meeting = PlenaryMeeting.objects.get(number=10)
    Participation.objects.create(meeting=meeting, city=City.objects.get(slug="tokyo"), role="host")
    rows = [("meeting", "city", "role"), ("10", "Tomsk", "observer"), ("10", "Seoul", "host")]
    preview = upload(staff_client, Participation, rows)
    errors = {row.number: row.error_dict for row in preview.context["result"].invalid_rows}
    assert errors == {2: {"__all__": ["A meeting has only one host."]}}
    assert "A meeting has only one host." in preview.content.decode()
    assert list(meeting.participations.values_list("city__slug", flat=True)) == ["tokyo"]


def test_nothing_is_imported_when_the_record_changed_between_preview_and_confirm(staff_client):
    preview = upload(staff_client, City, CITIES)
    assert "confirm_form" in preview.context
    CityFactory(name="Chiang Mai", slug="chiang-mai-city")  # someone enters it meanwhile
    response = confirm(staff_client, City, preview)
    assert "Nothing was imported: the file no longer passes the checks" in response.content.decode()
    assert not City.objects.filter(slug__in=NEW_CITIES).exists()


def big_file(kind, rows):
    """A file of this many new rows of one kind (with the records it names), the same file
    changing every row's last column, and the records that have that change."""
    if kind == "cities":
        header = ("name", "slug", "country")
        data = [(f"New City {n}", f"new-city-{n}", "Japan") for n in range(rows)]
        model, changed, changed_records = City, "Nippon", City.objects.filter(country="Nippon")
    elif kind == "participations":
        meetings = [MeetingFactory(), MeetingFactory()]
        cities = CityFactory.create_batch(rows // 2)
        header = ("meeting", "city", "role")
        data = [(meeting.number, city.name, "member") for meeting in meetings for city in cities]
        model, changed = Participation, "observer"
        changed_records = Participation.objects.filter(meeting__in=meetings, role="observer")
    else:
        unit = OrganisationUnitFactory()
        header = ("person", "unit", "phone", "topics")
        data = [
            (f"Person {n}", unit.name, "03-5388-2234", "economic-exchange") for n in range(rows)
        ]
        model, changed = InquiryContact, "new-technologies|low-carbon-society"
        changed_records = InquiryContact.objects.filter(topics__slug="new-technologies")
    changed_data = [(*row[:-1], changed) for row in data]
    return model, [header, *data], [header, *changed_data], changed_records


@pytest.mark.parametrize("kind", ["cities", "participations", "contacts"])
def test_an_import_takes_a_few_queries_whatever_its_number_of_rows(
    staff_client, django_assert_max_num_queries, kind
):
    model, new_rows, changed_rows, changed_records = big_file(kind, 300)
    before = model.objects.count()
    # A query for each row would make 300 or more; the file's lookups and batches make ~40.
    for rows in (new_rows, changed_rows):  # 300 new records, then a change to each
        with django_assert_max_num_queries(60):
            preview = upload(staff_client, model, rows)
        with django_assert_max_num_queries(60):
            confirm(staff_client, model, preview)
    assert model.objects.count() == before + 300
    assert changed_records.count() == 300


def test_cities_import_and_export_with_their_japanese_names(staff_client):
    rows = [("name", "name_ja", "slug", "country"), ("Busan", "釜山", "busan", "Republic of Korea")]
    preview = upload(staff_client, City, rows, "csv")
    confirm(staff_client, City, preview)
    busan = City.objects.get(slug="busan")
    assert (busan.name, busan.name_en, busan.name_ja) == ("Busan", "Busan", "釜山")
    assert busan.history.get().name_ja == "釜山"


def test_a_city_renamed_by_import_is_renamed_in_every_column(staff_client):
    from .factories import CityFactory

    CityFactory(name="Pusan", slug="busan", status="draft")
    rows = [("name", "name_ja", "slug", "country"), ("Busan", "釜山", "busan", "Republic of Korea")]
    confirm(staff_client, City, upload(staff_client, City, rows, "csv"))
    # The columns as stored (a translated field read plainly, not in the active language).
    stored = City.objects.all().rewrite(False).filter(slug="busan")
    stored = stored.values("name", "name_en", "name_ja").get()
    assert stored == {"name": "Busan", "name_en": "Busan", "name_ja": "釜山"}
