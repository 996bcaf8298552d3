"""The client-side rate limiter: per model, one continuously refilling bucket per limited dimension.

Requests reserve their estimated cost in every dimension at once (all or nothing), settle it with
the real usage afterwards, and wait (blocking in a worker thread, or awaiting on the event loop)
when a dimension is short. Response headers and 429s correct the buckets, so the limiter never
admits more than the server would. Thread-safe: one re-entrant lock guards everything.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from groq_desktop.core.quota.headers import RateLimitHeaders
from groq_desktop.core.quota.learned import LearnedLimits
from groq_desktop.core.quota.limits import Cost, Dimension, LimitTable, ModelLimits
from groq_desktop.core.quota.suspend_clock import SuspendAwareClock
from groq_desktop.core.quota.token_bucket import TokenBucket
from groq_desktop.errors import RateLimitError, RequestTooLargeError, format_wait
from groq_desktop.i18n import QT_TRANSLATE_NOOP, number, translate

log = logging.getLogger(__name__)

# table: the published table; edit: the user's figure; learned: a 413/429's "Limit N" (kept across
# starts); header: x-ratelimit-* headers; 429: a refusal that gave no figure (closed, limit unknown).
Source = Literal["table", "edit", "learned", "header", "429"]


# Real seconds room must have been there before a request uses it: the server admits a request
# a little after we reserve it, and by a varying delay (loopback: ms; the internet: ~100 ms).
DEFAULT_LATENCY_MARGIN = 0.25


@dataclass(frozen=True)
class Reservation:
    """Quota taken for one request, to be settled with the real usage or released."""

    id: int
    model: str
    cost: Cost
    created: float


@dataclass(frozen=True)
class WaitInfo:
    """Why a request cannot be sent yet: the binding dimension and how long until it fits."""

    model: str
    dimension: Dimension
    wait_seconds: float  # math.inf when the cost can never fit
    needed: float
    available: float
    limit: float
    reason: str


@dataclass(frozen=True)
class DimensionSnapshot:
    """One model's state in one dimension, for the quota monitor."""

    model: str
    dimension: Dimension
    limit: float
    remaining: float
    used: float
    reset_in: float
    source: Source
    closed_for: float  # seconds until a 429's closing ends; 0 when open
    updated_at: float  # wall-clock time of the last change
    source_text: str = ""  # for people: "published table", "learned from the server on 2026-12-02", ...


_SOURCE_TEXT = {
    "table": QT_TRANSLATE_NOOP("describe_source", "published table"),
    "edit": QT_TRANSLATE_NOOP("describe_source", "your edit"),
    "header": QT_TRANSLATE_NOOP("describe_source", "from headers"),
    "429": QT_TRANSLATE_NOOP("describe_source", "a 429 (no figure)"),
    "learned": QT_TRANSLATE_NOOP("describe_source", "learned from the server"),
}


def describe_source(source: Source, learned_on: str | None = None) -> str:
    """Where a limit figure comes from, in the user's language."""
    if source == "learned" and learned_on:
        return translate("describe_source", "learned from the server on {date}").format(date=learned_on)
    return translate("describe_source", _SOURCE_TEXT[source])


@dataclass
class _Tracked:
    bucket: TokenBucket
    source: Source = "table"
    updated_at: float = field(default_factory=time.time)
    learned_on: str | None = None


@dataclass
class _OpenReservation:
    reservation: Reservation
    taken: dict[Dimension, float]


@dataclass
class _ModelState:
    dims: dict[Dimension, _Tracked] = field(default_factory=dict)
    # A 429 closes a dimension until this clock time, even one we have no limit for.
    closed_until: dict[Dimension, float] = field(default_factory=dict)
    open: dict[int, _OpenReservation] = field(default_factory=dict)
    advertised: bool = False  # the server has sent x-ratelimit-* headers for this model


class RateLimiter:
    def __init__(
        self,
        table: LimitTable | None = None,
        plan: str = "free",
        *,
        time_scale: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] | None = None,
        latency_margin: float = DEFAULT_LATENCY_MARGIN,
        learned: LearnedLimits | None = None,
    ) -> None:
        """``clock`` measures the windows; ``wall_clock`` keeps running through a system suspend.

        With the real monotonic clock (or whenever a ``wall_clock`` is given) time the machine spent
        asleep is added to ``clock``, so quota refills and 429 closings end during a suspend as they do
        on Groq's side. An injected test clock without a ``wall_clock`` is used as it is.
        """
        if time_scale <= 0:
            raise ValueError("time_scale must be positive")
        self._latency_margin = latency_margin
        self._learned = learned
        self._table = table if table is not None else LimitTable.load()
        self._plan = plan
        self._time_scale = time_scale
        if wall_clock is not None or clock is time.monotonic:
            clock = SuspendAwareClock(clock, wall_clock, on_suspend=self._on_suspend)
        self._clock = clock
        self._lock = threading.RLock()
        self._condition = threading.Condition(self._lock)
        self._models: dict[str, _ModelState] = {}
        self._overrides: dict[tuple[str, str], ModelLimits] = {}
        self._ids = itertools.count(1)
        self._subscribers: dict[int, Callable[[str], None]] = {}
        self._async_waiters: dict[int, tuple[asyncio.AbstractEventLoop, asyncio.Event]] = {}
        self._handles = itertools.count(1)

    # --- configuration ------------------------------------------------------

    @property
    def plan(self) -> str:
        return self._plan

    @property
    def time_scale(self) -> float:
        return self._time_scale

    def set_plan(self, plan: str) -> None:
        with self._lock:
            self._plan = plan
            now = self._clock()
            for model, state in self._models.items():
                self._apply_limits(state, model, now)
            changed = list(self._models)
            self._condition.notify_all()
        for model in changed:
            self._publish(model)

    def set_limits(self, model: str, limits: ModelLimits) -> None:
        """A user's edit of a model's limits; takes effect at once, keeping what is used."""
        with self._lock:
            self._overrides[(self._plan, model)] = limits
            if self._learned is not None:
                self._learned.forget(model)
            state = self._state(model)
            self._apply_limits(state, model, self._clock())
            self._condition.notify_all()
        self._publish(model)

    # --- reserving ----------------------------------------------------------

    def check_admissible(self, model: str, cost: Cost) -> None:
        """Raise RequestTooLargeError when ``cost`` exceeds a dimension's whole capacity."""
        error = self.too_large(model, cost)
        if error is not None:
            raise error

    def too_large(self, model: str, cost: Cost) -> RequestTooLargeError | None:
        """Why ``cost`` can never be granted (with the largest max_tokens that fits), or None."""
        with self._lock:
            state = self._state(model)
            capacities = {d: t.bucket.capacity for d, t in state.dims.items()}
        over = [d for d, cap in capacities.items() if cost.amount(d) > cap]
        if not over:
            return None
        dimension = max(over, key=lambda d: cost.amount(d) / capacities[d])
        return _too_large(model, dimension, cost.amount(dimension), capacities[dimension], _max_output_fit(cost, capacities))

    def try_reserve(self, model: str, cost: Cost) -> Reservation | WaitInfo:
        """Reserve ``cost`` in every dimension, or in none and say what binds."""
        with self._lock:
            result = self._try_reserve_locked(model, cost)
        if isinstance(result, Reservation):
            self._publish(model, wake_waiters=False)
        return result

    def reserve(self, model: str, cost: Cost, timeout: float | None = None) -> Reservation:
        """Block (in a worker thread) until ``cost`` fits; TimeoutError after ``timeout`` seconds."""
        self.check_admissible(model, cost)
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._condition:
            while True:
                result = self._try_reserve_locked(model, cost)
                if isinstance(result, Reservation):
                    break
                if math.isinf(result.wait_seconds):
                    raise self.too_large(model, cost) or _too_large(model, result.dimension, result.needed, result.limit)
                wait = result.wait_seconds
                if deadline is not None:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError(f"waited {timeout} s for {model}: {result.reason}")
                    wait = min(wait, left)
                self._condition.wait(timeout=min(wait, _MAX_NAP) + _WAKE_MARGIN)
        self._publish(model, wake_waiters=False)
        return result

    async def acquire(
        self,
        model: str,
        cost: Cost,
        on_wait: Callable[[WaitInfo], None] | None = None,
    ) -> Reservation:
        """Await until ``cost`` fits; wakes on any limiter change or when the computed wait ends."""
        self.check_admissible(model, cost)
        changed = asyncio.Event()
        handle = next(self._handles)
        with self._lock:
            self._async_waiters[handle] = (asyncio.get_running_loop(), changed)
        try:
            while True:
                # Cleared before looking, so a change made after the look still wakes us.
                changed.clear()
                result = self.try_reserve(model, cost)
                if isinstance(result, Reservation):
                    return result
                if math.isinf(result.wait_seconds):
                    raise self.too_large(model, cost) or _too_large(model, result.dimension, result.needed, result.limit)
                if on_wait is not None:
                    on_wait(result)
                # asyncio.timeout, not wait_for: 3.11's wait_for can swallow a cancellation.
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(min(result.wait_seconds, _MAX_NAP) + _WAKE_MARGIN):
                        await changed.wait()
        finally:
            with self._lock:
                self._async_waiters.pop(handle, None)

    def settle(self, reservation: Reservation, actual: Cost) -> None:
        """Replace the reservation's estimate with the real usage (may leave a bucket below zero)."""
        with self._lock:
            state = self._models.get(reservation.model)
            entry = state.open.pop(reservation.id, None) if state else None
            if state is None or entry is None:
                return
            now = self._clock()
            for dimension, tracked in state.dims.items():
                difference = actual.amount(dimension) - entry.taken.get(dimension, 0.0)
                if difference > 0:
                    tracked.bucket.take(difference, now)
                elif difference < 0:
                    tracked.bucket.give(-difference, now)
                tracked.updated_at = time.time()
            self._condition.notify_all()
        self._publish(reservation.model)

    def release(self, reservation: Reservation) -> None:
        """Give everything back: the request never reached the server or was not billed."""
        with self._lock:
            state = self._models.get(reservation.model)
            entry = state.open.pop(reservation.id, None) if state else None
            if state is None or entry is None:
                return
            now = self._clock()
            for dimension, amount in entry.taken.items():
                tracked = state.dims.get(dimension)
                if tracked is not None:
                    tracked.bucket.give(amount, now)
                    tracked.updated_at = time.time()
            self._condition.notify_all()
        self._publish(reservation.model)

    # --- corrections from the server ----------------------------------------

    def observe_headers(self, model: str, headers: RateLimitHeaders) -> None:
        """Correct the buckets from a response's ``x-ratelimit-*`` readings, never upwards past them."""
        if not headers.readings:
            return
        with self._lock:
            state = self._state(model)
            state.advertised = True
            now = self._clock()
            for reading in headers.readings:
                dimension = reading.dimension
                tracked = state.dims.get(dimension)
                if reading.limit is not None and reading.limit > 0:
                    if tracked is None:
                        tracked = self._new_tracked(dimension, reading.limit, now)
                        state.dims[dimension] = tracked
                    elif tracked.bucket.capacity != reading.limit:
                        tracked.bucket.resize(reading.limit, now)
                    tracked.source = "header"
                    tracked.updated_at = time.time()
                if reading.remaining is None or tracked is None:
                    continue
                in_flight = sum(o.taken.get(dimension, 0.0) for o in state.open.values())
                bucket = tracked.bucket
                level = min(bucket.available(now), reading.remaining)
                # The server has not yet seen what is in flight, so its number minus that is a floor.
                level = min(max(level, reading.remaining - in_flight), bucket.capacity)
                if level < bucket.level:
                    bucket.lower_to(level, now)
                else:
                    bucket.give(level - bucket.level, now)
                tracked.source = "header"
                tracked.updated_at = time.time()
            self._condition.notify_all()
        self._publish(model)

    def observe_rate_limited(self, model: str, error: RateLimitError, cost: Cost | None = None) -> None:
        """Learn the limit a 429 names, close that dimension until its wait ends, then pace steadily.

        Give the refused request's reservation back *before* calling this: the bucket is set here to
        what the server holds. Groq does not say whether it counts in a sliding window or a refilling
        bucket; so when the wait ends the bucket holds just the refused request's amount and refills at
        limit/window from there, which both ways of counting admit (a full bucket would burst).
        """
        dimension = _dimension_named(error.dimension) or Dimension.RPM
        with self._lock:
            state = self._state(model)
            now = self._clock()
            tracked = self._learn(model, state, dimension, error.limit, error.organization, now)
            if error.limit is not None and (error.requested or 0.0) > error.limit:
                # Larger than the whole budget (max_tokens over OTPM): the server counted nothing and
                # the budget is as it was; only the figure was news.
                closing: float | None = None
            elif error.retry_after is not None:
                closing = error.retry_after
            elif tracked is None:
                closing = dimension.window_seconds / self._time_scale
            else:
                closing = 0.0  # the emptied bucket alone makes requests wait
            if tracked is not None and closing is not None:
                bucket = tracked.bucket
                requested = error.requested or (cost.amount(dimension) if cost is not None else 0.0)
                if not requested and dimension.unit == "requests":
                    requested = 1.0
                # The server named the moment: the latency margin is not added on top of it.
                at_reopening = min(requested + self._latency_margin * bucket.rate, bucket.capacity)
                bucket.lower_to(min(0.0, at_reopening - closing * bucket.rate), now)
                if tracked.source != "learned":
                    tracked.source = "429"
                tracked.updated_at = time.time()
            if closing:
                state.closed_until[dimension] = max(state.closed_until.get(dimension, 0.0), now + closing)
            self._condition.notify_all()
        self._publish(model)

    def observe_too_large(self, model: str, error: RequestTooLargeError) -> None:
        """A 413 names a whole budget (e.g. ITPM) the request did not fit in: learn its limit."""
        dimension = _dimension_named(error.dimension)
        if dimension is None or error.limit is None:
            return
        with self._lock:
            self._learn(model, self._state(model), dimension, error.limit, error.organization, self._clock())
            self._condition.notify_all()
        self._publish(model)

    def _learn(
        self,
        model: str,
        state: _ModelState,
        dimension: Dimension,
        limit: float | None,
        organization: str | None,
        now: float,
    ) -> _Tracked | None:
        """Take the server's figure for ``dimension`` (and keep it for the next start)."""
        tracked = state.dims.get(dimension)
        if limit is None or not limit > 0 or math.isinf(limit):
            return tracked
        if tracked is None:
            tracked = self._new_tracked(dimension, limit, now)
            state.dims[dimension] = tracked
        elif tracked.bucket.capacity != limit:
            tracked.bucket.resize(limit, now)
        learned_on = None
        if self._learned is not None:
            learned_on = self._learned.record(model, dimension, limit, organization).date
            log.info("learned %s %s = %s from the server", model, dimension, _amount(limit))
        tracked.source, tracked.learned_on = "learned", learned_on
        tracked.updated_at = time.time()
        return tracked

    # --- reading the state --------------------------------------------------

    def snapshot(self, model: str | None = None) -> list[DimensionSnapshot]:
        with self._lock:
            now = self._clock()
            names = sorted(self._models) if model is None else [model]
            out: list[DimensionSnapshot] = []
            for name in names:
                state = self._state(name)
                for dimension in Dimension:
                    item = self._snapshot_of(name, state, dimension, now)
                    if item is not None:
                        out.append(item)
            return out

    def advertised(self, model: str) -> bool:
        """Whether the server has shown this model's budget in headers (Groq does, on every answer)."""
        with self._lock:
            state = self._models.get(model)
            return state is not None and state.advertised

    def models(self) -> list[str]:
        with self._lock:
            return sorted(self._models)

    def in_flight(self, model: str) -> Cost:
        """The sum of the model's open reservations."""
        with self._lock:
            state = self._models.get(model)
            costs = [o.reservation.cost for o in state.open.values()] if state else []
        return Cost(
            requests=sum(c.requests for c in costs),
            tokens=sum(c.tokens for c in costs),
            audio_seconds=sum(c.audio_seconds for c in costs),
            output_tokens=sum(c.output_tokens for c in costs),
        )

    def subscribe(self, callback: Callable[[str], None]) -> Callable[[], None]:
        """Call ``callback(model)`` after every state change, from the thread that made it."""
        with self._lock:
            key = next(self._handles)
            self._subscribers[key] = callback

        def unsubscribe() -> None:
            with self._lock:
                self._subscribers.pop(key, None)

        return unsubscribe

    # --- internals (callers hold the lock) ----------------------------------

    def _sourced_limits(self, model: str) -> tuple[ModelLimits, dict[Dimension, tuple[Source, str | None]]]:
        """The table's (or the user's) figures, with what the server taught on top, and where each is from."""
        override = self._overrides.get((self._plan, model))
        if override is not None:
            limits, base = override, "edit"
        else:
            limits = self._table.limits_for(model, self._plan)
            base = "edit" if self._table.source_of(model, self._plan) == "edit" else "table"
        sources: dict[Dimension, tuple[Source, str | None]] = {d: (base, None) for d in limits.values}
        if self._learned is not None:
            for entry in self._learned.entries():
                if entry.model == model:
                    limits = limits.with_value(entry.dimension, entry.limit)
                    sources[entry.dimension] = ("learned", entry.date)
        return limits, sources

    def _state(self, model: str) -> _ModelState:
        state = self._models.get(model)
        if state is None:
            state = _ModelState()
            self._apply_limits(state, model, self._clock())
            self._models[model] = state
        return state

    def _new_tracked(self, dimension: Dimension, limit: float, now: float) -> _Tracked:
        window = dimension.window_seconds / self._time_scale
        return _Tracked(TokenBucket.full(limit, window, now))

    def _apply_limits(self, state: _ModelState, model: str, now: float) -> None:
        limits, sources = self._sourced_limits(model)
        for dimension in Dimension:
            value = limits.get(dimension)
            tracked = state.dims.get(dimension)
            if value is None:
                state.dims.pop(dimension, None)
                continue
            if tracked is None:
                tracked = state.dims[dimension] = self._new_tracked(dimension, value, now)
            else:
                tracked.bucket.resize(value, now)
                tracked.updated_at = time.time()
            tracked.source, tracked.learned_on = sources.get(dimension, ("table", None))

    def _try_reserve_locked(self, model: str, cost: Cost) -> Reservation | WaitInfo:
        state = self._state(model)
        now = self._clock()
        binding: WaitInfo | None = None
        for dimension in Dimension:
            amount = cost.amount(dimension)
            if amount <= 0:
                continue
            info = self._wait_in(model, state, dimension, amount, now)
            if info is not None and (binding is None or info.wait_seconds > binding.wait_seconds):
                binding = info
        if binding is not None:
            return binding
        taken: dict[Dimension, float] = {}
        for dimension, tracked in state.dims.items():
            amount = cost.amount(dimension)
            if amount > 0:
                tracked.bucket.take(amount, now)
                tracked.updated_at = time.time()
                taken[dimension] = amount
        reservation = Reservation(next(self._ids), model, cost, now)
        state.open[reservation.id] = _OpenReservation(reservation, taken)
        return reservation

    def _wait_in(
        self, model: str, state: _ModelState, dimension: Dimension, amount: float, now: float
    ) -> WaitInfo | None:
        """The wait ``amount`` faces in one dimension, or None when it fits now."""
        closed_for = self._closed_for(state, dimension, now)
        tracked = state.dims.get(dimension)
        if tracked is None:
            if closed_for <= 0:
                return None
            return WaitInfo(
                model, dimension, closed_for, amount, 0.0, 0.0, _closed_reason(dimension, closed_for)
            )
        bucket = tracked.bucket
        bucket_wait = bucket.wait_for(amount, now, self._latency_margin)
        wait = max(bucket_wait, closed_for)
        if wait <= 0:
            return None
        if math.isinf(bucket_wait):
            reason = translate(
                "RateLimiter", "{dimension}: a request of {amount} is more than the whole limit of {limit}"
            ).format(dimension=dimension.value, amount=_amount(amount), limit=_amount(bucket.capacity))
        elif closed_for > 0:
            # A 429 both closes the dimension and sets its budget to refill by then: the refusal is the reason.
            reason = _closed_reason(dimension, wait)
        else:
            used = bucket.capacity - bucket.level
            reason = translate("RateLimiter", "{dimension}: {used} of {limit} used, {wait}").format(
                dimension=dimension.value, used=_amount(used), limit=_amount(bucket.capacity), wait=format_wait(wait)
            )
        return WaitInfo(model, dimension, wait, amount, bucket.level, bucket.capacity, reason)

    def _closed_for(self, state: _ModelState, dimension: Dimension, now: float) -> float:
        until = state.closed_until.get(dimension)
        if until is None:
            return 0.0
        if until <= now:
            del state.closed_until[dimension]
            return 0.0
        return until - now

    def _snapshot_of(
        self, model: str, state: _ModelState, dimension: Dimension, now: float
    ) -> DimensionSnapshot | None:
        closed_for = self._closed_for(state, dimension, now)
        tracked = state.dims.get(dimension)
        if tracked is None:
            if closed_for <= 0:
                return None
            return DimensionSnapshot(
                model, dimension, 0.0, 0.0, 0.0, closed_for, "429", closed_for, time.time(), describe_source("429")
            )
        bucket = tracked.bucket
        level = bucket.available(now)
        return DimensionSnapshot(
            model=model,
            dimension=dimension,
            limit=bucket.capacity,
            remaining=max(0.0, level),
            used=bucket.capacity - level,
            reset_in=max(bucket.reset_in(now), closed_for),
            source=tracked.source,
            closed_for=closed_for,
            updated_at=tracked.updated_at,
            source_text=describe_source(tracked.source, tracked.learned_on),
        )

    # --- notifications (callers do NOT hold the lock) -----------------------

    def _on_suspend(self, seconds: float) -> None:
        """The clock found a suspend (and is read under our lock): tell everyone from another thread."""
        log.info("the machine was asleep for %s: quota refilled and 429 closings ran meanwhile", format_wait(seconds))
        threading.Thread(target=self._after_suspend, name="limiter-wake", daemon=True).start()

    def _after_suspend(self) -> None:
        with self._condition:
            self._condition.notify_all()
            models = list(self._models)
        for model in models:
            self._publish(model)

    def _publish(self, model: str, *, wake_waiters: bool = True) -> None:
        """Tell subscribers; wake async waiters unless the change only took quota (which helps nobody)."""
        with self._lock:
            waiters = list(self._async_waiters.values()) if wake_waiters else []
            subscribers = list(self._subscribers.values())
        for loop, event in waiters:
            # A closed loop's waiter is gone with it.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(event.set)
        for callback in subscribers:
            try:
                callback(model)
            except Exception:
                log.exception("rate limiter subscriber failed")


# Timers may fire a hair early; waking just after the computed moment avoids a second lap.
_WAKE_MARGIN = 0.001
# Waiters look again at least this often: timers run on monotonic time, which stops while the
# machine sleeps, so a long wait must notice a wake-up (the clock then reports the suspend).
_MAX_NAP = 30.0


def _dimension_named(name: str | None) -> Dimension | None:
    try:
        return Dimension(name.upper()) if name else None
    except ValueError:
        return None


def _amount(value: float) -> str:
    return number(value, 0 if abs(value - round(value)) < 1e-6 or abs(value) >= 100 else 1)


def _closed_reason(dimension: Dimension, closed_for: float) -> str:
    return translate("RateLimiter", "closed by 429 ({dimension}) for {wait}").format(
        dimension=dimension.value, wait=format_wait(closed_for)
    )


def _max_output_fit(cost: Cost, capacities: dict[Dimension, float]) -> int | None:
    """The largest output budget (max_tokens) with which ``cost`` fits every token dimension."""
    if cost.output_tokens <= 0:
        return None
    room = [
        capacities[d] - (cost.input_tokens if d.unit == "tokens" else 0.0)
        for d in capacities
        if d.unit in ("tokens", "output_tokens")
    ]
    if any(cost.amount(d) > capacities[d] for d in capacities if d.unit not in ("tokens", "output_tokens")):
        return None  # the prompt itself (ITPM) or the request count is over: no max_tokens helps
    fit = int(math.floor(min(room))) if room else cost.output_tokens
    return fit if fit > 0 else None


def _too_large(
    model: str, dimension: Dimension, amount: float, limit: float, max_tokens_fit: int | None = None
) -> RequestTooLargeError:
    message = translate(
        "RateLimiter",
        "This request needs {amount} {unit}, but {model} allows at most {limit} {dimension_label} ({dimension}): "
        "it can never be sent in one go.",
    ).format(
        amount=_amount(amount), unit=dimension.unit_label, model=model, limit=_amount(limit),
        dimension_label=dimension.label, dimension=dimension.value,
    )
    if max_tokens_fit:
        message += " " + translate(
            "RateLimiter", "Lower max tokens to {max_tokens} or shorten the conversation."
        ).format(max_tokens=number(max_tokens_fit))
    return RequestTooLargeError(
        message,
        dimension=dimension.value,
        limit=limit,
        requested=amount,
        max_tokens_fit=max_tokens_fit,
    )
