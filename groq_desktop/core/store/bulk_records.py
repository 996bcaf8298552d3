"""The rows of the bulk region of the store (jobs, input rows with their results, batches)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Row statuses: pending (to send), running (live, in the scheduler), batched (in a Groq batch),
# done, failed, expired (a batch ran out of time before it), cancelled.
ROW_PENDING, ROW_RUNNING, ROW_BATCHED = "pending", "running", "batched"
ROW_DONE, ROW_FAILED, ROW_EXPIRED, ROW_CANCELLED = "done", "failed", "expired", "cancelled"
ROW_UNFINISHED = (ROW_PENDING, ROW_RUNNING, ROW_BATCHED)
ROW_RETRYABLE = (ROW_FAILED, ROW_EXPIRED, ROW_CANCELLED)


@dataclass
class BulkJobRecord:
    model: str
    template: str = ""
    system_prompt: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    name: str = ""
    kind: str = "chat"  # chat | transcription
    mode: str = "live"  # live | batch
    status: str = "ready"  # ready | running | paused | batch | done | cancelled
    completion_window: str = "24h"
    id: int = 0
    created_at: float = 0.0
    updated_at: float = 0.0


@dataclass
class BulkRowRecord:
    job_id: int
    idx: int
    custom_id: str
    fields: dict[str, Any]
    status: str
    output: str = ""
    columns: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    request_id: str = ""
    batch_id: str | None = None


@dataclass(frozen=True)
class BulkResult:
    custom_id: str
    status: str
    output: str = ""
    columns: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    request_id: str = ""


@dataclass(frozen=True)
class BulkProgress:
    counts: dict[str, int]
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def count(self, *statuses: str) -> int:
        return sum(self.counts.get(s, 0) for s in statuses)

    @property
    def finished(self) -> int:
        return self.total - self.count(*ROW_UNFINISHED)


@dataclass
class BulkBatchRecord:
    id: str
    job_id: int
    input_file_id: str
    status: str
    total: int = 0
    completed: int = 0
    failed: int = 0
    created_at: float | None = None
    expires_at: float | None = None
    output_file_id: str | None = None
    error_file_id: str | None = None
    merged: bool = False
