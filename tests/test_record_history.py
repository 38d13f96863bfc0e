"""The record as it is known, entered as staff enter it: a meeting known only to the month,
absences, a deputy, a city joining at the meeting, sources that disagree; and the public pages
and downloads that show each of these."""

import json

import pytest

from declarations.models import Declaration
from plenaries.models import City, Membership, Participation, PlenaryMeeting, SourceKind

from .factories import SourceFactory
from .helpers import admin_url, approve_pending, form_data, page_text, section

pytestmark = pytest.mark.django_db

CITATIONS = "plenaries-citation-content_type-object_id"


def with_rows(data, prefix, rows):
    """The form as posted with `rows` entered in the inline `prefix` (after its existing ones)."""
    data = {key: value for key, value in data.items() if "__prefix__" not in key}
    start = int(data[f"{prefix}-TOTAL_FORMS"])
    for index, row in enumerate(rows, start):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    data[f"{prefix}-TOTAL_FORMS"] = str(start + len(rows))
    return data


def submit(client, url, fields, inlines=()):
    """Open the admin page at `url`, fill in `fields` and the inline rows, save; the saved form
    must be accepted."""
    data = form_data(client.get(url))
    data.update(fields)
    for prefix, rows in inlines:
        data = with_rows(data, prefix, rows)
    response = client.post(url, data)
    assert response.status_code == 302, response.context and (
        response.context["adminform"].form.errors,
        [f.formset.errors for f in response.context["inline_admin_formsets"]],
    )


def pk(model, **lookup):
    return str(model.objects.get(**lookup).pk)


@pytest.fixture
def entered_meeting(staff_client):
    """The 11th meeting as a staff member enters it from an old news item and a listing page."""
    news = SourceFactory(
        kind=SourceKind.NEWS_ITEM,
        title="Network meets in Seoul",
        publisher="A news agency",
        date="2012-10",
        meeting=None,
        issued_by=None,
    )
    listing = SourceFactory(
        kind=SourceKind.WEB_PAGE,
        title="Cooperation news, autumn 2012",
        publisher="A partner's website",
        date="2012",
        meeting=None,
        issued_by=None,
    )
    submit(
        staff_client,
        admin_url(City, "add"),
        {
            "name": "Ulaanbaatar",
            "slug": "ulaanbaatar",
            "country": "Mongolia",
            "status": "published",
        },
    )
    city = lambda slug: pk(City, slug=slug)  # noqa: E731
    submit(
        staff_client,
        admin_url(PlenaryMeeting, "add"),
        {
            "number": "11",
            "host_city": city("seoul"),
            "dates": "2012-10",
            "held": "on",
            "participant_count": "120",
            "status": "published",
        },
        [
            (
                "participations",
                [
                    {"city": city("seoul"), "role": "host", "attendance": "attended"},
                    {"city": city("tokyo"), "role": "member", "attendance": "attended"},
                    {"city": city("bangkok"), "role": "member", "attendance": "absent"},
                    {
                        "city": city("delhi"),
                        "role": "member",
                        "attendance": "represented",
                        "representative": "Ms Asha Rao",
                        "representative_title": "Deputy Mayor",
                        "representative_level": "deputy",
                        "delegation_size": "3",
                    },
                    {
                        "city": city("ulaanbaatar"),
                        "role": "member",
                        "attendance": "attended",
                        "first_time": "on",
                    },
                ],
            ),
            (
                CITATIONS,
                [
                    {"source": str(news.pk), "field": "dates", "note": "The news item dates it."},
                    {
                        "source": str(listing.pk),
                        "field": "dates",
                        "value": "2012-09/2012-10",
                        "note": "Counts the working-level meetings held in September.",
                    },
                ],
            ),
        ],
    )
    meeting = PlenaryMeeting.objects.get(number=11)
    ulaanbaatar = City.objects.get(slug="ulaanbaatar")
    submit(
        staff_client,
        admin_url(City, "change", ulaanbaatar.pk),
        {},
        [
            (
                "memberships",
                [
                    {
                        "network": pk(Membership.network.field.related_model),
                        "status": "member",
                        "since": "2012-10",
                        "since_meeting": str(meeting.pk),
                    }
                ],
            )
        ],
    )
    # The city is public: its new standing waits for another Publisher's approval.
    assert not Membership.objects.filter(city=ulaanbaatar).exists()
    approve_pending("Ulaanbaatar joined as a member at the 11th Plenary Meeting.")
    submit(
        staff_client,
        admin_url(Declaration, "add"),
        {
            "title": "Seoul Declaration",
            "slug": "seoul-declaration",
            "meeting": str(meeting.pk),
            "adopted": "2012-10",
            "adopted_in": city("seoul"),
            "signatories": city("seoul"),
            "preamble": "We, the cities of the network, meeting in Seoul,",
            "status": "published",
        },
        [("clauses", [{"number": "1", "text": "We will share what our cities learn."}])],
    )
    return meeting


def test_a_meeting_known_only_to_the_month_reads_so_on_its_page(client, entered_meeting):
    assert (
        entered_meeting.dates_earliest.isoformat(),
        entered_meeting.dates_latest.isoformat(),
    ) == (
        "2012-10-01",
        "2012-10-31",
    )
    text = page_text(client.get("/plenaries/11/"))
    assert "October 2012" in text
    assert "120 people" in text


def test_the_meeting_page_shows_the_absent_the_represented_and_the_newcomer(
    client, entered_meeting
):
    content = client.get("/plenaries/11/").getvalue().decode()
    text = page_text(client.get("/plenaries/11/"))
    absent = text[text.index("Absent") :]
    assert "Bangkok" in absent
    assert "Bangkok" not in text[: text.index("Absent")].split("Participants", 2)[-1]
    assert "by Deputy Mayor Ms Asha Rao" in text
    assert "delegation of 3" in text
    assert "Ulaanbaatar" in section(content, "participants-heading")


def test_the_meeting_page_says_that_sources_differ_on_its_dates(client, entered_meeting):
    text = page_text(client.get("/plenaries/11/"))
    assert (
        "Sources differ: A partner's website, 2012 gives September–October 2012 "
        "(counts the working-level meetings held in September) source." in text
    )
    assert "The record follows: The news item dates it." in text


def test_the_city_pages_show_joining_and_absence(client, entered_meeting):
    ulaanbaatar = page_text(client.get("/cities/ulaanbaatar/"))
    assert "Member, since October 2012 · from the 11th Plenary Meeting" in ulaanbaatar
    bangkok = client.get("/cities/bangkok/").getvalue().decode()
    assert "11th Plenary Meeting" in section(bangkok, "missed-heading")


def test_the_declaration_pages_give_the_month_of_adoption(client, entered_meeting):
    declaration = page_text(client.get("/declarations/seoul-declaration/"))
    assert "Adopted at the 11th Plenary Meeting of ANMC21 · Seoul, October 2012" in declaration
    meeting = page_text(client.get("/plenaries/11/"))
    assert "Seoul Declaration, adopted in Seoul in October 2012" in meeting
    nine = page_text(client.get("/plenaries/9/"))
    assert "Tokyo Declaration, adopted in Tokyo on 9 November 2010" in nine


def test_the_json_download_carries_the_dates_attendance_and_differing_sources(
    client, entered_meeting
):
    record = json.loads(client.get("/data/anmc21-record.json").getvalue())
    meeting = next(m for m in record["meetings"] if m["number"] == 11)
    assert meeting["dates"] == {
        "edtf": "2012-10",
        "earliest": "2012-10-01",
        "latest": "2012-10-31",
        "in_words": "October 2012",
    }
    assert meeting["participant_count"] == 120
    attendance = {p["city"]: p for p in meeting["participants"]}
    assert attendance["bangkok"]["attendance"] == "absent"
    assert (
        attendance["delhi"]["attendance"],
        attendance["delhi"]["representative_title"],
        attendance["delhi"]["representative_level"],
        attendance["delhi"]["delegation_size"],
    ) == ("represented", "Deputy Mayor", "deputy", 3)
    assert attendance["ulaanbaatar"]["first_time"] is True
    differing = [c for c in meeting["sources"] if c["differs"]]
    assert [(c["source"], c["field"], c["value"]) for c in differing] == [
        ("cooperation-news-autumn-2012", "dates", "2012-09/2012-10")
    ]
    ulaanbaatar = next(c for c in record["cities"] if c["name"] == "Ulaanbaatar")
    standings = [
        (m["standing"], m["since"]["edtf"], m["since_meeting"]) for m in ulaanbaatar["memberships"]
    ]
    assert standings == [("member", "2012-10", 11)]


def test_every_participation_entered_is_kept(entered_meeting):
    assert Participation.objects.filter(meeting=entered_meeting).count() == 5


def test_the_9th_plenary_page_shows_that_sources_differ_and_links_the_press_release(client):
    content = client.get("/plenaries/9/").getvalue().decode()
    text = page_text(client.get("/plenaries/9/"))
    assert (
        "Sources differ: Japan Local Government Centre (London), November 2010 gives "
        "7–9 November 2010 (counts the events held around the meeting) source. "
        "The record follows: The Tokyo Declaration and the press release give 8–9 November 2010."
        in text
    )
    assert 'href="/sources/2010-11-09-tokyo-declaration/"' in content
    release = client.get("/sources/2010-11-09-tokyo-declaration/")
    assert "Adoption of the Tokyo Declaration and Meeting Overview" in page_text(release)


def test_the_home_page_and_the_json_say_that_sources_differ_on_the_founding(client):
    text = page_text(client.get("/"))
    assert (
        "ANMC21, since 2001. [Tokyo Metropolitan Government, 9 November 2010]Sources differ: "
        "VietnamPlus (Vietnam News Agency), November 2010 gives August 2000" in text
    )
    network = json.loads(client.get("/data/anmc21-record.json").getvalue())["network"]
    assert network["founded_year"] == 2001
    assert [(c["source"], c["value"]) for c in network["sources"] if c["differs"]] == [
        ("2010-11-vietnamplus-asian-major-cities-plenary-tokyo", "2000-08")
    ]
