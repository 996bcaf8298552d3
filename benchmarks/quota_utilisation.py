"""Quota utilisation: 200 mixed chat requests at once against tight limits, ours vs the official SDK.

Both run against the same kind of emulator (TPM 6,000, RPM 30, a minute lasting 60/TIME_SCALE s),
with the same concurrency. Reported: 429s received, failures, makespan against the floor.

    python -m benchmarks.quota_utilisation [--requests 200] [--time-scale 20]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import groq

from benchmarks.results_file import write_result
from groq_desktop.core.api.client import GroqApiClient
from groq_desktop.core.api.types import ChatCompletion
from groq_desktop.core.config import ClientConfig
from groq_desktop.core.quota.limits import Cost, LimitTable, ModelLimits
from groq_desktop.core.quota.rate_limiter import RateLimiter
from groq_desktop.core.quota.scheduler import Priority, Scheduler
from groq_desktop.core.secrets import Secret
from groq_desktop.core.token_counter import TokenCounter
from groq_desktop.emulator import EmulatorConfig, EmulatorServer

MODEL = "openai/gpt-oss-20b"
KEY = "gsk_benchmark_key_0123456789"
TPM, RPM = 6000, 30
CONCURRENCY = 8
WORDS = ["the", "quick", "brown", "fox", "jumps", "over", "a", "lazy", "dog", "while", "groq", "streams", "tokens", "very", "fast", "indeed"]


def make_load(n: int, seed: int = 7) -> list[tuple[list[dict[str, str]], int]]:
    rng = random.Random(seed)
    load = []
    for i in range(n):
        words = rng.randint(20, 500)
        prompt = f"Request {i}: " + " ".join(rng.choice(WORDS) for _ in range(words))
        load.append(([{"role": "user", "content": prompt}], rng.randint(40, 300)))
    return load


def start_emulator(time_scale: float) -> EmulatorServer:
    table = LimitTable.load()
    table.set_limits(MODEL, ModelLimits.from_mapping({"RPM": RPM, "RPD": 14400, "TPM": TPM, "TPD": 10_000_000}))
    config = EmulatorConfig(limits=table, time_scale=time_scale, tokens_per_second=50_000.0)
    return EmulatorServer(config).start()


def run_ours(load: list[tuple[list[dict[str, str]], int]], time_scale: float) -> dict[str, Any]:
    server = start_emulator(time_scale)
    table = LimitTable.load()
    table.set_limits(MODEL, ModelLimits.from_mapping({"RPM": RPM, "RPD": 14400, "TPM": TPM, "TPD": 10_000_000}))
    limiter = RateLimiter(table, time_scale=time_scale)
    counter = TokenCounter()
    client = GroqApiClient(
        ClientConfig(api_key=Secret(KEY), base_url=server.base_url),
        on_rate_limits=limiter.observe_headers,
    )

    async def main() -> tuple[float, int, int]:
        scheduler = Scheduler(limiter, per_model_concurrency=CONCURRENCY)
        started = time.perf_counter()
        handles = []
        for messages, max_tokens in load:
            estimate = counter.estimate_prompt_tokens(MODEL, messages) + max_tokens

            async def run(_res: object, messages: list = messages, max_tokens: int = max_tokens) -> ChatCompletion:
                return await asyncio.to_thread(client.chat, MODEL, messages, max_completion_tokens=max_tokens)

            handles.append(
                scheduler.submit(
                    MODEL,
                    Cost(tokens=estimate),
                    run,
                    priority=Priority.NORMAL,
                    usage_of=lambda r: Cost(tokens=r.usage.total_tokens if r.usage else 0),
                )
            )
        results = await asyncio.gather(*handles, return_exceptions=True)
        makespan = time.perf_counter() - started
        failures = sum(isinstance(r, BaseException) for r in results)
        tokens = sum(r.usage.total_tokens for r in results if isinstance(r, ChatCompletion) and r.usage)
        await scheduler.aclose()
        return makespan, failures, tokens

    try:
        makespan, failures, tokens = asyncio.run(main())
        return _row("groq-desktop scheduler", server, makespan, failures, tokens, len(load), time_scale)
    finally:
        client.close()
        server.stop()


def run_sdk(load: list[tuple[list[dict[str, str]], int]], time_scale: float) -> dict[str, Any]:
    server = start_emulator(time_scale)
    sdk = groq.Groq(api_key=KEY, base_url=server.base_url)  # default retries, as users run it
    tokens_seen: list[int] = []

    def one(item: tuple[list[dict[str, str]], int]) -> None:
        messages, max_tokens = item
        reply = sdk.chat.completions.create(model=MODEL, messages=messages, max_completion_tokens=max_tokens)
        tokens_seen.append(reply.usage.total_tokens if reply.usage else 0)

    started = time.perf_counter()
    failures = 0
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        for future in [pool.submit(one, item) for item in load]:
            try:
                future.result()
            except groq.APIError:
                failures += 1
    makespan = time.perf_counter() - started
    try:
        return _row("official groq SDK (max_retries=2)", server, makespan, failures, sum(tokens_seen), len(load), time_scale)
    finally:
        server.stop()


def _row(
    name: str, server: EmulatorServer, makespan: float, failures: int, tokens: int, requests: int, time_scale: float
) -> dict[str, Any]:
    minute = 60.0 / time_scale
    floor_simple = max(tokens / TPM, requests / RPM) * minute
    # Both buckets start full: the first minute's worth is free.
    floor_full = max((tokens - TPM) / TPM, (requests - RPM) / RPM, 0) * minute
    return {
        "client": name,
        "requests": requests,
        "failed": failures,
        "429s received": server.stats.count(429),
        "tokens used": tokens,
        "makespan s": round(makespan, 2),
        "floor s (tokens/TPM, req/RPM)": round(floor_simple, 2),
        "floor s (buckets start full)": round(floor_full, 2),
        "makespan / floor": round(makespan / floor_simple, 3),
        "makespan / full-bucket floor": round(makespan / floor_full, 3) if floor_full else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--time-scale", type=float, default=20.0)
    args = parser.parse_args()
    load = make_load(args.requests)
    rows = [run_ours(load, args.time_scale), run_sdk(load, args.time_scale)]
    write_result(
        "quota_utilisation",
        rows,
        f"{args.requests} chat requests (20-500 word prompts, 40-300 max tokens) submitted at once; emulator limits "
        f"TPM {TPM:,}, RPM {RPM}; time scale {args.time_scale:g} (a minute lasts {60 / args.time_scale:.1f} s); "
        f"concurrency {CONCURRENCY} for both.",
    )


if __name__ == "__main__":
    main()
