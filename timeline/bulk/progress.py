"""The progress bar of a batch: one line on standard error, no dependency."""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable
from typing import IO

__all__ = [
    "Progress",
]


#: seconds between two plain progress lines written off a terminal (``progress="force"``)
_PLAIN_INTERVAL = 5.0


class Progress:
    """A one-line progress bar on a text stream (standard error by default), no dependency.

    It draws only when ``enabled`` and, unless ``force``, only when the stream is a terminal
    and the work has lasted ``delay`` seconds (short batches stay silent). On a terminal the
    line is redrawn in place; on anything else (``force`` into a log file) it writes plain
    lines without control characters, at most one per :data:`_PLAIN_INTERVAL` seconds and only
    when the count has moved, and a last one at the end. ``clock`` is any monotonic clock in
    seconds (injectable for tests).
    """

    def __init__(
        self,
        total: int | None,
        *,
        enabled: bool = True,
        force: bool = False,
        stream: IO[str] | None = None,
        delay: float = 1.0,
        interval: float = 0.2,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.done = 0
        self.errors = 0
        self._stream = stream if stream is not None else sys.stderr
        self._clock = clock
        self._started = clock()
        self._last = -math.inf
        self._delay = 0.0 if force else delay
        self._interval = interval
        self._drawn = False
        tty = bool(getattr(self._stream, "isatty", lambda: False)())
        self._enabled = enabled and (force or tty)
        # off a terminal (a forced bar into a log file) it writes plain lines, less often
        self._tty = tty
        if not tty:
            self._interval = max(interval, _PLAIN_INTERVAL)
        self._last_done = -1

    def update(self, articles: int, errors: int = 0) -> None:
        """Count ``articles`` more done (``errors`` of them failed) and redraw if it is time."""
        self.done += articles
        self.errors += errors
        now = self._clock()
        if not self._enabled or now - self._started < self._delay or now - self._last < self._interval:
            return
        self._last = now
        self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The text of the bar: count, percentage, rate, time left and failures."""
        now = self._clock() if now is None else now
        elapsed = max(now - self._started, 1e-9)
        rate = self.done / elapsed
        parts = []
        if self.total:
            share = min(self.done / self.total, 1.0)
            filled = int(share * 24)
            parts.append(f"[{'#' * filled}{'.' * (24 - filled)}] {self.done}/{self.total} articles {share:4.0%}")
            if rate > 0 and self.done < self.total:
                parts.append(f"{_duration((self.total - self.done) / rate)} left")
        else:
            parts.append(f"{self.done} articles")
        parts.append(f"{rate:.1f}/s")
        if self.errors:
            parts.append(f"{self.errors} failed")
        return "timeline: " + ", ".join(parts)

    def _draw(self, now: float) -> None:
        if self._tty:
            self._stream.write("\r" + self.line(now) + "\x1b[K")
        elif self.done != self._last_done:  # a plain line, only when the count moved
            self._stream.write(self.line(now) + "\n")
            self._last_done = self.done
        self._stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Draw the final state and end the line (only if the bar was ever drawn)."""
        if self._drawn:
            self._draw(self._clock())
            if self._tty:
                self._stream.write("\n")
            self._stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
