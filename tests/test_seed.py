"""The shipped record loads completely, and loading it again changes nothing."""

import pytest
from django.apps import apps
from django.core.management import call_command

from backoffice.loader import load_records as load_record
from declarations.models import Declaration
from plenaries.models import PlenaryMeeting

pytestmark = pytest.mark.django_db


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"plenaries", "declarations", "contacts"}
    }


def test_loading_the_record_twice_leaves_the_same_rows():
    assert load_record() > 0
    first = row_counts()
    assert load_record() == 0
    assert row_counts() == first


def test_reloading_does_not_overwrite_staff_edits(record):
    PlenaryMeeting.objects.filter(number=9).update(venue="Tokyo Metropolitan Government Building")
    call_command("load_record")
    assert PlenaryMeeting.objects.get(number=9).venue == "Tokyo Metropolitan Government Building"


def test_record_holds_the_meeting_history(record):
    numbers = set(PlenaryMeeting.objects.values_list("number", flat=True))
    assert {1, 9, 10} <= numbers
    announced = PlenaryMeeting.objects.get(number=10)
    assert announced.host_city.name == "Seoul"
    assert announced.year == 2011
    assert announced.start_date is None


def test_observer_is_not_a_signatory(record):
    declaration = Declaration.objects.get(slug="tokyo-declaration")
    signatories = set(declaration.signatories.values_list("name", flat=True))
    assert len(signatories) == 11
    assert "Tomsk" not in signatories
    assert declaration.clauses.count() == 5


def test_shipped_records_are_published_with_a_date_and_one_history_entry(record):
    meeting = PlenaryMeeting.objects.get(number=9)
    assert meeting.published_at is not None
    assert [h.history_type for h in meeting.history.all()] == ["+"]
