"""The Groq API client: one pooled ``requests.Session``, safe to share between worker threads.

Every response's rate-limit headers go to ``on_rate_limits``; every finished request goes to
``on_request`` as a ``RequestRecord`` (the usage log and the one-line request log hang there).
"""

from __future__ import annotations

import json
import logging
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
import urllib3.exceptions

from groq_desktop.core.api.cancel import CancellableAdapter, CancelToken, cancellable
from groq_desktop.core.api.retry import RetryPolicy
from groq_desktop.core.api.sse import SseParser, SseTooLongError
from groq_desktop.core.api.types import ChatCompletion, ChatDelta, RequestRecord, TranscriptionResult, Usage
from groq_desktop.core.config import ClientConfig
from groq_desktop.core.quota.headers import RateLimitHeaders, parse_rate_limit_headers
from groq_desktop.errors import (
    ApiError,
    AuthenticationError,
    ConnectionFailedError,
    GroqDesktopError,
    MalformedResponseError,
    RequestCancelledError,
    RequestTimeoutError,
    StreamError,
    error_from_response,
)
from groq_desktop.i18n import number, translate

log = logging.getLogger(__name__)

RateLimitObserver = Callable[[str, RateLimitHeaders], None]
RequestObserver = Callable[[RequestRecord], None]


@dataclass(frozen=True)
class SpeechAudio:
    data: bytes
    content_type: str
    request_id: str | None


class GroqApiClient:
    def __init__(
        self,
        config: ClientConfig,
        *,
        session: requests.Session | None = None,
        retry: RetryPolicy | None = None,
        on_rate_limits: RateLimitObserver | None = None,
        on_request: RequestObserver | None = None,
    ) -> None:
        self.config = config
        self.retry = retry or RetryPolicy(max_retries=config.max_retries)
        self._on_rate_limits = on_rate_limits
        self._on_request = on_request
        self._session = session or _pooled_session()
        self._in_flight: weakref.WeakSet[CancelToken] = weakref.WeakSet()

    def __repr__(self) -> str:
        return f"GroqApiClient(base_url={self.config.base_url!r})"

    # --- endpoints ----------------------------------------------------------------------

    def chat(
        self, model: str, messages: Sequence[Mapping[str, Any]], *, cancel: threading.Event | None = None, **params: Any
    ) -> ChatCompletion:
        body = {"model": model, "messages": list(messages), **_drop_none(params), "stream": False}
        started = time.time()
        response, attempts = self._send("POST", "/chat/completions", model, json_body=body, cancel=cancel)
        data = _json(response)
        choice = (data.get("choices") or [{}])[0]
        message = choice.get("message") or {}
        usage = Usage.from_dict(data.get("usage"))
        request_id = _request_id(data, response)
        self._record("chat", model, response.status_code, request_id, started, usage=usage, attempts=attempts)
        return ChatCompletion(
            id=str(data.get("id", "")),
            model=str(data.get("model", model)),
            content=message.get("content") or "",
            reasoning=message.get("reasoning") or "",
            finish_reason=choice.get("finish_reason"),
            usage=usage,
            request_id=request_id,
            rate_limits=parse_rate_limit_headers(response.headers),
            raw=data,
        )

    def stream_chat(
        self, model: str, messages: Sequence[Mapping[str, Any]], *, cancel: threading.Event | None = None, **params: Any
    ) -> ChatStream:
        body = {
            "model": model,
            "messages": list(messages),
            **_drop_none(params),
            "stream": True,
            "stream_options": {"include_usage": True},
        }
        started = time.time()
        token = _token_for(cancel)
        response, attempts = self._send(
            "POST", "/chat/completions", model, json_body=body, stream=True, cancel=cancel, token=token
        )
        return ChatStream(response, model, started, attempts, self._record, token)

    def transcribe(
        self,
        model: str,
        audio: bytes | Path,
        *,
        filename: str = "audio.flac",
        language: str | None = None,
        prompt: str | None = None,
        response_format: str = "verbose_json",
        temperature: float | None = None,
        timestamp_granularities: Sequence[str] = ("segment",),
        translate: bool = False,
        audio_seconds: float = 0.0,
        cancel: threading.Event | None = None,
        service_tier: str | None = None,
    ) -> TranscriptionResult:
        data = audio.read_bytes() if isinstance(audio, Path) else audio
        fields: list[tuple[str, str]] = [("model", model), ("response_format", response_format)]
        for name, value in (
            ("language", language), ("prompt", prompt), ("temperature", temperature), ("service_tier", service_tier)
        ):
            if value is not None and value != "":
                fields.append((name, str(value)))
        if response_format == "verbose_json":
            fields += [("timestamp_granularities[]", g) for g in timestamp_granularities]
        endpoint = "/audio/translations" if translate else "/audio/transcriptions"
        started = time.time()
        response, attempts = self._send(
            "POST", endpoint, model, form=fields, files={"file": (filename, data, _mime(filename))}, cancel=cancel
        )
        kind = "translation" if translate else "transcription"
        rate_limits = parse_rate_limit_headers(response.headers)
        if response_format == "text":
            response.encoding = "utf-8"
            request_id = response.headers.get("x-request-id")
            self._record(kind, model, response.status_code, request_id, started, audio_seconds=audio_seconds)
            return TranscriptionResult(text=response.text, request_id=request_id, rate_limits=rate_limits)
        body = _json(response)
        request_id = _request_id(body, response)
        self._record(
            kind, model, response.status_code, request_id, started, audio_seconds=audio_seconds, attempts=attempts
        )
        return TranscriptionResult(
            text=str(body.get("text", "")),
            language=body.get("language"),
            duration=body.get("duration"),
            segments=list(body.get("segments") or []),
            words=list(body.get("words") or []),
            request_id=request_id,
            rate_limits=rate_limits,
            raw=body,
        )

    def speech(
        self,
        model: str,
        text: str,
        voice: str,
        *,
        response_format: str = "wav",
        cancel: threading.Event | None = None,
        **params: Any,
    ) -> SpeechAudio:
        """Text to speech (``POST /audio/speech``): the audio file's bytes."""
        body = {"model": model, "input": text, "voice": voice, "response_format": response_format,
                **_drop_none(params)}
        started = time.time()
        response, attempts = self._send("POST", "/audio/speech", model, json_body=body, cancel=cancel)
        request_id = response.headers.get("x-request-id")
        self._record("speech", model, response.status_code, request_id, started, attempts=attempts,
                     characters=len(text))
        return SpeechAudio(response.content, response.headers.get("Content-Type", ""), request_id)

    def list_models(self) -> list[dict[str, Any]]:
        started = time.time()
        response, _ = self._send("GET", "/models", "")
        body = _json(response)
        self._record("models", "", response.status_code, response.headers.get("x-request-id"), started)
        data = body.get("data")
        if not isinstance(data, list):
            raise MalformedResponseError(translate("GroqApiClient", "The model list from Groq had no 'data' array."))
        return data

    def get_model(self, model_id: str) -> dict[str, Any]:
        response, _ = self._send("GET", f"/models/{model_id}", "")
        return _json(response)

    def close(self) -> None:
        """Abort every request still in flight (at once, even a stalled one), then drop the pool."""
        for token in list(self._in_flight):
            token.set()
        self._session.close()

    # --- plumbing -----------------------------------------------------------------------

    def _send(
        self,
        method: str,
        path: str,
        model: str,
        *,
        json_body: dict[str, Any] | None = None,
        form: list[tuple[str, str]] | None = None,
        files: dict[str, Any] | None = None,
        stream: bool = False,
        cancel: threading.Event | None = None,
        token: CancelToken | None = None,
    ) -> tuple[requests.Response, int]:
        """Send with bounded retries for 5xx/498/connection failures; raise the mapped error.

        ``cancel.set()`` from another thread aborts the request at once when ``cancel`` is a
        ``CancelToken``; a plain ``Event`` is looked at before each attempt and during retry waits.
        """
        if not self.config.api_key:
            raise AuthenticationError(
                translate("GroqApiClient", "No API key is set."),
                status=401,
                hint=translate("GroqApiClient", "Add your Groq API key in Settings."),
            )
        token = token or _token_for(cancel)

        def cancelled() -> bool:
            return token.is_set() or (cancel is not None and cancel.is_set())

        url = self.config.api_root + path
        headers = {"Authorization": f"Bearer {self.config.api_key.reveal()}"}
        attempt = 0
        self._in_flight.add(token)
        while True:
            if cancelled():
                raise RequestCancelledError(translate("GroqApiClient", "The request was cancelled before it was sent."))
            started = time.time()
            try:
                with cancellable(token):
                    response = self._session.request(
                        method,
                        url,
                        headers=headers,
                        json=json_body,
                        data=form,
                        files=files,
                        stream=stream,
                        timeout=(self.config.connect_timeout, self.config.timeout),
                    )
            except requests.RequestException as exc:
                if cancelled():
                    self._record(_KINDS.get(path, "models"), model, 499, None, started, error_code="cancelled",
                                 attempts=attempt + 1)
                    raise RequestCancelledError(translate("GroqApiClient", "The request was stopped.")) from exc
                if isinstance(exc, requests.Timeout):
                    error: GroqDesktopError = RequestTimeoutError(
                        translate("GroqApiClient", "Groq did not answer within {seconds} s.").format(
                            seconds=number(self.config.timeout)
                        )
                    )
                else:
                    error = ConnectionFailedError(
                        translate("GroqApiClient", "Could not reach {url}: {error}.").format(
                            url=self.config.base_url, error=type(exc).__name__
                        )
                    )
                error.__cause__ = exc
            else:
                if model and self._on_rate_limits is not None:
                    limits = parse_rate_limit_headers(response.headers)
                    if limits:
                        self._on_rate_limits(model, limits)
                if response.status_code < 400:
                    return response, attempt + 1
                error = error_from_response(response.status_code, response.content, response.headers)
                response.close()
            status = error.status if isinstance(error, ApiError) else 0
            if not self.retry.should_retry(error, attempt):
                self._record(
                    _KINDS.get(path, "models"),
                    model,
                    status,
                    getattr(error, "request_id", None),
                    started,
                    error_code=getattr(error, "code", None) or type(error).__name__,
                    attempts=attempt + 1,
                )
                raise error
            delay = self.retry.delay(attempt)
            log.info("retrying %s %s after %s (attempt %d, waiting %.2f s)", method, path, type(error).__name__, attempt + 1, delay)
            attempt += 1
            if (cancel or token).wait(delay) or cancelled():
                raise RequestCancelledError(
                    translate("GroqApiClient", "The request was cancelled while waiting to retry.")
                )

    def _record(
        self,
        endpoint: str,
        model: str,
        status: int,
        request_id: str | None,
        started: float,
        *,
        usage: Usage | None = None,
        audio_seconds: float = 0.0,
        ttft: float | None = None,
        error_code: str | None = None,
        attempts: int = 1,
        characters: int = 0,
    ) -> None:
        if self._on_request is None:
            return
        record = RequestRecord(
            endpoint=endpoint,
            model=model,
            status=status,
            request_id=request_id,
            started_at=started,
            elapsed=time.time() - started,
            usage=usage,
            audio_seconds=audio_seconds,
            ttft=ttft,
            error_code=error_code,
            attempts=attempts,
            characters=characters,
        )
        try:
            self._on_request(record)
        except Exception:  # an observer's bug must not fail the request
            log.exception("request observer failed")


class ChatStream:
    """An open streamed reply. Iterate for ``ChatDelta``s; ``close()`` from any thread cancels it at once."""

    def __init__(
        self,
        response: requests.Response,
        model: str,
        started: float,
        attempts: int,
        record: Callable[..., None],
        token: CancelToken | None = None,
    ) -> None:
        self._response = response
        self._model = model
        self._started = started
        self._attempts = attempts
        self._record = record
        self._token = token or CancelToken()
        self._state = threading.Lock()
        self._reading = False
        self.rate_limits = parse_rate_limit_headers(response.headers)
        self.request_id: str | None = response.headers.get("x-request-id")
        self.usage: Usage | None = None
        self.finish_reason: str | None = None
        self.ttft: float | None = None

    @property
    def cancelled(self) -> bool:
        return self._token.is_set()

    def __enter__(self) -> ChatStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop reading and drop the connection (the server stops generating); never waits for a read.

        The socket is shut down here, which wakes a read blocked in the iterating thread; that
        thread then closes the response itself (closing it here would wait for the read's lock).
        """
        with self._state:
            reading = self._reading
            self._token.set()
        if not reading:
            self._response.close()

    def __iter__(self) -> Iterator[ChatDelta]:
        with self._state:
            if self._token.is_set():
                self._response.close()
                self._finish(499, "cancelled")
                raise RequestCancelledError(translate("ChatStream", "The reply was stopped."))
            self._reading = True
        parser = SseParser()
        done = False
        status = self._response.status_code
        try:
            for raw in self._raw_chunks():
                for event in parser.feed(raw):
                    if _is_done(event.data):
                        done = True
                        break
                    yield self._event_delta(event.data)
                if done:
                    break
            if not done and not self._token.is_set():
                # A last event without its blank line (e.g. "data: [DONE]" at the very end) still counts.
                for event in parser.finish():
                    if _is_done(event.data):
                        done = True
                        break
                    yield self._event_delta(event.data)
            if not done and not self._token.is_set():
                raise StreamError(
                    translate("ChatStream", "The connection closed before the reply finished."),
                    status=status,
                    request_id=self.request_id,
                )
        except GroqDesktopError as exc:
            if self._token.is_set() and not isinstance(exc, RequestCancelledError):
                self._finish(499, "cancelled")
                raise RequestCancelledError(translate("ChatStream", "The reply was stopped.")) from exc
            self._finish(getattr(exc, "status", 0) or 0, getattr(exc, "code", None) or type(exc).__name__)
            raise
        except SseTooLongError as exc:
            self._finish(0, "stream_line_too_long")
            raise StreamError(
                translate(
                    "ChatStream",
                    "Groq sent {size} MiB without ending an event; the reply stopped there and the text so far "
                    "is kept.",
                ).format(size=number(exc.limit // (1024 * 1024))),
                status=status,
                request_id=self.request_id,
            ) from exc
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError, ValueError, AttributeError) as exc:
            if self._token.is_set():
                self._finish(499, "cancelled")
                raise RequestCancelledError(translate("ChatStream", "The reply was stopped.")) from exc
            self._finish(0, type(exc).__name__)
            timed_out = isinstance(exc, (requests.Timeout, urllib3.exceptions.ReadTimeoutError)) or "timed out" in str(exc).lower()
            message = (
                translate("ChatStream", "The reply stream stalled (no data within the timeout); the text so far is kept.")
                if timed_out
                else translate("ChatStream", "The reply stream was cut; the text so far is kept.")
            )
            raise StreamError(message, status=status, request_id=self.request_id) from exc
        finally:
            with self._state:
                self._reading = False
            self._response.close()
        if self._token.is_set() and not done:
            self._finish(499, "cancelled")
            raise RequestCancelledError(translate("ChatStream", "The reply was stopped."))
        self._finish(status, None)

    def _raw_chunks(self) -> Iterator[bytes]:
        raw = self._response.raw
        while not self._token.is_set():
            chunk = raw.read1(65536, decode_content=True)
            if not chunk:
                return
            yield chunk

    def _event_delta(self, data: str) -> ChatDelta:
        delta = self._delta(data)
        if delta.content and self.ttft is None:
            self.ttft = time.time() - self._started
        return delta

    def _delta(self, data: str) -> ChatDelta:
        try:
            payload = json.loads(data)
        except ValueError as exc:
            raise StreamError(
                translate("ChatStream", "Groq sent a malformed chunk; the reply stopped there."),
                request_id=self.request_id,
            ) from exc
        if not isinstance(payload, dict):
            raise StreamError(
                translate("ChatStream", "Groq sent a malformed chunk; the reply stopped there."),
                request_id=self.request_id,
            )
        if isinstance(payload.get("error"), dict):
            err = payload["error"]
            raise StreamError(
                str(err.get("message") or translate("ChatStream", "Groq reported an error inside the stream.")),
                error_type=err.get("type"),
                code=err.get("code"),
                request_id=self.request_id,
            )
        x_groq = payload.get("x_groq") or {}
        if x_groq.get("id"):
            self.request_id = str(x_groq["id"])
        if isinstance(x_groq.get("error"), (dict, str)):
            err = x_groq["error"]
            message = err.get("message") if isinstance(err, dict) else err
            raise StreamError(
                str(message or translate("ChatStream", "The stream stopped early.")), request_id=self.request_id
            )
        # The final chunk may carry usage at the top level, in x_groq, or both: take one, never add.
        usage = Usage.from_dict(payload.get("usage")) or Usage.from_dict(x_groq.get("usage"))
        if usage is not None:
            self.usage = usage
        choices = payload.get("choices") or []
        choice = choices[0] if choices else {}
        delta = choice.get("delta") or {}
        if choice.get("finish_reason"):
            self.finish_reason = choice["finish_reason"]
        return ChatDelta(
            content=delta.get("content") or "",
            reasoning=delta.get("reasoning") or "",
            finish_reason=choice.get("finish_reason"),
            usage=usage,
            request_id=self.request_id,
            executed_tools=tuple(t for t in delta.get("executed_tools") or () if isinstance(t, dict)),
        )

    def _finish(self, status: int, error_code: str | None) -> None:
        self._record(
            "chat",
            self._model,
            status,
            self.request_id,
            self._started,
            usage=self.usage,
            ttft=self.ttft,
            error_code=error_code,
            attempts=self._attempts,
        )


def _is_done(data: str) -> bool:
    return data.strip() == "[DONE]"


def _token_for(cancel: threading.Event | None) -> CancelToken:
    return cancel if isinstance(cancel, CancelToken) else CancelToken()


def _pooled_session() -> requests.Session:
    session = requests.Session()
    adapter = CancellableAdapter(pool_connections=4, pool_maxsize=32, max_retries=0)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = "groq-desktop/0.1"
    return session


def _json(response: requests.Response) -> dict[str, Any]:
    try:
        data = json.loads(response.content.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedResponseError(
            translate("GroqApiClient", "Groq's answer was not valid JSON (HTTP {status}).").format(
                status=response.status_code
            ),
        ) from exc
    if not isinstance(data, dict):
        raise MalformedResponseError(translate("GroqApiClient", "Groq's answer was not a JSON object."))
    return data


def _request_id(body: Mapping[str, Any], response: requests.Response) -> str | None:
    x_groq = body.get("x_groq")
    if isinstance(x_groq, Mapping) and x_groq.get("id"):
        return str(x_groq["id"])
    return response.headers.get("x-request-id")


def _drop_none(params: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in params.items() if v is not None}


_KINDS = {"/chat/completions": "chat", "/audio/transcriptions": "transcription", "/audio/translations": "translation",
          "/audio/speech": "speech"}

_MIME = {
    "flac": "audio/flac",
    "mp3": "audio/mpeg",
    "mpga": "audio/mpeg",
    "mpeg": "audio/mpeg",
    "m4a": "audio/mp4",
    "mp4": "audio/mp4",
    "ogg": "audio/ogg",
    "wav": "audio/wav",
    "webm": "audio/webm",
}


def _mime(filename: str) -> str:
    return _MIME.get(filename.rsplit(".", 1)[-1].lower(), "application/octet-stream")
