"""TranscriptionService against the emulator: chunking and merging, resume, retries, rejects, pause, cancel."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import pytest

from groq_desktop.app.composition import Services, build_services
from groq_desktop.core.audio import subtitles
from groq_desktop.core.config import load_config
from groq_desktop.core.quota.scheduler import Scheduler
from groq_desktop.core.store.storage import Storage
from groq_desktop.errors import RequestCancelledError
from groq_desktop.services.transcription import (
    InvalidOptionsError,
    JobInfo,
    JobPhase,
    TranscriptionEvent,
    TranscriptionOptions,
    TranscriptionService,
)
from tests.audio_fixtures import write_audio, write_png, write_video_only
from tests.conftest import TEST_KEY

T = TypeVar("T")
CHUNKED = TranscriptionOptions(chunk_seconds=20, overlap_seconds=4, timestamps=("segment", "word"))
TIMEOUT = 30.0


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(asyncio.wait_for(coro, TIMEOUT))


@pytest.fixture(scope="module")
def audio_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("audio")
    pauses = [(s, s + 0.6) for s in range(3, 70, 4)]
    write_audio(folder / "long.wav", 70, kind="speech", silences=pauses)
    write_audio(folder / "short.mp3", 6, kind="speech", silences=[(2.0, 2.6)])
    return folder


@pytest.fixture
def services(emulator: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Services]:
    monkeypatch.setenv("GROQ_DESKTOP_HOME", str(tmp_path / "home"))
    built = build_services(
        load_config({"GROQ_API_KEY": TEST_KEY, "GROQ_BASE_URL": emulator.base_url, "GROQ_MAX_RETRIES": "0"})
    )
    yield built
    built.close()


def make_service(services: Services, storage: Storage | None = None, client: Any = None, **options: Any) -> TranscriptionService:
    options.setdefault("retry_backoff_seconds", 0.01)
    return TranscriptionService(
        client or services.client, services.scheduler, services.limiter, storage or services.storage, services.registry, **options
    )


async def wait_for(service: TranscriptionService, condition: Callable[[], bool]) -> None:
    changed = asyncio.Event()
    unsubscribe = service.subscribe(lambda _event: changed.set())
    try:
        while not condition():
            await changed.wait()
            changed.clear()
    finally:
        unsubscribe()


def finished(service: TranscriptionService, job_id: int) -> Callable[[], bool]:
    def check() -> bool:
        info = service.job(job_id)
        return info is not None and info.phase.finished

    return check


async def close(service: TranscriptionService, services: Services) -> None:
    await service.aclose()
    await services.scheduler.aclose()


def whole_file_words(services: Services, path: Path) -> list[str]:
    result = services.client.transcribe(
        "whisper-large-v3-turbo", path.read_bytes(), filename=path.name, timestamp_granularities=("word",)
    )
    return [w["word"] for w in result.words]


class GatedClient:
    """Passes the first ``open_calls`` transcriptions through; later ones block until released, then
    fail as cancelled without reaching the server (a crash mid-upload, or a stuck request)."""

    def __init__(self, client: Any, open_calls: int) -> None:
        self._client = client
        self._open = open_calls
        self.calls = 0
        self.blocked = threading.Event()
        self.release = threading.Event()

    def transcribe(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        if self.calls <= self._open:
            return self._client.transcribe(*args, **kwargs)
        self.blocked.set()
        self.release.wait(TIMEOUT)
        raise RequestCancelledError("released by the test")


def test_a_short_file_is_one_request_and_one_transcript(services: Services, emulator: Any, audio_dir: Path) -> None:
    short = audio_dir / "short.mp3"

    async def scenario() -> tuple[JobInfo, Any]:
        service = make_service(services)
        [info] = await service.add([short], TranscriptionOptions())
        await wait_for(service, finished(service, info.id))
        done = service.job(info.id)
        transcript = service.transcript(info.id)
        await close(service, services)
        return done, transcript

    done, transcript = run(scenario())
    assert done.phase is JobPhase.DONE and done.chunk_count == 1 and done.progress == 1.0
    assert emulator.stats.count(200) == 1
    words = whole_file_words(services, short)
    assert transcript.text.split() and len(transcript.text.split()) == len(words)
    assert abs(transcript.duration - 6.0) < 0.2


def test_a_long_file_is_chunked_and_merged_without_lost_or_doubled_words(
    services: Services, emulator: Any, audio_dir: Path
) -> None:
    long = audio_dir / "long.wav"

    async def scenario() -> tuple[JobInfo, Any]:
        service = make_service(services)
        [info] = await service.add([long], CHUNKED)
        await wait_for(service, finished(service, info.id))
        result = service.job(info.id), service.transcript(info.id)
        await close(service, services)
        return result

    done, transcript = run(scenario())
    assert done.phase is JobPhase.DONE
    assert done.chunk_count is not None and done.chunk_count >= 3
    assert emulator.stats.count(200) == done.chunk_count
    assert [w.text for w in transcript.words] == whole_file_words(services, long)
    starts = [w.start for w in transcript.words]
    assert starts == sorted(starts)


def test_a_restart_sends_only_the_missing_chunks(services: Services, emulator: Any, audio_dir: Path, tmp_path: Path) -> None:
    long = audio_dir / "long.wav"
    db = tmp_path / "queue.sqlite3"
    gated = GatedClient(services.client, open_calls=2)

    async def scenario() -> tuple[int, int, list[int], list[int], JobInfo, Any]:
        storage = Storage(db)
        service = make_service(services, storage, client=gated, max_prepared_chunks=1)
        [info] = await service.add([long], CHUNKED)
        await asyncio.to_thread(gated.blocked.wait, TIMEOUT)  # chunk 3 is "on the wire"
        await service.aclose()  # the app goes away mid-job
        await services.scheduler.aclose()
        gated.release.set()
        storage.close()
        sent_before = emulator.stats.requests

        storage = Storage(db)  # the next start: new storage connection, new scheduler, new service
        stored = [c.chunk_index for c in storage.list_chunks(info.id) if c.status == "done"]
        unfinished = [r.id for r in storage.unfinished_jobs()]
        restarted = TranscriptionService(services.client, Scheduler(services.limiter), services.limiter, storage)
        await restarted.resume()
        await wait_for(restarted, finished(restarted, info.id))
        result = restarted.job(info.id), restarted.transcript(info.id)
        await restarted.aclose()
        await restarted.scheduler.aclose()
        storage.close()
        return info.id, sent_before, stored, unfinished, *result

    job_id, sent_before, stored, unfinished, done, transcript = run(scenario())
    assert sent_before == 2
    assert stored == [0, 1] and unfinished == [job_id]
    assert done.phase is JobPhase.DONE
    assert emulator.stats.requests - sent_before == done.chunk_count - 2
    assert [w.text for w in transcript.words] == whole_file_words(services, long)


def test_a_failing_chunk_is_retried_then_the_job_fails_keeping_finished_chunks(
    services: Services, emulator: Any, audio_dir: Path
) -> None:
    long = audio_dir / "long.wav"

    async def scenario() -> tuple[JobInfo, list[Any]]:
        service = make_service(services, max_prepared_chunks=1)
        armed = False

        def fail_after_first_chunk(event: TranscriptionEvent) -> None:
            nonlocal armed
            if not armed and event.job is not None and event.job.chunks_done == 1:
                armed = True
                emulator.inject("http_500", times=3, path_contains="/audio/")

        service.subscribe(fail_after_first_chunk)
        [info] = await service.add([long], CHUNKED)
        await wait_for(service, finished(service, info.id))
        result = service.job(info.id), service.storage.list_chunks(info.id)
        await close(service, services)
        return result

    failed, chunks = run(scenario())
    assert failed.phase is JobPhase.FAILED
    assert "chunk 2/" in (failed.error or "") and "3 tries" in (failed.error or "")
    assert emulator.stats.count(500) == 3
    assert [(c.chunk_index, c.status) for c in chunks] == [(0, "done"), (1, "failed")]
    assert chunks[1].attempts == 3


def test_unusable_files_are_listed_with_their_reason_and_the_rest_still_runs(
    services: Services, audio_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "empty.wav").write_bytes(b"")
    (folder / "notes.mp3").write_text("meeting notes, not a recording\n" * 20)
    (folder / "garbage.ogg").write_bytes(bytes(range(256)) * 8)
    write_video_only(folder / "sub" / "screen.mp4")
    (folder / "sub" / "cut.mp3").write_bytes((audio_dir / "short.mp3").read_bytes()[:300])
    (folder / "cover.jpg").write_bytes(b"\xff\xd8 not looked at")  # skipped inside folders
    good = folder / "sub" / "good.mp3"
    good.write_bytes((audio_dir / "short.mp3").read_bytes())
    image = write_png(tmp_path / "picture.png")

    async def scenario() -> tuple[list[JobInfo], JobInfo]:
        service = make_service(services)
        added = await service.add([folder, image, tmp_path / "missing.wav"], TranscriptionOptions())
        good_job = next(i for i in added if i.phase is not JobPhase.REJECTED)
        await wait_for(service, finished(service, good_job.id))
        result = added, service.job(good_job.id)
        assert {i.id for i in service.jobs()} == {i.id for i in added}
        await close(service, services)
        return result

    added, good_done = run(scenario())
    reasons = {i.name: i.error for i in added if i.phase is JobPhase.REJECTED}
    assert reasons == {
        "empty.wav": "empty",
        "notes.mp3": "not audio",
        "garbage.ogg": "corrupt",
        "screen.mp4": "no audio track",
        "cut.mp3": "corrupt",
        "picture.png": "no audio track",
        "missing.wav": "not found",
    }
    assert good_done.phase is JobPhase.DONE
    assert next(i for i in added if i.name == "notes.mp3").status_text() == "Rejected: not audio"


def test_pause_holds_the_queue_and_resume_runs_it(services: Services, emulator: Any, audio_dir: Path) -> None:
    async def scenario() -> tuple[JobInfo, JobInfo, int]:
        service = make_service(services)
        service.pause_all()
        [info] = await service.add([audio_dir / "short.mp3"], TranscriptionOptions())
        paused = service.job(info.id)
        sent_while_paused = emulator.stats.requests
        service.resume_all()
        await wait_for(service, finished(service, info.id))
        done = service.job(info.id)
        await close(service, services)
        return paused, done, sent_while_paused

    paused, done, sent_while_paused = run(scenario())
    assert paused.phase is JobPhase.QUEUED and paused.status_text() == "Paused"
    assert sent_while_paused == 0
    assert done.phase is JobPhase.DONE


def test_cancel_stops_a_running_job_and_retry_finishes_it(services: Services, emulator: Any, audio_dir: Path) -> None:
    gated = GatedClient(services.client, open_calls=0)

    async def scenario() -> tuple[JobInfo, str, JobInfo]:
        service = make_service(services, client=gated)
        [info] = await service.add([audio_dir / "short.mp3"], TranscriptionOptions())
        await asyncio.to_thread(gated.blocked.wait, TIMEOUT)
        assert service.cancel(info.id)
        await wait_for(service, finished(service, info.id))
        cancelled = service.job(info.id)
        status = service.storage.get_job(info.id).status
        gated.release.set()
        service.client = services.client
        assert service.retry(info.id)
        await wait_for(service, finished(service, info.id))
        retried = service.job(info.id)
        await close(service, services)
        return cancelled, status, retried

    cancelled, status, retried = run(scenario())
    assert cancelled.phase is JobPhase.CANCELLED and status == "cancelled"
    assert emulator.stats.requests == 1  # only the retry reached the server
    assert retried.phase is JobPhase.DONE


def test_translation_needs_whisper_large_v3() -> None:
    turbo = TranscriptionOptions(model="whisper-large-v3-turbo", task="translate")
    assert any("cannot translate" in p for p in turbo.problems())
    with pytest.raises(InvalidOptionsError, match="whisper-large-v3"):
        turbo.validate()
    fixed, changes = turbo.adjusted()
    assert fixed.model == "whisper-large-v3" and fixed.problems() == [] and changes


def test_reorder_and_export_many(services: Services, audio_dir: Path, tmp_path: Path) -> None:
    async def scenario() -> tuple[list[str], list[str], list[Path]]:
        service = make_service(services)
        service.pause_all()
        first, second = await service.add([audio_dir / "short.mp3", audio_dir / "long.wav"], TranscriptionOptions())
        service.move_down(first.id)
        order = [i.name for i in service.jobs()]
        service.move_up(first.id)
        order_back = [i.name for i in service.jobs()]
        service.set_auto_export(tmp_path / "auto", ["txt", "srt"])
        service.resume_all()
        await wait_for(service, lambda: all(i.phase.finished for i in service.jobs()))
        files = await service.export_many([first.id, second.id], tmp_path / "out", ["srt", "vtt", "md"])
        await close(service, services)
        return order, order_back, files

    order, order_back, files = run(scenario())
    assert order == ["long.wav", "short.mp3"] and order_back == ["short.mp3", "long.wav"]
    assert sorted(f.name for f in files) == sorted(
        ["short.srt", "short.vtt", "short.md", "long.srt", "long.vtt", "long.md"]
    )
    cues = subtitles.parse_srt((tmp_path / "out" / "long.srt").read_text())
    assert cues and cues[-1][1] <= 70.5
    subtitles.parse_vtt((tmp_path / "out" / "short.vtt").read_text())
    assert sorted(p.name for p in (tmp_path / "auto").iterdir()) == ["long.srt", "long.txt", "short.srt", "short.txt"]


class HeldClient:
    """Holds the first transcription until ``release`` is set, then sends it to the server (an upload
    still on the wire when the user cancels); with ``fail_first`` it answers that one with a 400."""

    def __init__(self, client: Any, fail_first: bool = False) -> None:
        self._client = client
        self._fail_first = fail_first
        self.calls = 0
        self.held = threading.Event()
        self.release = threading.Event()
        self.first_done = threading.Event()

    def transcribe(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        if self.calls > 1:
            return self._client.transcribe(*args, **kwargs)
        try:
            self.held.set()
            self.release.wait(TIMEOUT)
            if self._fail_first:
                from groq_desktop.errors import BadRequestError

                raise BadRequestError("could not process file - is it a valid media file?", status=400)
            return self._client.transcribe(*args, **kwargs)
        finally:
            self.first_done.set()


async def scheduler_idle(scheduler: Scheduler) -> None:
    changed = asyncio.Event()
    unsubscribe = scheduler.subscribe(lambda _info: changed.set())
    try:
        while (stats := scheduler.stats()).queued or stats.waiting or stats.running:
            await changed.wait()
            changed.clear()
    finally:
        unsubscribe()


async def queued_in(scheduler: Scheduler, count: int) -> None:
    while scheduler.stats().queued + scheduler.stats().waiting < count:
        await asyncio.sleep(0.01)


def test_cancel_stops_queued_sibling_chunks_and_retry_sends_only_missing_ones(
    services: Services, emulator: Any, audio_dir: Path
) -> None:
    held = HeldClient(services.client)
    scheduler = Scheduler(services.limiter, per_model_concurrency=1)

    async def scenario() -> tuple[int, int, JobInfo, int, float]:
        service = TranscriptionService(held, scheduler, services.limiter, services.storage, retry_backoff_seconds=0.01)
        [info] = await service.add([audio_dir / "long.wav"], CHUNKED)
        await asyncio.to_thread(held.held.wait, TIMEOUT)
        chunks = service.job(info.id).chunk_count or 0
        await queued_in(scheduler, chunks - 1)  # chunk 1 on the wire, the others queued behind it
        assert service.cancel(info.id)
        await wait_for(service, finished(service, info.id))
        await scheduler_idle(scheduler)  # the running upload too: nothing of the job is left in the queue
        counted = sum(d.used for d in services.limiter.snapshot("whisper-large-v3-turbo") if d.dimension == "ASH")
        held.release.set()  # the upload on the wire reaches the server anyway (the client cannot abort it)
        await asyncio.to_thread(held.first_done.wait, TIMEOUT)
        sent_after_cancel = emulator.stats.requests
        assert service.retry(info.id)
        await wait_for(service, finished(service, info.id))
        done = service.job(info.id)
        await service.aclose()
        await scheduler.aclose()
        return chunks, sent_after_cancel, done, emulator.stats.requests, counted

    chunks, sent_after_cancel, done, total, counted = run(scenario())
    assert chunks >= 3
    assert counted >= 10.0  # the cancelled upload was on the wire: its audio stays counted against the quota
    assert sent_after_cancel <= 1  # only the upload already on the wire, none of its queued siblings
    assert done.phase is JobPhase.DONE
    assert total - sent_after_cancel == chunks  # the retry sent each missing chunk once


def test_a_chunk_that_fails_for_good_cancels_its_queued_siblings(
    services: Services, emulator: Any, audio_dir: Path
) -> None:
    held = HeldClient(services.client, fail_first=True)
    scheduler = Scheduler(services.limiter, per_model_concurrency=1)

    async def scenario() -> tuple[JobInfo, int]:
        service = TranscriptionService(held, scheduler, services.limiter, services.storage, retry_backoff_seconds=0.01)
        [info] = await service.add([audio_dir / "long.wav"], CHUNKED)
        await asyncio.to_thread(held.held.wait, TIMEOUT)
        await queued_in(scheduler, (service.job(info.id).chunk_count or 0) - 1)
        held.release.set()
        await wait_for(service, finished(service, info.id))
        await scheduler_idle(scheduler)
        failed = service.job(info.id)
        await service.aclose()
        await scheduler.aclose()
        return failed, held.calls

    failed, calls = run(scenario())
    assert failed.phase is JobPhase.FAILED and "chunk 1/" in (failed.error or "")
    assert calls == 1 and emulator.stats.requests == 0


class RefusingClient:
    """Every transcription is refused with a 429 on requests per minute that clears in 10 ms."""

    def __init__(self) -> None:
        self.calls = 0

    def transcribe(self, *args: Any, **kwargs: Any) -> Any:
        from groq_desktop.errors import RateLimitError

        self.calls += 1
        raise RateLimitError(
            "Rate limit reached for model `whisper-large-v3-turbo` on requests per minute (RPM): Limit 20, Used 20,"
            " Requested 1. Please try again in 10ms.",
            retry_after=0.01,
            status=429,
        )


def test_repeated_429s_end_the_job_after_a_bounded_number_of_tries_showing_the_wait(audio_dir: Path, tmp_path: Path) -> None:
    from groq_desktop.core.quota.rate_limiter import RateLimiter

    client = RefusingClient()
    limiter = RateLimiter(time_scale=600)  # an emptied RPM bucket refills in milliseconds
    scheduler = Scheduler(limiter, max_rate_limit_requeues=1)
    storage = Storage(tmp_path / "queue.sqlite3")
    statuses: list[str] = []

    def watch(event: TranscriptionEvent) -> None:
        if event.job is not None and event.job.phase is JobPhase.WAITING:
            statuses.append(event.job.status_text(event.job.wait_until))

    async def scenario() -> JobInfo:
        service = TranscriptionService(client, scheduler, limiter, storage, max_rate_limit_rounds=2)
        service.subscribe(watch)
        [info] = await service.add([audio_dir / "short.mp3"], TranscriptionOptions())
        await wait_for(service, finished(service, info.id))
        done = service.job(info.id)
        await service.aclose()
        await scheduler.aclose()
        return done

    done = run(scenario())
    storage.close()
    assert done.phase is JobPhase.FAILED and "kept refusing" in (done.error or "")
    assert client.calls == 4  # 2 rounds of (a try + 1 requeue)
    assert statuses and all(s.startswith("Waiting for quota (requests per minute)") for s in statuses)


def emulator_words(path: Path) -> list[str]:
    """The emulator's words for the whole file, without a request (the upload limit may refuse it)."""
    from groq_desktop.core.audio.decode import convert_for_upload
    from groq_desktop.emulator import speech

    return [w.to_json()["word"] for w in speech.transcribe(convert_for_upload(path), 0.0).words]


def services_for(emulator: Any, home: Path) -> Services:
    import os

    os.environ["GROQ_DESKTOP_HOME"] = str(home)
    return build_services(
        load_config({"GROQ_API_KEY": TEST_KEY, "GROQ_BASE_URL": emulator.base_url, "GROQ_MAX_RETRIES": "0"})
    )


def test_a_413_splits_the_chunk_and_the_job_finishes_without_lost_words(
    emulator_factory: Callable[..., Any], audio_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    long = audio_dir / "long.wav"
    small = emulator_factory(time_scale=60.0, max_upload_bytes=150_000)  # Groq's limit, lower than we thought
    monkeypatch.setenv("GROQ_DESKTOP_HOME", str(tmp_path / "home"))
    built = services_for(small, tmp_path / "home")

    async def scenario() -> tuple[JobInfo, Any, list[list[float]]]:
        service = make_service(built)
        [info] = await service.add([long], CHUNKED)
        await wait_for(service, finished(service, info.id))
        result = service.job(info.id), service.transcript(info.id), built.storage.get_job(info.id).options["plan"]
        await close(service, built)
        return result

    try:
        done, transcript, stored_plan = run(scenario())
    finally:
        built.close()
    refused = small.stats.count(413)
    assert done.phase is JobPhase.DONE, done.error
    assert refused >= 1 and small.stats.count(200) == done.chunk_count
    assert len(stored_plan) == done.chunk_count  # the smaller chunks are what a Retry or a restart would send
    assert [w.text for w in transcript.words] == emulator_words(long)


def test_a_prepared_chunk_over_the_upload_limit_is_split_before_it_is_sent(
    services: Services, emulator: Any, tmp_path: Path
) -> None:
    noisy = write_audio(tmp_path / "noise.wav", 30, kind="noise")  # compresses far worse than the plan assumes

    async def scenario() -> tuple[JobInfo, int]:
        service = make_service(services, max_upload_bytes=400_000)
        [info] = await service.add([noisy], TranscriptionOptions(chunk_seconds=40, overlap_seconds=2))
        planned = len(service._plan(service._jobs[info.id]))
        await wait_for(service, finished(service, info.id))
        done = service.job(info.id)
        await close(service, services)
        return done, planned

    done, planned = run(scenario())
    assert done.phase is JobPhase.DONE, done.error
    assert emulator.stats.count(413) == 0
    assert (done.chunk_count or 0) > planned and emulator.stats.count(200) == done.chunk_count


def test_audio_past_the_probed_length_is_planned_and_transcribed(
    services: Services, emulator: Any, audio_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from groq_desktop.core.audio import decode

    long = audio_dir / "long.wav"
    real_probe = decode.probe
    monkeypatch.setattr(decode, "probe", lambda path: replace(real_probe(path), duration=30.0))

    async def scenario() -> tuple[JobInfo, Any]:
        service = make_service(services)
        [info] = await service.add([long], CHUNKED)
        await wait_for(service, finished(service, info.id))
        result = service.job(info.id), service.transcript(info.id)
        await close(service, services)
        return result

    done, transcript = run(scenario())
    assert done.phase is JobPhase.DONE, done.error
    assert abs(transcript.duration - 70.0) < 0.2
    assert [w.text for w in transcript.words] == emulator_words(long)


def test_start_up_reads_no_chunk_results(services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    storage = Storage(tmp_path / "history.sqlite3")
    done = storage.create_job(tmp_path / "old.mp3", "old.mp3", {**CHUNKED.to_dict(), "plan": [[0, 20], [16, 30]]})
    storage.save_chunk_result(done.id, 0, 0.0, 20.0, {"text": "a"})
    storage.save_chunk_result(done.id, 1, 16.0, 30.0, {"text": "b"})
    storage.update_job(done.id, status="done", chunk_count=2)
    failed = storage.create_job(tmp_path / "cut.mp3", "cut.mp3", {**CHUNKED.to_dict(), "plan": [[0, 20], [16, 30]]})
    storage.save_chunk_result(failed.id, 0, 0.0, 20.0, {"text": "c"})
    storage.update_job(failed.id, status="failed", chunk_count=2, error="chunk 2/2 failed")
    reads: list[int] = []
    list_chunks = Storage.list_chunks
    monkeypatch.setattr(Storage, "list_chunks", lambda self, job_id: reads.append(job_id) or list_chunks(self, job_id))

    service = make_service(services, storage)
    jobs = {j.name: j for j in service.jobs()}
    storage.close()
    assert reads == []
    assert jobs["old.mp3"].phase is JobPhase.DONE and jobs["old.mp3"].progress == 1.0
    assert jobs["cut.mp3"].phase is JobPhase.FAILED and jobs["cut.mp3"].chunks_done == 1


def test_auto_export_never_overwrites_another_source_and_uses_the_usual_permissions(
    services: Services, audio_dir: Path, tmp_path: Path
) -> None:
    import os
    import stat

    sources = tmp_path / "podcast"
    sources.mkdir()
    (sources / "talk.mp3").write_bytes((audio_dir / "short.mp3").read_bytes())
    write_audio(sources / "talk.wav", 4, kind="speech")
    out = tmp_path / "subs"
    out.mkdir()
    (out / "talk.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nhand-made\n")  # someone else's file
    os.chmod(out / "talk.srt", 0o640)
    old_umask = os.umask(0o022)

    async def scenario() -> tuple[list[Path], Path, Path, list[Path]]:
        service = make_service(services)
        service.set_auto_export(out, ["srt"])
        mp3, wav = await service.add([sources / "talk.mp3", sources / "talk.wav"], TranscriptionOptions())
        await wait_for(service, lambda: all(i.phase.finished for i in service.jobs()))
        first = sorted(out.iterdir())
        [mine] = [Path(p) for p in services.storage.get_job(mp3.id).options["exports"]]
        [other] = [Path(p) for p in services.storage.get_job(wav.id).options["exports"]]
        os.chmod(mine, 0o600)  # the user tightened it
        again = await service.export_many([mp3.id], out, ["srt"])
        await close(service, services)
        return first, mine, other, again

    try:
        first, mine, other, again = run(scenario())
    finally:
        os.umask(old_umask)
    assert [p.name for p in first] == ["talk (2).srt", "talk (3).srt", "talk.srt"]
    assert "hand-made" in (out / "talk.srt").read_text() and mine != other
    assert stat.S_IMODE(other.stat().st_mode) == 0o644  # new files: the user's umask, not 0600
    assert again == [mine]  # its own earlier export is replaced, not duplicated
    assert stat.S_IMODE(mine.stat().st_mode) == 0o600
    assert stat.S_IMODE((out / "talk.srt").stat().st_mode) == 0o640


class RecordingClient:
    """Passes every transcription on, remembering a hash of each upload and whether it got a 413."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self.sent: list[tuple[int, bool]] = []
        self.refused = threading.Event()

    def transcribe(self, model: str, audio: bytes, **kwargs: Any) -> Any:
        from groq_desktop.errors import RequestTooLargeError

        try:
            result = self._client.transcribe(model, audio, **kwargs)
        except RequestTooLargeError:
            self.sent.append((hash(audio), True))
            self.refused.set()
            raise
        self.sent.append((hash(audio), False))
        return result


def test_retry_after_a_413_never_resends_the_refused_chunk(
    emulator_factory: Callable[..., Any], audio_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = emulator_factory(time_scale=60.0, max_upload_bytes=150_000)
    monkeypatch.setenv("GROQ_DESKTOP_HOME", str(tmp_path / "home"))
    built = services_for(small, tmp_path / "home")
    client = RecordingClient(built.client)
    scheduler = Scheduler(built.limiter, per_model_concurrency=1)

    async def scenario() -> tuple[JobInfo, JobInfo, int]:
        service = TranscriptionService(client, scheduler, built.limiter, built.storage, max_prepared_chunks=1)
        [info] = await service.add([audio_dir / "long.wav"], CHUNKED)
        await asyncio.to_thread(client.refused.wait, TIMEOUT)
        while not service._jobs[info.id].too_large:  # the service has taken the refusal in
            await asyncio.sleep(0.005)
        service.cancel(info.id)  # the user gives up right after the refusal
        await wait_for(service, finished(service, info.id))
        cancelled = service.job(info.id)
        await service.aclose()
        before_retry = len(client.sent)
        # Retry in the next session, which has not learnt the limit from the 413: only the stored plan helps.
        service = TranscriptionService(client, scheduler, built.limiter, built.storage, max_prepared_chunks=1)
        service.retry(info.id)
        await wait_for(service, finished(service, info.id))
        done = service.job(info.id)
        await service.aclose()
        await scheduler.aclose()
        return cancelled, done, before_retry

    try:
        cancelled, done, before_retry = run(scenario())
    finally:
        built.close()
    refused = {h for h, too_large in client.sent[:before_retry] if too_large}
    assert cancelled.phase is JobPhase.CANCELLED and refused
    assert done.phase is JobPhase.DONE, done.error
    assert not refused & {h for h, _ in client.sent[before_retry:]}
