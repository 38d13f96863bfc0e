"""Entering a whole plenary in few saves: the admin prefills, derives and links what it can,
and says what is wrong in words at the field."""

import pytest

from declarations.forms import split_clauses
from declarations.models import Declaration
from plenaries.models import City, Membership, PlenaryMeeting

from .factories import CityFactory, JointProjectFactory, MembershipFactory
from .helpers import admin_url, form_data, page_text, rows_of

pytestmark = pytest.mark.django_db


def test_a_new_meeting_suggests_the_next_number_and_prefills_its_participants(staff_client):
    add = staff_client.get(admin_url(PlenaryMeeting, "add"))
    assert form_data(add)["number"] == "11"  # after the shipped 1st, 9th and 10th
    tokyo = City.objects.get(slug="tokyo")
    page = staff_client.get(
        admin_url(PlenaryMeeting, "add"), {"dates": "2010-11-08/2010-11-09", "host_city": tokyo.pk}
    )
    data = form_data(page)
    assert data["dates"] == "2010-11-08/2010-11-09"
    prefilled = {
        row["city"]: (row["role"], row["attendance"])
        for row in rows_of(data, "participations").values()
        if row.get("city")
    }
    # the eleven members of 2010 and the observer Tomsk, the host as host
    assert len(prefilled) == 12
    assert prefilled[str(tokyo.pk)] == ("host", "attended")
    assert prefilled[str(City.objects.get(slug="tomsk").pk)] == ("observer", "attended")
    assert "12 participants listed below." in page_text(page)


def test_the_host_is_picked_once_and_takes_part_as_the_host(staff_client):
    add_url = admin_url(PlenaryMeeting, "add")
    data = {k: v for k, v in form_data(staff_client.get(add_url)).items() if "__prefix__" not in k}
    seoul = City.objects.get(slug="seoul")
    data.update(host_city=str(seoul.pk), dates="2012-10", status="draft")
    assert staff_client.post(add_url, data).status_code == 302
    meeting = PlenaryMeeting.objects.get(number=11)
    assert list(meeting.participations.values_list("city__slug", "role")) == [("seoul", "host")]
    assert meeting.year == 2012  # from the dates


def test_a_city_joins_as_a_member_at_the_meeting_from_its_participation(staff_client):
    irkutsk = CityFactory(name="Irkutsk", slug="irkutsk")
    MembershipFactory(city=irkutsk, status="observer", since="2010")
    add_url = admin_url(PlenaryMeeting, "add")
    data = {k: v for k, v in form_data(staff_client.get(add_url)).items() if "__prefix__" not in k}
    data.update(
        {
            "host_city": str(City.objects.get(slug="seoul").pk),
            "dates": "2012-10-05/2012-10-06",
            "status": "draft",
            "participations-TOTAL_FORMS": "1",
            "participations-0-city": str(irkutsk.pk),
            "participations-0-role": "member",
            "participations-0-joins_as": "member",
            "participations-0-attendance": "attended",
        }
    )
    assert staff_client.post(add_url, data).status_code == 302
    meeting = PlenaryMeeting.objects.get(number=11)
    standings = list(
        Membership.objects.filter(city=irkutsk).values_list(
            "status", "since", "until", "since_meeting"
        )
    )
    assert standings == [
        ("observer", "2010", "2012-10-05", None),
        ("member", "2012-10-05", "", meeting.pk),
    ]


def test_joining_as_what_the_city_already_is_is_refused_at_the_field(staff_client):
    add_url = admin_url(PlenaryMeeting, "add")
    data = {k: v for k, v in form_data(staff_client.get(add_url)).items() if "__prefix__" not in k}
    seoul = City.objects.get(slug="seoul")
    data.update(
        {
            "host_city": str(seoul.pk),
            "dates": "2012-10",
            "status": "draft",
            "participations-TOTAL_FORMS": "1",
            "participations-0-city": str(City.objects.get(slug="tokyo").pk),
            "participations-0-role": "member",
            "participations-0-joins_as": "member",
            "participations-0-attendance": "attended",
        }
    )
    response = staff_client.post(add_url, data)
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.forms[0].errors
    assert errors["joins_as"] == ["Tokyo is already a member on that date."]


def test_events_with_parts_and_outcomes_naming_them_are_entered_in_one_save(staff_client):
    project = JointProjectFactory(name="Urban flood defence")
    add_url = admin_url(PlenaryMeeting, "add")
    data = {k: v for k, v in form_data(staff_client.get(add_url)).items() if "__prefix__" not in k}
    data.update(
        {
            "host_city": str(City.objects.get(slug="seoul").pk),
            "dates": "2012-10",
            "status": "draft",
            "events-TOTAL_FORMS": "2",
            "events-0-order": "1", "events-0-name": "Seoul Expo", "events-0-kind": "exhibition",
            "events-1-order": "1", "events-1-name": "Asia hall", "events-1-kind": "zone",
            "events-1-part_of": "1",
            "outcomes-TOTAL_FORMS": "2",
            "outcomes-0-order": "1", "outcomes-0-kind": "event", "outcomes-0-text": "An expo.",
            "outcomes-0-event_row": "1",
            "outcomes-1-order": "1", "outcomes-1-kind": "accomplishment",
            "outcomes-1-text": "Flood defence shared.", "outcomes-1-part_of": "1",
            "outcomes-1-joint_projects": [str(project.pk)],
        }
    )  # fmt: skip
    response = staff_client.post(add_url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    meeting = PlenaryMeeting.objects.get(number=11)
    expo, hall = meeting.events.order_by("pk")
    assert hall.parent == expo
    event_outcome, sub = meeting.outcomes.order_by("pk")
    assert (event_outcome.related_event, sub.parent) == (expo, event_outcome)
    assert list(sub.joint_projects.all()) == [project]


def test_a_part_naming_a_row_below_it_is_refused_in_words(staff_client):
    add_url = admin_url(PlenaryMeeting, "add")
    data = {k: v for k, v in form_data(staff_client.get(add_url)).items() if "__prefix__" not in k}
    data.update(
        {
            "host_city": str(City.objects.get(slug="seoul").pk),
            "dates": "2012-10",
            "status": "draft",
            "events-TOTAL_FORMS": "1",
            "events-0-order": "1", "events-0-name": "Seoul Expo", "events-0-kind": "exhibition",
            "events-0-part_of": "2",
        }
    )  # fmt: skip
    response = staff_client.post(add_url, data)
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][2].formset.forms[0].errors
    assert errors["part_of"] == ["A part comes after the row it belongs to: row 2 is not above it."]


def test_a_declaration_started_from_its_meeting_is_prefilled(staff_client):
    meeting = PlenaryMeeting.objects.get(number=9)
    page = staff_client.get(admin_url(PlenaryMeeting, "change", meeting.pk))
    start = admin_url(Declaration, "add") + f"?meeting={meeting.pk}"
    assert f'href="{start}"' in page.content.decode()
    data = form_data(staff_client.get(start))
    assert (data["title"], data["slug"], data["adopted"]) == (
        "Tokyo Declaration",
        "tokyo-declaration-2010",  # the 2010 one exists: the year tells them apart
        "2010-11-09",
    )
    signed = {City.objects.get(pk=pk).slug for pk in data["signatories"]}
    assert "tokyo" in signed and "hanoi" in signed  # Hanoi was represented: it signs
    assert "tomsk" not in signed  # an observer


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        (
            "First clause.\n\nSecond clause,\nwrapped.",
            [(1, "First clause."), (2, "Second clause, wrapped.")],
        ),
        (
            "1. One.\n2. Two,\nwrapped.\n3. Three.",
            [(1, "One."), (2, "Two, wrapped."), (3, "Three.")],
        ),
        ("(1) One.\r\n(2) Two.", [(1, "One."), (2, "Two.")]),
        ("第1条 東京.\n第2条 ソウル.", [(1, "東京."), (2, "ソウル.")]),
        ("   ", []),
    ],
)
def test_pasted_clauses_are_split_into_numbered_rows(text, clauses):
    assert split_clauses(text) == clauses


def test_pasted_clauses_are_shown_as_rows_before_they_are_saved(staff_client):
    meeting = PlenaryMeeting.objects.get(number=10)
    start = admin_url(Declaration, "add") + f"?meeting={meeting.pk}"
    data = {k: v for k, v in form_data(staff_client.get(start)).items() if "__prefix__" not in k}
    data.update(preamble="We declare:", status="draft", signatories=[],
                clauses_text="1. We cooperate.\n2. We meet again.")  # fmt: skip
    data.pop("_save")
    data["_split_clauses"] = "Split into clauses"
    preview = staff_client.post(admin_url(Declaration, "add"), data)
    assert preview.status_code == 200
    assert "The text was split into 2 clauses, below: check them, then save." in page_text(preview)
    assert not Declaration.objects.filter(meeting=meeting).exists()
    checked = {k: v for k, v in form_data(preview).items() if "__prefix__" not in k}
    assert (checked["clauses-0-text"], checked["clauses-1-number"]) == ("We cooperate.", "2")
    assert staff_client.post(admin_url(Declaration, "add"), checked).status_code == 302
    declaration = Declaration.objects.get(meeting=meeting)
    assert list(declaration.clauses.values_list("number", "text")) == [
        (1, "We cooperate."),
        (2, "We meet again."),
    ]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"dates": "1999"}, "dates", "The network's plenary meetings began in 2001"),
        ({"dates": "next spring"}, "dates", "“next spring” is not a date we can read."),
        ({"number": "9"}, "number", "Plenary meeting with this Number already exists."),
    ],
)
def test_mistakes_are_told_in_words_at_the_field(staff_client, fields, field, message):
    add_url = admin_url(PlenaryMeeting, "add")
    data = {k: v for k, v in form_data(staff_client.get(add_url)).items() if "__prefix__" not in k}
    data.update(host_city=str(City.objects.get(slug="seoul").pk), dates="2012", status="draft")
    data.update(fields)
    response = staff_client.post(add_url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert any(message in error for error in errors.get(field, [])), errors


def test_a_citys_standings_are_entered_on_its_page_with_the_network_chosen(staff_client):
    data = form_data(staff_client.get(admin_url(City, "add")))
    assert data["memberships-__prefix__-network"] == str(
        PlenaryMeeting.objects.first().host_city.memberships.first().network_id
    )
