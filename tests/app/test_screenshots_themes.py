"""Every panel of the demo window in light and dark, as the README shows them (GROQ_DESKTOP_SCREENSHOTS=1)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFrame

from groq_desktop.app import appearance
from groq_desktop.app.composition import Services, build_services
from groq_desktop.app.main_window import MainWindow
from groq_desktop.app.settings import AppSettings
from groq_desktop.core.config import load_config
from groq_desktop.core.store.storage import MessageStatus
from tests.conftest import save_screenshot

PANELS = ("chat", "transcription", "models", "monitor", "bulk")


@pytest.fixture
def window(qtbot: Any, event_loop_checked: Any, tmp_path: Path) -> Iterator[MainWindow]:
    services: Services = build_services(load_config({}))  # demo mode: the emulator answers
    built = MainWindow(services, AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(built)
    # main_window.py's own sheets for these two override the application's until they are deleted there.
    built.nav.setStyleSheet("")
    for banner in built.findChildren(QFrame, "demoBanner"):
        banner.setStyleSheet("")
    built.show()
    yield built
    built.close()
    services.close()
    appearance.apply_theme(QApplication.instance(), "system")  # type: ignore[arg-type]  # the look is global


def send_one_message(qtbot: Any, window: MainWindow) -> None:
    panel = window.chat_panel
    qtbot.waitUntil(lambda: panel.models_ready, timeout=10_000)
    panel.composer.edit.setFocus()
    panel.composer.set_text("What makes a good command-line tool? Three points, briefly.")
    qtbot.keyClick(panel.composer.edit, Qt.Key.Key_Return)

    def answered() -> bool:
        if panel.conversation_id is None:
            return False
        messages = panel.storage.list_messages(panel.conversation_id)
        return len(messages) == 2 and messages[-1].status == MessageStatus.COMPLETE and not panel.composer.busy

    qtbot.waitUntil(answered, timeout=15_000)


def mean_lightness(image: QImage) -> float:
    step = 16
    samples = [image.pixelColor(x, y).lightnessF() for x in range(0, image.width(), step)
               for y in range(0, image.height(), step)]
    return sum(samples) / len(samples)


def test_every_panel_in_light_and_dark(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    app: QApplication = QApplication.instance()  # type: ignore[assignment]
    send_one_message(qtbot, window)
    lightness: dict[str, float] = {}
    for theme in ("light", "dark"):
        appearance.apply_theme(app, theme)
        for name in PANELS:
            panel = getattr(window, f"{name}_panel")
            window.show_area(panel)
            qtbot.waitUntil(lambda panel=panel: window.stack.currentWidget() is panel and panel.isVisible())
            if name == "models":
                qtbot.waitUntil(lambda panel=panel: panel.proxy.rowCount() > 0, timeout=10_000)
            if name == "monitor":  # the usage charts load from the store in the background
                qtbot.waitUntil(lambda panel=panel: bool(panel.charts.cost_label.text()), timeout=10_000)
            qtbot.wait(150)  # the lazy panels' first layout and paint
            path = save_screenshot(window, f"{name}-{theme}.png", tmp_path)
            lightness[f"{name}-{theme}"] = mean_lightness(QImage(str(path)))
    for name in PANELS:
        assert lightness[f"{name}-dark"] < 0.5 < lightness[f"{name}-light"], (name, lightness)
