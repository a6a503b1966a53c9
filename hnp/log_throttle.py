"""Log lines that an outage would repeat on every request, written at most once a minute."""

import logging
import threading
import time
from collections.abc import Callable


class OncePerInterval:
    """A line that an outage would repeat on every request, written at most once every
    ``seconds`` by each process: the first time, then with the count of the times since the
    last line written (``[2,250 times in the last 60 s]``). Kept in the process's memory, not
    in a cache: the cache may be down too. No line is written when nothing happens, so the
    count of an outage's last minute comes with the next occurrence, or never; the access
    log has every request."""

    def __init__(
        self,
        logger: logging.Logger,
        level: int,
        *,
        seconds: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.logger, self.level, self.seconds, self.clock = logger, level, seconds, clock
        self._lock = threading.Lock()
        self._last_line: float | None = None
        self._unwritten = 0

    def __call__(self, message: str, *args) -> None:
        now = self.clock()
        with self._lock:
            if self._last_line is not None and now - self._last_line < self.seconds:
                self._unwritten += 1
                return
            count, since = self._unwritten + 1, self._last_line
            self._unwritten, self._last_line = 0, now
        if count == 1:
            self.logger.log(
                self.level,
                f"{message} [repeats are logged at most once every %d s, with a count]",
                *args,
                self.seconds,
            )
        else:
            self.logger.log(
                self.level,
                f"{message} [%s times in the last %d s]",
                *args,
                f"{count:,}",
                round(now - since),
            )
