import sys

from django.core.management.base import BaseCommand

from core.backup import dump, export_record


class Command(BaseCommand):
    help = "Write the whole record (and staff accounts) as a versioned JSON backup."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="File to write; standard output if omitted.")

    def handle(self, *args, output=None, **options):
        document = export_record()
        if output:
            with open(output, "w", encoding="utf-8") as stream:
                dump(document, stream)
            rows = sum(len(rows) for rows in document["tables"].values())
            self.stderr.write(f"Wrote {rows} rows to {output}.")
        else:
            dump(document, sys.stdout)
