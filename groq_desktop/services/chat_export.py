"""Export a conversation as Markdown (to read) or JSON (to keep), and read the JSON back."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any

from groq_desktop.core.store.storage import Conversation, Message
from groq_desktop.errors import GroqDesktopError

JSON_FORMAT = "groq-desktop-conversation"
JSON_VERSION = 1

_ROLE_HEADINGS = {"user": "You", "assistant": "Assistant", "system": "System"}


class ExportFormatError(GroqDesktopError):
    default_hint = "Pick a file exported by Groq Desktop as JSON."


@dataclass
class ExportedConversation:
    conversation: Conversation
    messages: list[Message]


def to_markdown(conversation: Conversation, messages: Sequence[Message]) -> str:
    lines = [f"# {conversation.title}", ""]
    lines.append(f"*Model: `{conversation.model}` · exported {datetime.now().strftime('%Y-%m-%d %H:%M')}*")
    lines.append("")
    if conversation.system_prompt:
        lines += ["## System prompt", "", conversation.system_prompt, ""]
    for message in messages:
        heading = _ROLE_HEADINGS.get(message.role, message.role.title())
        if message.role == "assistant" and message.model:
            heading += f" ({message.model})"
        if message.status not in ("complete", "streaming") and message.role == "assistant":
            heading += f" — {message.status}"
        if message.version_count > 1:
            # Only the selected version is exported: it is the one the conversation went on from.
            heading += f" — version {message.version} of {message.version_count}"
        lines += [f"## {heading}", ""]
        if message.reasoning:
            lines += ["<details><summary>Reasoning</summary>", "", message.reasoning, "", "</details>", ""]
        lines += [message.content or "*(no text)*", ""]
        if message.error:
            lines += ["> " + line for line in message.error.splitlines()] + [""]
        facts = _facts_line(message.facts)
        if facts:
            lines += [f"<sub>{facts}</sub>", ""]
    return "\n".join(lines).rstrip() + "\n"


def to_json(conversation: Conversation, messages: Sequence[Message]) -> str:
    payload = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "conversation": asdict(conversation),
        "messages": [asdict(m) for m in messages],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def from_json(text: str) -> ExportedConversation:
    """Parse what ``to_json`` wrote back into the same rows."""
    try:
        payload = json.loads(text)
    except ValueError as exc:
        raise ExportFormatError("The file is not valid JSON.") from exc
    if not isinstance(payload, dict) or payload.get("format") != JSON_FORMAT:
        raise ExportFormatError("The file is not a Groq Desktop conversation export.")
    if int(payload.get("version", 0)) > JSON_VERSION:
        raise ExportFormatError("The export was written by a newer Groq Desktop.")
    try:
        conversation = _build(Conversation, payload["conversation"])
        messages = [_build(Message, item) for item in payload["messages"]]
    except (KeyError, TypeError) as exc:
        raise ExportFormatError(f"The export is missing a field: {exc}.") from exc
    return ExportedConversation(conversation, messages)


def _build(cls: type, data: dict[str, Any]) -> Any:
    known = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in known})


def _facts_line(facts: dict[str, Any]) -> str:
    parts: list[str] = []
    if facts.get("tokens_per_second"):
        parts.append(f"{facts['tokens_per_second']:,.0f} tok/s")
    if facts.get("ttft") is not None:
        parts.append(f"first token {facts['ttft']:.2f} s")
    if facts.get("prompt_tokens") is not None:
        parts.append(f"{facts['prompt_tokens']:,} prompt + {facts.get('completion_tokens') or 0:,} reply tokens")
    if facts.get("request_id"):
        parts.append(f"request {facts['request_id']}")
    return " · ".join(parts)
