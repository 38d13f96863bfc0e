"""Staff can find, add and change records in the admin."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from contacts.models import InquiryContact, OrganisationUnit
from core.admin import VersionedAdminMixin, VersionedInlineMixin
from core.apps import record_apps
from core.models import Versioned
from declarations.models import Clause, Declaration
from plenaries.models import (
    City,
    JointProject,
    Membership,
    Network,
    Participation,
    PlenaryMeeting,
    Source,
    Topic,
)

from .factories import (
    CityFactory,
    ClauseFactory,
    DeclarationFactory,
    InquiryContactFactory,
    JointProjectFactory,
    MeetingFactory,
    OrganisationUnitFactory,
    OutcomeFactory,
    ParticipationFactory,
    RelatedEventFactory,
    SourceFactory,
    StaffFactory,
    TopicFactory,
)
from .helpers import admin_url, approve_pending, form_data

pytestmark = pytest.mark.django_db

MODELS = [
    Network, City, Membership, Topic, PlenaryMeeting, JointProject, Source,
    Declaration, Clause, OrganisationUnit, InquiryContact,
]  # fmt: skip


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_search_and_add_pages_answer(staff_client, model):
    assert staff_client.get(admin_url(model, "changelist")).status_code == 200
    assert staff_client.get(admin_url(model, "changelist"), {"q": "Tokyo"}).status_code == 200
    assert staff_client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_change_page_answers_for_a_seeded_record(staff_client, model):
    obj = model.objects.first()
    assert staff_client.get(admin_url(model, "change", obj.pk)).status_code == 200


def test_city_autocomplete_finds_by_name(staff_client):
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


# The prefix of the sources-cited rows on a record's admin page.
CITATIONS = "plenaries-citation-content_type-object_id"


def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def meeting_form(**fields):
    """The meeting add form, for the 11th meeting (after the shipped 1st, 9th and 10th)."""
    data = {
        "number": "11",
        "dates": "2012",
        "held": "on",
        "status": "draft",
        "venue": "",
        "summary": "",
        **inline_management("participations"),
        **inline_management("outcomes"),
        **inline_management("events"),
        **inline_management(CITATIONS),
    }
    data.update(fields)
    return data


def test_staff_adds_a_meeting_with_two_participations_in_one_form(staff_client, staff_user):
    seoul, tokyo = City.objects.get(slug="seoul"), City.objects.get(slug="tokyo")
    data = meeting_form(
        host_city=str(seoul.pk),
        dates="2012-10-05/2012-10-06",
        **inline_management("participations", total=2),
        **{
            "participations-0-city": str(seoul.pk),
            "participations-0-role": "host",
            "participations-0-attendance": "attended",
            "participations-1-city": str(tokyo.pk),
            "participations-1-role": "member",
            "participations-1-attendance": "attended",
        },
    )
    response = staff_client.post(admin_url(PlenaryMeeting, "add"), data)
    assert response.status_code == 302, response.context["errors"]
    meeting = PlenaryMeeting.objects.get(number=11)
    assert set(meeting.participations.values_list("city__name", "role")) == {
        ("Seoul", "host"),
        ("Tokyo", "member"),
    }
    # the rows entered inline are in the history too, with who entered them
    assert set(
        Participation.history.filter(meeting_id=meeting.pk).values_list("history_user", flat=True)
    ) == {staff_user.pk}


def test_second_host_in_the_form_is_refused_with_a_message(staff_client):
    seoul, tokyo = City.objects.get(slug="seoul"), City.objects.get(slug="tokyo")
    data = meeting_form(
        host_city=str(seoul.pk),
        **inline_management("participations", total=2),
        **{
            "participations-0-city": str(seoul.pk),
            "participations-0-role": "host",
            "participations-0-attendance": "attended",
            "participations-1-city": str(tokyo.pk),
            "participations-1-role": "host",
            "participations-1-attendance": "attended",
        },
    )
    response = staff_client.post(admin_url(PlenaryMeeting, "add"), data)
    assert response.status_code == 200
    assert "A meeting has only one host." in response.content.decode()
    assert not PlenaryMeeting.objects.filter(number=11).exists()
    assert not Participation.objects.filter(meeting__number=11).exists()


def test_staff_completes_the_announced_10th_meeting(staff_client):
    meeting = PlenaryMeeting.objects.get(number=10)
    seoul = City.objects.get(name="Seoul")
    bangkok = City.objects.get(name="Bangkok")
    data = meeting_form(
        host_city=str(seoul.pk),
        status="published",
        number="10",
        dates="2011-10-26/2011-10-27",
        venue="Seoul City Hall",
        opened_version=str(meeting.version),
        **inline_management("participations", total=2),
        **inline_management("outcomes", total=1),
        **{
            "participations-0-city": str(seoul.pk),
            "participations-0-role": "host",
            "participations-0-attendance": "attended",
            "participations-1-city": str(bangkok.pk),
            "participations-1-role": "member",
            "participations-1-attendance": "attended",
            "outcomes-0-order": "1",
            "outcomes-0-kind": "decision",
            "outcomes-0-text": "The Seoul Declaration was adopted.",
        },
    )
    response = staff_client.post(admin_url(PlenaryMeeting, "change", meeting.pk), data)
    assert response.status_code == 302, response.context["errors"]
    # the 10th is public: the completed record waits for a Publisher, as one change
    meeting.refresh_from_db()
    assert meeting.dates == "2011"
    approve_pending()
    meeting.refresh_from_db()
    assert (meeting.dates, meeting.dates_earliest.isoformat()) == (
        "2011-10-26/2011-10-27",
        "2011-10-26",
    )
    assert meeting.participations.count() == 2
    assert meeting.outcomes.get().text == "The Seoul Declaration was adopted."


def test_meeting_ending_before_start_gets_a_form_error(staff_client):
    seoul = City.objects.get(slug="seoul")
    data = meeting_form(host_city=str(seoul.pk), dates="2012-10-06/2012-10-05")
    response = staff_client.post(admin_url(PlenaryMeeting, "add"), data)
    assert response.status_code == 200
    assert "The end may not be before the start." in response.content.decode()
    assert not PlenaryMeeting.objects.filter(number=11).exists()


def test_taken_meeting_number_gets_a_form_error(staff_client):
    data = meeting_form(number="10", host_city=str(CityFactory().pk))
    response = staff_client.post(admin_url(PlenaryMeeting, "add"), data)
    assert response.status_code == 200
    assert "Plenary meeting with this Number already exists." in response.content.decode()


# --- History: who changed what, and reverting ------------------------------------------------


def test_history_records_each_change_with_the_user(staff_client, staff_user):
    meeting = MeetingFactory(venue="First venue", status="draft")
    data = meeting_form(
        number=str(meeting.number),
        host_city=str(meeting.host_city_id),
        dates=meeting.dates,
        venue="Second venue",
        summary=meeting.summary,
        opened_version=str(meeting.version),
    )
    response = staff_client.post(admin_url(PlenaryMeeting, "change", meeting.pk), data)
    assert response.status_code == 302, response.context["errors"]
    latest, first = meeting.history.all()[:2]
    assert (latest.venue, latest.history_user, latest.history_type) == (
        "Second venue",
        staff_user,
        "~",
    )
    # The English is kept in the field's own column and in its English one (venue_en).
    changes = [change.field for change in latest.diff_against(first).changes]
    assert changes == ["venue", "venue_en"]
    history_page = staff_client.get(admin_url(PlenaryMeeting, "history", meeting.pk))
    assert "Second venue" in history_page.content.decode()
    assert "secretariat" in history_page.content.decode()


def test_reverting_restores_the_old_values(staff_client, staff_user):
    city = CityFactory(name="Irkutsk", country="Russia", description="Observer city.")
    first = city.history.latest()
    city.description, city.country = "Changed by mistake.", "Unknown"
    city.save()
    url = reverse("admin:plenaries_city_simple_history", args=(city.pk, first.history_id))
    form = staff_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    response = staff_client.post(url, {k: v for k, v in data.items() if v is not None})
    assert response.status_code == 302, response.context["errors"]
    approve_pending()  # the city is public: the revert waits for a Publisher
    city.refresh_from_db()
    assert (city.description, city.country) == ("Observer city.", "Russia")
    assert city.history.latest().history_user == staff_user


def test_deleting_a_meeting_keeps_its_history_and_its_parts_history(staff_client):
    meeting = MeetingFactory(number=42)
    ParticipationFactory(meeting=meeting)
    response = staff_client.post(admin_url(PlenaryMeeting, "delete", meeting.pk), {"post": "yes"})
    assert response.status_code == 302
    assert PlenaryMeeting.objects.filter(number=42).exists()  # public: the removal is reviewed
    approve_pending()
    assert not PlenaryMeeting.objects.filter(number=42).exists()
    history = PlenaryMeeting.history.filter(number=42)
    assert list(history.values_list("history_type", flat=True)) == ["-", "+"]
    assert Participation.history.filter(meeting_id=meeting.pk, history_type="-").exists()
    # and the admin still shows it, to restore it from
    assert staff_client.get(admin_url(PlenaryMeeting, "history", meeting.pk)).status_code == 200


# --- No lost edits ---------------------------------------------------------------------------


def submitted(page, **changes):
    """What a browser sends back from an admin change page as it was opened: the record's form
    and every inline row (with the hidden version and time each was opened at), with `changes`."""
    forms, data = [page.context["adminform"].form], {}
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data |= {
            management.add_prefix(name): management[name].value() for name in management.fields
        }
        forms.extend(inline.formset.forms)
    for form in forms:
        for name in form.fields:
            if form[name].value() is not None:
                data[form.add_prefix(name)] = form[name].value()
    return data | changes


def colleague():
    """Another member of staff, who edits the same records meanwhile."""
    client = Client()
    client.force_login(StaffFactory(username="editor2"))
    return client


def saves(client, model, record, **changes):
    """Open a record's change page, change it and save it, as staff do."""
    url = admin_url(model, "change", record.pk)
    response = client.post(url, submitted(client.get(url), **changes))
    assert response.status_code == 302, response.context["errors"]
    approve_pending()


def at(record):
    """When its latest change was made, as a refusal tells it (the tests run within the day)."""
    return date_format(timezone.localtime(record.history.latest().history_date), "H:i")


def row_errors(response, inline=0):
    """The messages at each row of an inline on a page sent back with errors."""
    return [
        form.non_field_errors()
        for form in response.context["inline_admin_formsets"][inline].formset
    ]


def test_a_stale_save_is_refused_with_a_message_and_keeps_the_first(staff_client):
    meeting = MeetingFactory(venue="Venue as opened", status="draft")
    url = admin_url(PlenaryMeeting, "change", meeting.pk)
    mine = staff_client.get(url)
    saves(colleague(), PlenaryMeeting, meeting, venue="Colleague's venue")
    second = staff_client.post(url, submitted(mine, venue="My venue"))
    assert second.status_code == 200
    assert (
        "Someone else changed this plenary meeting since you opened the page: "
        f"editor2 at {at(meeting)} changed venue. Your changes were not saved: reload the page "
        "to see theirs, then make yours again."
    ) in second.context["adminform"].form.non_field_errors()
    meeting.refresh_from_db()
    assert meeting.venue == "Colleague's venue"


def test_every_record_editable_in_the_admin_refuses_a_stale_save_inline_or_not():
    record = {config.label for config in record_apps()}
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in record:
            continue
        assert issubclass(model, Versioned), model
        assert "version" not in {f.name for f in model.history.model._meta.fields}, model
        assert isinstance(model_admin, VersionedAdminMixin), model_admin
        for inline in model_admin.inlines:
            assert issubclass(inline, VersionedInlineMixin), inline
            assert issubclass(inline.model, Versioned), inline.model


def test_each_inline_row_carries_its_version_and_saving_leaves_untouched_rows_alone(
    staff_client,
):
    clause = ClauseFactory(text="Kept as it is.")
    declaration = clause.declaration
    page = staff_client.get(admin_url(Declaration, "change", declaration.pk))
    row = page.context["inline_admin_formsets"][0].formset.forms[0]
    assert (row["opened_version"].value(), bool(row["opened_at"].value())) == (1, True)
    response = staff_client.post(
        admin_url(Declaration, "change", declaration.pk),
        submitted(page, preamble="A new preamble."),
    )
    assert response.status_code == 302, response.context["errors"]
    assert Clause.objects.get(pk=clause.pk).version == 1
    assert clause.history.count() == 1


def test_a_clause_changed_on_its_own_page_is_not_reverted_by_its_declarations_page(
    staff_client,
):
    clause = ClauseFactory(text="As adopted.")
    declaration = clause.declaration
    url = admin_url(Declaration, "change", declaration.pk)
    mine = staff_client.get(url)
    saves(colleague(), Clause, clause, text="As corrected.")
    response = staff_client.post(url, submitted(mine, preamble="My new preamble."))
    assert response.status_code == 200
    assert row_errors(response) == [
        [
            "Someone else changed this clause since you opened the page: "
            f"editor2 at {at(clause)} changed text. Your changes were not saved: reload the "
            "page to see theirs, then make yours again."
        ]
    ]
    clause.refresh_from_db()
    assert clause.text == "As corrected."
    # nothing of the page was saved
    assert Declaration.objects.get(pk=declaration.pk).preamble == declaration.preamble


def test_a_participation_changed_on_its_own_page_is_refused_at_its_row_on_the_meeting_page(
    staff_client,
):
    meeting = MeetingFactory(status="draft")
    changed = ParticipationFactory(meeting=meeting, city__name="Aaa City", note="")
    ParticipationFactory(meeting=meeting, city__name="Bbb City")
    url = admin_url(PlenaryMeeting, "change", meeting.pk)
    mine = staff_client.get(url)
    saves(colleague(), Participation, changed, role="observer", note="Sent an observer.")
    response = staff_client.post(url, submitted(mine, venue="My venue"))
    assert response.status_code == 200
    first, second = row_errors(response)
    assert first == [
        "Someone else changed this participation since you opened the page: "
        f"editor2 at {at(changed)} changed role and note. Your changes were not saved: reload "
        "the page to see theirs, then make yours again."
    ]
    assert not second
    changed.refresh_from_db()
    assert (changed.role, changed.note) == ("observer", "Sent an observer.")
    assert PlenaryMeeting.objects.get(pk=meeting.pk).venue == meeting.venue


@pytest.mark.parametrize(
    ("model", "field"),
    [(Topic, "name"), (OrganisationUnit, "name"), (Network, "description")],
    ids=lambda v: getattr(v, "__name__", v),
)
def test_topic_unit_and_network_pages_refuse_a_stale_save(staff_client, model, field):
    record = {
        Topic: TopicFactory,
        OrganisationUnit: OrganisationUnitFactory,
        Network: Network.objects.main,
    }[model]()
    url = admin_url(model, "change", record.pk)
    mine = staff_client.get(url)
    saves(colleague(), model, record, **{field: "Their words"})
    response = staff_client.post(url, submitted(mine, **{field: "My words"}))
    assert response.status_code == 200
    assert (
        f"Someone else changed this {model._meta.verbose_name} since you opened the page: "
        f"editor2 at {at(record)} changed {field}."
    ) in response.context["adminform"].form.non_field_errors()[0]
    assert getattr(model.objects.get(pk=record.pk), field) == "Their words"


def test_removing_a_row_someone_changed_meanwhile_is_refused(staff_client):
    clause = ClauseFactory(text="As adopted.")
    url = admin_url(Declaration, "change", clause.declaration_id)
    mine = staff_client.get(url)
    saves(colleague(), Clause, clause, text="As corrected.")
    response = staff_client.post(url, submitted(mine, **{"clauses-0-DELETE": "on"}))
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert "A row you removed was changed by someone else" in formset.non_form_errors()[0]
    assert f"editor2 at {at(clause)} changed text" in row_errors(response)[0][0]
    assert Clause.objects.get(pk=clause.pk).text == "As corrected."


def test_changing_a_row_someone_deleted_meanwhile_is_refused(staff_client):
    clause = ClauseFactory(text="As adopted.")
    declaration = clause.declaration
    url = admin_url(Declaration, "change", declaration.pk)
    mine = staff_client.get(url)
    deleted = colleague().post(admin_url(Clause, "delete", clause.pk), {"post": "yes"})
    assert deleted.status_code == 302
    approve_pending()
    response = staff_client.post(url, submitted(mine, **{"clauses-0-text": "As I would have it."}))
    assert response.status_code == 200
    # the row is gone from the page, so the message names it above the clauses
    assert response.context["inline_admin_formsets"][0].formset.non_form_errors() == [
        f"Someone else deleted the clause “{declaration.title}, clause {clause.number}” since "
        f"you opened the page: editor2 deleted it at {at(clause)}. Your changes were not saved: "
        "reload the page to see theirs, then make yours again."
    ]
    assert not declaration.clauses.exists()


def test_a_save_that_loses_the_race_after_validation_is_refused_without_a_500(
    staff_client, monkeypatch
):
    contact = InquiryContactFactory(person="Mikiko Yoshimura")
    url = admin_url(InquiryContact, "change", contact.pk)
    form = staff_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["topics"] = []
    data["email"] = "changed@example.org"
    # Another save lands between the form's check and the write.
    from core.forms import VersionedForm

    original_clean = VersionedForm.clean

    def clean_then_someone_saves(self):
        cleaned = original_clean(self)
        InquiryContact.objects.get(pk=contact.pk).save()
        return cleaned

    monkeypatch.setattr(VersionedForm, "clean", clean_then_someone_saves)
    response = staff_client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    assert InquiryContact.objects.get(pk=contact.pk).email == ""


def test_a_row_saved_by_someone_else_after_the_check_rolls_the_whole_page_back(
    staff_client, monkeypatch
):
    clause = ClauseFactory(text="As adopted.")
    declaration = clause.declaration
    url = admin_url(Declaration, "change", declaration.pk)
    mine = submitted(
        staff_client.get(url), preamble="My new preamble.", **{"clauses-0-text": "Mine."}
    )
    # Another save of the clause lands between the page's checks and its writes.
    from core.forms import VersionedFormSetMixin

    original_clean = VersionedFormSetMixin.clean

    def clean_then_someone_saves(self):
        original_clean(self)
        Clause.objects.get(pk=clause.pk).save()

    monkeypatch.setattr(VersionedFormSetMixin, "clean", clean_then_someone_saves)
    response = staff_client.post(url, mine, follow=True)
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    assert Clause.objects.get(pk=clause.pk).text == "As adopted."
    assert Declaration.objects.get(pk=declaration.pk).preamble == declaration.preamble


# --- Validation with clear messages ------------------------------------------------------------


def declaration_form(meeting, **fields):
    return {
        "title": "Seoul Declaration",
        "slug": "seoul-declaration",
        "meeting": str(meeting.pk),
        "adopted": meeting.dates_latest.isoformat(),
        "adopted_in": str(meeting.host_city_id),
        "preamble": "We, the representatives of the member cities...",
        "status": "draft",
        **inline_management("clauses"),
        **inline_management(CITATIONS),
        **fields,
    }


def test_an_observer_listed_as_a_signatory_is_refused(staff_client):
    meeting = MeetingFactory()
    member = ParticipationFactory(meeting=meeting, role="member").city
    observer = ParticipationFactory(meeting=meeting, role="observer", city__name="Irkutsk").city
    data = declaration_form(meeting, signatories=[str(member.pk), str(observer.pk)])
    response = staff_client.post(admin_url(Declaration, "add"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Only member cities taking part in the meeting sign: Irkutsk." in content
    assert not Declaration.objects.filter(meeting=meeting).exists()


def test_a_clause_number_used_twice_is_refused(staff_client):
    meeting = MeetingFactory()
    data = declaration_form(
        meeting,
        **inline_management("clauses", total=2),
        **{
            "clauses-0-number": "1",
            "clauses-0-text": "First.",
            "clauses-1-number": "1",
            "clauses-1-text": "Also first.",
        },
    )
    response = staff_client.post(admin_url(Declaration, "add"), data)
    assert response.status_code == 200
    assert "Please correct the duplicate data for number" in response.content.decode()
    assert not Declaration.objects.filter(meeting=meeting).exists()
    assert not Clause.objects.filter(text__in=["First.", "Also first."]).exists()


def test_a_phone_that_is_not_a_phone_number_is_refused(staff_client):
    unit = OrganisationUnit.objects.get(name="International Affairs Division")
    data = {"person": "A. Person", "unit": str(unit.pk), "phone": "12", "phone_region": "JP"}
    data |= {"language": "ja"}
    response = staff_client.post(admin_url(InquiryContact, "add"), data)
    assert response.status_code == 200
    assert "is not a valid phone number" in response.content.decode()
    assert not InquiryContact.objects.filter(person="A. Person").exists()


# --- Safe deletes ------------------------------------------------------------------------------


def test_deleting_a_city_with_participations_is_refused_with_the_reason(staff_client):
    participation = ParticipationFactory(city__name="Hue")
    url = admin_url(City, "delete", participation.city_id)
    response = staff_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "would require deleting the following protected related objects" in content
    assert "Hue — Member" in content
    assert City.objects.filter(pk=participation.city_id).exists()


def test_deleting_a_contact_on_a_press_release_is_refused_with_the_reason(staff_client):
    contact = InquiryContactFactory(person="Aiko Sato")
    release = SourceFactory(title="Adoption of the Osaka Declaration")
    release.contacts.add(contact)
    response = staff_client.post(admin_url(InquiryContact, "delete", contact.pk), {"post": "yes"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "would require deleting the following protected related objects" in content
    assert "Adoption of the Osaka Declaration" in content
    assert InquiryContact.objects.filter(pk=contact.pk).exists()


def test_deleting_contacts_in_bulk_spares_none_that_a_press_release_names(staff_client):
    # Contacts not shown publicly: public ones are removed one by one, for review.
    named, free = InquiryContactFactory(is_public=False), InquiryContactFactory(is_public=False)
    SourceFactory().contacts.add(named)
    response = staff_client.post(
        admin_url(InquiryContact, "changelist"),
        {"action": "delete_selected", "_selected_action": [named.pk, free.pk], "post": "yes"},
    )
    assert response.status_code == 200
    assert InquiryContact.objects.filter(pk__in=[named.pk, free.pk]).count() == 2


# --- Fast entry --------------------------------------------------------------------------------


def test_save_as_new_starts_the_next_meeting_with_the_same_cities(staff_client):
    meeting = MeetingFactory(number=11, year=2012, status="draft")
    participation = ParticipationFactory(meeting=meeting, role="member")
    OutcomeFactory(meeting=meeting)
    data = meeting_form(
        _saveasnew="Save as new",
        number="12",
        dates="2013",
        host_city=str(meeting.host_city_id),
        opened_version=str(meeting.version),
        **inline_management("participations", total=1, initial=1),
        **{
            "participations-0-id": str(participation.pk),
            "participations-0-meeting": str(meeting.pk),
            "participations-0-city": str(participation.city_id),
            "participations-0-role": "member",
            "participations-0-attendance": "attended",
        },
    )
    response = staff_client.post(admin_url(PlenaryMeeting, "change", meeting.pk), data)
    assert response.status_code == 302, response.context["errors"]
    new = PlenaryMeeting.objects.get(number=12)
    # the cities carry over, and the host city takes part as the host
    assert set(new.participations.values_list("city", "role")) == {
        (participation.city_id, "member"),
        (meeting.host_city_id, "host"),
    }
    assert not new.outcomes.exists()
    assert meeting.participations.count() == 1


def test_change_pages_link_to_the_public_page(staff_client):
    meeting = PlenaryMeeting.objects.get(number=9)
    content = staff_client.get(admin_url(PlenaryMeeting, "change", meeting.pk)).content.decode()
    assert "View on site" in content


def test_meeting_change_page_query_count_does_not_grow_with_its_rows(
    staff_client, django_assert_max_num_queries
):
    small = MeetingFactory(number=30)
    big = MeetingFactory(number=31)
    for meeting, rows in ((small, 1), (big, 12)):
        for _ in range(rows):
            ParticipationFactory(meeting=meeting)
            OutcomeFactory(meeting=meeting)
            RelatedEventFactory(meeting=meeting)
    with django_assert_max_num_queries(60) as small_queries:
        small_page = staff_client.get(admin_url(PlenaryMeeting, "change", small.pk))
    with django_assert_max_num_queries(len(small_queries) + 2):
        big_page = staff_client.get(admin_url(PlenaryMeeting, "change", big.pk))
    assert (small_page.status_code, big_page.status_code) == (200, 200)
    # the big page really shows its twelve rows of each kind
    assert big_page.context["inline_admin_formsets"][0].formset.total_form_count() == 12


def test_declaration_change_page_query_count_does_not_grow_with_its_clauses(
    staff_client, django_assert_max_num_queries
):
    small, big = DeclarationFactory(), DeclarationFactory()
    topic, project = TopicFactory(), JointProjectFactory()
    for declaration, clauses in ((small, 1), (big, 10)):
        for _ in range(clauses):
            clause = ClauseFactory(declaration=declaration)
            clause.topics.add(topic)
            clause.joint_projects.add(project)
            clause.meetings_named.add(declaration.meeting)
    with django_assert_max_num_queries(40) as small_queries:
        small_page = staff_client.get(admin_url(Declaration, "change", small.pk))
    with django_assert_max_num_queries(len(small_queries)):
        big_page = staff_client.get(admin_url(Declaration, "change", big.pk))
    assert (small_page.status_code, big_page.status_code) == (200, 200)
    assert big_page.context["inline_admin_formsets"][0].formset.total_form_count() == 10


def test_history_keeps_a_declarations_signatories_and_a_revert_restores_them(
    staff_client, staff_user
):
    meeting = MeetingFactory()
    seoul = ParticipationFactory(meeting=meeting, city__name="Busan").city
    tokyo = ParticipationFactory(meeting=meeting, city__name="Osaka").city
    declaration = DeclarationFactory(meeting=meeting, status="draft")
    declaration.signatories.set([seoul, tokyo])
    both = declaration.history.latest()
    declaration.signatories.set([seoul])
    assert [c.field for c in declaration.history.latest().diff_against(both).changes] == [
        "signatories"
    ]

    url = reverse(
        "admin:declarations_declaration_simple_history", args=(declaration.pk, both.history_id)
    )
    form = staff_client.get(url).context["adminform"].form
    assert sorted(form["signatories"].value()) == sorted([seoul.pk, tokyo.pk])
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data |= inline_management("clauses")
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert set(declaration.signatories.all()) == {seoul, tokyo}
    assert declaration.history.latest().history_user == staff_user


def test_meeting_list_filters_by_status_year_and_the_cities_that_hosted(staff_client):
    # The shipped record: Tokyo hosted the 1st and 9th, Seoul the announced 10th.
    MeetingFactory(number=11, year=2012, host_city__name="Busan", status="draft")
    CityFactory(name="Osaka")  # never hosted: not offered as a filter
    url = admin_url(PlenaryMeeting, "changelist")
    response = staff_client.get(url)
    filters = {spec.title: spec for spec in response.context["cl"].filter_specs}
    assert [choice["display"] for choice in filters["host city"].choices(response.context["cl"])][
        1:
    ] == ["Busan", "Seoul", "Tokyo"]
    drafts = staff_client.get(url, {"status__exact": "draft", "year": "2012"})
    assert [m.number for m in drafts.context["cl"].result_list] == [11]


def test_saving_the_ninth_meetings_page_unchanged_keeps_every_row(staff_client):
    """The shipped meeting's page, with its twelve participations, nested outcomes and events,
    saves as it is: each row's pickers are checked without a query per row (django-zeal)."""
    meeting = PlenaryMeeting.objects.get(number=9)
    before = {
        "participations": sorted(meeting.participations.values_list("city__slug", "role")),
        "outcomes": sorted(meeting.outcomes.values_list("text", "parent__text", "related_event")),
        "events": sorted(meeting.events.values_list("name", "parent__name")),
    }
    url = admin_url(PlenaryMeeting, "change", meeting.pk)
    response = staff_client.post(url, form_data(staff_client.get(url)))
    assert response.status_code == 302, response.context["errors"]
    assert {
        "participations": sorted(meeting.participations.values_list("city__slug", "role")),
        "outcomes": sorted(meeting.outcomes.values_list("text", "parent__text", "related_event")),
        "events": sorted(meeting.events.values_list("name", "parent__name")),
    } == before
