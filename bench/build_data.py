"""Fill a scratch database with the benchmark's data set (bench/data.py):

    DATABASE_URL=postgres://…/hnp_bench python bench/build_data.py --articles 100000

``make bench`` runs it when its database lacks the data. Not part of the site: it lives here,
with the benchmark, and is run with the site's settings.
"""

import argparse
import os
import sys
import time
from pathlib import Path


def build_data_set(
    *,
    articles: int,
    comments: int,
    years: int = 10,
    seed: int = 2026,
    replace: bool = False,
    progress=None,
) -> str:
    """Build the data set in the configured database; returns a one-line summary. Raises
    ValueError for impossible sizes or a database that already holds articles (unless
    ``replace``: then every comment, article and category is deleted first)."""
    from articles.models import Article
    from bench import data

    if articles < 1 or comments < 0 or years < 1:
        raise ValueError("--articles and --years must be 1 or more, --comments 0 or more.")
    if replace:
        data.clear_content()
    elif Article.objects.exists():
        raise ValueError(
            "The database already has articles. Use a scratch database, or --replace to "
            "delete every comment, article and category first."
        )
    started = time.monotonic()
    summary = data.build(
        articles=articles,
        comments=comments,
        years=years,
        seed=seed,
        progress=progress or (lambda message: None),
    )
    return (
        f"{summary.articles} articles ({summary.published} published) in "
        f"{summary.categories} categories, {summary.comments} comments "
        f"({summary.approved} approved; {summary.hot_articles} articles with 500 or more "
        f"approved) in {time.monotonic() - started:.0f} s."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--replace",
        action="store_true",
        help="First delete every comment, article and category. For a scratch database!",
    )
    parser.add_argument(
        "--reading-only",
        action="store_true",
        help="Only (re)make the month of daily views and the most-read ranking.",
    )
    parser.add_argument(
        "--tags-only",
        action="store_true",
        help="Only (re)make the articles' tags (a data set built before tags existed).",
    )
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args(argv)

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    started = time.monotonic()

    def progress(message: str) -> None:
        if options.verbose:
            print(f"[{time.monotonic() - started:6.1f}s] {message}", flush=True)

    if options.tags_only:
        import random

        from bench.data import add_tags

        print(f"{add_tags(random.Random(options.seed))} articles tagged.")  # noqa: S311
        return 0
    if options.reading_only:
        import random

        from django.utils import timezone

        from bench.data import add_reading

        rows = add_reading(random.Random(options.seed), now=timezone.now())  # noqa: S311
        print(f"{rows} daily view rows, most read ranked.")
        return 0
    try:
        print(
            build_data_set(
                articles=options.articles,
                comments=options.comments,
                years=options.years,
                seed=options.seed,
                replace=options.replace,
                progress=progress,
            )
        )
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
