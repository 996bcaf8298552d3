"""Scheduler: dispatch order, concurrency, waiting on quota, cancellation, 429 requeues, stats."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

import pytest

from groq_desktop.core.quota.limits import Cost, Dimension, LimitTable, ModelLimits
from groq_desktop.core.quota.rate_limiter import RateLimiter, Reservation
from groq_desktop.core.quota.scheduler import JobInfo, JobState, Priority, Scheduler
from groq_desktop.errors import (
    BadRequestError,
    QueueFullError,
    RateLimitError,
    RequestCancelledError,
    RequestTooLargeError,
    ServerError,
)

T = TypeVar("T")


def make_table(models: dict[str, dict[str, float]]) -> LimitTable:
    return LimitTable(
        plans={"free": {m: ModelLimits.from_mapping(v) for m, v in models.items()}},
        defaults={"free": ModelLimits()},
    )


class FrozenClock:
    """Nothing refills: the limiter's arithmetic stays exact."""

    def __call__(self) -> float:
        return 100.0


def run_async(main: Callable[[], Coroutine[Any, Any, T]], timeout: float = 10) -> T:
    async def bounded() -> T:
        return await asyncio.wait_for(main(), timeout)

    return asyncio.run(bounded())


async def until(scheduler: Scheduler, predicate: Callable[[], bool], timeout: float = 5) -> None:
    """Wait for a job state change that makes ``predicate`` true."""
    changed = asyncio.Event()
    unsubscribe = scheduler.subscribe(lambda _info: changed.set())
    try:
        async with asyncio.timeout(timeout):
            while not predicate():
                changed.clear()
                await changed.wait()
    finally:
        unsubscribe()


def recorder(order: list[str], name: str) -> Callable[[Reservation], Awaitable[str]]:
    async def run(_res: Reservation) -> str:
        order.append(name)
        return name

    return run


def used(limiter: RateLimiter, model: str, dimension: Dimension) -> float:
    return next(s.used for s in limiter.snapshot(model) if s.dimension is dimension)


def test_strict_priority_then_fifo_under_an_rpm_limit() -> None:
    # RPM 1 at time_scale 3000: one start every 0.02 s, so each start is a separate dispatch decision.
    limiter = RateLimiter(make_table({"m": {"RPM": 1}}), time_scale=3000)

    async def main() -> list[str]:
        scheduler = Scheduler(limiter)
        order: list[str] = []
        plan = [
            ("B1", Priority.BACKGROUND),
            ("N1", Priority.NORMAL),
            ("I1", Priority.INTERACTIVE),
            ("N2", Priority.NORMAL),
            ("I2", Priority.INTERACTIVE),
            ("B2", Priority.BACKGROUND),
        ]
        handles = [scheduler.submit("m", Cost(), recorder(order, n), priority=p, label=n) for n, p in plan]
        results = [await h for h in handles]
        assert results == [n for n, _ in plan]
        await scheduler.aclose()
        return order

    assert run_async(main) == ["I1", "I2", "N1", "N2", "B1", "B2"]


def test_head_of_line_big_job_is_not_overtaken() -> None:
    # TPM 100 at time_scale 600: 1,000 tokens refill per second.
    limiter = RateLimiter(make_table({"m": {"TPM": 100}}), time_scale=600)

    async def main() -> list[str]:
        scheduler = Scheduler(limiter)
        order: list[str] = []
        handles = [
            scheduler.submit("m", Cost(tokens=60), recorder(order, "big1")),
            scheduler.submit("m", Cost(tokens=60), recorder(order, "big2")),
            scheduler.submit("m", Cost(tokens=10), recorder(order, "small")),
        ]
        for h in handles:
            await h
        await scheduler.aclose()
        return order

    assert run_async(main) == ["big1", "big2", "small"]


def test_per_model_concurrency_cap() -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 100}}))

    async def main() -> None:
        scheduler = Scheduler(limiter, per_model_concurrency=2)
        gate = asyncio.Event()
        running = 0
        most = 0

        async def work(_res: Reservation) -> None:
            nonlocal running, most
            running += 1
            most = max(most, running)
            await gate.wait()
            running -= 1

        handles = [scheduler.submit("m", Cost(), work) for _ in range(5)]
        await until(scheduler, lambda: scheduler.stats().running == 2)
        stats = scheduler.stats()
        assert (stats.running, stats.queued, stats.per_model_running) == (2, 3, {"m": 2})
        gate.set()
        for h in handles:
            await h
        assert most == 2
        assert scheduler.stats().done == 5
        await scheduler.aclose()

    run_async(main)


def test_models_do_not_block_each_other_and_waiting_carries_the_dimension() -> None:
    limiter = RateLimiter(make_table({"a": {"RPM": 1}, "b": {"RPM": 10}}), latency_margin=0)  # "a" refills in a minute

    async def main() -> None:
        scheduler = Scheduler(limiter)
        order: list[str] = []
        a1 = scheduler.submit("a", Cost(), recorder(order, "a1"))
        a2 = scheduler.submit("a", Cost(), recorder(order, "a2"))
        b1 = scheduler.submit("b", Cost(), recorder(order, "b1"))
        assert await b1 == "b1"
        assert await a1 == "a1"
        await until(scheduler, lambda: a2.info().state is JobState.WAITING)
        wait = a2.info().wait
        assert wait is not None and wait.dimension is Dimension.RPM and wait.model == "a"
        assert 50 < wait.wait_seconds <= 60
        assert scheduler.stats().waiting == 1
        assert a2.cancel()
        with pytest.raises(RequestCancelledError):
            await a2
        assert a2.info().state is JobState.CANCELLED
        assert order == ["a1", "b1"] or order == ["b1", "a1"]
        await scheduler.aclose()

    run_async(main)


def test_waiting_on_tokens_reports_tpm() -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 30, "TPM": 100}}))

    async def main() -> None:
        scheduler = Scheduler(limiter)
        states: list[JobInfo] = []
        scheduler.subscribe(states.append)
        await scheduler.submit("m", Cost(tokens=80), recorder([], "first"))
        second = scheduler.submit("m", Cost(tokens=80), recorder([], "second"), kind="chat", label="hello")
        await until(scheduler, lambda: second.info().state is JobState.WAITING)
        info = second.info()
        assert info.wait is not None and info.wait.dimension is Dimension.TPM
        assert info.wait.wait_seconds == pytest.approx(36, abs=1)  # 60 missing tokens at 100/min
        assert (info.kind, info.label, info.cost) == ("chat", "hello", Cost(tokens=80))
        seen = [s.state for s in states if s.id == info.id]
        assert [x for i, x in enumerate(seen) if i == 0 or seen[i - 1] != x] == [
            JobState.QUEUED,
            JobState.WAITING,
        ]
        await scheduler.aclose()
        assert second.info().state is JobState.CANCELLED

    run_async(main)


def test_queue_full_and_request_too_large_are_refused_at_submit() -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 30, "TPM": 1000}}))

    async def main() -> None:
        scheduler = Scheduler(limiter, max_queue=2)
        scheduler.submit("m", Cost(), recorder([], "1"))
        scheduler.submit("m", Cost(), recorder([], "2"))
        with pytest.raises(QueueFullError):
            scheduler.submit("m", Cost(), recorder([], "3"))
        assert scheduler.stats().queued == 2
        await scheduler.aclose()

    run_async(main)

    async def too_large() -> None:
        scheduler = Scheduler(limiter)
        with pytest.raises(RequestTooLargeError):
            scheduler.submit("m", Cost(tokens=1001), recorder([], "x"))
        assert scheduler.stats().queued == 0
        await scheduler.aclose()

    run_async(too_large)


def test_cancel_queued_and_running_jobs_releases_their_quota() -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 30, "TPM": 1000}}), clock=FrozenClock())

    async def main() -> None:
        scheduler = Scheduler(limiter, per_model_concurrency=1)
        started = asyncio.Event()
        ran: list[str] = []

        async def forever(_res: Reservation) -> None:
            started.set()
            await asyncio.Event().wait()

        running = scheduler.submit("m", Cost(tokens=300), forever)
        queued = scheduler.submit("m", Cost(tokens=300), recorder(ran, "queued"))
        await asyncio.wait_for(started.wait(), 5)
        assert limiter.in_flight("m") == Cost(requests=1, tokens=300)

        assert queued.cancel()
        with pytest.raises(RequestCancelledError):
            await queued
        assert running.cancel()
        with pytest.raises(RequestCancelledError):
            await running
        assert running.info().state is JobState.CANCELLED
        assert not queued.cancel()  # already finished
        assert ran == []
        assert limiter.in_flight("m") == Cost(requests=0)
        assert used(limiter, "m", Dimension.TPM) == 0
        assert scheduler.stats().cancelled == 2
        await scheduler.aclose()

    run_async(main)


def test_cancel_before_the_task_ever_runs() -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 30}}), clock=FrozenClock())

    async def main() -> None:
        scheduler = Scheduler(limiter)
        ran: list[str] = []
        handles: list[Any] = []

        def cancel_when_running(info: JobInfo) -> None:
            if info.state is JobState.RUNNING:
                handles[0].cancel()  # the task was created but has not taken a step

        scheduler.subscribe(cancel_when_running)
        handles.append(scheduler.submit("m", Cost(), recorder(ran, "x")))
        with pytest.raises(RequestCancelledError):
            await handles[0]
        assert ran == []
        assert handles[0].info().state is JobState.CANCELLED
        assert limiter.in_flight("m") == Cost(requests=0)
        assert scheduler.stats().per_model_running == {}
        await scheduler.aclose()

    run_async(main)


RPM_429 = (
    "Rate limit reached for model `m` in organization `org_x` service tier `on_demand` on requests per "
    "minute (RPM): Limit 5, Used 5, Requested 1. Please try again in 50ms."
)


def test_rate_limited_job_is_requeued_at_the_front_and_then_succeeds() -> None:
    # RPM 5 at time_scale 600: the emptied bucket refills one request in 0.02 s; the 429 closes 0.05 s.
    limiter = RateLimiter(make_table({"m": {"RPM": 5}}), time_scale=600, latency_margin=0)

    async def main() -> None:
        scheduler = Scheduler(limiter, per_model_concurrency=1)
        seen: list[JobInfo] = []
        scheduler.subscribe(seen.append)
        order: list[str] = []
        attempts = 0

        async def flaky(_res: Reservation) -> str:
            nonlocal attempts
            attempts += 1
            order.append("flaky")
            if attempts == 1:
                raise RateLimitError(RPM_429)
            return "ok"

        first = scheduler.submit("m", Cost(), flaky)
        later = scheduler.submit("m", Cost(), recorder(order, "later"))
        assert await first == "ok"
        await later
        assert order == ["flaky", "flaky", "later"]  # back at the front, ahead of "later"
        info = first.info()
        assert (info.state, info.attempts) == (JobState.DONE, 2)
        states = [s.state for s in seen if s.id == info.id]
        assert states[:3] == [JobState.QUEUED, JobState.RUNNING, JobState.QUEUED]
        waits = [s.wait for s in seen if s.id == info.id and s.state is JobState.WAITING]
        assert waits and waits[0] is not None and waits[0].dimension is Dimension.RPM
        assert waits[0].reason.startswith("closed by 429 (RPM)")
        assert limiter.in_flight("m") == Cost(requests=0)
        await scheduler.aclose()

    run_async(main)


def test_rate_limited_too_often_fails() -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 5}}), time_scale=600)

    async def main() -> None:
        scheduler = Scheduler(limiter, max_rate_limit_requeues=1)
        calls = 0

        async def always_429(_res: Reservation) -> str:
            nonlocal calls
            calls += 1
            raise RateLimitError(RPM_429)

        handle = scheduler.submit("m", Cost(), always_429)
        with pytest.raises(RateLimitError):
            await handle
        assert calls == 2
        info = handle.info()
        assert (info.state, info.attempts) == (JobState.FAILED, 2)
        assert info.error is not None and "RPM" in info.error
        await scheduler.aclose()

    run_async(main)


def test_failures_release_or_charge_one_request_and_success_settles_usage() -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 30, "TPM": 1000}}), clock=FrozenClock())

    async def main() -> None:
        scheduler = Scheduler(limiter)

        async def server_error(_res: Reservation) -> None:
            raise ServerError("boom")

        async def bad_request(_res: Reservation) -> None:
            raise BadRequestError("bad")

        async def reply(_res: Reservation) -> dict[str, int]:
            return {"total_tokens": 120}

        with pytest.raises(ServerError):
            await scheduler.submit("m", Cost(tokens=500), server_error)
        assert (used(limiter, "m", Dimension.RPM), used(limiter, "m", Dimension.TPM)) == (0, 0)

        with pytest.raises(BadRequestError):
            await scheduler.submit("m", Cost(tokens=500), bad_request)
        assert (used(limiter, "m", Dimension.RPM), used(limiter, "m", Dimension.TPM)) == (1, 0)

        result = await scheduler.submit(
            "m", Cost(tokens=500), reply, usage_of=lambda r: Cost(tokens=r["total_tokens"])
        )
        assert result == {"total_tokens": 120}
        assert (used(limiter, "m", Dimension.RPM), used(limiter, "m", Dimension.TPM)) == (2, 120)

        await scheduler.submit("m", Cost(tokens=200), reply)  # no usage_of: the estimate stays
        assert used(limiter, "m", Dimension.TPM) == 320
        assert limiter.in_flight("m") == Cost(requests=0)

        stats = scheduler.stats()
        assert (stats.done, stats.failed, stats.cancelled, stats.queued, stats.running) == (2, 2, 0, 0, 0)
        assert 0 <= stats.mean_wait_seconds <= stats.max_wait_seconds
        finished = scheduler.jobs()
        assert [j.state for j in finished] == [JobState.FAILED, JobState.FAILED, JobState.DONE, JobState.DONE]
        assert finished[0].error == "boom"
        await scheduler.aclose()

    run_async(main)


def test_set_priority_reorders_queued_jobs() -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 100}}))

    async def main() -> list[str]:
        scheduler = Scheduler(limiter, per_model_concurrency=1)
        gate = asyncio.Event()
        order: list[str] = []

        async def blocker(_res: Reservation) -> None:
            await gate.wait()

        first = scheduler.submit("m", Cost(), blocker)
        await until(scheduler, lambda: first.info().state is JobState.RUNNING)
        a = scheduler.submit("m", Cost(), recorder(order, "a"), label="a")
        b = scheduler.submit("m", Cost(), recorder(order, "b"), label="b")
        c = scheduler.submit("m", Cost(), recorder(order, "c"), label="c")
        assert scheduler.set_priority(c.id, Priority.INTERACTIVE)
        assert scheduler.set_priority(a.id, Priority.BACKGROUND)
        assert [j.label for j in scheduler.jobs() if j.state is not JobState.RUNNING] == ["c", "b", "a"]
        assert c.info().priority is Priority.INTERACTIVE
        gate.set()
        for h in (first, a, b, c):
            await h
        assert not scheduler.set_priority(c.id, Priority.NORMAL)  # finished
        await scheduler.aclose()
        return order

    assert run_async(main) == ["c", "b", "a"]


def test_two_hundred_jobs_never_exceed_the_rpm_limit() -> None:
    # RPM 30 at time_scale 600: the window is 0.1 s, 300 requests refill per second.
    capacity, window = 30, 60 / 600
    rate = capacity / window
    limiter = RateLimiter(make_table({"m": {"RPM": capacity}}), time_scale=600)

    async def main() -> list[float]:
        loop = asyncio.get_running_loop()
        t0 = loop.time()
        scheduler = Scheduler(limiter)
        starts: list[float] = []
        live = 0
        most_live = 0

        async def work(res: Reservation) -> None:
            nonlocal live, most_live
            starts.append(res.created)
            live += 1
            most_live = max(most_live, live)
            await asyncio.sleep(0)
            live -= 1

        handles = [scheduler.submit("m", Cost(), work) for _ in range(200)]
        assert limiter.snapshot("m")[0].limit == capacity
        for h in handles:
            await h
        assert most_live <= 4
        assert scheduler.stats().done == 200
        await scheduler.aclose()
        return [t0, *starts]

    t0, *starts = run_async(main)
    assert len(starts) == 200
    starts.sort()
    # Token-bucket bound: over any span, at most a full bucket plus what refills during the span.
    for i in range(len(starts)):
        for j in range(i, len(starts)):
            assert j - i + 1 <= capacity + rate * (starts[j] - starts[i]) + 1e-6
        assert i + 1 <= capacity + rate * (starts[i] - t0) + 1e-6


def test_aclose_cancels_everything_and_refuses_new_work() -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 1}}))

    async def main() -> None:
        scheduler = Scheduler(limiter)
        started = asyncio.Event()

        async def forever(_res: Reservation) -> None:
            started.set()
            await asyncio.Event().wait()

        running = scheduler.submit("m", Cost(), forever)
        waiting = scheduler.submit("m", Cost(), forever)
        await asyncio.wait_for(started.wait(), 5)
        await scheduler.aclose()
        for h in (running, waiting):
            with pytest.raises(RequestCancelledError):
                await h
            assert h.info().state is JobState.CANCELLED
        assert limiter.in_flight("m") == Cost(requests=0)
        with pytest.raises(RuntimeError):
            scheduler.submit("m", Cost(), forever)
        assert not [t for t in asyncio.all_tasks() if t.get_name().startswith("groq-")]

    run_async(main)


def test_a_cancelled_stream_keeps_what_the_server_counted_and_a_429_gives_its_reservation_back() -> None:
    limiter = RateLimiter(make_table({"m": {"RPM": 30, "TPM": 10_000}}), clock=FrozenClock())
    tpm_429 = RPM_429.replace("requests per minute (RPM): Limit 5", "tokens per minute (TPM): Limit 6000")

    async def main() -> None:
        scheduler = Scheduler(limiter)
        started = asyncio.Event()

        async def streaming(_res: Reservation) -> None:
            started.set()
            await asyncio.Event().wait()

        async def refused(_res: Reservation) -> None:
            raise RateLimitError(tpm_429)

        # Cancelled mid-stream: the prompt (400) and 25 streamed tokens were counted by the server.
        stopped = scheduler.submit("m", Cost(tokens=2_000), streaming, partial_usage=lambda: Cost(tokens=425))
        await asyncio.wait_for(started.wait(), 5)
        stopped.cancel()
        with pytest.raises(RequestCancelledError):
            await stopped
        assert used(limiter, "m", Dimension.TPM) == 425
        assert used(limiter, "m", Dimension.RPM) == 1

        # Never sent: the hook says None, so everything goes back.
        never = scheduler.submit("m", Cost(tokens=2_000), streaming, partial_usage=lambda: None)
        started.clear()
        await asyncio.wait_for(started.wait(), 5)
        never.cancel()
        with pytest.raises(RequestCancelledError):
            await never
        assert used(limiter, "m", Dimension.TPM) == 425

        limited = Scheduler(limiter, max_rate_limit_requeues=0)
        with pytest.raises(RateLimitError):
            await limited.submit("m", Cost(tokens=3_000), refused)
        # The 429 was not counted by the server: its request went back; its TPM is what the 429 said.
        assert used(limiter, "m", Dimension.RPM) == 1
        assert limiter.in_flight("m") == Cost(requests=0)
        await limited.aclose()
        await scheduler.aclose()

    run_async(main)
