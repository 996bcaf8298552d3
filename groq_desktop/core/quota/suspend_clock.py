"""A monotonic clock that also counts the time the machine was asleep.

``time.monotonic()`` stops while Linux and macOS are suspended, so a quota closed for an hour
before a laptop's lid closes would still be closed for most of that hour after a night's sleep.
This clock watches a second clock that keeps running through a suspend (wall time, or Linux's
boot-time clock) and, when that one has moved ahead of the monotonic one by more than a
tolerance, adds the difference: time only ever jumps forwards, so a wall clock set backwards can
never open anything early.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable

Clock = Callable[[], float]

# Wall and monotonic time drift apart by NTP slewing and scheduling jitter; a suspend is longer.
SUSPEND_TOLERANCE = 2.0


def suspend_counting_clock() -> Clock:
    """A clock that keeps counting through a suspend: Linux's CLOCK_BOOTTIME, wall time elsewhere."""
    if sys.platform.startswith("linux") and hasattr(time, "CLOCK_BOOTTIME"):
        return lambda: time.clock_gettime(time.CLOCK_BOOTTIME)
    return time.time


class SuspendAwareClock:
    def __init__(
        self,
        monotonic: Clock = time.monotonic,
        wall: Clock | None = None,
        *,
        tolerance: float = SUSPEND_TOLERANCE,
        on_suspend: Callable[[float], None] | None = None,
    ) -> None:
        self._monotonic = monotonic
        self._wall = wall if wall is not None else suspend_counting_clock()
        self._tolerance = tolerance
        self._lock = threading.Lock()
        self._last_monotonic = monotonic()
        self._last_wall = self._wall()
        self.suspended = 0.0
        """Seconds of suspend found so far (added to the monotonic reading)."""
        self.on_suspend = on_suspend

    def __call__(self) -> float:
        with self._lock:
            monotonic, wall = self._monotonic(), self._wall()
            gap = (wall - self._last_wall) - (monotonic - self._last_monotonic)
            self._last_monotonic, self._last_wall = monotonic, wall
            jumped = gap > self._tolerance
            if jumped:
                self.suspended += gap
            now = monotonic + self.suspended
        if jumped and self.on_suspend is not None:
            self.on_suspend(gap)
        return now
