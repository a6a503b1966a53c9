"""View counts and the "Đọc nhiều" (most read) list. docs/most_read.md has the design.

Counting never writes to the database while a reader waits, and works with whole-page caching:

1. The article page (cached or not) loads static/js/views.js, which sends one
   ``navigator.sendBeacon`` POST to ``articles:count_view``.
2. That view calls ``record_view``: a reader (client address, IPv6 /64) counts once per
   article per ``VIEW_DEDUP_SECONDS``, then one counter in Django's cache (Redis in
   production, shared by every server process) goes up. Nothing else happens.
3. ``flush_view_counts`` (``manage.py flush_view_counts``, run every minute by cron) moves the
   counters into ``ArticleDailyViews``: one row per article per day, then ``rank_most_read``
   writes the ranking the pages show into ``MostReadEntry``.

Counters live in one-minute buckets. The first view of an article in a bucket also takes a
numbered slot in that bucket (``cache.incr`` gives the number) and writes the article's id
there; the flush reads a finished bucket's slots to learn which counters to collect, then
deletes them. A bucket is flushed only once no process can still be writing to it, so no
count is read and then lost. Plain cache operations only (add, incr, get_many, delete_many):
any Django cache backend works, though only a shared one (Redis) lets the command see what
the web processes counted.

The list shows the articles most read over the last ``MOST_READ_DAYS`` days (today
included): a week follows what the city reads now without being only today's news, and it
changes daily rather than by the minute. Ranking a week of views takes ~17 ms at 3,000
articles read a day, so it is done by the job, not by the pages.
"""

import datetime as dt
import hashlib
import logging
import re
import time

from django.core.cache import cache, caches
from django.db import transaction
from django.db.models import F, OuterRef, Subquery, Sum
from django.utils import timezone

from hnp.network import client_key
from hnp.ratelimit import LIMITS_CACHE

from .models import Article, ArticleDailyViews, MostReadEntry

logger = logging.getLogger(__name__)

VIEW_DEDUP_SECONDS = 30 * 60
BUCKET_SECONDS = 60
# Counters outlive a missed flush for this long; the flush looks back as far.
COUNTER_LIFETIME = 2 * 24 * 3600
MOST_READ_DAYS = 7
MOST_READ_COUNT = 5
# Ranked places kept: three times the list, so that articles taken down since leave room.
RANKED_COUNT = MOST_READ_COUNT * 3

# User agents of crawlers, link previews, monitors and scripts: their visits are not readers'.
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|preview|headless|lighthouse|pingdom|uptime|monitor|scan|"
    r"facebookexternalhit|python|curl|wget|httpclient|okhttp|go-http|java/|axios|node-fetch",
    re.IGNORECASE,
)

_FLUSH_LOCK = "views:flush-lock"


def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(BOT_USER_AGENT.search(user_agent))


def _bucket(now: float) -> int:
    return int(now // BUCKET_SECONDS)


def _counter_key(bucket: int, article_id: int) -> str:
    return f"views:{bucket}:a:{article_id}"


def _slots_key(bucket: int) -> str:
    return f"views:{bucket}:slots"


def _slot_key(bucket: int, slot: int) -> str:
    return f"views:{bucket}:slot:{slot}"


def record_view(*, article_id: int, client_ip: str, user_agent: str, now: float | None = None):
    """Count one view of ``article_id`` by a reader, unless that reader was counted for it in
    the last ``VIEW_DEDUP_SECONDS``. Returns whether the view counted.

    Cache operations only. If the cache fails, the view is not counted (and a warning logged):
    counting is never worth an error page or a slow answer.
    """
    now = time.time() if now is None else now
    # One count per client address (an IPv6 client's /64) whatever the user agent: a script
    # changing its User-Agent on every beacon counts once (issue 18). The marks live in the
    # limits cache, which never evicts them to make room for pages.
    reader = hashlib.sha256(f"{client_key(client_ip)}\n{article_id}".encode()).hexdigest()
    bucket = _bucket(now)
    counter = _counter_key(bucket, article_id)
    try:
        if not caches[LIMITS_CACHE].add(f"views:seen:{reader[:32]}", 1, VIEW_DEDUP_SECONDS):
            return False
        if cache.add(counter, 1, COUNTER_LIFETIME):
            # First view in this bucket: take a slot, so that the flush finds the counter.
            cache.add(_slots_key(bucket), 0, COUNTER_LIFETIME)
            slot = cache.incr(_slots_key(bucket))
            cache.set(_slot_key(bucket, slot), article_id, COUNTER_LIFETIME)
        else:
            cache.incr(counter)
    except Exception:  # any cache failure: skip the count, never fail the request
        logger.warning("View not counted: the cache failed.", exc_info=True)
        return False
    return True


def flush_view_counts(*, now: float | None = None) -> int:
    """Move the finished buckets' counters into ``ArticleDailyViews``; returns how many views
    were moved. Safe to run from several machines at once (a cache lock lets one work)."""
    now = time.time() if now is None else now
    if not cache.add(_FLUSH_LOCK, 1, 5 * 60):
        logger.info("Another flush_view_counts is running; nothing done.")
        return 0
    try:
        return _flush(now)
    finally:
        cache.delete(_FLUSH_LOCK)


def _flush(now: float) -> int:
    # Buckets older than the current and the previous one: a process that read the clock just
    # before a bucket ended may still be writing to it for a moment.
    last = _bucket(now) - 2
    first = last - COUNTER_LIFETIME // BUCKET_SECONDS
    slot_counts = cache.get_many([_slots_key(b) for b in range(first, last + 1)])
    totals: dict[tuple[dt.date, int], int] = {}
    done: list[str] = []
    for bucket in range(first, last + 1):
        slots = int(slot_counts.get(_slots_key(bucket), 0))
        if not slots:
            continue
        slot_keys = [_slot_key(bucket, n) for n in range(1, slots + 1)]
        article_ids = set(cache.get_many(slot_keys).values())
        counter_keys = {_counter_key(bucket, pk): pk for pk in article_ids}
        day = timezone.localdate(dt.datetime.fromtimestamp(bucket * BUCKET_SECONDS, tz=dt.UTC))
        for key, views in cache.get_many(list(counter_keys)).items():
            totals[day, counter_keys[key]] = totals.get((day, counter_keys[key]), 0) + int(views)
        done += [_slots_key(bucket), *slot_keys, *counter_keys]
    if totals:
        _add_to_daily_views(totals)
    cache.delete_many(done)
    return sum(totals.values())


def _add_to_daily_views(totals: dict[tuple[dt.date, int], int]) -> None:
    # Counts for articles deleted since (or ids nobody published) are dropped.
    existing = set(
        Article.objects.filter(pk__in={pk for _, pk in totals}).values_list("pk", flat=True)
    )
    with transaction.atomic():
        for (day, article_id), views in sorted(totals.items()):
            if article_id not in existing:
                continue
            rows = ArticleDailyViews.objects.filter(article_id=article_id, day=day)
            # UPDATE … SET views = views + n: right even if another flush added to the row.
            if not rows.update(views=F("views") + views):
                ArticleDailyViews.objects.create(article_id=article_id, day=day, views=views)


@transaction.atomic
def rank_most_read(*, days: int = MOST_READ_DAYS, today: dt.date | None = None) -> int:
    """Rank the published articles by their views over the last ``days`` days (today
    included) into ``MostReadEntry``; returns how many are ranked."""
    today = today or timezone.localdate()
    ranked = list(
        _ranked(
            Article.objects.published().only("pk"),
            since=today - dt.timedelta(days=days),
            count=RANKED_COUNT,
        )
    )
    MostReadEntry.objects.all().delete()
    MostReadEntry.objects.bulk_create(
        MostReadEntry(position=position, article=article, views=article.recent_views)
        for position, article in enumerate(ranked, start=1)
    )
    return len(ranked)


def _ranked(published, *, since: dt.date, count: int):
    """``published`` articles ranked by their views after ``since``, in one query.

    The views are summed per article first, over the (day, article) index alone, and the
    articles of the top few read by their ids: joining every counted day to its article to
    check that it is published took 150 ms at 3,000 articles read a day (docs/most_read.md).
    """
    recent = ArticleDailyViews.objects.filter(day__gt=since)
    candidates = (
        recent.values("article")
        .annotate(total=Sum("views"))
        .order_by("-total", "-article")
        .values("article")[:count]
    )
    views = recent.filter(article=OuterRef("pk")).values("article").annotate(total=Sum("views"))
    return (
        published.filter(pk__in=candidates)
        .annotate(recent_views=Subquery(views.values("total")))
        .order_by("-recent_views", "-published_at", "-pk")[:count]
    )
