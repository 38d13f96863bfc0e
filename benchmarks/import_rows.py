"""Time the admin import of a large file: cities, then participations, then inquiry contacts.

Builds a fresh database holding the shipped record (a temporary SQLite file unless
DATABASE_URL is set), signs in a superuser and, for each kind, uploads a file of --rows rows
(CSV, or XLSX with --format xlsx) to its admin import page, then confirms it, as staff would.
Prints, per step, the rows, the seconds and the database queries, and exits non-zero if an
import did not create every row.

    .venv/bin/python benchmarks/import_rows.py --rows 10000 --format csv
    make bench-import                  # the same; BENCH_ARGS="--format xlsx" for Excel files
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import tablib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(workdir):
    os.environ["DJANGO_SETTINGS_MODULE"] = "anmc21.settings.local"
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ["DJANGO_LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'import.sqlite3'}")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the test client read each page's context

    from backoffice.loader import load_records

    call_command("migrate", verbosity=0)
    load_records()


def as_file(header, rows, file_format):
    """The bytes of a CSV or XLSX file of these rows."""
    content = tablib.Dataset(*rows, headers=header).export(file_format)
    return content.encode() if isinstance(content, str) else content


def city_file(count, file_format):
    rows = [(f"Bench City {n:05}", f"bench-city-{n:05}", "Benchland") for n in range(count)]
    return as_file(("name", "slug", "country"), rows, file_format)


def participation_file(count, file_format):
    """Every new city at each shipped meeting, as a member, until there are `count` rows."""
    from plenaries.models import PlenaryMeeting

    numbers = list(PlenaryMeeting.objects.order_by("number").values_list("number", flat=True))
    rows = [
        (numbers[n % len(numbers)], f"Bench City {n // len(numbers):05}", "member")
        for n in range(count)
    ]
    return as_file(("meeting", "city", "role"), rows, file_format)


def contact_file(count, file_format):
    from contacts.models import OrganisationUnit
    from plenaries.models import Topic

    unit = OrganisationUnit.objects.create(name="Bench Section", kind="section")
    topics = "|".join(Topic.objects.order_by("slug").values_list("slug", flat=True)[:2])
    rows = [
        (f"Bench Person {n:05}", unit.name, "03-5388-2234", "JP", "ja", topics)
        for n in range(count)
    ]
    header = ("person", "unit", "phone", "phone_region", "language", "topics")
    return as_file(header, rows, file_format)


def timed(label, rows, request):
    """Run one request; print its rows, seconds and queries; return the response."""
    from django.db import connection

    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        response = request()
        seconds = time.perf_counter() - started
    print(f"{label:<32} {rows:>7} {seconds:>9.2f} {queries:>9}", flush=True)
    return response


def import_file(client, model, label, content, rows, file_format):
    """Preview then confirm one file through the model's admin import pages."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    base = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    page = client.get(reverse(f"{base}_import"))
    formats = {title: value for value, title in page.context["form"].fields["format"].choices}
    preview = timed(
        f"{label}: preview",
        rows,
        lambda: client.post(
            reverse(f"{base}_import"),
            {
                "format": formats[file_format],
                "import_file": SimpleUploadedFile(f"rows.{file_format}", content),
            },
        ),
    )
    if "confirm_form" not in preview.context:
        errors = preview.context.get("form") and preview.context["form"].errors
        raise SystemExit(f"{label}: the preview refused the file: {errors or 'row errors'}")
    timed(
        f"{label}: confirm",
        rows,
        lambda: client.post(
            reverse(f"{base}_process_import"), preview.context["confirm_form"].initial
        ),
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000, help="rows per file (10000)")
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv", dest="file_format")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as workdir:
        setup_django(Path(workdir))
        from django.contrib.auth import get_user_model
        from django.test import Client

        from contacts.models import InquiryContact
        from plenaries.models import City, Participation

        user = get_user_model().objects.create_superuser("bench", "bench@example.org", None)
        client = Client()
        client.force_login(user)

        print(f"{'step':<32} {'rows':>7} {'seconds':>9} {'queries':>9}")
        for model, label, make_file in (
            (City, "cities", city_file),
            (Participation, "participations", participation_file),
            (InquiryContact, "contacts", contact_file),
        ):
            content = make_file(args.rows, args.file_format)
            import_file(client, model, label, content, args.rows, args.file_format)

        created = {
            "cities": City.objects.filter(slug__startswith="bench-city-").count(),
            "participations": Participation.objects.filter(
                city__slug__startswith="bench-city-"
            ).count(),
            "contacts": InquiryContact.objects.filter(unit__name="Bench Section").count(),
        }
        short = {kind: n for kind, n in created.items() if n != args.rows}
        if short:
            raise SystemExit(f"not every row was created: {short}")


if __name__ == "__main__":
    main()
