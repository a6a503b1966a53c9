import time

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from hnp import benchdata
from hnp.pagecache import invalidate_pages


class Command(BaseCommand):
    help = (
        "Fill a scratch database with a large, realistic data set for `make bench`: articles "
        "over 20 categories spanning ten years, and comments (see hnp/benchdata.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--comments", type=int, default=1_000_000)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="First delete every comment, article and category. For a scratch database!",
        )

    def handle(self, *args, articles, comments, years, seed, replace, **options):
        if articles < 1 or comments < 0 or years < 1:
            raise CommandError("--articles and --years must be 1 or more, --comments 0 or more.")
        if replace:
            benchdata.clear_content()
        elif Article.objects.exists():
            raise CommandError(
                "The database already has articles. Use a scratch database, or --replace to "
                "delete every comment, article and category first."
            )
        started = time.monotonic()

        def progress(message: str) -> None:
            if options["verbosity"] > 1:
                self.stdout.write(f"[{time.monotonic() - started:6.1f}s] {message}")

        summary = benchdata.build(
            articles=articles, comments=comments, years=years, seed=seed, progress=progress
        )
        invalidate_pages()
        self.stdout.write(
            self.style.SUCCESS(
                f"{summary.articles} articles ({summary.published} published) in "
                f"{summary.categories} categories, {summary.comments} comments "
                f"({summary.approved} approved; {summary.hot_articles} articles with 500 or more "
                f"approved) in {time.monotonic() - started:.0f} s."
            )
        )
