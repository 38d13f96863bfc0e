"""Dates as precisely as they are known, in the Library of Congress Extended Date/Time Format
(EDTF): "2010-11-08/2010-11-09", "2001-10" (October 2001), "2011" (some time in 2011), "2001?"
(2001, uncertain), "2000~" (about 2000).

A record keeps the EDTF text as entered and, derived from it on save, the earliest and latest
day it can mean, for ordering and queries (`EDTFField`); pages show it in words (`in_words`).
"""

import datetime
import functools
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from edtf import Date, Interval, UncertainOrApproximate, parse_edtf, struct_time_to_date
from edtf.parser.edtf_exceptions import EDTFParseException

EXAMPLES = _(
    "As precisely as the source says (EDTF): 2010-11-08/2010-11-09 for two days, 2001-10 for "
    "October 2001, 2011 for a year, 2001? if uncertain, 2000~ for about 2000."
)


# How each language words a date (django.utils.dateformat formats, from the catalog): English
# "8 November 2010", Japanese 2010年11月8日.
FORMATS = {
    "day": pgettext_lazy("date format: a day", "j F Y"),
    "month": pgettext_lazy("date format: a month", "F Y"),
    "year": pgettext_lazy("date format: a year", "Y"),
    # The day a document is dated, in its own style ("November 9, 2010").
    "document day": pgettext_lazy("date format: the day a document is dated", "F j, Y"),
    # When a change was made, with the time and its zone.
    "day and time": pgettext_lazy("date format: a day and time", "j F Y, H:i e"),
}
# A span's start is worded without what it shares with its end, and its end with or without
# what it shares with the start, as the language does it: "8–9 November 2010",
# 2010年11月8日〜9日; "30 November – 1 December 2010", 2010年11月30日〜12月1日.
SPAN_FORMATS = {
    "days in a month": (
        pgettext_lazy("date format: the first day of a span within a month", "j"),
        pgettext_lazy("date format: the last day of a span within a month", "j F Y"),
    ),
    "days in a year": (
        pgettext_lazy("date format: the first day of a span within a year", "j F"),
        pgettext_lazy("date format: the last day of a span within a year", "j F Y"),
    ),
    "months in a year": (
        pgettext_lazy("date format: the first month of a span within a year", "F"),
        pgettext_lazy("date format: the last month of a span within a year", "F Y"),
    ),
}


def span(start, end, *, spaced=False):
    """Two dates (or words for them) as a span: "8–9", "30 November – 1 December"."""
    if spaced:
        return pgettext("a span of dates, spaced", "%(start)s – %(end)s") % {
            "start": start,
            "end": end,
        }
    return pgettext("a span of dates, closed up", "%(start)s–%(end)s") % {
        "start": start,
        "end": end,
    }


def format_day(value, kind="day"):
    """A date or time in the active language's words (FORMATS)."""
    return date_format(value, str(FORMATS[kind])) if value else ""


# A day, month or year ("2010-11-08", "2001-10", "2011"), or a span of two of them: what most
# records hold, read without the EDTF grammar.
PLAIN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


@functools.lru_cache(maxsize=8192)
def _parse(text):
    # The EDTF grammar (pyparsing) takes 3-20 ms a text: a first page of fifty meetings took
    # over a second in a new process. Plain dates and spans are read directly, as the same
    # objects; anything else (uncertain, approximate, open, sets...) goes to the parser.
    parts = text.split("/")
    if len(parts) <= 2:
        dates = [_plain_date(part) for part in parts]
        if all(dates):
            return dates[0] if len(dates) == 1 else Interval(*dates)
    return parse_edtf(text)


def _plain_date(text):
    """The edtf Date of a plain day, month or year that exists; None for anything else."""
    found = PLAIN.fullmatch(text)
    if not found:
        return None
    year, month, day = found.groups()
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:  # year 0, month 13, 30 February: the parser's to refuse
        return None
    return Date(year=year, month=month, day=day)


def parse(text):
    """The EDTF object for this text; ValidationError in words if it is not EDTF."""
    try:
        return _parse(str(text).strip())
    except (EDTFParseException, ValueError, TypeError, AttributeError) as exc:
        raise ValidationError(
            _("“%(value)s” is not a date we can read. %(examples)s"),
            params={"value": text, "examples": EXAMPLES},
            code="invalid_edtf",
        ) from exc


def bounds(text):
    """(earliest, latest) day the EDTF text can mean; None for an open or unknown end."""
    if not text:
        return None, None
    value = parse(text)
    return _day(value.lower_strict), _day(value.upper_strict)


def _day(bound):
    try:
        return struct_time_to_date(bound())
    except (TypeError, ValueError, OverflowError):  # an open end ("..") or an unknown one
        return None


def validate_edtf(text):
    """A form and model validator: the text must be EDTF that means a span of days."""
    earliest, latest = bounds(text)
    if earliest and latest and latest < earliest:
        raise ValidationError(_("The end may not be before the start."), code="edtf_order")


class EDTFField(models.CharField):
    """A date in EDTF; validating or saving sets the model's `<name>_earliest` and
    `<name>_latest` date fields (declared after it) from it."""

    default_validators = [validate_edtf]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 60)
        kwargs.setdefault("help_text", EXAMPLES)
        super().__init__(*args, **kwargs)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        set_bounds(model_instance, self.attname, value)

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add) or ""
        set_bounds(model_instance, self.attname)
        return value


def set_bounds(instance, attname, value=None):
    """Set `<attname>_earliest` and `_latest` on the instance from its EDTF text (`value`, or
    the instance's own); none where the text is not EDTF, which full_clean() refuses."""
    text = value if value is not None else getattr(instance, attname)
    try:
        earliest, latest = bounds(str(text or ""))
    except ValidationError:
        earliest, latest = None, None
    setattr(instance, f"{attname}_earliest", earliest)
    setattr(instance, f"{attname}_latest", latest)


def in_words(text):
    """The EDTF text as people write dates: "8–9 November 2010", "October 2001", "2011",
    "about 2000", "2001 (uncertain)"; the text itself where no wording fits."""
    if not text:
        return ""
    return _in_words(str(text), get_language())


@functools.lru_cache(maxsize=8192)
def _in_words(text, language):
    # Worded once per text and language: a list page words the same few dates many times
    # over, and wording one (parse, formats from the catalog) costs tens of microseconds.
    try:
        value = parse(text)
    except ValidationError:
        return text
    return _words(value) or text


def _words(value):
    if isinstance(value, Interval):
        return _span(value.lower, value.upper)
    if isinstance(value, UncertainOrApproximate):
        inner = _words(value.date)
        if not inner:
            return None
        qualifier = value.ua
        if qualifier and qualifier.is_uncertain_and_approximate:
            return gettext("about %(date)s (uncertain)") % {"date": inner}
        if qualifier and qualifier.is_approximate:
            return gettext("about %(date)s") % {"date": inner}
        return gettext("%(date)s (uncertain)") % {"date": inner}
    if isinstance(value, Date) and type(value) is Date:
        return _single(value)
    return None


def _precision(value):
    return "day" if value.day else "month" if value.month else "year"


def _as_date(value):
    return datetime.date(int(value.year), int(value.month or 1), int(value.day or 1))


def _single(value):
    return date_format(_as_date(value), str(FORMATS[_precision(value)]))


def _span(lower, upper):
    if not (type(lower) is Date and type(upper) is Date):
        return None
    if _precision(lower) == _precision(upper) == "day":
        start, end = _as_date(lower), _as_date(upper)
        if start == end:
            return _single(lower)
        if (start.year, start.month) == (end.year, end.month):
            return _span_in(start, end, "days in a month")
        if start.year == end.year:
            return _span_in(start, end, "days in a year", spaced=True)
    if _precision(lower) == _precision(upper) == "month" and lower.year == upper.year:
        return _span_in(_as_date(lower), _as_date(upper), "months in a year")
    if _precision(lower) == _precision(upper) == "year":
        return span(_single(lower), _single(upper))
    return span(_single(lower), _single(upper), spaced=True)


def _span_in(start, end, shared, *, spaced=False):
    start_format, end_format = SPAN_FORMATS[shared]
    return span(
        date_format(start, str(start_format)), date_format(end, str(end_format)), spaced=spaced
    )


def in_words_with_preposition(text):
    """The date as it follows a verb: "on 9 November 2010", "in October 2012", "in 2011"."""
    words = in_words(text)
    if not words:
        return ""
    if precision(text) == "day":
        return gettext("on %(date)s") % {"date": words}
    return gettext("in %(date)s") % {"date": words}


def precision(text):
    """ "day", "month" or "year": how precisely the start of the EDTF text is known; None when
    it is not a plain date or span of them (uncertain, approximate, a set...)."""
    try:
        value = parse(text) if text else None
    except ValidationError:
        return None
    if isinstance(value, Interval):
        value = value.lower
    return _precision(value) if type(value) is Date else None


def as_data(text):
    """A date for open data: the EDTF text, its bounds and its wording (None if empty)."""
    if not text:
        return None
    earliest, latest = bounds(text)
    return {
        "edtf": str(text),
        "earliest": earliest.isoformat() if earliest else None,
        "latest": latest.isoformat() if latest else None,
        "in_words": in_words(text),
    }


def iso_span(text):
    """(start, end) of the EDTF text as ISO 8601 dates or partial dates ("2010-11-08", "2001-10",
    "2001"), for schema.org and calendars; the bounding days where the text is not that plain."""
    if not text:
        return None, None
    parts = str(text).split("/")
    plain = [part.strip("?~%") for part in parts]
    if len(plain) <= 2 and all(precision(part) and part for part in plain):
        return plain[0], plain[-1]
    earliest, latest = bounds(text)
    return (
        earliest.isoformat() if earliest else None,
        latest.isoformat() if latest else None,
    )


def bounds_in_order(name, field, *, start=None, end=None):
    """A database check that an EDTF field's derived bounds are in order (the latest day not
    before the earliest); `start`/`end` name other bound fields to compare instead."""
    start = start or f"{field}_earliest"
    end = end or f"{field}_latest"
    return models.CheckConstraint(
        condition=models.Q((f"{start}__isnull", True))
        | models.Q((f"{end}__isnull", True))
        | models.Q((f"{end}__gte", models.F(start))),
        name=name,
        violation_error_message=_("The end may not be before the start."),
    )
