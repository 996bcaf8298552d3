"""The request queue: an asyncio scheduler that starts jobs in priority order as quota allows.

Per model, jobs wait in order of (priority, arrival): strict priority, FIFO within a priority, and
the head of a model's queue is never overtaken (a big job is not starved by small ones). Models
never block each other. One dispatcher task starts a job when its model has a free slot and the
rate limiter grants the job's estimated cost; otherwise it sleeps until the limiter's computed
wait ends or something changes. Runs on the event loop; Qt-free.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import itertools
import logging
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable, Generator
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Any, Generic, TypeVar

from groq_desktop.core.quota.limits import Cost
from groq_desktop.core.quota.rate_limiter import RateLimiter, Reservation, WaitInfo
from groq_desktop.core.request_context import RequestContext, current_request
from groq_desktop.errors import (
    CapacityExceededError,
    QueueFullError,
    RateLimitError,
    RequestCancelledError,
    RequestTooLargeError,
    ServerError,
    TransportError,
)
from groq_desktop.i18n import QT_TRANSLATE_NOOP, number, translate

log = logging.getLogger(__name__)

T = TypeVar("T")

# Errors that mean the request was not billed, so its whole reservation goes back.
_UNBILLED_ERRORS = (TransportError, ServerError, CapacityExceededError)
_RECENT_FINISHED = 200
# Timers may fire a hair early; waking just after the computed moment avoids an extra lap.
_WAKE_MARGIN = 0.001
# Waits are recomputed at least this often, so a job parked on a long wait notices a system resume.
_MAX_SLEEP = 30.0


class Priority(IntEnum):
    INTERACTIVE = 0
    NORMAL = 1
    BACKGROUND = 2


class JobState(StrEnum):
    QUEUED = "queued"
    WAITING = "waiting"  # at the head of its model's queue, waiting for quota
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self in (JobState.DONE, JobState.FAILED, JobState.CANCELLED)

    def label(self) -> str:
        """The state in the user's language (the value stays the English key)."""
        return translate("JobState", _STATE_LABELS[self])


_STATE_LABELS = {
    JobState.QUEUED: QT_TRANSLATE_NOOP("JobState", "queued"),
    JobState.WAITING: QT_TRANSLATE_NOOP("JobState", "waiting"),
    JobState.RUNNING: QT_TRANSLATE_NOOP("JobState", "running"),
    JobState.DONE: QT_TRANSLATE_NOOP("JobState", "done"),
    JobState.FAILED: QT_TRANSLATE_NOOP("JobState", "failed"),
    JobState.CANCELLED: QT_TRANSLATE_NOOP("JobState", "cancelled"),
}


@dataclass(frozen=True)
class JobInfo:
    """A job as the UI sees it at one moment."""

    id: int
    model: str
    kind: str
    label: str
    priority: Priority
    state: JobState
    cost: Cost
    wait: WaitInfo | None
    enqueued_at: float
    started_at: float | None
    finished_at: float | None
    error: str | None
    attempts: int


@dataclass
class SchedulerStats:
    queued: int = 0
    waiting: int = 0
    running: int = 0
    done: int = 0
    failed: int = 0
    cancelled: int = 0
    mean_wait_seconds: float = 0.0
    max_wait_seconds: float = 0.0
    per_model_running: dict[str, int] = field(default_factory=dict)


@dataclass(eq=False)
class _Job:
    id: int
    model: str
    cost: Cost
    run: Callable[[Reservation], Awaitable[Any]]
    usage_of: Callable[[Any], Cost] | None
    partial_usage: Callable[[], Cost | None] | None
    priority: Priority
    kind: str
    label: str
    sequence: int
    future: asyncio.Future[Any]
    enqueued_at: float
    state: JobState = JobState.QUEUED
    wait: WaitInfo | None = None
    started_at: float | None = None
    finished_at: float | None = None
    error: str | None = None
    attempts: int = 0
    requeues: int = 0
    task: asyncio.Task[None] | None = None
    last_wait_reason: str | None = None

    @property
    def order(self) -> tuple[int, int]:
        return (int(self.priority), self.sequence)

    def info(self) -> JobInfo:
        return JobInfo(
            id=self.id,
            model=self.model,
            kind=self.kind,
            label=self.label,
            priority=self.priority,
            state=self.state,
            cost=self.cost,
            wait=self.wait,
            enqueued_at=self.enqueued_at,
            started_at=self.started_at,
            finished_at=self.finished_at,
            error=self.error,
            attempts=self.attempts,
        )


class JobHandle(Generic[T]):
    """What ``submit`` returns: await it for the result, or cancel the job."""

    def __init__(self, scheduler: Scheduler, job: _Job) -> None:
        self._scheduler = scheduler
        self._job = job

    @property
    def id(self) -> int:
        return self._job.id

    def info(self) -> JobInfo:
        return self._job.info()

    def cancel(self) -> bool:
        return self._scheduler.cancel(self._job.id)

    def done(self) -> bool:
        return self._job.future.done()

    async def result(self) -> T:
        # Shielded: a caller that stops awaiting must not cancel the job for everyone else.
        return await asyncio.shield(self._job.future)

    def __await__(self) -> Generator[Any, None, T]:
        return self.result().__await__()


class Scheduler:
    def __init__(
        self,
        limiter: RateLimiter,
        *,
        max_queue: int = 1000,
        per_model_concurrency: int = 4,
        max_rate_limit_requeues: int = 3,
        clock: Callable[[], float] = time.monotonic,
        probe_unadvertised: bool = False,
    ) -> None:
        """``probe_unadvertised``: a model whose server has sent no rate-limit headers yet runs one request
        at a time, so each limit it has not told us is learned from one refusal, not from several at once."""
        if per_model_concurrency < 1:
            raise ValueError("per_model_concurrency must be at least 1")
        self._limiter = limiter
        self._max_queue = max_queue
        self._per_model_concurrency = per_model_concurrency
        self._probe_unadvertised = probe_unadvertised
        self._max_requeues = max_rate_limit_requeues
        self._clock = clock
        self._ids = itertools.count(1)
        self._sequence = itertools.count(0)
        self._front_sequence = itertools.count(-1, -1)  # requeued jobs go before everyone of their priority
        self._queues: dict[str, list[_Job]] = {}
        self._running: dict[int, _Job] = {}
        self._running_per_model: dict[str, int] = {}
        self._jobs: dict[int, _Job] = {}  # queued, waiting and running
        self._finished: deque[_Job] = deque(maxlen=_RECENT_FINISHED)
        self._counts = {JobState.DONE: 0, JobState.FAILED: 0, JobState.CANCELLED: 0}
        self._wait_total = 0.0
        self._wait_max = 0.0
        self._wait_count = 0
        self._subscribers: dict[int, Callable[[JobInfo], None]] = {}
        self._subscriber_keys = itertools.count(1)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._dispatcher: asyncio.Task[None] | None = None
        self._unsubscribe_limiter: Callable[[], None] | None = None
        self._closed = False

    # --- public API (loop thread) ---------------------------------------------

    def start(self) -> None:
        """Start the dispatcher (done lazily by the first ``submit``)."""
        if self._closed:
            raise RuntimeError("the scheduler is closed")
        if self._dispatcher is not None:
            return
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self._unsubscribe_limiter = self._limiter.subscribe(self._on_limiter_change)
        self._dispatcher = self._loop.create_task(self._dispatch_forever(), name="groq-scheduler")

    def submit(
        self,
        model: str,
        cost: Cost,
        run: Callable[[Reservation], Awaitable[T]],
        *,
        priority: Priority = Priority.NORMAL,
        kind: str = "chat",
        label: str = "",
        usage_of: Callable[[T], Cost] | None = None,
        partial_usage: Callable[[], Cost | None] | None = None,
    ) -> JobHandle[T]:
        """Queue ``run`` for ``model`` at ``priority``; it starts once the limiter grants ``cost``.

        ``usage_of(result)`` gives what a finished job really used. ``partial_usage()`` is asked when
        a running job ends without a result (cancelled, or a non-429 error): what the server counted
        so far (e.g. the prompt plus the tokens streamed), or None when the request never reached it.
        """
        self.start()
        if self._queued_count() >= self._max_queue:
            raise QueueFullError(
                translate("Scheduler", "{count} requests are already queued.").format(count=number(self._max_queue))
            )
        self._limiter.check_admissible(model, cost)
        assert self._loop is not None
        job = _Job(
            id=next(self._ids),
            model=model,
            cost=cost,
            run=run,
            usage_of=usage_of,
            partial_usage=partial_usage,
            priority=Priority(priority),
            kind=kind,
            label=label,
            sequence=next(self._sequence),
            future=self._loop.create_future(),
            enqueued_at=self._clock(),
        )
        # Mark the outcome as retrieved so jobs nobody awaits don't log "exception never retrieved".
        job.future.add_done_callback(lambda f: f.cancelled() or f.exception())
        self._jobs[job.id] = job
        self._enqueue(job)
        self._notify(job)
        self._kick()
        return JobHandle(self, job)

    def cancel(self, job_id: int) -> bool:
        """Cancel a queued, waiting or running job; False when it is unknown or already finished."""
        job = self._jobs.get(job_id)
        if job is None:
            return False
        if job.state is JobState.RUNNING:
            if job.task is not None:
                job.task.cancel()
            return True
        self._remove_from_queue(job)
        self._finish(
            job, JobState.CANCELLED, RequestCancelledError(translate("Scheduler", "The request was cancelled."))
        )
        self._kick()
        return True

    def set_priority(self, job_id: int, priority: Priority) -> bool:
        """Move a queued or waiting job to another priority (keeping its place by arrival)."""
        job = self._jobs.get(job_id)
        if job is None or job.state not in (JobState.QUEUED, JobState.WAITING):
            return False
        self._remove_from_queue(job)
        job.priority = Priority(priority)
        if job.state is JobState.WAITING:
            job.state, job.wait = JobState.QUEUED, None
        self._enqueue(job)
        self._notify(job)
        self._kick()
        return True

    def jobs(self) -> list[JobInfo]:
        """Running jobs, then queued/waiting ones in dispatch order, then the recently finished."""
        running = sorted(self._running.values(), key=lambda j: j.id)
        queued = sorted((j for q in self._queues.values() for j in q), key=lambda j: (j.order, j.id))
        return [j.info() for j in (*running, *queued, *self._finished)]

    def info(self, job_id: int) -> JobInfo | None:
        job = self._jobs.get(job_id) or next((j for j in self._finished if j.id == job_id), None)
        return job.info() if job else None

    def stats(self) -> SchedulerStats:
        active = list(self._jobs.values())
        per_model = {m: n for m, n in self._running_per_model.items() if n}
        return SchedulerStats(
            queued=sum(j.state is JobState.QUEUED for j in active),
            waiting=sum(j.state is JobState.WAITING for j in active),
            running=sum(j.state is JobState.RUNNING for j in active),
            done=self._counts[JobState.DONE],
            failed=self._counts[JobState.FAILED],
            cancelled=self._counts[JobState.CANCELLED],
            mean_wait_seconds=self._wait_total / self._wait_count if self._wait_count else 0.0,
            max_wait_seconds=self._wait_max,
            per_model_running=per_model,
        )

    def subscribe(self, callback: Callable[[JobInfo], None]) -> Callable[[], None]:
        """Call ``callback(info)`` on every job state change (on the loop thread)."""
        key = next(self._subscriber_keys)
        self._subscribers[key] = callback

        def unsubscribe() -> None:
            self._subscribers.pop(key, None)

        return unsubscribe

    async def aclose(self) -> None:
        """Cancel every job and stop the dispatcher."""
        self._closed = True
        if self._unsubscribe_limiter is not None:
            self._unsubscribe_limiter()
            self._unsubscribe_limiter = None
        for queue in list(self._queues.values()):
            for job in list(queue):
                self._remove_from_queue(job)
                self._finish(
                    job, JobState.CANCELLED, RequestCancelledError(translate("Scheduler", "The app closed the queue."))
                )
        tasks = [j.task for j in self._running.values() if j.task is not None]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        if self._dispatcher is not None:
            self._dispatcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._dispatcher
            self._dispatcher = None

    # --- queue bookkeeping ----------------------------------------------------

    def _queued_count(self) -> int:
        return sum(len(q) for q in self._queues.values())

    def _enqueue(self, job: _Job) -> None:
        queue = self._queues.setdefault(job.model, [])
        bisect.insort(queue, job, key=lambda j: j.order)

    def _remove_from_queue(self, job: _Job) -> None:
        queue = self._queues.get(job.model)
        if queue and job in queue:
            queue.remove(job)
            if not queue:
                del self._queues[job.model]

    def _kick(self) -> None:
        if self._wake is not None:
            self._wake.set()

    def _on_limiter_change(self, _model: str) -> None:
        # The limiter may call from any thread.
        loop = self._loop
        if loop is None or self._closed:
            return
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(self._kick)

    def _notify(self, job: _Job) -> None:
        info = job.info()
        for callback in list(self._subscribers.values()):
            try:
                callback(info)
            except Exception:
                log.exception("scheduler subscriber failed")

    def _finish(self, job: _Job, state: JobState, error: BaseException | None, result: Any = None) -> None:
        job.state = state
        job.wait = None
        job.finished_at = self._clock()
        job.error = None if error is None else str(error)
        self._jobs.pop(job.id, None)
        self._finished.append(job)
        self._counts[state] += 1
        if job.started_at is not None:
            waited = job.started_at - job.enqueued_at
            self._wait_total += waited
            self._wait_max = max(self._wait_max, waited)
            self._wait_count += 1
        if not job.future.done():
            if error is None:
                job.future.set_result(result)
            else:
                job.future.set_exception(error)
        self._notify(job)

    # --- dispatching ----------------------------------------------------------

    async def _dispatch_forever(self) -> None:
        assert self._wake is not None
        while not self._closed:
            self._wake.clear()
            next_wait = self._dispatch_once()
            # asyncio.timeout, not wait_for: 3.11's wait_for can swallow a cancellation.
            with contextlib.suppress(TimeoutError):
                # Capped: the loop's clock stops during a suspend; the limiter's does not (it reconciles).
                async with asyncio.timeout(None if math.isinf(next_wait) else min(next_wait, _MAX_SLEEP) + _WAKE_MARGIN):
                    await self._wake.wait()

    def _dispatch_once(self) -> float:
        """Start every job that can start now; return the shortest wait among the rest."""
        next_wait = math.inf
        for model in list(self._queues):
            queue = self._queues.get(model)
            while queue:
                head = queue[0]
                if self._running_per_model.get(model, 0) >= self._concurrency(model):
                    if head.state is JobState.WAITING:
                        head.state, head.wait = JobState.QUEUED, None
                        self._notify(head)
                    break
                try:
                    granted = self._limiter.try_reserve(model, head.cost)
                except Exception as exc:
                    log.exception("the rate limiter failed for job %s", head.id)
                    self._remove_from_queue(head)
                    self._finish(head, JobState.FAILED, exc)
                    queue = self._queues.get(model)
                    continue
                if isinstance(granted, WaitInfo):
                    if math.isinf(granted.wait_seconds):
                        # The limits shrank under it (one was learned): it can never be sent as it is.
                        error = self._limiter.too_large(model, head.cost) or RequestTooLargeError(granted.reason)
                        self._remove_from_queue(head)
                        self._finish(head, JobState.FAILED, error)
                        queue = self._queues.get(model)
                        continue
                    head.state, head.wait = JobState.WAITING, granted
                    head.last_wait_reason = granted.reason
                    self._notify(head)
                    next_wait = min(next_wait, granted.wait_seconds)
                    break
                self._remove_from_queue(head)
                self._start(head, granted)
                queue = self._queues.get(model)
        return next_wait

    def _concurrency(self, model: str) -> int:
        if self._probe_unadvertised and not self._limiter.advertised(model):
            return 1
        return self._per_model_concurrency

    def _start(self, job: _Job, reservation: Reservation) -> None:
        assert self._loop is not None
        job.state, job.wait = JobState.RUNNING, None
        job.attempts += 1
        if job.started_at is None:
            job.started_at = self._clock()
        self._running[job.id] = job
        self._running_per_model[job.model] = self._running_per_model.get(job.model, 0) + 1
        task = self._loop.create_task(self._run(job, reservation), name=f"groq-job-{job.id}")
        job.task = task
        task.add_done_callback(lambda t: self._after_task(job, reservation, t))
        self._notify(job)

    def _after_task(self, job: _Job, reservation: Reservation, task: asyncio.Task[None]) -> None:
        # A task cancelled before its first step never enters _run, so clean up here instead.
        if job.task is task and job.state is JobState.RUNNING:
            self._limiter.release(reservation)
            self._stop_running(job)
            self._finish(
                job, JobState.CANCELLED, RequestCancelledError(translate("Scheduler", "The request was cancelled."))
            )
            self._kick()

    async def _run(self, job: _Job, reservation: Reservation) -> None:
        waited = (job.started_at or job.enqueued_at) - job.enqueued_at
        current_request.set(RequestContext(job.id, job.kind, waited, job.last_wait_reason))
        try:
            result = await job.run(reservation)
        except asyncio.CancelledError:
            self._settle_partial(job, reservation, unknown=None)
            self._stop_running(job)
            self._finish(
                job, JobState.CANCELLED, RequestCancelledError(translate("Scheduler", "The request was cancelled."))
            )
        except RateLimitError as exc:
            # A refused request is not counted by the server: its reservation goes back, first, so
            # that the 429's picture of the bucket (set next) is not topped up by it.
            self._limiter.release(reservation)
            self._limiter.observe_rate_limited(job.model, exc, job.cost)
            self._stop_running(job)
            if job.cost.amount_named(exc.dimension) > (exc.limit or math.inf):
                # More than the whole budget (e.g. max_tokens over OTPM): waiting never helps.
                self._finish(job, JobState.FAILED, self._limiter.too_large(job.model, job.cost) or exc)
            else:
                self._requeue_or_fail(job, exc)
        except RequestTooLargeError as exc:
            self._limiter.release(reservation)
            self._limiter.observe_too_large(job.model, exc)
            self._stop_running(job)
            self._finish(job, JobState.FAILED, self._limiter.too_large(job.model, job.cost) or exc)
        except Exception as exc:
            if isinstance(exc, _UNBILLED_ERRORS) and job.partial_usage is None:
                self._limiter.release(reservation)
            else:
                self._settle_partial(job, reservation, unknown=Cost(requests=1))
            self._stop_running(job)
            self._finish(job, JobState.FAILED, exc)
        else:
            self._limiter.settle(reservation, self._usage(job, result, reservation))
            self._stop_running(job)
            self._finish(job, JobState.DONE, None, result)
        finally:
            self._kick()

    def _settle_partial(self, job: _Job, reservation: Reservation, unknown: Cost | None) -> None:
        """Settle a job that ended without a result; ``unknown`` when it can't say what it used."""
        used: Cost | None = unknown
        if job.partial_usage is not None:
            try:
                used = job.partial_usage()
            except Exception:
                log.exception("partial_usage failed for job %s; keeping the estimate", job.id)
                used = reservation.cost
        if used is None:
            self._limiter.release(reservation)
        else:
            self._limiter.settle(reservation, used)

    def _usage(self, job: _Job, result: Any, reservation: Reservation) -> Cost:
        if job.usage_of is None:
            return reservation.cost
        try:
            return job.usage_of(result)
        except Exception:
            log.exception("usage_of failed for job %s; keeping the estimate", job.id)
            return reservation.cost

    def _stop_running(self, job: _Job) -> None:
        self._running.pop(job.id, None)
        self._running_per_model[job.model] = max(0, self._running_per_model.get(job.model, 0) - 1)
        job.task = None

    def _requeue_or_fail(self, job: _Job, error: RateLimitError) -> None:
        job.requeues += 1
        if job.requeues > self._max_requeues or self._closed:
            self._finish(job, JobState.FAILED, error)
            return
        job.state = JobState.QUEUED
        job.sequence = next(self._front_sequence)
        job.error = str(error)
        self._enqueue(job)
        self._notify(job)
