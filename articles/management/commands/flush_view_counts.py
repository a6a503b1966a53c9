from django.core.management.base import BaseCommand

from articles.most_read import flush_view_counts, rank_most_read


class Command(BaseCommand):
    help = (
        "Move the article view counts kept in the cache into the database (daily views), "
        "then rank the most read articles. "
        "Run it every minute, e.g. from cron: * * * * * manage.py flush_view_counts"
    )

    def handle(self, *args, **options):
        moved = flush_view_counts()
        ranked = rank_most_read()
        if options["verbosity"] > 1:
            self.stdout.write(f"{moved} views moved to the database; {ranked} articles ranked.")
