"""Per-model rate-limit state of the emulator: a continuously refilling bucket per limited dimension.

Chat requests are checked in RPM, RPD, TPM, TPD, ITPM (the prompt, less cached tokens) and OTPM
(the requested max_tokens, before the model runs, as Groq does); audio in RPM, RPD, ASH, ASD.

Bucket windows are the published windows divided by ``time_scale``, so every duration this
module reports (waits, resets) is in real wall-clock seconds.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from groq_desktop.core.quota.durations import format_go_duration
from groq_desktop.core.quota.limits import Cost, Dimension, LimitTable, ModelLimits
from groq_desktop.core.quota.token_bucket import TokenBucket

ORGANIZATION = "org_emulator"
SERVICE_TIER = "on_demand"
_UPGRADE = "Upgrade to Dev Tier today at https://console.groq.com/settings/billing"

CHAT_DIMENSIONS = (Dimension.RPM, Dimension.RPD, Dimension.TPM, Dimension.TPD, Dimension.ITPM, Dimension.OTPM)
_TOKEN_DIMENSIONS = (Dimension.TPM, Dimension.TPD, Dimension.ITPM, Dimension.OTPM)
AUDIO_DIMENSIONS = (Dimension.RPM, Dimension.RPD, Dimension.ASH, Dimension.ASD)

# Which bucket each family of x-ratelimit-* headers reports.
_HEADER_DIMENSIONS = (("requests", Dimension.RPD), ("tokens", Dimension.TPM))
_AUDIO_HEADER = ("audio-seconds", Dimension.ASH)

_ERROR_TYPES = {
    "requests": "requests",
    "tokens": "tokens",
    "input_tokens": "tokens",
    "output_tokens": "tokens",
    "audio_seconds": "seconds",
}
_NEED_MORE = {
    "requests": "requests",
    "tokens": "tokens",
    "input_tokens": "tokens",
    "output_tokens": "tokens",
    "audio_seconds": "audio seconds",
}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Rejection:
    """Why a request was refused: 429 (wait and retry) or 413 (can never fit)."""

    model: str
    dimension: Dimension
    limit: float
    used: float
    requested: float
    wait: float  # real seconds; inf for a 413

    @property
    def status(self) -> int:
        # Output over OTPM is refused with a 429 that asks for a lower max_tokens (seen, Sep 2026).
        return 413 if math.isinf(self.wait) and self.dimension is not Dimension.OTPM else 429

    @property
    def retry_after(self) -> int:
        return max(1, math.ceil(self.wait)) if not math.isinf(self.wait) else 0

    @property
    def message(self) -> str:
        where = (
            f"for model `{self.model}` in organization `{ORGANIZATION}` service tier `{SERVICE_TIER}` "
            f"on {self.dimension.phrase} ({self.dimension.value})"
        )
        more = f"Need more {_NEED_MORE[self.dimension.unit]}? {_UPGRADE}"
        if math.isinf(self.wait) and self.status == 429:
            return (
                f"Rate limit reached {where}: Limit {_number(self.limit)}, Requested {_number(self.requested)}. "
                f"Please reduce max_tokens and try again. {more}"
            )
        if self.status == 413:
            return (
                f"Request too large {where}: Limit {_number(self.limit)}, Requested {_number(self.requested)}, "
                f"please reduce your message size and try again. {more}"
            )
        return (
            f"Rate limit reached {where}: Limit {_number(self.limit)}, Used {_number(self.used)}, "
            f"Requested {_number(self.requested)}. Please try again in {format_go_duration(self.wait)}. {more}"
        )

    def error_body(self) -> dict[str, dict[str, str]]:
        return {
            "error": {
                "message": self.message,
                "type": _ERROR_TYPES[self.dimension.unit],
                "code": "rate_limit_exceeded",
            }
        }


@dataclass(frozen=True)
class Admission:
    """The outcome of asking for quota, with the rate-limit headers as they stand afterwards."""

    model: str
    cost: Cost
    headers: dict[str, str]
    rejection: Rejection | None = None

    @property
    def admitted(self) -> bool:
        return self.rejection is None


@dataclass
class _ModelState:
    limits: ModelLimits
    buckets: dict[Dimension, TokenBucket] = field(default_factory=dict)


class QuotaBook:
    """Thread-safe quota state for every model the emulator serves."""

    def __init__(
        self,
        table: LimitTable,
        plan: str = "free",
        time_scale: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        *,
        advertise: bool = True,
    ) -> None:
        """``advertise=False``: no ``x-ratelimit-*`` headers at all, so a client must learn the limits."""
        if time_scale <= 0:
            raise ValueError("time_scale must be positive")
        self.advertise = advertise
        self._table = table
        self._plan = plan
        self._time_scale = time_scale
        self._clock = clock
        self._lock = threading.Lock()
        self._overrides: dict[str, ModelLimits] = {}
        self._models: dict[str, _ModelState] = {}

    def limits_for(self, model: str) -> ModelLimits:
        with self._lock:
            return self._state(model).limits

    def set_limits(self, model: str, limits: ModelLimits) -> None:
        """Replace a model's limits; its buckets start full again."""
        with self._lock:
            self._overrides[model] = limits
            self._models.pop(model, None)

    def reset(self) -> None:
        """Every bucket of every model full again (limits overrides are kept)."""
        with self._lock:
            self._models.clear()

    def admit(self, model: str, cost: Cost, dimensions: tuple[Dimension, ...]) -> Admission:
        """Take ``cost`` from every limited dimension, or none of them if one is short.

        Dimensions are checked in the given order; the first one that is short is reported.
        """
        audio = Dimension.ASH in dimensions
        with self._lock:
            now = self._clock()
            state = self._state(model)
            for dimension in dimensions:
                bucket = self._bucket(state, dimension, now)
                if bucket is None:
                    continue
                amount = cost.amount(dimension)
                wait = bucket.wait_for(amount, now)
                if wait > 0:
                    rejection = Rejection(
                        model=model,
                        dimension=dimension,
                        limit=bucket.capacity,
                        used=max(0.0, float(round(bucket.capacity - bucket.level))),
                        requested=amount,
                        wait=wait,
                    )
                    return Admission(model, cost, self._headers(state, now, audio), rejection)
            for dimension in dimensions:
                bucket = self._bucket(state, dimension, now)
                if bucket is not None:
                    bucket.take(cost.amount(dimension), now)
            return Admission(model, cost, self._headers(state, now, audio))

    def settle(self, model: str, reserved: Cost, actual: Cost) -> None:
        """Correct the token buckets from what was reserved to what the reply really used."""
        with self._lock:
            now = self._clock()
            state = self._state(model)
            for dimension in _TOKEN_DIMENSIONS:
                difference = actual.amount(dimension) - reserved.amount(dimension)
                bucket = self._bucket(state, dimension, now)
                if bucket is None or difference == 0:
                    continue
                if difference < 0:
                    bucket.give(-difference, now)
                else:
                    bucket.take(difference, now)

    def headers(self, model: str, audio: bool = False) -> dict[str, str]:
        with self._lock:
            return self._headers(self._state(model), self._clock(), audio)

    def _state(self, model: str) -> _ModelState:
        state = self._models.get(model)
        if state is None:
            limits = self._overrides.get(model) or self._table.limits_for(model, self._plan)
            state = self._models[model] = _ModelState(limits)
        return state

    def _bucket(self, state: _ModelState, dimension: Dimension, now: float) -> TokenBucket | None:
        bucket = state.buckets.get(dimension)
        if bucket is None:
            capacity = state.limits.get(dimension)
            if capacity is None:
                return None
            window = dimension.window_seconds / self._time_scale
            bucket = state.buckets[dimension] = TokenBucket.full(capacity, window, now)
        return bucket

    def _headers(self, state: _ModelState, now: float, audio: bool) -> dict[str, str]:
        if not self.advertise:
            return {}
        families = (*_HEADER_DIMENSIONS, _AUDIO_HEADER) if audio else _HEADER_DIMENSIONS
        headers: dict[str, str] = {}
        for suffix, dimension in families:
            bucket = self._bucket(state, dimension, now)
            if bucket is None:
                continue
            headers[f"x-ratelimit-limit-{suffix}"] = _number(bucket.capacity)
            headers[f"x-ratelimit-remaining-{suffix}"] = str(max(0, math.floor(bucket.available(now))))
            headers[f"x-ratelimit-reset-{suffix}"] = format_go_duration(bucket.reset_in(now))
        return headers
