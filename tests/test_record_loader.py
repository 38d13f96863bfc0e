"""The record loader: the shipped record is loaded once and safely again; a later meeting written
the same way loads onto it; a wrong file says where and why, and writes nothing."""

import textwrap

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from backoffice.loader import RecordFileError, load_records
from core.apps import record_apps
from declarations.models import Declaration
from plenaries.models import PlenaryMeeting

pytestmark = pytest.mark.django_db


def row_counts():
    labels = {config.label for config in record_apps()}
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in labels
    }


def write(tmp_path, text, name="11-busan-2012.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


LATER_MEETING = """
    cities:
      - slug: busan
        name: Busan
        country: Republic of Korea
        published: true
        memberships:
          - {status: observer, since: 2012}
    meetings:
      - number: 11
        host_city: seoul
        dates: 2012-10-10/2012-10-11
        published: true
        participations:
          - {city: seoul, role: host}
          - {city: tokyo, role: member}
          - {city: busan, role: observer, first_time: true}
        events:
          - {key: forum, name: Urban Forum, kind: seminar}
        outcomes:
          - kind: agreement
            event: forum
            text: It was agreed to hold an urban forum every year.
            projects: [crisis-management]
"""


def test_loading_the_record_again_changes_nothing():
    first = row_counts()
    assert load_records() == 0
    assert row_counts() == first


def test_reloading_does_not_overwrite_staff_edits():
    PlenaryMeeting.objects.filter(number=9).update(venue="Tokyo Metropolitan Government Building")
    call_command("load_record")
    assert PlenaryMeeting.objects.get(number=9).venue == "Tokyo Metropolitan Government Building"


def test_record_holds_the_meeting_history():
    numbers = set(PlenaryMeeting.objects.values_list("number", flat=True))
    assert {1, 9, 10} <= numbers
    announced = PlenaryMeeting.objects.get(number=10)
    assert announced.host_city.name == "Seoul"
    assert announced.year == 2011
    assert (announced.dates, announced.held) == ("2011", False)
    assert announced.announced_at.number == 9


def test_observer_is_not_a_signatory():
    declaration = Declaration.objects.get(slug="tokyo-declaration")
    signatories = set(declaration.signatories.values_list("name", flat=True))
    assert len(signatories) == 11
    assert "Tomsk" not in signatories
    assert declaration.clauses.count() == 5


def test_shipped_records_are_published_with_a_date_and_one_history_entry():
    meeting = PlenaryMeeting.objects.get(number=9)
    assert meeting.published_at is not None
    assert [h.history_type for h in meeting.history.all()] == ["+"]


def test_a_later_meeting_written_the_same_way_loads_onto_the_record(tmp_path, client):
    created = load_records([write(tmp_path, LATER_MEETING)])
    assert created == 1 + 1 + 1 + 3 + 1 + 1  # city, membership, meeting, 3 cities, event, outcome
    meeting = PlenaryMeeting.objects.get(number=11)
    assert meeting.published_at is not None
    assert [h.history_type for h in meeting.history.all()] == ["+"]
    assert sorted(meeting.participations.values_list("city__slug", "role")) == [
        ("busan", "observer"),
        ("seoul", "host"),
        ("tokyo", "member"),
    ]
    outcome = meeting.outcomes.get()
    assert outcome.related_event.name == "Urban Forum"
    assert list(outcome.joint_projects.values_list("slug", flat=True)) == ["crisis-management"]
    page = client.get("/plenaries/11/")
    assert page.status_code == 200
    assert "It was agreed to hold an urban forum every year." in page.content.decode()
    assert load_records([tmp_path]) == 0  # and again: nothing new


def test_a_file_naming_an_unknown_city_says_where_and_writes_nothing(tmp_path):
    path = write(tmp_path, LATER_MEETING.replace("{city: tokyo, role: member}", "{city: tokio}"))
    before = row_counts()
    with pytest.raises(RecordFileError) as error:
        load_records([path])
    assert str(error.value) == (
        f"{path}: meetings[0].participations[1]: no city with slug 'tokio'."
    )
    assert row_counts() == before


def test_a_file_breaking_a_rule_gets_the_rule_in_words(tmp_path):
    path = write(tmp_path, LATER_MEETING.replace("2012-10-10/2012-10-11", "2012-10-10/2012-10-01"))
    with pytest.raises(RecordFileError) as error:
        load_records([path])
    assert str(error.value).startswith(f"{path}: meetings[0]: ")
    assert "The end may not be before the start." in str(error.value)
    assert not PlenaryMeeting.objects.filter(number=11).exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("meetings: [\n", "cannot be read"),
        ("- just a list\n", "expected sections"),
        ("speeches: []\n", "unknown sections speeches"),
    ],
)
def test_a_file_that_is_not_a_record_file_is_refused_by_the_command(tmp_path, text, message):
    path = write(tmp_path, text, name="bad.yaml")
    with pytest.raises(CommandError, match=message):
        call_command("load_record", str(path))


def test_the_command_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="no such file or folder"):
        call_command("load_record", str(tmp_path / "missing.yaml"))
