from django.conf import settings
from django.core.management.base import BaseCommand

from comments.privacy import purge_commenter_data


class Command(BaseCommand):
    help = (
        "Erase the phone number, IP address and browser of comments moderated more than "
        "COMMENT_PII_RETENTION_DAYS days ago. Run it daily (see SECURITY.md)."
    )

    def handle(self, *args, **options):
        erased = purge_commenter_data()
        if options["verbosity"] > 0:
            self.stdout.write(
                f"Personal data erased from {erased} comment(s) moderated more than "
                f"{settings.COMMENT_PII_RETENTION_DAYS} days ago."
            )
