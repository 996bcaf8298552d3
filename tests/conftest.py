"""Test configuration: offscreen Qt, a throwaway user folder, one qasync loop, emulator factory."""

from __future__ import annotations

import os
import tempfile

# Before anything imports Qt or reads user folders.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QT_API"] = "pyside6"
os.environ["GROQ_DESKTOP_HOME"] = tempfile.mkdtemp(prefix="groq-desktop-tests-")
for _name in ("GROQ_API_KEY", "GROQ_BASE_URL", "GROQ_TIMEOUT", "GROQ_MAX_RETRIES", "GROQ_LOG_LEVEL", "GROQ_PLAN",
              "GROQ_TIME_SCALE", "GROQ_DEMO"):
    os.environ.pop(_name, None)

import asyncio  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402

TEST_KEY = "gsk_test_key_0123456789"


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data, cache and log folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("GROQ_DESKTOP_HOME", str(home))
    return home


@pytest.fixture
def emulator_factory() -> Iterator[Callable[..., Any]]:
    """Start emulators with any config; all are stopped at teardown."""
    from groq_desktop.emulator import EmulatorConfig, EmulatorServer

    servers: list[EmulatorServer] = []

    def start(**config: Any) -> EmulatorServer:
        server = EmulatorServer(EmulatorConfig(**config)).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def emulator(emulator_factory: Callable[..., Any]) -> Any:
    """A fast emulator: free-plan limits, a minute passes in a second, 5,000 tokens/s."""
    return emulator_factory(time_scale=60.0, tokens_per_second=5000.0)


@pytest.fixture(scope="session")
def qt_loop(qapp):  # type: ignore[no-untyped-def]
    """One qasync loop for the whole session, driven by pytest-qt's waits."""
    import qasync

    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    executor = qasync.QThreadExecutor(4)
    loop.set_default_executor(executor)
    loop.errors = []  # type: ignore[attr-defined]

    def record(loop_: asyncio.AbstractEventLoop, context: dict) -> None:
        loop.errors.append(context)  # type: ignore[attr-defined]

    loop.set_exception_handler(record)
    # already_running marks the loop as running on this thread; only the tests that use it may see
    # that, or a later plain asyncio.run() in the same session refuses to start.
    asyncio.events._set_running_loop(None)
    asyncio.set_event_loop(None)
    yield loop
    executor.shutdown(wait=True)


@pytest.fixture
def event_loop_checked(qt_loop):  # type: ignore[no-untyped-def]
    """The session loop, running for this test; fails the test if a task raised and nobody looked."""
    qt_loop.errors.clear()
    asyncio.set_event_loop(qt_loop)
    asyncio.events._set_running_loop(qt_loop)
    yield qt_loop
    for task in asyncio.all_tasks(qt_loop):
        task.cancel()
    asyncio.events._set_running_loop(None)
    asyncio.set_event_loop(None)
    errors = list(qt_loop.errors)
    qt_loop.errors.clear()
    assert not errors, f"unhandled errors in the event loop: {errors}"


SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def save_screenshot(widget: Any, name: str, fallback_dir: Path) -> Path:
    """Grab a widget; into the README's folder only with GROQ_DESKTOP_SCREENSHOTS=1 (refreshing them)."""
    folder = SCREENSHOTS if os.environ.get("GROQ_DESKTOP_SCREENSHOTS") else fallback_dir
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    assert widget.grab().save(str(path)), f"could not save {path}"
    return path


def _installed_language(code: str) -> Iterator[Any]:
    """The shipped catalogue of ``code`` (built from the .ts first), installed as the app does at start."""
    import importlib.util

    from PySide6.QtCore import QLocale

    from groq_desktop import i18n
    from groq_desktop.app import language

    spec = importlib.util.spec_from_file_location("catalogues", Path(__file__).parent.parent / "packaging" / "i18n.py")
    assert spec is not None and spec.loader is not None
    catalogues = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(catalogues)
    catalogues.release()
    locale = language.install(code)
    yield locale
    language.install("en")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    i18n.reset()


@pytest.fixture
def turkish(qapp: Any) -> Iterator[Any]:  # noqa: ARG001 - translators need the application
    yield from _installed_language("tr")


@pytest.fixture
def english(qapp: Any) -> Iterator[Any]:  # noqa: ARG001
    """The shipped English catalogue (its plural forms)."""
    yield from _installed_language("en")
