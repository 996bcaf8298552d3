"""The composition root: demo mode on the built-in emulator, and a request's trail (log + usage)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from groq_desktop.app.composition import build_services
from groq_desktop.core.config import load_config
from groq_desktop.core.quota.limits import Cost, ModelLimits
from groq_desktop.core.quota.scheduler import Priority
from tests.conftest import TEST_KEY

MODEL = "openai/gpt-oss-20b"


def test_demo_mode_runs_on_the_built_in_emulator() -> None:
    services = build_services(load_config({}))
    try:
        assert services.demo and services.emulator is not None
        assert services.client.config.base_url == services.emulator.base_url
        assert services.client.chat(MODEL, [{"role": "user", "content": "hi"}]).content
        assert {m.id for m in services.registry.refresh(force=True)} >= {MODEL, "whisper-large-v3"}
        assert services.limiter.snapshot(MODEL), "the reply's headers reached the limiter"
        assert services.storage.usage_since(0)[0].model == MODEL
    finally:
        services.close()


def test_a_request_that_waited_logs_why(emulator: Any, caplog: pytest.LogCaptureFixture) -> None:
    services = build_services(load_config({"GROQ_API_KEY": TEST_KEY, "GROQ_BASE_URL": emulator.base_url, "GROQ_TIME_SCALE": "60"}))
    tight = ModelLimits.from_mapping({"RPM": 1, "RPD": 1000, "TPM": 100000, "TPD": 1000000})
    emulator.set_limits(MODEL, tight)
    services.limiter.set_limits(MODEL, tight)
    caplog.set_level(logging.INFO, logger="groq_desktop")

    async def two_requests() -> None:
        async def run(_reservation: object) -> object:
            return await asyncio.to_thread(services.client.chat, MODEL, [{"role": "user", "content": "hi"}])

        first = services.scheduler.submit(MODEL, Cost(tokens=50), run, priority=Priority.INTERACTIVE)
        second = services.scheduler.submit(MODEL, Cost(tokens=50), run, priority=Priority.INTERACTIVE)
        await asyncio.gather(first, second)
        await services.scheduler.aclose()

    try:
        asyncio.run(two_requests())
        usage = services.storage.usage_since(0)
        assert [u.status for u in usage] == [200, 200]
        assert usage[1].wait_seconds > 0.5 and usage[0].wait_seconds < 0.1
        lines = [r.getMessage() for r in caplog.records if "status=200" in r.getMessage()]
        assert len(lines) == 2 and "RPM" in lines[1]
        assert emulator.stats.count(429) == 0
    finally:
        services.close()


def test_deleted_conversations_are_purged_at_the_next_start() -> None:
    services = build_services(load_config({}))
    kept = services.storage.create_conversation("kept", MODEL)
    gone = services.storage.create_conversation("gone", MODEL)
    services.storage.delete_conversation(gone.id)
    assert gone.id in {c.id for c in services.storage.list_conversations(include_deleted=True)}
    services.close()
    restarted = build_services(load_config({}))
    try:
        ids = {c.id for c in restarted.storage.list_conversations(include_deleted=True)}
        assert kept.id in ids and gone.id not in ids
    finally:
        restarted.close()
