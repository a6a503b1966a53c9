from django.core.management.base import BaseCommand

from comments.tasks import queue_missed_digest


class Command(BaseCommand):
    help = (
        "Queue the moderators' digest if pending comments wait that no digest has listed (their "
        "queueing failed during a database outage). Run by run_jobs (settings.PERIODIC_JOBS)."
    )

    def handle(self, *args, **options):
        if queue_missed_digest() and options["verbosity"] > 0:
            self.stdout.write("Pending comments wait for a digest: one is queued.")
