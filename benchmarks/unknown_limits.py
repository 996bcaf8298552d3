"""Limits the app has not been told: it must learn each from one refusal and then keep to it.

The emulator advertises no limits (no x-ratelimit-* headers) and enforces true ones the app's
published table does not know: on the preferred chat model RPM 5, TPM 2,500, OTPM 400; on the
preferred speech-to-text model ASH 600. The app is built by composition (its own limiter,
scheduler and client) in a fresh data folder, so its learned-limits file starts empty. Load: 40 chat
requests (every fifth asks for more output than OTPM allows: the app must lower max_tokens to what
fits before sending, never send one to fail) and 10 minutes of audio, in parallel. The same load then
goes through the official SDK (8 threads, max_retries=2) against a fresh emulator.

Targets: at most one 429/413 per dimension per model (the one that teaches it), 0 failed requests,
makespan within 10 % of the floor computed from the true limits.

    python -m benchmarks.unknown_limits [--time-scale 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import groq

from benchmarks.results_file import write_result
from benchmarks.transcribe_throughput import write_speechlike_flac
from groq_desktop.core.api.types import ChatCompletion
from groq_desktop.core.catalogue import ModelKind, shipped_catalogue
from groq_desktop.core.quota.limits import Cost, ModelLimits
from groq_desktop.emulator import EmulatorConfig, EmulatorServer
from groq_desktop.errors import RequestTooLargeError

KEY = "gsk_benchmark_unknown_limits_0123"
CATALOGUE = shipped_catalogue()
CHAT_MODEL = CATALOGUE.preferences[ModelKind.CHAT][0]
AUDIO_MODEL = CATALOGUE.preferences[ModelKind.SPEECH_TO_TEXT][0]
RPM, TPM, OTPM = 5, 2500, 400
ASH, AUDIO_RPM = 600, 20
CHAT_REQUESTS = 40
AUDIO_FILES, AUDIO_FILE_SECONDS = 5, 120  # 10 minutes
SDK_THREADS = 8
WORDS = ["the", "quick", "brown", "fox", "jumps", "over", "a", "lazy", "dog", "while", "groq", "streams", "tokens", "very", "fast", "indeed"]


def make_load(seed: int = 11) -> list[tuple[list[dict[str, str]], int]]:
    rng = random.Random(seed)
    load = []
    for i in range(CHAT_REQUESTS):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(100, 400)))
        # Short replies, so that RPM and TPM bind as well as OTPM.
        prompt = f"Request {i}: {words} [[emulator reply_tokens={rng.randint(20, 70)}]]"
        max_tokens = rng.randint(600, 1000) if i % 5 == 2 else rng.randint(60, 250)
        load.append(([{"role": "user", "content": prompt}], max_tokens))
    return load


def start_emulator(time_scale: float) -> EmulatorServer:
    server = EmulatorServer(
        EmulatorConfig(unknown_limits=True, time_scale=time_scale, tokens_per_second=50_000.0, api_key=KEY)
    ).start()
    server.set_limits(
        CHAT_MODEL,
        ModelLimits.from_mapping({"RPM": RPM, "RPD": 100_000, "TPM": TPM, "TPD": 10_000_000, "OTPM": OTPM}),
    )
    server.set_limits(AUDIO_MODEL, ModelLimits.from_mapping({"RPM": AUDIO_RPM, "RPD": 2000, "ASH": ASH, "ASD": 28800}))
    return server


def simple_floor(requests: int, tokens: int, output: int, billed_audio: float, time_scale: float) -> float:
    """Used amounts over the true limits, every bucket starting full (ignores that Groq checks max_tokens)."""
    minute = 60.0 / time_scale
    chat = max((requests - RPM) / RPM, (tokens - TPM) / TPM, (output - OTPM) / OTPM, 0.0) * minute
    audio = max(billed_audio - ASH, 0.0) / ASH * 60 * minute
    return max(chat, audio)


def replay_floor(sent: list[tuple[int, int, int]], billed_audio: float, time_scale: float) -> float:
    """The best case under the server's own rules, for the requests as sent (prompt, max_tokens, output).

    Groq admits a chat request only when RPM has 1, TPM prompt + max_tokens and OTPM max_tokens, then
    counts the real output: replayed here on refilling buckets starting full, each request answered at
    once, in the order they were sent. No client can finish that sequence earlier.
    """
    minute = 60.0 / time_scale
    rates = {"RPM": RPM / minute, "TPM": TPM / minute, "OTPM": OTPM / minute}
    capacity = {"RPM": float(RPM), "TPM": float(TPM), "OTPM": float(OTPM)}
    level = dict(capacity)
    now = 0.0
    for prompt, max_tokens, output in sent:
        need = {"RPM": 1.0, "TPM": float(prompt + max_tokens), "OTPM": float(max_tokens)}
        wait = max(max(0.0, need[d] - level[d]) / rates[d] for d in need)
        now += wait
        for d in level:
            level[d] = min(capacity[d], level[d] + wait * rates[d]) - need[d]
        level["TPM"] = min(capacity["TPM"], level["TPM"] + max_tokens - output)
        level["OTPM"] = min(capacity["OTPM"], level["OTPM"] + max_tokens - output)
    audio = max(billed_audio - ASH, 0.0) / ASH * 60 * minute
    return max(now, audio)


def audio_files(folder: Path) -> list[Path]:
    source = write_speechlike_flac(folder / "voice.flac", AUDIO_FILE_SECONDS)
    out = []
    for n in range(AUDIO_FILES):
        target = folder / f"voice-{n + 1}.flac"
        shutil.copyfile(source, target)
        out.append(target)
    return out


async def run_ours_async(
    load: list[tuple[list[dict[str, str]], int]], files: list[Path], base_url: str, time_scale: float, home: Path
) -> dict[str, Any]:
    os.environ["GROQ_DESKTOP_HOME"] = str(home)
    from groq_desktop.app.composition import build_services
    from groq_desktop.core.config import load_config
    from groq_desktop.services.transcription import JobPhase, TranscriptionOptions

    services = build_services(
        load_config({"GROQ_API_KEY": KEY, "GROQ_BASE_URL": base_url, "GROQ_TIME_SCALE": str(time_scale)})
    )
    counter = services.token_counter
    adjusted = 0
    chat_failed = 0
    tokens = output = 0
    sent: list[tuple[float, int, int, int]] = []  # (answered at, prompt, max_tokens, output)

    async def one(messages: list[dict[str, str]], max_tokens: int) -> None:
        nonlocal adjusted, chat_failed, tokens, output
        for _attempt in range(3):
            prompt = counter.estimate_prompt_tokens(CHAT_MODEL, messages)

            async def run(_res: object, max_tokens: int = max_tokens) -> ChatCompletion:
                return await asyncio.to_thread(
                    services.client.chat, CHAT_MODEL, messages, max_completion_tokens=max_tokens,
                    include_reasoning=False,
                )

            try:
                handle = services.scheduler.submit(
                    CHAT_MODEL,
                    Cost.chat(prompt, max_tokens),
                    run,
                    usage_of=lambda r: Cost.from_usage(r.usage.prompt_tokens, r.usage.completion_tokens,
                                                       r.usage.cached_tokens) if r.usage else Cost(),
                )
                reply = await handle
            except RequestTooLargeError as exc:
                # What the composer offers: "lower max tokens to N".
                if exc.max_tokens_fit is None:
                    chat_failed += 1
                    return
                adjusted += 1
                max_tokens = exc.max_tokens_fit
                continue
            except Exception:
                chat_failed += 1
                return
            if reply.usage is not None:
                tokens += reply.usage.total_tokens - reply.usage.cached_tokens
                output += reply.usage.completion_tokens
                prompt_used = reply.usage.prompt_tokens - reply.usage.cached_tokens
                sent.append((time.monotonic(), prompt_used, max_tokens, reply.usage.completion_tokens))
            return
        chat_failed += 1

    all_done = asyncio.Event()
    transcription = services.transcription

    def on_event(_event: object) -> None:
        if all(j.phase.finished for j in transcription.jobs()):
            all_done.set()

    transcription.subscribe(on_event)
    started = time.monotonic()
    try:
        chats = asyncio.gather(*(one(m, t) for m, t in load))
        await transcription.add(files, TranscriptionOptions(model=AUDIO_MODEL))
        await chats
        await asyncio.wait_for(all_done.wait(), timeout=600)
        makespan = time.monotonic() - started
        jobs = transcription.jobs()
        audio_failed = sum(j.phase is not JobPhase.DONE for j in jobs)
        billed = sum(
            Cost.audio(c.end - c.start).audio_seconds for j in jobs for c in services.storage.list_chunks(j.id)
        )
        learned = {
            (s.model, s.dimension.value): (s.limit, s.source_text)
            for s in services.limiter.snapshot()
            if s.source == "learned"
        }
    finally:
        await transcription.aclose()
        await services.scheduler.aclose()
        services.close()
    return {
        "makespan": makespan,
        "chat_failed": chat_failed,
        "audio_failed": audio_failed,
        "adjusted": adjusted,
        "tokens": tokens,
        "output": output,
        "billed": billed,
        "learned": learned,
        "sent": [item[1:] for item in sorted(sent)],
    }


def run_ours(load: list[tuple[list[dict[str, str]], int]], files: list[Path], time_scale: float) -> dict[str, Any]:
    server = start_emulator(time_scale)
    home = Path(tempfile.mkdtemp(prefix="bench-unknown-home-"))
    try:
        result = asyncio.run(run_ours_async(load, files, server.base_url, time_scale, home))
    finally:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)
    by_dim = server.stats.refusals
    floor = replay_floor(result["sent"], result["billed"], time_scale)
    simple = simple_floor(CHAT_REQUESTS, result["tokens"], result["output"], result["billed"], time_scale)
    learned = ", ".join(f"{m.split('/')[-1]} {d} {v[0]:,.0f}" for (m, d), v in sorted(result["learned"].items()))
    return {
        "client": "groq-desktop (composition: limiter, scheduler, client)",
        "chat requests": CHAT_REQUESTS,
        "audio files": AUDIO_FILES,
        "failed": result["chat_failed"] + result["audio_failed"],
        "max_tokens lowered before sending": result["adjusted"],
        "429/413 received": sum(by_dim.values()),
        "most per dimension per model": max(by_dim.values(), default=0),
        "refusals by dimension": ", ".join(f"{m.split('/')[-1]} {d}: {n}" for (m, d), n in sorted(by_dim.items())),
        "limits learned": learned,
        "makespan s": round(result["makespan"], 2),
        "floor s (server's rules, as sent)": round(floor, 2),
        "makespan / floor": round(result["makespan"] / floor, 3) if floor else None,
        "used / limits floor s": round(simple, 2),
    }


def run_sdk(load: list[tuple[list[dict[str, str]], int]], files: list[Path], time_scale: float) -> dict[str, Any]:
    server = start_emulator(time_scale)
    sdk = groq.Groq(api_key=KEY, base_url=server.base_url)  # default retries, as users run it
    failures = 0

    def chat(item: tuple[list[dict[str, str]], int]) -> None:
        messages, max_tokens = item
        sdk.chat.completions.create(
            model=CHAT_MODEL, messages=messages, max_completion_tokens=max_tokens, extra_body={"include_reasoning": False}
        )

    def transcribe(path: Path) -> None:
        with path.open("rb") as handle:
            sdk.audio.transcriptions.create(model=AUDIO_MODEL, file=(path.name, handle.read()))

    started = time.monotonic()
    with ThreadPoolExecutor(SDK_THREADS) as pool:
        futures = [pool.submit(chat, item) for item in load] + [pool.submit(transcribe, f) for f in files]
        for future in futures:
            try:
                future.result()
            except groq.APIError:
                failures += 1
    makespan = time.monotonic() - started
    server.stop()
    by_dim = server.stats.refusals
    return {
        "client": f"official groq SDK (max_retries=2, {SDK_THREADS} threads)",
        "chat requests": CHAT_REQUESTS,
        "audio files": AUDIO_FILES,
        "failed": failures,
        "max_tokens lowered before sending": 0,
        "429/413 received": sum(by_dim.values()),
        "most per dimension per model": max(by_dim.values(), default=0),
        "refusals by dimension": ", ".join(f"{m.split('/')[-1]} {d}: {n}" for (m, d), n in sorted(by_dim.items())),
        "limits learned": "",
        "makespan s": round(makespan, 2),
        "floor s (server's rules, as sent)": None,
        "makespan / floor": None,
        "used / limits floor s": None,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--time-scale", type=float, default=10.0)
    args = parser.parse_args()
    load = make_load()
    folder = Path(tempfile.mkdtemp(prefix="bench-unknown-audio-"))
    try:
        files = audio_files(folder)
        rows = [run_ours(load, files, args.time_scale), run_sdk(load, files, args.time_scale)]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    minute = 60 / args.time_scale
    write_result(
        "unknown_limits",
        rows,
        f"Emulator with --unknown-limits (no x-ratelimit-* headers) enforcing limits the app was not told: "
        f"{CHAT_MODEL} RPM {RPM}, TPM {TPM:,}, OTPM {OTPM}; {AUDIO_MODEL} ASH {ASH}, RPM {AUDIO_RPM}. "
        f"Time scale {args.time_scale:g} (a minute lasts {minute:.1f} s). Ours: build_services in a fresh data "
        f"folder (empty learned-limits file), {CHAT_REQUESTS} chat requests (100-400 word prompts, 20-70 token replies "
        f"without reasoning; every fifth asks for 600-1,000 output "
        f"tokens, over OTPM; the others 60-250) plus {AUDIO_FILES} x {AUDIO_FILE_SECONDS} s of audio through the "
        "TranscriptionService, all at once. A RequestTooLargeError's max_tokens_fit is taken as the composer's "
        "'lower max tokens to N'. Floor: the requests as our app sent them (prompt, max_tokens, real output) replayed "
        "on the true limits' buckets, starting full, with Groq's rule that OTPM and TPM must hold max_tokens before "
        "a request is admitted (the real output is counted after); 'used / limits floor' ignores that rule "
        "(tokens used / TPM, output / OTPM, requests / RPM) and is below what any client can reach. "
        "Targets: at most one 429/413 per dimension per model, 0 failed, makespan within 10 % of the floor.",
    )


if __name__ == "__main__":
    main()
