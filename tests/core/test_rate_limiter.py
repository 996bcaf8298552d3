"""RateLimiter: arithmetic on a fake clock, corrections from the server, blocking and async waits."""

from __future__ import annotations

import asyncio
import math
import threading

import pytest

from groq_desktop.core.quota.headers import parse_rate_limit_headers
from groq_desktop.core.quota.limits import Cost, Dimension, LimitTable, ModelLimits
from groq_desktop.core.quota.rate_limiter import RateLimiter, Reservation, WaitInfo
from groq_desktop.errors import RateLimitError, RequestTooLargeError


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now
        # Set when a thread other than the main one reads the clock, i.e. is inside the limiter.
        self.read_by_worker = threading.Event()

    def __call__(self) -> float:
        if threading.current_thread() is not threading.main_thread():
            self.read_by_worker.set()
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_table(models: dict[str, dict[str, float]], plan: str = "free") -> LimitTable:
    return LimitTable(
        plans={plan: {m: ModelLimits.from_mapping(v) for m, v in models.items()}},
        defaults={plan: ModelLimits()},
    )


def level(limiter: RateLimiter, model: str, dimension: Dimension) -> tuple[float, float]:
    """(remaining, used) of one dimension."""
    snap = next(s for s in limiter.snapshot(model) if s.dimension is dimension)
    return snap.remaining, snap.used


def tpd_error(wait: str = "3h10m0s", limit: int = 100000) -> RateLimitError:
    return RateLimitError(
        "Rate limit reached for model `m` in organization `org_x` service tier `on_demand` on tokens "
        f"per day (TPD): Limit {limit}, Used 99000, Requested 2000. Please try again in {wait}."
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_reserve_settle_release_arithmetic(clock: FakeClock) -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 10, "TPM": 1000}}), clock=clock, latency_margin=0)
    res = limiter.try_reserve("m", Cost(tokens=300))
    assert isinstance(res, Reservation)
    assert level(limiter, "m", Dimension.TPM) == (700, 300)
    assert level(limiter, "m", Dimension.RPM) == (9, 1)
    assert limiter.in_flight("m") == Cost(requests=1, tokens=300)

    limiter.settle(res, Cost(tokens=100))
    assert level(limiter, "m", Dimension.TPM) == (900, 100)
    assert limiter.in_flight("m") == Cost(requests=0, tokens=0)
    limiter.settle(res, Cost(tokens=999))  # twice: no-op
    limiter.release(res)  # after settling: no-op
    assert level(limiter, "m", Dimension.TPM) == (900, 100)

    res2 = limiter.try_reserve("m", Cost(tokens=500))
    assert isinstance(res2, Reservation)
    limiter.release(res2)
    limiter.release(res2)
    assert level(limiter, "m", Dimension.TPM) == (900, 100)
    assert level(limiter, "m", Dimension.RPM) == (9, 1)


def test_settle_above_estimate_goes_below_zero_and_later_requests_wait_longer(clock: FakeClock) -> None:
    limiter = RateLimiter(make_table({"m": {"TPM": 1000}}), clock=clock, latency_margin=0)
    res = limiter.try_reserve("m", Cost(tokens=500))
    assert isinstance(res, Reservation)
    limiter.settle(res, Cost(tokens=1500))
    remaining, used = level(limiter, "m", Dimension.TPM)
    assert (remaining, used) == (0, 1500)
    wait = limiter.try_reserve("m", Cost(tokens=100))
    assert isinstance(wait, WaitInfo)
    assert wait.dimension is Dimension.TPM
    # 600 tokens missing at 1000/60 per second.
    assert wait.wait_seconds == pytest.approx(36.0)


def test_refill_over_time_never_above_capacity(clock: FakeClock) -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 2}}), clock=clock, latency_margin=0)
    assert isinstance(limiter.try_reserve("m", Cost()), Reservation)
    assert isinstance(limiter.try_reserve("m", Cost()), Reservation)
    wait = limiter.try_reserve("m", Cost())
    assert isinstance(wait, WaitInfo)
    assert wait.wait_seconds == pytest.approx(30.0)
    assert wait.reason == "RPM: 2 of 2 used, 30 s"
    clock.advance(29.9)
    assert isinstance(limiter.try_reserve("m", Cost()), WaitInfo)
    clock.advance(0.1)
    assert isinstance(limiter.try_reserve("m", Cost()), Reservation)
    clock.advance(3600)
    assert level(limiter, "m", Dimension.RPM) == (2, 0)


def test_binding_dimension_is_the_longest_wait_and_failure_reserves_nothing(clock: FakeClock) -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 1, "TPM": 1000}}), clock=clock, latency_margin=0)
    assert isinstance(limiter.try_reserve("m", Cost(tokens=100)), Reservation)
    # RPM needs 60 s, TPM only 3 s: RPM binds.
    wait = limiter.try_reserve("m", Cost(tokens=950))
    assert isinstance(wait, WaitInfo)
    assert (wait.dimension, wait.needed, wait.limit) == (Dimension.RPM, 1, 1)
    assert wait.wait_seconds == pytest.approx(60.0)
    assert level(limiter, "m", Dimension.TPM) == (900, 100)

    tokens_bind = RateLimiter(make_table({"m": {"RPM": 10, "TPM": 1000}}), clock=clock, latency_margin=0)
    assert isinstance(tokens_bind.try_reserve("m", Cost(tokens=1000)), Reservation)
    wait = tokens_bind.try_reserve("m", Cost(tokens=100))
    assert isinstance(wait, WaitInfo)
    assert (wait.dimension, wait.needed, wait.available) == (Dimension.TPM, 100, 0)
    assert wait.wait_seconds == pytest.approx(6.0)
    assert level(tokens_bind, "m", Dimension.RPM) == (9, 1)


def test_tokens_do_not_touch_request_only_models(clock: FakeClock) -> None:
    limiter = RateLimiter(make_table({"a": {"RPM": 5, "ASH": 100}}), clock=clock, latency_margin=0)
    res = limiter.try_reserve("a", Cost.audio(30))
    assert isinstance(res, Reservation)
    assert level(limiter, "a", Dimension.ASH) == (70, 30)
    assert [s.dimension for s in limiter.snapshot("a")] == [Dimension.RPM, Dimension.ASH]


def test_429_closes_daily_dimension_for_hours(clock: FakeClock) -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 30, "TPM": 6000, "TPD": 100000}}), clock=clock, latency_margin=0)
    limiter.observe_rate_limited("m", tpd_error("3h10m0s"))
    snap = next(s for s in limiter.snapshot("m") if s.dimension is Dimension.TPD)
    assert snap.closed_for == pytest.approx(11400)
    assert (snap.remaining, snap.source) == (0, "learned")
    other = next(s for s in limiter.snapshot("m") if s.dimension is Dimension.RPM)
    assert other.closed_for == 0

    wait = limiter.try_reserve("m", Cost(tokens=10))
    assert isinstance(wait, WaitInfo)
    assert wait.dimension is Dimension.TPD
    assert wait.wait_seconds == pytest.approx(11400)
    assert wait.reason == "closed by 429 (TPD) for 3 h 10 min"

    clock.advance(11399)
    assert isinstance(limiter.try_reserve("m", Cost(tokens=10)), WaitInfo)
    clock.advance(1)
    assert isinstance(limiter.try_reserve("m", Cost(tokens=10)), Reservation)
    # Reopened at the steady rate: just the refused request's 2,000 tokens, not 3 h of refill at once.
    assert level(limiter, "m", Dimension.TPD)[1] == pytest.approx(100000 - 2000 + 10)


def test_429_resizes_to_the_servers_limit_and_unknown_dimension_closes_rpm(clock: FakeClock) -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 30, "TPD": 200000}}), clock=clock, latency_margin=0)
    limiter.observe_rate_limited("m", tpd_error("10s", limit=100000))
    snap = next(s for s in limiter.snapshot("m") if s.dimension is Dimension.TPD)
    assert snap.limit == 100000

    limiter.observe_rate_limited("m", RateLimitError("Too many requests", retry_after=5))
    wait = limiter.try_reserve("m", Cost())
    assert isinstance(wait, WaitInfo)
    assert wait.dimension is Dimension.RPM
    assert wait.wait_seconds == pytest.approx(5)


def test_429_on_a_dimension_without_a_known_limit_still_closes_it(clock: FakeClock) -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 30}}), clock=clock, latency_margin=0)
    limiter.observe_rate_limited("m", RateLimitError("on tokens per day (TPD)", retry_after=60))
    wait = limiter.try_reserve("m", Cost(tokens=1))
    assert isinstance(wait, WaitInfo) and wait.dimension is Dimension.TPD
    assert isinstance(limiter.try_reserve("m", Cost(tokens=0)), Reservation)  # uses no tokens
    clock.advance(60)
    assert isinstance(limiter.try_reserve("m", Cost(tokens=1)), Reservation)
    assert [s.dimension for s in limiter.snapshot("m")] == [Dimension.RPM]


def test_headers_only_lower_the_level_except_beyond_what_is_in_flight(clock: FakeClock) -> None:
    limiter = RateLimiter(make_table({"m": {"RPD": 1000, "TPM": 6000}}), clock=clock, latency_margin=0)
    res = limiter.try_reserve("m", Cost(tokens=1000))
    assert isinstance(res, Reservation)
    # Server saw other usage: 5500 left there, 5000 here -> keep our lower 5000.
    limiter.observe_headers("m", parse_rate_limit_headers({"x-ratelimit-remaining-tokens": "5500"}))
    assert level(limiter, "m", Dimension.TPM)[0] == 5000
    # Server knows less room than we think: follow it down.
    limiter.observe_headers("m", parse_rate_limit_headers({"x-ratelimit-remaining-tokens": "3000"}))
    assert level(limiter, "m", Dimension.TPM)[0] == 3000
    # Local 3000 < server 5500 - 1000 in flight: raise to 4500, not to 5500.
    limiter.observe_headers("m", parse_rate_limit_headers({"x-ratelimit-remaining-tokens": "5500"}))
    assert level(limiter, "m", Dimension.TPM)[0] == 4500

    limiter.observe_headers(
        "m",
        parse_rate_limit_headers(
            {
                "x-ratelimit-limit-requests": "14400",
                "x-ratelimit-remaining-requests": "14000",
                "x-ratelimit-reset-requests": "2m59.56s",
                "x-ratelimit-limit-tokens": "18000",
            }
        ),
    )
    rpd = next(s for s in limiter.snapshot("m") if s.dimension is Dimension.RPD)
    assert (rpd.limit, rpd.source) == (14400, "header")
    assert rpd.remaining == 14000  # min(local 14399, server 14000)
    tpm = next(s for s in limiter.snapshot("m") if s.dimension is Dimension.TPM)
    assert (tpm.limit, tpm.remaining, tpm.source) == (18000, 16500, "header")


def test_headers_add_a_dimension_the_table_lacks(clock: FakeClock) -> None:
    limiter = RateLimiter(make_table({"w": {"RPM": 20}}), clock=clock, latency_margin=0)
    limiter.observe_headers(
        "w",
        parse_rate_limit_headers(
            {"x-ratelimit-limit-audio-seconds": "7200", "x-ratelimit-remaining-audio-seconds": "7000"}
        ),
    )
    ash = next(s for s in limiter.snapshot("w") if s.dimension is Dimension.ASH)
    assert (ash.limit, ash.remaining, ash.source) == (7200, 7000, "header")


def test_request_too_large(clock: FakeClock) -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 30, "TPM": 6000}}), clock=clock, latency_margin=0)
    with pytest.raises(RequestTooLargeError) as caught:
        limiter.check_admissible("m", Cost(tokens=7000))
    assert "TPM" in caught.value.message and "6,000" in caught.value.message
    assert "7,000" in caught.value.message
    limiter.check_admissible("m", Cost(tokens=6000))
    wait = limiter.try_reserve("m", Cost(tokens=7000))
    assert isinstance(wait, WaitInfo) and math.isinf(wait.wait_seconds)
    with pytest.raises(RequestTooLargeError):
        limiter.reserve("m", Cost(tokens=7000), timeout=1)
    assert limiter.in_flight("m") == Cost(requests=0)


def test_time_scale_shortens_windows(clock: FakeClock) -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 60}}), time_scale=60, clock=clock, latency_margin=0)
    for _ in range(60):
        assert isinstance(limiter.try_reserve("m", Cost()), Reservation)
    wait = limiter.try_reserve("m", Cost())
    assert isinstance(wait, WaitInfo)
    assert wait.wait_seconds == pytest.approx(1 / 60)
    clock.advance(0.5)
    assert level(limiter, "m", Dimension.RPM)[0] == pytest.approx(30)
    clock.advance(0.5)
    assert level(limiter, "m", Dimension.RPM)[0] == pytest.approx(60)


def test_set_limits_takes_effect_at_once_keeping_what_is_used(clock: FakeClock) -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 5, "TPM": 1000}}), clock=clock, latency_margin=0)
    for _ in range(3):
        assert isinstance(limiter.try_reserve("m", Cost(tokens=100)), Reservation)
    limiter.set_limits("m", ModelLimits({Dimension.RPM: 10, Dimension.RPD: 50}))
    snaps = {s.dimension: s for s in limiter.snapshot("m")}
    assert set(snaps) == {Dimension.RPM, Dimension.RPD}
    assert (snaps[Dimension.RPM].limit, snaps[Dimension.RPM].used) == (10, 3)
    assert (snaps[Dimension.RPD].limit, snaps[Dimension.RPD].used) == (50, 0)
    limiter.set_limits("m", ModelLimits({Dimension.RPM: 2}))
    assert level(limiter, "m", Dimension.RPM) == (0, 3)


def test_set_limits_wakes_a_blocked_reserve(clock: FakeClock) -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 1}}), clock=clock, latency_margin=0)
    assert isinstance(limiter.try_reserve("m", Cost()), Reservation)
    got: list[Reservation] = []

    def worker() -> None:
        got.append(limiter.reserve("m", Cost(), timeout=10))

    thread = threading.Thread(target=worker)
    thread.start()
    # The worker reads the clock holding the lock, so our next call runs once it waits.
    assert clock.read_by_worker.wait(5)
    limiter.set_limits("m", ModelLimits({Dimension.RPM: 2}))
    thread.join(5)
    assert not thread.is_alive()
    assert len(got) == 1 and got[0].model == "m"


def test_blocking_reserve_wakes_on_release_and_times_out(clock: FakeClock) -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 1}}), clock=clock, latency_margin=0)
    first = limiter.try_reserve("m", Cost())
    assert isinstance(first, Reservation)
    with pytest.raises(TimeoutError):
        limiter.reserve("m", Cost(), timeout=0.05)

    got: list[Reservation] = []

    def worker() -> None:
        got.append(limiter.reserve("m", Cost(), timeout=10))

    thread = threading.Thread(target=worker)
    thread.start()
    assert clock.read_by_worker.wait(5)
    limiter.release(first)
    thread.join(5)
    assert not thread.is_alive() and len(got) == 1
    assert limiter.in_flight("m") == Cost(requests=1)


def test_subscribers_are_called_outside_the_lock_and_can_unsubscribe(clock: FakeClock) -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 5}}), clock=clock, latency_margin=0)
    calls: list[tuple[str, bool]] = []

    def callback(model: str) -> None:
        # Another thread must be able to take the lock while we are being told.
        probe = threading.Thread(target=limiter.snapshot)
        probe.start()
        probe.join(5)
        calls.append((model, probe.is_alive()))

    unsubscribe = limiter.subscribe(callback)
    res = limiter.try_reserve("m", Cost())
    assert isinstance(res, Reservation)
    limiter.settle(res, Cost())
    limiter.observe_rate_limited("m", RateLimitError("x", retry_after=1))
    assert calls == [("m", False)] * 3
    unsubscribe()
    limiter.set_limits("m", ModelLimits({Dimension.RPM: 6}))
    assert len(calls) == 3


def test_plan_switch_and_model_listing(clock: FakeClock) -> None:
    table = make_table({"m": {"RPM": 30}})
    table.set_limits("m", ModelLimits({Dimension.RPM: 1000}), plan="developer")
    limiter = RateLimiter(table, clock=clock, latency_margin=0)
    assert isinstance(limiter.try_reserve("m", Cost()), Reservation)
    limiter.snapshot("n")
    assert limiter.models() == ["m", "n"]
    assert limiter.plan == "free"
    limiter.set_plan("developer")
    assert limiter.plan == "developer"
    assert level(limiter, "m", Dimension.RPM) == (999, 1)
    assert {s.model for s in limiter.snapshot()} == {"m"}  # "n" has no limits in either plan


def test_default_table_is_the_shipped_one() -> None:
    limiter = RateLimiter()
    dims = {s.dimension for s in limiter.snapshot("whisper-large-v3-turbo")}
    assert dims == {Dimension.RPM, Dimension.RPD, Dimension.ASH, Dimension.ASD}


# --- async acquire (real clock, scaled windows) ------------------------------


def test_acquire_waits_the_computed_time_without_blocking_the_loop() -> None:
    # RPM 2 at time_scale 600: the window is 0.1 s, one request refills in 0.05 s.
    limiter = RateLimiter(make_table({"m": {"RPM": 2}}), time_scale=600, latency_margin=0)
    waits: list[WaitInfo] = []

    async def main() -> tuple[list[Reservation], int]:
        ticks = 0
        stop = asyncio.Event()

        async def ticker() -> None:
            nonlocal ticks
            while not stop.is_set():
                ticks += 1
                await asyncio.sleep(0.001)

        tick_task = asyncio.create_task(ticker())
        got = [await limiter.acquire("m", Cost(), on_wait=waits.append) for _ in range(3)]
        stop.set()
        await tick_task
        return got, ticks

    got, ticks = asyncio.run(main())
    assert waits and all(w.dimension is Dimension.RPM for w in waits)
    assert 0 < waits[0].wait_seconds <= 0.05 + 1e-9
    # The third could not be granted before one request had refilled.
    assert got[2].created - got[0].created >= 0.05 - 1e-6
    assert ticks > 0
    assert limiter.in_flight("m") == Cost(requests=3)


def test_acquire_cancelled_leaves_nothing_reserved() -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 1, "TPM": 1000}}))

    async def main() -> None:
        first = await limiter.acquire("m", Cost(tokens=10))
        waiting = asyncio.Event()
        task = asyncio.create_task(limiter.acquire("m", Cost(tokens=500), on_wait=lambda _w: waiting.set()))
        await asyncio.wait_for(waiting.wait(), 5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert limiter.in_flight("m") == Cost(requests=1, tokens=10)
        limiter.release(first)

    asyncio.run(main())
    assert limiter.in_flight("m") == Cost(requests=0)
    assert level(limiter, "m", Dimension.TPM)[0] == pytest.approx(1000)


def test_acquire_is_woken_by_a_release_from_another_thread() -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 1}}))  # a refill would take a whole minute

    async def main() -> Reservation:
        first = await limiter.acquire("m", Cost())
        waiting = asyncio.Event()
        task = asyncio.create_task(limiter.acquire("m", Cost(), on_wait=lambda _w: waiting.set()))
        await asyncio.wait_for(waiting.wait(), 5)
        await asyncio.to_thread(limiter.release, first)
        return await asyncio.wait_for(task, 5)

    second = asyncio.run(main())
    assert limiter.in_flight("m") == Cost(requests=1)
    assert second.id != 1


def test_acquire_raises_when_never_admissible() -> None:
    limiter = RateLimiter(make_table({"m": {"TPM": 100}}))
    with pytest.raises(RequestTooLargeError):
        asyncio.run(limiter.acquire("m", Cost(tokens=101)))


def test_room_must_have_been_there_for_the_latency_margin() -> None:
    # The server admits each request a little after we reserve it; a refill that has only just
    # happened on our side may not have happened on its side yet.
    clock = FakeClock()
    limiter = RateLimiter(make_table({"m": {"RPM": 1, "TPM": 6000}}), clock=clock, latency_margin=0.25)
    assert isinstance(limiter.try_reserve("m", Cost(tokens=100)), Reservation)
    wait = limiter.try_reserve("m", Cost(tokens=100))
    assert isinstance(wait, WaitInfo) and wait.dimension is Dimension.RPM
    assert wait.wait_seconds == pytest.approx(60.25)
    clock.advance(60.0)
    assert isinstance(limiter.try_reserve("m", Cost(tokens=100)), WaitInfo)  # full, but only just
    clock.advance(0.25)
    assert isinstance(limiter.try_reserve("m", Cost(tokens=100)), Reservation)


def test_latency_margin_costs_nothing_in_steady_state() -> None:
    clock = FakeClock()
    limiter = RateLimiter(make_table({"m": {"RPM": 60}}), clock=clock, latency_margin=0.25)
    for _ in range(60):  # a bucket that has been full a while: the whole burst goes at once
        assert isinstance(limiter.try_reserve("m", Cost()), Reservation)
    starts = []
    for _ in range(30):
        wait = limiter.try_reserve("m", Cost())
        assert isinstance(wait, WaitInfo)
        clock.advance(wait.wait_seconds)
        assert isinstance(limiter.try_reserve("m", Cost()), Reservation)
        starts.append(clock())
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert gaps == pytest.approx([1.0] * len(gaps))  # one a second, as the limit allows


# --- system suspend: the monotonic clock stops, the wall clock does not ----------------------


def sleeping_limiter() -> tuple[RateLimiter, FakeClock, FakeClock]:
    monotonic, wall = FakeClock(1000.0), FakeClock(1_700_000_000.0)
    table = make_table({"m": {"RPM": 30, "TPM": 6000, "TPD": 100000}})
    return RateLimiter(table, clock=monotonic, wall_clock=wall, latency_margin=0), monotonic, wall


def test_a_suspend_ends_a_429_closing_and_refills_the_daily_bucket() -> None:
    limiter, monotonic, wall = sleeping_limiter()
    limiter.observe_rate_limited("m", tpd_error("3h10m0s"))
    assert isinstance(limiter.try_reserve("m", Cost(tokens=10)), WaitInfo)
    # The lid closes for four hours: monotonic time moves 5 s, wall time 4 h.
    monotonic.advance(5)
    wall.advance(4 * 3600 + 5)
    granted = limiter.try_reserve("m", Cost(tokens=10))
    assert isinstance(granted, Reservation)
    refilled_after_reopening = (4 * 3600 + 5 - 11400) * 100000 / 86400
    assert level(limiter, "m", Dimension.TPD)[0] == pytest.approx(2000 + refilled_after_reopening - 10, rel=1e-6)


def test_a_wall_clock_set_back_or_jittering_opens_nothing_early() -> None:
    limiter, monotonic, wall = sleeping_limiter()
    limiter.observe_rate_limited("m", tpd_error("3h10m0s"))
    monotonic.advance(1)
    wall.advance(-2 * 3600)  # the user (or NTP) sets the clock back two hours
    wait = limiter.try_reserve("m", Cost(tokens=10))
    assert isinstance(wait, WaitInfo) and wait.wait_seconds == pytest.approx(11399)
    monotonic.advance(60)
    wall.advance(61.5)  # drift and scheduling noise below the tolerance
    wait = limiter.try_reserve("m", Cost(tokens=10))
    assert isinstance(wait, WaitInfo) and wait.wait_seconds == pytest.approx(11339)


def test_a_suspend_wakes_a_request_waiting_for_hours() -> None:
    limiter, _monotonic, wall = sleeping_limiter()
    limiter.observe_rate_limited("m", tpd_error("3h10m0s"))

    async def main() -> Reservation:
        waiting = asyncio.Event()
        task = asyncio.create_task(limiter.acquire("m", Cost(tokens=10), on_wait=lambda _w: waiting.set()))
        await asyncio.wait_for(waiting.wait(), 5)
        wall.advance(4 * 3600)
        limiter.snapshot()  # the first look after the wake (the status bar ticks every second)
        return await asyncio.wait_for(task, 5)

    assert isinstance(asyncio.run(main()), Reservation)


def test_a_suspend_wakes_a_blocked_reserve() -> None:
    limiter, _monotonic, wall = sleeping_limiter()
    limiter.observe_rate_limited("m", tpd_error("3h10m0s"))
    got: list[Reservation] = []
    worker = threading.Thread(target=lambda: got.append(limiter.reserve("m", Cost(tokens=10), timeout=20)))
    worker.start()
    wall.advance(4 * 3600)
    limiter.snapshot()
    worker.join(timeout=10)
    assert got and isinstance(got[0], Reservation)


def test_the_default_clock_counts_a_suspend() -> None:
    from groq_desktop.core.quota.suspend_clock import SuspendAwareClock

    found: list[float] = []
    monotonic, wall = FakeClock(5.0), FakeClock(100.0)
    clock = SuspendAwareClock(monotonic, wall, on_suspend=found.append)
    wall.advance(600)
    monotonic.advance(1)
    assert clock() == pytest.approx(6 + 599) and found == [pytest.approx(599)]
    assert clock() == pytest.approx(605) and clock.suspended == pytest.approx(599)
    real = SuspendAwareClock()
    assert real() <= real()


def test_a_suspend_starts_a_queued_request_the_scheduler_parked_for_hours() -> None:
    from groq_desktop.core.quota.scheduler import JobState, Scheduler

    limiter, _monotonic, wall = sleeping_limiter()
    limiter.observe_rate_limited("m", tpd_error("3h10m0s"))

    async def main() -> str:
        scheduler = Scheduler(limiter)

        async def job(_reservation: Reservation) -> str:
            return "sent"

        handle = scheduler.submit("m", Cost(tokens=10), job)
        while handle.info().state is not JobState.WAITING:
            await asyncio.sleep(0.01)
        wall.advance(4 * 3600)
        limiter.snapshot()  # what the status bar's one-second tick does while a request waits
        result = await asyncio.wait_for(handle, 5)
        await scheduler.aclose()
        return result

    assert asyncio.run(main()) == "sent"
