"""Nothing goes public unapproved: an Editor's change to the public record waits, as one
revision, for a Publisher other than its author; the approved change is in the public change
log and on the page; a rejected one leaves the public record byte for byte as it was."""

import json

import pytest
from django.test import Client

from core.models import ChangeKind, PublicChange, Revision, RevisionStatus
from declarations.models import Clause, Declaration
from plenaries.models import City, Outcome, Participation, PlenaryMeeting

from .factories import InquiryContactFactory, MeetingFactory, PublisherFactory
from .helpers import admin_url, form_data, page_text, rows_of, sitemap_text

pytestmark = pytest.mark.django_db

CLAUSE_3 = "/declarations/tokyo-declaration/clauses/3/"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def change_clause_3(client, text):
    """On the Tokyo Declaration's page, change clause 3's text and save."""
    declaration = Declaration.objects.get(slug="tokyo-declaration")
    url = admin_url(Declaration, "change", declaration.pk)
    data = form_data(client.get(url))
    index = next(i for i, row in rows_of(data, "clauses").items() if row.get("number") == "3")
    data[f"clauses-{index}-text"] = text
    data = {key: value for key, value in data.items() if "__prefix__" not in key}
    return client.post(url, data)


def edit_the_ninth_meeting(client):
    """On the 9th Plenary's page: add Ulaanbaatar as an observer and remove the last outcome."""
    meeting = PlenaryMeeting.objects.get(number=9)
    url = admin_url(PlenaryMeeting, "change", meeting.pk)
    data = {k: v for k, v in form_data(client.get(url)).items() if "__prefix__" not in k}
    total = int(data["participations-TOTAL_FORMS"])
    data.update(
        {
            "participations-TOTAL_FORMS": str(total + 1),
            f"participations-{total}-city": str(City.objects.get(slug="ulaanbaatar").pk),
            f"participations-{total}-role": "observer",
            f"participations-{total}-attendance": "attended",
        }
    )
    # an outcome with no sub-points (removing one removes its sub-points too)
    leaf = str(meeting.outcomes.filter(children__isnull=True).order_by("pk").last().pk)
    index = next(i for i, row in rows_of(data, "outcomes").items() if row.get("id") == leaf)
    data[f"outcomes-{index}-DELETE"] = "on"
    return client.post(url, data)


@pytest.fixture
def ulaanbaatar():
    from .factories import CityFactory

    return CityFactory(name="Ulaanbaatar", slug="ulaanbaatar", country="Mongolia")


def test_an_editors_change_to_a_published_clause_waits_and_the_public_sees_the_approved_text(
    client, editor_client, editor
):
    before = client.get("/data/anmc21-record.json").getvalue()
    clause_page = page_text(client.get(CLAUSE_3))
    response = change_clause_3(editor_client, "We will share new technologies openly.")
    assert response.status_code == 302
    revision = Revision.objects.get()
    assert (revision.author, revision.status, revision.record_label) == (
        editor,
        RevisionStatus.PENDING,
        "Tokyo Declaration",
    )
    assert [
        (row["what"], row["field"], row["after"]) for row in revision.diff
    ] == [
        ("Clauses: Tokyo Declaration, clause 3", "text",
         "We will share new technologies openly."),
    ]  # fmt: skip
    # the public sees nothing of it
    assert page_text(client.get(CLAUSE_3)) == clause_page
    assert client.get("/data/anmc21-record.json").getvalue() == before
    # the editor is told, and finds it waiting on the record's page
    message = page_text(editor_client.get(response.url))
    assert "is waiting for review" in message


def test_a_meetings_edit_with_a_row_added_and_one_removed_is_one_revision(
    client, editor_client, ulaanbaatar
):
    meeting = PlenaryMeeting.objects.get(number=9)
    outcomes = meeting.outcomes.count()
    response = edit_the_ninth_meeting(editor_client)
    assert response.status_code == 302
    revision = Revision.objects.get()
    kinds = {(row["kind"], row["what"].split(":")[0]) for row in revision.diff}
    assert kinds == {("added", "Participations"), ("removed", "Outcomes")}
    assert meeting.outcomes.count() == outcomes
    assert not meeting.participations.filter(city=ulaanbaatar).exists()
    assert "Ulaanbaatar" not in page_text(client.get("/plenaries/9/"))


def test_a_publisher_sees_the_diff_and_approves_and_the_change_is_public_and_logged(
    client, editor_client, publisher_client, ulaanbaatar
):
    change_clause_3(editor_client, "We will share new technologies openly.")
    edit_the_ninth_meeting(editor_client)
    clause_revision, meeting_revision = Revision.objects.order_by("pk")
    review_page = publisher_client.get(admin_url(Revision, "change", clause_revision.pk))
    shown = page_text(review_page)
    assert 'name="_approve"' in review_page.getvalue().decode()
    assert "Tokyo Declaration, clause 3" in shown
    assert "<ins>openly.</ins>" in review_page.getvalue().decode()  # the words added, marked
    outcomes = Outcome.objects.filter(meeting__number=9).count()

    response = publisher_client.post(
        admin_url(Revision, "change", clause_revision.pk),
        {"_approve": "1", "summary": "Clause 3 corrected to the adopted wording."},
    )
    assert response.status_code == 302
    publisher_client.post(
        admin_url(Revision, "change", meeting_revision.pk),
        {"_approve": "1", "summary": "Ulaanbaatar added as an observer; a duplicate removed."},
    )

    assert "We will share new technologies openly." in page_text(client.get(CLAUSE_3))
    record = json.loads(client.get("/data/anmc21-record.json").getvalue())
    tokyo = next(d for d in record["declarations"] if d["slug"] == "tokyo-declaration")
    assert tokyo["clauses"][2]["text"] == "We will share new technologies openly."
    assert "Ulaanbaatar" in page_text(client.get("/plenaries/9/"))
    assert Outcome.objects.filter(meeting__number=9).count() == outcomes - 1
    assert Participation.objects.filter(meeting__number=9, city=ulaanbaatar).exists()

    log = page_text(client.get("/changes/"))
    assert "Clause 3 corrected to the adopted wording." in log
    entry = PublicChange.objects.get(summary="Clause 3 corrected to the adopted wording.")
    assert entry.kind == ChangeKind.CORRECTED
    assert entry.record_url == "/declarations/tokyo-declaration/"
    words = {op: text for op, text in entry.changes[0]["words"] if op != "="}
    assert words["+"].strip() == "openly."
    feed = client.get("/changes/feed/").getvalue().decode()
    assert "Clause 3 corrected to the adopted wording." in feed
    assert "&lt;ins&gt;" in feed  # the words added, marked up inside the entry's summary
    # the declaration's page says it was corrected, linking the entry
    page = client.get("/declarations/tokyo-declaration/").getvalue().decode()
    assert f'href="{entry.get_absolute_url()}"' in page
    assert "corrected" in page_text(client.get("/declarations/tokyo-declaration/"))


def test_the_earlier_wording_of_a_corrected_clause_stays_at_its_versioned_permalink(
    client, editor_client, publisher_client
):
    original = Clause.objects.get(declaration__slug="tokyo-declaration", number=3).text
    change_clause_3(editor_client, "We will share new technologies openly.")
    revision = Revision.objects.get()
    publisher_client.post(
        admin_url(Revision, "change", revision.pk), {"_approve": "1", "summary": "Corrected."}
    )
    first = page_text(client.get(CLAUSE_3 + "?version=1"))
    assert original in first
    assert "You are reading an earlier wording of this clause: version 1 of 2" in first
    current = page_text(client.get(CLAUSE_3))
    assert "We will share new technologies openly." in current
    assert "Version 1, from" in current  # the earlier wording, linked
    assert client.get(CLAUSE_3 + "?version=2").status_code == 200
    assert client.get(CLAUSE_3 + "?version=3").status_code == 404
    assert client.get(CLAUSE_3 + "?version=first").status_code == 404


def test_a_rejected_change_leaves_the_public_download_byte_for_byte_identical(
    client, editor_client, editor, publisher_client
):
    before = client.get("/data/anmc21-record.json").getvalue()
    change_clause_3(editor_client, "Words nobody adopted.")
    revision = Revision.objects.get()
    response = publisher_client.post(admin_url(Revision, "change", revision.pk), {"_reject": "1"})
    assert "Say why, for the author of the change." in page_text(response)
    publisher_client.post(
        admin_url(Revision, "change", revision.pk),
        {"_reject": "1", "reason": "The adopted text reads otherwise; see the press release."},
    )
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.REJECTED
    assert client.get("/data/anmc21-record.json").getvalue() == before
    assert not PublicChange.objects.filter(kind=ChangeKind.CORRECTED).exists()
    # the editor sees why, on their own list of changes
    mine = page_text(editor_client.get(admin_url(Revision, "change", revision.pk)))
    assert "The adopted text reads otherwise; see the press release." in mine


def test_nobody_approves_their_own_change(client, publisher_client, publisher):
    change_clause_3(publisher_client, "A publisher's own words.")
    revision = Revision.objects.get()  # a Publisher's own edit is a revision too
    assert revision.author == publisher
    page = publisher_client.get(admin_url(Revision, "change", revision.pk))
    assert 'name="_approve"' not in page.getvalue().decode()
    assert "another Publisher reviews it" in page_text(page)
    publisher_client.post(
        admin_url(Revision, "change", revision.pk), {"_approve": "1", "summary": "Mine."}
    )
    assert Revision.objects.get().status == RevisionStatus.PENDING
    assert "A publisher's own words." not in page_text(client.get(CLAUSE_3))
    other = client_for(PublisherFactory(username="second-publisher"))
    other.post(admin_url(Revision, "change", revision.pk), {"_approve": "1", "summary": "Ok."})
    assert "A publisher's own words." in page_text(client.get(CLAUSE_3))


def test_an_editor_sees_only_their_own_changes_and_cannot_approve(editor_client, editor):
    change_clause_3(editor_client, "An editor's words.")
    revision = Revision.objects.get()
    listing = editor_client.get(admin_url(Revision, "changelist") + "?status__exact=pending")
    assert "Tokyo Declaration" in page_text(listing)
    editor_client.post(
        admin_url(Revision, "change", revision.pk), {"_approve": "1", "summary": "Self."}
    )
    assert Revision.objects.get().status == RevisionStatus.PENDING


def test_a_change_made_from_an_older_version_no_longer_applies_and_writes_nothing(
    client, editor_client, publisher_client
):
    declaration = Declaration.objects.get(slug="tokyo-declaration")
    url = admin_url(Declaration, "change", declaration.pk)
    first, second = form_data(editor_client.get(url)), form_data(editor_client.get(url))
    for data, preamble in ((first, "First preamble."), (second, "Second preamble.")):
        data = {k: v for k, v in data.items() if "__prefix__" not in k}
        data["preamble"] = preamble
        assert editor_client.post(url, data).status_code == 302
    one, two = Revision.objects.order_by("pk")
    publisher_client.post(admin_url(Revision, "change", one.pk), {"_approve": "1", "summary": "1"})
    before = client.get("/data/anmc21-record.json").getvalue()
    response = publisher_client.post(
        admin_url(Revision, "change", two.pk), {"_approve": "1", "summary": "2"}, follow=True
    )
    assert "no longer applies" in page_text(response)
    two.refresh_from_db()
    assert two.status == RevisionStatus.OUTDATED
    assert client.get("/data/anmc21-record.json").getvalue() == before
    assert Declaration.objects.get(pk=declaration.pk).preamble == "First preamble."


def test_making_a_contact_public_waits_for_review(client, editor_client):
    contact = InquiryContactFactory(person="Hidden Person", is_public=False)
    url = admin_url(contact, "change", contact.pk)
    data = {k: v for k, v in form_data(editor_client.get(url)).items() if "__prefix__" not in k}
    data["is_public"] = "on"
    assert editor_client.post(url, data).status_code == 302
    assert Revision.objects.get().record_label == str(contact)
    assert "Hidden Person" not in page_text(client.get("/contacts/"))


def test_an_editors_change_to_a_draft_is_saved_at_once(editor_client):
    meeting = MeetingFactory(number=12, status="draft", venue="First venue")
    url = admin_url(PlenaryMeeting, "change", meeting.pk)
    data = {k: v for k, v in form_data(editor_client.get(url)).items() if "__prefix__" not in k}
    data["venue"] = "Second venue"
    assert editor_client.post(url, data).status_code == 302
    assert PlenaryMeeting.objects.get(pk=meeting.pk).venue == "Second venue"
    assert not Revision.objects.exists()


def test_public_rows_are_not_deleted_in_bulk(publisher_client):
    outcomes = list(Outcome.objects.filter(meeting__number=9)[:2])
    response = publisher_client.post(
        admin_url(Outcome, "changelist"),
        {"action": "delete_selected", "_selected_action": [o.pk for o in outcomes], "post": "yes"},
        follow=True,
    )
    assert "Nothing was deleted" in page_text(response)
    assert Outcome.objects.filter(pk__in=[o.pk for o in outcomes]).count() == 2


def test_first_publications_are_in_the_change_log(client):
    log = page_text(client.get("/changes/"))
    assert "First published · Tokyo Declaration" in log
    page = page_text(client.get("/declarations/tokyo-declaration/"))
    assert "First published" in page


def test_a_withdrawn_declaration_is_gone_from_every_public_listing(client, publisher_client):
    declaration = Declaration.objects.get(slug="tokyo-declaration")
    publisher_client.post(
        admin_url(Declaration, "changelist"),
        {
            "action": "withdraw_selected",
            "_selected_action": [declaration.pk],
            "_confirmed": "1",
            "summary": "Withdrawn while its text is checked against the original.",
        },
    )
    page = client.get("/declarations/tokyo-declaration/")
    assert page.status_code == 410
    assert "Withdrawn while its text is checked against the original." in page.getvalue().decode()
    assert client.get(CLAUSE_3).status_code == 410
    assert client.get("/declarations/tokyo-declaration.json").status_code == 410
    assert "/declarations/tokyo-declaration/" not in sitemap_text(client)
    assert "Tokyo Declaration" not in page_text(client.get("/declarations/"))
    assert "tokyo-declaration" not in client.get("/feeds/declarations/").getvalue().decode()
    record = json.loads(client.get("/data/anmc21-record.json").getvalue())
    assert not [d for d in record["declarations"] if d["slug"] == "tokyo-declaration"]
    results = page_text(client.get("/search/", {"q": "technologies"}))
    assert "Tokyo Declaration, clause" not in results
    assert "Withdrawn · Tokyo Declaration" in page_text(client.get("/changes/"))


def test_saving_a_public_page_unchanged_holds_nothing(editor_client):
    declaration = Declaration.objects.get(slug="tokyo-declaration")
    url = admin_url(Declaration, "change", declaration.pk)
    data = {k: v for k, v in form_data(editor_client.get(url)).items() if "__prefix__" not in k}
    # as a browser sends a text box: line breaks as CR LF
    data = {k: v.replace("\n", "\r\n") if isinstance(v, str) else v for k, v in data.items()}
    assert editor_client.post(url, data).status_code == 302
    assert not Revision.objects.exists()
