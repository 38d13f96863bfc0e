"""Concurrent staff saves and sign-ins on a SQLite file, with production settings.

Each of --threads threads signs in once and then saves a city --saves times (a versioned save
with its history row: several statements in one transaction), all at once. It prints how many
of each failed, and exits non-zero on any failure.

    .venv/bin/python benchmarks/sqlite_concurrency.py --threads 16 --saves 6
    .venv/bin/python benchmarks/sqlite_concurrency.py --unsafe   # SQLite's defaults, to compare

--unsafe turns off what anmc21/settings/base.py sets for SQLite (write-ahead log, IMMEDIATE
write transactions, a busy timeout), to show what they prevent.
"""

import argparse
import json
import os
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--saves", type=int, default=6)
    parser.add_argument("--unsafe", action="store_true", help="SQLite's default modes instead")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="anmc21-sqlite-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="anmc21.settings.production",
        DJANGO_SECRET_KEY="benchmark-only-" + "k" * 60,
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"sqlite:///{folder}/db.sqlite3",
        DJANGO_LOG_LEVEL="CRITICAL",
    )
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    if args.unsafe:
        settings.DATABASES["default"]["OPTIONS"] = {"timeout": 0}
    # Hashing passwords is not what is measured here, and a slow hasher spaces the writes out.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    django.setup()

    import warnings

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client

    from backoffice.loader import load_records
    from plenaries.models import City

    warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic here
    call_command("migrate", verbosity=0)
    load_records()
    from django.contrib.auth import get_user_model

    for n in range(args.threads):
        get_user_model().objects.create_superuser(f"staff{n}", password="a-long-test-password")
    slugs = list(City.objects.order_by("slug").values_list("slug", flat=True))
    connection.close()

    failures = {"sign-in": 0, "save": 0}
    start = threading.Barrier(args.threads)

    def staff_member(n):
        client = Client()
        start.wait()
        try:
            response = client.post(
                "/admin/login/", {"username": f"staff{n}", "password": "a-long-test-password"}
            )
            if response.status_code != 302:
                failures["sign-in"] += 1
        except Exception:
            failures["sign-in"] += 1
        for save in range(args.saves):
            try:
                with transaction.atomic():
                    city = City.objects.get(slug=slugs[(n + save) % len(slugs)])
                    city.description = f"Edited by staff{n}, save {save}."
                    city.save()
            except Exception:
                failures["save"] += 1
        connection.close()

    threads = [threading.Thread(target=staff_member, args=(n,)) for n in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(
        json.dumps(
            {
                "mode": "sqlite defaults" if args.unsafe else "as configured",
                "sign_ins": args.threads,
                "sign_in_failures": failures["sign-in"],
                "saves": args.threads * args.saves,
                "save_failures": failures["save"],
            }
        )
    )
    return 1 if any(failures.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
