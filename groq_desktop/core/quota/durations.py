"""Go-style duration strings, as Groq sends them in rate-limit headers."""

from __future__ import annotations

import email.utils
import re
import time

# Anything longer is garbage rather than a wait (and would overflow Event.wait and timers).
MAX_SECONDS = 1e7
_PAIR_RE = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|h|m|s)")
_UNIT_SECONDS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_go_duration(text: str) -> float:
    """Seconds in ``2m59.56s``, ``940ms``, ``1h2m3s`` or a bare number of seconds.

    Every number-unit pair counts (reading only the first turns ``2m59.56s`` into 120 s).
    ``nan``, ``inf``, negative values and values over ``MAX_SECONDS`` are rejected (``ValueError``).
    """
    text = text.strip()
    if not text:
        raise ValueError("empty duration")
    try:
        return _checked(float(text), text)
    except ValueError:
        pass
    total = 0.0
    position = 0
    for match in _PAIR_RE.finditer(text):
        if match.start() != position:
            raise ValueError(f"not a duration: {text!r}")
        total += float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
        position = match.end()
    if position != len(text) or position == 0:
        raise ValueError(f"not a duration: {text!r}")
    return _checked(total, text)


def _checked(seconds: float, text: str) -> float:
    if not 0.0 <= seconds <= MAX_SECONDS:  # also False for nan
        raise ValueError(f"not a usable duration: {text!r}")
    return seconds


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """A ``retry-after`` header in seconds: a number, a Go duration or an HTTP date; None if unusable."""
    if value is None:
        return None
    try:
        return parse_go_duration(value)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    seconds = when.timestamp() - (time.time() if now is None else now)
    return seconds if 0.0 <= seconds <= MAX_SECONDS else 0.0 if seconds < 0 else None


def format_go_duration(seconds: float) -> str:
    """The inverse, in the shape Groq uses: ``940ms``, ``7.66s``, ``2m59.56s``, ``1h2m3s``."""
    if seconds < 1:
        return f"{max(0.0, seconds) * 1000:.0f}ms"
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    out = ""
    if hours >= 1:
        out += f"{int(hours)}h"
    if minutes >= 1 or hours >= 1:
        out += f"{int(minutes)}m"
    return out + f"{round(secs, 2):g}s"
