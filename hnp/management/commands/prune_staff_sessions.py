from django.core.management.base import BaseCommand

from hnp.staff_sessions import prune_sessions


class Command(BaseCommand):
    help = "Forget the staff sessions that ended without a sign-out (idle, expired)."

    def handle(self, *args, verbosity: int, **options):
        count = prune_sessions()
        if verbosity:
            self.stdout.write(f"{count} ended staff sessions forgotten.")
