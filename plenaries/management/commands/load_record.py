from django.core.management.base import BaseCommand

from plenaries.seed import load_record


class Command(BaseCommand):
    help = "Load the network's shipped record (Tokyo 2010); safe to run again, overwrites nothing."

    def handle(self, *args, **options):
        created = load_record()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Loaded the record: {created} rows created."))
        else:
            self.stdout.write("The record is already loaded; nothing changed.")
