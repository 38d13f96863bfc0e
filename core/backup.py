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
from django.db import DatabaseError, connection, transaction

from .apps import record_apps

FORMAT = "anmc21-record-backup"
FORMAT_VERSION = 1

# What "the whole record" is: the record's apps (core.apps.record_apps), and the accounts and
# groups of the staff who keep it (their names stand in the history and on published records).
ACCOUNT_MODELS = ("auth.Group", "auth.User")
# And how the public record came to be: the changes reviewed and the public change log.
REVIEW_MODELS = ("core.Revision", "core.PublicChange")
# Rows matched by name, not number: the staff groups, which every migrate sets up again.
NATURAL_KEY_MODELS = {"auth.group": "name"}


class BackupError(Exception):
    """A backup that cannot be restored here; the message says why."""


def record_models():
    """Every model a backup holds, ordered so that a row comes after the rows it points to."""
    models = [apps.get_model(label) for label in (*ACCOUNT_MODELS, *REVIEW_MODELS)]
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
    """Load an exported record into a database that holds none; return rows restored per table.

    Everything is written in one transaction: a backup that cannot be restored whole (damaged,
    a key on two rows of a table, a row pointing at a row it does not hold) is refused, naming
    the table and the row's key, and leaves the database as it was.
    """
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        found = document.get("format") if isinstance(document, dict) else None
        raise BackupError(f"Not an ANMC21 record backup (format {found!r}).")
    if document.get("version") != FORMAT_VERSION:
        raise BackupError(
            f"Backup format version {document.get('version')!r}; this site reads {FORMAT_VERSION}."
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise BackupError("The backup has no tables: is it damaged?")
    models = record_models()
    known = {model._meta.label_lower for model in models}
    unknown = set(tables) - known
    if unknown:
        raise BackupError(
            "The backup holds tables this site does not: " + ", ".join(sorted(unknown)) + "."
        )
    rows = {model: _keyed_rows(model, tables.get(model._meta.label_lower, [])) for model in models}
    occupied = [
        m._meta.label_lower
        for m in models
        if m._meta.label_lower not in NATURAL_KEY_MODELS and m._default_manager.exists()
    ]
    if occupied:
        raise BackupError(
            "Restore goes into an empty record; these tables hold rows: "
            + ", ".join(occupied)
            + "."
        )

    counts = {}
    with transaction.atomic():
        for model in models:
            label = model._meta.label_lower
            for key, row in rows[model]:
                try:
                    # Table by table: a row names the rows of earlier tables (users by name).
                    [obj] = serializers.deserialize("python", [{"model": label, **row}])
                    # The backup holds the history rows themselves; restoring must not add more.
                    obj.object.skip_history_when_saving = True
                    obj.save()
                # A damaged row fails in many ways inside Django's deserializer and the
                # database (an unknown field, a value of the wrong type, a name no user has);
                # to the person restoring it, each means the same.
                except Exception as error:
                    raise BackupError(f"{label}, row {key!r}: {error}") from error
            counts[label] = len(rows[model])
        try:
            # The database checks foreign keys when the transaction ends; checked now, the
            # error names the row.
            connection.check_constraints(table_names=_tables(models))
        except DatabaseError as error:
            raise BackupError(str(error)) from error
        _reset_sequences(models)
    return counts


def _keyed_rows(model, rows):
    """A table's rows as (key, row), the key its primary key or, for a table matched by name,
    its name. Rows without their fields or key, and a key on two rows, are a BackupError
    naming the table and the key."""
    label = model._meta.label_lower
    name = NATURAL_KEY_MODELS.get(label)
    if not isinstance(rows, list) or not all(
        isinstance(row, dict) and isinstance(row.get("fields"), dict) for row in rows
    ):
        raise BackupError(f"{label}: the rows are damaged (each should have its fields).")
    keyed, first = [], {}
    for number, row in enumerate(rows, start=1):
        key = row["fields"].get(name) if name else row.get("pk")
        if key is None:
            raise BackupError(f"{label}: row {number} has no key; is the backup damaged?")
        if key in first:
            raise BackupError(
                f"{label}: the key {key!r} is on two rows ({first[key]} and {number}); a "
                "backup holds each row once."
            )
        first[key] = number
        keyed.append((key, row))
    return keyed


def _tables(models):
    """The database tables of these models and of their many-to-many links."""
    tables = {model._meta.db_table for model in models}
    for model in models:
        tables.update(
            field.remote_field.through._meta.db_table for field in model._meta.many_to_many
        )
    return sorted(tables)


def _reset_sequences(models):
    """After inserting explicit keys, make new rows continue numbering after them (PostgreSQL)."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
