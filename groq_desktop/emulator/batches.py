"""Groq's Batch API in the emulator: ``/files`` (upload, get, content, delete) and ``/batches``
(create, get, list with a cursor, cancel), with Groq's validation, processing in scaled time,
configurable per-line failures and expiry, and the free plan's refusal.

Progress is computed from the clock whenever a batch is read, so no thread runs in the background.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

if TYPE_CHECKING:
    from groq_desktop.emulator.server import _Backend, _Handler

MAX_LINES = 50_000
MAX_FILE_BYTES = 200 * 1000 * 1000
ENDPOINTS = ("/v1/chat/completions", "/v1/audio/transcriptions", "/v1/audio/translations")
MIN_WINDOW, MAX_WINDOW = 24 * 3600.0, 7 * 24 * 3600.0
TERMINAL = ("completed", "failed", "expired", "cancelled")


@dataclass
class BatchSettings:
    """How batches behave, in Groq seconds (divided by the emulator's time scale)."""

    validating_seconds: float = 10.0
    seconds_per_line: float = 0.05
    finalizing_seconds: float = 5.0
    cancelling_seconds: float = 5.0
    fail_every: int = 0  # every Nth valid line fails (0: none)
    expire_after_lines: int | None = None  # the batch expires once this many lines are done


@dataclass
class _File:
    id: str
    filename: str
    purpose: str
    content: bytes
    created_at: int

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "object": "file", "bytes": len(self.content), "created_at": self.created_at,
                "filename": self.filename, "purpose": self.purpose}


@dataclass
class _Line:
    number: int
    custom_id: str | None
    body: dict[str, Any] | None
    url: str
    error: str | None  # why the line is invalid


@dataclass
class _Batch:
    id: str
    input_file_id: str
    endpoint: str
    completion_window: str
    window_seconds: float
    created_at: float  # epoch seconds
    started: float  # emulator clock
    lines: list[_Line]
    metadata: dict[str, Any] | None
    status: str = "validating"
    cancel_at: float | None = None  # emulator clock
    done_lines: int = 0
    stamps: dict[str, float] = field(default_factory=dict)
    output_file_id: str | None = None
    error_file_id: str | None = None
    errors: dict[str, Any] | None = None


class BatchBook:
    """Every file and batch of one emulator; thread-safe."""

    def __init__(self, backend: _Backend) -> None:
        self.settings = BatchSettings()
        self._backend = backend
        self._lock = threading.Lock()
        self._files: dict[str, _File] = {}
        self._batches: dict[str, _Batch] = {}

    @property
    def _scale(self) -> float:
        return self._backend.config.time_scale or 1.0

    def _now(self) -> float:
        return self._backend.config.clock()

    def _epoch(self, at: float) -> int:
        return int(time.time() + (at - self._now()))

    # --- files ---

    def add_file(self, filename: str, purpose: str, content: bytes) -> _File:
        file = _File(f"file_{uuid.uuid4().hex[:24]}", filename, purpose, content, int(time.time()))
        with self._lock:
            self._files[file.id] = file
        return file

    def file(self, file_id: str) -> _File | None:
        with self._lock:
            return self._files.get(file_id)

    def delete_file(self, file_id: str) -> bool:
        with self._lock:
            return self._files.pop(file_id, None) is not None

    # --- batches ---

    def create(self, file: _File, endpoint: str, window: str, window_seconds: float,
               metadata: dict[str, Any] | None) -> _Batch:
        batch = _Batch(
            id=f"batch_{uuid.uuid4().hex[:24]}", input_file_id=file.id, endpoint=endpoint, completion_window=window,
            window_seconds=window_seconds, created_at=time.time(), started=self._now(),
            lines=_parse_lines(file.content, endpoint), metadata=metadata,
        )
        if len(batch.lines) > MAX_LINES:
            batch.status = "failed"
            batch.errors = {"object": "list", "data": [{"code": "too_many_lines", "line": None, "message":
                            f"The input file has {len(batch.lines)} lines; at most {MAX_LINES} are allowed."}]}
            batch.stamps["failed_at"] = batch.started
        with self._lock:
            self._batches[batch.id] = batch
        return batch

    def get(self, batch_id: str) -> _Batch | None:
        with self._lock:
            batch = self._batches.get(batch_id)
            if batch is not None:
                self._advance(batch)
            return batch

    def listing(self, after: str | None, limit: int) -> tuple[list[_Batch], bool]:
        with self._lock:
            ordered = sorted(self._batches.values(), key=lambda b: (-b.created_at, b.id))
            if after is not None:
                ids = [b.id for b in ordered]
                ordered = ordered[ids.index(after) + 1:] if after in ids else []
            page = ordered[:limit]
            for batch in page:
                self._advance(batch)
            return page, len(ordered) > limit

    def cancel(self, batch_id: str) -> _Batch | None:
        with self._lock:
            batch = self._batches.get(batch_id)
            if batch is None:
                return None
            self._advance(batch)
            if batch.status not in TERMINAL and batch.status != "cancelling":
                batch.status = "cancelling"
                batch.cancel_at = self._now()
                batch.stamps["cancelling_at"] = batch.cancel_at
            return batch

    def _advance(self, batch: _Batch) -> None:
        """Bring a batch up to date with the clock (lock held)."""
        if batch.status in TERMINAL:
            return
        s, scale, now = self.settings, self._scale, self._now()
        valid = [line for line in batch.lines if line.error is None]
        processing_from = batch.started + s.validating_seconds / scale
        if batch.status == "validating" and now >= processing_from:
            batch.status = "in_progress"
            batch.stamps["in_progress_at"] = processing_from
        frozen_at = batch.cancel_at if batch.cancel_at is not None else now
        possible = int(max(0.0, frozen_at - processing_from) / (s.seconds_per_line / scale)) if s.seconds_per_line else len(valid)
        batch.done_lines = min(len(valid), possible)
        expires = batch.started + batch.window_seconds / scale
        if batch.status == "cancelling":
            if now >= (batch.cancel_at or now) + s.cancelling_seconds / scale:
                self._close(batch, "cancelled", valid, now)
            return
        if s.expire_after_lines is not None and batch.done_lines >= s.expire_after_lines:
            batch.done_lines = s.expire_after_lines
            self._close(batch, "expired", valid, now)
            return
        if now >= expires and batch.done_lines < len(valid):
            self._close(batch, "expired", valid, now)
            return
        if batch.done_lines >= len(valid) and batch.status == "in_progress":
            finished_at = processing_from + len(valid) * s.seconds_per_line / scale
            batch.status = "finalizing"
            batch.stamps["finalizing_at"] = finished_at
        if batch.status == "finalizing" and now >= batch.stamps["finalizing_at"] + s.finalizing_seconds / scale:
            self._close(batch, "completed", valid, now)

    def _close(self, batch: _Batch, status: str, valid: list[_Line], now: float) -> None:
        outputs, errors = [], []
        for index, line in enumerate(valid):
            if index < batch.done_lines:
                if self.settings.fail_every and (index + 1) % self.settings.fail_every == 0:
                    errors.append(_error_line(line.custom_id, 500, "internal_server_error",
                                              "The model failed on this request (emulator fail_every)."))
                else:
                    outputs.append(_result_line(self._backend, line))
            elif status == "expired":
                errors.append(_error_line(line.custom_id, None, "batch_expired",
                                          "This request could not be executed before the completion window expired."))
            elif status == "cancelled":
                errors.append(_error_line(line.custom_id, None, "batch_cancelled", "The batch was cancelled."))
        for line in batch.lines:
            if line.error is not None:
                errors.append(_error_line(line.custom_id, 400, "invalid_request", f"Line {line.number}: {line.error}"))
        if outputs:
            batch.output_file_id = self._store_result(batch, "output", outputs).id
        if errors:
            batch.error_file_id = self._store_result(batch, "error", errors).id
        batch.status = status
        batch.stamps[f"{status}_at"] = now

    def _store_result(self, batch: _Batch, kind: str, lines: list[dict[str, Any]]) -> _File:
        content = b"".join(json.dumps(line, separators=(",", ":")).encode() + b"\n" for line in lines)
        file = _File(f"file_{uuid.uuid4().hex[:24]}", f"{batch.id}_{kind}.jsonl", f"batch_{kind}", content,
                     int(time.time()))
        self._files[file.id] = file
        return file

    def to_json(self, batch: _Batch) -> dict[str, Any]:
        valid = sum(line.error is None for line in batch.lines)
        invalid = len(batch.lines) - valid
        failed = invalid + (batch.done_lines // self.settings.fail_every if self.settings.fail_every else 0)
        if batch.status in ("expired", "cancelled"):
            failed += valid - batch.done_lines
        stamps = {name: self._epoch(at) for name, at in batch.stamps.items()}
        return {
            "id": batch.id, "object": "batch", "endpoint": batch.endpoint, "errors": batch.errors,
            "input_file_id": batch.input_file_id, "completion_window": batch.completion_window,
            "status": batch.status, "output_file_id": batch.output_file_id, "error_file_id": batch.error_file_id,
            "created_at": int(batch.created_at),
            "expires_at": self._epoch(batch.started + batch.window_seconds / self._scale),
            **{name: stamps.get(name) for name in ("in_progress_at", "finalizing_at", "completed_at", "failed_at",
                                                   "expired_at", "cancelling_at", "cancelled_at")},
            "request_counts": {"total": len(batch.lines), "completed": batch.done_lines - (
                batch.done_lines // self.settings.fail_every if self.settings.fail_every else 0),
                "failed": failed},
            "metadata": batch.metadata,
        }


def _parse_lines(content: bytes, endpoint: str) -> list[_Line]:
    lines: list[_Line] = []
    seen: set[str] = set()
    for number, raw in enumerate(content.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            value = json.loads(raw)
        except ValueError:
            lines.append(_Line(number, None, None, "", "not valid JSON"))
            continue
        if not isinstance(value, dict):
            lines.append(_Line(number, None, None, "", "a line must be a JSON object"))
            continue
        custom_id, body, url = value.get("custom_id"), value.get("body"), value.get("url", "")
        error = None
        if not isinstance(custom_id, str) or not custom_id:
            error, custom_id = "'custom_id' is missing", None
        elif custom_id in seen:
            error = f"duplicate custom_id {custom_id!r}"
        elif value.get("method") != "POST":
            error = "'method' must be POST"
        elif url != endpoint:
            error = f"'url' {url!r} does not match the batch's endpoint {endpoint!r}"
        elif not isinstance(body, dict):
            error = "'body' must be an object"
        if custom_id:
            seen.add(custom_id)
        lines.append(_Line(number, custom_id, body if isinstance(body, dict) else None, url, error))
    return lines


def _error_line(custom_id: str | None, status: int | None, code: str, message: str) -> dict[str, Any]:
    return {"id": f"batch_req_{uuid.uuid4().hex[:24]}", "custom_id": custom_id,
            "response": {"status_code": status, "request_id": None, "body": None} if status else None,
            "error": {"code": code, "message": message}}


def _result_line(backend: _Backend, line: _Line) -> dict[str, Any]:
    from groq_desktop.emulator import server  # the chat replies live there; imported late (it imports us)

    request_id = server._new_request_id()
    body = dict(line.body or {})
    try:
        server.validate_chat_request(body) if line.url.endswith("chat/completions") else None
        answer = _answer(server, backend, line.url, body, request_id)
        status = 200
    except server.ApiFailure as failure:
        answer, status = failure.body, failure.status
    return {"id": f"batch_req_{uuid.uuid4().hex[:24]}", "custom_id": line.custom_id,
            "response": {"status_code": status, "request_id": request_id, "body": answer}, "error": None}


def _answer(server: Any, backend: _Backend, url: str, body: dict[str, Any], request_id: str) -> dict[str, Any]:
    model = server.find_model(str(body.get("model", "")))
    if model is None:
        raise server.ApiFailure(404, f"The model `{body.get('model')}` does not exist.", code="model_not_found")
    if not url.endswith("chat/completions"):
        # Audio by URL: the emulator does not fetch it; a stand-in transcript keyed by the URL.
        seed = server.textgen.stable_seed("batch-audio", str(body.get("url", "")))
        return {"text": "".join(server.textgen.reply_pieces(seed, 20)).strip(), "x_groq": {"id": request_id}}
    prompt_tokens = backend.token_counter.count_messages(model.id, body["messages"])
    reply = server.plan_reply(model, body, backend.config)
    content = "".join(reply.content)
    response_format = body.get("response_format") or {}
    if response_format.get("type") == "json_schema":
        schema = (response_format.get("json_schema") or {}).get("schema") or {}
        content = json.dumps(_example_of(schema, content.split() or ["text"]))
    message: dict[str, Any] = {"role": "assistant", "content": content}
    return {
        "id": f"chatcmpl-{uuid.uuid4()}", "object": "chat.completion", "created": int(time.time()),
        "model": model.id,
        "choices": [{"index": 0, "message": message, "finish_reason": reply.finish_reason}],
        "usage": server._usage(prompt_tokens, reply.completion_tokens, len(reply.reasoning),
                               backend.config.tokens_per_second),
        "x_groq": {"id": request_id},
    }


def _example_of(schema: dict[str, Any], words: list[str]) -> Any:
    """A value that fits ``schema`` (structured outputs), made from the reply's words."""
    kind = schema.get("type")
    if "enum" in schema:
        return schema["enum"][len(words) % len(schema["enum"])]
    if kind == "object":
        return {name: _example_of(sub, words[i:] or words) for i, (name, sub) in
                enumerate((schema.get("properties") or {}).items())}
    if kind == "array":
        return [_example_of(schema.get("items") or {}, words)]
    if kind in ("integer", "number"):
        return len(words[0])
    if kind == "boolean":
        return len(words) % 2 == 0
    return " ".join(words[:6])


# --- HTTP ---------------------------------------------------------------------------------------


def book_of(backend: _Backend) -> BatchBook:
    book = backend.__dict__.get("batches")
    if book is None:
        book = backend.__dict__.setdefault("batches", BatchBook(backend))
    return book


def _window_seconds(window: Any) -> float:
    """``24h`` .. ``7d`` (hours or days)."""
    units = {"h": 3600.0, "d": 86400.0}
    if not isinstance(window, str) or len(window) < 2 or window[-1] not in units:
        raise ValueError
    seconds = float(window[:-1]) * units[window[-1]]
    if not MIN_WINDOW <= seconds <= MAX_WINDOW:
        raise ValueError
    return seconds


def handle(handler: _Handler, method: str, route: str, body: bytes) -> None:
    """Serve one ``/files`` or ``/batches`` request (``route`` without the /openai/v1 prefix)."""
    from groq_desktop.emulator.server import ApiFailure, parse_multipart

    book = book_of(handler._backend)
    parts = [unquote(p) for p in route.strip("/").split("/")]
    query = parse_qs(urlsplit(handler.path).query)

    def not_found(what: str, ident: str) -> ApiFailure:
        return ApiFailure(404, f"{what} {ident} not found", code="not_found")

    if parts[0] == "files":
        if method == "POST" and len(parts) == 1:
            form = parse_multipart(handler.headers.get("Content-Type", ""), body)
            upload = form.first("file")
            purpose = form.text("purpose")
            if purpose != "batch":
                raise ApiFailure(400, "'purpose' : value must be 'batch'", param="purpose")
            if upload is None:
                raise ApiFailure(400, "'file' : property 'file' is missing", param="file")
            if len(upload.data) > MAX_FILE_BYTES:
                raise ApiFailure(413, f"The file is larger than {MAX_FILE_BYTES} bytes.", code="file_too_large")
            handler._send_json(200, book.add_file(upload.filename or "batch.jsonl", purpose, upload.data).to_json())
            return
        file = book.file(parts[1]) if len(parts) > 1 else None
        if file is None:
            raise not_found("File", parts[1] if len(parts) > 1 else "")
        if method == "GET" and len(parts) == 2:
            handler._send_json(200, file.to_json())
        elif method == "GET" and len(parts) == 3 and parts[2] == "content":
            handler._send_body(200, file.content, "application/octet-stream")
        elif method == "DELETE" and len(parts) == 2:
            book.delete_file(file.id)
            handler._send_json(200, {"id": file.id, "object": "file", "deleted": True})
        else:
            raise handler._unknown_url(method)
        return
    if method == "POST" and len(parts) == 1:
        request = handler._json_object(body)
        if handler._backend.config.plan == "free":
            raise ApiFailure(403, "Batch processing is not available on the free tier. Upgrade to the Developer "
                             "tier at https://console.groq.com/settings/billing to use the Batch API.",
                             "permission_error", code="batch_not_available")
        file = book.file(str(request.get("input_file_id", "")))
        if file is None:
            raise ApiFailure(400, "'input_file_id' : file not found", param="input_file_id")
        if file.purpose != "batch":
            raise ApiFailure(400, "'input_file_id' : the file's purpose must be 'batch'", param="input_file_id")
        endpoint = request.get("endpoint")
        if endpoint not in ENDPOINTS:
            raise ApiFailure(400, f"'endpoint' : value must be one of {', '.join(ENDPOINTS)}", param="endpoint")
        try:
            seconds = _window_seconds(request.get("completion_window"))
        except (ValueError, TypeError):
            raise ApiFailure(400, "'completion_window' : value must be between 24h and 7d",
                             param="completion_window") from None
        batch = book.create(file, str(endpoint), str(request["completion_window"]), seconds, request.get("metadata"))
        handler._send_json(200, book.to_json(batch))
    elif method == "GET" and len(parts) == 1:
        limit = max(1, min(100, int((query.get("limit") or ["20"])[0])))
        page, more = book.listing((query.get("after") or [None])[0], limit)
        data = [book.to_json(b) for b in page]
        handler._send_json(200, {"object": "list", "data": data, "first_id": data[0]["id"] if data else None,
                                 "last_id": data[-1]["id"] if data else None, "has_more": more})
    elif method == "GET" and len(parts) == 2:
        batch = book.get(parts[1])
        if batch is None:
            raise not_found("Batch", parts[1])
        handler._send_json(200, book.to_json(batch))
    elif method == "POST" and len(parts) == 3 and parts[2] == "cancel":
        batch = book.cancel(parts[1])
        if batch is None:
            raise not_found("Batch", parts[1])
        handler._send_json(200, book.to_json(batch))
    else:
        raise handler._unknown_url(method)
