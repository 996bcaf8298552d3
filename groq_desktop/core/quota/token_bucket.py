"""A continuously refilling bucket: how Groq's limits behave (a limit of 2,000 a day refills one
request every 43.2 s, not all at midnight). Shared by the client's limiter and the emulator so
both sides count the same way. Not thread-safe on its own: the owner holds a lock.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

_EPSILON = 1e-9


@dataclass
class TokenBucket:
    capacity: float
    window: float  # seconds for an empty bucket to refill completely (already time-scaled)
    level: float
    updated: float
    below_since: float = field(default=-math.inf)  # when the level last dropped below capacity
    full_since: float = field(default=-math.inf)  # when the level last reached capacity
    # The refill before the bucket was last full, [start, end]: a server admitting our requests up to a
    # margin late reached "full" up to that much later, so that refill still counts within the margin.
    earlier_refill: tuple[float, float] = field(default=(-math.inf, -math.inf))

    @classmethod
    def full(cls, capacity: float, window: float, now: float) -> TokenBucket:
        return cls(capacity=capacity, window=window, level=capacity, updated=now)

    @property
    def rate(self) -> float:
        return self.capacity / self.window if self.window > 0 else math.inf

    @property
    def is_full(self) -> bool:
        return self.level >= self.capacity - _EPSILON

    def refill(self, now: float) -> None:
        if now > self.updated:
            if not self.is_full:
                reached = self.updated + (self.capacity - self.level) / self.rate
                if reached <= now:
                    self.full_since = reached
            self.level = min(self.capacity, self.level + (now - self.updated) * self.rate)
            self.updated = now

    def available(self, now: float) -> float:
        self.refill(now)
        return self.level

    def wait_for(self, amount: float, now: float, margin: float = 0.0) -> float:
        """Seconds until ``amount`` fits; ``inf`` when it can never fit.

        With a ``margin``, room that refilled in the last ``margin`` seconds doesn't count yet: the
        server admits each request a little after we reserve it, by a varying delay, so its bucket
        may lag ours by that much. In steady state this costs nothing (the bucket refills meanwhile).
        """
        if amount > self.capacity:
            return math.inf
        self.refill(now)
        if self.level - self._refilled_within(margin, now) >= amount - _EPSILON:
            return 0.0
        rate = self.rate
        if amount + margin * rate <= self.capacity:
            return max(0.0, (amount + margin * rate - self.level) / rate)
        # Only a bucket that has been full long enough has the room.
        full_at = self.full_since if self.is_full else now + (self.capacity - self.level) / rate
        return max(0.0, full_at + margin - (self.capacity - amount) / rate - now)

    def _refilled_within(self, margin: float, now: float) -> float:
        if margin <= 0:
            return 0.0
        start = max(now - margin, self.below_since)
        end = self.full_since if self.is_full else now
        earlier_start, earlier_end = self.earlier_refill
        earlier = max(0.0, min(earlier_end, now) - max(now - margin, earlier_start))
        return (max(0.0, end - start) + earlier) * self.rate

    def take(self, amount: float, now: float) -> None:
        self.refill(now)
        if self.is_full and amount > 0:
            self.earlier_refill = (self.below_since, self.full_since)
            self.below_since = now
        self.level -= amount

    def lower_to(self, level: float, now: float) -> None:
        """What the server reported (or a 429 implied) is less than we believed."""
        self.refill(now)
        if level < self.level:
            self.take(self.level - level, now)

    def give(self, amount: float, now: float) -> None:
        self.refill(now)
        if not self.is_full and self.level + amount >= self.capacity - _EPSILON:
            self.full_since = now
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
