"""Demo reader comments for `make run`, loaded after `load_demo` has made the articles.

Safe to run repeatedly: a comment is identified by its article, name and title, so a second
run adds nothing. Development only, like load_demo.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from demo.comment_threads import THREADS
from demo.loading import load_demo_comments


class Command(BaseCommand):
    help = "Add demo reader comments (approved and pending) to the newest demo articles."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is False. Never do this on a real site.",
        )

    def handle(self, *args, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("load_demo_comments is for development sites (DEBUG=True).")
        articles = list(Article.objects.published().filter(allow_comments=True)[: len(THREADS)])
        if not articles:
            raise CommandError("No published articles: run `manage.py load_demo` first.")
        created = load_demo_comments(articles=articles, now=timezone.now())
        approved = Comment.objects.approved().count()
        pending = Comment.objects.pending().count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo comments: {created} new; {approved} approved and {pending} pending in all."
            )
        )
