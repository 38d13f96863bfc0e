"""A database rule Django has no portable form of: spans of time that may not overlap."""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import F, Q


class DateRange(models.Func):
    """PostgreSQL's daterange(start, end, '[]'); a NULL bound is open."""

    function = "DATERANGE"
    output_field = DateRangeField()


class NoOverlapConstraint(ExclusionConstraint):
    """Rows that agree on `fields` may not have overlapping spans from `start` (included) up to
    `end` (excluded: a standing that ends on the day another begins does not overlap it); an
    empty bound is open: since ever, until now and on.

    PostgreSQL enforces it with an exclusion constraint (GiST, with the btree_gist extension);
    SQLite with triggers, which `create_sqlite_triggers` (re)creates after every migrate since
    SQLite drops them whenever it rebuilds a table. Forms and `full_clean()` check it first and
    put `violation_error_message` at the field `message_field`.
    """

    def __init__(self, *, name, fields, start, end, message_field, violation_error_message):
        self.fields, self.start, self.end = tuple(fields), start, end
        self.message_field = message_field
        super().__init__(
            name=name,
            expressions=[
                *((F(field), RangeOperators.EQUAL) for field in fields),
                (DateRange(F(start), F(end), models.Value("[)")), RangeOperators.OVERLAPS),
            ],
            violation_error_message=violation_error_message,
        )

    def deconstruct(self):
        path = "core.constraints.NoOverlapConstraint"
        kwargs = {
            "name": self.name,
            "fields": self.fields,
            "start": self.start,
            "end": self.end,
            "message_field": self.message_field,
            "violation_error_message": self.violation_error_message,
        }
        return path, (), kwargs

    def __eq__(self, other):
        return isinstance(other, NoOverlapConstraint) and self.deconstruct() == other.deconstruct()

    # Schema: PostgreSQL only; other databases get triggers after migrate.

    def constraint_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().constraint_sql(model, schema_editor)

    def create_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().create_sql(model, schema_editor)

    def remove_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().remove_sql(model, schema_editor)

    # Validation: the same rule in the ORM, on any database.

    def overlapping(self, model, instance, using):
        """Stored rows that would overlap this instance's span."""
        opts = model._meta
        start = getattr(instance, opts.get_field(self.start).attname)
        end = getattr(instance, opts.get_field(self.end).attname)
        rows = model._default_manager.using(using).filter(
            **{field: getattr(instance, opts.get_field(field).attname) for field in self.fields}
        )
        if end is not None:
            rows = rows.filter(Q((f"{self.start}__isnull", True)) | Q((f"{self.start}__lt", end)))
        if start is not None:
            rows = rows.filter(Q((f"{self.end}__isnull", True)) | Q((f"{self.end}__gt", start)))
        return rows.exclude(pk=instance.pk) if instance.pk is not None else rows

    def validate(self, model, instance, exclude=None, using=None):
        exclude = exclude or set()
        if {*self.fields, self.start, self.end} & set(exclude):
            return
        if self.overlapping(model, instance, using or "default").exists():
            raise ValidationError(
                {self.message_field: self.get_violation_error_message()}, code="overlap"
            )

    def sqlite_triggers(self, model):
        """CREATE TRIGGER statements enforcing the rule on SQLite, for inserts and updates."""
        table = model._meta.db_table
        names = (*self.fields, self.start, self.end)
        columns = {name: model._meta.get_field(name).column for name in names}
        same = " AND ".join(f'o."{columns[f]}" = NEW."{columns[f]}"' for f in self.fields)
        start, end = columns[self.start], columns[self.end]
        overlap = (
            f'(o."{end}" IS NULL OR NEW."{start}" IS NULL OR o."{end}" > NEW."{start}") AND '
            f'(NEW."{end}" IS NULL OR o."{start}" IS NULL OR NEW."{end}" > o."{start}")'
        )
        statements = []
        for event, other in (("INSERT", "1=1"), ("UPDATE", 'o."id" != NEW."id"')):
            statements.append(
                f'CREATE TRIGGER IF NOT EXISTS "{self.name}_{event.lower()}" '
                f'BEFORE {event} ON "{table}" FOR EACH ROW WHEN EXISTS ('
                f'SELECT 1 FROM "{table}" o WHERE {same} AND {other} AND {overlap}) '
                f"BEGIN SELECT RAISE(ABORT, '{self.name}'); END"
            )
        return statements


def create_sqlite_triggers(using="default", **kwargs):
    """After migrate: the SQLite triggers of every NoOverlapConstraint (idempotent)."""
    from django.apps import apps

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for model in apps.get_models():
            for constraint in model._meta.constraints:
                if isinstance(constraint, NoOverlapConstraint):
                    for statement in constraint.sqlite_triggers(model):
                        cursor.execute(statement)
