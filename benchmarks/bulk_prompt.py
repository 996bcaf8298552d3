"""Bulk prompt: 2,000 rows through the Bulk service, live under the free plan's limits and as a
batch, against the emulator.

Live: the rows go through the one scheduler at background priority while a foreground chat is sent
every second; reported: 429s, makespan against the floor (the free plan's limits, buckets starting
full: 2,000 rows are over the free plan's 1,000 requests a day, so the day is what binds), and the
chat's latency during the run against its idle latency. Batch: JSONL built, uploaded and the batch
created; results downloaded and merged; cost against the live price.

    python -m benchmarks.bulk_prompt [--rows 2000] [--time-scale 1440]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from typing import Any

from benchmarks.results_file import write_result
from groq_desktop.app.composition import Services, build_services
from groq_desktop.core.bulk.inputs import BulkInput
from groq_desktop.core.catalogue import ModelKind, shipped_catalogue
from groq_desktop.core.config import load_config
from groq_desktop.core.quota.limits import Cost, Dimension
from groq_desktop.core.quota.scheduler import Priority
from groq_desktop.core.store.bulk_records import BulkJobRecord
from groq_desktop.emulator import EmulatorConfig, EmulatorServer
from groq_desktop.services.bulk import PollPolicy

KEY = "gsk_benchmark_key_0123456789"
MAX_TOKENS = 60
WORDS = ["printer", "refund", "invoice", "login", "password", "crash", "slow", "update", "screen", "billing", "account", "access", "error", "network", "vpn", "broken", "charge", "twice", "upgrade", "plan", "cancel", "export", "data", "mobile", "app", "sync"]


def make_rows(n: int, seed: int = 11) -> list[BulkInput]:
    rng = random.Random(seed)
    return [BulkInput(f"row-{i}", {"text": " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 40)))})
            for i in range(n)]


def chat_model() -> str:
    catalogue = shipped_catalogue()
    return catalogue.preferred(ModelKind.CHAT, catalogue.models) or ""


def job() -> BulkJobRecord:
    return BulkJobRecord(model=chat_model(), template="Classify this support ticket in one word:\n\n{{text}}",
                         system_prompt="You are a support triager.", name="benchmark",
                         params={"max_completion_tokens": MAX_TOKENS, "include_reasoning": False})


def build(server: EmulatorServer, plan: str, time_scale: float) -> Services:
    return build_services(load_config({"GROQ_API_KEY": KEY, "GROQ_BASE_URL": server.base_url, "GROQ_PLAN": plan,
                                       "GROQ_TIME_SCALE": str(time_scale), "GROQ_MAX_RETRIES": "0"}))


async def _chat_latency(services: Services, text: str) -> float:
    model = chat_model()
    messages = [{"role": "system", "content": "You are a support triager."}, {"role": "user", "content": text}]
    estimate = services.token_counter.estimate_prompt_tokens(model, messages) + MAX_TOKENS
    started = time.perf_counter()
    handle = services.scheduler.submit(
        model, Cost(tokens=estimate),
        lambda _r: asyncio.to_thread(services.client.chat, model, messages, max_completion_tokens=MAX_TOKENS,
                                     include_reasoning=False),
        priority=Priority.INTERACTIVE, kind="chat", label="foreground chat",
        usage_of=lambda r: Cost(tokens=r.usage.billable_tokens) if r.usage else Cost(tokens=estimate))
    await handle
    return time.perf_counter() - started


def run_live(rows: list[BulkInput], time_scale: float) -> dict[str, Any]:
    server = EmulatorServer(EmulatorConfig(plan="free", time_scale=time_scale, tokens_per_second=50_000.0)).start()
    services = build(server, "free", time_scale)
    model = chat_model()
    chat_text = rows[0].fields["text"]

    async def main() -> dict[str, Any]:
        idle = [await _chat_latency(services, chat_text) for _ in range(6)][1:]  # the first warms the pool
        record = services.bulk.create_job(job(), rows)
        busy: list[float] = []
        started = time.perf_counter()
        services.bulk.start_live(record.id)
        runner = services.bulk._live[record.id].task
        assert runner is not None
        while not runner.done():
            await asyncio.sleep(1.0)
            if not runner.done():
                busy.append(await _chat_latency(services, chat_text))
        await runner
        makespan = time.perf_counter() - started
        progress = services.bulk.progress(record.id).rows
        await services.scheduler.aclose()
        return {"idle": idle, "busy": busy, "makespan": makespan, "progress": progress}

    try:
        out = asyncio.run(main())
    finally:
        services.close()
        server.stop()
    progress = out["progress"]
    chats = len(out["idle"]) + 1 + len(out["busy"])
    requests = len(rows) + chats
    chat_tokens = chats * (progress.prompt_tokens + progress.completion_tokens) / max(1, len(rows))
    tokens = progress.prompt_tokens + progress.completion_tokens + chat_tokens
    limits = {s.dimension: s.limit for s in services.limiter.snapshot(model)}
    floor, binding, one_request = 0.0, "", 0.0
    for dimension, used in ((Dimension.RPM, requests), (Dimension.RPD, requests), (Dimension.TPM, tokens),
                            (Dimension.TPD, tokens)):
        limit = limits.get(dimension)
        if not limit:
            continue
        seconds = max(0.0, used - limit) / limit * dimension.window_seconds / time_scale
        per_request = (1 if dimension in (Dimension.RPM, Dimension.RPD) else tokens / requests)
        one_request = max(one_request, per_request / limit * dimension.window_seconds / time_scale)
        if seconds > floor:
            floor, binding = seconds, dimension.value
    idle_ms = statistics.median(out["idle"]) * 1000
    busy = out["busy"]
    allowance_ms = idle_ms + one_request * 1000  # one more request: its service time and its quota slot
    return {
        "path": "live (scheduler, background priority)", "rows": len(rows), "done": progress.count("done"),
        "failed": progress.count("failed"), "429s": server.stats.count(429),
        "makespan s": round(out["makespan"], 2), "floor s": round(floor, 2), "binding limit": binding,
        "makespan / floor": round(out["makespan"] / floor, 3) if floor else None,
        "chat idle ms (median)": round(idle_ms, 1),
        "chat during ms (median / max)": f"{statistics.median(busy) * 1000:.1f} / {max(busy) * 1000:.1f}" if busy else "",
        "chat bound ms (idle + one request)": round(idle_ms + allowance_ms, 1),
        "chat within bound": bool(busy) and max(busy) * 1000 <= idle_ms + allowance_ms,
        "JSONL build + upload s": None, "merge s": None,
        "cost $": round(progress.cost, 5), "cost vs live": 1.0,
    }


def run_batch(rows: list[BulkInput], time_scale: float) -> dict[str, Any]:
    server = EmulatorServer(EmulatorConfig(plan="developer", time_scale=time_scale, tokens_per_second=50_000.0)).start()
    services = build(server, "developer", time_scale)
    services.bulk.poll = PollPolicy(first=0.2, factor=1.5, maximum=1.0)

    async def main() -> dict[str, Any]:
        record = services.bulk.create_job(job(), rows)
        started = time.perf_counter()
        await services.bulk.submit_batch(record.id)
        submitted = time.perf_counter() - started
        await services.bulk.wait(record.id)
        makespan = time.perf_counter() - started
        return {"job": record.id, "submitted": submitted, "makespan": makespan}

    try:
        out = asyncio.run(main())
        progress = services.bulk.progress(out["job"]).rows
        stored = services.storage.bulk_rows(out["job"])
        live_price = sum(services.bulk._cost(job().model, r.prompt_tokens, r.completion_tokens, 1.0)
                         for r in stored)
        merge_seconds = services.bulk.last_merge_seconds
    finally:
        services.close()
        server.stop()
    return {
        "path": "batch (Batch API, 24h window)", "rows": len(rows), "done": progress.count("done"),
        "failed": progress.count("failed"), "429s": server.stats.count(429),
        "makespan s": round(out["makespan"], 2), "floor s": None, "binding limit": "batch window",
        "makespan / floor": None, "chat idle ms (median)": None, "chat during ms (median / max)": "",
        "chat bound ms (idle + one request)": None, "chat within bound": None,
        "JSONL build + upload s": round(out["submitted"], 3), "merge s": round(merge_seconds, 3),
        "cost $": round(progress.cost, 5), "cost vs live": round(progress.cost / live_price, 3) if live_price else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--time-scale", type=float, default=1440.0)
    args = parser.parse_args()
    os.environ["GROQ_DESKTOP_HOME"] = tempfile.mkdtemp(prefix="groq-bulk-benchmark-")
    rows = make_rows(args.rows)
    results = [run_live(rows, args.time_scale), run_batch(rows, args.time_scale)]
    write_result(
        "bulk_prompt", results,
        f"{args.rows} rows ({chat_model()}, max {MAX_TOKENS} tokens) through BulkService against the emulator; time "
        f"scale {args.time_scale:g} (a day lasts {86400 / args.time_scale:.0f} s). Live: free-plan limits, a foreground "
        "chat at interactive priority every second during the run; the floor is the limits' best case with buckets "
        "starting full (2,000 rows are over the free plan's 1,000 requests a day). Batch: developer plan; build + "
        "upload = JSONL written, split, uploaded and the batch created; merge = output downloaded, merged by "
        "custom_id and saved to SQLite; cost vs live = the same tokens at the live price.",
    )


if __name__ == "__main__":
    main()
