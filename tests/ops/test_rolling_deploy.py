"""A deploy replaces the web containers one at a time behind the shipped nginx configuration
(deploy/nginx.conf), and readers and editors get no error for a GET meanwhile.

Here the two web containers are two gunicorn servers of the site (the web containers' command,
production settings) sharing one database; nginx is in front of both, with the upstream's
parameters of the shipped file. Under a steady, bounded load of GETs (anonymous readers, whom
the micro-cache may answer, and signed-in editors, whose cookie always goes through to
gunicorn), each server in turn is stopped as `docker stop` stops a container (SIGTERM: gunicorn
finishes what it is serving and closes its port) and started again. What docs/deploy.md says
about POSTs during a deploy is not asserted here: a POST is never tried twice.
"""

import http.client
import threading
import time
from collections import Counter

import pytest
from django.urls import reverse

from tests.ops.proxies import Nginx
from tests.support.servers import SEED, prepare_database, site_env, start_site, stop_site

READERS = 4
PHASE_REQUESTS = 40  # requests to see go through in each phase before the next step
DEADLINE_SECONDS = 180


class Load:
    """READERS threads of GETs through nginx until stopped (or the deadline)."""

    def __init__(self, nginx: Nginx, paths: list[str]):
        self.nginx, self.paths = nginx, paths
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.outcomes: list[str] = []
        self.deadline = time.monotonic() + DEADLINE_SECONDS
        self.threads = [
            threading.Thread(target=self.read, args=(number,), daemon=True)
            for number in range(READERS)
        ]

    def read(self, number: int) -> None:
        headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
        if number % 2:  # an editor: never from the micro-cache
            headers["Cookie"] = "sessionid=nhan-vien-dang-dang-nhap"
        sent = 0
        while not self.stop.is_set() and time.monotonic() < self.deadline:
            path = self.paths[sent % len(self.paths)]
            sent += 1
            connection = http.client.HTTPConnection("127.0.0.1", self.nginx.port, timeout=15)
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                outcome = str(response.status)
            except OSError as error:
                outcome = f"{type(error).__name__}"
            finally:
                connection.close()
            with self.lock:
                self.outcomes.append(outcome)
            time.sleep(0.02)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def wait_until(self, condition, what: str) -> None:
        while time.monotonic() < self.deadline:
            if condition():
                return
            time.sleep(0.05)
        pytest.fail(f"under load, never saw: {what}")

    def wait_for(self, requests: int) -> None:
        with self.lock:
            target = len(self.outcomes) + requests
        while time.monotonic() < self.deadline:
            with self.lock:
                if len(self.outcomes) >= target:
                    return
            time.sleep(0.05)
        pytest.fail("the load did not go on: requests stopped being answered")


@pytest.fixture
def deployment(tmp_path):
    env = site_env(tmp_path, f"sqlite:///{tmp_path}/db.sqlite3")
    prepare_database(env, SEED)
    sites = [start_site(env, tmp_path, workers=2, threads=2) for _ in range(2)]
    nginx = Nginx(tmp_path / "nginx", [site.port for site in sites], static=tmp_path / "static")
    yield env, tmp_path, sites, nginx
    nginx.stop()
    for site in sites:
        stop_site(site)


def test_get_requests_see_no_error_while_each_server_is_restarted_in_turn(deployment):
    env, workdir, sites, nginx = deployment
    paths = [
        reverse("articles:home"),
        reverse("articles:detail", kwargs={"slug": "mo-binh-luan"}),
        reverse("articles:category", kwargs={"slug": "thoi-su"}),
        "/static/css/site.css",
    ]

    with Load(nginx, paths) as load:
        load.wait_for(PHASE_REQUESTS)
        for index, old in enumerate(list(sites)):
            stop_site(old)  # as `docker stop`: SIGTERM, in-flight requests finish
            load.wait_for(PHASE_REQUESTS)  # served by the other one alone
            new = sites[index] = start_site(env, workdir, workers=2, threads=2, port=old.port)
            # Only once nginx sends it requests again is the other one stopped, as
            # deploy/rolling-deploy.sh stops the old containers once the new ones serve.
            load.wait_until(lambda new=new: " hnp.access " in new.log_text(), "the new one serving")
            load.wait_for(PHASE_REQUESTS)

    outcomes = Counter(load.outcomes)
    assert sum(outcomes.values()) >= 5 * PHASE_REQUESTS
    assert set(outcomes) == {"200"}, outcomes
