"""The synthetic record the scale benchmark builds: published, in proportion to the factor,
and its pages answer."""

import io

import pytest
from django.core.management import call_command

from declarations.models import Clause, Declaration
from plenaries.models import PlenaryMeeting

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("factor", [1, 3])
def test_scale_data_adds_published_records_in_proportion(client, factor):
    meetings, clauses = PlenaryMeeting.objects.count(), Clause.objects.count()
    call_command("make_scale_data", factor=factor, seed=7, stdout=io.StringIO())
    assert PlenaryMeeting.objects.count() - meetings == factor
    assert Clause.objects.count() - clauses == 100 * factor
    assert not PlenaryMeeting.objects.exclude(status="published").exclude(number=10).exists()
    newest = PlenaryMeeting.objects.order_by("-number").first()
    assert client.get(newest.get_absolute_url()).status_code == 200
    declaration = Declaration.objects.order_by("-pk").first()
    assert client.get(declaration.get_absolute_url()).status_code == 200
