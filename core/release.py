"""Which release of the site this process runs: pages and their parts are cached per release
(core.cache), so that a deploy that changes a template, a translation or a style never serves
the page an earlier release rendered, while the record's version (shared by every release, so
that a publication shows on every app server during a rolling deploy) stays as it was."""

import functools
import hashlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.dispatch import receiver
from django.utils.autoreload import file_changed

# What a page is made from, in the site's own folders (the database aside).
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".po", ".css", ".js", ".svg", ".json", ".lock"}


@functools.cache
def release():
    """DJANGO_RELEASE (a deploy may name it: a commit, a tag), else a digest of the site's code,
    templates, translations, static sources and locked requirements: the same on every app
    server that runs the same files, whatever their dates."""
    if settings.RELEASE:
        return settings.RELEASE
    digest = hashlib.sha256()
    for path in sorted(_source_files()):
        base = Path(settings.BASE_DIR)
        digest.update(str(path.relative_to(base) if path.is_relative_to(base) else path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _source_files():
    base = Path(settings.BASE_DIR)
    # The site's own apps, not the installed packages (their versions are in the lock file),
    # even where the virtualenv is inside the project's folder.
    folders = {
        Path(config.path)
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(base)
        and "site-packages" not in Path(config.path).relative_to(base).parts
    }
    folders |= {Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]}
    folders |= {Path(folder) for folder in (*settings.STATICFILES_DIRS, *settings.LOCALE_PATHS)}
    for folder in folders:
        for path in folder.rglob("*"):
            if (
                path.suffix in SOURCE_SUFFIXES
                and "migrations" not in path.relative_to(folder).parts
                and path.is_file()
            ):
                yield path
    lock = base / "requirements.lock"
    if lock.is_file():
        yield lock


@receiver(file_changed)
def _forget_release(**kwargs):
    """A file edited under runserver (a template: Python code restarts the server)."""
    release.cache_clear()
