from django.core.management.base import BaseCommand, CommandError

from backoffice.scale_data import ScaleDataExists, make_scale_data


class Command(BaseCommand):
    help = (
        "Add synthetic published records at N times the shipped record (per unit: a meeting "
        "with its parts, a declaration of 100 clauses, a project, a press release, two cities), "
        "for benchmarks; the same --seed writes the same records."
    )

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=int, required=True, help="How many units to add.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")

    def handle(self, *args, factor, seed, **options):
        if factor < 1:
            raise CommandError("--factor must be 1 or more.")
        try:
            counts = make_scale_data(factor=factor, seed=seed)
        except ScaleDataExists as exc:
            raise CommandError(str(exc)) from exc
        summary = ", ".join(f"{count:,} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Added {summary}."))
