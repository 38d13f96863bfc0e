"""How to cite a record: one description of the work, written out in BibTeX, RIS and CSL-JSON
for reference managers (Zotero, EndNote, BibLaTeX, Pandoc...).

A `Work` holds what every format needs; dates are EDTF texts, given as precisely as they are
known (a year alone stays a year: no format is told a day it does not have).
"""

import json
import re
from dataclasses import dataclass, field

from .dates import precision

FORMATS = {
    # extension: (content type, name)
    "bib": ("application/x-bibtex; charset=utf-8", "BibTeX"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "RIS"),
    "json": ("application/vnd.citationstyles.csl+json; charset=utf-8", "CSL-JSON"),
}


@dataclass(frozen=True)
class Work:
    """A citable record: a meeting, a declaration or one clause of it."""

    key: str  # a stable citation key: "anmc21-plenary-9", "anmc21-tokyo-declaration-clause-3"
    kind: str  # "event" or "document"
    title: str
    author: str  # an organisation, cited as a whole name (never split into given/family)
    date: str  # EDTF
    url: str
    place: str = ""
    container: str = ""  # the larger work a part belongs to (a clause's declaration)
    publisher: str = ""
    note: str = ""
    section: str = ""  # a clause's number
    licence_url: str = ""
    keywords: list = field(default_factory=list)


def date_parts(text):
    """[year, month, day] as far as the EDTF text says them plainly; [] if it says none."""
    if not text or precision(text) is None:
        return []
    start = str(text).split("/")[0].strip("?~%")
    return [int(part) for part in start.split("-")][
        : {"year": 1, "month": 2, "day": 3}[precision(start)]
    ]


def csl_json(work):
    """CSL-JSON (the Citation Style Language's data format): a list of one item."""
    item = {
        "id": work.key,
        "type": work.kind,
        "title": work.title,
        "author": [{"literal": work.author}],
        "URL": work.url,
    }
    parts = date_parts(work.date)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    elif work.date:
        item["issued"] = {"literal": work.date}
    if work.kind == "event":
        item["event-title"] = work.title
        if work.place:
            item["event-place"] = work.place
    elif work.place:
        item["publisher-place"] = work.place
    for key, value in (
        ("container-title", work.container),
        ("publisher", work.publisher),
        ("note", work.note),
        ("section", work.section),
        ("license", work.licence_url),
    ):
        if value:
            item[key] = value
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


_BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_^~])")
_BIBTEX_REPLACEMENTS = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def bibtex_escape(text):
    """Text safe inside a BibTeX value: LaTeX's special characters escaped, braces balanced."""
    return _BIBTEX_SPECIAL.sub(
        lambda m: _BIBTEX_REPLACEMENTS.get(m.group(1), "\\" + m.group(1)), str(text)
    )


def bibtex(work):
    """A BibTeX @misc entry (BibLaTeX reads it too); the author in double braces, as one
    corporate name."""
    parts = date_parts(work.date)
    fields = [
        ("title", "{" + bibtex_escape(work.title) + "}"),
        ("author", "{" + bibtex_escape(work.author) + "}"),
    ]
    if parts:
        fields.append(("year", str(parts[0])))
    if len(parts) > 1:
        fields.append(("month", MONTHS[parts[1] - 1]))
    if work.date:
        # BibLaTeX reads EDTF: a span, a month, "2000~" (about 2000) as they are recorded.
        fields.append(("date", bibtex_escape(work.date)))
    for name, value in (
        ("howpublished", work.container),
        ("address", work.place),
        ("publisher", work.publisher),
        ("note", work.note),
    ):
        if value:
            fields.append((name, bibtex_escape(value)))
    fields.append(("url", work.url.replace("%", r"\%").replace("#", r"\#")))
    body = ",\n".join(
        f"  {name} = {value}" if name in ("month", "year") else f"  {name} = {{{value}}}"
        for name, value in fields
    )
    return f"@misc{{{work.key},\n{body}\n}}\n"


def ris(work):
    """RIS (Research Information Systems), one record; lines end in CRLF as the format asks."""
    kind = {"event": "GEN", "document": "GOVDOC"}[work.kind]
    lines = [("TY", kind), ("TI", work.title), ("AU", work.author)]
    parts = date_parts(work.date)
    if parts:
        lines.append(("PY", str(parts[0])))
        month_day = [f"{p:02d}" for p in parts[1:]]
        lines.append(("DA", "/".join([str(parts[0]), *month_day]) + ("/" * (2 - len(month_day)))))
    for tag, value in (
        ("T2", work.container),
        ("CY", work.place),
        ("PB", work.publisher),
        ("N1", work.note),
        ("SE", work.section),
        ("UR", work.url),
        ("ID", work.key),
    ):
        if value:
            lines.append((tag, value))
    lines += [("KW", keyword) for keyword in work.keywords]
    lines.append(("ER", ""))
    # One line per field: line breaks inside a value would start a new, unknown tag.
    return "".join(f"{tag}  - {' '.join(str(value).split())}\r\n" for tag, value in lines)


def render(work, extension):
    """(body, content type) of the work in the format with this file extension."""
    writer = {"bib": bibtex, "ris": ris, "json": csl_json}[extension]
    return writer(work), FORMATS[extension][0]
