"""Typed results of Groq's endpoints."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from groq_desktop.core.quota.headers import RateLimitHeaders


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    queue_time: float | None = None
    prompt_time: float | None = None
    completion_time: float | None = None
    total_time: float | None = None
    cached_tokens: int = 0
    reasoning_tokens: int = 0

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Usage | None:
        if not isinstance(data, Mapping):
            return None
        prompt_details = data.get("prompt_tokens_details") or {}
        completion_details = data.get("completion_tokens_details") or {}
        return cls(
            prompt_tokens=int(data.get("prompt_tokens") or 0),
            completion_tokens=int(data.get("completion_tokens") or 0),
            total_tokens=int(data.get("total_tokens") or 0),
            queue_time=_float(data.get("queue_time")),
            prompt_time=_float(data.get("prompt_time")),
            completion_time=_float(data.get("completion_time")),
            total_time=_float(data.get("total_time")),
            cached_tokens=int(prompt_details.get("cached_tokens") or 0),
            reasoning_tokens=int(completion_details.get("reasoning_tokens") or 0),
        )

    @property
    def billable_tokens(self) -> int:
        """Cached tokens don't count against the limits."""
        return max(0, self.total_tokens - self.cached_tokens)


@dataclass(frozen=True)
class ChatCompletion:
    id: str
    model: str
    content: str
    reasoning: str
    finish_reason: str | None
    usage: Usage | None
    request_id: str | None
    rate_limits: RateLimitHeaders = field(default_factory=RateLimitHeaders)
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True)
class ChatDelta:
    """One streamed chunk, reduced to what a UI needs."""

    content: str = ""
    reasoning: str = ""
    finish_reason: str | None = None
    usage: Usage | None = None
    request_id: str | None = None
    executed_tools: tuple[dict[str, Any], ...] = ()
    """Groq's built-in tools (browser_search, code_interpreter) as they run: merge by ``index``."""


@dataclass(frozen=True)
class TranscriptionResult:
    text: str
    language: str | None = None
    duration: float | None = None
    segments: list[dict[str, Any]] = field(default_factory=list)
    words: list[dict[str, Any]] = field(default_factory=list)
    request_id: str | None = None
    rate_limits: RateLimitHeaders = field(default_factory=RateLimitHeaders)
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True)
class RequestRecord:
    """One HTTP request as it ended: what the usage log and the request log line need."""

    endpoint: str
    model: str
    status: int  # 0 when no HTTP answer came
    request_id: str | None
    started_at: float  # wall time
    elapsed: float
    usage: Usage | None = None
    audio_seconds: float = 0.0
    ttft: float | None = None
    error_code: str | None = None
    attempts: int = 1
    characters: int = 0  # text to speech: the input Groq bills by


def _float(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None
