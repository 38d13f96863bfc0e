"""The read-only API at /api/v1/: every public record, filtered and paged, with stable ids,
links to the site, ETags, CORS for reads, the licence, and an OpenAPI 3 document."""

import json

import pytest

from .factories import InquiryContactFactory, MeetingFactory

pytestmark = pytest.mark.django_db

ORIGIN = "https://research.example.org"


def get_json(client, path, params=None, status=200):
    response = client.get(path, params or {})
    assert response.status_code == status, (path, response.content[:300])
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_root_lists_every_kind_of_record_and_the_licence(client):
    data = get_json(client, "/api/v1/")
    assert set(data["endpoints"]) == {
        "meetings",
        "participations",
        "events",
        "cities",
        "memberships",
        "declarations",
        "clauses",
        "projects",
        "sources",
        "contacts",
        "topics",
    }
    assert data["licence"]["id"] == "CC-BY-4.0"
    for url in data["endpoints"].values():
        assert client.get(url).status_code == 200, url


def test_a_meeting_is_named_by_its_number_and_links_to_its_page(client):
    meeting = get_json(client, "/api/v1/meetings/9/")
    assert meeting["id"] == 9
    assert meeting["html_url"] == "http://testserver/plenaries/9/"
    assert meeting["calendar_url"] == "http://testserver/plenaries/9.ics"
    assert meeting["dates"]["earliest"] == "2010-11-08"
    tomsk = next(p for p in meeting["participants"] if p["city"]["id"] == "tomsk")
    assert (tomsk["role"], tomsk["first_time"]) == ("observer", True)
    assert [d["id"] for d in meeting["declarations"]] == ["tokyo-declaration"]
    assert any(event["name"] == "ANMC21 Exhibition" for event in meeting["related_events"])


def test_meetings_filter_by_year_and_host_city(client):
    assert [m["id"] for m in get_json(client, "/api/v1/meetings/")["results"]] == [1, 9, 10]
    assert [m["id"] for m in get_json(client, "/api/v1/meetings/", {"year": 2010})["results"]] == [
        9
    ]
    seoul = get_json(client, "/api/v1/meetings/", {"city": "seoul"})["results"]
    assert [m["id"] for m in seoul] == [10]
    held = get_json(client, "/api/v1/meetings/", {"held": "false"})["results"]
    assert [m["id"] for m in held] == [10]


def test_participations_filter_by_role_and_city(client):
    observers = get_json(client, "/api/v1/participations/", {"role": "observer"})["results"]
    assert [(p["meeting"]["id"], p["city"]["id"]) for p in observers] == [(9, "tomsk")]
    tokyo = get_json(client, "/api/v1/participations/", {"city": "tokyo", "year": 2010})
    assert [p["role"] for p in tokyo["results"]] == ["host"]


def test_clauses_are_named_by_declaration_and_anchor_and_filter_by_topic_and_text(client):
    clause = get_json(client, "/api/v1/declarations/tokyo-declaration/clauses/3/")
    assert clause["id"] == "tokyo-declaration/clause-3"
    assert clause["permalink"] == "http://testserver/declarations/tokyo-declaration/#clause-3"
    assert clause["html_url"] == "http://testserver/declarations/tokyo-declaration/clauses/3/"
    assert clause["citation"].endswith("9 November 2010, clause 3")
    found = get_json(client, "/api/v1/clauses/", {"text": "Seoul"})["results"]
    assert [c["number"] for c in found] == [5]
    topic = clause["topics"][0]["id"]
    by_topic = get_json(client, "/api/v1/clauses/", {"topic": topic})["results"]
    assert 3 in [c["number"] for c in by_topic]


def test_declarations_hold_their_clauses_and_link_their_other_formats(client):
    declaration = get_json(client, "/api/v1/declarations/tokyo-declaration/")
    assert [c["number"] for c in declaration["clauses"]] == [1, 2, 3, 4, 5]
    assert declaration["akn_url"].endswith("/declarations/tokyo-declaration.akn.xml")
    assert "tomsk" not in [city["id"] for city in declaration["signatories"]]
    signed_by_seoul = get_json(client, "/api/v1/declarations/", {"city": "seoul"})["results"]
    assert [d["id"] for d in signed_by_seoul] == ["tokyo-declaration"]


def test_cities_carry_their_standing_over_time(client):
    tomsk = get_json(client, "/api/v1/cities/tomsk/")
    assert tomsk["standing"] == "observer"
    members = get_json(client, "/api/v1/cities/", {"standing": "member"})["results"]
    assert "tokyo" in [city["id"] for city in members]
    assert "tomsk" not in [city["id"] for city in members]
    memberships = get_json(client, "/api/v1/memberships/", {"city": "tomsk"})["results"]
    assert [m["standing"] for m in memberships] == ["observer"]


def test_contacts_are_public_ones_only(client):
    InquiryContactFactory(person="Private Person", is_public=False)
    people = [c["person"] for c in get_json(client, "/api/v1/contacts/")["results"]]
    assert people == ["Mikiko Yoshimura"]
    (contact,) = get_json(client, "/api/v1/contacts/", {"meeting": 9})["results"]
    assert contact["unit_path"][-1] == "International Joint Projects"


def test_lists_come_in_pages_with_links_to_the_next(client):
    for number in range(200, 203):
        MeetingFactory(number=number)
    first = get_json(client, "/api/v1/meetings/", {"page_size": 2})
    assert first["count"] == 6
    assert len(first["results"]) == 2
    assert first["next"] == "http://testserver/api/v1/meetings/?page=2&page_size=2"
    last = get_json(client, "/api/v1/meetings/", {"page_size": 2, "page": 3})
    assert last["next"] is None
    assert [m["id"] for m in last["results"]] == [201, 202]


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        ("/api/v1/meetings/", {"year": "twenty ten"}, "year"),
        ("/api/v1/meetings/", {"year": "9" * 40}, "year"),
        ("/api/v1/participations/", {"role": "emperor"}, "role"),
        ("/api/v1/participations/", {"meeting": "-1"}, "meeting"),
        ("/api/v1/projects/", {"area": "space"}, "area"),
        ("/api/v1/clauses/", {"text": "x" * 500}, "text"),
    ],
)
def test_a_bad_filter_is_a_400_naming_the_parameter(client, path, params, parameter):
    errors = get_json(client, path, params, status=400)
    assert parameter in errors


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/meetings/999/",
        "/api/v1/cities/atlantis/",
        "/api/v1/declarations/tokyo-declaration/clauses/99/",
        "/api/v1/meetings/?page=99",
        "/api/v1/meetings/?page=0",
    ],
)
def test_what_does_not_exist_is_a_404(client, path):
    assert "detail" in get_json(client, path, status=404)


def test_answers_carry_an_etag_and_a_second_request_with_it_gets_304(client):
    first = client.get("/api/v1/meetings/")
    assert first["ETag"]
    again = client.get("/api/v1/meetings/", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    MeetingFactory(number=300)
    changed = client.get("/api/v1/meetings/", headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200


def test_any_site_may_read_it_from_a_browser(client):
    response = client.get("/api/v1/meetings/", headers={"origin": ORIGIN})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/meetings/",
        headers={"origin": ORIGIN, "access-control-request-method": "GET"},
    )
    assert preflight.status_code == 200
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


def test_the_site_pages_are_not_shared_across_origins(client):
    response = client.get("/plenaries/9/", headers={"origin": ORIGIN})
    assert "Access-Control-Allow-Origin" not in response


def test_every_answer_names_the_licence(client):
    for path in ("/api/v1/", "/api/v1/meetings/", "/api/v1/openapi.json", "/api/v1/cities/x/"):
        link = client.get(path)["Link"]
        assert link == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"', path


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_it_is_read_only(client, method):
    response = getattr(client, method)("/api/v1/meetings/9/")
    assert response.status_code == 405


def test_openapi_document_describes_every_list_and_its_filters(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert document["info"]["license"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    paths = document["paths"]
    for path in (
        "/api/v1/meetings/",
        "/api/v1/meetings/{number}/",
        "/api/v1/declarations/{slug}/clauses/{number}/",
        "/api/v1/contacts/",
    ):
        assert set(paths[path]) == {"get"}, path
        assert {"200", "400", "404"} <= set(paths[path]["get"]["responses"])
    filters = {p["name"] for p in paths["/api/v1/meetings/"]["get"]["parameters"]}
    assert {"year", "city", "text", "page", "page_size"} <= filters


def test_docs_page_points_swagger_ui_at_the_document(client):
    content = client.get("/api/v1/docs/").content.decode()
    assert 'data-schema-url="/api/v1/openapi.json"' in content
    assert "swagger-ui-bundle.js" in content
    assert "<script>" not in content  # no inline script: the page runs under the site's CSP
