import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import downloads
from plenaries.calendar import MEETINGS_CALENDAR
from public import opendata, popolo, tables


def every_download():
    return [
        opendata.RECORD_JSON,
        opendata.MEETINGS_CSV,
        *tables.DOWNLOADS.values(),
        popolo.POPOLO_JSON,
        MEETINGS_CALENDAR,
    ]


class Command(BaseCommand):
    help = (
        "Build every download of the record's current version, in every language, into the "
        "downloads storage, so that no reader waits for one; remove older versions' copies. "
        "Run it after a deploy or a publish, or from cron: a download not built yet is built "
        "by its first reader anyway."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            action="append",
            required=True,
            help="The site's address as readers reach it (https://records.example.org): the "
            "downloads' links are made with it, and readers at that address get the copies. "
            "Repeat it for each address the site answers at.",
        )

    def handle(self, *args, base_url, **options):
        for url in base_url:
            if not url.startswith(("http://", "https://")):
                raise CommandError(f"{url} is not an http:// or https:// address.")
            for language, _name in settings.LANGUAGES:
                for download in every_download():
                    started = time.perf_counter()
                    name, outcome = downloads.build(download, url, language)
                    seconds = time.perf_counter() - started
                    self.stdout.write(f"{name}: {outcome} ({seconds:.1f} s)")
