"""The core, services and errors hand the UI text that went through translate(), and read it in Turkish.

Qt-free: a fake translate marks every text (``⟦…⟧``), or reads the shipped Turkish catalogue
(``resources/i18n/tr/core.ts``) the way Qt's translator would, with a Turkish number format.
"""

from __future__ import annotations

import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from groq_desktop import i18n
from groq_desktop.core.attachments.files import extract_text
from groq_desktop.core.attachments.model import AttachmentError
from groq_desktop.core.attachments.prepare import path_attachment
from groq_desktop.core.catalogue import Retirement
from groq_desktop.core.quota.limits import Cost, Dimension, LimitTable, ModelLimits
from groq_desktop.core.quota.rate_limiter import RateLimiter, WaitInfo, describe_source
from groq_desktop.core.quota.scheduler import JobState
from groq_desktop.core.startup_checks import ProblemKind, StartupProblem
from groq_desktop.errors import RateLimitError, error_from_response, format_wait
from groq_desktop.services.bulk import status_label
from groq_desktop.services.error_advice import advise, retirement_text
from groq_desktop.services.transcription import JobInfo, JobPhase, TranscriptionOptions, rejection_reason

ROOT = Path(__file__).resolve().parents[2]
TURKISH = ROOT / "resources" / "i18n" / "tr" / "core.ts"


def marked(text: str) -> bool:
    return text.startswith("⟦") and text.endswith("⟧")


@pytest.fixture
def marking() -> Iterator[None]:
    i18n.install(lambda c, s, d=None, n=-1: "⟦" + s + "⟧", lambda v, d: str(v))
    yield
    i18n.reset()


def _turkish_number(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


@pytest.fixture
def turkish() -> Iterator[dict[tuple[str, str], str]]:
    """translate() from the shipped Turkish catalogue, as Qt would look it up (context, source)."""
    catalogue: dict[tuple[str, str], str] = {}
    for context in ET.parse(TURKISH).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            catalogue[(name, message.findtext("source") or "")] = message.findtext("translation") or ""

    def translate(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        text = catalogue.get((context, source)) or source
        return text.replace("%n", str(n)) if n >= 0 else text

    i18n.install(translate, _turkish_number)
    yield catalogue
    i18n.reset()


def _limiter() -> RateLimiter:
    table = LimitTable(plans={"free": {"m": ModelLimits.from_mapping({"RPM": 2})}}, defaults={"free": ModelLimits()})
    return RateLimiter(table, clock=lambda: 1000.0, latency_margin=0)


def test_user_messages_go_through_translate(marking: None, tmp_path: Path) -> None:
    # Error hints the UI shows under Groq's own message, which stays as Groq wrote it.
    for status in (401, 413, 429):
        error = error_from_response(status, {"error": {"message": "Groq's words"}})
        assert error.message == "Groq's words"
        assert marked(error.hint), status
    refused = advise(error_from_response(401, {"error": {"message": "Invalid API Key", "code": "invalid_api_key"}}))
    assert marked(refused.hint)
    assert marked(retirement_text(Retirement("old-model", "2025-01-01", "new-model")))
    with_id = error_from_response(500, {"error": {"message": "boom"}}, {"x-request-id": "req_1"})
    assert with_id.user_text().splitlines()[-1] == "⟦Request id: req_1⟧"

    # Job statuses and labels; the stored values stay English.
    job = JobInfo(1, Path("a.mp3"), "a.mp3", JobPhase.UPLOADING, TranscriptionOptions(), chunk_count=3)
    assert marked(job.status_text())
    assert marked(JobPhase.DONE.label()) and JobPhase.DONE.value == "done"
    assert marked(JobState.WAITING.label()) and JobState.WAITING.value == "waiting"
    assert marked(status_label("running")) and status_label("weird") == "weird"
    assert marked(rejection_reason("not_audio"))
    assert all(marked(p) for p in TranscriptionOptions(temperature=3.0, task="nope").problems())

    # A wait reason and the words around a quota.
    limiter = _limiter()
    limiter.try_reserve("m", Cost())
    limiter.try_reserve("m", Cost())
    wait = limiter.try_reserve("m", Cost())
    assert isinstance(wait, WaitInfo)
    assert marked(wait.reason)
    assert marked(Dimension.TPM.label) and Dimension.TPM.value == "TPM"
    assert marked(describe_source("table"))
    assert marked(format_wait(45)) and marked(format_wait(4 * 3600))

    # Attachment refusals: unsupported type, too large, not text.
    unsupported = tmp_path / "tool.exe"
    unsupported.write_bytes(b"MZ")
    with pytest.raises(AttachmentError) as refused_type:
        path_attachment(unsupported, None, None)  # type: ignore[arg-type]  # refused before either is used
    assert marked(refused_type.value.message) and marked(refused_type.value.hint)
    with pytest.raises(AttachmentError) as too_large:
        extract_text("big.txt", b"x" * 20_000_001)
    assert marked(too_large.value.message)
    with pytest.raises(AttachmentError) as binary:
        extract_text("blob.txt", b"\x00\x01")
    assert marked(binary.value.message)

    # A start-up problem: what is wrong and the way out (the detail is its own).
    problem = StartupProblem(ProblemKind.CORRUPT_DATABASE, tmp_path / "history.db", "detail")
    what, detail, way_out = problem.message().split("\n\n")
    assert marked(what) and detail == "detail" and marked(way_out)
    assert marked(ProblemKind.OTHER.label())


def test_placeholders_are_filled_after_translating_in_turkish(turkish: dict[tuple[str, str], str]) -> None:
    assert turkish[("format_wait", "{hours} h {minutes} min")] == "{hours} sa {minutes} dk"
    assert format_wait(3 * 3600 + 20 * 60) == "3 sa 20 dk"
    error = RateLimitError(
        "Rate limit reached for model `m` on tokens per day (TPD): Limit 100000, Used 99000, Requested 2000. "
        "Please try again in 3h10m0s."
    )
    assert error.hint == "Günlük kota (TPD) doldu; 3 sa 10 dk içinde yenilenir. Başka bir model seçin ya da bekleyin."
    with pytest.raises(AttachmentError) as too_large:
        extract_text("rapor.txt", b"x" * 25_000_000)
    assert too_large.value.message == "rapor.txt 25.000.000 bayt; 20.000.000 baytı aşan dosyalar okunmaz."
    waiting = JobInfo(
        1, Path("a.mp3"), "a.mp3", JobPhase.WAITING, TranscriptionOptions(),
        wait=WaitInfo("m", Dimension.ASH, 30.0, 10.0, 0.0, 7200.0, ""), wait_until=time.monotonic() + 1000.4,
    )
    assert waiting.status_text(now=time.monotonic()) == "Kota bekleniyor (saat başına ses saniyesi) — 1.001 sn"


def test_nothing_is_translated_at_import_time() -> None:
    """Constants are marked with QT_TRANSLATE_NOOP: importing every module must not call translate()."""
    script = (
        "import importlib, pkgutil, groq_desktop, groq_desktop.i18n as i18n\n"
        "def boom(*args):\n"
        "    raise AssertionError(f'translate() at import time: {args[:2]}')\n"
        "i18n.install(boom, boom)\n"
        "import groq_desktop.errors\n"
        "for package in ('groq_desktop.core', 'groq_desktop.services'):\n"
        "    root = importlib.import_module(package)\n"
        "    for info in pkgutil.walk_packages(root.__path__, package + '.'):\n"
        "        importlib.import_module(info.name)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_the_emulator_speaks_groq_s_english_whatever_the_language(marking: None) -> None:
    from groq_desktop.emulator.quota import Rejection

    message = Rejection("m", Dimension.TPM, 6000, 5900, 500, 12.0).message
    assert "⟦" not in message and "on tokens per minute (TPM)" in message
    assert marked(Dimension.TPM.label)
