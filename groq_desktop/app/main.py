"""``groq-desktop``: start the qasync loop, build the services, open the main window."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import threading
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")

import qasync  # noqa: E402
from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtGui import QIcon  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from groq_desktop import __version__  # noqa: E402
from groq_desktop.app.composition import build_services  # noqa: E402
from groq_desktop.app.settings import AppSettings  # noqa: E402
from groq_desktop.core.config import load_config  # noqa: E402
from groq_desktop.core.logging_setup import configure_logging  # noqa: E402
from groq_desktop.core.secrets import KeyStore  # noqa: E402

log = logging.getLogger(__name__)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="groq-desktop", description="Groq Desktop: chat, transcribe, watch your quota.")
    parser.add_argument("files", nargs="*", type=Path, help="audio or video files to transcribe")
    parser.add_argument("--demo", action="store_true", help="run against the built-in emulator even with a key")
    parser.add_argument("--log-level", help="DEBUG, INFO, WARNING (default from settings or GROQ_LOG_LEVEL)")
    parser.add_argument("--version", action="version", version=f"groq-desktop {__version__}")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    QCoreApplication.setOrganizationName("GroqDesktop")
    QCoreApplication.setApplicationName("Groq Desktop")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")  # Fusion follows the system's light/dark scheme on every platform
    app.setWindowIcon(QIcon(str(Path(__file__).resolve().parent.parent / "resources" / "icon.svg")))

    settings = AppSettings()
    key_store = KeyStore()
    env = dict(os.environ)
    if args.demo:
        env["GROQ_DEMO"] = "1"
    config = load_config(env, settings.config_mapping(), key_store)
    log_file = configure_logging(args.log_level or config.log_level)
    log.info("Groq Desktop %s starting (%s mode); log: %s", __version__, "demo" if config.demo else "live", log_file)

    services = build_services(config, key_store=key_store)
    from groq_desktop.app.main_window import MainWindow

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    window = MainWindow(services, settings)
    window.show()
    threading.Thread(target=services.token_counter.warm_up, name="tokenizer-warm-up", daemon=True).start()
    if args.files:
        window.open_files(args.files)

    quit_event = asyncio.Event()
    app.aboutToQuit.connect(quit_event.set)
    try:
        with loop:
            loop.run_until_complete(quit_event.wait())
            loop.run_until_complete(services.transcription.aclose())
            loop.run_until_complete(services.scheduler.aclose())
            services.client.close()  # abort stalled requests now: closing the loop waits for its worker threads
    finally:
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
