"""Export a conversation as Markdown (to read) or JSON (to keep), and read either back.

In Markdown each message is a level-2 heading ("You", "Assistant (model)") preceded by a marker
comment; headings inside a message are demoted below it (``# Plan`` becomes ``### Plan``) so the
export's outline stays the conversation's, and the marker records the shift so reading back
restores the message exactly.

Attachments: in Markdown, images are links to files written next to the export (``<name>_images/``)
and files are collapsed ``<details>`` blocks with their text. In JSON each message has
``attachments``: ``kind`` ("image" or "file"), ``name``, ``mime``, ``digest`` (sha256 of the image
bytes), ``size``, ``width``, ``height``, ``text`` (a file's extracted text), ``note`` and, for images,
``data_base64`` (the image bytes as sent, base64), so the export stands alone.

The Markdown's headings and facts stay English whatever the app's language: they are a file format
that ``from_markdown`` reads back; only the errors shown on import are translated.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from groq_desktop.core.attachments import Attachment, AttachmentKind
from groq_desktop.core.attachments.store import BlobStore
from groq_desktop.core.store.storage import Conversation, Message
from groq_desktop.errors import GroqDesktopError
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate

JSON_FORMAT = "groq-desktop-conversation"
JSON_VERSION = 1

_ROLE_HEADINGS = {"user": "You", "assistant": "Assistant", "system": "System"}
HEADING_SHIFT = 2
"""Message headings are level 2, so a message's own headings start at level 3."""
_MARKER = re.compile(r"^<!-- groq-desktop message role=(\w+) shift=(\d) -->$")
_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")
_CONTENT_START = "<!-- text -->"
_CONTENT_END = "<!-- /text -->"
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


class ExportFormatError(GroqDesktopError):
    default_hint = QT_TRANSLATE_NOOP("GroqDesktopError", "Pick a file exported by Groq Desktop as JSON.")


@dataclass
class ExportedConversation:
    conversation: Conversation
    messages: list[Message]


def to_markdown(
    conversation: Conversation, messages: Sequence[Message], image_links: Mapping[str, str] | None = None
) -> str:
    """``image_links``: digest -> where ``export_images`` wrote the image (relative to the Markdown file)."""
    lines = [f"# {conversation.title}", ""]
    lines.append(f"*Model: `{conversation.model}` · exported {datetime.now().strftime('%Y-%m-%d %H:%M')}*")
    lines.append("")
    if conversation.system_prompt:
        prompt = conversation.system_prompt
        lines += ["## System prompt", "", shift_headings(prompt, _heading_shift(prompt)), ""]
    for message in messages:
        heading = _ROLE_HEADINGS.get(message.role, message.role.title())
        if message.role == "assistant" and message.model:
            heading += f" ({message.model})"
        if message.status not in ("complete", "streaming") and message.role == "assistant":
            heading += f" — {message.status}"
        if message.version_count > 1:
            # Only the selected version is exported: it is the one the conversation went on from.
            heading += f" — version {message.version} of {message.version_count}"
        shift = _heading_shift(message.content)
        lines += [f"<!-- groq-desktop message role={message.role} shift={shift} -->", f"## {heading}", ""]
        if message.reasoning:
            lines += ["<details><summary>Reasoning</summary>", "", message.reasoning, "", "</details>", ""]
        lines += _tools_markdown((message.facts or {}).get("executed_tools"))
        lines += _attachment_lines(message.attachments, image_links or {})
        if message.content:
            lines += [_CONTENT_START, shift_headings(message.content, shift), _CONTENT_END, ""]
        else:
            lines += ["*(no text)*", _CONTENT_START, _CONTENT_END, ""]
        if message.error:
            lines += ["> " + line for line in message.error.splitlines()] + [""]
        facts = _facts_line(message.facts)
        if facts:
            lines += [f"<sub>{facts}</sub>", ""]
    return "\n".join(lines).rstrip() + "\n"


def _attachment_lines(attachments: Sequence[Attachment], links: Mapping[str, str]) -> list[str]:
    lines: list[str] = []
    for attachment in attachments:
        if attachment.is_image:
            target = links.get(attachment.digest, attachment.name).replace(" ", "%20")
            lines += [f"![{attachment.name}]({target})", ""]
        else:
            fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", attachment.text)), default=0))
            lines += [f"<details><summary>📄 {attachment.name}</summary>", "", fence, attachment.text, fence, "",
                      "</details>", ""]
    return lines


def export_images(messages: Sequence[Message], blobs: BlobStore, folder: Path, relative_to: Path) -> dict[str, str]:
    """Write every attached image into ``folder``; returns digest -> path relative to ``relative_to``."""
    links: dict[str, str] = {}
    for message in messages:
        for attachment in message.attachments:
            if not attachment.is_image or attachment.digest in links:
                continue
            suffix = {"image/png": ".png", "image/webp": ".webp"}.get(attachment.mime, ".jpg")
            stem = re.sub(r"[^\w.-]+", "_", Path(attachment.name).stem)[:40] or "image"
            target = folder / f"{stem}-{attachment.digest[:10]}{suffix}"
            folder.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blobs.get(attachment.digest))
            links[attachment.digest] = target.relative_to(relative_to).as_posix()
    return links


def from_markdown(text: str) -> list[tuple[str, str]]:
    """Read back what ``to_markdown`` wrote: (role, content) of each message, headings restored."""
    found: list[tuple[str, str]] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        marker = _MARKER.match(lines[i])
        if marker is None:
            i += 1
            continue
        role, shift = marker.group(1), int(marker.group(2))
        i += 1
        while i < len(lines) and lines[i] != _CONTENT_START:
            i += 1
        body: list[str] = []
        i += 1
        while i < len(lines) and lines[i] != _CONTENT_END:
            body.append(lines[i])
            i += 1
        found.append((role, shift_headings("\n".join(body), -shift)))
    return found


def _heading_shift(content: str) -> int:
    """How far this message's headings can go down without passing level 6 (at most HEADING_SHIFT)."""
    lines = content.split("\n")
    deepest = max((len(m.group(2)) for _, m in _headings(lines)), default=0)
    return max(0, min(HEADING_SHIFT, 6 - deepest))


def _headings(lines: list[str]) -> list[tuple[int, re.Match[str]]]:
    """(line number, match) of the ATX headings outside fenced code blocks."""
    found = []
    fence = ""
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        heading = _HEADING.match(line)
        if heading:
            found.append((number, heading))
    return found


def shift_headings(content: str, shift: int) -> str:
    """Move every heading outside code blocks ``shift`` levels down (negative: up)."""
    if not shift:
        return content
    lines = content.split("\n")
    for number, match in _headings(lines):
        level = max(1, len(match.group(2)) + shift)
        lines[number] = match.group(1) + "#" * level + lines[number][match.end(2) :]
    return "\n".join(lines)


def to_json(
    conversation: Conversation, messages: Sequence[Message], image_bytes: Callable[[str], bytes] | None = None
) -> str:
    """``image_bytes`` (digest -> bytes) puts each image into the export as ``data_base64``."""

    def message(m: Message) -> dict[str, Any]:
        data = asdict(m)
        data["attachments"] = [_attachment_json(a, image_bytes) for a in m.attachments]
        return data

    payload = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "conversation": asdict(conversation),
        "messages": [message(m) for m in messages],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def from_json(text: str) -> ExportedConversation:
    """Parse what ``to_json`` wrote back into the same rows."""
    try:
        payload = json.loads(text)
    except ValueError as exc:
        raise ExportFormatError(translate("chat_export", "The file is not valid JSON.")) from exc
    if not isinstance(payload, dict) or payload.get("format") != JSON_FORMAT:
        raise ExportFormatError(translate("chat_export", "The file is not a Groq Desktop conversation export."))
    if int(payload.get("version", 0)) > JSON_VERSION:
        raise ExportFormatError(translate("chat_export", "The export was written by a newer Groq Desktop."))
    try:
        conversation = _build(Conversation, payload["conversation"])
        messages = [_message(item) for item in payload["messages"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise ExportFormatError(
            translate("chat_export", "The export is missing a field: {field}.").format(field=exc)
        ) from exc
    return ExportedConversation(conversation, messages)


def _attachment_json(attachment: Attachment, image_bytes: Callable[[str], bytes] | None) -> dict[str, Any]:
    data = asdict(attachment)
    data["kind"] = str(attachment.kind)
    if attachment.is_image and image_bytes is not None:
        data["data_base64"] = base64.b64encode(image_bytes(attachment.digest)).decode("ascii")
    return data


def _message(item: dict[str, Any]) -> Message:
    attachments = tuple(
        _build(Attachment, {**a, "kind": AttachmentKind(a["kind"])}) for a in item.get("attachments") or ()
    )
    return _build(Message, {**item, "attachments": attachments})


def _build(cls: type, data: dict[str, Any]) -> Any:
    known = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in known})


def _tools_markdown(tools: Any) -> list[str]:
    """What Groq's built-in tools did: searches with linked sources, code and its output."""
    if not isinstance(tools, list) or not tools:
        return []
    lines = ["<details><summary>Tools</summary>", ""]
    for tool in (t for t in tools if isinstance(t, dict)):
        try:
            args = json.loads(tool.get("arguments") or "{}")
        except (TypeError, ValueError):
            args = {}
        args = args if isinstance(args, dict) else {}
        if tool.get("type") == "browser_search":
            lines += [f"**Searched** “{args.get('query', '')}”", ""]
            results = (tool.get("search_results") or {}).get("results") or []
            lines += [f"{i}. [{r.get('title') or r.get('url')}]({r.get('url')})" for i, r in enumerate(results, 1)
                      if isinstance(r, dict)]
            lines.append("")
        elif tool.get("type") == "code_interpreter":
            lines += ["**Ran Python**", "", "```python", str(args.get("code", "")).rstrip(), "```", ""]
            if tool.get("output"):
                lines += ["Output:", "", "```text", str(tool["output"]).rstrip(), "```", ""]
        else:
            lines += [f"**{tool.get('type', 'tool')}**", ""]
    return lines + ["</details>", ""]


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
