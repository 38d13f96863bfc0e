"""What every record's import and export (django-import-export) shares.

- The two file formats staff use, CSV and XLSX (settings.IMPORT_EXPORT_FORMATS): a CSV is read
  in whichever encoding the spreadsheet saved it; on export, a cell a spreadsheet would run as
  a formula is escaped.
- The import form, which refuses a file that cannot be imported as a whole (too big,
  unreadable, too many rows, wrong columns) before any row is read.
- The resource base: rows are matched to stored records, and named records to their keys, with
  one query for the whole file rather than one per row.
"""

import codecs
import csv
import io
import re

import openpyxl
import tablib
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from import_export import resources
from import_export.formats import base_formats
from import_export.forms import ImportForm
from import_export.instance_loaders import ModelInstanceLoader
from import_export.widgets import ForeignKeyWidget

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 10_000

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
    related table read once per import (a resource copies its widgets for each import)."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if not hasattr(self, "_by_key"):
            self._by_key = {
                str(getattr(obj, self.field)): obj
                for obj in self.get_queryset(value, row, **kwargs)
            }
        try:
            return self._by_key[str(value)]
        except KeyError:
            raise self.model.DoesNotExist(
                f"{self.model._meta.object_name} matching query does not exist."
            ) from None


class CachedInstanceLoader(ModelInstanceLoader):
    """Finds the stored record each imported row updates, by the resource's import id fields
    (one or several, foreign keys included), among the stored records read in one query."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.id_fields = [
            self.resource.fields[name] for name in self.resource.get_import_id_fields()
        ]
        model = self.resource._meta.model
        self.attnames = [model._meta.get_field(f.attribute).attname for f in self.id_fields]
        self.stored = {
            tuple(str(getattr(instance, attname)) for attname in self.attnames): instance
            for instance in self.get_queryset()
        }

    def get_instance(self, row):
        key = []
        for field in self.id_fields:
            value = field.clean(row)
            key.append(str(getattr(value, "pk", value)))
        return self.stored.get(tuple(key))


class RecordResource(resources.ModelResource):
    """Base of the record's import resources: stored records found in one query per file."""

    class Meta:
        instance_loader_class = CachedInstanceLoader

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


def listed(names):
    """Names in quotation marks, separated by commas: “a”, “b”."""
    return ", ".join(f"“{name}”" for name in names)
