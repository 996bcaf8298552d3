"""What the scheduler knows about the request a worker thread is sending (why it waited).

A ContextVar, because ``asyncio.to_thread`` carries the job's context into the worker thread,
so the client's per-request log line can name the wait without the client knowing the scheduler.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    job_id: int
    kind: str
    waited_seconds: float
    wait_reason: str | None


current_request: ContextVar[RequestContext | None] = ContextVar("current_request", default=None)
