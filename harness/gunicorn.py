"""The site under gunicorn, with the command of the web containers (docker-compose.yml's ``web``
service; tests/ops/test_compose.py checks the two agree)."""

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from .processes import ROOT, START_TIMEOUT, ServerError, stop_process_group

WEB_COMMAND = ["gunicorn", "--config", "deploy/gunicorn.conf.py", "config.wsgi:application"]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def start_gunicorn(
    env: dict[str, str],
    *,
    port: int,
    output: IO | int,
    workers: int = 2,
    threads: int = 1,
    application: str | None = None,
    cwd: Path = ROOT,
    extra_args: tuple[str, ...] = (),
) -> subprocess.Popen:
    """gunicorn on 127.0.0.1:``port`` with deploy/gunicorn.conf.py, in a process group of its
    own (stopped as a whole by ``stop_process_group``); its log goes to ``output``."""
    command = [GUNICORN, *WEB_COMMAND[1:]]
    if application is not None:
        command[-1] = application
    return subprocess.Popen(  # noqa: S603
        [*command, *extra_args],
        cwd=cwd,
        env={
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_THREADS": str(threads),
        },
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_until_answering(
    process: subprocess.Popen,
    answers: Callable[[], bool],
    *,
    describe: Callable[[], str] = str,
    timeout: float = START_TIMEOUT,
) -> None:
    """Wait until ``answers()`` is true (an OSError counts as not yet); raise ServerError,
    with ``describe()`` (e.g. the server's log), if the process exits or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"the server stopped at start-up:\n{describe()}")
        try:
            if answers():
                return
        except OSError:
            pass
        time.sleep(0.2)
    stop_process_group(process)
    raise ServerError(f"the server did not answer within {timeout:.0f} s:\n{describe()}")
