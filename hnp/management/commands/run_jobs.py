import argparse
import logging
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

logger = logging.getLogger("hnp.jobs")


def _job(value: str) -> tuple[str, int]:
    command, _, seconds = value.partition(":")
    if not command or not seconds.isdigit() or int(seconds) <= 0:
        raise argparse.ArgumentTypeError(f"{value!r}: expected COMMAND:SECONDS, e.g. backup:86400")
    return command, int(seconds)


class Command(BaseCommand):
    help = "Run the periodic jobs (view counts, captcha cleanup, personal-data retention) forever."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once and stop.")
        parser.add_argument(
            "--job",
            action="append",
            type=_job,
            metavar="COMMAND:SECONDS",
            help="Run these instead of settings.PERIODIC_JOBS (the backup service: backup:86400).",
        )

    def handle(self, *args, once: bool, job: list | None, **options):
        # (command, seconds between runs), from settings.PERIODIC_JOBS or --job.
        next_run = {tuple(each): 0.0 for each in job or settings.PERIODIC_JOBS}
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
