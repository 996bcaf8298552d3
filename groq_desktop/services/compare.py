"""Compare models: one prompt to 2-4 models at once, each through the one scheduler (its own limits).

Qt-free. Each model's reply streams on its own worker thread and reaches the loop in coalesced
batches; the chosen reply can then be kept as the conversation's next turn.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from groq_desktop.core.api.cancel import CancelToken
from groq_desktop.core.api.types import Usage
from groq_desktop.core.quota.limits import Cost
from groq_desktop.core.quota.scheduler import JobHandle, Priority
from groq_desktop.core.store.storage import Message, MessageStatus
from groq_desktop.errors import GroqDesktopError, RequestCancelledError
from groq_desktop.i18n import translate
from groq_desktop.services.chat import ChatService, request_params

MIN_MODELS, MAX_MODELS = 2, 4
CompareKind = Literal["delta", "done", "error", "stopped"]


@dataclass(frozen=True)
class CompareEvent:
    kind: CompareKind
    model: str
    text: str = ""
    facts: dict[str, Any] | None = None
    error: GroqDesktopError | None = None


@dataclass
class _Column:
    model: str
    cancel: CancelToken = field(default_factory=CancelToken)
    lock: threading.Lock = field(default_factory=threading.Lock)
    parts: list[str] = field(default_factory=list)
    pending: str = ""
    flush_scheduled: bool = False
    streamed: int = 0
    reached_server: bool = False
    usage: Usage | None = None


@dataclass(frozen=True)
class CompareResult:
    model: str
    content: str
    reasoning: str
    facts: dict[str, Any]


def estimated_cost(chat: ChatService, model: str, usage: Usage | None) -> float | None:
    """US$ from the catalogue's prices: cached prompt tokens at the cached factor (Groq's bill is the truth)."""
    facts = chat.registry.catalogue.facts(model)
    prices = facts.prices if facts else {}
    if usage is None or not prices.get("input_per_million"):
        return None
    cached = usage.cached_tokens or 0
    factor = float(prices.get("cached_input_factor", 1.0))
    inputs = (usage.prompt_tokens - cached) + cached * factor
    return (inputs * float(prices["input_per_million"])
            + usage.completion_tokens * float(prices.get("output_per_million", 0.0))) / 1e6


class CompareRun:
    """One prompt sent to several models; ``await run.finished()`` for every column's result."""

    def __init__(self, chat: ChatService, conversation_id: int | None, prompt: str, models: Sequence[str],
                 on_event: Callable[[CompareEvent], None]) -> None:
        if not MIN_MODELS <= len(models) <= MAX_MODELS or len(set(models)) != len(models):
            raise ValueError(f"compare {MIN_MODELS} to {MAX_MODELS} different models")
        self.chat = chat
        self.conversation_id = conversation_id
        self.prompt = prompt
        self.models = list(models)
        self.on_event = on_event
        self.results: dict[str, CompareResult] = {}
        self.errors: dict[str, GroqDesktopError] = {}
        self._columns = {m: _Column(m) for m in self.models}
        self._handles: list[JobHandle[Any]] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._tasks = [self._loop.create_task(self._one(m)) for m in self.models]

    async def finished(self) -> dict[str, CompareResult]:
        await asyncio.gather(*self._tasks, return_exceptions=True)
        return self.results

    def stop(self) -> None:
        for column in self._columns.values():
            column.cancel.set()
        for handle in self._handles:
            handle.cancel()

    def _messages(self) -> list[dict[str, Any]]:
        messages: list[dict[str, Any]] = []
        if self.conversation_id is not None:
            conversation = self.chat.storage.get_conversation(self.conversation_id)
            if conversation is not None:
                history = self.chat.storage.list_messages(self.conversation_id)
                messages = self.chat._api_messages(conversation, history, respect_fit=True)
        return messages + [{"role": "user", "content": self.prompt}]

    def _params(self, model: str) -> dict[str, Any]:
        conversation = self.chat.storage.get_conversation(self.conversation_id) if self.conversation_id else None
        saved: Mapping[str, Any] = conversation.params if conversation else {}
        # Compare is about speed and quality of the plain answer: text only, streamed.
        params = request_params(model, {k: v for k, v in saved.items()
                                        if k not in ("builtin_tools", "json_mode", "json_schema")},
                                self.chat.limiter.plan)
        return params

    async def _one(self, model: str) -> None:
        column = self._columns[model]
        try:
            messages = await asyncio.to_thread(self._messages)
            prompt = self.chat.token_counter.estimate_prompt_tokens(model, messages)
            params = self._params(model)
            reserve = int(params.get("max_completion_tokens") or self.chat.estimator.estimate(
                model, self.chat.reply_limit(model, prompt)))
            handle = self.chat.scheduler.submit(
                model, Cost.chat(prompt, reserve),
                lambda _reservation: asyncio.to_thread(self._stream, column, messages, params),
                priority=Priority.INTERACTIVE, kind="chat",
                label=translate("CompareRun", "Compare · {model}").format(model=model),
                usage_of=lambda facts: _cost_of(column, prompt + reserve),
                partial_usage=lambda: _cost_of(column, prompt + column.streamed) if column.reached_server else None,
            )
            self._handles.append(handle)
            facts = await handle
        except RequestCancelledError:
            self._emit(CompareEvent("stopped", model))
        except GroqDesktopError as exc:
            self.errors[model] = exc
            self._emit(CompareEvent("error", model, error=exc))
        except asyncio.CancelledError:
            self._emit(CompareEvent("stopped", model))
        else:
            self._flush(column)
            content = "".join(column.parts)
            self.results[model] = CompareResult(model, content, "", facts)
            self._emit(CompareEvent("done", model, facts=facts))

    def _stream(self, column: _Column, messages: list[dict[str, Any]], params: dict[str, Any]) -> dict[str, Any]:
        """Worker thread: stream one model's reply; returns its facts."""
        started = time.monotonic()
        first: float | None = None
        stream = self.chat.client.stream_chat(column.model, messages, cancel=column.cancel, **params)
        column.reached_server = True
        for delta in stream:
            if not delta.content:
                continue
            first = first if first is not None else time.monotonic()
            with column.lock:
                column.parts.append(delta.content)
                column.pending += delta.content
                column.streamed += 1
                schedule = not column.flush_scheduled
                column.flush_scheduled = True
            if schedule and self._loop is not None:
                with contextlib.suppress(RuntimeError):
                    self._loop.call_soon_threadsafe(self._flush, column)
        ended = time.monotonic()
        usage = column.usage = stream.usage
        tps = None
        if usage and usage.completion_time:
            tps = usage.completion_tokens / usage.completion_time
        elif usage and first is not None and ended > first:
            tps = usage.completion_tokens / (ended - first)
        return {
            "model": column.model,
            "ttft": stream.ttft if stream.ttft is not None else (first - started if first else None),
            "tokens_per_second": tps,
            "prompt_tokens": usage.prompt_tokens if usage else None,
            "completion_tokens": usage.completion_tokens if usage else None,
            "cached_tokens": usage.cached_tokens if usage else None,
            "request_id": stream.request_id,
            "finish_reason": stream.finish_reason,
            "cost": estimated_cost(self.chat, column.model, usage),
            "compared_with": [m for m in self.models if m != column.model],
        }

    def _flush(self, column: _Column) -> None:
        with column.lock:
            text, column.pending, column.flush_scheduled = column.pending, "", False
        if text:
            self._emit(CompareEvent("delta", column.model, text))

    def _emit(self, event: CompareEvent) -> None:
        with contextlib.suppress(Exception):
            self.on_event(event)

    def keep(self, model: str) -> tuple[Message, Message]:
        """Continue the conversation with this model's reply: the prompt and the reply become its next turn."""
        if self.conversation_id is None:
            raise ValueError("no conversation to continue")
        result = self.results[model]
        storage = self.chat.storage
        user = storage.add_message(self.conversation_id, "user", self.prompt)
        reply = storage.add_message(self.conversation_id, "assistant", result.content,
                                    status=MessageStatus.COMPLETE, model=model, facts=result.facts)
        return user, reply


def _cost_of(column: _Column, fallback: int) -> Cost:
    usage = column.usage
    if usage is None or not usage.total_tokens:
        return Cost(tokens=fallback)
    return Cost.from_usage(usage.prompt_tokens, usage.completion_tokens, usage.cached_tokens)
