from pathlib import Path

from django.core.management.base import BaseCommand

from hnp.backups import restore_database


class Command(BaseCommand):
    help = (
        "Replace the database's contents with a dump made by `manage.py backup`, in one "
        "transaction. Stop the web processes first (docs/deploy.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("dump", type=Path)

    def handle(self, *args, dump: Path, **options):
        restore_database(dump)
        self.stdout.write(f"Restored {dump}")
