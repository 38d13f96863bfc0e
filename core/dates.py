"""Dates as precisely as they are known, in the Library of Congress Extended Date/Time Format
(EDTF): "2010-11-08/2010-11-09", "2001-10" (October 2001), "2011" (some time in 2011), "2001?"
(2001, uncertain), "2000~" (about 2000).

A record keeps the EDTF text as entered and, derived from it on save, the earliest and latest
day it can mean, for ordering and queries (`EDTFField`); pages show it in words (`in_words`).
"""

import datetime
import functools

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from edtf import Date, Interval, UncertainOrApproximate, parse_edtf, struct_time_to_date
from edtf.parser.edtf_exceptions import EDTFParseException

EXAMPLES = _(
    "As precisely as the source says (EDTF): 2010-11-08/2010-11-09 for two days, 2001-10 for "
    "October 2001, 2011 for a year, 2001? if uncertain, 2000~ for about 2000."
)


@functools.lru_cache(maxsize=8192)
def _parse(text):
    # The EDTF parser takes some 15 ms a text; a record holds few distinct dates.
    return parse_edtf(text)


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
    day = _as_date(value)
    return date_format(day, {"day": "j F Y", "month": "F Y", "year": "Y"}[_precision(value)])


def _span(lower, upper):
    if not (type(lower) is Date and type(upper) is Date):
        return None
    if _precision(lower) == _precision(upper) == "day":
        start, end = _as_date(lower), _as_date(upper)
        if start == end:
            return date_format(start, "j F Y")
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{date_format(end, 'j F Y')}"
        if start.year == end.year:
            return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    if _precision(lower) == _precision(upper) == "month" and lower.year == upper.year:
        return f"{date_format(_as_date(lower), 'F')}–{_single(upper)}"
    if _precision(lower) == _precision(upper) == "year":
        return f"{lower.year}–{upper.year}"
    return f"{_single(lower)} – {_single(upper)}"


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


def from_dates(start, end=None):
    """The EDTF text of a known day or span of days."""
    if start is None:
        return ""
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()}/{end.isoformat()}"


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
