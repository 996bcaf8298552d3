"""Every panel works at 900 x 600: long texts wrap, the sidebar folds away, nothing holds the window wide."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from groq_desktop.app.composition import Services, build_services
from groq_desktop.app.main_window import MainWindow
from groq_desktop.app.settings import AppSettings
from groq_desktop.core.config import load_config
from tests.conftest import save_screenshot

WIDTH, HEIGHT = 900, 600


@pytest.fixture
def window(qtbot: Any, event_loop_checked: Any, tmp_path: Path) -> Iterator[MainWindow]:
    services: Services = build_services(load_config({}))  # demo mode: the banner is shown too
    built = MainWindow(services, AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(built)
    built.show()
    built.resize(WIDTH, HEIGHT)
    yield built
    built.close()
    services.close()


def fits(window: MainWindow) -> bool:
    hint = window.minimumSizeHint()
    return hint.width() <= WIDTH and hint.height() <= HEIGHT and window.size().toTuple() == (WIDTH, HEIGHT)


def test_each_panel_fits_900_by_600(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    for index in range(window.stack.count()):
        window.nav.setCurrentRow(index)
        qtbot.waitUntil(lambda: fits(window))
        panel = window.stack.currentWidget()
        assert panel.width() <= WIDTH - window.nav.width()
        assert panel.minimumSizeHint().width() <= panel.width(), type(panel).__name__
    # the Health tab with long answers (an error page, many models) wraps them instead of widening
    monitor = window.monitor_panel
    window.show_area(monitor)
    monitor.tabs.setCurrentWidget(monitor.health)
    monitor.health.reachable.setText("no: HTTP 403 Forbidden: " + "a proxy sign-in page that says a great deal " * 6)
    monitor.health.closed.setText(", ".join(f"model-{i}-with-a-long-name (RPM, 59 s)" for i in range(12)))
    window.status_quota.show_text("llama-3.3-70b-versatile: " + "requests this minute: 0 of 30 left · " * 6)
    qtbot.waitUntil(lambda: fits(window))
    qtbot.waitUntil(lambda: window.status_quota.text().endswith("…"))  # elided, the full line kept
    assert window.status_quota.full_text().count("of 30 left") == 6
    window.show_area(window.chat_panel)
    qtbot.waitUntil(lambda: fits(window))
    save_screenshot(window, "chat_900x600.png", tmp_path)
    window.show_area(window.transcription_panel)
    qtbot.waitUntil(lambda: fits(window))
    save_screenshot(window, "transcription_900x600.png", tmp_path)


def test_the_sidebar_folds_away_and_the_keys_still_switch(qtbot: Any, window: MainWindow) -> None:
    window.show_area(window.transcription_panel)
    wide = window.transcription_panel.width()
    window.sidebar_action.trigger()
    qtbot.waitUntil(lambda: window.transcription_panel.width() > wide)
    assert window.nav.isHidden()
    window.nav.setCurrentRow(2)
    assert window.stack.currentWidget() is window.models_panel
    window.sidebar_action.trigger()
    assert not window.nav.isHidden()
