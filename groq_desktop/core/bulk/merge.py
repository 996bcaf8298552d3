"""Reading batch output and error files back into per-row results, keyed by ``custom_id``
(Groq writes them in any order)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RowOutcome:
    custom_id: str
    ok: bool
    output: str = ""
    error: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    request_id: str = ""
    expired: bool = False


def _chat_text(body: Mapping[str, Any]) -> str:
    if "text" in body and "choices" not in body:  # a transcription
        return str(body.get("text") or "")
    choices = body.get("choices") or [{}]
    return str((choices[0].get("message") or {}).get("content") or "")


def outcome_of(line: Mapping[str, Any]) -> RowOutcome:
    custom_id = str(line.get("custom_id", ""))
    response = line.get("response") or {}
    error = line.get("error")
    body = response.get("body") or {}
    status = int(response.get("status_code") or 0)
    request_id = str(response.get("request_id") or (body.get("x_groq") or {}).get("id") or "")
    if error or not 200 <= status < 300:
        detail = error or body.get("error") or {}
        message = detail.get("message") if isinstance(detail, Mapping) else str(detail)
        code = detail.get("code") if isinstance(detail, Mapping) else None
        return RowOutcome(custom_id, False, error=str(message or f"HTTP {status}"), request_id=request_id,
                          expired=code == "batch_expired")
    usage = body.get("usage") or {}
    return RowOutcome(
        custom_id,
        True,
        output=_chat_text(body),
        prompt_tokens=int(usage.get("prompt_tokens") or 0),
        completion_tokens=int(usage.get("completion_tokens") or 0),
        request_id=request_id,
    )


def merge_files(*contents: bytes | None) -> dict[str, RowOutcome]:
    """Output then error files: a success wins over an error line for the same row."""
    merged: dict[str, RowOutcome] = {}
    for content in contents:
        for raw in (content or b"").splitlines():
            if not raw.strip():
                continue
            outcome = outcome_of(json.loads(raw))
            if outcome.custom_id and (outcome.custom_id not in merged or outcome.ok):
                merged[outcome.custom_id] = outcome
    return merged


def json_columns(output: str) -> dict[str, str]:
    """A JSON object reply as columns (nested values as JSON); {} for anything else."""
    text = output.strip()
    if text.startswith("```"):
        text = text.strip("`").removeprefix("json").strip()
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for k, v in value.items()}
