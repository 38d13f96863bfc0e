"""A backup of the whole record restores into an empty database row for row."""

import io
import json

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command

from core.backup import FORMAT_VERSION, export_record, record_models, restore_record
from core.services import record_publish
from declarations.models import Declaration
from plenaries.models import PlenaryMeeting

from .factories import InquiryContactFactory, MeetingFactory, StaffFactory

pytestmark = pytest.mark.django_db


def every_row():
    rows = {
        model._meta.label_lower: list(model._default_manager.order_by("pk").values())
        for model in record_models()
    }
    # Content types are matched by name too: a citation points at a kind of record.
    kinds = dict(ContentType.objects.values_list("pk", "model"))
    for label in ("plenaries.citation", "plenaries.historicalcitation"):
        for row in rows[label]:
            row["content_type_id"] = kinds[row["content_type_id"]]
    # Groups are matched by name (migrate recreates them), so compare them without their keys.
    rows["auth.group"] = sorted(
        (group.name, sorted(group.permissions.values_list("codename", flat=True)))
        for group in Group.objects.all()
    )
    return rows


# Empties the database on the way, so it runs outside a transaction.
@pytest.mark.django_db(transaction=True)
def test_export_flush_restore_gives_back_every_row(tmp_path):
    publisher = StaffFactory(username="publisher")
    meeting = PlenaryMeeting.objects.get(number=9)
    record_publish(record=meeting, by=publisher)
    InquiryContactFactory(person="Private contact", is_public=False)
    before = every_row()
    m2m_before = sorted(
        Declaration.objects.get(slug="tokyo-declaration").signatories.values_list("pk", flat=True)
    )

    path = tmp_path / "backup.json"
    call_command("export_record", output=str(path), stderr=io.StringIO())
    call_command("flush", interactive=False)
    assert PlenaryMeeting.objects.count() == 0
    call_command("restore_record", str(path), stdout=io.StringIO())

    assert every_row() == before
    declaration = Declaration.objects.get(slug="tokyo-declaration")
    assert sorted(declaration.signatories.values_list("pk", flat=True)) == m2m_before
    # New rows continue numbering after the restored ones.
    newest = max(row["id"] for row in before["plenaries.plenarymeeting"])
    assert MeetingFactory(number=11).pk > newest


def test_backup_is_versioned_json():
    document = json.loads(json.dumps(export_record(), default=str))
    assert document["format"] == "anmc21-record-backup"
    assert document["version"] == FORMAT_VERSION
    assert len(document["tables"]["declarations.clause"]) == 5


def test_restore_refuses_a_database_that_holds_a_record():
    document = export_record()
    with pytest.raises(Exception, match="empty record"):
        restore_record(document)
    assert PlenaryMeeting.objects.filter(number=9).count() == 1


def test_restore_refuses_an_unknown_format_version(tmp_path):
    path = tmp_path / "future.json"
    path.write_text(json.dumps({"format": "anmc21-record-backup", "version": 99, "tables": {}}))
    with pytest.raises(CommandError, match="version 99"):
        call_command("restore_record", str(path))


def test_restore_of_a_broken_file_says_so(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    with pytest.raises(CommandError):
        call_command("restore_record", str(path))
