"""The rate-limit headers on every Groq response.

The ``*-requests`` headers count requests per DAY; the ``*-tokens`` headers count tokens per
MINUTE; the ``*-audio-seconds`` headers (seen on audio endpoints) count audio seconds per HOUR.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from groq_desktop.core.quota.durations import parse_go_duration, parse_retry_after
from groq_desktop.core.quota.limits import Dimension


@dataclass(frozen=True)
class HeaderReading:
    """One dimension as a response reported it."""

    dimension: Dimension
    limit: float | None
    remaining: float | None
    reset_seconds: float | None


@dataclass(frozen=True)
class RateLimitHeaders:
    readings: tuple[HeaderReading, ...] = ()
    retry_after: float | None = None

    def reading(self, dimension: Dimension) -> HeaderReading | None:
        return next((r for r in self.readings if r.dimension is dimension), None)

    def __bool__(self) -> bool:
        return bool(self.readings) or self.retry_after is not None


_HEADER_DIMENSIONS = {
    "requests": Dimension.RPD,
    "tokens": Dimension.TPM,
    "audio-seconds": Dimension.ASH,
}


def parse_rate_limit_headers(headers: Mapping[str, str]) -> RateLimitHeaders:
    """Read every ``x-ratelimit-*`` pair present; malformed values (also ``nan``, ``inf``, negative
    numbers) are ignored, not fatal, so they can neither crash the limiter nor shorten a wait."""
    lower = {k.lower(): v for k, v in headers.items()}
    readings = []
    for suffix, dimension in _HEADER_DIMENSIONS.items():
        limit = _number(lower.get(f"x-ratelimit-limit-{suffix}"))
        remaining = _number(lower.get(f"x-ratelimit-remaining-{suffix}"))
        reset = _duration(lower.get(f"x-ratelimit-reset-{suffix}"))
        if limit is not None or remaining is not None or reset is not None:
            readings.append(HeaderReading(dimension, limit, remaining, reset))
    retry_after = parse_retry_after(lower.get("retry-after"))
    return RateLimitHeaders(tuple(readings), retry_after)


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    return number if math.isfinite(number) and number >= 0 else None


def _duration(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return parse_go_duration(value)
    except ValueError:
        return None
