"""What every record's import and export (django-import-export) shares.

- The two file formats staff use, CSV and XLSX (settings.IMPORT_EXPORT_FORMATS): a CSV is read
  in whichever encoding the spreadsheet saved it; on export, a cell a spreadsheet would run as
  a formula is escaped.
- The import form, which refuses a file that cannot be imported as a whole (too big,
  unreadable, too many rows, wrong columns) before any row is read.
- The resource base: each row read and validated on its own (full_clean(), as the admin's forms
  do), related records looked up once per file, then the rows written in batches with their
  history, so that a file of MAX_ROWS rows imports in bounded time.
"""

import codecs
import csv
import io
import re
from collections import defaultdict

import openpyxl
import tablib
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export import resources
from import_export.formats import base_formats
from import_export.forms import ImportForm
from import_export.instance_loaders import ModelInstanceLoader
from import_export.widgets import ForeignKeyWidget, ManyToManyWidget
from simple_history.models import HistoricalRecords

from .cache import record_changed
from .models import Versioned

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 10_000
# Rows written per batch: bounds the memory a batch takes and the size of each INSERT.
BATCH_SIZE = 1000

# A cell beginning with one of these is a formula to a spreadsheet (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# ...unless it is a plain number ("-12.5"), which a spreadsheet reads as a number.
PLAIN_NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?")
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class ImportFileError(ValidationError):
    """A file that cannot be imported as a whole; the messages say why, on the import form."""


def decode(data):
    """The text of a CSV file as spreadsheets save it: UTF-8 or UTF-16 when a byte order mark
    says so, else UTF-8 if the bytes are valid UTF-8, else Shift_JIS as Japanese Excel writes
    it (CP932)."""
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise ImportFileError(
                    _("The file says it is %(encoding)s text but is not: is it damaged?")
                    % {"encoding": encoding.upper().removesuffix("-SIG")}
                ) from None
    for encoding in ("utf-8", "cp932"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # NUL characters are not text: UTF-16 without a byte order mark reads as such.
        if "\x00" not in text:
            return text
    raise ImportFileError(
        _(
            "The file is not text in UTF-8, UTF-16 or Shift_JIS (CP932). Save it from the "
            "spreadsheet as “CSV UTF-8” and import that."
        )
    )


def escape_formula(value):
    """A cell value as a spreadsheet should show it: text it would run as a formula gets a
    leading apostrophe, which spreadsheets take to mean "text"."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def unescape_formula(value):
    """The value escape_formula() was given: an exported file imports back as it was."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def read_rows(rows):
    """A dataset of the first row as the column names and the others as data: blank rows
    skipped, short rows filled out. Reads no further than MAX_ROWS rows of data."""
    rows = iter(rows)
    headers = ["" if name is None else str(name).strip() for name in next(rows, [])]
    if not any(headers):
        raise ImportFileError(_("The file is empty: its first row should name the columns."))
    dataset = tablib.Dataset(headers=headers)
    for row in rows:
        cells = [unescape_formula(cell) for cell in row]
        if all(cell in (None, "") for cell in cells):
            continue
        if len(dataset) == MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(max)s rows: split it into files of %(max)s or fewer.")
                % {"max": f"{MAX_ROWS:,}"}
            )
        if any(cell not in (None, "") for cell in cells[len(headers) :]):
            raise ImportFileError(
                _("Row %(number)d has more cells than the first row names columns.")
                % {"number": len(dataset) + 1}  # numbered as the preview numbers rows
            )
        cells = cells[: len(headers)]
        dataset.append(cells + [""] * (len(headers) - len(cells)))
    return dataset


def escape_formulae(dataset):
    """Escape every cell of an export (escape_formula()), keeping the rows in order."""
    for _row in range(len(dataset)):
        dataset.append([escape_formula(cell) for cell in dataset.lpop()])


class CSV(base_formats.CSV):
    """CSV as staff's spreadsheets save it, in UTF-8, UTF-16 or Shift_JIS (decode()).

    Read as bytes (hence "binary" to django-import-export), so that the encoding is found here.
    """

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream):
        text = decode(in_stream)
        try:
            return read_rows(csv.reader(io.StringIO(text, newline="")))
        except csv.Error as error:
            raise ImportFileError(
                _("The file is not readable as CSV: %(error)s.") % {"error": error}
            ) from error

    def _escape_formulae(self, dataset):
        # Called on export when IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT is on; the library's
        # own version only strips a leading "=", and turns every cell into text.
        escape_formulae(dataset)


class XLSX(base_formats.XLSX):
    """An Excel workbook: the sheet it opens at, with each cell's value as last calculated
    (not its formula)."""

    def create_dataset(self, in_stream):
        try:
            book = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
            try:
                return read_rows(book.active.iter_rows(values_only=True))
            finally:
                book.close()
        except ImportFileError:
            raise
        # A damaged or foreign file fails in many ways inside openpyxl (zip, XML, key errors);
        # to the person importing it, each means the same.
        except Exception as error:
            raise ImportFileError(
                _("The file is not readable as an Excel workbook (XLSX).")
            ) from error

    def _escape_formulae(self, dataset):
        escape_formulae(dataset)


class RecordImportForm(ImportForm):
    """The import page's form. It also reads the file, and refuses one that cannot be imported
    as a whole (too big, unreadable, too many rows, wrong columns) with a message saying why."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats, self.resources = formats, resources
        self.fields["import_file"].help_text = _(
            "CSV (UTF-8, UTF-16 or Shift_JIS) or Excel (XLSX): up to %(size)s and %(rows)s "
            "rows. Nothing is written unless every row is good."
        ) % {"size": filesizeformat(MAX_FILE_SIZE), "rows": f"{MAX_ROWS:,}"}

    def clean(self):
        cleaned_data = super().clean()
        upload, file_format = cleaned_data.get("import_file"), cleaned_data.get("format")
        if upload is None or not file_format:
            return cleaned_data
        resource = self.resources[int(cleaned_data.get("resource") or 0)]()
        try:
            if upload.size > MAX_FILE_SIZE:
                raise ImportFileError(
                    _("The file is larger than %(max)s, the most that can be imported: split it.")
                    % {"max": filesizeformat(MAX_FILE_SIZE)}
                )
            dataset = self.formats[int(file_format)]().create_dataset(upload.read())
            resource.check_columns(dataset.headers)
        except ImportFileError as error:
            self.add_error("import_file", error)
        finally:
            upload.seek(0)  # the import view reads it again
        return cleaned_data


class CachedForeignKeyWidget(ForeignKeyWidget):
    """A related record named by one of its fields ("Seoul", meeting "10"), looked up in the
    related table read once per import (a resource copies its widgets for each import).

    A name no record has, or more than one has, is an error on the row's field.
    """

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if not hasattr(self, "_by_key"):
            self._by_key = defaultdict(list)
            for obj in self.get_queryset(value, row, **kwargs):
                self._by_key[str(getattr(obj, self.field))].append(obj)
        value = str(value).strip()
        matches = self._by_key.get(value, [])
        if len(matches) == 1:
            return matches[0]
        names = {
            "model": self.model._meta.verbose_name,
            "field": self.model._meta.get_field(self.field).verbose_name,
            "value": value,
        }
        if matches:
            raise ValueError(_("More than one %(model)s has the %(field)s “%(value)s”.") % names)
        raise ValueError(_("No %(model)s has the %(field)s “%(value)s”.") % names)


class CachedManyToManyWidget(ManyToManyWidget):
    """Related records named by one of their fields, separated ("urban-environment|culture"),
    looked up in the related table read once per import. Names no record has are an error on
    the row's field."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return []
        if not hasattr(self, "_by_key"):
            self._by_key = {
                str(getattr(obj, self.field)): obj for obj in self.model._default_manager.all()
            }
        names = [name.strip() for name in str(value).split(self.separator)]
        names = list(dict.fromkeys(name for name in names if name))
        unknown = [name for name in names if name not in self._by_key]
        if unknown:
            raise ValueError(
                ngettext(
                    "No %(models)s has the %(field)s %(values)s.",
                    "No %(models)s have the %(field)ss %(values)s.",
                    len(unknown),
                )
                % {
                    "models": self.model._meta.verbose_name
                    if len(unknown) == 1
                    else self.model._meta.verbose_name_plural,
                    "field": self.model._meta.get_field(self.field).verbose_name,
                    "values": listed(unknown),
                }
            )
        return [self._by_key[name] for name in names]

    def render(self, value, obj=None, **kwargs):
        # A row being imported holds its links as a list (RecordResource.import_instance).
        if isinstance(value, list):
            return self.separator.join(str(getattr(item, self.field)) for item in value)
        return super().render(value, obj, **kwargs)


class CachedInstanceLoader(ModelInstanceLoader):
    """Finds the stored record each imported row updates, by the resource's import id fields
    (one or several, foreign keys included), among the stored records read in one query, with
    the records they name and their many-to-many links (as `stored_links`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.id_fields = [
            self.resource.fields[name] for name in self.resource.get_import_id_fields()
        ]
        model = self.resource._meta.model
        self.attnames = [model._meta.get_field(f.attribute).attname for f in self.id_fields]
        stored = list(self.get_queryset())
        for instance in stored:
            instance.stored_links = {}
        for field in self.resource.link_fields():
            relation = model._meta.get_field(field.attribute)
            through, source = relation.remote_field.through, relation.m2m_field_name()
            target = relation.m2m_reverse_field_name()
            linked = defaultdict(list)
            for link in through.objects.select_related(target):
                linked[getattr(link, f"{source}_id")].append(getattr(link, target))
            for instance in stored:
                instance.stored_links[field.attribute] = linked[instance.pk]
        self.stored = {
            tuple(str(getattr(instance, attname)) for attname in self.attnames): instance
            for instance in stored
        }

    def get_queryset(self):
        # Locked until the import's transaction ends (PostgreSQL): rows are written in batches,
        # not by Versioned.save(), so no one else's save may come between reading and writing.
        relations = [
            field.attribute
            for field in self.resource.get_import_fields()
            if isinstance(field.widget, ForeignKeyWidget)
        ]
        return super().get_queryset().select_related(*relations).select_for_update(of=("self",))

    def get_instance(self, row):
        key = []
        for field in self.id_fields:
            try:
                value = field.clean(row)
            except ValueError:
                return None  # a name no record has: the row's own validation reports it
            key.append(str(getattr(value, "pk", value)))
        return self.stored.get(tuple(key))


class RecordResource(resources.ModelResource):
    """Base of the record's import resources.

    Each row is read and validated on its own (full_clean(), as the admin's forms do); a row
    repeating an earlier row of the file is an error naming that row. Good rows are written in
    batches, with their history and many-to-many links. The admin writes nothing unless every
    row is good.
    """

    class Meta:
        instance_loader_class = CachedInstanceLoader
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        use_bulk = True
        batch_size = BATCH_SIZE

    def link_fields(self):
        """The resource's many-to-many fields that an import writes."""
        return [
            field
            for field in self.fields.values()
            if isinstance(field.widget, ManyToManyWidget) and not field.readonly
        ]

    def required_columns(self):
        """The columns a file must have: the import id fields, and every field a record
        cannot do without (no blank, no default)."""
        model = self._meta.model
        id_fields = {self.fields[name].attribute for name in self.get_import_id_fields()}
        required = []
        for field in self.get_import_fields():
            if field.readonly or not field.attribute:
                continue
            try:
                model_field = model._meta.get_field(field.attribute)
            except FieldDoesNotExist:
                continue
            if field.attribute in id_fields or not (model_field.blank or model_field.has_default()):
                required.append(field.column_name)
        return required

    def check_columns(self, headers):
        """Raise ImportFileError if a file's first row names a column this import does not
        know, misses one it needs, or names one twice; the message lists the columns."""
        known = [field.column_name for field in self.get_import_fields()]
        names = [name for name in headers if name]
        unknown = [name for name in dict.fromkeys(names) if name not in known]
        missing = [name for name in self.required_columns() if name not in names]
        repeated = [name for name in dict.fromkeys(names) if names.count(name) > 1]
        problems = []
        if unknown:
            problems.append(_("Unknown columns: %(names)s.") % {"names": listed(unknown)})
        if missing:
            problems.append(_("Missing columns: %(names)s.") % {"names": listed(missing)})
        if repeated:
            problems.append(_("Columns named twice: %(names)s.") % {"names": listed(repeated)})
        if problems:
            problems.append(
                _("The columns are %(known)s, of which %(required)s are required.")
                % {"known": listed(known), "required": listed(self.required_columns())}
            )
            raise ImportFileError(problems)

    @classmethod
    def unique_checks(cls):
        """(fields, constraint) for each set of fields the model keeps unique and a file
        writes: a unique field (constraint None) or an unconditional unique constraint."""
        model = cls._meta.model
        written = {field.attribute for field in cls.fields.values() if not field.readonly}
        checks = [((f.name,), None) for f in model._meta.fields if f.unique and not f.primary_key]
        checks += [(tuple(c.fields), c) for c in model._meta.total_unique_constraints]
        return [(names, constraint) for names, constraint in checks if written.issuperset(names)]

    def before_import(self, dataset, **kwargs):
        self.first_rows = {}  # (fields, values): the number of the first row that had them
        self.stored_keys = {}  # fields: {their values: key of the stored record that has them}

    def import_instance(self, instance, row, **kwargs):
        """Set the row's fields on the record, and keep its many-to-many links for writing
        with it; errors in any of them, and a row repeating an earlier one, are reported
        together."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        instance.import_links = {}
        for field in self.link_fields():
            if field.column_name in row:
                try:
                    instance.import_links[field.attribute] = field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [str(error)]
        instance.import_row = (kwargs["row_number"], row)  # for write_batch()'s report
        repeats = self.repeated_row(instance, kwargs["row_number"])
        if repeats:
            errors.setdefault(NON_FIELD_ERRORS, []).append(repeats)
        if errors:
            raise ValidationError(errors)

    def repeated_row(self, instance, number):
        """The error of a row with the same import id, or the same values of a unique set of
        fields, as an earlier row of the file, naming that row; None if it has none."""
        model = self._meta.model
        ids = tuple(self.fields[name].attribute for name in self.get_import_id_fields())
        for names in dict.fromkeys([ids, *(names for names, _c in self.unique_checks())]):
            values = tuple(getattr(instance, model._meta.get_field(n).attname) for n in names)
            if any(value in (None, "") for value in values):
                continue
            first = self.first_rows.setdefault((names, values), number)
            if first != number:
                return _("This row repeats row %(number)d (the same %(fields)s).") % {
                    "number": first,
                    "fields": get_text_list(
                        [str(model._meta.get_field(n).verbose_name) for n in names], _("and")
                    ),
                }
        return None

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """full_clean() the row, but make the checks that would cost a query per row for the
        whole file at once: that the records it names exist (the file's lookups read them),
        and that its unique values are not taken (the stored values are read once, and
        repeated_row() compares the file's rows). The model's other constraints (check
        constraints, conditional unique constraints) are checked when the rows are written
        (write_batch())."""
        model = self._meta.model
        errors = dict(import_validation_errors or {})
        found = {
            field.attribute
            for field in self.fields.values()
            if isinstance(field.widget, CachedForeignKeyWidget)
            and getattr(instance, model._meta.get_field(field.attribute).attname) is not None
        }
        try:
            instance.full_clean(
                exclude={*errors, *found}, validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        failed = set(errors) - {NON_FIELD_ERRORS}
        for names, constraint in self.unique_checks():
            if failed.isdisjoint(names) and self.is_taken(instance, names):
                key = names[0] if len(names) == 1 else NON_FIELD_ERRORS
                errors.setdefault(key, []).append(unique_error(instance, names, constraint))
        if errors:
            raise ValidationError(errors)

    def is_taken(self, instance, names):
        """Whether a stored record other than this one has its values of these fields."""
        model = self._meta.model
        attnames = [model._meta.get_field(name).attname for name in names]
        if names not in self.stored_keys:
            self.stored_keys[names] = {
                tuple(values): pk
                for pk, *values in model._default_manager.values_list("pk", *attnames)
            }
        values = tuple(getattr(instance, attname) for attname in attnames)
        if None in values:  # NULL is never taken (an empty Japanese name)
            return False
        owner = self.stored_keys[names].get(values)
        return owner is not None and owner != instance.pk

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Whether a good row changes nothing of its stored record (skip_unchanged), links
        compared as the import loaded and read them rather than queried for each row."""
        if not self._meta.skip_unchanged or import_validation_errors:
            return False
        stored_links = getattr(original, "stored_links", {})
        for field in self.get_import_fields():
            if isinstance(field.widget, ManyToManyWidget):
                if field.attribute in instance.import_links and {
                    item.pk for item in instance.import_links[field.attribute]
                } != {item.pk for item in stored_links.get(field.attribute, [])}:
                    return False
            elif field.get_value(instance) != field.get_value(original):
                return False
        return True

    def get_diff_class(self):
        return RecordDiff

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        self.write_batch(self.create_instances, using_transactions, dry_run, raise_errors, result)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        self.write_batch(self.update_instances, using_transactions, dry_run, raise_errors, result)

    def write_batch(self, instances, using_transactions, dry_run, raise_errors, result):
        """Write a batch of validated rows, new or stored. If the database refuses the batch,
        the rows that break a constraint are reported as the import's bad rows; any other
        failure is the import's error (as django-import-export's own bulk methods do). Either
        way the admin then rolls the import back."""
        if not instances or not (using_transactions or not dry_run):
            return
        try:
            links = [field.attribute for field in self.link_fields()]
            with transaction.atomic():
                save_with_history(self._meta.model, instances, links)
        except IntegrityError as error:
            refused = list(refused_rows(instances))
            for instance, refusal in refused:
                result.append_invalid_row(*instance.import_row, refusal)
            if not refused:
                self.handle_import_error(result, error, raise_errors)
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            instances.clear()


def refused_rows(instances):
    """(record, error) for each record of a batch the database refused that breaks one of its
    model's constraints, by full_clean()'s own checks, one query per constraint and record."""
    for instance in instances:
        try:
            instance.validate_constraints()
        except ValidationError as error:
            yield instance, error


class RecordDiff(resources.Diff):
    """A row's preview: each field before and after. Many-to-many links are the ones the
    import loaded (`stored_links`) or read from the file (`import_links`), not queried for
    each row (the links a file gives are written after the preview is made)."""

    def __init__(self, resource, instance, new):
        self.left = field_values(resource, instance)
        self.right = []
        self.new = new

    def compare_with(self, resource, instance):
        self.right = field_values(resource, instance)


def field_values(resource, instance):
    """A record's values of the resource's import fields, as a file shows them."""
    links = {**getattr(instance, "stored_links", {}), **getattr(instance, "import_links", {})}
    return [
        field.widget.render(links.get(field.attribute, []))
        if isinstance(field.widget, ManyToManyWidget)
        else field.export(instance)
        for field in resource.get_import_fields()
    ]


def save_with_history(model, instances, links):
    """Write validated records in bulk, with what saving each would have written: the next
    version of a Versioned record, many-to-many links (each record's `import_links`), and a
    history record (simple-history) holding those links.

    Model.save() is not called: the models imported derive nothing in save() that clean() has
    not already derived (an inquiry contact's international phone number).
    """
    new = [instance for instance in instances if instance.pk is None]
    stored = [instance for instance in instances if instance.pk is not None]
    manager = model._default_manager
    if new:
        manager.bulk_create(new)  # sets their keys (SQLite and PostgreSQL return them)
    if stored:
        if issubclass(model, Versioned):
            for instance in stored:
                instance.version += 1
        fields = [
            field.name
            for field in model._meta.concrete_fields
            if not field.primary_key and not field.generated
        ]
        rows = manager.all()
        if hasattr(rows, "rewrite"):
            # django-modeltranslation would write a translated field (`name`) into the active
            # language's column only: write every column as named, the English one included.
            rows = rows.rewrite(False)
        rows.bulk_update(stored, fields)
    for name in links:
        field = model._meta.get_field(name)
        through, source = field.remote_field.through, field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        given = [instance for instance in instances if name in instance.import_links]
        through.objects.filter(**{f"{source}__in": given}).delete()
        through.objects.bulk_create(
            through(**{source: instance, target: item})
            for instance in given
            for item in instance.import_links[name]
        )
    for update, batch in ((False, new), (True, stored)):
        if batch:
            records = model.history.bulk_history_create(batch, update=update)
            save_links_history(model, records, batch)
    # Bulk writes send no signals: the cached pages are dated here.
    record_changed()


def save_links_history(model, records, instances):
    """Give each history record the many-to-many links its record now has, as simple-history
    does for a record saved on its own."""
    for field in model.history.model._history_m2m_fields:
        through, source = field.remote_field.through, field.m2m_field_name()
        links = defaultdict(list)
        for link in through.objects.filter(**{f"{source}__in": instances}):
            links[getattr(link, f"{source}_id")].append(link)
        history_model = HistoricalRecords.m2m_models[field]
        columns = [f.attname for f in through._meta.fields]
        history_model.objects.bulk_create(
            history_model(history=record, **{name: getattr(link, name) for name in columns})
            for record, instance in zip(records, instances, strict=True)
            for link in links[instance.pk]
        )


def unique_error(instance, names, constraint):
    """The message full_clean() gives for a unique value that a stored record already has."""
    if constraint is None or (
        constraint.violation_error_message == constraint.default_violation_error_message
    ):
        return instance.unique_error_message(type(instance), names)
    return ValidationError(
        constraint.get_violation_error_message(), code=constraint.violation_error_code
    )


def listed(names):
    """Names in quotation marks, separated by commas: “a”, “b”."""
    return ", ".join(f"“{name}”" for name in names)
