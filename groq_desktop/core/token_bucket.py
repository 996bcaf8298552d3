"""A continuously refilling bucket: how Groq's limits behave (a limit of 2,000 a day refills one
request every 43.2 s, not all at midnight). Shared by the client's limiter and the emulator so
both sides count the same way. Not thread-safe on its own: the owner holds a lock.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class TokenBucket:
    capacity: float
    window: float  # seconds for an empty bucket to refill completely (already time-scaled)
    level: float
    updated: float

    @classmethod
    def full(cls, capacity: float, window: float, now: float) -> TokenBucket:
        return cls(capacity=capacity, window=window, level=capacity, updated=now)

    @property
    def rate(self) -> float:
        return self.capacity / self.window if self.window > 0 else math.inf

    def refill(self, now: float) -> None:
        if now > self.updated:
            self.level = min(self.capacity, self.level + (now - self.updated) * self.rate)
            self.updated = now

    def available(self, now: float) -> float:
        self.refill(now)
        return self.level

    def wait_for(self, amount: float, now: float) -> float:
        """Seconds until ``amount`` fits; ``inf`` when it can never fit."""
        if amount > self.capacity:
            return math.inf
        self.refill(now)
        missing = amount - self.level
        return 0.0 if missing <= 1e-9 else missing / self.rate

    def take(self, amount: float, now: float) -> None:
        self.refill(now)
        self.level -= amount

    def give(self, amount: float, now: float) -> None:
        self.refill(now)
        self.level = min(self.capacity, self.level + amount)

    def reset_in(self, now: float) -> float:
        """Seconds until the bucket is full again (what Groq's ``x-ratelimit-reset-*`` reports)."""
        self.refill(now)
        return max(0.0, (self.capacity - self.level) / self.rate)

    def resize(self, capacity: float, now: float) -> None:
        """Change the limit, keeping what is used."""
        self.refill(now)
        used = self.capacity - self.level
        self.capacity = capacity
        self.level = capacity - used
