"""Quota in one model everywhere: what is *left* of each limit, in words ("requests this minute: 1 of 30 left")."""

from __future__ import annotations

import math
from typing import Any

from groq_desktop.errors import format_wait

_UNITS = {"requests": "requests", "tokens": "tokens", "audio_seconds": "audio seconds"}
_WINDOWS = {60.0: "this minute", 3600.0: "this hour", 86400.0: "today"}


def whole_left(remaining: float) -> float:
    """What is left, in whole units: a bucket at 0.9 requests can't send one, so it has 0 left."""
    return float(math.floor(max(0.0, remaining) + 1e-9))


def dimension_words(dimension: Any) -> str:
    """RPM -> "requests this minute"; a dimension of an unknown kind keeps its own label."""
    unit = _UNITS.get(getattr(dimension, "unit", ""), "")
    window = _WINDOWS.get(getattr(dimension, "window_seconds", 0.0), "")
    return f"{unit} {window}" if unit and window else str(dimension.label)


def left_text(dimension: Any, remaining: float, limit: float) -> str:
    return f"{dimension_words(dimension)}: {whole_left(remaining):,.0f} of {limit:,.0f} left"


def wait_text(wait: Any) -> str:
    """A request waiting for quota: "requests this minute: 0 of 30 left, room in 6 s"."""
    when = "never fits this limit" if math.isinf(wait.wait_seconds) else f"room in {format_wait(wait.wait_seconds)}"
    return f"{left_text(wait.dimension, wait.available, wait.limit)}, {when}"
