"""``groq-desktop --self-test``: prove an installed copy works, offscreen and offline.

Starts the app in demo mode (its built-in emulator) with a data folder of its own in a temporary
directory, so it never reads or writes the user's data and never meets a running instance. Then it
builds the main window, streams one chat reply, transcribes the bundled clip and counts tokens with
the shipped tokenizer files, printing one line per check. Exit status 0 when every check passed.
The lines stay in English, untranslated: this is a command-line check for packagers and bug reports.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import IO, Any

CLIP_NAME = "self-test.flac"
CHECK_TIMEOUT = 60.0
# A key or a server address from the user's environment must not turn the self-test into a live run.
_CLEARED_ENV = ("GROQ_API_KEY", "GROQ_BASE_URL", "GROQ_TIME_SCALE", "GROQ_PLAN", "GROQ_TIMEOUT", "GROQ_MAX_RETRIES")


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'} {self.name}: {self.detail}"


def clip_path() -> Path:
    """The bundled clip (a file next to the package, also in a PyInstaller build)."""
    return Path(str(resources.files("groq_desktop.resources").joinpath(CLIP_NAME)))


def isolate(home: Path) -> None:
    """Point every folder the app uses into ``home`` and force offscreen demo mode."""
    os.environ["GROQ_DESKTOP_HOME"] = str(home)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["GROQ_DEMO"] = "1"
    # Plugin chatter (no PipeWire, no VA-API, offscreen's size hints) is not a result.
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false;qt.qpa.*=false")
    for name in _CLEARED_ENV:
        os.environ.pop(name, None)


def run(out: IO[str] | None = None) -> int:
    out = out or sys.stdout
    home = Path(tempfile.mkdtemp(prefix="groq-desktop-self-test-"))
    isolate(home)
    try:
        results = _run_checks(out)
    except Exception as exc:  # noqa: BLE001 - a start-up failure is a failed self-test, said in one line
        results = [CheckResult("start", False, f"{type(exc).__name__}: {exc}")]
        print(results[0].line(), file=out, flush=True)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    failed = sum(not r.ok for r in results)
    print(f"self-test: {len(results) - failed} passed, {failed} failed", file=out, flush=True)
    return 1 if failed or not results else 0


def _run_checks(out: IO[str]) -> list[CheckResult]:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName("GroqDesktop")
    QCoreApplication.setApplicationName("Groq Desktop self-test")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    import qasync

    from groq_desktop.app.composition import build_services
    from groq_desktop.app.settings import AppSettings
    from groq_desktop.core.config import load_config
    from groq_desktop.core.secrets import KeyStore

    # backend=False: no keychain is opened, so nothing of the user's key is read.
    key_store = KeyStore(backend=False)
    services = build_services(load_config(os.environ, {}, key_store), key_store=key_store)
    settings = AppSettings()
    results: list[CheckResult] = []
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    window: Any = None
    window_error: Exception | None = None
    try:  # built before the loop runs, as the app does: its panels start tasks of their own
        from groq_desktop.app.main_window import MainWindow

        window = MainWindow(services, settings)
        window.show()
    except Exception as exc:  # noqa: BLE001 - reported by the window check
        window_error = exc

    async def check(name: str, body: Callable[[], Awaitable[str]]) -> None:
        started = time.perf_counter()
        try:
            detail = await asyncio.wait_for(body(), CHECK_TIMEOUT)
            result = CheckResult(name, True, detail)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a FAIL line
            message = str(exc) or type(exc).__name__
            result = CheckResult(name, False, f"{message} (after {time.perf_counter() - started:.1f} s)")
        results.append(result)
        print(result.line(), file=out, flush=True)

    async def window_check() -> str:
        if window_error is not None:
            raise window_error
        await asyncio.sleep(0.1)  # let it lay out and paint
        image = window.grab()
        if image.isNull() or image.width() == 0:
            raise RuntimeError("the window painted nothing")
        return f"main window painted offscreen ({image.width()}x{image.height()}, demo mode)"

    async def all_checks() -> None:
        await check("window", window_check)
        await check("qt modules", _qt_modules)
        await check("languages", _languages)
        await check("chat", lambda: _chat(services, settings))
        await check("transcription", lambda: _transcribe(services, settings))
        await check("tokens", lambda: _tokens(services, settings))

    try:
        with loop:
            loop.run_until_complete(all_checks())
            if window is not None:
                window.close()
            loop.run_until_complete(services.transcription.aclose())
            loop.run_until_complete(services.scheduler.aclose())
            services.client.close()
    finally:
        services.close()
        asyncio.set_event_loop(None)
    return results


async def _qt_modules() -> str:
    # The panels import these lazily; a build that left their libraries or plugins out fails here.
    from PySide6 import QtCharts, QtMultimedia

    chart = QtCharts.QChart()
    player = QtMultimedia.QMediaPlayer()
    player.deleteLater()
    chart.deleteLater()
    return "QtCharts and QtMultimedia load"


async def _languages() -> str:
    # The .qm catalogues (ours and Qt's) must be in the package; a build without them speaks only English.
    from PySide6.QtCore import QCoreApplication

    from groq_desktop.app import language

    # Looked up, not declared: variables keep these two out of the catalogues lupdate writes.
    ours_key, qt_key = ("MainWindow", "Chat"), ("QPlatformTheme", "Cancel")
    try:
        language.install("tr")
        ours = QCoreApplication.translate(*ours_key)
        qt_own = QCoreApplication.translate(*qt_key)
    finally:
        language.install("en")
    if (ours, qt_own) != ("Sohbet", "İptal"):
        raise RuntimeError(f"the Turkish catalogues did not load (got {ours!r}, {qt_own!r})")
    return "Turkish catalogues load (ours and Qt's)"


def _model(wanted: str, choices: list[Any], what: str) -> str:
    ids = [m.id for m in choices]
    if wanted in ids:
        return wanted
    if not ids:
        raise RuntimeError(f"the emulator lists no {what} model")
    return ids[0]


async def _chat(services: Any, settings: Any) -> str:
    from groq_desktop.app.settings import Key

    await asyncio.to_thread(services.registry.refresh, True)
    model = _model(settings.get(Key.DEFAULT_CHAT_MODEL), services.registry.chat_models(), "chat")
    conversation = services.chat.create_conversation(model, "Self-test")
    deltas: list[str] = []
    final: list[Any] = []

    def on_event(event: Any) -> None:
        if event.kind == "delta":
            deltas.append(event.content_delta)
        elif event.kind in ("done", "stopped", "error"):
            final.append(event)

    started = time.perf_counter()
    reply_id = await services.chat.send(conversation.id, "Say hello in five words.", on_event)
    await services.chat.wait_finished(reply_id)
    elapsed = time.perf_counter() - started
    if not final or final[-1].kind != "done":
        error = final[-1].error if final else None
        raise RuntimeError(f"the reply did not finish: {error or (final[-1].kind if final else 'no end event')}")
    text = "".join(deltas)
    if not text.strip():
        raise RuntimeError("the reply streamed no text")
    tokens = (final[-1].facts or {}).get("completion_tokens") or 0
    return f"{tokens} tokens streamed in {elapsed:.1f} s ({len(deltas)} updates, {model})"


async def _transcribe(services: Any, settings: Any) -> str:
    from groq_desktop.app.settings import Key
    from groq_desktop.services.transcription import TranscriptionOptions

    clip = clip_path()
    if not clip.is_file():
        raise RuntimeError(f"the bundled clip is missing: {clip}")
    model = _model(
        settings.get(Key.DEFAULT_TRANSCRIPTION_MODEL), services.registry.transcription_models(), "transcription"
    )
    finished = asyncio.Event()

    def on_event(event: Any) -> None:
        if event.job is not None and event.job.phase.finished:
            finished.set()

    unsubscribe = services.transcription.subscribe(on_event)
    started = time.perf_counter()
    try:
        (job,) = await services.transcription.add([clip], TranscriptionOptions(model=model))
        if not job.phase.finished:
            await finished.wait()
    finally:
        unsubscribe()
    elapsed = time.perf_counter() - started
    info = services.transcription.job(job.id) or job
    if info.phase.value != "done":
        raise RuntimeError(f"the job ended {info.status_text()}")
    transcript = services.transcription.transcript(job.id)
    words = len(transcript.text.split()) if transcript else 0
    if not words:
        raise RuntimeError("the transcript is empty")
    return f"{info.duration or 0:.1f} s clip, {words} words in {elapsed:.1f} s ({model})"


async def _tokens(services: Any, settings: Any) -> str:
    from groq_desktop.app.settings import Key
    from groq_desktop.core.token_counter import get_encoding

    sample = "Groq Desktop counts tokens offline, with the tokenizer files it ships."
    started = time.perf_counter()
    counts = {name: len(get_encoding(name).encode(sample)) for name in ("cl100k_base", "o200k_base")}
    model = settings.get(Key.DEFAULT_CHAT_MODEL)
    counted = services.token_counter.count_text(model, sample)
    if not all(counts.values()) or not counted:
        raise RuntimeError(f"a tokenizer counted nothing: {counts}")
    elapsed = time.perf_counter() - started
    shown = ", ".join(f"{name} {n}" for name, n in counts.items())
    return f"{shown} tokens, offline, in {elapsed:.1f} s"
