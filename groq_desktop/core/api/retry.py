"""When to try a failed request again, and how long to wait first.

5xx, 498 and connection failures: bounded exponential backoff with full jitter. 429 is never
retried here: its wait is planned by the rate limiter from ``retry-after`` and the limits.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from groq_desktop.errors import (
    CapacityExceededError,
    ConnectionFailedError,
    GroqDesktopError,
    RequestTimeoutError,
    ServerError,
)

_RETRYABLE = (ServerError, CapacityExceededError, ConnectionFailedError, RequestTimeoutError)


@dataclass
class RetryPolicy:
    max_retries: int = 2
    base_delay: float = 0.5
    max_delay: float = 8.0
    rng: random.Random = field(default_factory=random.Random)

    def should_retry(self, error: GroqDesktopError, attempt: int) -> bool:
        """``attempt`` counts retries already made (0 after the first failure)."""
        return attempt < self.max_retries and isinstance(error, _RETRYABLE)

    def delay(self, attempt: int) -> float:
        ceiling = min(self.max_delay, self.base_delay * (2**attempt))
        return self.rng.uniform(ceiling / 2, ceiling)
