from django.core.management.base import BaseCommand

from hnp.backups import make_backup


class Command(BaseCommand):
    help = (
        "Dump the database and archive the uploaded media into BACKUP_DIR, remove the backups "
        "older than BACKUP_KEEP_DAYS, and copy to BACKUP_S3_BUCKET when it is set."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-media", action="store_true", help="The database only.")

    def handle(self, *args, no_media: bool, **options):
        backup = make_backup(media=not no_media)
        self.stdout.write(f"Backed up to {backup.dump}")
        if backup.media:
            self.stdout.write(f"Media archived to {backup.media}")
