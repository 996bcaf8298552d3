"""One exception hierarchy for everything that can go wrong talking to Groq.

Every error carries the server's message, type, code and request id where known,
and a ``hint``: one sentence the user can act on, in the user's language (Groq's message stays as
Groq wrote it). A subclass marks its ``default_hint`` with ``QT_TRANSLATE_NOOP("GroqDesktopError", ...)``:
it is translated when the error is made, in that context.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from groq_desktop.i18n import QT_TRANSLATE_NOOP, number, translate


class GroqDesktopError(Exception):
    """Base of every error the app reports to a user."""

    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError", "Try again; if it keeps happening, check the log file."
    )

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        # default_hint is marked with QT_TRANSLATE_NOOP; errors are made at run time, after the translator.
        self.hint = hint or translate("GroqDesktopError", self.default_hint)

    @property
    def retryable(self) -> bool:
        return False

    def user_text(self) -> str:
        return f"{self.message}\n{self.hint}"


class ConfigurationError(GroqDesktopError):
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError", "Check the settings or the GROQ_* environment variables."
    )


class QueueFullError(GroqDesktopError):
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError", "Wait for some queued requests to finish, or cancel some, then try again."
    )


class RequestCancelledError(GroqDesktopError):
    default_hint = QT_TRANSLATE_NOOP("GroqDesktopError", "The request was cancelled; nothing more was sent.")


class AudioError(GroqDesktopError):
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError", "Check that the file is an audio or video file that plays in a media player."
    )


# --- transport ---------------------------------------------------------------


class TransportError(GroqDesktopError):
    """The request did not get a usable HTTP answer."""

    @property
    def retryable(self) -> bool:
        return True


class ConnectionFailedError(TransportError):
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError", "Check your internet connection (or the base URL in settings) and try again."
    )


class RequestTimeoutError(TransportError):
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError", "Groq did not answer in time; try again, or raise the timeout in settings."
    )


class MalformedResponseError(TransportError):
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError", "Groq sent a response the app could not read; try again in a moment."
    )

    @property
    def retryable(self) -> bool:
        return False


# --- API errors (an HTTP status and an error body) ---------------------------


class ApiError(GroqDesktopError):
    status: int = 0

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        error_type: str | None = None,
        code: str | None = None,
        param: str | None = None,
        request_id: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        if status is not None:
            self.status = status
        self.error_type = error_type
        self.code = code
        self.param = param
        self.request_id = request_id

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status}, code={self.code!r}, "
            f"request_id={self.request_id!r}, message={self.message!r})"
        )

    def user_text(self) -> str:
        rid = (
            "\n" + translate("GroqDesktopError", "Request id: {request_id}").format(request_id=self.request_id)
            if self.request_id
            else ""
        )
        return f"{self.message}\n{self.hint}{rid}"


class BadRequestError(ApiError):
    status = 400
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError",
        "The request was rejected as invalid; check the parameters (model, limits, options).",
    )


class AuthenticationError(ApiError):
    status = 401
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError",
        "Your API key was refused: paste a valid key from console.groq.com/keys in Settings.",
    )


class PermissionDeniedError(ApiError):
    status = 403
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError",
        "Your key is not allowed to use this; check your organisation's permissions or plan.",
    )


class NotFoundError(ApiError):
    status = 404
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError",
        "The model or resource does not exist (any more); refresh the model list and pick another.",
    )


class RequestTooLargeError(ApiError):
    """Too large for a whole budget: from a 413, or found by the limiter before anything was sent.

    ``dimension``, ``limit`` and ``requested`` say which budget and by how much; ``max_tokens_fit`` is
    the largest ``max_tokens`` that would fit (None when only a shorter prompt helps), so the
    composer can offer "lower max tokens to N" or "drop the oldest turns".
    """

    status = 413
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError", "The request is larger than the model allows in one go; shorten it or split it."
    )

    def __init__(
        self,
        message: str,
        *,
        dimension: str | None = None,
        limit: float | None = None,
        requested: float | None = None,
        max_tokens_fit: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(message, **kwargs)
        details = parse_rate_limit_message(message)
        self.dimension: str | None = dimension or details.get("dimension")
        self.limit: float | None = limit if limit is not None else details.get("limit")
        self.requested: float | None = requested if requested is not None else details.get("requested")
        self.organization: str | None = details.get("organization")
        self.max_tokens_fit = max_tokens_fit


class UnprocessableEntityError(ApiError):
    status = 422
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError", "Groq could not process this input; check the content and the options."
    )


class FailedDependencyError(ApiError):
    status = 424
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError", "A dependency of the request failed on Groq's side; try again later."
    )


class RateLimitError(ApiError):
    status = 429
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError",
        "The quota for this model is used up for now; the request will be sent when it refills.",
    )

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        details = parse_rate_limit_message(message)
        self.dimension: str | None = details.get("dimension")
        self.limit: float | None = details.get("limit")
        self.used: float | None = details.get("used")
        self.requested: float | None = details.get("requested")
        self.organization: str | None = details.get("organization")
        wait_from_text = details.get("wait")
        waits = [w for w in (retry_after, wait_from_text) if w is not None]
        self.retry_after: float | None = max(waits) if waits else None
        if self.is_daily and self.retry_after is not None:
            self.hint = translate(
                "GroqDesktopError",
                "The daily quota ({dimension}) is used up; it refills in {wait}. Pick another model or wait.",
            ).format(dimension=self.dimension, wait=format_wait(self.retry_after))

    @property
    def is_daily(self) -> bool:
        return self.dimension in ("RPD", "TPD", "ASD")


class CapacityExceededError(ApiError):
    status = 498
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError", "Groq's flex capacity is full right now; the app backs off and tries again."
    )

    @property
    def retryable(self) -> bool:
        return True


class CancelledByServerError(ApiError):
    status = 499
    default_hint = QT_TRANSLATE_NOOP("GroqDesktopError", "The request was cancelled.")


class ServerError(ApiError):
    status = 500
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError",
        "Groq had a server error (not billed); the app retries a few times, then try again later.",
    )

    @property
    def retryable(self) -> bool:
        return True


class StreamError(ApiError):
    """An error reported inside an SSE stream, after some text may have arrived."""

    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError", "The reply stopped early; the text so far is kept. Retry to get a full reply."
    )


_STATUS_CLASSES: dict[int, type[ApiError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    413: RequestTooLargeError,
    422: UnprocessableEntityError,
    424: FailedDependencyError,
    429: RateLimitError,
    498: CapacityExceededError,
    499: CancelledByServerError,
}


def error_from_response(
    status: int,
    body: bytes | str | Mapping[str, Any] | None,
    headers: Mapping[str, str] | None = None,
) -> ApiError:
    """Map an HTTP error status and body to the matching ``ApiError``."""
    headers = {k.lower(): v for k, v in (headers or {}).items()}
    payload: Any = body
    hint = None
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    if isinstance(body, str):
        try:
            payload = json.loads(body) if body.strip() else {}
        except ValueError:
            payload = {"error": {"message": _plain_message(status, body)}}
            if _is_html(body) and 400 <= status < 500 and status != 429:
                hint = translate("GroqDesktopError", WEB_PAGE_HINT)
    error = payload.get("error") if isinstance(payload, Mapping) else None
    if not isinstance(error, Mapping):
        error = {}
    message = str(error.get("message") or translate("GroqDesktopError", "HTTP {status} from Groq").format(status=status))
    request_id = headers.get("x-request-id")
    x_groq = payload.get("x_groq") if isinstance(payload, Mapping) else None
    if isinstance(x_groq, Mapping) and x_groq.get("id"):
        request_id = str(x_groq["id"])
    cls = _STATUS_CLASSES.get(status) or (ServerError if status >= 500 else ApiError)
    kwargs: dict[str, Any] = dict(
        status=status,
        error_type=error.get("type"),
        code=error.get("code"),
        param=error.get("param"),
        request_id=request_id,
        hint=hint,
    )
    if cls is RateLimitError:
        kwargs["retry_after"] = _retry_after_seconds(headers)
    return cls(message, **kwargs)


_EXCERPT_CHARS = 160
WEB_PAGE_HINT = QT_TRANSLATE_NOOP(
    "GroqDesktopError",
    "This answer is a web page, not Groq's API: a proxy, firewall or sign-in page on your network may be "
    "in the way. Check the network (or the base URL in settings)."
)
_HIDDEN_RE = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TITLE_RE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_TAG_RE = re.compile(r"<[^>]*>")


def _plain_message(status: int, body: str) -> str:
    """A short sentence for a body that is not Groq's JSON (a proxy's HTML block page, a gateway's text)."""
    title = _TITLE_RE.search(body) if _is_html(body) else None
    text = title.group(1) if title else _TAG_RE.sub(" ", _HIDDEN_RE.sub(" ", body)) if _is_html(body) else body
    text = " ".join(html.unescape(text).split())
    if len(text) > _EXCERPT_CHARS:
        text = text[: _EXCERPT_CHARS - 1].rstrip() + "…"
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    if text.lower() == phrase.lower():
        text = ""
    head = f"HTTP {status} {phrase}".rstrip()
    if text:
        return f"{head}: {text}"
    return translate("GroqDesktopError", "{status} (no details in the answer).").format(status=head)


def _is_html(body: str) -> bool:
    return body.lstrip()[:1] == "<"


def _retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """The longest usable wait the headers give; unusable values (nan, inf, negative) count as absent."""
    from groq_desktop.core.quota.durations import parse_retry_after

    waits = []
    if "retry-after-ms" in headers:
        with contextlib.suppress(ValueError):
            milliseconds = float(headers["retry-after-ms"])
            if 0 <= milliseconds <= 1e10:  # also False for nan
                waits.append(milliseconds / 1000.0)
    if (seconds := parse_retry_after(headers.get("retry-after"))) is not None:
        waits.append(seconds)
    return max(waits) if waits else None


_DIMENSION_RE = re.compile(r"\((RPM|RPD|TPM|TPD|ASH|ASD|ITPM|OTPM)\)", re.IGNORECASE)
# Groq's phrases, longest first (so "input tokens per minute" is not read as "tokens per minute").
_DIMENSION_PHRASES = (
    ("input tokens per minute", "ITPM"),
    ("output tokens per minute", "OTPM"),
    ("audio seconds per hour", "ASH"),
    ("audio seconds per day", "ASD"),
    ("requests per minute", "RPM"),
    ("requests per day", "RPD"),
    ("tokens per minute", "TPM"),
    ("tokens per day", "TPD"),
)
_NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
_LIMIT_RE = re.compile(r"\bLimit:?\s+" + _NUMBER, re.IGNORECASE)
_USED_RE = re.compile(r"\bUsed:?\s+" + _NUMBER, re.IGNORECASE)
_REQUESTED_RE = re.compile(r"\bRequested:?\s+" + _NUMBER, re.IGNORECASE)
_ORG_RE = re.compile(r"organization\s+`?(org_[A-Za-z0-9_-]+)`?", re.IGNORECASE)
_TIER_RE = re.compile(r"service tier\s+`?([a-z_]+)`?", re.IGNORECASE)
_WAIT_RE = re.compile(r"try again in\s+([0-9hms.]+)", re.IGNORECASE)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def parse_rate_limit_message(message: str) -> dict[str, Any]:
    """Read dimension, limit, used, requested, wait and organisation out of Groq's 429/413 message.

    Defensive: the format is not documented, so each part is looked for on its own and a part that
    is missing or unreadable is simply left out.
    """
    from groq_desktop.core.quota.durations import parse_go_duration

    out: dict[str, Any] = {}
    if m := _DIMENSION_RE.search(message):
        out["dimension"] = m.group(1).upper()
    else:
        lowered = message.lower()
        found = [(lowered.find(p), code) for p, code in _DIMENSION_PHRASES if p in lowered]
        if found:
            out["dimension"] = min(found)[1]
    for key, pattern in (("limit", _LIMIT_RE), ("used", _USED_RE), ("requested", _REQUESTED_RE)):
        if m := pattern.search(message):
            with contextlib.suppress(ValueError):
                out[key] = _number(m.group(1))
    if m := _ORG_RE.search(message):
        out["organization"] = m.group(1)
    if m := _TIER_RE.search(message):
        out["service_tier"] = m.group(1)
    if m := _WAIT_RE.search(message):
        with contextlib.suppress(ValueError):
            out["wait"] = parse_go_duration(m.group(1).rstrip("."))
    return out


def format_wait(seconds: float) -> str:
    """A short human duration in the user's language: ``45 s``, ``12 min``, ``3 h 20 min``."""
    seconds = max(0.0, seconds)
    if seconds < 90:
        return translate("format_wait", "{seconds} s").format(seconds=number(round(seconds)))
    minutes = seconds / 60
    if minutes < 90:
        return translate("format_wait", "{minutes} min").format(minutes=number(round(minutes)))
    hours, rem = divmod(int(minutes), 60)
    if rem:
        return translate("format_wait", "{hours} h {minutes} min").format(hours=number(hours), minutes=number(rem))
    return translate("format_wait", "{hours} h").format(hours=number(hours))
