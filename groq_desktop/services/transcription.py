"""The transcription queue: audio files in, merged transcripts (and exports) out. Qt-free, asyncio.

Each file becomes a job stored in ``Storage``; a job is planned into overlapping chunks, each
chunk is prepared as 16 kHz mono FLAC in a worker thread and sent through the shared scheduler
at background priority. Every finished chunk is stored at once, so a restart sends only the
chunks still missing. All public methods run on the event loop's thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import math
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from groq_desktop.core.api.cancel import CancelToken
from groq_desktop.core.audio import decode as audio
from groq_desktop.core.audio import subtitles
from groq_desktop.core.audio.chunk_plan import (
    DEFAULT_MAX_BYTES,
    SIZE_SAFETY,
    ChunkPlan,
    PlannedChunk,
    plan_chunks,
    split_chunk,
)
from groq_desktop.core.audio.transcript import Transcript, merge_transcripts
from groq_desktop.core.catalogue import ModelKind, shipped_catalogue
from groq_desktop.core.quota.limits import Cost
from groq_desktop.core.quota.rate_limiter import RateLimiter, Reservation, WaitInfo
from groq_desktop.core.quota.scheduler import JobHandle, Priority, Scheduler
from groq_desktop.core.quota.scheduler import JobInfo as SchedulerJobInfo
from groq_desktop.core.quota.scheduler import JobState as SchedulerJobState
from groq_desktop.core.store.storage import JobStatus, Storage, TranscriptionJobRecord
from groq_desktop.errors import (
    AuthenticationError,
    BadRequestError,
    GroqDesktopError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RequestCancelledError,
    RequestTooLargeError,
    UnprocessableEntityError,
)
from groq_desktop.i18n import QT_TRANSLATE_NOOP, number, translate
from groq_desktop.services.error_advice import advise, model_gone, retirement_text

log = logging.getLogger(__name__)

def _speech_to_text_models() -> tuple[str, ...]:
    """The speech-to-text models of the shipped catalogue (the live list, via the registry, may differ)."""
    return tuple(f.id for f in shipped_catalogue().of_kind(ModelKind.SPEECH_TO_TEXT))


MODELS: tuple[str, ...] = _speech_to_text_models()
# Groq translates to English only with some speech models: the catalogue's "translation" capability says which.
TRANSLATION_MODELS = frozenset(m for m in MODELS if (f := shipped_catalogue().facts(m)) and f.can("translation"))
SERVICE_TIERS = ("on_demand", "flex", "auto")


def default_model(available: Sequence[str] | None = None) -> str:
    """The speech model to use when none was chosen, by what it is (catalogue preference), never a fixed id."""
    choices = list(available) if available else list(MODELS)
    return shipped_catalogue().preferred(ModelKind.SPEECH_TO_TEXT, choices) or (choices[0] if choices else "")


def translation_model(available: Sequence[str] | None = None) -> str | None:
    choices = [m for m in (available or MODELS) if m in TRANSLATION_MODELS]
    return shipped_catalogue().preferred(ModelKind.SPEECH_TO_TEXT, choices) if choices else None
TIMESTAMP_CHOICES: tuple[tuple[str, ...], ...] = (("segment",), ("word",), ("segment", "word"))
EXPORT_FORMATS: tuple[str, ...] = ("txt", "srt", "vtt", "json", "md")
# Extensions looked at when a folder is expanded; other files there (covers, notes) are skipped.
# In a dropped folder, files with these extensions are queued (others are not media, mostly).
FOLDER_EXTENSIONS = audio.ACCEPTED_EXTENSIONS | {
    "aac", "opus", "oga", "wma", "aiff", "aif", "mka", "mkv", "mov", "avi", "3gp", "amr", "caf", "ac3", "flv", "wmv", "m4v",
}
# audio.AudioFileError.reason -> the reason the user sees (through rejection_reason()).
REJECTION_REASONS: dict[str, str] = {
    "not_audio": QT_TRANSLATE_NOOP("TranscriptionService", "not audio"),
    "corrupt": QT_TRANSLATE_NOOP("TranscriptionService", "corrupt"),
    "empty": QT_TRANSLATE_NOOP("TranscriptionService", "empty"),
    "no_audio_track": QT_TRANSLATE_NOOP("TranscriptionService", "no audio track"),
    "unreadable": QT_TRANSLATE_NOOP("TranscriptionService", "unreadable"),
    "missing": QT_TRANSLATE_NOOP("TranscriptionService", "not found"),
}


def rejection_reason(reason: str) -> str:
    """The words for an ``AudioFileError.reason``, in the user's language."""
    return translate("TranscriptionService", REJECTION_REASONS[reason]) if reason in REJECTION_REASONS else reason
# Errors a retry cannot fix: the job fails at once.
_PERMANENT_ERRORS = (
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    PermissionDeniedError,
    RequestTooLargeError,
    UnprocessableEntityError,
)
_THROUGHPUT_WINDOW_SECONDS = 600.0


class InvalidOptionsError(GroqDesktopError):
    default_hint = QT_TRANSLATE_NOOP("GroqDesktopError", "Change the transcription options and try again.")


@dataclass(frozen=True)
class TranscriptionOptions:
    model: str = field(default_factory=default_model)
    language: str | None = None  # None: detect
    task: str = "transcribe"  # or "translate" (to English; only models with the "translation" capability)
    prompt: str = ""
    temperature: float = 0.0
    timestamps: tuple[str, ...] = ("segment",)  # "segment", "word" or both
    chunk_seconds: float = 600.0
    overlap_seconds: float = 10.0
    service_tier: str | None = None  # on_demand / flex / auto (paid plans); None: Groq's default

    def problems(self) -> list[str]:
        """What is wrong with these options, in words for the user (empty when they are fine)."""
        out: list[str] = []
        if self.task not in ("transcribe", "translate"):
            out.append(translate("TranscriptionOptions", "Unknown task '{task}'.").format(task=self.task))
        if self.task == "translate" and self.model not in TRANSLATION_MODELS:
            translator = translation_model()
            out.append(
                translate(
                    "TranscriptionOptions", "{model} cannot translate; choose {translator} to translate to English."
                ).format(model=self.model, translator=translator)
                if translator
                else translate(
                    "TranscriptionOptions",
                    "{model} cannot translate; choose a model that translates to translate to English.",
                ).format(model=self.model)
            )
        if self.service_tier not in (None, "", *SERVICE_TIERS):
            out.append(
                translate("TranscriptionOptions", "Unknown service tier '{tier}'.").format(tier=self.service_tier)
            )
        if self.task == "translate" and self.language not in (None, "", "en"):
            out.append(
                translate(
                    "TranscriptionOptions", "Translation always produces English; leave the language on auto-detect."
                )
            )
        if not 0.0 <= self.temperature <= 1.0:
            out.append(translate("TranscriptionOptions", "Temperature must be between 0 and 1."))
        if not self.timestamps or any(t not in ("segment", "word") for t in self.timestamps):
            out.append(translate("TranscriptionOptions", "Timestamps must be 'segment', 'word' or both."))
        if self.chunk_seconds <= 0 or self.overlap_seconds < 0 or self.overlap_seconds * 3 >= self.chunk_seconds:
            out.append(
                translate(
                    "TranscriptionOptions",
                    "Chunks must be positive and at least three times longer than their overlap.",
                )
            )
        return out

    def validate(self) -> TranscriptionOptions:
        problems = self.problems()
        if problems:
            raise InvalidOptionsError(" ".join(problems))
        return self

    def adjusted(self) -> tuple[TranscriptionOptions, list[str]]:
        """Options that work, and what was changed to get them (e.g. turbo asked to translate)."""
        changes: list[str] = []
        options = self
        translator = translation_model()
        if options.task == "translate" and options.model not in TRANSLATION_MODELS and translator:
            changes.append(
                translate("TranscriptionOptions", "{model} cannot translate: using {translator} for translation.")
                .format(model=options.model, translator=translator)
            )
            options = replace(options, model=translator)
        if options.task == "translate" and options.language not in (None, "", "en"):
            changes.append(
                translate(
                    "TranscriptionOptions", "Translation produces English: the language is detected automatically."
                )
            )
            options = replace(options, language=None)
        return options, changes

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["timestamps"] = list(self.timestamps)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TranscriptionOptions:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if "timestamps" in known:
            known["timestamps"] = tuple(known["timestamps"])
        return cls(**known)


class JobPhase(StrEnum):
    QUEUED = "queued"
    PREPARING = "preparing"
    UPLOADING = "uploading"
    WAITING = "waiting"  # for audio quota
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"
    REJECTED = "rejected"  # never queued: the file cannot be used

    @property
    def finished(self) -> bool:
        return self in (JobPhase.DONE, JobPhase.FAILED, JobPhase.CANCELLED, JobPhase.REJECTED)

    @property
    def active(self) -> bool:
        return self in (JobPhase.PREPARING, JobPhase.UPLOADING, JobPhase.WAITING)

    def label(self) -> str:
        """The phase in the user's language (the value stays the stored/English key)."""
        return translate("JobPhase", _PHASE_LABELS[self])


_PHASE_LABELS = {
    JobPhase.QUEUED: QT_TRANSLATE_NOOP("JobPhase", "Queued"),
    JobPhase.PREPARING: QT_TRANSLATE_NOOP("JobPhase", "Preparing"),
    JobPhase.UPLOADING: QT_TRANSLATE_NOOP("JobPhase", "Uploading"),
    JobPhase.WAITING: QT_TRANSLATE_NOOP("JobPhase", "Waiting"),
    JobPhase.DONE: QT_TRANSLATE_NOOP("JobPhase", "Done"),
    JobPhase.FAILED: QT_TRANSLATE_NOOP("JobPhase", "Failed"),
    JobPhase.CANCELLED: QT_TRANSLATE_NOOP("JobPhase", "Cancelled"),
    JobPhase.REJECTED: QT_TRANSLATE_NOOP("JobPhase", "Rejected"),
}


@dataclass(frozen=True)
class JobInfo:
    """One row of the queue as the UI shows it at one moment."""

    id: int  # the storage id; rejected files get negative ids
    path: Path
    name: str
    phase: JobPhase
    options: TranscriptionOptions
    duration: float | None = None
    chunk_count: int | None = None
    chunks_done: int = 0
    current_chunk: int | None = None  # 1-based, while uploading
    progress: float = 0.0  # 0..1 of the audio
    eta_seconds: float | None = None
    wait: WaitInfo | None = None
    wait_until: float | None = None  # on the service's clock
    error: str | None = None
    paused: bool = False

    def wait_left(self, now: float) -> float | None:
        if self.wait_until is None:
            return None
        return max(0.0, self.wait_until - now)

    def status_text(self, now: float | None = None) -> str:
        phase = self.phase
        if phase is JobPhase.QUEUED:
            return translate("JobInfo", "Paused") if self.paused else translate("JobInfo", "Queued")
        if phase is JobPhase.PREPARING:
            return translate("JobInfo", "Preparing audio")
        if phase is JobPhase.UPLOADING:
            k = self.current_chunk or self.chunks_done + 1
            return translate("JobInfo", "Uploading chunk {chunk}/{count}").format(
                chunk=number(k), count=number(self.chunk_count or 1)
            )
        if phase is JobPhase.WAITING:
            left = self.wait_left(time.monotonic() if now is None else now)
            if self.wait is not None:
                text = translate("JobInfo", "Waiting for quota ({dimension})").format(
                    dimension=self.wait.dimension.label
                )
            else:
                text = translate("JobInfo", "Waiting for quota")
            if left is None:
                return text
            return translate("JobInfo", "{status} — {seconds} s").format(status=text, seconds=number(math.ceil(left)))
        if phase is JobPhase.DONE:
            return translate("JobInfo", "Done")
        if phase is JobPhase.FAILED:
            return translate("JobInfo", "Failed: {error}").format(error=self.error) if self.error else translate(
                "JobInfo", "Failed"
            )
        if phase is JobPhase.CANCELLED:
            return translate("JobInfo", "Cancelled")
        return translate("JobInfo", "Rejected: {error}").format(error=self.error)


@dataclass(frozen=True)
class TranscriptionEvent:
    """``kind``: "added", "changed", "removed" or "reordered" (then ``job`` is None)."""

    kind: str
    job_id: int
    job: JobInfo | None = None


class ServicesLike(Protocol):
    client: Any
    scheduler: Scheduler
    limiter: RateLimiter
    storage: Storage
    registry: Any


@dataclass
class _Job:
    """Runtime state of one job; the durable part lives in Storage."""

    id: int
    path: Path
    name: str
    options: TranscriptionOptions
    phase: JobPhase = JobPhase.QUEUED
    duration: float | None = None
    plan: tuple[PlannedChunk, ...] = ()
    done_chunks: set[int] = field(default_factory=set)
    uploading: set[int] = field(default_factory=set)
    waiting: dict[int, tuple[WaitInfo, float]] = field(default_factory=dict)
    error: str | None = None
    task: asyncio.Task[None] | None = None
    handles: dict[int, JobHandle[Any]] = field(default_factory=dict)
    cancel_requested: bool = False
    stopping: bool = False  # a chunk failed for good: send no more
    too_large: dict[int, int] = field(default_factory=dict)  # chunk index -> pieces to split it into
    audio_end: float | None = None  # decoding found audio past the plan's end, up to here

    def audio_total(self) -> float:
        return sum(c.duration for c in self.plan) or (self.duration or 0.0)

    def audio_done(self) -> float:
        return sum(c.duration for c in self.plan if c.index in self.done_chunks)


class _ChunkFailed(Exception):
    pass


class TranscriptionService:
    def __init__(
        self,
        client: Any,
        scheduler: Scheduler,
        limiter: RateLimiter,
        storage: Storage,
        registry: Any = None,
        *,
        max_upload_bytes: int = DEFAULT_MAX_BYTES,
        max_chunk_attempts: int = 3,
        max_rate_limit_rounds: int = 3,
        retry_backoff_seconds: float = 1.0,
        max_active_jobs: int = 2,
        max_prepared_chunks: int = 4,
        results_dir: Path | None = None,
        use_silence_finder: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.scheduler = scheduler
        self.limiter = limiter
        self.storage = storage
        self.registry = registry
        self.max_upload_bytes = max_upload_bytes
        self.max_chunk_attempts = max_chunk_attempts
        self.max_rate_limit_rounds = max_rate_limit_rounds  # scheduler submissions a chunk gets when 429ed
        self.retry_backoff_seconds = retry_backoff_seconds
        self.max_active_jobs = max_active_jobs
        self.max_prepared_chunks = max_prepared_chunks
        self.use_silence_finder = use_silence_finder
        self.results_dir = results_dir or Path(storage.path).parent / "transcripts"
        self.clock = clock
        self.export_dir: Path | None = None
        self.export_formats: tuple[str, ...] = ("txt", "srt")
        self._jobs: dict[int, _Job] = {}
        self._rejected: dict[int, JobInfo] = {}
        self._rejected_ids = itertools.count(-1, -1)
        self._subscribers: dict[int, Callable[[TranscriptionEvent], None]] = {}
        self._subscriber_keys = itertools.count(1)
        self._paused = False
        self._closing = False
        self._resume_gate: asyncio.Event | None = None
        self._slots: asyncio.Semaphore | None = None
        self._throughput: deque[tuple[float, float]] = deque()  # (finished at, audio seconds)
        self._busy_since: float | None = None
        self._audio_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="audio-prepare")
        self._chunk_jobs: dict[int, tuple[int, int]] = {}  # scheduler job id -> (job id, chunk index)
        self._unsubscribe_scheduler = scheduler.subscribe(self._on_scheduler_job)
        # Chunk results are read only when a job runs or its transcript is opened: start-up stays
        # quick however many jobs were ever run.
        done = storage.done_chunk_indexes()
        for record in storage.list_jobs():
            self._jobs[record.id] = self._job_from_record(record, done.get(record.id, set()))

    @classmethod
    def from_services(cls, services: ServicesLike, **options: Any) -> TranscriptionService:
        return cls(services.client, services.scheduler, services.limiter, services.storage, services.registry, **options)

    # --- events -------------------------------------------------------------------------------

    def subscribe(self, callback: Callable[[TranscriptionEvent], None]) -> Callable[[], None]:
        key = next(self._subscriber_keys)
        self._subscribers[key] = callback

        def unsubscribe() -> None:
            self._subscribers.pop(key, None)

        return unsubscribe

    def _emit(self, kind: str, job_id: int, job: JobInfo | None = None) -> None:
        event = TranscriptionEvent(kind, job_id, job)
        for callback in list(self._subscribers.values()):
            try:
                callback(event)
            except Exception:
                log.exception("transcription subscriber failed")

    def _changed(self, job: _Job) -> None:
        self._emit("changed", job.id, self._info(job))

    # --- queries ------------------------------------------------------------------------------

    @property
    def paused(self) -> bool:
        return self._paused

    def jobs(self) -> list[JobInfo]:
        """Stored jobs in queue order, then the rejected files."""
        positions = self._positions()
        order = sorted(self._jobs.values(), key=lambda j: positions.get(j.id, 0))
        return [self._info(j) for j in order] + list(self._rejected.values())

    def job(self, job_id: int) -> JobInfo | None:
        if job_id in self._rejected:
            return self._rejected[job_id]
        job = self._jobs.get(job_id)
        return None if job is None else self._info(job)

    def _positions(self) -> dict[int, int]:
        return self.storage.job_positions()

    def _info(self, job: _Job) -> JobInfo:
        total = job.audio_total()
        progress = 1.0 if job.phase is JobPhase.DONE else (job.audio_done() / total if total else 0.0)
        wait: WaitInfo | None = None
        wait_until: float | None = None
        if job.waiting:
            wait, wait_until = min(job.waiting.values(), key=lambda w: w[1])
        phase = job.phase
        if phase.active:
            if job.uploading:
                phase = JobPhase.UPLOADING
            elif job.waiting:
                phase = JobPhase.WAITING
        current = min(job.uploading) + 1 if job.uploading else None
        return JobInfo(
            id=job.id,
            path=job.path,
            name=job.name,
            phase=phase,
            options=job.options,
            duration=job.duration,
            chunk_count=len(job.plan) or None,
            chunks_done=len(job.done_chunks),
            current_chunk=current,
            progress=progress,
            eta_seconds=self._eta(job, total, wait_until),
            wait=wait,
            wait_until=wait_until,
            error=job.error,
            paused=self._paused,
        )

    def _eta(self, job: _Job, total: float, wait_until: float | None) -> float | None:
        if job.phase.finished or not job.phase.active:
            return None
        rate = self.throughput()
        if not rate:  # nothing measured yet: a quota wait is still a known lower bound
            return None if wait_until is None else max(0.0, wait_until - self.clock())
        eta = max(0.0, total - job.audio_done()) / rate
        if wait_until is not None:
            eta = max(eta, wait_until - self.clock())
        return eta

    def throughput(self) -> float | None:
        """Audio seconds transcribed per wall second over the recent past (None before any)."""
        now = self.clock()
        while self._throughput and now - self._throughput[0][0] > _THROUGHPUT_WINDOW_SECONDS:
            self._throughput.popleft()
        if not self._throughput or self._busy_since is None:
            return None
        since = max(self._busy_since, now - _THROUGHPUT_WINDOW_SECONDS)
        elapsed = max(now - since, 1e-3)
        return sum(seconds for _, seconds in self._throughput) / elapsed

    def transcript(self, job_id: int) -> Transcript | None:
        """The merged transcript of a finished job (None while unfinished)."""
        path = self._result_path(job_id)
        if path.exists():
            try:
                return Transcript.from_dict(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError, KeyError):
                log.warning("the saved transcript of job %s is unreadable; merging its chunks again", job_id)
        job = self._jobs.get(job_id)
        if job is None or job.phase is not JobPhase.DONE:
            return None
        return self._merge(job)

    # --- adding ---------------------------------------------------------------------------------

    def usable_options(self, options: TranscriptionOptions) -> tuple[TranscriptionOptions, list[str]]:
        """Options whose model Groq still offers: a gone model falls back to its replacement, said in words."""
        registry = self.registry
        if registry is None or not options.model or not registry.is_gone(options.model):
            return options, []
        retirement = registry.retirement(options.model)
        speech = [m.id for m in registry.transcription_models()]
        if options.task == "translate":
            speech = [m.id for m in registry.transcription_models() if m.supports_translation]
        replacement = retirement.replacement if retirement.replacement in speech else default_model(speech or None)
        if not replacement or replacement == options.model:
            return options, []
        note = retirement_text(replace(retirement, replacement=replacement))
        log.info("transcription model %s is gone: using %s", options.model, replacement)
        return replace(options, model=replacement), [note]

    def _advise(self, options: TranscriptionOptions, error: GroqDesktopError) -> None:
        """A model Groq calls gone is marked retired (so the next job falls back); account errors get words."""
        retirement = None
        if model_gone(error) and self.registry is not None:
            self.registry.mark_retired(options.model)
            retirement = self.registry.retirement(options.model)
        advise(error, retirement=retirement, flex=options.service_tier == "flex")

    def _tier(self, options: TranscriptionOptions) -> str | None:
        """The service tier to send: only on paid plans (Groq's free plan has on-demand only)."""
        plan = getattr(self.limiter, "plan", "free") if self.limiter is not None else "free"
        return options.service_tier if options.service_tier and str(plan).lower() != "free" else None

    async def add(self, paths: Sequence[Path], options: TranscriptionOptions) -> list[JobInfo]:
        """Queue every audio file in ``paths`` (folders recursively); unusable files come back
        rejected, with their reason. Raises ``InvalidOptionsError`` for options that cannot work.

        A model Groq no longer offers is replaced by its successor first (``usable_options``).
        """
        options, _notes = self.usable_options(options)
        options.validate()
        loop = asyncio.get_running_loop()
        files = await loop.run_in_executor(self._audio_pool, _expand, list(paths))
        added: list[JobInfo] = []
        queued = {j.path.resolve() for j in self._jobs.values() if not j.phase.finished}
        for path in files:
            if path.resolve() in queued:
                added.append(self._reject(path, translate("TranscriptionService", "already in the queue")))
                continue
            try:
                probe = await loop.run_in_executor(self._audio_pool, audio.probe, path)
            except audio.AudioFileError as exc:
                added.append(self._reject(path, rejection_reason(exc.reason)))
                continue
            except Exception as exc:  # a decoder bug must not stop the other files
                log.exception("probing %s failed", path)
                added.append(
                    self._reject(
                        path, translate("TranscriptionService", "unreadable ({error})").format(error=type(exc).__name__)
                    )
                )
                continue
            record = self.storage.create_job(path, path.name, options.to_dict())
            record = self.storage.update_job(record.id, duration=probe.duration)
            job = self._job_from_record(record, set())
            self._jobs[job.id] = job
            info = self._info(job)
            added.append(info)
            self._emit("added", job.id, info)
        self._pump()
        return added

    def adopt(self, job_id: int) -> JobInfo | None:
        """Take on a job another workflow stored (a live recording), as if it had been added here."""
        record = self.storage.get_job(job_id)
        if record is None:
            return None
        job = self._jobs[job_id] = self._job_from_record(record)
        info = self._info(job)
        self._emit("added", job.id, info)
        self._pump()
        return info

    def _reject(self, path: Path, reason: str) -> JobInfo:
        info = JobInfo(
            id=next(self._rejected_ids),
            path=path,
            name=path.name,
            phase=JobPhase.REJECTED,
            options=TranscriptionOptions(),
            error=reason,
        )
        self._rejected[info.id] = info
        self._emit("added", info.id, info)
        return info

    async def resume(self) -> list[JobInfo]:
        """Start (again) every unfinished stored job: after a restart only missing chunks are sent."""
        for record in self.storage.unfinished_jobs():
            job = self._jobs.get(record.id)
            if job is None:
                job = self._jobs[record.id] = self._job_from_record(record)
            if job.task is None:
                job.phase = JobPhase.QUEUED
                if record.status != JobStatus.QUEUED:
                    self.storage.update_job(record.id, status=JobStatus.QUEUED)
                self._changed(job)
        self._pump()
        return self.jobs()

    def _job_from_record(self, record: TranscriptionJobRecord, done: set[int] | None = None) -> _Job:
        options = TranscriptionOptions.from_dict(record.options)
        plan = tuple(PlannedChunk(i, float(s), float(e)) for i, (s, e) in enumerate(record.options.get("plan") or []))
        if record.status == JobStatus.DONE:
            done = {c.index for c in plan}
        elif done is None:
            done = self.storage.done_chunk_indexes().get(record.id, set())
        phase = {
            JobStatus.DONE: JobPhase.DONE,
            JobStatus.FAILED: JobPhase.FAILED,
            JobStatus.CANCELLED: JobPhase.CANCELLED,
        }.get(JobStatus(record.status), JobPhase.QUEUED)
        return _Job(
            id=record.id,
            path=Path(record.source_path),
            name=record.display_name or Path(record.source_path).name,
            options=options,
            phase=phase,
            duration=record.duration,
            plan=plan,
            done_chunks=done,
            error=record.error,
        )

    # --- queue actions ------------------------------------------------------------------------

    def pause_all(self) -> None:
        """Send no new chunk; chunks waiting in the scheduler go back until ``resume_all``."""
        if self._paused:
            return
        self._paused = True
        if self._resume_gate is not None:
            self._resume_gate.clear()
        for job in self._jobs.values():
            for index, handle in list(job.handles.items()):
                if index not in job.uploading:
                    handle.cancel()
        for job in self._jobs.values():
            self._changed(job)

    def resume_all(self) -> None:
        if not self._paused:
            return
        self._paused = False
        if self._resume_gate is not None:
            self._resume_gate.set()
        for job in self._jobs.values():
            self._changed(job)
        self._pump()

    def cancel(self, job_id: int) -> bool:
        job = self._jobs.get(job_id)
        if job is None or job.phase.finished:
            return False
        job.cancel_requested = True
        if job.task is not None:
            job.task.cancel()  # the task records the cancellation
        else:
            self._set_finished(job, JobPhase.CANCELLED, None)
        return True

    def retry(self, job_id: int, options: TranscriptionOptions | None = None) -> bool:
        """Queue a failed or cancelled job again; the chunks it already has are kept. ``options``
        replace the job's own (its chunking stays, so the kept chunks still fit)."""
        job = self._jobs.get(job_id)
        if job is None or job.phase not in (JobPhase.FAILED, JobPhase.CANCELLED):
            return False
        job.phase, job.error, job.cancel_requested = JobPhase.QUEUED, None, False
        fields: dict[str, Any] = {}
        if options is not None:
            options = replace(
                options.validate(), chunk_seconds=job.options.chunk_seconds, overlap_seconds=job.options.overlap_seconds
            )
            record = self.storage.get_job(job_id)
            fields["options"] = {**(record.options if record else {}), **options.to_dict()}
            job.options = options
        self.storage.update_job(job_id, status=JobStatus.QUEUED, error=None, **fields)
        self._changed(job)
        self._pump()
        return True

    def remove(self, job_id: int) -> bool:
        if self._rejected.pop(job_id, None) is not None:
            self._emit("removed", job_id)
            return True
        job = self._jobs.pop(job_id, None)
        if job is None:
            return False
        job.cancel_requested = True
        if job.task is not None:
            job.task.cancel()
        self.storage.delete_job(job_id)
        self._result_path(job_id).unlink(missing_ok=True)
        self._emit("removed", job_id)
        self._pump()
        return True

    def move(self, job_id: int, delta: int) -> bool:
        """Move a job ``delta`` places in the queue (negative: towards the front)."""
        if job_id not in self._jobs:
            return False
        positions = self._positions()
        order = sorted(positions, key=lambda i: (positions[i], i))
        index = order.index(job_id)
        target = max(0, min(len(order) - 1, index + delta))
        if target == index:
            return False
        self.storage.move_job(job_id, target)
        self._emit("reordered", job_id)
        self._pump()
        return True

    def move_up(self, job_id: int) -> bool:
        return self.move(job_id, -1)

    def move_down(self, job_id: int) -> bool:
        return self.move(job_id, 1)

    # --- export ---------------------------------------------------------------------------------

    def set_auto_export(self, folder: Path | None, formats: Iterable[str] = ("txt", "srt")) -> None:
        self.export_dir = Path(folder) if folder else None
        self.export_formats = tuple(formats)

    def export(self, job_id: int, fmt: str, path: Path) -> Path:
        transcript = self.transcript(job_id)
        if transcript is None:
            raise ValueError(f"job {job_id} has no transcript yet")
        subtitles.export(transcript, fmt, Path(path))
        return Path(path)

    async def export_many(
        self,
        job_ids: Iterable[int],
        folder: Path,
        formats: Iterable[str],
        progress: Callable[[int, int], None] | None = None,
    ) -> list[Path]:
        """Write every finished job of ``job_ids`` in every format into ``folder``, in a worker thread;
        ``progress(done, total)`` is called on the loop's thread after each job. Existing files of
        other sources are never replaced: a free name (``talk (2).srt``) is used instead."""
        jobs = [(j.id, j.name) for i in job_ids if (j := self._jobs.get(i)) is not None and j.phase is JobPhase.DONE]
        loop = asyncio.get_running_loop()

        def report(done: int) -> None:
            if progress is not None:
                loop.call_soon_threadsafe(progress, done, len(jobs))

        def write_all() -> list[Path]:
            Path(folder).mkdir(parents=True, exist_ok=True)
            taken: set[Path] = set()
            written: list[Path] = []
            for done, (job_id, name) in enumerate(jobs, 1):
                transcript = self.transcript(job_id)
                if transcript is not None:
                    written += self._write_exports(job_id, name, transcript, Path(folder), tuple(formats), taken)
                report(done)
            return written

        return await asyncio.to_thread(write_all)

    def _write_exports(
        self, job_id: int, name: str, transcript: Transcript, folder: Path, formats: tuple[str, ...], taken: set[Path]
    ) -> list[Path]:
        """Export one job; a file this job wrote before is replaced (keeping its permissions), any other
        existing file is left alone and the next free name is used. Runs in a worker thread."""
        record = self.storage.get_job(job_id)
        options = dict(record.options) if record else {}
        own = set(options.get("exports") or [])
        exts = [subtitles.FORMATS[fmt.lower()] for fmt in formats]
        paths = _free_paths(folder, Path(name).stem or f"job-{job_id}", exts, own, taken)
        for fmt, path in zip(formats, paths, strict=True):
            subtitles.export(transcript, fmt, path)
        if record is not None:
            options["exports"] = sorted(own | {str(p) for p in paths})
            self.storage.update_job(job_id, options=options)
        return paths

    # --- running -----------------------------------------------------------------------------

    def _ensure_loop_state(self) -> None:
        if self._resume_gate is None:
            self._resume_gate = asyncio.Event()
            if not self._paused:
                self._resume_gate.set()
            self._slots = asyncio.Semaphore(self.max_prepared_chunks)

    def _pump(self) -> None:
        """Start queued jobs in queue order, up to ``max_active_jobs`` at once."""
        if self._closing or self._paused:
            return
        self._ensure_loop_state()
        active = [j for j in self._jobs.values() if j.task is not None]
        positions = self._positions()
        queued = sorted(
            (j for j in self._jobs.values() if j.phase is JobPhase.QUEUED and j.task is None),
            key=lambda j: positions.get(j.id, 0),
        )
        loop = asyncio.get_running_loop()
        for job in queued[: max(0, self.max_active_jobs - len(active))]:
            job.phase = JobPhase.PREPARING
            job.task = loop.create_task(self._run_job(job), name=f"transcription-{job.id}")
            self._changed(job)

    async def _run_job(self, job: _Job) -> None:
        try:
            if self._busy_since is None:
                self._busy_since = self.clock()
            self.storage.update_job(job.id, status=JobStatus.RUNNING)
            await self._transcribe_job(job)
        except asyncio.CancelledError:
            if self._closing or job.id not in self._jobs:
                return  # the app is closing (resume later) or the job was removed
            self._set_finished(job, JobPhase.CANCELLED, None)
        except Exception as exc:
            reason = exc.user_text() if isinstance(exc, GroqDesktopError) else str(exc) or type(exc).__name__
            if isinstance(exc, audio.AudioFileError):
                reason = rejection_reason(exc.reason)
            elif not isinstance(exc, _ChunkFailed | GroqDesktopError):
                log.exception("transcription job %s failed", job.id)
            self._set_finished(job, JobPhase.FAILED, reason)
        finally:
            job.task = None
            job.stopping = False
            job.handles.clear()
            job.uploading.clear()
            job.waiting.clear()
            if not any(j.task is not None or j.phase is JobPhase.QUEUED for j in self._jobs.values()):
                self._busy_since = None  # idle time must not dilute the next batch's throughput
                self._throughput.clear()
            if not self._closing:
                self._pump()

    def _set_finished(self, job: _Job, phase: JobPhase, error: str | None) -> None:
        job.phase, job.error = phase, error
        status = {JobPhase.DONE: JobStatus.DONE, JobPhase.FAILED: JobStatus.FAILED}.get(phase, JobStatus.CANCELLED)
        if job.id in self._jobs:
            self.storage.update_job(job.id, status=status, error=error)
        self._changed(job)

    async def _transcribe_job(self, job: _Job) -> None:
        loop = asyncio.get_running_loop()
        if not job.plan:
            job.plan = await loop.run_in_executor(self._audio_pool, self._plan, job)
            self._store_plan(job)
        while missing := {c.index for c in job.plan if c.index not in job.done_chunks}:
            job.too_large.clear()
            job.audio_end = None
            problem: str | None = None
            try:
                await self._upload_missing(job, missing)
            finally:
                # even when the job stops here, so that Retry never resends a chunk known to be too large
                replanned = bool(job.too_large) or job.audio_end is not None
                if replanned and job.id in self._jobs and not self._closing:  # not once removed or closing
                    problem = self._replan(job)
            if problem:
                raise _ChunkFailed(problem)
            if not replanned:
                break
        transcript = await loop.run_in_executor(self._audio_pool, self._merge, job)
        await loop.run_in_executor(self._audio_pool, self._save_result, job, transcript)
        self._set_finished(job, JobPhase.DONE, None)

    def _store_plan(self, job: _Job) -> None:
        record = self.storage.get_job(job.id)
        options = dict(record.options) if record else job.options.to_dict()
        options["plan"] = [[c.start, c.end] for c in job.plan]
        self.storage.update_job(job.id, options=options, chunk_count=len(job.plan), duration=job.duration)
        self._changed(job)

    def _replan(self, job: _Job) -> str | None:
        """Split the chunks found too large into smaller ones, and plan audio found past the end; the
        chunks already done keep their results (renumbered), so Retry never resends an oversize chunk."""
        overlap = job.options.overlap_seconds
        bounds: list[tuple[float, float]] = []
        renumbered: dict[int, int] = {}
        problem: str | None = None
        for chunk in job.plan:
            pieces = job.too_large.get(chunk.index)
            if pieces is not None:
                try:
                    bounds += split_chunk(chunk, pieces, overlap)
                    continue
                except ValueError as exc:
                    problem = translate(
                        "TranscriptionService", "chunk {chunk}/{count} is too large to upload even when split ({error})"
                    ).format(chunk=number(chunk.index + 1), count=number(len(job.plan)), error=exc)
            renumbered[chunk.index] = len(bounds)
            bounds.append((chunk.start, chunk.end))
        if job.audio_end is not None:
            start, end = bounds[-1]
            bounds[-1] = (start, min(job.audio_end, end + audio.TAIL_TOLERANCE_SECONDS))  # as it was prepared
            rest = plan_chunks(
                job.audio_end - (bounds[-1][1] - overlap),
                chunk_seconds=job.options.chunk_seconds,
                overlap_seconds=overlap,
                max_bytes=self.max_upload_bytes,
            )
            offset = bounds[-1][1] - overlap
            bounds += [(offset + c.start, offset + c.end) for c in rest]
            job.duration = job.audio_end
        self.storage.renumber_chunks(job.id, renumbered)
        job.plan = tuple(PlannedChunk(i, s, e) for i, (s, e) in enumerate(bounds))
        job.done_chunks = {renumbered[i] for i in job.done_chunks if i in renumbered}
        self._store_plan(job)
        return problem

    def _plan(self, job: _Job) -> tuple[PlannedChunk, ...]:
        if job.duration is None:
            job.duration = audio.probe(job.path).duration
        finder = audio.silence_finder_for(job.path) if self.use_silence_finder else None
        plan = ChunkPlan.build(
            job.duration,
            chunk_seconds=job.options.chunk_seconds,
            overlap_seconds=job.options.overlap_seconds,
            max_bytes=self.max_upload_bytes,
            silence_finder=finder,
        )
        return plan.chunks

    async def _upload_missing(self, job: _Job, missing: set[int]) -> None:
        loop = asyncio.get_running_loop()
        assert self._slots is not None
        chunks: Iterator[audio.PreparedChunk] = audio.prepare_chunks(job.path, job.plan)
        uploads: list[asyncio.Task[None]] = []
        check_tail = job.plan[-1].index in missing  # decode past the last chunk to see if the audio goes on
        try:
            while missing or check_tail:
                await self._slots.acquire()
                if job.stopping or any(_failed(t) for t in uploads):
                    self._slots.release()
                    break  # a failed chunk ends the job: stop preparing the others
                try:
                    prepared = await loop.run_in_executor(self._audio_pool, next, chunks, None)
                except audio.AudioLongerThanPlanned as exc:
                    self._slots.release()
                    job.audio_end = exc.end
                    break
                except BaseException:
                    self._slots.release()
                    raise
                if prepared is None or prepared.index not in missing:
                    self._slots.release()
                    if prepared is None:
                        break
                    continue
                missing.discard(prepared.index)
                if len(prepared.flac) > self.max_upload_bytes:
                    self._slots.release()
                    # FLAC of noisy audio outgrows the plan's estimate: split it rather than send a sure 413
                    job.too_large[prepared.index] = math.ceil(len(prepared.flac) / (self.max_upload_bytes * SIZE_SAFETY))
                    continue
                uploads.append(loop.create_task(self._upload_chunk(job, prepared)))
            if missing and not any(_failed(t) for t in uploads):
                raise audio.AudioFileError(job.path, "corrupt", translate("AudioFileError", "the audio ended before the planned chunks"))
            await asyncio.gather(*uploads)
        finally:
            for task in uploads:
                task.cancel()
            await asyncio.gather(*uploads, return_exceptions=True)
            await loop.run_in_executor(self._audio_pool, _close_generator, chunks)

    async def _upload_chunk(self, job: _Job, chunk: audio.PreparedChunk) -> None:
        assert self._slots is not None and self._resume_gate is not None
        n = len(job.plan)
        failures = refusals = 0
        try:
            while True:
                await self._resume_gate.wait()
                handle = self._submit(job, chunk)
                try:
                    result = await handle
                except RequestCancelledError:
                    if job.stopping:
                        return  # a sibling failed for good; its error is the job's
                    if self._paused and not job.cancel_requested and not self._closing:
                        continue  # sent back by pause_all: submit again after resume_all
                    raise asyncio.CancelledError from None
                except RequestTooLargeError as exc:
                    if exc.request_id is not None or exc.error_type is not None:
                        # Groq's limit is below this size (another plan, or a newer limit): learn it.
                        self.max_upload_bytes = min(self.max_upload_bytes, int(len(chunk.flac) * SIZE_SAFETY))
                    job.too_large[chunk.index] = 2  # split once the others of this pass are done
                    return
                except RateLimitError as exc:
                    # The scheduler already waited out each 429's closing and sent it again; a server that
                    # keeps refusing disagrees with what we know of the quota, so stop rather than loop.
                    refusals += 1
                    if refusals < self.max_rate_limit_rounds:
                        continue
                    self._stop_chunks(job)
                    await asyncio.to_thread(
                        self.storage.record_chunk_failure, job.id, chunk.index, chunk.start, chunk.end, exc.user_text()
                    )
                    raise _ChunkFailed(
                        translate(
                            "TranscriptionService", "chunk {chunk}/{count}: Groq kept refusing it for quota ({error})"
                        ).format(chunk=number(chunk.index + 1), count=number(n), error=exc.message)
                    ) from exc
                except GroqDesktopError as exc:
                    failures += 1
                    self._advise(job.options, exc)
                    if isinstance(exc, _PERMANENT_ERRORS) or failures >= self.max_chunk_attempts:
                        self._stop_chunks(job)  # now, before the scheduler starts a sibling in the freed slot
                    await asyncio.to_thread(
                        self.storage.record_chunk_failure, job.id, chunk.index, chunk.start, chunk.end, exc.user_text()
                    )
                    if isinstance(exc, _PERMANENT_ERRORS) or failures >= self.max_chunk_attempts:
                        failed = (
                            translate("TranscriptionService", "chunk {chunk}/{count} failed after {tries} tries")
                            if failures > 1
                            else translate("TranscriptionService", "chunk {chunk}/{count} failed")
                        ).format(chunk=number(chunk.index + 1), count=number(n), tries=number(failures))
                        raise _ChunkFailed(
                            f"{failed}: {exc.message} {exc.hint if model_gone(exc) else ''}".rstrip()
                        ) from exc
                    await asyncio.sleep(self.retry_backoff_seconds * 2 ** (failures - 1))
                    continue
                finally:
                    if not handle.done():
                        handle.cancel()  # awaiting is shielded: a cancelled chunk must not go on to upload and bill
                    job.handles.pop(chunk.index, None)
                    self._chunk_jobs.pop(handle.id, None)
                    job.uploading.discard(chunk.index)
                    job.waiting.pop(chunk.index, None)
                await self._store_chunk(job, chunk, result)
                return
        finally:
            self._slots.release()

    def _stop_chunks(self, job: _Job) -> None:
        """The job failed for good: no other chunk of it may start, and those queued are cancelled."""
        job.stopping = True
        for handle in list(job.handles.values()):
            handle.cancel()

    def _submit(self, job: _Job, chunk: audio.PreparedChunk) -> JobHandle[Any]:
        options = job.options
        granularities = list(options.timestamps)
        if len(job.plan) > 1 and "word" not in granularities:
            granularities.append("word")  # word times let the merge cut overlaps exactly
        billed = Cost.audio(chunk.duration).audio_seconds
        stem = Path(job.name).stem or "audio"

        in_flight = False

        async def run(_reservation: Reservation) -> Any:
            nonlocal in_flight
            if job.stopping:
                raise RequestCancelledError(
                    translate("TranscriptionService", "A sibling chunk failed; this one is not sent.")
                )
            cancel = CancelToken()  # set() aborts the upload at once, even on the wire
            in_flight = True
            try:
                return await asyncio.to_thread(
                    self.client.transcribe,
                    options.model,
                    chunk.flac,
                    filename=f"{stem}-{chunk.index + 1}.flac",
                    language=options.language or None,
                    prompt=options.prompt or None,
                    temperature=options.temperature,
                    timestamp_granularities=tuple(granularities),
                    translate=options.task == "translate",
                    audio_seconds=billed,
                    **({"service_tier": tier} if (tier := self._tier(options)) else {}),
                    cancel=cancel,
                )
            except asyncio.CancelledError:
                cancel.set()
                raise
            except BaseException:
                in_flight = False  # an error answer: the audio was not transcribed, so not billed
                raise

        def partial_usage() -> Cost | None:
            # Cancelled mid-upload: the server may still transcribe (and bill) it, so count it.
            return Cost.audio(chunk.duration) if in_flight else None

        def usage_of(result: Any) -> Cost:
            return Cost.audio(float(result.duration or chunk.duration))

        handle = self.scheduler.submit(
            options.model,
            Cost.audio(chunk.duration),
            run,
            priority=Priority.BACKGROUND,
            kind="transcription",
            label=translate("TranscriptionService", "{name} — chunk {chunk}/{count}").format(
                name=job.name, chunk=number(chunk.index + 1), count=number(len(job.plan))
            ),
            usage_of=usage_of,
            partial_usage=partial_usage,
        )
        job.handles[chunk.index] = handle
        self._chunk_jobs[handle.id] = (job.id, chunk.index)
        self._on_scheduler_job(handle.info())
        return handle

    async def _store_chunk(self, job: _Job, chunk: audio.PreparedChunk, result: Any) -> None:
        data = dict(result.raw) if getattr(result, "raw", None) else {
            "text": result.text,
            "language": result.language,
            "duration": result.duration,
            "segments": result.segments,
            "words": result.words,
        }
        await asyncio.to_thread(self.storage.save_chunk_result, job.id, chunk.index, chunk.start, chunk.end, data)
        job.done_chunks.add(chunk.index)
        self._throughput.append((self.clock(), chunk.duration))
        self._changed(job)

    def _on_scheduler_job(self, info: SchedulerJobInfo) -> None:
        owner = self._chunk_jobs.get(info.id)
        if owner is None:
            return
        job = self._jobs.get(owner[0])
        if job is None:
            return
        index = owner[1]
        if info.state is SchedulerJobState.RUNNING:
            job.uploading.add(index)
            job.waiting.pop(index, None)
        elif info.state is SchedulerJobState.WAITING and info.wait is not None:
            job.uploading.discard(index)
            job.waiting[index] = (info.wait, self.clock() + info.wait.wait_seconds)
        else:
            job.uploading.discard(index)
            job.waiting.pop(index, None)
        self._changed(job)

    # --- results -------------------------------------------------------------------------------

    def _merge(self, job: _Job) -> Transcript:
        records = {c.chunk_index: c for c in self.storage.list_chunks(job.id) if c.status == "done" and c.result}
        parts = [
            (chunk, Transcript.from_verbose_json(records[chunk.index].result or {}))
            for chunk in job.plan
            if chunk.index in records
        ]
        transcript = merge_transcripts(parts)
        if job.duration is not None:
            transcript.duration = job.duration
        return transcript

    def _result_path(self, job_id: int) -> Path:
        return self.results_dir / f"job-{job_id}.json"

    def _save_result(self, job: _Job, transcript: Transcript) -> None:
        self.results_dir.mkdir(parents=True, exist_ok=True)
        subtitles.export(transcript, "json", self._result_path(job.id))
        if self.export_dir is None:
            return
        try:
            self.export_dir.mkdir(parents=True, exist_ok=True)
            self._write_exports(job.id, job.name, transcript, self.export_dir, self.export_formats, set())
        except OSError as exc:  # the transcript is saved; a full disk or a gone folder must not fail the job
            log.warning("auto-export of %s to %s failed: %s", job.name, self.export_dir, exc)

    # --- shutdown ------------------------------------------------------------------------------

    def shutdown(self) -> list[asyncio.Task[None]]:
        """Stop work now (sync, e.g. at app quit) without marking jobs cancelled: the next
        ``resume`` picks them up again. Returns the job tasks that are winding down."""
        self._closing = True
        self._unsubscribe_scheduler()
        tasks = [j.task for j in self._jobs.values() if j.task is not None]
        for task in tasks:
            task.cancel()
        return tasks

    async def aclose(self) -> None:
        """``shutdown`` and wait for the work to stop."""
        tasks = self.shutdown()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        await asyncio.get_running_loop().run_in_executor(None, self._audio_pool.shutdown)


def _expand(paths: Sequence[Path]) -> list[Path]:
    """Files as given, and the media files inside folders (recursively, sorted, no hidden ones)."""
    out: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and child.suffix.lower().lstrip(".") in FOLDER_EXTENSIONS:
                    out.append(child)
        else:
            out.append(path)
    return list(dict.fromkeys(out))


def _failed(task: asyncio.Task[Any]) -> bool:
    return task.done() and not task.cancelled() and task.exception() is not None


def _close_generator(chunks: Iterator[Any]) -> None:
    close = getattr(chunks, "close", None)
    if close is not None:
        with contextlib.suppress(Exception):
            close()


def _free_paths(folder: Path, stem: str, exts: Sequence[str], own: set[str], taken: set[Path]) -> list[Path]:
    """``stem.ext`` for every ext, or ``stem (2).ext``... with the first number for which no file is
    taken by this batch or exists from another source (files in ``own`` may be replaced)."""
    n = 1
    while True:
        base = stem if n == 1 else f"{stem} ({n})"
        paths = [folder / f"{base}.{ext}" for ext in exts]
        if not any(p in taken or (p.exists() and str(p) not in own) for p in paths):
            taken.update(paths)
            return paths
        n += 1
