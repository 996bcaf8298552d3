"""Transcription queue throughput under free-plan audio limits, through the real service stack.

20 files totalling 3 hours go through TranscriptionService + Scheduler + RateLimiter against the
emulator (whisper free plan: 7,200 audio seconds per hour, 20 requests per minute; time scaled so a
minute passes in 2 s). Reports 429s seen by the emulator, failures, and the makespan against the
floor the limits allow: the bucket starts full, so floor = max((billed - ASH) / ASH refill rate,
(requests - RPM) / RPM refill rate).

    python -m benchmarks.transcribe_throughput
"""

from __future__ import annotations

import asyncio
import math
import shutil
import tempfile
import time
from array import array
from fractions import Fraction
from pathlib import Path

import av

from benchmarks.results_file import write_result
from groq_desktop.core.api.client import GroqApiClient
from groq_desktop.core.config import ClientConfig
from groq_desktop.core.quota.limits import Cost, Dimension, LimitTable
from groq_desktop.core.quota.rate_limiter import RateLimiter
from groq_desktop.core.quota.scheduler import Scheduler
from groq_desktop.core.secrets import Secret
from groq_desktop.core.store.storage import Storage
from groq_desktop.emulator import EmulatorConfig, EmulatorServer
from groq_desktop.services.transcription import (
    JobPhase,
    TranscriptionEvent,
    TranscriptionOptions,
    TranscriptionService,
)

FILES = 20
FILE_SECONDS = 540  # 20 x 9 min = 3 h
TIME_SCALE = 30.0
MODEL = "whisper-large-v3-turbo"
RATE = 16000


def write_speechlike_flac(path: Path, seconds: int) -> Path:
    """Syllable-gated harmonics with a pause every few seconds, 16 kHz mono FLAC."""
    voice = array("h", (int(4000 * sum(math.sin(2 * math.pi * 170 * k * i / RATE) / k for k in (1, 2, 3)))
                        for i in range(RATE // 4))).tobytes()
    on = int(RATE * 0.25 * 0.7) * 2
    syllable = voice[:on] + bytes(len(voice) - on)
    phrase = syllable * 4 * 5 + bytes(RATE * 2)  # 5 s voiced, 1 s pause
    pcm = (phrase * (seconds // 6 + 1))[: seconds * RATE * 2]
    with av.open(str(path), "w", format="flac") as out:
        stream = out.add_stream("flac", rate=RATE, layout="mono")
        for first in range(0, seconds * RATE, RATE * 10):
            count = min(RATE * 10, seconds * RATE - first)
            frame = av.AudioFrame(format="s16", layout="mono", samples=count)
            frame.planes[0].update(pcm[first * 2 : (first + count) * 2])
            frame.rate, frame.pts, frame.time_base = RATE, first, Fraction(1, RATE)
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return path


async def run(folder: Path) -> dict[str, object]:
    source = write_speechlike_flac(folder / "talk.flac", FILE_SECONDS)
    files = []
    for n in range(FILES):
        target = folder / f"talk-{n + 1:02d}.flac"
        shutil.copyfile(source, target)
        files.append(target)
    table = LimitTable.load()
    limits = table.limits_for(MODEL, "free")
    emulator = EmulatorServer(EmulatorConfig(time_scale=TIME_SCALE)).start()
    limiter = RateLimiter(table, "free", time_scale=TIME_SCALE)
    client = GroqApiClient(
        ClientConfig(api_key=Secret("gsk_benchmark_0123456789"), base_url=emulator.base_url),
        on_rate_limits=limiter.observe_headers,
    )
    scheduler = Scheduler(limiter)
    storage = Storage(folder / "queue.sqlite3")
    service = TranscriptionService(client, scheduler, limiter, storage)
    all_done = asyncio.Event()

    def on_event(_event: TranscriptionEvent) -> None:
        if all(j.phase.finished for j in service.jobs()):
            all_done.set()

    service.subscribe(on_event)
    started = time.monotonic()
    try:
        jobs = await service.add(files, TranscriptionOptions(model=MODEL))
        await asyncio.wait_for(all_done.wait(), timeout=170)
        makespan = time.monotonic() - started
        final = service.jobs()
        chunks = sum(j.chunk_count or 0 for j in final)
        billed = sum(
            Cost.audio(c.end - c.start).audio_seconds for j in final for c in storage.list_chunks(j.id)
        )
        failures = sum(j.phase is not JobPhase.DONE for j in final)
        stats = emulator.stats
    finally:
        await service.aclose()
        await scheduler.aclose()
        client.close()
        storage.close()
        emulator.stop()
    ash = limits.get(Dimension.ASH) or math.inf
    rpm = limits.get(Dimension.RPM) or math.inf
    ash_rate = ash / 3600 * TIME_SCALE
    rpm_rate = rpm / 60 * TIME_SCALE
    floor = max(max(0.0, billed - ash) / ash_rate, max(0.0, chunks - rpm) / rpm_rate)
    return {
        "files": len(jobs),
        "audio_hours": round(sum(j.duration or 0 for j in final) / 3600, 2),
        "requests": stats.requests,
        "chunks": chunks,
        "billed_audio_s": round(billed),
        "http_429": stats.rate_limited,
        "failures": failures,
        "makespan_s": round(makespan, 1),
        "floor_s": round(floor, 1),
        "makespan_vs_floor": round(makespan / floor, 3) if floor else None,
        "makespan_unscaled_min": round(makespan * TIME_SCALE / 60, 1),
    }


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-transcribe-") as tmp:
        row = asyncio.run(run(Path(tmp)))
    write_result(
        "transcribe_throughput",
        [row],
        f"{FILES} files x {FILE_SECONDS} s through TranscriptionService + Scheduler + RateLimiter against the emulator "
        f"(free plan {MODEL}: ASH 7,200, RPM 20; time_scale {TIME_SCALE:g}). Floor: the limits' best case from "
        "full buckets. Targets: 0 x 429, makespan within 10% of the floor.",
    )


if __name__ == "__main__":
    main()
