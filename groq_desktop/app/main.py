"""``groq-desktop``: start the qasync loop, build the services, open the main window."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_API", "pyside6")

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QIcon  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from groq_desktop import __version__  # noqa: E402
from groq_desktop.app import language, startup_problems  # noqa: E402
from groq_desktop.app.settings import AppSettings, Key  # noqa: E402
from groq_desktop.app.single_instance import InstanceGuard, Ownership, hand_over  # noqa: E402
from groq_desktop.core import paths  # noqa: E402
from groq_desktop.core.secrets import SESSION_KEY_ENV  # noqa: E402
from groq_desktop.core.startup_checks import ProblemKind, StartupProblem  # noqa: E402

if TYPE_CHECKING:
    from groq_desktop.app.composition import Services
    from groq_desktop.app.main_window import MainWindow

log = logging.getLogger(__name__)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="groq-desktop", description="Groq Desktop: chat, transcribe, watch your quota.")
    parser.add_argument("files", nargs="*", type=Path, help="audio or video files to transcribe")
    parser.add_argument("--demo", action="store_true", help="run against the built-in emulator even with a key")
    parser.add_argument("--log-level", help="DEBUG, INFO, WARNING (default from settings or GROQ_LOG_LEVEL)")
    parser.add_argument("--version", action="version", version=f"groq-desktop {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation offscreen in demo mode (own temporary data) and exit 0/1")
    # Set by "Restart now": wait for the quitting instance to give the data folder up.
    parser.add_argument("--restarted", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


RESTART_WAIT_MS = 20_000
FREEZE_AFTER_MS = 1_000  # after the queue panels (built 300 and 600 ms after this)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_test:
        from groq_desktop.app import self_test

        return self_test.run()
    # A key "Restart now" carried over; out of the environment at once, so no child inherits it.
    session_key = os.environ.pop(SESSION_KEY_ENV, "").strip()
    QCoreApplication.setOrganizationName("GroqDesktop")
    QCoreApplication.setApplicationName("Groq Desktop")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")  # Fusion follows the system's light/dark scheme on every platform
    app.setWindowIcon(QIcon(str(Path(__file__).resolve().parent.parent / "resources" / "icon.svg")))
    # Before any widget, the start-up problem dialogs included: texts are translated when they are built.
    language.install(str(AppSettings().get(Key.LANGUAGE) or "system"))

    owned: list[tuple[InstanceGuard, Ownership]] = []

    def acquire() -> StartupProblem | None:
        guard = InstanceGuard(paths.data_dir())
        ownership = guard.acquire(RESTART_WAIT_MS if args.restarted else 0)
        if ownership is Ownership.NO_ACCESS:
            return StartupProblem(ProblemKind.READ_ONLY_FOLDER, guard.data_dir, "The lock file cannot be created.")
        owned.append((guard, ownership))
        return None

    if not startup_problems.own_data_folder(acquire):
        return 1
    guard, ownership = owned[-1]
    if ownership is Ownership.TAKEN:
        # The running window takes our files (if any) and comes to the front; we are done.
        if hand_over(guard.name, args.files):
            return 0
        print(f"Groq Desktop is already running with the data folder {guard.data_dir} but does not answer.",
              file=sys.stderr)
        return 1
    try:
        return _run(app, args, guard, session_key)
    except Exception as exc:  # noqa: BLE001 - never exit without saying why
        log.exception("Groq Desktop stopped on an error")
        startup_problems.settle(StartupProblem(ProblemKind.OTHER, paths.log_dir(), f"{type(exc).__name__}: {exc}"))
        return 1
    finally:
        guard.release()


def _run(app: QApplication, args: argparse.Namespace, guard: InstanceGuard, session_key: str) -> int:
    # Imported only by the instance that owns the data folder: a second launch hands over at once.
    from groq_desktop.app.main_window import MainWindow
    from groq_desktop.core.config import load_config
    from groq_desktop.core.logging_setup import configure_logging
    from groq_desktop.core.secrets import KeyStore, Secret

    settings = AppSettings()
    key_store = KeyStore()
    if session_key:
        key_store.use_for_session(Secret(session_key))
    env = dict(os.environ)
    if args.demo:
        env["GROQ_DEMO"] = "1"
    config = load_config(env, settings.config_mapping(), key_store)
    log_file = configure_logging(args.log_level or config.log_level)
    log.info("Groq Desktop %s starting (%s mode, key from: %s); log: %s", __version__,
             "demo" if config.demo else "live", config.key_source, log_file)

    # The frame paints first; the services and panels are loaded after, what is typed meanwhile is kept.
    window = MainWindow(None, settings, demo=config.demo)
    window.show()
    _until_first_paint(window)
    if not window.isVisible():  # closed in its first moments
        return 0
    log.info("frame shown; loading the services and panels")

    import asyncio

    import qasync

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    quit_event = asyncio.Event()
    app.aboutToQuit.connect(quit_event.set)
    started: list[Services] = []
    outcome = [0]

    async def finish_start() -> None:
        # The modules the services and panels need load in a worker, so the frame keeps answering keys.
        await loop.run_in_executor(None, _preload)
        if quit_event.is_set():
            return
        services = startup_problems.start_services(config, key_store)
        if services is None:
            outcome[0] = 1
            window.close()
            app.quit()
            return
        started.append(services)
        window.attach(services, build_soon=False)
        window.welcome_if_first_run()
        gc.freeze()  # see _warm_up
        # The warm-up holds the GIL for a while (tiktoken's import and BPE load): after the panels are built.
        threading.Thread(target=_warm_up, args=(services,), name="tokenizer-warm-up", daemon=True).start()
        if args.files:
            window.open_files(args.files)
        guard.set_receiver(window.accept_launch)
        log.info("window shown")  # with its panels: handed-over files are taken from now on
        await loop.run_in_executor(None, _preload_queue_panels)
        if not quit_event.is_set():
            window.build_queue_soon()
            QTimer.singleShot(FREEZE_AFTER_MS, window, gc.freeze)  # see _warm_up

    try:
        with loop:
            starting = loop.create_task(finish_start())
            # A failure while starting ends the run (main() shows it), never a frame that waits forever.
            starting.add_done_callback(lambda task: task.cancelled() or task.exception() is None or app.quit())
            loop.run_until_complete(quit_event.wait())
            starting.cancel()
            if starting.done() and not starting.cancelled() and starting.exception() is not None:
                raise starting.exception()  # type: ignore[misc]
            for services in started:
                loop.run_until_complete(services.transcription.aclose())
                loop.run_until_complete(services.scheduler.aclose())
                services.client.close()  # abort stalled requests now: closing the loop waits for its worker threads
    finally:
        for services in started:
            services.close()
    return outcome[0]


def _warm_up(services: Services) -> None:
    """Load the tokenizer, then freeze what exists out of the garbage collector's full passes.

    What start-up makes (modules, the window, the job list, the tokenizer's 100,000-entry tables) lives as
    long as the app; a full collection walking it all stalled the window ~100 ms with a large history.
    """
    services.token_counter.warm_up()
    gc.freeze()


def _preload_queue_panels() -> None:
    """The Transcribe and Bulk panels' modules, in a worker: the panels are built (and resume jobs) after."""
    import groq_desktop.app.bulk.panel  # noqa: F401
    import groq_desktop.app.transcription.panel  # noqa: F401


def _until_first_paint(window: MainWindow) -> None:
    """Run Qt's own loop until the frame has painted (at most a second), before asyncio and qasync load."""
    painted = QEventLoop(window)  # the window's: a late callback finds it still there
    window.after_first_paint(painted.quit)
    QTimer.singleShot(1000, painted, painted.quit)
    painted.exec()


def _preload() -> None:
    """Import what the services and the panels need (in a worker thread, while the frame shows)."""
    import groq_desktop.app.chat.panel  # noqa: F401
    import groq_desktop.app.composition  # noqa: F401
    import groq_desktop.app.status_quota  # noqa: F401
    import groq_desktop.app.tray  # noqa: F401
    import groq_desktop.app.welcome  # noqa: F401


if __name__ == "__main__":
    sys.exit(main())
