import os
import sys

from django.core.management.base import BaseCommand, CommandError

from core.backup import dump, export_record


class Command(BaseCommand):
    help = "Write the whole record (and staff accounts) as a versioned JSON backup."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="File to write, readable by its owner only; standard output if omitted.",
        )

    def handle(self, *args, output=None, **options):
        document = export_record()
        if output:
            try:
                with open_private(output) as stream:
                    dump(document, stream)
            except OSError as exc:
                raise CommandError(f"Cannot write {output}: {exc.strerror}.") from exc
            rows = sum(len(rows) for rows in document["tables"].values())
            self.stderr.write(f"Wrote {rows} rows to {output}.")
        else:
            dump(document, sys.stdout)


def open_private(path):
    """Open a file for writing that only its owner may read or write (mode 0600), created so
    or made so before anything is written: a backup holds password hashes."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(descriptor, 0o600)  # a file that was already there keeps its mode otherwise
        return os.fdopen(descriptor, "w", encoding="utf-8")
    except OSError:
        os.close(descriptor)
        raise
