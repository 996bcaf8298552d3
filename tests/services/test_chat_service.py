"""ChatService against the emulator, without widgets: send, stop, errors, retry, edit, regenerate, context."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from groq_desktop.app.composition import Services, build_services
from groq_desktop.core.config import load_config
from groq_desktop.core.quota.limits import Cost
from groq_desktop.core.quota.scheduler import JobState
from groq_desktop.core.store.storage import MessageStatus
from groq_desktop.errors import AuthenticationError, NotFoundError, StreamError
from groq_desktop.services.chat import (
    ChatEvent,
    ChatService,
    ContextWindowError,
    request_params,
    supported_params,
)
from groq_desktop.services.reply_budget import INITIAL_REPLY_ESTIMATE
from tests.conftest import TEST_KEY

MODEL = "openai/gpt-oss-20b"
LONG = "[[emulator reply_tokens=5000]] Tell me everything."


class Recorder:
    """Collects a reply's events; ``first_delta`` fires when text starts to arrive."""

    def __init__(self) -> None:
        self.events: list[ChatEvent] = []
        self.first_delta = asyncio.Event()

    def __call__(self, event: ChatEvent) -> None:
        self.events.append(event)
        if event.kind == "delta":
            self.first_delta.set()

    @property
    def kinds(self) -> list[str]:
        return [e.kind for e in self.events]

    @property
    def text(self) -> str:
        return "".join(e.content_delta for e in self.events)

    def last(self) -> ChatEvent:
        return self.events[-1]


def _services(base_url: str, home: Path, monkeypatch: pytest.MonkeyPatch, key: str = TEST_KEY) -> Services:
    monkeypatch.setenv("GROQ_DESKTOP_HOME", str(home))
    services = build_services(load_config({"GROQ_API_KEY": key, "GROQ_BASE_URL": base_url}))
    if key == TEST_KEY:
        services.registry.refresh(force=True)
    return services


@pytest.fixture
def make_chat(
    emulator_factory: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., tuple[ChatService, Services, Any]]]:
    built: list[Services] = []

    def make(key: str = TEST_KEY, **emulator_config: Any) -> tuple[ChatService, Services, Any]:
        config = {"time_scale": 60.0, "tokens_per_second": 5000.0, "reasoning": False, **emulator_config}
        emulator = emulator_factory(**config)
        services = _services(emulator.base_url, tmp_path / f"home{len(built)}", monkeypatch, key)
        built.append(services)
        return ChatService.from_services(services), services, emulator

    yield make
    for services in built:
        services.close()


def run(services: Services, scenario: Callable[[], Awaitable[None]]) -> None:
    """Run on a fresh loop in its own thread: the session's qasync loop may own this thread's loop."""

    async def main() -> None:
        try:
            await asyncio.wait_for(scenario(), timeout=30)
        finally:
            await services.scheduler.aclose()

    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, main()).result(timeout=60)


def test_send_streams_a_reply_saves_it_with_facts_and_sends_the_reply_budget(make_chat) -> None:
    chat, services, _ = make_chat()
    conversation = chat.create_conversation(MODEL)
    sent: list[dict[str, Any]] = []
    real_stream = services.client.stream_chat

    def spy(model: str, messages: Any, **params: Any) -> Any:
        sent.append({"messages": messages, **params})
        return real_stream(model, messages, **params)

    services.client.stream_chat = spy  # type: ignore[method-assign]
    recorder = Recorder()
    saw_user_first: list[bool] = []

    def on_event(event: ChatEvent) -> None:
        if event.kind == "started":
            saw_user_first.append(chat.storage.list_messages(conversation.id)[0].content == "Hello there")
        recorder(event)

    async def scenario() -> None:
        reply_id = await chat.send(conversation.id, "Hello there", on_event)
        await chat.wait_finished(reply_id)

    run(services, scenario)
    messages = chat.storage.list_messages(conversation.id)
    assert [m.role for m in messages] == ["user", "assistant"]
    reply = messages[1]
    assert reply.status == MessageStatus.COMPLETE
    assert reply.content and reply.content == recorder.text
    assert recorder.kinds[0] == "started" and recorder.kinds[-1] == "done"
    assert saw_user_first == [True]
    facts = reply.facts
    assert facts["model"] == MODEL
    assert facts["prompt_tokens"] > 0 and facts["completion_tokens"] > 0
    assert facts["request_id"] and facts["tokens_per_second"] > 0 and facts["ttft"] is not None
    # "Default" with no output budget known (the free plan publishes no OTPM): no max_completion_tokens is
    # sent, so Groq's own limit for the model applies, never a silent 1,024.
    prompt = chat.token_counter.estimate_prompt_tokens(MODEL, sent[0]["messages"])
    assert "max_completion_tokens" not in sent[0] and "max_tokens" not in sent[0]
    assert "reasoning_effort" not in sent[0]
    assert chat.storage.get_conversation(conversation.id).title == "Hello there"
    # The quota holds a realistic estimate for a reply left open, not the whole budget.
    job = next(j for j in services.scheduler.jobs() if j.kind == "chat")
    assert job.cost.tokens == prompt + INITIAL_REPLY_ESTIMATE


def test_stop_mid_stream_keeps_the_partial_reply(make_chat) -> None:
    chat, services, _ = make_chat(tokens_per_second=400.0)
    conversation = chat.create_conversation(MODEL)
    chat.update_settings(conversation.id, params={"max_completion_tokens": 5000})
    recorder = Recorder()

    async def scenario() -> None:
        reply_id = await chat.send(conversation.id, LONG, recorder)
        await recorder.first_delta.wait()
        assert chat.stop(reply_id)
        await chat.wait_finished(reply_id)

    run(services, scenario)
    reply = chat.storage.list_messages(conversation.id)[1]
    assert reply.status == MessageStatus.STOPPED
    assert reply.content and reply.content == recorder.text
    assert len(reply.content.split()) < 4000
    assert recorder.kinds[-1] == "stopped"
    job = next(j for j in services.scheduler.jobs() if j.kind == "chat")
    assert job.state is JobState.CANCELLED


def test_a_job_cancelled_from_the_queue_monitor_ends_as_stopped(make_chat) -> None:
    chat, services, _ = make_chat(tokens_per_second=400.0)
    conversation = chat.create_conversation(MODEL)
    chat.update_settings(conversation.id, params={"max_completion_tokens": 5000})
    recorder = Recorder()

    async def scenario() -> None:
        reply_id = await chat.send(conversation.id, LONG, recorder)
        await recorder.first_delta.wait()
        running = [j for j in services.scheduler.jobs() if j.state is JobState.RUNNING]
        assert services.scheduler.cancel(running[0].id)
        await chat.wait_finished(reply_id)

    run(services, scenario)
    reply = chat.storage.list_messages(conversation.id)[1]
    assert reply.status == MessageStatus.STOPPED and reply.content == recorder.text != ""


def test_a_cut_stream_is_an_error_that_keeps_the_text_and_retry_replaces_it(make_chat) -> None:
    chat, services, emulator = make_chat()
    conversation = chat.create_conversation(MODEL)
    emulator.inject("CUT")
    first, second = Recorder(), Recorder()

    async def scenario() -> None:
        reply_id = await chat.send(conversation.id, "[[emulator reply_tokens=300]] Hi", first)
        await chat.wait_finished(reply_id)
        cut = chat.storage.get_message(reply_id)
        assert cut.status == MessageStatus.ERROR and cut.content == first.text
        assert isinstance(first.last().error, StreamError)
        assert "text so far is kept" in cut.error
        assert await chat.retry(reply_id, second) == reply_id
        await chat.wait_finished(reply_id)

    run(services, scenario)
    messages = chat.storage.list_messages(conversation.id)
    assert len(messages) == 2
    assert messages[1].status == MessageStatus.COMPLETE and messages[1].content == second.text
    assert messages[1].error in (None, "")


def test_a_refused_key_and_an_unknown_model_become_error_replies(make_chat) -> None:
    chat, services, _ = make_chat(key="gsk_wrong_key_0000", api_key=TEST_KEY)
    recorder = Recorder()
    conversation = chat.create_conversation(MODEL)

    async def scenario() -> None:
        await chat.wait_finished(await chat.send(conversation.id, "Hi", recorder))

    run(services, scenario)
    reply = chat.storage.list_messages(conversation.id)[1]
    assert reply.status == MessageStatus.ERROR and "API key" in reply.error
    assert isinstance(recorder.last().error, AuthenticationError)

    chat2, services2, _ = make_chat()
    missing = chat2.create_conversation("no-such-model-v9")
    recorder2 = Recorder()

    async def scenario2() -> None:
        await chat2.wait_finished(await chat2.send(missing.id, "Hi", recorder2))

    run(services2, scenario2)
    assert isinstance(recorder2.last().error, NotFoundError)
    assert chat2.storage.list_messages(missing.id)[1].status == MessageStatus.ERROR


def test_regenerate_replaces_the_last_reply_and_edit_drops_later_turns(make_chat) -> None:
    chat, services, _ = make_chat()
    conversation = chat.create_conversation(MODEL)

    async def scenario() -> None:
        first = await chat.send(conversation.id, "First question", Recorder())
        await chat.wait_finished(first)
        second = await chat.send(conversation.id, "Second question", Recorder())
        await chat.wait_finished(second)
        regen = Recorder()
        assert await chat.regenerate(conversation.id, regen) == second
        await chat.wait_finished(second)
        assert regen.kinds[-1] == "done"
        assert len(chat.storage.list_messages(conversation.id)) == 4
        user_first = chat.storage.list_messages(conversation.id)[0]
        new_reply = await chat.edit_and_resend(user_first.id, "Edited question", Recorder())
        await chat.wait_finished(new_reply)

    run(services, scenario)
    messages = chat.storage.list_messages(conversation.id)
    assert [(m.role, m.status) for m in messages] == [("user", "complete"), ("assistant", "complete")]
    assert messages[0].content == "Edited question"


def test_a_request_held_by_the_limiter_reports_waiting_then_completes(make_chat) -> None:
    chat, services, _ = make_chat()
    conversation = chat.create_conversation(MODEL)
    chat.update_settings(conversation.id, params={"max_completion_tokens": 100})
    recorder = Recorder()

    async def scenario() -> None:
        # Leave 30 tokens of the 6,000 TPM: at 100 tokens/s the reply waits about a second.
        snapshot = {s.dimension.value: s for s in services.limiter.snapshot(MODEL)}
        services.limiter.try_reserve(MODEL, Cost(requests=0, tokens=snapshot["TPM"].remaining - 30))
        reply_id = await chat.send(conversation.id, "Hi", recorder)
        await chat.wait_finished(reply_id)

    run(services, scenario)
    assert recorder.kinds[0] == "waiting"
    wait = recorder.events[0].wait
    assert wait is not None and wait.dimension.value == "TPM" and wait.wait_seconds > 0
    assert recorder.kinds[-1] == "done"
    assert chat.storage.list_messages(conversation.id)[1].status == MessageStatus.COMPLETE


def test_context_usage_dropping_turns_and_too_long_requests(make_chat) -> None:
    chat, services, _ = make_chat()
    conversation = chat.create_conversation(MODEL, "Long")
    for i in range(6):
        chat.storage.add_message(conversation.id, "user", f"question {i} " + "word " * 60)
        chat.storage.add_message(conversation.id, "assistant", f"answer {i} " + "word " * 60)
    tokens, window = chat.context_usage(conversation.id, "draft text", MODEL)
    assert window == 131072 and tokens > 6 * 120
    chat.context_window = lambda model: 400  # type: ignore[method-assign]
    needed = chat.turns_to_drop(conversation.id, "draft text", MODEL)
    assert 0 < needed < 6
    assert chat.drop_oldest_turns(conversation.id, needed) == needed
    smaller, _ = chat.context_usage(conversation.id, "draft text", MODEL)
    assert smaller < tokens and chat.turns_to_drop(conversation.id, "draft text", MODEL) == 0
    assert len(chat.storage.list_messages(conversation.id)) == 12  # the history itself stays

    chat.include_all_turns(conversation.id)
    recorder = Recorder()

    async def scenario() -> None:
        await chat.wait_finished(await chat.send(conversation.id, "One more", recorder))

    run(services, scenario)
    assert isinstance(recorder.last().error, ContextWindowError)
    assert chat.storage.list_messages(conversation.id)[-1].status == MessageStatus.ERROR


def test_only_the_recent_turns_that_fit_are_sent_when_asked(make_chat) -> None:
    chat, services, _ = make_chat()
    conversation = chat.create_conversation(MODEL, "Fit")
    chat.update_settings(conversation.id, params={"fit_recent_turns": True, "max_completion_tokens": 50})
    for i in range(6):
        chat.storage.add_message(conversation.id, "user", f"question {i} " + "word " * 60)
        chat.storage.add_message(conversation.id, "assistant", f"answer {i} " + "word " * 60)
    chat.context_window = lambda model: 500  # type: ignore[method-assign]
    sent: list[list[dict[str, Any]]] = []
    real_stream = services.client.stream_chat

    def spy(model: str, messages: Any, **params: Any) -> Any:
        sent.append(messages)
        return real_stream(model, messages, **params)

    services.client.stream_chat = spy  # type: ignore[method-assign]

    async def scenario() -> None:
        await chat.wait_finished(await chat.send(conversation.id, "Latest", Recorder()))

    run(services, scenario)
    assert sent and sent[0][0]["content"].startswith("question ") and sent[0][-1]["content"] == "Latest"
    assert len(sent[0]) < 13
    assert chat.storage.list_messages(conversation.id)[-1].status == MessageStatus.COMPLETE


def test_parameters_are_sent_only_where_the_model_takes_them() -> None:
    saved = {
        "temperature": 0.3,
        "top_p": 0.9,
        "seed": 7,
        "stop": ["a", "b", "", "c", "d", "e"],
        "reasoning_effort": "high",
        "reasoning_format": "parsed",
        "max_completion_tokens": None,
    }
    llama = request_params("llama-3.1-8b-instant", saved)
    assert llama == {"temperature": 0.3, "top_p": 0.9, "seed": 7, "stop": ["a", "b", "c", "d"]}
    gpt_oss = request_params("openai/gpt-oss-20b", saved)
    assert gpt_oss["reasoning_effort"] == "high" and "reasoning_format" not in gpt_oss
    qwen = request_params("qwen/qwen3.8-27b", {**saved, "reasoning_effort": "none"})
    assert qwen["reasoning_format"] == "parsed" and qwen["reasoning_effort"] == "none"
    assert "reasoning_effort" in supported_params("qwen/qwen3.8-27b")
    assert "include_reasoning" in supported_params("openai/gpt-oss-120b")
    assert "reasoning_format" not in supported_params("openai/gpt-oss-120b")
    # A retired model the catalogue no longer describes takes no reasoning options.
    assert request_params("qwen/qwen3-32b", saved) == llama
