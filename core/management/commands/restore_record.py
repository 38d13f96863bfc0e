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
        except OSError as exc:
            raise CommandError(f"Cannot read {backup}: {exc.strerror}.") from exc
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(
                f"Nothing was restored: {backup} is not a whole backup (truncated or damaged?): "
                f"{exc}."
            ) from exc
        try:
            counts = restore_record(document)
        except BackupError as exc:
            raise CommandError(f"Nothing was restored: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(f"Restored {sum(counts.values())} rows in {len(counts)} tables.")
        )
