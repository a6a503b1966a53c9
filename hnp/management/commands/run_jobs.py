import logging
import time
from dataclasses import dataclass

from django.core.management import call_command
from django.core.management.base import BaseCommand

logger = logging.getLogger("hnp.jobs")


@dataclass(frozen=True)
class Job:
    command: str
    every_seconds: int


# The site's periodic work, for deployments without cron (docker-compose's `jobs` service).
# With cron, schedule the same commands at the same intervals instead.
JOBS = (
    Job("flush_view_counts", 60),  # view counts from the cache into the database
    Job("captcha_clean", 30 * 60),  # expired captchas
    Job("purge_commenter_data", 24 * 60 * 60),  # phone/IP past the retention period
)


class Command(BaseCommand):
    help = "Run the periodic jobs (view counts, captcha cleanup, personal-data retention) forever."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once and stop.")

    def handle(self, *args, once: bool, **options):
        next_run = dict.fromkeys(JOBS, 0.0)
        while True:
            now = time.monotonic()
            for job, due in next_run.items():
                if once or now >= due:
                    self._run(job)
                    next_run[job] = now + job.every_seconds
            if once:
                return
            time.sleep(max(1.0, min(next_run.values()) - time.monotonic()))

    def _run(self, job: Job) -> None:
        # One failing job (a database restart, say) must not stop the others for good.
        try:
            call_command(job.command, verbosity=0)
        except Exception:
            logger.exception("Scheduled job %s failed", job.command)
