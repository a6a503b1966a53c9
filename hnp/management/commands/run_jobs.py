import logging
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

logger = logging.getLogger("hnp.jobs")


class Command(BaseCommand):
    help = "Run the periodic jobs (view counts, captcha cleanup, personal-data retention) forever."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once and stop.")

    def handle(self, *args, once: bool, **options):
        # (command, seconds between runs), from settings.PERIODIC_JOBS.
        next_run = {tuple(job): 0.0 for job in settings.PERIODIC_JOBS}
        while True:
            now = time.monotonic()
            for (command, every_seconds), due in next_run.items():
                if once or now >= due:
                    self._run(command)
                    next_run[command, every_seconds] = now + every_seconds
            if once:
                return
            time.sleep(max(1.0, min(next_run.values()) - time.monotonic()))

    def _run(self, command: str) -> None:
        # One failing job (a database restart, say) must not stop the others for good.
        try:
            call_command(command, verbosity=0)
        except Exception:
            logger.exception("Scheduled job %s failed", command)
