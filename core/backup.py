"""Export the whole record to a versioned JSON document, and restore it into an empty database.

The format is documented in docs/backup-format.md. Rows keep their primary keys, so links between
records survive; foreign keys to permissions and content types are written by natural key, so a
backup restores into a database whose permission and content-type rows were numbered differently.
"""

import datetime
import json

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from .apps import record_apps

FORMAT = "anmc21-record-backup"
FORMAT_VERSION = 1

# What "the whole record" is: the record's apps (core.apps.record_apps), and the accounts and
# groups of the staff who keep it (their names stand in the history and on published records).
ACCOUNT_MODELS = ("auth.Group", "auth.User")
# Rows matched by name, not number: the staff groups, which every migrate sets up again.
NATURAL_KEY_MODELS = {"auth.group"}


class BackupError(Exception):
    """A backup that cannot be restored here; the message says why."""


def record_models():
    """Every model a backup holds, ordered so that a row comes after the rows it points to."""
    models = [apps.get_model(label) for label in ACCOUNT_MODELS]
    for config in record_apps():
        models.extend(config.get_models())
    ordered = serializers.sort_dependencies([(None, models)], allow_cycles=True)
    return [model for model in ordered if model in models]


def export_record():
    """The whole record as a JSON-ready dict."""
    tables = {}
    for model in record_models():
        rows = serializers.serialize(
            "python",
            model._default_manager.order_by("pk"),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=model._meta.label_lower in NATURAL_KEY_MODELS,
        )
        for row in rows:
            del row["model"]
        tables[model._meta.label_lower] = rows
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "tables": tables,
    }


class BackupEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (it cuts them to milliseconds)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def dump(document, stream):
    json.dump(document, stream, cls=BackupEncoder, ensure_ascii=False, indent=1)


def restore_record(document):
    """Load an exported record into a database that holds none; return rows restored per table."""
    if document.get("format") != FORMAT:
        raise BackupError(f"Not an ANMC21 record backup (format {document.get('format')!r}).")
    if document.get("version") != FORMAT_VERSION:
        raise BackupError(
            f"Backup format version {document.get('version')!r}; this site reads {FORMAT_VERSION}."
        )
    models = record_models()
    occupied = [
        m._meta.label_lower
        for m in models
        if m._meta.label_lower not in NATURAL_KEY_MODELS and m._default_manager.exists()
    ]
    if occupied:
        raise BackupError(
            "Restore goes into an empty record; these tables hold rows: " + ", ".join(occupied)
        )
    known = {model._meta.label_lower for model in models}
    unknown = set(document["tables"]) - known
    if unknown:
        raise BackupError(
            "The backup holds tables this site does not: " + ", ".join(sorted(unknown))
        )

    counts = {}
    with transaction.atomic():
        for model in models:
            label = model._meta.label_lower
            rows = [{"model": label, **row} for row in document["tables"].get(label, [])]
            for obj in serializers.deserialize("python", rows, handle_forward_references=True):
                # The backup holds the history rows themselves; restoring must not add more.
                obj.object.skip_history_when_saving = True
                obj.save()
            counts[label] = len(rows)
        _reset_sequences(models)
    return counts


def _reset_sequences(models):
    """After inserting explicit keys, make new rows continue numbering after them (PostgreSQL)."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
