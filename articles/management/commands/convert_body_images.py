"""Bring the pictures of existing article bodies into the media library: ``manage.py
convert_body_images``.

For every article whose body shows uploaded pictures: a picture without a library record is
checked and re-encoded like a new upload (metadata stripped, at most 2,400 pixels on its long
side) into a new file that the body then points to; each picture gets its width and height on
its ``<img>`` and its renditions (articles/body_images.py). Safe to run again: what is done
is skipped. The bodies are updated without a new version or revision (nothing a journalist
wrote changes), and the page cache is told once at the end.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.body_images import body_picture_names, prepare_body
from articles.freshness import articles_changed
from articles.models import Article


class Command(BaseCommand):
    help = "Record the pictures of article bodies in the media library, sized, with renditions."

    def handle(self, *args, **options):
        changed = linked = 0
        candidates = Article.objects.filter(body__contains="<img").only("pk", "body").order_by("pk")
        for article in candidates.iterator(chunk_size=200):
            if not body_picture_names(article.body):
                continue
            body, pictures = prepare_body(article.body)
            with transaction.atomic():
                if body != article.body:
                    Article.objects.filter(pk=article.pk).update(body=body)
                    changed += 1
                article.images.add(*pictures)
                linked += len(pictures)
        if changed:
            articles_changed()
        self.stdout.write(f"{changed} bodies converted, {linked} pictures linked.")
