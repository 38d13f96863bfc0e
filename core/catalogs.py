"""The site's translation catalogs (settings.LOCALE_PATHS): compiled from `.po` to `.mo` with
Babel, in pure Python, so a fresh machine needs no GNU gettext (Django's `compilemessages`
runs `msgfmt`); and checked for entries a reader would see untranslated."""

import os
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings


def catalogs():
    """Every `.po` file of the project's locales."""
    return sorted(
        path for root in settings.LOCALE_PATHS for path in Path(root).glob("*/LC_MESSAGES/*.po")
    )


def read(po_path):
    with open(po_path, "rb") as source:
        return read_po(source, locale=po_path.parent.parent.name)


def compile_catalogs(*, force=False):
    """Write each catalog's `.mo` beside it where it is missing or older than the `.po` (all
    of them with `force`); atomically, so processes reading or compiling at once are safe.
    Returns the files written."""
    written = []
    for po_path in catalogs():
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        catalog = read(po_path)
        handle, temporary = tempfile.mkstemp(dir=po_path.parent, suffix=".mo.tmp")
        with os.fdopen(handle, "wb") as target:
            write_mo(target, catalog)
        os.replace(temporary, mo_path)
        written.append(mo_path)
    return written


def untranslated(po_path):
    """The entries of a catalog a reader would see in English: no translation, a partial one
    (a plural form missing) or a fuzzy one (which gettext does not use)."""
    return [
        message.id
        for message in read(po_path)
        if message.id
        and (message.fuzzy or not (all(message.string) if message.pluralizable else message.string))
    ]
