from django.core.management.base import BaseCommand, CommandError

from backoffice.loader import RecordFileError, load_records


class Command(BaseCommand):
    help = (
        "Load record files (YAML, see records/README.md): the shipped record by default, or the "
        "files and folders named. Safe to run again: creates what is missing, overwrites nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Record files or folders (default: records/).")

    def handle(self, *args, paths=(), **options):
        try:
            created = load_records(paths)
        except RecordFileError as exc:
            raise CommandError(str(exc)) from exc
        if created:
            self.stdout.write(self.style.SUCCESS(f"Loaded the record: {created} rows created."))
        else:
            self.stdout.write("The record is already loaded; nothing changed.")
