"""300 readers post a valid comment at the same moment, to a real gunicorn server on
PostgreSQL: every one is stored, pending, exactly once, and nobody gets a server error."""

import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.support.servers import (
    SEED,
    Client,
    prepare_database,
    site_env,
    start_private_redis,
    start_site,
    stop_site,
)

pytestmark = pytest.mark.faults

POSTS = 300
CONCURRENCY = 60
DEADLINE_SECONDS = 120

# Distinct captchas, made in the database beforehand: one per reader, with a known answer.
CAPTCHAS = """
import datetime as dt
from captcha.models import CaptchaStore
from django.utils import timezone
expires = timezone.now() + dt.timedelta(hours=1)
CaptchaStore.objects.bulk_create(
    CaptchaStore(challenge=f"M{{i}}", response=f"dap-an-{{i}}", hashkey=f"tai-{{i:04d}}",
                 expiration=expires)
    for i in range({posts})
)
"""


@pytest.fixture
def redis_server():
    server = start_private_redis()
    yield server
    server.stop()


def test_300_comments_posted_at_once_are_all_stored_once_and_pending(
    private_postgres, database, workdir, redis_server
):
    name, url = database
    env = site_env(
        workdir,
        url,
        REDIS_URL=redis_server.url,
        CACHE_KEY_PREFIX=f"hnp-load-{uuid.uuid4().hex[:8]}",
        COMMENT_RATE_LIMIT="0",  # raised for the test: every reader posts once anyway
        CAPTCHA_RATE_LIMIT="0",
        COMMENT_FLOOD_SECONDS="0",
    )
    prepare_database(env, SEED + CAPTCHAS.format(posts=POSTS))
    site = start_site(env, workdir, workers=4, threads=8)
    try:
        article_id = private_postgres.sql(
            name, "SELECT id FROM articles_article WHERE slug = 'mo-binh-luan'"
        )[0][0]
        first = Client(site)
        page = first.get(reverse("comments:write", kwargs={"slug": "mo-binh-luan"}))
        assert page.status == HTTPStatus.OK
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)[1]
        post_url = reverse("comments:post", args=[article_id])

        def post(number: int) -> int:
            reader = Client(
                site,
                address=f"198.18.{number // 250}.{number % 250 + 1}",
                cookies=dict(first.cookies),
            )
            return reader.post(
                post_url,
                {
                    "csrfmiddlewaretoken": token,
                    "name": f"Bạn đọc số {number}",
                    "phone": "",
                    "title": f"Ý kiến số {number}",
                    "content": f"Ý kiến thứ {number} về bài viết, gửi cùng lúc với mọi người.",
                    "captcha_0": f"tai-{number:04d}",
                    "captcha_1": f"dap-an-{number}",
                    "website": "",
                },
            ).status

        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
            statuses = list(pool.map(post, range(POSTS), timeout=DEADLINE_SECONDS))
        took = time.monotonic() - started
    finally:
        stop_site(site)

    assert [s for s in statuses if s >= HTTPStatus.INTERNAL_SERVER_ERROR] == []
    assert statuses == [HTTPStatus.FOUND] * POSTS, sorted(set(statuses))
    stored = private_postgres.sql(
        name, "SELECT status, COUNT(*), COUNT(DISTINCT content) FROM comments_comment GROUP BY 1"
    )
    assert stored == [("pending", POSTS, POSTS)]
    # Each captcha answered once, and gone.
    used = "SELECT COUNT(*) FROM captcha_captchastore WHERE hashkey LIKE 'tai-%%'"
    assert private_postgres.sql(name, used)[0][0] == 0
    log = site.log_text()
    assert "Traceback" not in log and " ERROR " not in log, log[-3000:]
    assert took < DEADLINE_SECONDS
