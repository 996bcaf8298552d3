from __future__ import annotations

import logging
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from groq_desktop.core import logging_setup, paths
from groq_desktop.core.logging_setup import (
    LOG_FILE_NAME,
    SecretRedactingFilter,
    configure_logging,
    format_request_line,
    log_request,
    redact,
    remove_logging_handlers,
)

KEY = "gsk_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4Y5z6"


@pytest.fixture(autouse=True)
def isolated_logging(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(paths.HOME_ENV_VAR, str(tmp_path / "home"))
    monkeypatch.delenv(logging_setup.LOG_LEVEL_ENV_VAR, raising=False)
    root = logging.getLogger()
    level = root.level
    yield
    remove_logging_handlers()
    root.setLevel(level)
    logging.captureWarnings(False)


def owned_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if getattr(h, "_groq_desktop_handler", False)]


def flush() -> None:
    for handler in owned_handlers():
        handler.flush()


def test_default_folder_is_the_log_dir_under_groq_desktop_home(tmp_path: Path) -> None:
    log_file = configure_logging()
    assert log_file == tmp_path / "home" / "logs" / LOG_FILE_NAME
    logging.getLogger("groq_desktop.test").info("hello file")
    flush()
    assert "hello file" in log_file.read_text(encoding="utf-8")


def test_a_key_never_reaches_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log_file = configure_logging(level="DEBUG", log_dir=tmp_path)
    logger = logging.getLogger("groq_desktop.api")
    logger.info("using key %s", KEY)
    logger.warning(f"inline {KEY} in the message")
    logger.debug("headers: %r", {"Authorization": f"Bearer {KEY}"})
    logger.info("Authorization: Bearer some.opaque-token_value")
    try:
        raise RuntimeError(f"request failed with key {KEY}")
    except RuntimeError:
        logger.exception("failure")
    flush()

    text = log_file.read_text(encoding="utf-8")
    assert KEY not in text and KEY[4:20] not in text
    assert "some.opaque-token_value" not in text
    assert text.count("gsk_***") >= 5
    assert "Bearer gsk_***" in text
    assert "RuntimeError: request failed with key gsk_***" in text
    # The stderr copy is redacted too.
    assert KEY not in capsys.readouterr().err


def test_keys_with_underscores_like_the_test_key_are_redacted() -> None:
    assert redact("key=gsk_test_key_0123456789 ok") == "key=gsk_*** ok"
    assert redact("gsk_short") == "gsk_short"  # too short to be a key
    assert redact("no secrets here, the bearer of news") == "no secrets here, the bearer of news"


def test_filter_redacts_args_and_leaves_plain_records_alone() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "token %s and %d", (KEY, 3), None)
    assert SecretRedactingFilter().filter(record)
    assert record.getMessage() == "token gsk_*** and 3"
    plain = logging.LogRecord("x", logging.INFO, __file__, 1, "%d%%", (5,), None)
    SecretRedactingFilter().filter(plain)
    assert plain.getMessage() == "5%"


def test_both_handlers_carry_the_filter_and_the_file_rotates(tmp_path: Path) -> None:
    configure_logging(log_dir=tmp_path)
    handlers = owned_handlers()
    assert len(handlers) == 2
    rotating = [h for h in handlers if isinstance(h, RotatingFileHandler)]
    assert len(rotating) == 1
    assert rotating[0].maxBytes == 5 * 1024 * 1024 and rotating[0].backupCount == 3
    for handler in handlers:
        assert any(isinstance(f, SecretRedactingFilter) for f in handler.filters)


def test_configuring_twice_does_not_duplicate_handlers(tmp_path: Path) -> None:
    first = configure_logging(log_dir=tmp_path / "one")
    second = configure_logging(log_dir=tmp_path / "two")
    assert len(owned_handlers()) == 2
    logging.getLogger("groq_desktop.test").warning("exactly once")
    flush()
    assert second.read_text(encoding="utf-8").count("exactly once") == 1
    assert "exactly once" not in first.read_text(encoding="utf-8")


def test_level_from_argument_then_environment_then_info(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = logging.getLogger()
    configure_logging(log_dir=tmp_path)
    assert root.level == logging.INFO
    monkeypatch.setenv(logging_setup.LOG_LEVEL_ENV_VAR, "debug")
    configure_logging(log_dir=tmp_path)
    assert root.level == logging.DEBUG
    configure_logging(level="warning", log_dir=tmp_path)
    assert root.level == logging.WARNING
    configure_logging(level=logging.ERROR, log_dir=tmp_path)
    assert root.level == logging.ERROR
    monkeypatch.setenv(logging_setup.LOG_LEVEL_ENV_VAR, "loud")
    configure_logging(log_dir=tmp_path)
    assert root.level == logging.INFO
    with pytest.raises(ValueError):
        configure_logging(level="loud", log_dir=tmp_path)


def test_log_request_writes_one_stable_line(tmp_path: Path) -> None:
    log_file = configure_logging(level="INFO", log_dir=tmp_path)
    logger = logging.getLogger("groq_desktop.api")
    log_request(
        logger,
        model="llama-3.1-8b-instant",
        status=200,
        request_id="req_01abc",
        prompt_tokens=12,
        completion_tokens=34,
        audio_seconds=None,
        total_time=0.5,
        wait_reason=None,
    )
    log_request(
        logger,
        model="whisper-large-v3",
        status=429,
        request_id=None,
        prompt_tokens=0,
        completion_tokens=0,
        audio_seconds=10.0,
        total_time=None,
        wait_reason="audio seconds per hour",
    )
    flush()
    lines = [line for line in log_file.read_text(encoding="utf-8").splitlines() if " request " in line]
    assert len(lines) == 2
    assert lines[0].endswith(
        "request model=llama-3.1-8b-instant status=200 request_id=req_01abc prompt_tokens=12"
        " completion_tokens=34 audio_seconds=- total_time=0.500 wait_reason=-"
    )
    assert " INFO groq_desktop.api " in lines[0]
    assert lines[1].endswith('audio_seconds=10.000 total_time=- wait_reason="audio seconds per hour"')


def test_request_line_quotes_awkward_values() -> None:
    line = format_request_line(
        model='we"ird=model',
        status=0,
        request_id="",
        prompt_tokens=None,
        completion_tokens=None,
        audio_seconds=None,
        total_time=None,
        wait_reason="x",
    )
    assert line.startswith('request model="we\\"ird=model" status=0 request_id="" prompt_tokens=-')
