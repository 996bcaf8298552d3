"""The Batch API's input file: one request per line, split at Groq's per-file limits."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from groq_desktop.i18n import number, translate

MAX_LINES = 50_000
MAX_BYTES = 200 * 1000 * 1000  # Groq's "200 MB" (decimal, like its other sizes)
CHAT_URL = "/v1/chat/completions"
TRANSCRIPTION_URL = "/v1/audio/transcriptions"


def request_line(custom_id: str, body: Mapping[str, Any], url: str = CHAT_URL) -> bytes:
    line = {"custom_id": custom_id, "method": "POST", "url": url, "body": body}
    return json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


@dataclass(frozen=True)
class BatchFile:
    content: bytes
    custom_ids: tuple[str, ...]

    @property
    def lines(self) -> int:
        return len(self.custom_ids)


def split_lines(
    lines: Iterable[tuple[str, bytes]], max_lines: int = MAX_LINES, max_bytes: int = MAX_BYTES
) -> list[BatchFile]:
    """Pack ``(custom_id, line)`` pairs into files under both limits, in order."""
    files: list[BatchFile] = []
    parts: list[bytes] = []
    ids: list[str] = []
    size = 0
    for custom_id, line in lines:
        if len(line) > max_bytes:
            raise ValueError(
                translate("bulk_jsonl", "The request {custom_id} alone is larger than {limit} bytes.").format(
                    custom_id=custom_id, limit=number(max_bytes)
                )
            )
        if parts and (len(ids) >= max_lines or size + len(line) > max_bytes):
            files.append(BatchFile(b"".join(parts), tuple(ids)))
            parts, ids, size = [], [], 0
        parts.append(line)
        ids.append(custom_id)
        size += len(line)
    if parts:
        files.append(BatchFile(b"".join(parts), tuple(ids)))
    return files
