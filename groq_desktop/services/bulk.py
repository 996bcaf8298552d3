"""Bulk jobs: one prompt over many inputs, live through the scheduler or as Groq batches.

Live mode submits rows to the one ``Scheduler`` at BACKGROUND priority, a few at a time, so any chat
goes first and the queue never fills; results are saved per row, so a restart resumes the pending
rows. Batch mode writes the JSONL (split at Groq's limits), uploads it, creates the batches and polls
them politely (backoff, also after a restart); finished batches are downloaded and merged by
``custom_id``. Qt-free; runs on the event loop, blocking calls in worker threads.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from groq_desktop.core.api.client import GroqApiClient
from groq_desktop.core.api.types import ChatCompletion
from groq_desktop.core.bulk import jsonl
from groq_desktop.core.bulk.batch_api import BatchApi, BatchStatus
from groq_desktop.core.bulk.estimate import BATCH_DISCOUNT, JobEstimate, estimate_job
from groq_desktop.core.bulk.export import export_rows
from groq_desktop.core.bulk.inputs import BulkInput
from groq_desktop.core.bulk.merge import RowOutcome, json_columns, merge_files
from groq_desktop.core.bulk.s3 import S3Staging, presign_seconds
from groq_desktop.core.bulk.template import PromptTemplate
from groq_desktop.core.catalogue import Catalogue, shipped_catalogue
from groq_desktop.core.quota.limits import Cost
from groq_desktop.core.quota.rate_limiter import RateLimiter
from groq_desktop.core.quota.scheduler import JobHandle, Priority, Scheduler
from groq_desktop.core.store.bulk_records import (
    ROW_BATCHED,
    ROW_CANCELLED,
    ROW_DONE,
    ROW_EXPIRED,
    ROW_FAILED,
    ROW_PENDING,
    ROW_RETRYABLE,
    ROW_RUNNING,
    BulkBatchRecord,
    BulkJobRecord,
    BulkProgress,
    BulkResult,
    BulkRowRecord,
)
from groq_desktop.core.store.storage import Storage
from groq_desktop.core.token_counter import TokenCounter
from groq_desktop.errors import GroqDesktopError, PermissionDeniedError, RequestCancelledError
from groq_desktop.i18n import QT_TRANSLATE_NOOP, number, translate

log = logging.getLogger(__name__)

# Statuses are stored in English; these are their words for people (through status_label()).
_STATUS_LABELS = {
    # a job's
    "ready": QT_TRANSLATE_NOOP("BulkService", "ready"),
    "paused": QT_TRANSLATE_NOOP("BulkService", "paused"),
    "batch": QT_TRANSLATE_NOOP("BulkService", "in a batch"),
    # a row's
    "pending": QT_TRANSLATE_NOOP("BulkService", "pending"),
    "running": QT_TRANSLATE_NOOP("BulkService", "running"),
    "batched": QT_TRANSLATE_NOOP("BulkService", "batched"),
    "done": QT_TRANSLATE_NOOP("BulkService", "done"),
    "failed": QT_TRANSLATE_NOOP("BulkService", "failed"),
    "expired": QT_TRANSLATE_NOOP("BulkService", "expired"),
    "cancelled": QT_TRANSLATE_NOOP("BulkService", "cancelled"),
    # a Groq batch's
    "validating": QT_TRANSLATE_NOOP("BulkService", "validating"),
    "in_progress": QT_TRANSLATE_NOOP("BulkService", "in progress"),
    "finalizing": QT_TRANSLATE_NOOP("BulkService", "finalizing"),
    "completed": QT_TRANSLATE_NOOP("BulkService", "completed"),
    "cancelling": QT_TRANSLATE_NOOP("BulkService", "cancelling"),
}


def status_label(status: str) -> str:
    """A bulk job's, row's or Groq batch's status in the user's language (unknown ones as they are)."""
    return translate("BulkService", _STATUS_LABELS[status]) if status in _STATUS_LABELS else status

DEFAULT_MAX_TOKENS = 512
# What a reply is expected to use of its max_completion_tokens, for the estimate only.
EXPECTED_OUTPUT_SHARE = 0.5


class BatchUnavailableError(GroqDesktopError):
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError", "Run the job live instead: it uses your free-plan quota and takes longer, at the live price."
    )


@dataclass(frozen=True)
class PollPolicy:
    """Seconds between status calls: starts at ``first``, grows by ``factor`` while nothing changes."""

    first: float = 15.0  # at most 4 calls a minute per open batch
    factor: float = 1.5
    maximum: float = 300.0

    def next(self, delay: float, changed: bool) -> float:
        return self.first if changed else min(self.maximum, delay * self.factor)


@dataclass(frozen=True)
class BulkEvent:
    kind: str  # progress | batch | finished | error
    job_id: int
    message: str = ""


@dataclass(frozen=True)
class JobProgress:
    job: BulkJobRecord
    rows: BulkProgress
    eta_seconds: float | None
    batches: list[BulkBatchRecord] = field(default_factory=list)


@dataclass
class _LiveRun:
    task: asyncio.Task[None] | None = None
    handles: dict[str, JobHandle[ChatCompletion]] = field(default_factory=dict)
    stopping: str | None = None  # paused | cancelled
    started: float = 0.0
    done_at_start: int = 0


class BulkService:
    def __init__(
        self,
        client: GroqApiClient,
        scheduler: Scheduler,
        limiter: RateLimiter,
        storage: Storage,
        token_counter: TokenCounter,
        batch_api: BatchApi,
        *,
        catalogue: Catalogue | None = None,
        poll: PollPolicy | None = None,
        window: int = 8,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client, self.scheduler, self.limiter = client, scheduler, limiter
        self.storage, self.token_counter, self.batch_api = storage, token_counter, batch_api
        self.catalogue = catalogue or shipped_catalogue()
        self.poll = poll or PollPolicy()
        self.window = window
        self._clock = clock
        self._live: dict[int, _LiveRun] = {}
        self._pollers: dict[int, asyncio.Task[None]] = {}
        self._poll_wake: dict[int, asyncio.Event] = {}
        self._subscribers: list[Callable[[BulkEvent], None]] = []
        self.on_finished: Callable[[str, str], None] | None = None  # (title, text): the desktop notification
        self.last_merge_seconds = 0.0  # download + merge + save of the last batch merged (benchmarks)

    # --- events ---

    def subscribe(self, callback: Callable[[BulkEvent], None]) -> Callable[[], None]:
        self._subscribers.append(callback)
        return lambda: self._subscribers.remove(callback) if callback in self._subscribers else None

    def _emit(self, kind: str, job_id: int, message: str = "") -> None:
        event = BulkEvent(kind, job_id, message)
        for callback in list(self._subscribers):
            try:
                callback(event)
            except Exception:
                log.exception("bulk subscriber failed")
        if kind == "finished" and self.on_finished is not None:
            job = self.storage.get_bulk_job(job_id)
            try:
                self.on_finished(
                    translate("BulkService", "Bulk job “{name}” finished").format(name=job.name if job else job_id),
                    message,
                )
            except Exception:
                log.exception("bulk notification failed")

    # --- defining and estimating ---

    def request_body(self, job: BulkJobRecord, fields: Mapping[str, Any]) -> dict[str, Any]:
        if job.kind == "transcription":
            return {"model": job.model, "url": fields["url"], **job.params}
        template = PromptTemplate(job.template, job.system_prompt)
        params = {"max_completion_tokens": DEFAULT_MAX_TOKENS, **job.params}
        return {"model": job.model, "messages": template.messages(fields), **params}

    def create_job(self, job: BulkJobRecord, inputs: Sequence[BulkInput]) -> BulkJobRecord:
        missing = PromptTemplate(job.template, job.system_prompt).missing(inputs[0].fields) if inputs else []
        if job.kind == "chat" and missing:
            raise GroqDesktopError(
                translate("BulkService", "The inputs have no field for {placeholders}.").format(
                    placeholders=", ".join("{{" + m + "}}" for m in missing)
                )
            )
        return self.storage.create_bulk_job(job, [(row.key, row.fields) for row in inputs])

    def estimate(self, job: BulkJobRecord, inputs: Sequence[BulkInput]) -> JobEstimate:
        max_tokens = int(job.params.get("max_completion_tokens", DEFAULT_MAX_TOKENS))
        prompts = [self.token_counter.estimate_prompt_tokens(job.model, self.request_body(job, row.fields)["messages"])
                   for row in inputs] if job.kind == "chat" else [0] * len(inputs)
        limits = {s.dimension.value: s.limit for s in self.limiter.snapshot(job.model)}
        facts = self.catalogue.facts(job.model)
        return estimate_job(prompts, max_tokens, int(max_tokens * EXPECTED_OUTPUT_SHARE),
                            facts.prices if facts else None, limits, self.limiter.time_scale)

    def _cost(self, model: str, prompt: int, completion: int, factor: float) -> float:
        facts = self.catalogue.facts(model)
        prices = facts.prices if facts else {}
        return factor * (prompt * prices.get("input_per_million", 0.0)
                         + completion * prices.get("output_per_million", 0.0)) / 1e6

    def _result(self, job: BulkJobRecord, outcome: RowOutcome, factor: float) -> BulkResult:
        if not outcome.ok:
            status = ROW_EXPIRED if outcome.expired else (
                ROW_CANCELLED if "cancelled" in outcome.error else ROW_FAILED)
            return BulkResult(outcome.custom_id, status, error=outcome.error, request_id=outcome.request_id)
        return BulkResult(
            outcome.custom_id, ROW_DONE, output=outcome.output, columns=json_columns(outcome.output),
            prompt_tokens=outcome.prompt_tokens, completion_tokens=outcome.completion_tokens,
            cost=self._cost(job.model, outcome.prompt_tokens, outcome.completion_tokens, factor),
            request_id=outcome.request_id,
        )

    def progress(self, job_id: int) -> JobProgress:
        job = self.storage.get_bulk_job(job_id)
        if job is None:
            raise KeyError(job_id)
        rows = self.storage.bulk_progress(job_id)
        return JobProgress(job, rows, self._eta(job_id, rows), self.storage.bulk_batches(job_id))

    def _eta(self, job_id: int, rows: BulkProgress) -> float | None:
        run = self._live.get(job_id)
        left = rows.count(ROW_PENDING, ROW_RUNNING)
        if run is None or run.task is None or run.task.done() or not left:
            return None
        done = rows.finished - run.done_at_start
        elapsed = self._clock() - run.started
        return left * elapsed / done if done >= 3 and elapsed > 0 else None

    # --- live ---

    async def _chat_row(self, job: BulkJobRecord, row_fields: Mapping[str, Any], priority: Priority,
                        ) -> tuple[JobHandle[ChatCompletion], int]:
        body = self.request_body(job, row_fields)
        messages = body.pop("messages")
        model = body.pop("model")
        estimate = self.token_counter.estimate_prompt_tokens(model, messages) + int(body["max_completion_tokens"])
        handle = self.scheduler.submit(
            model, Cost(tokens=estimate),
            lambda _r: asyncio.to_thread(self.client.chat, model, messages, **body),
            priority=priority, kind="chat",
            label=translate("BulkService", "bulk: {name}").format(name=job.name or job.id),
            usage_of=lambda result: Cost(tokens=result.usage.billable_tokens) if result.usage else Cost(tokens=estimate),
        )
        return handle, estimate

    def _live_outcome(self, custom_id: str, completion: ChatCompletion) -> RowOutcome:
        usage = completion.usage
        return RowOutcome(custom_id, True, completion.content, prompt_tokens=usage.prompt_tokens if usage else 0,
                          completion_tokens=usage.completion_tokens if usage else 0,
                          request_id=completion.request_id or "")

    async def dry_run(self, job: BulkJobRecord, inputs: Sequence[BulkInput], rows: int = 3) -> list[BulkResult]:
        """The first rows, live and now (not stored): to check the prompt before paying for all of it."""
        handles = [await self._chat_row(job, row.fields, Priority.NORMAL) for row in inputs[:rows]]
        results = []
        for row, (handle, _) in zip(inputs, handles, strict=False):
            try:
                results.append(self._result(job, self._live_outcome(row.key, await handle), 1.0))
            except GroqDesktopError as exc:
                results.append(BulkResult(row.key, ROW_FAILED, error=str(exc)))
        return results

    def start_live(self, job_id: int) -> None:
        run = self._live.get(job_id)
        if run is not None and run.task is not None and not run.task.done():
            return
        job = self.storage.update_bulk_job(job_id, status="running", mode="live")
        self.storage.set_bulk_rows_status(job_id, ROW_PENDING, from_statuses=(ROW_RUNNING,))
        run = _LiveRun(started=self._clock(), done_at_start=self.storage.bulk_progress(job_id).finished)
        self._live[job_id] = run
        run.task = asyncio.get_running_loop().create_task(self._run_live(job, run), name=f"bulk-live-{job_id}")

    async def _run_live(self, job: BulkJobRecord, run: _LiveRun) -> None:
        slots = asyncio.Semaphore(self.window)
        rows = self.storage.bulk_rows(job.id, statuses=(ROW_PENDING,))
        tasks: set[asyncio.Task[None]] = set()
        try:
            for row in rows:
                await slots.acquire()
                if run.stopping:
                    slots.release()
                    break
                task = asyncio.get_running_loop().create_task(self._live_row(job, run, row, slots))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
            if tasks:
                await asyncio.gather(*tasks, return_exceptions=True)
        finally:
            for handle in run.handles.values():
                handle.cancel()
        if run.stopping is None:
            self.storage.update_bulk_job(job.id, status="done")
            progress = self.storage.bulk_progress(job.id)
            self._emit(
                "finished",
                job.id,
                translate("BulkService", "{done} done, {failed} failed.").format(
                    done=number(progress.count(ROW_DONE)), failed=number(progress.count(ROW_FAILED))
                ),
            )

    async def _live_row(self, job: BulkJobRecord, run: _LiveRun, row: BulkRowRecord, slots: asyncio.Semaphore) -> None:
        try:
            handle, _ = await self._chat_row(job, row.fields, Priority.BACKGROUND)
            run.handles[row.custom_id] = handle
            self.storage.set_bulk_rows_status(job.id, ROW_RUNNING, custom_ids=[row.custom_id])
            try:
                result = self._result(job, self._live_outcome(row.custom_id, await handle), 1.0)
            except RequestCancelledError:
                result = BulkResult(row.custom_id, ROW_PENDING)  # paused or cancelled: sent again later
            except GroqDesktopError as exc:
                result = BulkResult(row.custom_id, ROW_FAILED, error=str(exc),
                                    request_id=getattr(exc, "request_id", None) or "")
            await asyncio.to_thread(self.storage.save_bulk_results, job.id, [result])
            self._emit("progress", job.id)
        except Exception as exc:  # a bug must not leave the row running forever
            log.exception("bulk row %s failed", row.custom_id)
            self.storage.save_bulk_results(job.id, [BulkResult(row.custom_id, ROW_FAILED, error=str(exc))])
        finally:
            run.handles.pop(row.custom_id, None)
            slots.release()

    async def _stop_live(self, job_id: int, why: str) -> None:
        run = self._live.get(job_id)
        if run is None or run.task is None:
            return
        run.stopping = why
        for handle in list(run.handles.values()):
            # Pausing lets requests already at Groq finish; cancelling stops them too.
            if why == "cancelled" or handle.info().started_at is None:
                handle.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await run.task

    async def pause(self, job_id: int) -> None:
        await self._stop_live(job_id, "paused")
        self.storage.update_bulk_job(job_id, status="paused")
        self._emit("progress", job_id, "paused")

    def resume_job(self, job_id: int) -> None:
        self.start_live(job_id)

    async def cancel(self, job_id: int) -> None:
        """Stop a live job (rows not done stay pending, so it can be restarted) or cancel its batches."""
        job = self.storage.get_bulk_job(job_id)
        if job is None:
            return
        if job.mode == "live":
            await self._stop_live(job_id, "cancelled")
            self.storage.update_bulk_job(job_id, status="cancelled")
            self._emit("progress", job_id, "cancelled")
            return
        for batch in self.storage.bulk_batches(job_id):
            if batch.status not in ("completed", "failed", "expired", "cancelled", "cancelling"):
                status = await asyncio.to_thread(self.batch_api.cancel, batch.id)
                self._save_batch(batch, status)
        self._wake_poller(job_id)

    async def delete_job(self, job_id: int) -> None:
        """Stop the job (its live run, its polling; batches still open at Groq are cancelled so they cost
        nothing more), then delete it with its rows and results."""
        job = self.storage.get_bulk_job(job_id)
        if job is None:
            return
        if job_id in self._live:
            await self._stop_live(job_id, "cancelled")
            self._live.pop(job_id, None)
        poller = self._pollers.pop(job_id, None)
        self._poll_wake.pop(job_id, None)
        if poller is not None:
            poller.cancel()
            await asyncio.gather(poller, return_exceptions=True)
        for batch in self.storage.bulk_batches(job_id):
            if batch.status not in ("completed", "failed", "expired", "cancelled", "cancelling"):
                try:
                    await asyncio.to_thread(self.batch_api.cancel, batch.id)
                except GroqDesktopError as exc:  # the job goes anyway; Groq expires the batch in its window
                    log.warning("cancelling batch %s of deleted job %d failed: %s", batch.id, job_id, exc)
        self.storage.delete_bulk_job(job_id)
        self._emit("deleted", job_id)

    async def wait(self, job_id: int) -> None:
        """Until the job's live run or batch polling ends (tests, benchmarks)."""
        for task in (getattr(self._live.get(job_id), "task", None), self._pollers.get(job_id)):
            if task is not None:
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    # --- batches ---

    def batch_refusal(self) -> str | None:
        """Why batches can't run for this account, or None."""
        if self.limiter.plan == "free":
            return translate(
                "BulkService",
                "Groq's Batch API needs the Developer plan or above; on the free plan Groq refuses batches. "
                "Run the job live instead, or upgrade at console.groq.com/settings/billing.",
            )
        return None

    async def submit_batch(self, job_id: int, window: str = "24h") -> list[BulkBatchRecord]:
        refusal = self.batch_refusal()
        if refusal:
            raise BatchUnavailableError(refusal)
        job = self.storage.update_bulk_job(job_id, mode="batch", completion_window=window)
        rows = self.storage.bulk_rows(job_id, statuses=(ROW_PENDING,))
        url = jsonl.TRANSCRIPTION_URL if job.kind == "transcription" else jsonl.CHAT_URL
        files = jsonl.split_lines((r.custom_id, jsonl.request_line(r.custom_id, self.request_body(job, r.fields), url))
                                  for r in rows)
        created = []
        for part, file in enumerate(files, start=1):
            file_id = await asyncio.to_thread(self.batch_api.upload, file.content, f"bulk-{job_id}-{part}.jsonl")
            try:
                status = await asyncio.to_thread(self.batch_api.create, file_id, url, window,
                                                 {"groq_desktop_job": str(job_id)})
            except PermissionDeniedError as exc:
                raise BatchUnavailableError(
                    translate("BulkService", "Groq refused the batch: {error}").format(error=exc)
                ) from exc
            record = BulkBatchRecord(status.id, job_id, file_id, status.status, status.total,
                                     created_at=status.created_at, expires_at=status.expires_at)
            self.storage.save_bulk_batch(record)
            self.storage.set_bulk_rows_status(job_id, ROW_BATCHED, custom_ids=list(file.custom_ids), batch_id=status.id)
            created.append(record)
        self.storage.update_bulk_job(job_id, status="batch")
        created_text = translate("BulkService", "{count} batch(es) created").format(count=number(len(created)))
        self._emit("batch", job_id, created_text)
        self._start_poller(job_id)
        return created

    async def resubmit_rest(self, job_id: int, window: str = "24h") -> list[BulkBatchRecord]:
        """Rows that failed, expired or were cancelled go into new batches."""
        self.storage.set_bulk_rows_status(job_id, ROW_PENDING, from_statuses=ROW_RETRYABLE)
        return await self.submit_batch(job_id, window)

    def retry_failed_live(self, job_id: int) -> int:
        moved = self.storage.set_bulk_rows_status(job_id, ROW_PENDING, from_statuses=ROW_RETRYABLE)
        self.start_live(job_id)
        return moved

    def _start_poller(self, job_id: int) -> None:
        task = self._pollers.get(job_id)
        if task is None or task.done():
            self._poll_wake[job_id] = asyncio.Event()
            self._pollers[job_id] = asyncio.get_running_loop().create_task(self._poll_job(job_id),
                                                                           name=f"bulk-poll-{job_id}")

    def _wake_poller(self, job_id: int) -> None:
        if job_id in self._poll_wake:
            self._poll_wake[job_id].set()

    def _save_batch(self, record: BulkBatchRecord, status: BatchStatus) -> BulkBatchRecord:
        record.status, record.total = status.status, status.total
        record.completed, record.failed = status.completed, status.failed
        record.expires_at = status.expires_at or record.expires_at
        record.output_file_id, record.error_file_id = status.output_file_id, status.error_file_id
        self.storage.save_bulk_batch(record)
        return record

    async def _poll_job(self, job_id: int) -> None:
        delay = self.poll.first
        wake = self._poll_wake[job_id]
        while True:
            open_batches = [b for b in self.storage.bulk_batches(job_id) if not b.merged]
            if not open_batches:
                break
            changed = False
            for batch in open_batches:
                try:
                    status = await asyncio.to_thread(self.batch_api.get, batch.id)
                except GroqDesktopError as exc:
                    log.warning("polling batch %s failed: %s", batch.id, exc)
                    continue
                changed |= (status.status, status.completed, status.failed) != (batch.status, batch.completed,
                                                                                batch.failed)
                self._save_batch(batch, status)
                if status.finished:
                    await self._merge(job_id, batch)
            if changed:
                self._emit("batch", job_id)
            delay = self.poll.next(delay, changed)
            wake.clear()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(delay):
                    await wake.wait()
        self._finish_batch_job(job_id)

    async def _merge(self, job_id: int, batch: BulkBatchRecord) -> None:
        job = self.storage.get_bulk_job(job_id)
        assert job is not None
        started = time.perf_counter()
        contents = []
        for file_id in (batch.output_file_id, batch.error_file_id):
            if file_id:
                contents.append(await asyncio.to_thread(self.batch_api.content, file_id))
        merged = merge_files(*contents)
        results = [self._result(job, outcome, BATCH_DISCOUNT) for outcome in merged.values()]
        ids = {r.custom_id for r in self.storage.bulk_rows(job_id, statuses=(ROW_BATCHED,)) if r.batch_id == batch.id}
        if batch.status == "failed":
            reason = translate("BulkService", "The batch failed at Groq.")
            results += [BulkResult(c, ROW_FAILED, error=reason) for c in ids - merged.keys()]
        else:
            missing = translate("BulkService", "Missing from the batch's results.")
            results += [BulkResult(c, ROW_FAILED, error=missing) for c in ids - merged.keys()]
        await asyncio.to_thread(self.storage.save_bulk_results, job_id, results)
        self.last_merge_seconds = time.perf_counter() - started
        batch.merged = True
        self.storage.save_bulk_batch(batch)

    def _finish_batch_job(self, job_id: int) -> None:
        batches = self.storage.bulk_batches(job_id)
        progress = self.storage.bulk_progress(job_id)
        cancelled = any(b.status == "cancelled" for b in batches)
        self.storage.update_bulk_job(job_id, status="cancelled" if cancelled else "done")
        parts = [translate("BulkService", "{count} done").format(count=number(progress.count(ROW_DONE)))]
        if progress.count(ROW_FAILED):
            parts.append(translate("BulkService", "{count} failed").format(count=number(progress.count(ROW_FAILED))))
        if progress.count(ROW_EXPIRED, ROW_CANCELLED):
            parts.append(
                translate("BulkService", "{count} not run (resubmit them)").format(
                    count=number(progress.count(ROW_EXPIRED, ROW_CANCELLED))
                )
            )
        self._emit("finished", job_id, ", ".join(parts) + ".")

    # --- restart ---

    async def resume(self) -> list[int]:
        """After a restart: live jobs carry on with their pending rows, batches are polled again."""
        resumed = []
        for job in self.storage.list_bulk_jobs():
            if job.mode == "live" and job.status == "running":
                self.start_live(job.id)
                resumed.append(job.id)
            elif job.mode == "batch" and any(not b.merged for b in self.storage.bulk_batches(job.id)):
                self._start_poller(job.id)
                resumed.append(job.id)
        return resumed

    async def aclose(self) -> None:
        """Stop every task; nothing is lost (running rows go back to pending at the next start)."""
        tasks = [t for t in self._pollers.values()] + [r.task for r in self._live.values() if r.task]
        for run in self._live.values():
            for handle in list(run.handles.values()):
                handle.cancel()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._pollers.clear()
        self._live.clear()


def export_job(storage: Storage, job_id: int, fmt: str, path: Path, page_size: int = 2000) -> int:
    """Every row of a job with its inputs and parsed JSON columns (see ``core.bulk.export``)."""
    first = storage.bulk_rows(job_id, limit=200)
    inputs = list(dict.fromkeys(k for r in first for k in r.fields))
    outputs = list(dict.fromkeys(k for r in first for k in r.columns))

    def pages() -> Any:
        offset = 0
        while page := storage.bulk_rows(job_id, offset=offset, limit=page_size):
            yield page
            offset += len(page)

    return export_rows(pages, fmt, path, inputs, outputs)


def window_seconds(window: str) -> float:
    """``24h`` .. ``7d`` in seconds."""
    return float(window[:-1]) * (86400.0 if window.endswith("d") else 3600.0)


def stage_audio(paths: Sequence[Path], staging: S3Staging, window: str = "24h") -> list[BulkInput]:
    """Local audio files as URL inputs for a transcription batch (blocking: uploads)."""
    expires = presign_seconds(window_seconds(window))
    return [BulkInput(f"audio-{i}", {"url": staging.upload(path, expires), "file_name": path.name})
            for i, path in enumerate(paths, start=1)]
