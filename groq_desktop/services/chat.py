"""The chat service: sends conversations to Groq through the scheduler and streams replies back.

Qt-free and asyncio-based: every public coroutine runs on the event loop thread; the blocking
HTTP stream runs in a worker thread and hands its text to the loop in coalesced batches (one
``call_soon_threadsafe`` flush pending at a time). Storage is the source of truth: the user's
message is saved before anything is queued, and the reply is saved at most every 250 ms while
it streams, so a crash loses at most a quarter of a second of text.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from groq_desktop.core.api.cancel import CancelToken
from groq_desktop.core.api.client import ChatStream, GroqApiClient
from groq_desktop.core.api.types import Usage
from groq_desktop.core.attachments.files import inline_text
from groq_desktop.core.attachments.model import Attachment, ImageLimits
from groq_desktop.core.attachments.store import BlobStore
from groq_desktop.core.catalogue import Catalogue, shipped_catalogue
from groq_desktop.core.model_registry import ModelInfo, ModelRegistry
from groq_desktop.core.quota.limits import Cost
from groq_desktop.core.quota.rate_limiter import RateLimiter, Reservation, WaitInfo
from groq_desktop.core.quota.scheduler import JobHandle, JobInfo, JobState, Priority, Scheduler
from groq_desktop.core.store.storage import Conversation, Message, MessageStatus, Storage
from groq_desktop.core.token_counter import TokenCounter
from groq_desktop.errors import CapacityExceededError, GroqDesktopError, RequestCancelledError
from groq_desktop.i18n import QT_TRANSLATE_NOOP, number, translate
from groq_desktop.services.error_advice import advise, model_gone
from groq_desktop.services.reply_budget import ReplyEstimator, limit_named, output_budget, reply_cap

log = logging.getLogger(__name__)

EventKind = Literal["waiting", "started", "delta", "done", "stopped", "error"]

SAVE_INTERVAL = 0.25
DEFAULT_CONTEXT_WINDOW = 8192
MAX_STOP_SEQUENCES = 4
# Stored as is (it marks a conversation not yet titled); shown through shown_title().
NEW_CONVERSATION_TITLE = QT_TRANSLATE_NOOP("ChatService", "New conversation")
_TITLE_LENGTH = 48

# Parameters every chat model takes; reasoning options depend on the model family.
BASE_PARAMS = ("temperature", "top_p", "max_completion_tokens", "seed", "stop")
SERVICE_TIERS = ("on_demand", "flex", "auto")
# Sent after a reply cut off at the length limit, so the model goes on where it stopped.
CONTINUE_PROMPT = "Continue exactly where your last reply stopped, without repeating anything."


@dataclass(frozen=True)
class ChatEvent:
    kind: EventKind
    message_id: int
    content_delta: str = ""
    reasoning_delta: str = ""
    wait: WaitInfo | None = None
    error: GroqDesktopError | None = None
    facts: dict[str, Any] | None = None
    message: Message | None = None
    """On the last event: the reply's row as it should now be shown (no need to read storage)."""
    save_error: str | None = None
    """On the last event: why the reply could not be saved yet (it is kept and saved later)."""


EventCallback = Callable[[ChatEvent], None]


class ContextWindowError(GroqDesktopError):
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError", "Drop the oldest turns, or turn on 'send only the recent turns that fit'."
    )


class AttachmentRefusedError(GroqDesktopError):
    """Attachments that the conversation's model cannot take: refused before anything is sent."""


class ConversationBusyError(GroqDesktopError):
    default_hint = QT_TRANSLATE_NOOP("GroqDesktopError", "Wait for the reply to finish or stop it first.")


class StorageWriteError(GroqDesktopError):
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError", "Free some disk space or close other programs using the database, then try again."
    )


# What a failing SQLite write (disk full, database locked, I/O error) raises.
_STORAGE_ERRORS = (sqlite3.Error, OSError)


def shown_title(title: str) -> str:
    """A conversation's title for people: the untitled marker in the user's language, others as stored."""
    return translate("ChatService", NEW_CONVERSATION_TITLE) if title == NEW_CONVERSATION_TITLE else title


def storage_error(exc: BaseException) -> StorageWriteError:
    return StorageWriteError(translate("ChatService", "Could not save to the database: {error}.").format(error=exc))


def reasoning_options(model_id: str, catalogue: Catalogue | None = None) -> dict[str, tuple[Any, ...]]:
    """The reasoning parameters a model accepts, with their allowed values (from the shipped catalogue)."""
    facts = (catalogue or shipped_catalogue()).facts(model_id)
    reasoning = facts.reasoning if facts else {}
    out: dict[str, tuple[Any, ...]] = {}
    for name in ("reasoning_effort", "reasoning_format"):
        values = reasoning.get(name)
        if isinstance(values, list | tuple) and values:
            out[name] = tuple(str(v) for v in values)
    if reasoning.get("include_reasoning"):
        out["include_reasoning"] = (True, False)
    return out


def supported_params(model_id: str) -> tuple[str, ...]:
    return BASE_PARAMS + tuple(reasoning_options(model_id))


def tiers_for_plan(plan: str | None) -> tuple[str, ...]:
    """Service tiers the user may choose: none on the free plan (Groq offers flex to paid plans only)."""
    return () if (plan or "free").lower() == "free" else SERVICE_TIERS


JSON_MODES = ("off", "json_object", "json_schema")
BUILTIN_TOOLS = ("browser_search", "code_interpreter")


def json_mode(model_id: str, params: Mapping[str, Any], catalogue: Catalogue | None = None) -> str:
    """The conversation's JSON mode as this model can honour it ("off" where it cannot)."""
    mode = params.get("json_mode") or "off"
    facts = (catalogue or shipped_catalogue()).facts(model_id)
    if mode not in JSON_MODES[1:] or facts is None or not facts.can(mode):
        return "off"
    if mode == "json_schema" and not isinstance((params.get("json_schema") or {}).get("schema"), dict):
        return "off"
    return mode


def builtin_tools(model_id: str, params: Mapping[str, Any], catalogue: Catalogue | None = None) -> list[str]:
    """The built-in tools to send: those switched on that the model has; none while JSON mode is on.

    Groq refuses structured output together with tools (400), so JSON mode wins and the tools wait.
    """
    if json_mode(model_id, params, catalogue) != "off":
        return []
    facts = (catalogue or shipped_catalogue()).facts(model_id)
    wanted = params.get("builtin_tools") or ()
    return [t for t in BUILTIN_TOOLS if t in wanted and facts is not None and facts.can(t)]


def response_format(model_id: str, params: Mapping[str, Any], catalogue: Catalogue | None = None) -> dict | None:
    mode = json_mode(model_id, params, catalogue)
    if mode == "json_object":
        return {"type": "json_object"}
    if mode == "json_schema":
        spec = params["json_schema"]
        return {"type": "json_schema", "json_schema": {
            "name": str(spec.get("name") or "reply"), "schema": spec["schema"], "strict": bool(spec.get("strict"))}}
    return None


def merge_tools(known: list[dict[str, Any]], pieces: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Streamed ``executed_tools`` pieces merged by index (a call arrives first, its output later)."""
    out = [dict(t) for t in known]
    for piece in pieces:
        index = piece.get("index", len(out))
        target = next((t for t in out if t.get("index") == index), None)
        if target is None:
            out.append(dict(piece))
        else:
            target.update({k: v for k, v in piece.items() if v not in (None, "")})
    return out


def tool_facts(tools: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One line per tool call for the reply's facts, with Groq's reported cost or usage when it gives one."""
    out = []
    for tool in tools:
        fact: dict[str, Any] = {"type": tool.get("type")}
        for key in ("cost", "usage", "search_usage"):
            if tool.get(key) is not None:
                fact[key] = tool[key]
        out.append(fact)
    return out


def request_params(model_id: str, params: Mapping[str, Any], plan: str | None = None) -> dict[str, Any]:
    """The conversation's saved parameters that this model (and plan) accepts, cleaned for the request."""
    out: dict[str, Any] = {}
    tools = builtin_tools(model_id, params)
    if tools:
        out["tools"] = [{"type": t} for t in tools]
    fmt = response_format(model_id, params)
    if fmt is not None:
        out["response_format"] = fmt
    options = reasoning_options(model_id)
    for name in supported_params(model_id):
        value = params.get(name)
        if value is None or value == "":
            continue
        if name == "stop":
            stops = [s for s in (value if isinstance(value, list | tuple) else [value]) if s]
            if stops:
                out["stop"] = list(stops[:MAX_STOP_SEQUENCES])
        elif name in options:
            if value in options[name]:
                out[name] = value
        elif name in ("temperature", "top_p"):
            out[name] = float(value)
        else:
            out[name] = int(value)
    tier = params.get("service_tier")
    if tier and tier in tiers_for_plan(plan):
        out["service_tier"] = tier
    return out


def auto_title(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= _TITLE_LENGTH else line[: _TITLE_LENGTH - 1].rstrip() + "…"


@dataclass
class _StreamResult:
    usage: Usage | None
    request_id: str | None
    ttft: float | None
    finish_reason: str | None
    started: float
    first_token_at: float | None
    ended: float


@dataclass(frozen=True)
class _Unsaved:
    """A reply's final save that failed: retried at the next save, shown from memory meanwhile."""

    status: MessageStatus
    values: dict[str, Any]
    row: Message


@dataclass(eq=False)
class _Generation:
    """One reply being produced: shared between the loop thread and the streaming worker."""

    message_id: int
    conversation_id: int
    model: str
    on_event: EventCallback
    loop: asyncio.AbstractEventLoop
    version: int | None = None
    """A new version of an existing reply (Regenerate, Retry), kept apart until it succeeds."""
    continuing: bool = False
    """Continue: the model goes on after a reply cut off at the length limit; new text is appended to it."""
    prefix: tuple[str, str] = ("", "")
    previous_facts: dict[str, Any] = field(default_factory=dict)
    flex_fallback: bool = False
    cancel: CancelToken = field(default_factory=CancelToken)  # set() also aborts the request in flight
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Serialises the worker's periodic saves with the final one, without holding ``lock`` over SQLite.
    save_lock: threading.Lock = field(default_factory=threading.Lock)
    reached_server: bool = False
    prompt_tokens: int = 0
    streamed_tokens: int = 0
    stream: ChatStream | None = None
    job_id: int | None = None
    waited_for: list[str] = field(default_factory=list)
    """The quota dimensions the request waited for before it was sent (RPM, TPM, ...)."""
    # The reply so far as pieces: appending one token to a 100 KB string would copy it each time.
    content_parts: list[str] = field(default_factory=list)
    reasoning_parts: list[str] = field(default_factory=list)
    executed_tools: list[dict[str, Any]] = field(default_factory=list)
    tools_changed: bool = False
    pending_content: str = ""
    pending_reasoning: str = ""
    flush_scheduled: bool = False
    finished: bool = False
    stop_requested: bool = False
    last_saved: float = 0.0
    task: asyncio.Task[None] | None = None
    done: asyncio.Event = field(default_factory=asyncio.Event)

    def text(self) -> tuple[str, str]:
        """Content and reasoning so far (call with ``lock`` held); joins the pieces once."""
        content, reasoning = "".join(self.content_parts), "".join(self.reasoning_parts)
        self.content_parts[:] = [content] if content else []
        self.reasoning_parts[:] = [reasoning] if reasoning else []
        return content, reasoning


def _end_stream(gen: _Generation) -> None:
    """Mark the reply stopped and drop its connection at once (any thread)."""
    gen.stop_requested = True
    gen.cancel.set()
    with gen.lock:
        stream = gen.stream
    if stream is not None:
        stream.close()


class ChatService:
    def __init__(
        self,
        client: GroqApiClient,
        scheduler: Scheduler,
        limiter: RateLimiter,
        token_counter: TokenCounter,
        storage: Storage,
        registry: ModelRegistry,
        *,
        save_interval: float = SAVE_INTERVAL,
    ) -> None:
        self.client = client
        self.scheduler = scheduler
        self.limiter = limiter
        self.token_counter = token_counter
        self.storage = storage
        self.registry = registry
        self.save_interval = save_interval
        self.estimator = ReplyEstimator()
        self.blobs = BlobStore(storage.path.parent / "attachments")
        self._seeded: set[str] = set()
        self._active: dict[int, _Generation] = {}  # by message id
        self._by_job: dict[int, _Generation] = {}
        # Final saves that failed (disk full, database locked): retried at every later save.
        self._unsaved: dict[tuple[int, int | None], _Unsaved] = {}
        self._unsubscribe = scheduler.subscribe(self._on_job_changed)

    @classmethod
    def from_services(cls, services: Any) -> ChatService:
        return cls(
            services.client,
            services.scheduler,
            services.limiter,
            services.token_counter,
            services.storage,
            services.registry,
        )

    def close(self) -> None:
        self.save_pending()
        self._unsubscribe()

    def unsaved_message_ids(self) -> list[int]:
        return [message_id for message_id, _ in self._unsaved]

    def unsaved_rows(self) -> dict[int, Message]:
        """Replies whose final save failed, as they should be shown (storage still has an older text)."""
        return {message_id: entry.row for (message_id, _), entry in self._unsaved.items()}

    def save_pending(self) -> bool:
        """Try again to save replies whose last save failed; True when nothing is left unsaved."""
        for key, entry in list(self._unsaved.items()):
            message_id, version = key
            try:
                self._save_final(message_id, version, entry.status, entry.values)
            except KeyError:
                pass  # the reply was deleted meanwhile: nothing left to save it into
            except _STORAGE_ERRORS as exc:
                log.warning("reply %s still not saved: %s", message_id, exc)
                return False
            self._unsaved.pop(key, None)
        return True

    def _write(self, message_id: int, version: int | None, values: Mapping[str, Any]) -> None:
        if version is None:
            self.storage.update_message(message_id, **values)
        else:
            self.storage.update_version(message_id, version, **values)

    # --- conversations --------------------------------------------------------

    def create_conversation(self, model: str, title: str = NEW_CONVERSATION_TITLE) -> Conversation:
        return self.storage.create_conversation(title, model)

    def update_settings(
        self,
        conversation_id: int,
        *,
        model: str | None = None,
        system_prompt: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> Conversation:
        if params is not None:
            params = dict(params)
            stops = params.get("stop")
            if isinstance(stops, list | tuple):
                params["stop"] = [s for s in stops if s][:MAX_STOP_SEQUENCES]
        return self.storage.update_conversation_settings(
            conversation_id, model=model, system_prompt=system_prompt, params=params
        )

    def model_info(self, model_id: str) -> ModelInfo | None:
        return self.registry.get(model_id)

    def model_is_gone(self, model_id: str) -> bool:
        """True when Groq no longer offers the model (its latest list, its answers, the catalogue)."""
        return self.registry.is_gone(model_id)

    def is_busy(self, conversation_id: int) -> bool:
        return any(g.conversation_id == conversation_id for g in self._active.values())

    def active_message_ids(self, conversation_id: int | None = None) -> list[int]:
        return [m for m, g in self._active.items() if conversation_id in (None, g.conversation_id)]

    def job_of(self, message_id: int) -> int | None:
        """The scheduler job writing this reply (None before it is queued or once it ended)."""
        gen = self._active.get(message_id)
        return gen.job_id if gen is not None else None

    # --- context --------------------------------------------------------------

    def context_window(self, model: str) -> int:
        info = self.registry.get(model)
        return info.context_window if info and info.context_window else DEFAULT_CONTEXT_WINDOW

    def reply_limit(self, model: str, prompt_tokens: int = 0) -> int | None:
        """The longest reply the model and the plan allow: its max completion tokens within OTPM (and TPM)."""
        info = self.registry.get(model)
        facts = self.registry.catalogue.facts(model)
        model_max = (info.max_completion_tokens if info else None) or (facts.max_completion_tokens if facts else None)
        return reply_cap(model_max, output_budget(self.limiter, model, prompt_tokens))

    def reply_budget(self, conversation: Conversation) -> int:
        """Room to keep for the reply: the user's maximum, else what this model's replies usually take."""
        cap = self.reply_limit(conversation.model)
        wanted = conversation.params.get("max_completion_tokens")
        if wanted:
            return reply_cap(int(wanted), cap) or int(wanted)
        return self.estimator.estimate(conversation.model, cap)

    def image_limits(self, model: str) -> ImageLimits | None:
        """The model's image limits, or None when it cannot see images (from the registry and catalogue)."""
        facts = self.registry.catalogue.facts(model)
        if facts is not None and facts.can("vision"):
            return ImageLimits.from_facts(facts.vision)
        info = self.registry.get(model)
        return ImageLimits() if info is not None and info.supports_vision else None

    def vision_models(self) -> list[str]:
        """Chat models that can see images, the registry's order."""
        return [m.id for m in self.registry.chat_models() if m.usable and self.image_limits(m.id) is not None]

    def check_attachments(self, model: str, attachments: Sequence[Attachment]) -> None:
        """Refuse, before sending, a file larger than the model reads, images a model cannot see or more
        than it takes (the reason and the numbers). Blocking (tokenises files)."""
        window = self.context_window(model)
        for attachment in attachments:
            if attachment.is_image:
                continue
            tokens = self.token_counter.count_text(model, inline_text(attachment.name, attachment.text))
            if tokens >= window:
                raise AttachmentRefusedError(
                    translate("ChatService", "{name} is {tokens} tokens; {model} reads at most {window} tokens in all.")
                    .format(name=attachment.name, tokens=number(tokens), model=model, window=number(window))
                )
        images = sum(1 for a in attachments if a.is_image)
        if not images:
            return
        limits = self.image_limits(model)
        if limits is None:
            seeing = ", ".join(self.vision_models())
            raise AttachmentRefusedError(
                translate("ChatService", "{model} cannot see images. Models that can: {models}.").format(
                    model=model, models=seeing
                )
                if seeing
                else translate(
                    "ChatService", "{model} cannot see images, and none of the available models can."
                ).format(model=model)
            )
        if images > limits.max_images:
            raise AttachmentRefusedError(
                translate("ChatService", "{count} images attached; {model} takes at most {limit}.").format(
                    count=number(images), model=model, limit=number(limits.max_images)
                )
            )

    def context_usage(
        self, conversation_id: int | None, draft: str, model: str, attachments: Sequence[Attachment] = ()
    ) -> tuple[int, int]:
        """Prompt tokens of the conversation (as it would be sent) plus the draft, and the model's window.

        Blocking (tokenising): call it through ``asyncio.to_thread`` from the UI.
        """
        messages: list[dict[str, Any]] = []
        if conversation_id is not None:
            conversation = self.storage.get_conversation(conversation_id)
            if conversation is not None:
                history = self.storage.list_messages(conversation_id)
                messages = self._api_messages(conversation, history, respect_fit=False)
        if draft or attachments:
            messages.append({"role": "user", "content": _user_content(draft, attachments)})
        messages = self._fit_images(model, messages)
        tokens = self._prompt_tokens(model, messages) if messages else 0
        return tokens, self.context_window(model)

    def _prompt_tokens(self, model: str, messages: list[dict[str, Any]]) -> int:
        """Text tokens (calibrated) plus each image's fixed count."""
        return self.token_counter.estimate_prompt_tokens(model, messages) + self._image_tokens(model, messages)

    def _image_tokens(self, model: str, messages: list[dict[str, Any]]) -> int:
        limits = self.image_limits(model)
        return limits.tokens_per_image * _image_count(messages) if limits else 0

    def _fit_images(self, model: str, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Keep the newest images a model takes; older ones (or all, for a text-only model) become a note."""
        limits = self.image_limits(model)
        room = limits.max_images if limits else 0
        fitted: list[dict[str, Any]] = []
        for message in reversed(messages):
            content = message["content"]
            if isinstance(content, list):
                parts = []
                for part in reversed(content):
                    if part["type"] == "image_url":
                        if room > 0:
                            room -= 1
                        else:
                            part = {"type": "text", "text": f"[image {part['name']} not sent]"}
                    parts.append(part)
                parts.reverse()
                if all(p["type"] == "text" for p in parts):  # text-only models want a plain string
                    message = {**message, "content": "\n\n".join(p["text"] for p in parts)}
                else:
                    message = {**message, "content": parts}
            fitted.append(message)
        return fitted[::-1]

    def _resolve_images(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Put the stored image bytes into the request as data URLs (only now: they are large)."""
        resolved = []
        for message in messages:
            content = message["content"]
            if isinstance(content, list):
                content = [
                    {"type": "image_url", "image_url": {"url": self._data_url(p["digest"], p["mime"])}}
                    if p["type"] == "image_url" else p
                    for p in content
                ]
                message = {**message, "content": content}
            resolved.append(message)
        return resolved

    def _data_url(self, digest: str, mime: str) -> str:
        try:
            data = self.blobs.get(digest)
        except OSError as exc:
            raise AttachmentRefusedError(
                translate("ChatService", "A stored image is missing ({error}).").format(error=exc)
            ) from exc
        return f"data:{mime or 'image/jpeg'};base64,{base64.b64encode(data).decode('ascii')}"

    def turns_to_drop(self, conversation_id: int, draft: str, model: str) -> int:
        """How many of the oldest turns must go for the draft and a reply to fit the window."""
        conversation = self._conversation(conversation_id)
        budget = self.context_window(model) - min(self.reply_budget(conversation), self.context_window(model) // 4)
        history = self.storage.list_messages(conversation_id)
        start = int(conversation.params.get("context_from", 0))
        turns = _turn_starts(history, start)
        for dropped, first in enumerate(turns):
            kept = [m for m in history if m.position >= first]
            messages = self._api_messages(conversation, kept, respect_fit=False, from_position=first)
            messages.append({"role": "user", "content": draft})
            if self.token_counter.estimate_prompt_tokens(model, messages) <= budget:
                return dropped
        return len(turns)

    def drop_oldest_turns(self, conversation_id: int, n: int) -> int:
        """Leave the ``n`` oldest turns out of future requests (they stay in the history). Returns how many."""
        conversation = self._conversation(conversation_id)
        history = self.storage.list_messages(conversation_id)
        turns = _turn_starts(history, int(conversation.params.get("context_from", 0)))
        n = max(0, min(n, len(turns)))
        if n == 0:
            return 0
        params = dict(conversation.params)
        params["context_from"] = turns[n] if n < len(turns) else (history[-1].position + 1 if history else 0)
        self.storage.update_conversation_settings(conversation_id, params=params)
        return n

    def include_all_turns(self, conversation_id: int) -> None:
        conversation = self._conversation(conversation_id)
        params = dict(conversation.params)
        params.pop("context_from", None)
        self.storage.update_conversation_settings(conversation_id, params=params)

    # --- sending --------------------------------------------------------------

    async def send(
        self, conversation_id: int, text: str, on_event: EventCallback, attachments: Sequence[Attachment] = ()
    ) -> int:
        """Save the user's message, queue the request and return the new reply's message id at once."""
        conversation = self._conversation(conversation_id)
        self._require_idle(conversation_id)
        self.check_attachments(conversation.model, attachments)
        self.save_pending()
        try:
            is_first = self.storage.count_messages(conversation_id) == 0
            user = self.storage.add_message(conversation_id, "user", text)
            if attachments:
                self.storage.add_attachments(user.id, attachments)
            if is_first and conversation.title == NEW_CONVERSATION_TITLE and text.strip():
                self.storage.rename_conversation(conversation_id, auto_title(text))
            reply = self.storage.add_message(
                conversation_id, "assistant", "", status=MessageStatus.STREAMING, model=conversation.model
            )
        except _STORAGE_ERRORS as exc:
            raise storage_error(exc) from exc
        self._start(conversation_id, reply.id, on_event)
        return reply.id

    async def retry(self, message_id: int, on_event: EventCallback) -> int:
        """Write an assistant reply again as a new version of it (same id).

        The reply shown stays as it is until the new version succeeds, which then becomes the
        selected one; a stopped or failed attempt with text is kept as a visible, unselected version.
        A reply with no text at all (an error before the first token) is simply written again.
        Later turns are kept.
        """
        message = self._message(message_id)
        if message.role != "assistant":
            raise ValueError("only an assistant reply can be retried")
        await self._stop_and_wait(message.conversation_id)
        self.save_pending()
        conversation = self._conversation(message.conversation_id)
        version: int | None = None
        try:
            if message.content or message.reasoning:
                version = self.storage.begin_version(message_id, conversation.model)
            else:
                self.storage.update_message(
                    message_id, content="", reasoning="", status=MessageStatus.STREAMING, error="", facts={},
                    model=conversation.model,
                )
        except _STORAGE_ERRORS as exc:
            raise storage_error(exc) from exc
        self._start(message.conversation_id, message_id, on_event, version=version)
        return message_id

    def select_version(self, message_id: int, version: int) -> Message:
        """Show (and send as history from now on) another version of a reply."""
        if message_id in self._active:
            raise ConversationBusyError(translate("ChatService", "This reply is still being written."))
        try:
            return self.storage.select_version(message_id, version)
        except _STORAGE_ERRORS as exc:
            raise storage_error(exc) from exc

    async def regenerate(self, conversation_id: int, on_event: EventCallback) -> int:
        """Replace the last assistant reply (or answer a trailing user message)."""
        await self._stop_and_wait(conversation_id)
        history = self.storage.list_last_messages(conversation_id, 1)
        if not history:
            raise ValueError("the conversation is empty")
        last = history[-1]
        if last.role == "assistant":
            return await self.retry(last.id, on_event)
        conversation = self._conversation(conversation_id)
        try:
            reply = self.storage.add_message(
                conversation_id, "assistant", "", status=MessageStatus.STREAMING, model=conversation.model
            )
        except _STORAGE_ERRORS as exc:
            raise storage_error(exc) from exc
        self._start(conversation_id, reply.id, on_event)
        return reply.id

    async def edit_and_resend(self, message_id: int, new_text: str, on_event: EventCallback) -> int:
        """Replace a user message's text, DROP every later message, and send again."""
        message = self._message(message_id)
        if message.role != "user":
            raise ValueError("only a user message can be edited")
        await self._stop_and_wait(message.conversation_id)
        conversation = self._conversation(message.conversation_id)
        self.save_pending()
        try:
            self.storage.update_message(message_id, content=new_text)
            self.storage.truncate_after(message.conversation_id, message.position)
            reply = self.storage.add_message(
                message.conversation_id, "assistant", "", status=MessageStatus.STREAMING, model=conversation.model
            )
        except _STORAGE_ERRORS as exc:
            raise storage_error(exc) from exc
        self._start(message.conversation_id, reply.id, on_event)
        return reply.id

    async def continue_reply(self, message_id: int, on_event: EventCallback) -> int:
        """Ask the model to go on after a reply cut off at the length limit; the text is appended to it."""
        message = self._message(message_id)
        if message.role != "assistant":
            raise ValueError("only an assistant reply can be continued")
        self._require_idle(message.conversation_id)
        self.save_pending()
        try:
            self.storage.update_message(message_id, status=MessageStatus.STREAMING, error="")
        except _STORAGE_ERRORS as exc:
            raise storage_error(exc) from exc
        self._start(
            message.conversation_id,
            message_id,
            on_event,
            continuing=True,
            prefix=(message.content, message.reasoning),
            previous_facts=dict(message.facts or {}),
        )
        return message_id

    def _advise(self, gen: _Generation, error: GroqDesktopError) -> GroqDesktopError:
        """Say what the account or model problem is; a model Groq calls gone is marked retired."""
        retirement = None
        if model_gone(error) and gen.model:
            self.registry.mark_retired(gen.model)
            retirement = self.registry.retirement(gen.model)
        return advise(error, retirement=retirement, flex=self._conversation_tier(gen) == "flex")

    def _conversation_tier(self, gen: _Generation) -> str | None:
        conversation = self.storage.get_conversation(gen.conversation_id)
        return conversation.params.get("service_tier") if conversation else None

    def stop(self, message_id: int) -> bool:
        """Stop a reply now: close its HTTP stream, or take its job out of the queue. The text so far stays."""
        gen = self._active.get(message_id)
        if gen is None:
            return False
        _end_stream(gen)
        if gen.job_id is not None:
            self.scheduler.cancel(gen.job_id)
        return True

    def stop_conversation(self, conversation_id: int) -> None:
        for message_id in self.active_message_ids(conversation_id):
            self.stop(message_id)

    async def wait_finished(self, message_id: int) -> None:
        gen = self._active.get(message_id)
        if gen is not None:
            await gen.done.wait()

    # --- internals: the generation lifecycle ------------------------------------

    def _require_idle(self, conversation_id: int) -> None:
        if self.is_busy(conversation_id):
            raise ConversationBusyError(
                translate("ChatService", "A reply in this conversation is still being written.")
            )

    async def _stop_and_wait(self, conversation_id: int) -> None:
        gens = [g for g in self._active.values() if g.conversation_id == conversation_id]
        for gen in gens:
            self.stop(gen.message_id)
        for gen in gens:
            await gen.done.wait()

    def _start(
        self,
        conversation_id: int,
        message_id: int,
        on_event: EventCallback,
        *,
        version: int | None = None,
        continuing: bool = False,
        prefix: tuple[str, str] = ("", ""),
        previous_facts: dict[str, Any] | None = None,
    ) -> None:
        loop = asyncio.get_running_loop()
        gen = _Generation(
            message_id, conversation_id, "", on_event, loop, version=version, continuing=continuing,
            prefix=prefix, previous_facts=previous_facts or {},
        )
        self._active[message_id] = gen
        gen.task = loop.create_task(self._generate(gen), name=f"chat-reply-{message_id}")

    async def _generate(self, gen: _Generation) -> None:
        try:
            conversation = self._conversation(gen.conversation_id)
            gen.model = conversation.model
            gen.flex_fallback = bool(conversation.params.get("flex_fallback"))
            reply_position = self._message(gen.message_id).position
            # Reading and tokenising the history grows with it: off the loop (the UI) thread.
            messages, params, counted, prompt, reserve = await asyncio.to_thread(
                self._prepare_request, conversation, reply_position, gen.continuing
            )
            gen.prompt_tokens = prompt
            estimate = prompt + reserve
            handle: JobHandle[_StreamResult] = self.scheduler.submit(
                gen.model,
                Cost.chat(gen.prompt_tokens, reserve),
                lambda reservation: self._run(gen, messages, params, reservation),
                priority=Priority.INTERACTIVE,
                kind="chat",
                label=conversation.title,
                usage_of=lambda result: _usage_cost(result, estimate),
                partial_usage=lambda: _partial_cost(gen),
            )
            gen.job_id = handle.id
            self._by_job[handle.id] = gen
            if gen.stop_requested:
                handle.cancel()
            result = await handle
            info = handle.info()
        except RequestCancelledError:
            self._finish(gen, MessageStatus.STOPPED, kind="stopped")
        except GroqDesktopError as exc:
            self._finish(gen, MessageStatus.ERROR, kind="error", error=self._advise(gen, exc))
        except asyncio.CancelledError:
            self._finish(gen, MessageStatus.STOPPED, kind="stopped")
            raise
        except Exception as exc:  # a bug must still end the bubble, not leave it spinning
            log.exception("chat reply %s failed unexpectedly", gen.message_id)
            error = GroqDesktopError(
                translate("ChatService", "Unexpected error: {error}").format(error=f"{type(exc).__name__}: {exc}")
            )
            self._finish(gen, MessageStatus.ERROR, kind="error", error=error)
        else:
            if gen.stop_requested:
                self._finish(gen, MessageStatus.STOPPED, kind="stopped")
            else:
                facts = self._facts(gen.model, result, counted)
                if gen.executed_tools:
                    facts["executed_tools"] = gen.executed_tools
                    facts["tool_calls"] = tool_facts(gen.executed_tools)
                if "response_format" in params:
                    facts["response_format"] = params["response_format"]
                if info.started_at is not None:
                    facts["waited"] = max(0.0, info.started_at - info.enqueued_at)
                if gen.waited_for:
                    facts["waited_for"] = gen.waited_for
                if gen.continuing:
                    facts = _continued_facts(gen.previous_facts, facts)
                self._finish(gen, MessageStatus.COMPLETE, kind="done", facts=facts)

    def _prepare_request(
        self, conversation: Conversation, reply_position: int, continuing: bool = False
    ) -> tuple[list[dict[str, Any]], dict[str, Any], int, int, int]:
        """Messages, parameters, our raw prompt count, the prompt estimate and the reply tokens to reserve.

        Blocking (reads, tokenises).
        """
        last = reply_position if continuing else reply_position - 1
        history = [m for m in self.storage.list_messages(conversation.id) if m.position <= last]
        model = conversation.model
        messages = self._fit_images(model, self._api_messages(conversation, history, respect_fit=True))
        if continuing:
            messages.append({"role": "user", "content": CONTINUE_PROMPT})
        params = request_params(model, conversation.params, self.limiter.plan)
        window = self.context_window(model)
        images = self._image_tokens(model, messages)
        prompt = self._prompt_tokens(model, messages)
        if prompt >= window:
            raise ContextWindowError(
                translate("ChatService", "The conversation is {tokens} tokens; {model} reads at most {window}.").format(
                    tokens=number(prompt), model=model, window=number(window)
                )
            )
        # "Default" is the model's own limit within the plan's output budget, never a silent 1,024.
        cap = reply_cap(self.reply_limit(model, prompt), window - prompt) or 1
        wanted = conversation.params.get("max_completion_tokens")
        if wanted or limit_named(self.limiter, model, "OTPM"):
            # Groq checks a sent max_completion_tokens against OTPM and TPM before the model runs, so
            # the quota holds all of it.
            params["max_completion_tokens"] = max(1, reply_cap(int(wanted), cap) if wanted else cap)
            reserve = params["max_completion_tokens"]
        else:
            # Left open with no output budget known: Groq's own limit for the model applies, and the
            # quota holds what this model's replies usually take (settled with the real usage).
            params.pop("max_completion_tokens", None)
            self._seed_estimate(model)
            reserve = self.estimator.estimate(model, cap)
        # Image tokens are in Groq's prompt count too: counted with them, the text calibration stays true.
        counted = self.token_counter.count_messages(model, messages) + images
        return self._resolve_images(messages), params, counted, prompt, reserve

    def _seed_estimate(self, model: str) -> None:
        """Once per model and run: learn its usual reply length from the usage log of the last day."""
        if model in self._seeded:
            return
        self._seeded.add(model)
        try:
            records = self.storage.usage_since(time.time() - 86400.0, model)
        except _STORAGE_ERRORS as exc:
            log.warning("reading recent replies of %s failed: %s", model, exc)
            return
        replies = [r.completion_tokens for r in records if r.kind == "chat" and not r.failed and r.completion_tokens]
        self.estimator.seed(model, replies[-self.estimator.recent :])

    def _api_messages(
        self,
        conversation: Conversation,
        history: Sequence[Message],
        *,
        respect_fit: bool,
        from_position: int | None = None,
    ) -> list[dict[str, Any]]:
        start = from_position if from_position is not None else int(conversation.params.get("context_from", 0))
        turns = [
            {"role": m.role, "content": _user_content(m.content, m.attachments) if m.attachments else m.content}
            for m in history
            if m.position >= start and m.role in ("user", "assistant") and (m.role == "user" or m.content)
        ]
        system = [{"role": "system", "content": conversation.system_prompt}] if conversation.system_prompt else []
        if respect_fit and conversation.params.get("fit_recent_turns"):
            turns = self._recent_that_fit(conversation, system, turns)
        return system + turns

    def _recent_that_fit(
        self, conversation: Conversation, system: list[dict[str, Any]], turns: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        model = conversation.model
        window = self.context_window(model)
        budget = window - min(self.reply_budget(conversation), window // 4)
        starts = [i for i, t in enumerate(turns) if t["role"] == "user"] or [0]
        for start in starts:
            if self.token_counter.estimate_prompt_tokens(model, system + turns[start:]) <= budget:
                return turns[start:]
        return turns[starts[-1] :]

    async def _run(
        self, gen: _Generation, messages: list[dict[str, Any]], params: dict[str, Any], _reservation: Reservation
    ) -> _StreamResult:
        with gen.lock:
            gen.content_parts[:] = [gen.prefix[0]] if gen.prefix[0] else []
            gen.reasoning_parts[:] = [gen.prefix[1]] if gen.prefix[1] else []
            gen.pending_content = gen.pending_reasoning = ""
        gen.on_event(ChatEvent("started", gen.message_id))
        worker = asyncio.ensure_future(asyncio.to_thread(self._stream_with_fallback, gen, messages, params))
        try:
            return await asyncio.shield(worker)
        except asyncio.CancelledError:
            _end_stream(gen)  # cancelled from the queue monitor: the same as Stop
            with contextlib.suppress(BaseException):
                await worker
            raise
        except RequestCancelledError:
            if gen.stop_requested:
                raise asyncio.CancelledError() from None  # the scheduler counts it as cancelled
            raise

    def _stream_with_fallback(
        self, gen: _Generation, messages: list[dict[str, Any]], params: dict[str, Any]
    ) -> _StreamResult:
        """Stream; when flex has no capacity and the user allows it, send once more on the on-demand tier."""
        try:
            return self._stream_blocking(gen, messages, params)
        except CapacityExceededError:
            if params.get("service_tier") != "flex" or not gen.flex_fallback or gen.cancel.is_set():
                raise
        log.info("flex capacity exceeded for reply %s: falling back to on_demand", gen.message_id)
        return self._stream_blocking(gen, messages, {**params, "service_tier": "on_demand"})

    def _stream_blocking(
        self, gen: _Generation, messages: list[dict[str, Any]], params: dict[str, Any]
    ) -> _StreamResult:
        started = time.monotonic()
        first_token_at: float | None = None
        if "response_format" in params:
            return self._complete_blocking(gen, messages, params, started)
        stream = self.client.stream_chat(gen.model, messages, cancel=gen.cancel, **params)
        with gen.lock:
            gen.stream = stream
            gen.reached_server = True
        if gen.cancel.is_set():
            stream.close()
        try:
            for delta in stream:
                if delta.executed_tools:
                    self._take_tools(gen, delta.executed_tools)
                if not (delta.content or delta.reasoning):
                    continue
                if first_token_at is None:
                    first_token_at = time.monotonic()
                self._take_delta(gen, delta.content, delta.reasoning)
        finally:
            with gen.lock:
                gen.stream = None
        return _StreamResult(
            usage=stream.usage,
            request_id=stream.request_id,
            ttft=stream.ttft,
            finish_reason=stream.finish_reason,
            started=started,
            first_token_at=first_token_at,
            ended=time.monotonic(),
        )

    def _complete_blocking(
        self, gen: _Generation, messages: list[dict[str, Any]], params: dict[str, Any], started: float
    ) -> _StreamResult:
        """Structured output: Groq refuses it streamed, so one plain request and the whole reply at once."""
        with gen.lock:
            gen.reached_server = True
        reply = self.client.chat(gen.model, messages, cancel=gen.cancel, **params)
        message = ((reply.raw.get("choices") or [{}])[0].get("message")) or {}
        with gen.lock:
            gen.executed_tools = merge_tools(gen.executed_tools, message.get("executed_tools") or ())
        arrived = time.monotonic()
        if reply.content or reply.reasoning:
            self._take_delta(gen, reply.content, reply.reasoning)
        return _StreamResult(
            usage=reply.usage, request_id=reply.request_id, ttft=arrived - started, finish_reason=reply.finish_reason,
            started=started, first_token_at=arrived, ended=arrived,
        )

    def _take_delta(self, gen: _Generation, content: str, reasoning: str) -> None:
        """Worker thread: add text, schedule one flush to the loop, save now and then."""
        with gen.lock:
            if gen.finished:
                return
            if content:
                gen.content_parts.append(content)
            if reasoning:
                gen.reasoning_parts.append(reasoning)
            gen.streamed_tokens += 1  # Groq sends one token per chunk
            gen.pending_content += content
            gen.pending_reasoning += reasoning
            schedule = not gen.flush_scheduled
            gen.flush_scheduled = True
            now = time.monotonic()
            save = now - gen.last_saved >= self.save_interval
            if save:
                gen.last_saved = now
                snapshot = gen.text()
        if schedule:
            with contextlib.suppress(RuntimeError):  # the loop closed under us: nobody to tell
                gen.loop.call_soon_threadsafe(self._flush, gen)
        if save:
            # Not under ``lock``: the loop thread takes it for every flush and must not wait on SQLite.
            with gen.save_lock:
                if gen.finished:
                    return
                try:
                    self._write(gen.message_id, gen.version, {"content": snapshot[0], "reasoning": snapshot[1]})
                except _STORAGE_ERRORS as exc:
                    log.warning("saving reply %s while it streams failed: %s", gen.message_id, exc)

    def _take_tools(self, gen: _Generation, pieces: Sequence[Mapping[str, Any]]) -> None:
        """Worker thread: what the built-in tools did so far goes to the loop with the next flush."""
        with gen.lock:
            gen.executed_tools = merge_tools(gen.executed_tools, pieces)
            gen.tools_changed = True
            schedule = not gen.flush_scheduled
            gen.flush_scheduled = True
        if schedule:
            with contextlib.suppress(RuntimeError):
                gen.loop.call_soon_threadsafe(self._flush, gen)

    def _flush(self, gen: _Generation) -> None:
        with gen.lock:
            content, reasoning = gen.pending_content, gen.pending_reasoning
            gen.pending_content = gen.pending_reasoning = ""
            gen.flush_scheduled = False
            tools = [dict(t) for t in gen.executed_tools] if gen.tools_changed else None
            gen.tools_changed = False
            if gen.finished:
                return
        if content or reasoning or tools:
            facts = {"executed_tools": tools} if tools else None
            self._emit(gen, ChatEvent("delta", gen.message_id, content, reasoning, facts=facts))

    def _on_job_changed(self, info: JobInfo) -> None:
        gen = self._by_job.get(info.id)
        if gen is None or gen.finished:
            return
        if info.state is JobState.WAITING and info.wait is not None:
            if info.wait.dimension.value not in gen.waited_for:
                gen.waited_for.append(info.wait.dimension.value)
            self._emit(gen, ChatEvent("waiting", gen.message_id, wait=info.wait))

    def _finish(
        self,
        gen: _Generation,
        status: MessageStatus,
        *,
        kind: EventKind,
        error: GroqDesktopError | None = None,
        facts: dict[str, Any] | None = None,
    ) -> None:
        # One locked step: the last unflushed text goes out and the worker can add no more.
        with gen.lock:
            gen.finished = True
            pending = (gen.pending_content, gen.pending_reasoning)
            gen.pending_content = gen.pending_reasoning = ""
            content, reasoning = gen.text()
        if pending[0] or pending[1]:
            self._emit(gen, ChatEvent("delta", gen.message_id, pending[0], pending[1]))
        values: dict[str, Any] = {
            "content": content,
            "reasoning": reasoning,
            "status": status,
            "error": error.user_text() if error is not None else None,
            "facts": facts,
        }
        shown: Message | None = None
        save_error: str | None = None
        try:
            with gen.save_lock:
                shown = self._save_final(gen.message_id, gen.version, status, values)
            self.save_pending()
        except KeyError:
            pass  # the conversation was truncated or deleted under the reply
        except _STORAGE_ERRORS as exc:
            # The reply stays in memory and is saved at the next chance; the generation still ends.
            log.warning("saving the end of reply %s failed: %s", gen.message_id, exc)
            save_error = str(storage_error(exc).user_text())
            shown = _unsaved_row(gen, values, self._cached_row(gen))
            self._unsaved[(gen.message_id, gen.version)] = _Unsaved(status, values, shown)
        except Exception:  # a bug must not leave the conversation busy forever
            log.exception("saving the end of reply %s failed unexpectedly", gen.message_id)
        self._active.pop(gen.message_id, None)
        if gen.job_id is not None:
            self._by_job.pop(gen.job_id, None)
        event = ChatEvent(kind, gen.message_id, error=error, facts=facts, message=shown, save_error=save_error)
        self._emit(gen, event)
        gen.done.set()

    def _save_final(
        self, message_id: int, version: int | None, status: MessageStatus, values: Mapping[str, Any]
    ) -> Message | None:
        """The last save of a reply; returns its row as it should now be shown."""
        if version is None:
            return self.storage.update_message(message_id, **values)
        if status is MessageStatus.COMPLETE:
            self.storage.update_version(message_id, version, **values)
            return self.storage.select_version(message_id, version)
        if values["content"] or values["reasoning"]:
            # Kept as a version the user can browse; its status says it failed or was stopped.
            self.storage.update_version(message_id, version, **values)
            return self.storage.get_message(message_id)
        return self.storage.discard_version(message_id, version)

    def _cached_row(self, gen: _Generation) -> Message | None:
        try:
            return self.storage.get_message(gen.message_id)
        except _STORAGE_ERRORS:
            return None

    def _emit(self, gen: _Generation, event: ChatEvent) -> None:
        try:
            gen.on_event(event)
        except Exception:
            log.exception("chat event handler failed for %s", event.kind)

    def _facts(self, model: str, result: _StreamResult, counted: int) -> dict[str, Any]:
        usage = result.usage
        facts: dict[str, Any] = {
            "model": model,
            "ttft": result.ttft,
            "request_id": result.request_id,
            "finish_reason": result.finish_reason,
            "prompt_tokens": usage.prompt_tokens if usage else None,
            "completion_tokens": usage.completion_tokens if usage else None,
            "cached_tokens": usage.cached_tokens if usage else None,
            "reasoning_tokens": usage.reasoning_tokens if usage else None,
            "queue_time": usage.queue_time if usage else None,
            "total_time": usage.total_time if usage else None,
            "tokens_per_second": None,
        }
        if usage and usage.completion_tokens:
            self.estimator.observe(model, usage.completion_tokens)
        if usage and usage.completion_time and usage.completion_time > 0:
            facts["tokens_per_second"] = usage.completion_tokens / usage.completion_time
        elif usage and result.first_token_at is not None and result.ended > result.first_token_at:
            facts["tokens_per_second"] = usage.completion_tokens / (result.ended - result.first_token_at)
        if usage and usage.prompt_tokens:
            self.token_counter.observe_prompt_tokens(model, counted, usage.prompt_tokens)
        return facts

    def _conversation(self, conversation_id: int) -> Conversation:
        conversation = self.storage.get_conversation(conversation_id)
        if conversation is None:
            raise KeyError(f"no conversation {conversation_id}")
        return conversation

    def _message(self, message_id: int) -> Message:
        message = self.storage.get_message(message_id)
        if message is None:
            raise KeyError(f"no message {message_id}")
        return message


def _continued_facts(previous: Mapping[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The facts of one reply written in parts: tokens add up, the rest is the last part's."""
    merged = dict(new)
    for name in ("completion_tokens", "reasoning_tokens"):
        if previous.get(name) is not None and new.get(name) is not None:
            merged[name] = int(previous[name]) + int(new[name])
    merged["parts"] = int(previous.get("parts") or 1) + 1
    return merged


def _user_content(text: str, attachments: Sequence[Attachment]) -> str | list[dict[str, Any]]:
    """Files inlined with their names before the text; images as parts (resolved to bytes only when sent)."""
    files = [inline_text(a.name, a.text) for a in attachments if not a.is_image]
    body = "\n\n".join([*files, text] if text else files)
    images = [a for a in attachments if a.is_image]
    if not images:
        return body
    parts: list[dict[str, Any]] = [{"type": "text", "text": body}] if body else []
    parts += [{"type": "image_url", "name": a.name, "digest": a.digest, "mime": a.mime} for a in images]
    return parts


def _image_count(messages: Sequence[Mapping[str, Any]]) -> int:
    return sum(
        1 for m in messages if isinstance(m["content"], list) for p in m["content"] if p["type"] == "image_url"
    )


def _turn_starts(history: Sequence[Message], start: int) -> list[int]:
    """Positions of the user messages that begin each turn, from ``start`` on."""
    return [m.position for m in history if m.role == "user" and m.position >= start]


def _partial_cost(gen: _Generation) -> Cost | None:
    """What a stopped or broken stream used: the prompt plus the tokens that arrived, if it got through."""
    with gen.lock:
        if not gen.reached_server:
            return None
        stream, streamed = gen.stream, gen.streamed_tokens
    usage = stream.usage if stream is not None else None
    if usage is not None and usage.total_tokens:
        return Cost.from_usage(usage.prompt_tokens, usage.completion_tokens, usage.cached_tokens)
    return Cost.chat(gen.prompt_tokens, streamed)


def _unsaved_row(gen: _Generation, values: Mapping[str, Any], stored: Message | None) -> Message:
    """The row to show for a reply whose final save failed (built from memory)."""
    now = time.time()
    base = stored or Message(
        gen.message_id, gen.conversation_id, 0, "assistant", "", "", "", gen.model, None, {}, now, now
    )
    return replace(
        base,
        content=values["content"],
        reasoning=values["reasoning"],
        status=str(values["status"]),
        error=values.get("error") or base.error,
        facts=values.get("facts") or base.facts,
    )


def _usage_cost(result: _StreamResult, estimate: int) -> Cost:
    usage = result.usage
    if usage is None or not usage.total_tokens:
        return Cost(tokens=estimate)
    return Cost.from_usage(usage.prompt_tokens, usage.completion_tokens, usage.cached_tokens)


__all__ = [
    "ChatEvent",
    "ChatService",
    "ContextWindowError",
    "ConversationBusyError",
    "auto_title",
    "reasoning_options",
    "request_params",
    "supported_params",
]
