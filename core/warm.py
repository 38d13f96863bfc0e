"""What every worker would otherwise do on its first request, done once in gunicorn's master
before it forks them (gunicorn.conf.py, `preload_app`): the URL patterns of each language
compiled, the release named (core.release), the site's templates parsed into the cached
loader, each language's catalog read. Touches neither the database nor the cache: their
connections must not be shared by the forked workers."""

from pathlib import Path

from django.conf import settings
from django.template import TemplateSyntaxError
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

from .release import release

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def warm():
    release()  # read every source file once, not in each worker
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            get_resolver()._populate()
            translation.gettext("ANMC21 Records")
    for path in sorted(TEMPLATES.rglob("*")):
        if path.suffix in (".html", ".txt", ".xml") and "admin" not in path.parts:
            try:
                get_template(str(path.relative_to(TEMPLATES)))
            except TemplateSyntaxError:  # a fragment that is not a template on its own
                continue
