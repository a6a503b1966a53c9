"""Gunicorn settings, the same wherever the site runs in production.

The Docker image, docker-compose.yml, `make serve-prod` and the multi-process test
(tests/ops/test_multiprocess.py) all start the site with the one command
``gunicorn --config deploy/gunicorn.conf.py config.wsgi:application``; only the environment
differs between them.
"""

import os
import shutil
import tempfile

from config.env import env_int, load_environment

# The same `.env` (or ENV_FILE) as manage.py, read before the worker counts below are.
load_environment()

bind = [os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")]
workers = env_int("GUNICORN_WORKERS", 3, minimum=1)
threads = env_int("GUNICORN_THREADS", 1, minimum=1)
timeout = env_int("GUNICORN_TIMEOUT", 30)  # 0: none
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, at staggered times, so a slow leak never builds up.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 2000)  # 0: never recycled
max_requests_jitter = max_requests // 10
# Heartbeat files in memory rather than on a container's (possibly slow) disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
# No control socket: nothing uses it, and two servers on one host would fight over its path.
control_socket_disable = True

# hnp.middleware.RequestLogMiddleware writes the access line, with the request id; gunicorn
# only reports its own events (workers starting, timeouts) on standard output.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s [-] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "line",
        }
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": loglevel.upper(), "propagate": False},
    },
}


# Prometheus metrics (hnp/metrics.py), when METRICS_ALLOWED_IPS lets anyone read them: every
# worker writes its counts to files in one folder, and a scrape of any worker adds them up. The
# folder is made afresh here, in the master, before a worker imports prometheus_client.
if os.environ.get("METRICS_ALLOWED_IPS") and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="hnp-metrics-")


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
    if os.path.basename(folder).startswith("hnp-metrics-"):
        shutil.rmtree(folder, ignore_errors=True)
