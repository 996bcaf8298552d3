"""Logging for Groq Desktop: a rotating log file, stderr, and no secrets in either.

Policy for everything that logs (the API client included):
- One INFO line per API request, written with ``log_request`` (stable key=value format).
- Message contents (prompts, replies, transcripts) are logged ONLY at DEBUG level, so a log
  file a user attaches to a bug report holds no conversation text by default.
- API keys never reach a log: ``SecretRedactingFilter`` sits on both handlers and replaces
  anything that looks like a Groq key or a Bearer token; still, don't log headers on purpose.

The level comes from the argument, else ``GROQ_LOG_LEVEL``, else INFO.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any, TextIO

from groq_desktop.core import paths

LOG_FILE_NAME = "groq_desktop.log"
LOG_LEVEL_ENV_VAR = "GROQ_LOG_LEVEL"
MAX_LOG_BYTES = 5 * 1024 * 1024
LOG_BACKUP_COUNT = 3
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
REDACTED = "gsk_***"

_GROQ_KEY = re.compile(r"gsk_[A-Za-z0-9_-]{8,}")
_BEARER_TOKEN = re.compile(r"(?i)\b(bearer)(\s+)(?!gsk_\*\*\*)[A-Za-z0-9._~+/=-]{8,}")
# Marks the handlers this module installed, so a second call replaces instead of duplicating.
_OWNED_ATTRIBUTE = "_groq_desktop_handler"


def redact(text: str) -> str:
    """``text`` with Groq keys and Bearer tokens replaced by ``gsk_***``."""
    text = _BEARER_TOKEN.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", text)
    return _GROQ_KEY.sub(REDACTED, text)


class SecretRedactingFilter(logging.Filter):
    """Redacts secrets from the formatted message, the exception text and the stack text."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: redact the template, keep the args out
            message = f"{record.msg} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class _CurrentStderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is now (test runners swap it), like logging.lastResort."""

    @property  # type: ignore[override]
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass


def _resolve_level(level: str | int | None) -> int:
    if level is None:
        from_env = os.environ.get(LOG_LEVEL_ENV_VAR, "").strip()
        if not from_env:
            return logging.INFO
        try:
            return _resolve_level(from_env)
        except ValueError:
            return logging.INFO
    if isinstance(level, int):
        return level
    text = level.strip().upper()
    if text.isdigit():
        return int(text)
    value = logging.getLevelName(text)
    if not isinstance(value, int):
        raise ValueError(f"unknown log level {level!r}")
    return value


def _owned_handlers(logger: logging.Logger) -> list[logging.Handler]:
    return [h for h in logger.handlers if getattr(h, _OWNED_ATTRIBUTE, False)]


def remove_logging_handlers() -> None:
    """Remove and close the handlers ``configure_logging`` installed (shutdown and tests)."""
    root = logging.getLogger()
    for handler in _owned_handlers(root):
        root.removeHandler(handler)
        handler.close()


def configure_logging(level: str | int | None = None, log_dir: Path | None = None) -> Path:
    """Log to a rotating file (5 MB x 3) and stderr, secrets redacted; returns the file's path.

    Calling it again replaces the handlers it installed before (new level or folder), never
    adds a second set.
    """
    resolved = _resolve_level(level)
    directory = Path(log_dir) if log_dir is not None else paths.log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    log_file = directory / LOG_FILE_NAME

    remove_logging_handlers()
    formatter = logging.Formatter(LOG_FORMAT)
    redactor = SecretRedactingFilter()
    file_handler = RotatingFileHandler(
        log_file, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUP_COUNT, encoding="utf-8"
    )
    stderr_handler = _CurrentStderrHandler()
    root = logging.getLogger()
    for handler in (file_handler, stderr_handler):
        handler.setFormatter(formatter)
        handler.addFilter(redactor)
        setattr(handler, _OWNED_ATTRIBUTE, True)
        root.addHandler(handler)
    root.setLevel(resolved)
    logging.captureWarnings(True)
    return log_file


def _format_value(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    text = str(value)
    if not text:
        return '""'
    if any(ch.isspace() or ch in '"=\\' for ch in text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def format_request_line(
    *,
    model: str | None,
    status: int | None,
    request_id: str | None,
    prompt_tokens: int | None,
    completion_tokens: int | None,
    audio_seconds: float | None,
    total_time: float | None,
    wait_reason: str | None,
) -> str:
    """``request model=... status=... ...``: keys always in this order, missing values as ``-``."""
    fields = (
        ("model", model),
        ("status", status),
        ("request_id", request_id),
        ("prompt_tokens", prompt_tokens),
        ("completion_tokens", completion_tokens),
        ("audio_seconds", audio_seconds),
        ("total_time", total_time),
        ("wait_reason", wait_reason),
    )
    return "request " + " ".join(f"{key}={_format_value(value)}" for key, value in fields)


def log_request(
    logger: logging.Logger,
    *,
    model: str | None,
    status: int | None,
    request_id: str | None,
    prompt_tokens: int | None,
    completion_tokens: int | None,
    audio_seconds: float | None,
    total_time: float | None,
    wait_reason: str | None,
) -> None:
    """Write the one INFO line an API request gets (no message contents: those are DEBUG only)."""
    if not logger.isEnabledFor(logging.INFO):
        return
    logger.info(
        "%s",
        format_request_line(
            model=model,
            status=status,
            request_id=request_id,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            audio_seconds=audio_seconds,
            total_time=total_time,
            wait_reason=wait_reason,
        ),
    )
