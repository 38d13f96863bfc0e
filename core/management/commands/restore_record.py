import json

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore_record


class Command(BaseCommand):
    help = "Restore a JSON backup written by export_record into an empty, migrated database."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup file.")

    def handle(self, *args, backup, **options):
        try:
            with open(backup, encoding="utf-8") as stream:
                document = json.load(stream)
            counts = restore_record(document)
        except (OSError, json.JSONDecodeError, BackupError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Restored {sum(counts.values())} rows in {len(counts)} tables.")
        )
