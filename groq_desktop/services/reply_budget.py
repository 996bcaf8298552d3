"""How long a reply may be, and how much of the quota to hold for one whose length the user left open.

"Default" means the model's own longest reply within the plan's output budget (OTPM where known);
the limiter holds a realistic estimate instead of that whole budget: the 90th percentile of the
model's recent replies, settled with the real usage when the reply ends.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from collections.abc import Iterable

from groq_desktop.core.quota.rate_limiter import RateLimiter

# Held for a model's first replies, before any was seen; settled with the real usage afterwards.
INITIAL_REPLY_ESTIMATE = 1024
RECENT_REPLIES = 50
PERCENTILE = 0.9


def limit_named(limiter: RateLimiter, model: str, name: str) -> int | None:
    """The limiter's limit for ``model`` in the dimension called ``name`` (e.g. "OTPM"), if it knows one."""
    for item in limiter.snapshot(model):
        if str(getattr(item.dimension, "value", item.dimension)) == name and item.limit > 0:
            return int(item.limit)
    return None


def output_budget(limiter: RateLimiter, model: str, prompt_tokens: int = 0) -> int | None:
    """The most output one request may ask for on this plan: OTPM, and TPM less the prompt.

    Groq checks the requested ``max_completion_tokens`` against both before the model runs.
    """
    tpm = limit_named(limiter, model, "TPM")
    return reply_cap(limit_named(limiter, model, "OTPM"), max(1, tpm - prompt_tokens) if tpm else None)


def reply_cap(*limits: int | None) -> int | None:
    """The smallest of the known limits on one reply's length."""
    known = [int(value) for value in limits if value]
    return min(known) if known else None


class ReplyEstimator:
    """A running percentile of recent replies' completion tokens, per model (thread-safe)."""

    def __init__(self, recent: int = RECENT_REPLIES, percentile: float = PERCENTILE) -> None:
        self.recent = recent
        self._percentile = percentile
        self._seen: dict[str, deque[int]] = {}
        self._lock = threading.Lock()

    def observe(self, model: str, completion_tokens: int) -> None:
        if completion_tokens <= 0:
            return
        with self._lock:
            self._seen.setdefault(model, deque(maxlen=self.recent)).append(int(completion_tokens))

    def seed(self, model: str, counts: Iterable[int]) -> None:
        for count in counts:
            self.observe(model, count)

    def estimate(self, model: str, cap: int | None = None) -> int:
        with self._lock:
            seen = sorted(self._seen.get(model, ()))
        if seen:
            value = seen[min(len(seen) - 1, max(0, math.ceil(self._percentile * len(seen)) - 1))]
        else:
            value = INITIAL_REPLY_ESTIMATE
        return max(1, min(value, cap)) if cap else max(1, value)
