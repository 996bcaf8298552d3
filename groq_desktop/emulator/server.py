"""A Groq-compatible HTTP server on loopback: the app's demo mode and the target of every
integration test and benchmark. It speaks Groq's API shapes, headers and rate limits, and can
misbehave on request (``Fault``) so clients can be tested against real failure modes.
"""

from __future__ import annotations

import contextlib
import email.parser
import email.utils
import hmac
import ipaddress
import json
import logging
import os
import socket
import struct
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

from groq_desktop.core.catalogue import shipped_catalogue
from groq_desktop.core.quota.limits import Cost, LimitTable, ModelLimits
from groq_desktop.core.token_counter import TokenCounter
from groq_desktop.emulator import batches, builtin_tools, speech, textgen, tts
from groq_desktop.emulator.models import CatalogueModel, ModelKind, find_model, models_list_json, retirement
from groq_desktop.emulator.prompt_cache import PromptCache
from groq_desktop.emulator.quota import AUDIO_DIMENSIONS, CHAT_DIMENSIONS, QuotaBook, Rejection

log = logging.getLogger(__name__)

API_PREFIX = "/openai/v1"
FAULT_HEADER = "x-emulator-fault"


class Fault(StrEnum):
    HTTP_500 = "http_500"
    HTTP_502 = "http_502"
    HTTP_503 = "http_503"
    HTTP_498 = "http_498"  # flex capacity exceeded
    RESET = "reset"  # connection closed before any response
    CUT = "cut"  # stream: closed mid-way without [DONE]; otherwise closed right after the headers
    STALL = "stall"  # stream: silent for stall_seconds mid-way; otherwise before answering
    MALFORMED = "malformed"  # stream: one event of invalid JSON; otherwise a truncated JSON body
    STREAM_ERROR = "stream_error"  # stream: an error event mid-way, then the end; otherwise a 500


@dataclass
class EmulatorConfig:
    plan: str = "free"
    limits: LimitTable | None = None  # None: the shipped table
    time_scale: float = 1.0  # 60: a minute of quota refills in a second
    tokens_per_second: float = 1000.0  # stream pacing, real time
    tokens_per_chunk: int = 1
    api_key: str | None = None  # None: any "gsk_" key of 8+ more characters
    max_upload_bytes: int = 25 * 1024 * 1024
    default_reply_tokens: tuple[int, int] = (40, 400)
    seed: int = 0
    stall_seconds: float = 30.0
    clock: Callable[[], float] = time.monotonic  # quota clock; tests may pass a fake one
    tts_latency: tuple[float, float] = (0.0, 0.0)  # /audio/speech: seconds per request, per character
    # No x-ratelimit-* headers at all: a client must learn the limits (enforced as ``limits`` says).
    unknown_limits: bool = False
    # Retired ids: 404 model_not_found (today's answer) or, as older shutdowns did, 400 model_decommissioned.
    decommissioned_as_400: bool = False
    # Repeated leading messages come back as usage.prompt_tokens_details.cached_tokens (per key).
    prompt_cache: bool = True
    # Reasoning models show their reasoning unless the request hides it (as Groq). False: never, for
    # tests that look at the reply text alone.
    reasoning: bool = True


class EmulatorStats:
    """Thread-safe counters of what the emulator served."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests = 0
        self._by_status: Counter[int] = Counter()
        self._by_model: Counter[str] = Counter()
        self._faults: Counter[str] = Counter()
        self._refusals: Counter[tuple[str, str]] = Counter()
        self._images: list[list[str]] = []

    def record_images(self, urls: list[str]) -> None:
        with self._lock:
            self._images.append(urls)

    @property
    def images_seen(self) -> list[list[str]]:
        """Per chat request that passed the schema check, the image URLs it carried."""
        with self._lock:
            return [list(urls) for urls in self._images]

    def record_refusal(self, rejection: Rejection) -> None:
        with self._lock:
            self._refusals[(rejection.model, rejection.dimension.value)] += 1

    @property
    def refusals(self) -> dict[tuple[str, str], int]:
        """429 and 413 quota refusals by (model, dimension)."""
        with self._lock:
            return dict(self._refusals)

    def record_request(self) -> None:
        with self._lock:
            self._requests += 1

    def record_status(self, status: int) -> None:
        with self._lock:
            self._by_status[status] += 1

    def record_model(self, model: str) -> None:
        with self._lock:
            self._by_model[model] += 1

    def record_fault(self, fault: Fault) -> None:
        with self._lock:
            self._faults[fault.value] += 1

    @property
    def requests(self) -> int:
        with self._lock:
            return self._requests

    @property
    def by_status(self) -> dict[int, int]:
        with self._lock:
            return dict(self._by_status)

    @property
    def by_model(self) -> dict[str, int]:
        with self._lock:
            return dict(self._by_model)

    @property
    def faults(self) -> dict[str, int]:
        with self._lock:
            return dict(self._faults)

    @property
    def rate_limited(self) -> int:
        return self.count(429)

    def count(self, status: int) -> int:
        with self._lock:
            return self._by_status.get(status, 0)


@dataclass
class _FaultRule:
    kind: Fault
    remaining: int
    path_contains: str | None


class _FaultPlan:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[_FaultRule] = []

    def add(self, kind: Fault, times: int, path_contains: str | None) -> None:
        if times > 0:
            with self._lock:
                self._rules.append(_FaultRule(kind, times, path_contains))

    def take(self, path: str) -> Fault | None:
        with self._lock:
            for rule in self._rules:
                if rule.path_contains is None or rule.path_contains in path:
                    rule.remaining -= 1
                    if rule.remaining <= 0:
                        self._rules.remove(rule)
                    return rule.kind
        return None


class ApiFailure(Exception):
    """An error answer in Groq's shape: ``{"error": {"message", "type", "code"?, "param"?}}``."""

    def __init__(
        self,
        status: int,
        message: str,
        error_type: str = "invalid_request_error",
        code: str | None = None,
        param: str | None = None,
        headers: dict[str, str] | None = None,
        body: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}
        error: dict[str, Any] = {"message": message, "type": error_type}
        if code is not None:
            error["code"] = code
        if param is not None:
            error["param"] = param
        self.body = body or {"error": error}


def _bad_request(message: str, param: str | None = None, code: str | None = None) -> ApiFailure:
    return ApiFailure(400, message, param=param, code=code)


def _too_large(limit: int) -> ApiFailure:
    return ApiFailure(
        413,
        f"Request Entity Too Large: the request body is larger than {limit} bytes.",
        code="request_too_large",
    )


_LINGER_SECONDS = 1.0
_LINGER_BYTES = 1 << 20


def _rate_limit_failure(rejection: Rejection) -> ApiFailure:
    headers = {"retry-after": str(rejection.retry_after)} if rejection.retry_after else {}
    return ApiFailure(rejection.status, rejection.message, headers=headers, body=rejection.error_body())


_FAULT_FAILURES: dict[Fault, tuple[int, str, str, str | None]] = {
    Fault.HTTP_500: (500, "Internal Server Error", "internal_server_error", None),
    Fault.HTTP_502: (502, "Bad Gateway", "internal_server_error", None),
    Fault.HTTP_503: (503, "Service Unavailable", "internal_server_error", "service_unavailable"),
    Fault.HTTP_498: (
        498,
        "Request could not be processed: flex tier capacity exceeded. Please try again later.",
        "capacity_exceeded",
        "capacity_exceeded",
    ),
    Fault.STREAM_ERROR: (500, "The model stopped generating (emulator stream_error fault).",
                         "internal_server_error", None),
}


def _fault_failure(fault: Fault) -> ApiFailure:
    status, message, error_type, code = _FAULT_FAILURES[fault]
    return ApiFailure(status, message, error_type, code)


class _ConnectionGone(Exception):
    """The client went away mid-response."""


def _json_bytes(payload: Any) -> bytes:
    # Raw UTF-8 (not \\u escapes), like Groq: catches clients that decode with the wrong charset.
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


_MAX_NESTING = 64


def _nesting(value: Any) -> int:
    """How deep lists and objects nest (iteratively: a deep value must not exhaust the stack)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        if deepest > _MAX_NESTING:
            break
        stack.extend((child, depth + 1) for child in children)
    return deepest


_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


def _new_request_id() -> str:
    """``req_`` and a lower-case ULID, like Groq's request ids."""
    value = (int(time.time() * 1000) << 80) | int.from_bytes(os.urandom(10), "big")
    chars = []
    for _ in range(26):
        value, digit = divmod(value, 32)
        chars.append(_CROCKFORD[digit])
    return "req_" + "".join(reversed(chars))


def _fingerprint(model: str) -> str:
    return f"fp_{textgen.stable_seed('fingerprint', model):016x}"[:13]


# --- chat request checks -----------------------------------------------------------------

_ROLES = {"system", "user", "assistant", "tool", "developer"}


def validate_chat_request(request: dict[str, Any]) -> None:
    """The schema checks Groq makes before looking at the model; raises ``ApiFailure`` (400)."""
    model = request.get("model")
    if not isinstance(model, str) or not model:
        raise _bad_request("'model' : property 'model' is missing", "model")
    messages = request.get("messages")
    if messages is None:
        raise _bad_request("'messages' : property 'messages' is missing", "messages")
    if not isinstance(messages, list):
        raise _bad_request("'messages' : value must be an array", "messages")
    if not messages:
        raise _bad_request("'messages' : minimum number of items is 1", "messages")
    for i, message in enumerate(messages):
        if not isinstance(message, dict):
            raise _bad_request(f"'messages.{i}' : value must be an object", f"messages.{i}")
        role = message.get("role")
        if not isinstance(role, str) or role not in _ROLES:
            raise _bad_request(
                f"'messages.{i}' : discriminator property 'role' has invalid value", f"messages.{i}.role"
            )
        _check_content(message, i, role)
        if "name" in message:
            raise _bad_request(
                f"'messages.{i}' : for 'role:{role}' the following must be satisfied"
                f"[('messages.{i}.name' : property 'name' is unsupported)]",
                f"messages.{i}.name",
            )
    n = request.get("n")
    if n is not None and n != 1:
        raise _bad_request("'n' : number must be at most 1", "n")
    if request.get("logprobs"):
        raise _bad_request("'logprobs' : logprobs is not supported", "logprobs")
    for unsupported in ("logit_bias", "top_logprobs"):
        if request.get(unsupported) is not None:
            raise _bad_request(f"'{unsupported}' : property '{unsupported}' is unsupported", unsupported)
    _check_number(request, "temperature", 0.0, 2.0)
    _check_number(request, "top_p", 0.0, 1.0)
    if not isinstance(request.get("stream", False), bool | None):
        raise _bad_request("'stream' : value must be a boolean", "stream")
    stream_options = request.get("stream_options")
    if stream_options is not None:
        if not isinstance(stream_options, dict):
            raise _bad_request("'stream_options' : value must be an object", "stream_options")
        if not isinstance(stream_options.get("include_usage", False), bool | None):
            raise _bad_request("'stream_options.include_usage' : value must be a boolean",
                               "stream_options.include_usage")
    for key in ("max_completion_tokens", "max_tokens"):
        value = request.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
            raise _bad_request(f"'{key}' : number must be at least 1", key)


def _check_content(message: dict[str, Any], i: int, role: str) -> None:
    param = f"messages.{i}.content"
    content = message.get("content")
    if content is None:
        if role != "assistant":  # an assistant turn may carry only tool calls
            raise _bad_request(
                f"'messages.{i}' : for 'role:{role}' the following must be satisfied"
                f"[('{param}' : property 'content' is missing)]",
                param,
            )
        return
    if isinstance(content, str):
        return
    if not isinstance(content, list):
        raise _bad_request(f"'{param}' : value must be a string or an array", param)
    for j, part in enumerate(content):
        where = f"{param}.{j}"
        kind = part.get("type") if isinstance(part, dict) else None
        if kind == "text" and isinstance(part.get("text"), str):
            continue
        image = part.get("image_url") if kind == "image_url" else None
        if isinstance(image, dict) and isinstance(image.get("url"), str):
            continue
        raise _bad_request(f"'{where}' : value must be a text or image_url part", where)


def _check_number(request: dict[str, Any], key: str, low: float, high: float) -> None:
    value = request.get(key)
    if value is None:
        return
    if not isinstance(value, int | float) or isinstance(value, bool) or not low <= value <= high:
        raise _bad_request(f"'{key}' : number must be between {low:g} and {high:g}", key)


def _max_tokens(request: dict[str, Any]) -> tuple[int | None, str]:
    if request.get("max_completion_tokens") is not None:
        return int(request["max_completion_tokens"]), "max_completion_tokens"
    if request.get("max_tokens") is not None:
        return int(request["max_tokens"]), "max_tokens"
    return None, "max_completion_tokens"


def _message_text(message: dict[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return ""


def _shows_reasoning(model: CatalogueModel, request: dict[str, Any]) -> bool:
    if not model.reasons:
        return False
    if request.get("reasoning_format") == "hidden" or request.get("include_reasoning") is False:
        return False
    return request.get("reasoning_effort") != "none"


@dataclass(frozen=True)
class ChatReply:
    reasoning: tuple[str, ...]
    content: tuple[str, ...]
    finish_reason: str
    executed_tools: tuple[dict[str, Any], ...] = ()

    @property
    def completion_tokens(self) -> int:
        return len(self.reasoning) + len(self.content)


def plan_reply(model: CatalogueModel, request: dict[str, Any], config: EmulatorConfig) -> ChatReply:
    """The deterministic reply to a chat request (same prompt, same reply)."""
    messages = request["messages"]
    prompt_key = json.dumps(messages, sort_keys=True, ensure_ascii=False, default=str)
    seed = textgen.stable_seed(config.seed, model.id, prompt_key)
    last_user = next((m for m in reversed(messages) if m.get("role") == "user"), None)
    wanted = textgen.directive_reply_tokens(_message_text(last_user)) if last_user else None
    if wanted is None:
        wanted = textgen.reply_length(seed, config.default_reply_tokens)
    requested_max, _ = _max_tokens(request)
    budget = min(requested_max or model.max_completion_tokens, model.max_completion_tokens)
    reasons = config.reasoning and _shows_reasoning(model, request)
    reasoning_count = min(budget, textgen.reasoning_length(seed)) if reasons else 0
    content_count = min(wanted, budget - reasoning_count)
    reasoning = textgen.reasoning_pieces(seed, reasoning_count)
    fmt = request.get("response_format")
    if isinstance(fmt, dict) and fmt.get("type") in ("json_object", "json_schema"):
        return ChatReply(reasoning, tuple(textgen.split_pieces(builtin_tools.json_reply(request, seed))), "stop")
    content = textgen.reply_pieces(seed, content_count)
    tools = builtin_tools.executed_tools(request, seed, _message_text(last_user)[:80] if last_user else "")
    if tools:
        content += tuple(textgen.split_pieces(builtin_tools.citation_text(tools)))
    return ChatReply(reasoning, content, "length" if content_count < wanted else "stop", tuple(tools))


def _usage(
    prompt_tokens: int, reply_tokens: int, reasoning_tokens: int, tps: float, cached_tokens: int = 0
) -> dict[str, Any]:
    queue_time = 0.0002 + (prompt_tokens % 97) / 100000
    prompt_time = round(prompt_tokens / 25000, 6)
    completion_time = round(reply_tokens / tps, 6) if tps > 0 else 0.0
    usage: dict[str, Any] = {
        "queue_time": round(queue_time, 6),
        "prompt_tokens": prompt_tokens,
        "prompt_time": prompt_time,
        "completion_tokens": reply_tokens,
        "completion_time": completion_time,
        "total_tokens": prompt_tokens + reply_tokens,
        "total_time": round(prompt_time + completion_time, 6),
    }
    if reasoning_tokens:
        usage["completion_tokens_details"] = {"reasoning_tokens": reasoning_tokens}
    if cached_tokens:
        usage["prompt_tokens_details"] = {"cached_tokens": cached_tokens}
    return usage


# --- multipart --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormPart:
    name: str
    data: bytes
    filename: str | None = None

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", "replace")


@dataclass
class FormData:
    parts: list[FormPart] = field(default_factory=list)

    def first(self, name: str) -> FormPart | None:
        return next((p for p in self.parts if p.name == name), None)

    def text(self, name: str) -> str | None:
        part = self.first(name)
        return part.text if part is not None else None

    def texts(self, name: str) -> list[str]:
        return [p.text for p in self.parts if p.name == name]


def parse_multipart(content_type: str, body: bytes) -> FormData:
    """A small multipart/form-data parser (the ``cgi`` module is gone from newer Pythons)."""
    header = email.parser.HeaderParser().parsestr(f"Content-Type: {content_type}\r\n\r\n")
    boundary = header.get_param("boundary")
    if header.get_content_type() != "multipart/form-data" or not isinstance(boundary, str) or not boundary:
        raise _bad_request("request Content-Type isn't multipart/form-data")
    form = FormData()
    for raw in body.split(b"--" + boundary.encode("latin-1"))[1:]:
        if raw.startswith(b"--"):
            break
        head, separator, data = raw.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        if not separator:
            continue
        headers = email.parser.BytesHeaderParser().parsebytes(head + b"\r\n\r\n")
        name = headers.get_param("name", header="content-disposition")
        filename = headers.get_param("filename", header="content-disposition")
        if name is None:
            continue
        form.parts.append(
            FormPart(
                email.utils.collapse_rfc2231_value(name),
                data.removesuffix(b"\r\n"),
                email.utils.collapse_rfc2231_value(filename) if filename is not None else None,
            )
        )
    return form


_LANGUAGE_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "ru": "Russian", "ja": "Japanese", "zh": "Chinese", "ko": "Korean", "pl": "Polish",
}
_AUDIO_FORMATS = {"json", "text", "verbose_json"}
_AUDIO_PROMPT_MAX_TOKENS = 224


# --- the HTTP layer -------------------------------------------------------------------------------


class _Backend:
    """What every request handler shares."""

    def __init__(self, config: EmulatorConfig) -> None:
        self.config = config
        self.quota = QuotaBook(
            config.limits if config.limits is not None else LimitTable.load(),
            config.plan,
            config.time_scale,
            config.clock,
            advertise=not config.unknown_limits,
        )
        self.prompt_cache = PromptCache()
        self.stats = EmulatorStats()
        self.faults = _FaultPlan()
        self.stopping = threading.Event()
        self.token_counter = TokenCounter()
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()

    def track(self, connection: socket.socket) -> None:
        with self._connections_lock:
            self._connections.add(connection)

    def untrack(self, connection: socket.socket) -> None:
        with self._connections_lock:
            self._connections.discard(connection)

    def close_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
            self._connections.clear()
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def key_accepted(self, key: str) -> bool:
        if self.config.api_key is not None:
            return hmac.compare_digest(key.encode(), self.config.api_key.encode())
        return key.startswith("gsk_") and len(key) >= 12 and key.isprintable() and " " not in key


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 1024  # the default of 5 drops bursts of concurrent connections
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], backend: _Backend) -> None:
        self.backend = backend
        super().__init__(address, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("emulator: error while serving %s", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "groq-emulator"
    timeout = 300
    server: _HttpServer

    # --- plumbing ---

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.backend.track(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
            if getattr(self, "_body_unread", False):
                self._linger()
        except OSError:
            pass
        finally:
            self.server.backend.untrack(self.connection)

    def _linger(self) -> None:
        """Close after an answer sent over an unread body so the client still reads that answer: a plain
        close would reset the connection. Waits briefly for the client to hang up; reads at most a little."""
        self.connection.shutdown(socket.SHUT_WR)
        self.connection.settimeout(_LINGER_SECONDS)
        deadline = time.monotonic() + _LINGER_SECONDS
        drained = 0
        while drained < _LINGER_BYTES and time.monotonic() < deadline:
            data = self.connection.recv(65536)
            if not data:
                return
            drained += len(data)

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        log.debug("emulator: " + format, *args)

    def send_response(self, code: int, message: str | None = None) -> None:
        self.server.backend.stats.record_status(code)
        super().send_response(code, message)

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    @property
    def _backend(self) -> _Backend:
        return self.server.backend

    def _dispatch(self, method: str) -> None:
        backend = self._backend
        backend.stats.record_request()
        self._request_id = _new_request_id()
        self._fault: Fault | None = None
        self._rate_model: str | None = None
        self._rate_audio = False
        self._rate_headers: dict[str, str] | None = None
        self._body_unread = method == "POST"
        path = urlsplit(self.path).path
        try:
            self._authenticate()  # before the body: a stranger's upload is never read
            body = self._read_body() if method == "POST" else b""
            self._fault = self._resolve_fault(path)
            if self._fault is Fault.RESET:
                self._reset_connection()
                return
            if self._fault in _FAULT_FAILURES and self._fault is not Fault.STREAM_ERROR:
                raise _fault_failure(self._fault)
            self._route(method, path, body)
        except ApiFailure as failure:
            self._send_failure(failure)
        except _ConnectionGone:
            self.close_connection = True
        except Exception:  # an emulator bug: still an answer in Groq's shape, not a dropped connection
            log.exception("emulator: request %s failed", self._request_id)
            self._send_failure(_fault_failure(Fault.HTTP_500))

    def _route(self, method: str, path: str, body: bytes) -> None:
        if not path.startswith(API_PREFIX + "/"):
            raise self._unknown_url(method)
        route = path[len(API_PREFIX) :]
        if method == "GET" and route == "/models":
            self._send_json(200, models_list_json())
        elif method == "GET" and route.startswith("/models/"):
            self._send_json(200, self._model_or_404(unquote(route[len("/models/") :])).to_json())
        elif method == "POST" and route == "/chat/completions":
            self._chat(body)
        elif method == "POST" and route in ("/audio/transcriptions", "/audio/translations"):
            self._audio(body, translate=route.endswith("translations"))
        elif route.startswith(("/files", "/batches")):
            batches.handle(self, method, route, body)
        elif method == "POST" and route == "/audio/speech":
            tts.serve(self, body)
        else:
            raise self._unknown_url(method)

    def _unknown_url(self, method: str) -> ApiFailure:
        return ApiFailure(
            404,
            f"Unknown request URL: {method} {urlsplit(self.path).path}. Please check the URL for typos, "
            "or see the docs at https://console.groq.com/docs/",
            code="unknown_url",
        )

    def _read_body(self) -> bytes:
        """The request body, or an ``ApiFailure`` without reading it (absent or bad length, over the limit)."""
        limit = self._backend.config.max_upload_bytes
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            body = self._read_chunked(limit)
        else:
            declared = self.headers.get("Content-Length")
            if declared is None:
                raise ApiFailure(411, "Length Required: send the body with a Content-Length.", code="length_required")
            try:
                length = int(declared)
            except ValueError:
                length = -1
            if length < 0:
                raise _bad_request("invalid Content-Length")
            if length > limit:
                raise _too_large(limit)
            body = self.rfile.read(length)
            if len(body) < length:
                raise _ConnectionGone
        self._body_unread = False
        return body

    def _read_chunked(self, limit: int) -> bytes:
        parts: list[bytes] = []
        total = 0
        while True:
            size_line = self.rfile.readline(1024)
            try:
                size = int(size_line.split(b";")[0].strip() or b"0", 16)
            except ValueError as exc:
                raise _bad_request("malformed chunked body") from exc
            if size < 0:
                raise _bad_request("malformed chunked body")
            if size == 0:
                while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(parts)
            total += size
            if total > limit:  # stop here: the rest is never read
                raise _too_large(limit)
            parts.append(self.rfile.read(size))
            self.rfile.readline(1024)

    def _authenticate(self) -> None:
        scheme, _, key = self.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not self._backend.key_accepted(key.strip()):
            raise ApiFailure(401, "Invalid API Key", code="invalid_api_key")
        self._api_key = key.strip()

    def _resolve_fault(self, path: str) -> Fault | None:
        requested = self.headers.get(FAULT_HEADER)
        if requested:
            try:
                fault: Fault | None = Fault(requested.strip().lower())
            except ValueError as exc:
                raise _bad_request(f"unknown emulator fault {requested.strip()!r}", FAULT_HEADER) from exc
        else:
            fault = self._backend.faults.take(path)
        if fault is not None:
            self._backend.stats.record_fault(fault)
        return fault

    def _reset_connection(self) -> None:
        # SO_LINGER 0: close() sends RST, so the client sees a reset, not a clean end.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    # --- responses ---

    def _headers_for_rate(self) -> dict[str, str]:
        if self._rate_headers is not None:
            return self._rate_headers
        if self._rate_model is not None:
            return self._backend.quota.headers(self._rate_model, self._rate_audio)
        return {}

    def _start_response(self, status: int, content_type: str, extra: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("x-request-id", self._request_id)
        for name, value in self._headers_for_rate().items():
            self.send_header(name, value)
        for name, value in extra.items():
            self.send_header(name, value)

    def _send_body(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        fault = self._fault if status < 400 else None
        if fault is Fault.STREAM_ERROR:
            self._fault = None
            raise _fault_failure(fault)
        if fault is Fault.STALL:
            self._backend.stopping.wait(self._backend.config.stall_seconds)
        if fault is Fault.MALFORMED:
            body = body[: max(1, len(body) // 2)]
        self._start_response(status, content_type, extra or {})
        self.send_header("Content-Length", str(len(body)))
        if fault is Fault.CUT:
            self.send_header("Connection", "close")
        try:
            self.end_headers()
            if fault is Fault.CUT:
                self.close_connection = True
                return
            self.wfile.write(body)
        except OSError as exc:
            raise _ConnectionGone from exc

    def _send_json(self, status: int, payload: Any, extra: dict[str, str] | None = None) -> None:
        self._send_body(status, _json_bytes(payload), "application/json", extra)

    def _send_failure(self, failure: ApiFailure) -> None:
        extra = dict(failure.headers)
        if self._body_unread:  # the unread body would be taken for the next request
            extra["Connection"] = "close"
            self.close_connection = True
        try:
            self._send_json(failure.status, failure.body, extra)
        except _ConnectionGone:
            self.close_connection = True

    def _model_or_404(self, model_id: str) -> CatalogueModel:
        model = find_model(model_id)
        if model is None and retirement(model_id) is not None and self._backend.config.decommissioned_as_400:
            raise ApiFailure(
                400,
                f"The model `{model_id}` has been decommissioned and is no longer supported. Please refer to "
                "https://console.groq.com/docs/deprecations for a recommendation on which model to use instead.",
                code="model_decommissioned",
            )
        if model is None:
            raise ApiFailure(
                404,
                f"The model `{model_id}` does not exist or you do not have access to it.",
                code="model_not_found",
            )
        self._backend.stats.record_model(model.id)
        return model

    # --- chat ---

    def _json_object(self, body: bytes) -> dict[str, Any]:
        try:
            payload = json.loads(body)
        except (ValueError, RecursionError) as exc:
            raise _bad_request(
                "We could not parse the JSON body of your request. The request body must be valid JSON."
            ) from exc
        if not isinstance(payload, dict):
            raise _bad_request("The request body must be a JSON object.")
        if _nesting(payload) > _MAX_NESTING:
            raise _bad_request(f"The request body is nested more than {_MAX_NESTING} levels deep.")
        return payload

    def _chat(self, body: bytes) -> None:
        backend = self._backend
        request = self._json_object(body)
        named = request.get("model")
        if isinstance(named, str) and find_model(named) is not None:
            self._rate_model = named  # even schema errors carry the model's rate-limit headers
        validate_chat_request(request)
        model = self._model_or_404(request["model"])
        self._rate_model = model.id
        if model.kind is not ModelKind.CHAT:
            raise _bad_request(f"model `{model.id}` does not support chat completions", "model",
                               code="model_not_supported")
        try:
            builtin_tools.check(model, request)
        except builtin_tools.Refusal as refusal:
            raise _bad_request(refusal.message, refusal.param) from None
        image_tokens = self._check_images(model, request["messages"])
        max_tokens, max_param = _max_tokens(request)
        if max_tokens is not None and max_tokens > model.max_completion_tokens:
            raise _bad_request(
                f"`{max_param}` must be less than or equal to `{model.max_completion_tokens}`, the maximum value "
                f"for `{max_param}` is less than the `context_window` for this model",
                max_param,
            )
        prompt_tokens = backend.token_counter.count_messages(model.id, request["messages"]) + image_tokens
        if prompt_tokens >= model.context_window:
            raise _bad_request(
                "Please reduce the length of the messages or completion.", "messages", code="context_length_exceeded"
            )
        reply = plan_reply(model, request, backend.config)
        cached = 0
        if backend.config.prompt_cache and model.caches_prompts:
            cached = backend.prompt_cache.cached_tokens(
                self._api_key, model.id, request["messages"], prompt_tokens,
                lambda head: backend.token_counter.count_messages(model.id, head),
            )
        # Cached tokens count against no limit; OTPM is checked against max_tokens before the model runs.
        reserved = Cost.chat(prompt_tokens - cached, max_tokens or 0)
        admission = backend.quota.admit(model.id, reserved, CHAT_DIMENSIONS)
        self._rate_headers = admission.headers
        if admission.rejection is not None:
            backend.stats.record_refusal(admission.rejection)
            raise _rate_limit_failure(admission.rejection)
        sent = [reply.completion_tokens]
        try:
            if request.get("stream"):
                sent[0] = 0
                self._stream_chat(model, request, prompt_tokens, reply, sent, cached)
            else:
                self._complete_chat(model, prompt_tokens, reply, cached)
        finally:
            backend.quota.settle(model.id, reserved, Cost.chat(prompt_tokens - cached, sent[0]))

    def _check_images(self, model: CatalogueModel, messages: list[dict[str, Any]]) -> int:
        """Groq's checks of image parts; returns their prompt tokens."""
        found = [
            (i, part["image_url"]["url"])
            for i, message in enumerate(messages)
            if isinstance(message.get("content"), list)
            for part in message["content"]
            if part.get("type") == "image_url"
        ]
        self._backend.stats.record_images([url for _, url in found])
        if not found:
            return 0
        if "vision" not in model.supported_features:
            i = found[0][0]
            raise _bad_request(
                f"'messages.{i}' : for 'role:user' the following must be satisfied"
                f"[('messages.{i}.content' : value must be a string)]",
                f"messages.{i}.content",
            )
        facts = shipped_catalogue().facts(model.id)
        vision = facts.vision if facts is not None else {}
        max_images = int(vision.get("max_images", 3))
        if len(found) > max_images:
            raise _bad_request(
                f"Too many images provided. This model supports up to {max_images} images", "messages"
            )
        max_base64 = int(vision.get("max_base64_bytes", 4_000_000))
        if sum(len(url) for _, url in found if url.startswith("data:")) > max_base64:
            raise ApiFailure(
                413, f"Request Entity Too Large: base64 images over {max_base64} bytes", code="request_too_large"
            )
        return len(found) * int(vision.get("tokens_per_image", 2048))

    def _complete_chat(self, model: CatalogueModel, prompt_tokens: int, reply: ChatReply, cached: int = 0) -> None:
        message: dict[str, Any] = {"role": "assistant", "content": "".join(reply.content)}
        if reply.reasoning:
            message["reasoning"] = "".join(reply.reasoning)
        if reply.executed_tools:
            message["executed_tools"] = list(reply.executed_tools)
        usage = _usage(prompt_tokens, reply.completion_tokens, len(reply.reasoning),
                       self._backend.config.tokens_per_second, cached)
        self._send_json(
            200,
            {
                "id": f"chatcmpl-{uuid.uuid4()}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": model.id,
                "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": reply.finish_reason}],
                "usage": usage,
                "system_fingerprint": _fingerprint(model.id),
                "x_groq": {"id": self._request_id},
                "service_tier": "on_demand",
            },
        )

    def _stream_chat(
        self,
        model: CatalogueModel,
        request: dict[str, Any],
        prompt_tokens: int,
        reply: ChatReply,
        sent: list[int],
        cached: int = 0,
    ) -> None:
        config = self._backend.config
        fault = self._fault
        head = {
            "id": f"chatcmpl-{uuid.uuid4()}",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": model.id,
            "system_fingerprint": _fingerprint(model.id),
        }
        # Each delta event is prefix + delta JSON + suffix: only the delta is encoded per event.
        prefix = b"data: " + _json_bytes(head)[:-1] + b',"choices":[{"index":0,"delta":'
        suffix = b',"logprobs":null,"finish_reason":null}]}\n\n'
        first = dict(head, choices=[{"index": 0, "delta": {"role": "assistant", "content": ""}, "logprobs": None,
                                     "finish_reason": None}], x_groq={"id": self._request_id})

        self._start_response(200, "text/event-stream", {"Cache-Control": "no-cache", "Transfer-Encoding": "chunked"})
        try:
            self.end_headers()
            self._write_chunk(b"data: " + _json_bytes(first) + b"\n\n")
            for tool in reply.executed_tools:
                # As Groq streams them: the call with its arguments first, then the same index with its output.
                call = {k: tool[k] for k in ("index", "type", "arguments")}
                self._write_chunk(prefix + _json_bytes({"executed_tools": [call]}) + suffix)
                self._write_chunk(prefix + _json_bytes({"executed_tools": [tool]}) + suffix)
            events = list(_delta_events(reply, max(1, config.tokens_per_chunk)))
            fault_at = len(events) // 2
            started = time.monotonic()
            for index, (field_name, text, tokens) in enumerate(events):
                if index == fault_at and fault is not None:
                    if fault is Fault.CUT:
                        self.close_connection = True
                        return
                    if fault is Fault.STALL:
                        self._backend.stopping.wait(config.stall_seconds)
                        started += config.stall_seconds
                    elif fault is Fault.MALFORMED:
                        self._write_chunk(prefix + b'{"content":"\\u00' + b"\n\n")
                    elif fault is Fault.STREAM_ERROR:
                        error = _fault_failure(Fault.STREAM_ERROR).body
                        self._write_chunk(b"data: " + _json_bytes(error) + b"\n\n")
                        self._write_chunk(b"")
                        return
                if config.tokens_per_second > 0:
                    ahead = started + sent[0] / config.tokens_per_second - time.monotonic()
                    if ahead > 0.01:  # sleep only when clearly ahead: bursts, not a wake-up per token
                        time.sleep(ahead)
                self._write_chunk(prefix + _json_bytes({field_name: text}) + suffix)
                sent[0] += tokens
            usage = _usage(prompt_tokens, sent[0], len(reply.reasoning), config.tokens_per_second, cached)
            final: dict[str, Any] = dict(
                head,
                choices=[{"index": 0, "delta": {}, "logprobs": None, "finish_reason": reply.finish_reason}],
                x_groq={"id": self._request_id, "usage": usage},
            )
            if (request.get("stream_options") or {}).get("include_usage"):  # checked: an object or null
                final["usage"] = usage
            self._write_chunk(b"data: " + _json_bytes(final) + b"\n\ndata: [DONE]\n\n")
            self._write_chunk(b"")
        except OSError as exc:
            raise _ConnectionGone from exc

    def _write_chunk(self, data: bytes) -> None:
        """One HTTP/1.1 chunk, sent at once (an empty one ends the body)."""
        self.wfile.write(b"%X\r\n%s\r\n" % (len(data), data))

    # --- audio ---

    def _audio(self, body: bytes, translate: bool) -> None:
        backend = self._backend
        form = parse_multipart(self.headers.get("Content-Type", ""), body)
        model_id = form.text("model")
        if not model_id:
            raise _bad_request("'model' : property 'model' is missing", "model")
        model = self._model_or_404(model_id)
        self._rate_model, self._rate_audio = model.id, True
        task = "translation" if translate else "transcription"
        if model.kind is not ModelKind.TRANSCRIPTION or (translate and not model.translates):
            raise _bad_request(f"model `{model.id}` does not support {task}", "model", code="model_not_supported")
        upload = form.first("file")
        if upload is None:
            if form.first("url") is not None:
                raise _bad_request("`url` is not supported by the emulator; upload the audio as `file`", "url")
            raise _bad_request("either a file or a url must be provided", "file")
        response_format = form.text("response_format") or "json"
        if response_format not in _AUDIO_FORMATS:
            raise _bad_request(
                f"response_format `{response_format}` is not supported; use one of json, text, verbose_json",
                "response_format",
            )
        granularities = form.texts("timestamp_granularities[]") + form.texts("timestamp_granularities")
        if any(g not in ("word", "segment") for g in granularities):
            raise _bad_request("timestamp_granularities must be `word` and/or `segment`", "timestamp_granularities")
        if granularities and response_format != "verbose_json":
            raise _bad_request(
                "timestamp_granularities requires response_format to be `verbose_json`", "timestamp_granularities"
            )
        temperature = self._form_temperature(form)
        language = (form.text("language") or "").strip().lower() or None
        if translate and language not in (None, "en"):
            raise _bad_request("translations only support `en` as the language", "language")
        prompt = form.text("prompt") or ""
        if backend.token_counter.count_text(model.id, prompt) > _AUDIO_PROMPT_MAX_TOKENS:
            raise _bad_request(f"prompt is longer than {_AUDIO_PROMPT_MAX_TOKENS} tokens", "prompt")
        try:
            transcript = speech.transcribe(upload.data, temperature)
        except speech.AudioDecodeError as exc:
            raise _bad_request("could not process file - is it a valid media file?", "file") from exc
        if transcript.duration < 0.01:
            raise _bad_request("Audio file is too short. Minimum audio length is 0.01 seconds.", "file")
        admission = backend.quota.admit(model.id, Cost.audio(transcript.duration), AUDIO_DIMENSIONS)
        self._rate_headers = admission.headers
        if admission.rejection is not None:
            backend.stats.record_refusal(admission.rejection)
            raise _rate_limit_failure(admission.rejection)
        if response_format == "text":
            self._send_body(200, transcript.text.encode("utf-8"), "text/plain; charset=utf-8")
            return
        payload: dict[str, Any] = {"text": transcript.text}
        if response_format == "verbose_json":
            payload = {
                "task": "translate" if translate else "transcribe",
                "language": "English" if translate else _LANGUAGE_NAMES.get(language or "en", language),
                "duration": transcript.duration,
                "text": transcript.text,
                "segments": [segment.to_json() for segment in transcript.segments],
            }
            if "word" in granularities:
                payload["words"] = [word.to_json() for word in transcript.words]
        payload["x_groq"] = {"id": self._request_id}
        self._send_json(200, payload)

    @staticmethod
    def _form_temperature(form: FormData) -> float:
        raw = form.text("temperature")
        if raw is None or not raw.strip():
            return 0.0
        try:
            value = float(raw)
        except ValueError:
            value = -1.0
        if not 0.0 <= value <= 1.0:
            raise _bad_request("'temperature' : number must be between 0 and 1", "temperature")
        return value


def _delta_events(reply: ChatReply, per_chunk: int) -> Iterator[tuple[str, str, int]]:
    """(delta field, text, pieces) for each event: reasoning first, then content."""
    for field_name, pieces in (("reasoning", reply.reasoning), ("content", reply.content)):
        for start in range(0, len(pieces), per_chunk):
            batch = pieces[start : start + per_chunk]
            yield field_name, "".join(batch), len(batch)


# --- the public server ----------------------------------------------------------------------------


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


class EmulatorServer:
    """The emulator on a background thread: ``with EmulatorServer().start() as server: ...``."""

    def __init__(self, config: EmulatorConfig | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.config = config or EmulatorConfig()
        self._backend = _Backend(self.config)
        self._address = (host, port)
        self._httpd: _HttpServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> EmulatorServer:
        if self._httpd is None:
            self._httpd = _HttpServer(self._address, self._backend)
            if not _is_loopback(str(self._httpd.server_address[0])):
                log.warning(
                    "the Groq emulator listens on %s, reachable from other machines: it is a test server "
                    "(keys are barely checked, faults can be injected by anyone); bind it to 127.0.0.1 unless "
                    "you mean it", self._httpd.server_address[0],
                )
            self._thread = threading.Thread(
                target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="groq-emulator", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._backend.stopping.set()
        httpd.shutdown()
        httpd.server_close()
        self._backend.close_connections()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._backend.stopping.clear()

    def __enter__(self) -> EmulatorServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the emulator is not running; call start() first")
        return int(self._httpd.server_address[1])

    @property
    def host(self) -> str:
        return self._address[0]

    @property
    def base_url(self) -> str:
        """Same meaning as GROQ_BASE_URL: clients append /openai/v1/..."""
        return f"http://{self.host}:{self.port}"

    @property
    def stats(self) -> EmulatorStats:
        return self._backend.stats

    @property
    def quota(self) -> QuotaBook:
        return self._backend.quota

    def inject(self, kind: Fault | str, times: int = 1, path_contains: str | None = None) -> None:
        """Make the next ``times`` matching requests fail in the way ``kind`` says."""
        self._backend.faults.add(Fault(str(kind).lower()), times, path_contains)

    @property
    def batches(self) -> batches.BatchBook:
        return batches.book_of(self._backend)

    def reset_quota(self) -> None:
        self._backend.quota.reset()

    def set_limits(self, model: str, limits: ModelLimits) -> None:
        self._backend.quota.set_limits(model, limits)

    def advertise_limits(self, advertise: bool) -> None:
        """Send ``x-ratelimit-*`` headers or not (as ``--unknown-limits``), from now on."""
        self._backend.quota.advertise = advertise
