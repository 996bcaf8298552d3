"""The app as built by composition against a server that advertises no limits: it learns each one
from a single refusal, keeps it, and after the wait resumes at the steady rate (no burst)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from groq_desktop.app.composition import build_services
from groq_desktop.core import paths
from groq_desktop.core.config import load_config
from groq_desktop.core.quota.limits import Cost, Dimension, ModelLimits
from tests.conftest import TEST_KEY

MODEL = "openai/gpt-oss-20b"


def test_a_new_user_against_rpm_5_gets_exactly_one_429_and_the_limit_is_kept(emulator_factory: Any) -> None:
    # A minute lasts 5 s, so RPM 5 frees one slot a second: Groq's integer retry-after is then exact.
    emulator = emulator_factory(unknown_limits=True, time_scale=12.0, tokens_per_second=50000.0)
    emulator.set_limits(MODEL, ModelLimits.from_mapping({"RPM": 5, "RPD": 1000, "TPM": 100000}))
    env = {"GROQ_API_KEY": TEST_KEY, "GROQ_BASE_URL": emulator.base_url, "GROQ_TIME_SCALE": "12"}
    services = build_services(load_config(env))

    async def seven_requests() -> None:
        async def run(_reservation: object) -> object:
            return await asyncio.to_thread(
                services.client.chat, MODEL, [{"role": "user", "content": "hi"}], max_completion_tokens=50
            )

        handles = [services.scheduler.submit(MODEL, Cost.chat(20, 50), run) for _ in range(7)]
        await asyncio.gather(*handles)
        await services.scheduler.aclose()

    try:
        asyncio.run(asyncio.wait_for(seven_requests(), 30))
        assert emulator.stats.count(200) == 7
        assert emulator.stats.count(429) == 1  # before: a second 429 when two queued requests left at once
        rpm = next(s for s in services.limiter.snapshot(MODEL) if s.dimension is Dimension.RPM)
        assert rpm.limit == 5 and rpm.source_text.startswith("learned from the server on ")
    finally:
        services.close()
    stored = json.loads((paths.limits_path().parent / "learned-limits.json").read_text())
    (account,) = stored["accounts"].values()
    assert account["models"][MODEL]["RPM"]["limit"] == 5
    # The next start knows it before sending anything.
    again = build_services(load_config(env))
    try:
        assert {s.dimension: s.limit for s in again.limiter.snapshot(MODEL)}[Dimension.RPM] == 5
    finally:
        again.close()
