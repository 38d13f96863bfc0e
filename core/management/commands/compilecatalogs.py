"""`manage.py compilecatalogs`: the translation catalogs compiled in pure Python (Babel)."""

from django.core.management.base import BaseCommand

from core.catalogs import compile_catalogs


class Command(BaseCommand):
    help = "Compile the translation catalogs (locale/*/LC_MESSAGES/*.po) to .mo, without gettext."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Compile every catalog, even if up to date."
        )

    def handle(self, *args, force=False, **options):
        for path in compile_catalogs(force=force):
            self.stdout.write(f"compiled {path}")
