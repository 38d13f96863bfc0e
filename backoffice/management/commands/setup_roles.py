from django.core.management.base import BaseCommand

from backoffice.services import roles_set_up


class Command(BaseCommand):
    help = "Create or update the Editors and Publishers groups; safe to run again."

    def handle(self, *args, **options):
        for group in roles_set_up():
            self.stdout.write(f"{group.name}: {group.permissions.count()} permissions")
