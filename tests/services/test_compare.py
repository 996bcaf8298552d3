"""Compare models: one prompt to three models through the one scheduler, under tight limits, 0 x 429."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from groq_desktop.app.composition import build_services
from groq_desktop.core.config import load_config
from groq_desktop.core.quota.limits import ModelLimits
from groq_desktop.core.quota.scheduler import JobState
from groq_desktop.services.chat import ChatService
from groq_desktop.services.compare import CompareEvent, CompareRun
from tests.conftest import TEST_KEY
from tests.services.test_chat_service import run as run_on_own_loop

MODELS = ["openai/gpt-oss-20b", "openai/gpt-oss-120b", "qwen/qwen3.8-27b"]
TIGHT = {"RPM": 1, "TPM": 2500}
PROMPT = "[[emulator reply_tokens=150]] Which is faster?"


def test_compare_three_models_under_tight_limits_with_no_429(
    emulator_factory: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    emulator = emulator_factory(time_scale=60.0, tokens_per_second=5000.0, reasoning=False)
    monkeypatch.setenv("GROQ_DESKTOP_HOME", str(tmp_path / "home"))
    services = build_services(load_config(
        {"GROQ_API_KEY": TEST_KEY, "GROQ_BASE_URL": emulator.base_url, "GROQ_TIME_SCALE": "60"}))
    try:
        services.registry.refresh(force=True)
        chat = ChatService.from_services(services)
        # The emulator loads each tokenizer on its first request (seconds), admitting that request late:
        # warm it first so the tight limits below measure our scheduling, not a cold server.
        def tighten() -> None:
            for model in MODELS:
                limits = ModelLimits.from_mapping(TIGHT)
                services.limiter.set_limits(model, limits)
                emulator.set_limits(model, limits)
        conversation = chat.create_conversation(MODELS[0])
        events: list[CompareEvent] = []
        waited: list[tuple[str, str]] = []
        services.scheduler.subscribe(lambda info: waited.append((info.model, info.wait.dimension.value))
                                     if info.state is JobState.WAITING and info.wait is not None else None)

        async def scenario() -> list[CompareRun]:
            await _start_and_wait(CompareRun(chat, None, "hi", MODELS, lambda _e: None))
            tighten()
            runs = []
            for _ in range(2):  # two rounds: each model's RPM makes the second one wait for it
                run = CompareRun(chat, conversation.id, PROMPT, MODELS, events.append)
                run.start()
                await run.finished()
                runs.append(run)
            return runs

        runs: list[CompareRun] = []

        async def collect() -> None:
            runs.extend(await scenario())

        run_on_own_loop(services, collect)
        assert emulator.stats.rate_limited == 0, emulator.stats.refusals
        assert {model for model, dimension in waited if dimension == "RPM"} == set(MODELS)  # the limits bit
        for run in runs:
            assert not run.errors and sorted(run.results) == sorted(MODELS)
            for model, result in run.results.items():
                facts = result.facts
                assert result.content and facts["completion_tokens"] == 150
                assert facts["ttft"] is not None and facts["tokens_per_second"] > 0
                assert facts["prompt_tokens"] > 0 and facts["cached_tokens"] is not None
                assert facts["cost"] is not None and facts["cost"] > 0
                streamed = "".join(e.text for e in events if e.model == model and e.kind == "delta")
                assert result.content in streamed or streamed.endswith(result.content)
        # Pick one: the prompt and that reply become the conversation's next turn.
        user, reply = runs[-1].keep(MODELS[2])
        history = services.storage.list_messages(conversation.id)
        assert [(m.role, m.model) for m in history] == [("user", None), ("assistant", MODELS[2])]
        assert history[1].content == runs[-1].results[MODELS[2]].content and user.content == PROMPT
        assert reply.facts["compared_with"] == MODELS[:2]
    finally:
        services.close()


async def _start_and_wait(run: CompareRun) -> None:
    run.start()
    await run.finished()
