"""What readers see survives Redis faults: a change made while Redis is frozen or down is never
hidden by the copies of pages kept before it, once Redis answers again (the page path's
contract, docs/performance.md). A real Redis is stopped with SIGSTOP, then resumed or
restarted, under a real gunicorn server; the change is an editor's, made through Django in
another process while Redis is away.
"""

import time
import uuid
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.ops.helpers import manage
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

TITLE = "Bài đang mở bình luận"
RECOVERY_SECONDS = 15  # hnp.cache leaves Redis alone for 5 s after an error
ARTICLE = reverse("articles:detail", kwargs={"slug": "mo-binh-luan"})
HOME = reverse("articles:home")
UNPUBLISH = """
from articles.models import Article
article = Article.objects.get(slug="mo-binh-luan")
article.status = Article.Status.DRAFT
article.save()
"""


def kept(reader: Client, path: str) -> None:
    """Read ``path`` until the site answers from its cache."""
    for _attempt in range(3):
        if reader.get(path).headers.get("X-Page-Cache") == "hit":
            return
    pytest.fail(f"{path} was never answered from the cache")


def cache_in_use(reader: Client) -> bool:
    return reader.get(HOME).headers.get("X-Page-Cache") in {"hit", "miss"}


@pytest.mark.parametrize("return_of_redis", ["resumed", "restarted"])
def test_an_article_unpublished_while_redis_is_frozen_is_gone_once_it_is_back(
    private_postgres, database, workdir, return_of_redis
):
    name, url = database
    redis_server = start_private_redis()
    env = site_env(
        workdir,
        url,
        REDIS_URL=redis_server.url,
        CACHE_KEY_PREFIX=f"hnp-freshness-{uuid.uuid4().hex[:8]}",
    )
    prepare_database(env, SEED)
    site = start_site(env, workdir, workers=2, threads=2)
    reader = Client(site)
    try:
        for path in (HOME, ARTICLE):
            kept(reader, path)

        redis_server.freeze()
        changed = manage("shell", "-c", UNPUBLISH, env=env)
        assert changed.returncode == 0, changed.stdout + changed.stderr
        while_frozen = [reader.get(ARTICLE).status for _ in range(2)]

        if return_of_redis == "resumed":
            redis_server.thaw()
        else:
            redis_server.stop()
            redis_server.start()
        deadline = time.monotonic() + RECOVERY_SECONDS
        while not cache_in_use(reader):
            assert time.monotonic() < deadline, "the site never used Redis again"
            time.sleep(0.5)
        after = [(reader.get(ARTICLE).status, TITLE in reader.get(HOME).body) for _ in range(10)]
        assert site.process.poll() is None
    finally:
        stop_site(site)
        redis_server.stop()

    report = f"while frozen: {while_frozen}; after: {after}\n{site.log_text()[-3000:]}"
    assert while_frozen == [HTTPStatus.NOT_FOUND] * 2, report
    assert after == [(HTTPStatus.NOT_FOUND, False)] * 10, report
    assert "Traceback" not in site.log_text(), report
