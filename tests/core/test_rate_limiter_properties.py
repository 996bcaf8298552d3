"""RateLimiter invariants under many threads, and random operation sequences against a reference model."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from groq_desktop.core.quota.limits import Cost, Dimension, LimitTable, ModelLimits
from groq_desktop.core.quota.rate_limiter import RateLimiter, Reservation, WaitInfo

# Chosen so every rate and every refill is exact in binary floating point (time_scale 15):
# RPM 4 / 4 s = 1 per s, TPM 64 / 4 s = 16 per s, TPD 23040 / 5760 s = 4 per s, ASH 480 / 240 s = 2 per s.
LIMITS = {"RPM": 4, "TPM": 64, "TPD": 23040, "ASH": 480}
TIME_SCALE = 15.0
TRACKED = [Dimension.RPM, Dimension.TPM, Dimension.TPD, Dimension.ASH]


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def make_limiter(limits: dict[str, float], clock: FakeClock, time_scale: float = 1.0) -> RateLimiter:
    table = LimitTable(plans={"free": {"m": ModelLimits.from_mapping(limits)}}, defaults={})
    return RateLimiter(table, time_scale=time_scale, clock=clock, latency_margin=0)


def used(limiter: RateLimiter) -> dict[Dimension, float]:
    return {s.dimension: s.used for s in limiter.snapshot("m")}


costs = st.builds(
    Cost,
    requests=st.integers(0, 2),
    tokens=st.integers(0, 40),
    audio_seconds=st.integers(0, 300).map(float),
)


# --- many threads ------------------------------------------------------------


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_threads_never_admit_more_than_capacity(seed: int) -> None:
    clock = FakeClock()  # never advances: nothing refills
    limits = {"RPM": 50, "TPM": 4000, "ASH": 3000}
    limiter = make_limiter(limits, clock)
    admitted: list[Reservation] = []
    lock = threading.Lock()
    barrier = threading.Barrier(16)

    def hammer(worker: int) -> None:
        rng = random.Random(seed + worker)
        barrier.wait()
        for _ in range(40):
            cost = Cost(rng.randint(1, 2), rng.randint(0, 300), float(rng.randint(0, 200)))
            result = limiter.try_reserve("m", cost)
            if isinstance(result, Reservation):
                with lock:
                    admitted.append(result)

    threads = [threading.Thread(target=hammer, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert not any(t.is_alive() for t in threads)

    totals = {
        d: sum(r.cost.amount(d) for r in admitted) for d in (Dimension.RPM, Dimension.TPM, Dimension.ASH)
    }
    for dimension, total in totals.items():
        assert total <= limits[dimension.value]
        assert used(limiter)[dimension] == total
    assert len({r.id for r in admitted}) == len(admitted)
    assert limiter.in_flight("m") == Cost(
        requests=int(totals[Dimension.RPM]),
        tokens=int(totals[Dimension.TPM]),
        audio_seconds=totals[Dimension.ASH],
    )


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_threads_with_settle_and_release_keep_the_books(seed: int) -> None:
    clock = FakeClock()
    limits = {"RPM": 40, "TPM": 3000}
    limiter = make_limiter(limits, clock)
    settled_usage = {Dimension.RPM: 0.0, Dimension.TPM: 0.0}
    overdrawn: list[dict[Dimension, float]] = []
    lock = threading.Lock()
    barrier = threading.Barrier(16)

    def work(worker: int) -> None:
        rng = random.Random(seed * 31 + worker)
        barrier.wait()
        for _ in range(40):
            result = limiter.try_reserve("m", Cost(1, rng.randint(0, 200)))
            if not isinstance(result, Reservation):
                continue
            # Every admission must leave no dimension overdrawn (actual usage is at most the estimate).
            if any(u > limits[d.value] + 1e-9 for d, u in used(limiter).items()):
                overdrawn.append(used(limiter))
            choice = rng.random()
            if choice < 0.4:
                limiter.release(result)
            elif choice < 0.8:
                actual = Cost(1, rng.randint(0, result.cost.tokens))
                limiter.settle(result, actual)
                limiter.settle(result, Cost(1, 10_000))  # second settle is a no-op
                with lock:
                    settled_usage[Dimension.RPM] += 1
                    settled_usage[Dimension.TPM] += actual.tokens
            # else: left open

    threads = [threading.Thread(target=work, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert not any(t.is_alive() for t in threads)

    assert not overdrawn
    open_cost = limiter.in_flight("m")
    books = used(limiter)
    assert books[Dimension.RPM] == settled_usage[Dimension.RPM] + open_cost.requests
    assert books[Dimension.TPM] == settled_usage[Dimension.TPM] + open_cost.tokens
    assert books[Dimension.RPM] <= limits["RPM"] and books[Dimension.TPM] <= limits["TPM"]


# --- random sequences against a reference model ------------------------------


@dataclass
class RefBucket:
    capacity: float
    rate: float
    level: float


class LimiterMatchesReference(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock()
        self.limiter = make_limiter(LIMITS, self.clock, TIME_SCALE)
        self.ref = {
            d: RefBucket(LIMITS[d.value], LIMITS[d.value] / (d.window_seconds / TIME_SCALE), LIMITS[d.value])
            for d in TRACKED
        }
        self.open: list[Reservation] = []
        self.closed: list[Reservation] = []

    def _fits(self, cost: Cost) -> bool:
        return all(cost.amount(d) <= 0 or cost.amount(d) - b.level <= 1e-9 for d, b in self.ref.items())

    @rule(cost=costs)
    def reserve(self, cost: Cost) -> None:
        expected = self._fits(cost)
        result = self.limiter.try_reserve("m", cost)
        assert isinstance(result, Reservation) == expected, (result, self.ref)
        if isinstance(result, Reservation):
            for d, b in self.ref.items():
                b.level -= cost.amount(d)
            self.open.append(result)
        else:
            assert isinstance(result, WaitInfo)
            assert result.wait_seconds > 0

    @precondition(lambda self: self.open)
    @rule(index=st.integers(0, 50), actual=costs)
    def settle(self, index: int, actual: Cost) -> None:
        res = self.open.pop(index % len(self.open))
        self.limiter.settle(res, actual)
        for d, b in self.ref.items():
            difference = actual.amount(d) - res.cost.amount(d)
            b.level = b.level - difference if difference > 0 else min(b.capacity, b.level - difference)
        self.closed.append(res)

    @precondition(lambda self: self.open)
    @rule(index=st.integers(0, 50))
    def release(self, index: int) -> None:
        res = self.open.pop(index % len(self.open))
        self.limiter.release(res)
        for d, b in self.ref.items():
            b.level = min(b.capacity, b.level + res.cost.amount(d))
        self.closed.append(res)

    @precondition(lambda self: self.closed)
    @rule(index=st.integers(0, 50), actual=costs)
    def settle_again_is_a_no_op(self, index: int, actual: Cost) -> None:
        res = self.closed[index % len(self.closed)]
        self.limiter.settle(res, actual)
        self.limiter.release(res)

    @rule(quarters=st.integers(1, 40))
    def advance(self, quarters: int) -> None:
        seconds = quarters * 0.25
        self.clock.now += seconds
        for b in self.ref.values():
            b.level = min(b.capacity, b.level + seconds * b.rate)

    @invariant()
    def levels_match(self) -> None:
        for d, u in used(self.limiter).items():
            b = self.ref[d]
            assert abs(u - (b.capacity - b.level)) < 1e-6, (d, u, b)

    @invariant()
    def in_flight_matches(self) -> None:
        expected_tokens = sum(r.cost.tokens for r in self.open)
        assert self.limiter.in_flight("m").tokens == expected_tokens


LimiterMatchesReference.TestCase.settings = settings(
    max_examples=60, stateful_step_count=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
test_limiter_matches_reference = LimiterMatchesReference.TestCase
