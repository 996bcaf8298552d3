"""The first minute: focus in the composer, a calm demo banner, the welcome, the tray and its notifications."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QPushButton

from groq_desktop.app import theme
from groq_desktop.app.composition import Services, build_services
from groq_desktop.app.main_window import MainWindow
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.app.tray import gauge_pixmap, tightest
from groq_desktop.app.welcome import CONSOLE_KEYS_URL, WelcomeDialog
from groq_desktop.core.config import load_config
from groq_desktop.core.quota.headers import parse_rate_limit_headers
from groq_desktop.services.transcription import JobPhase, TranscriptionEvent
from tests.conftest import TEST_KEY


@pytest.fixture
def demo_services() -> Iterator[Services]:
    services = build_services(load_config({}))
    yield services
    services.close()


def settings_in(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def open_window(qtbot: Any, services: Services, settings: AppSettings) -> MainWindow:
    window = MainWindow(services, settings)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


def type_into_focus(qtbot: Any, text: str) -> None:
    """Keys go wherever the focus is, as a user's typing would."""
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClicks(focused, text)


def test_typing_at_start_and_after_ctrl_n_lands_in_the_composer(
    qtbot: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path
) -> None:
    window = open_window(qtbot, demo_services, settings_in(tmp_path))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    type_into_focus(qtbot, "hello")
    assert window.chat_panel.composer.text() == "hello"
    assert not isinstance(QApplication.focusWidget(), QPushButton)

    window.show_area(window.models_panel)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.chat_panel)
    type_into_focus(qtbot, "second")
    assert window.chat_panel.composer.text().endswith("second")
    assert QApplication.focusWidget() is window.chat_panel.composer.edit
    window.close()


def test_demo_banner_is_calm_palette_colours_and_keeps_use_my_key(
    qtbot: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path
) -> None:
    window = open_window(qtbot, demo_services, settings_in(tmp_path))
    banner = window.findChild(QFrame, "demoBanner")
    assert banner is not None
    assert "#f55036" not in banner.styleSheet()
    label = window.findChild(QLabel, "demoLabel")
    assert label is not None and "Demo mode" in label.text() and "nothing is sent to Groq" in label.text()
    # The background a user sees is the theme's information colour, not red.
    image = banner.grab().toImage()
    seen = image.pixelColor(image.width() - 3, 2)
    assert seen.name() == theme.tokens().notice_background.name()
    button = window.findChild(QPushButton, "useMyKey")
    assert button is not None and button.text() == "Use my key…"
    assert button.focusPolicy() == Qt.FocusPolicy.TabFocus
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(QFrame, "demoBanner") is not None and any(
        w.windowTitle() == "Settings" and w.isVisible() for w in QApplication.topLevelWidgets()))
    window.close()


def test_welcome_is_shown_once_and_again_from_help(
    qtbot: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path
) -> None:
    settings = settings_in(tmp_path)
    window = open_window(qtbot, demo_services, settings)
    first = window.welcome_if_first_run()
    assert first is not None and first.isVisible()
    text = first.findChild(QLabel, "welcomeIntro").text()
    assert "demo mode" in text and CONSOLE_KEYS_URL in text
    # Enter means Start, and then typing goes to the composer.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first.start_button)
    qtbot.keyClick(first.start_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not first.isVisible())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.chat_panel.composer.edit)
    type_into_focus(qtbot, "hi")
    assert window.chat_panel.composer.text() == "hi"
    assert window.welcome_if_first_run() is None
    assert settings_in(tmp_path).get(Key.WELCOME_SHOWN) is True  # the next start does not show it again
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    welcome_action = next(a for a in help_menu.actions() if a.text().startswith("&Welcome"))
    welcome_action.trigger()
    again = next(w for w in QApplication.topLevelWidgets() if isinstance(w, WelcomeDialog) and w.isVisible())
    again.reject()
    window.close()


def test_welcome_tests_the_pasted_key_against_the_server(
    qtbot: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path, emulator_factory: Any
) -> None:
    server = emulator_factory(api_key=TEST_KEY)
    settings = settings_in(tmp_path)
    settings.set(Key.BASE_URL, server.base_url)
    dialog = WelcomeDialog(demo_services, settings)
    qtbot.addWidget(dialog)
    dialog.key_edit.setText("gsk_wrong_key_0123456789")
    dialog.test_key()
    qtbot.waitUntil(lambda: dialog.result.text().startswith("Not accepted"), timeout=5000)
    dialog.key_edit.setText(TEST_KEY)
    dialog.test_key()
    qtbot.waitUntil(lambda: dialog.result.text().startswith("OK: the key works"), timeout=5000)
    assert settings.get(Key.WELCOME_SHOWN) is True


def test_use_this_key_opens_settings_with_the_key(
    qtbot: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path
) -> None:
    window = open_window(qtbot, demo_services, settings_in(tmp_path))
    dialog = window.show_welcome()
    dialog.key_edit.setText(TEST_KEY)
    dialog.use_button.click()
    settings = next(w for w in QApplication.topLevelWidgets() if w.windowTitle() == "Settings" and w.isVisible())
    assert settings.key_edit.text() == TEST_KEY
    settings.reject()
    dialog.reject()
    window.close()


def test_tray_menu_actions_drive_the_window(
    qtbot: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path, monkeypatch: Any
) -> None:
    window = open_window(qtbot, demo_services, settings_in(tmp_path))
    tray = window.tray
    assert [a.text() for a in tray.menu.actions() if not a.isSeparator()] == [
        "New chat", "Transcribe files…", "Pause queue", "Show window", "Quit"]
    window.show_area(window.models_panel)
    tray.new_chat_action.trigger()
    assert window.stack.currentWidget() is window.chat_panel

    picked: list[bool] = []
    monkeypatch.setattr(window.transcription_panel, "pick_files", lambda: picked.append(True))
    tray.transcribe_action.trigger()
    assert picked and window.stack.currentWidget() is window.transcription_panel

    tray.pause_action.trigger()
    assert demo_services.transcription.paused
    tray.menu.aboutToShow.emit()
    assert tray.pause_action.isChecked()
    tray.pause_action.trigger()
    assert not demo_services.transcription.paused

    window.hide()
    tray.show_action.trigger()
    assert window.isVisible()
    tray.quit_action.trigger()
    assert not window.isVisible()


def test_close_to_tray_is_off_by_default_and_hides_only_with_a_tray(
    qtbot: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path, monkeypatch: Any
) -> None:
    settings = settings_in(tmp_path)
    assert settings.get(Key.CLOSE_TO_TRAY) is False
    window = open_window(qtbot, demo_services, settings)
    settings.set(Key.CLOSE_TO_TRAY, True)
    monkeypatch.setattr(type(window.tray), "available", staticmethod(lambda: True))
    window.close()
    assert not window.isVisible() and window.tray._unsubscribe is not None
    closed: list[bool] = []
    window.chat_panel.shutdown = lambda: closed.append(True)  # type: ignore[method-assign]
    assert not closed  # hidden, still running
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: closed.append(True)))
    window.tray.quit_action.trigger()
    assert closed == [True, True]  # shut down, then asked the app to quit


def test_tray_gauge_follows_the_tightest_dimension(
    qtbot: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path
) -> None:
    window = open_window(qtbot, demo_services, settings_in(tmp_path))
    model = demo_services.registry.chat_models()[0].id if demo_services.registry.chat_models() else "some-model"
    headers = parse_rate_limit_headers({
        "x-ratelimit-limit-tokens": "6000", "x-ratelimit-remaining-tokens": "600", "x-ratelimit-reset-tokens": "50s",
        "x-ratelimit-limit-requests": "14400", "x-ratelimit-remaining-requests": "14000",
        "x-ratelimit-reset-requests": "2m",
    })
    demo_services.limiter.observe_headers(model, headers)
    qtbot.waitUntil(lambda: window.tray.gauge is not None, timeout=3000)
    gauge = tightest(demo_services, model)
    assert gauge is not None and "tokens" in gauge.text and gauge.share < 0.5
    assert model in window.tray.icon.toolTip() and "tokens" in window.tray.icon.toolTip()
    # The drawn ring differs with the share left.
    assert gauge_pixmap(0.1).toImage() != gauge_pixmap(0.9).toImage()
    window.close()


def _finished(job_id: int, name: str, phase: JobPhase) -> Any:
    from groq_desktop.services.transcription import JobInfo, TranscriptionOptions

    return JobInfo(id=job_id, path=Path(name), name=name, phase=phase, options=TranscriptionOptions(model="m"))


def test_notifications_only_while_hidden_for_transcription_and_bulk(
    qtbot: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path, monkeypatch: Any
) -> None:
    window = open_window(qtbot, demo_services, settings_in(tmp_path))
    tray = window.tray
    jobs = [_finished(1, "talk.mp3", JobPhase.DONE)]
    monkeypatch.setattr(demo_services.transcription, "jobs", lambda: jobs)
    tray._on_transcription(TranscriptionEvent("changed", 1, jobs[0]))
    assert tray.notifications == []  # in sight: no notification
    window.bulk_panel.notify("Bulk job “x” finished", "3 done")
    assert tray.notifications == [] and window.bulk_panel.notifications[-1][0] == "Bulk job “x” finished"

    window.hide()
    tray._on_transcription(TranscriptionEvent("changed", 1, jobs[0]))
    assert tray.notifications == [("Transcribed talk.mp3", "1 done.")]
    jobs.append(_finished(2, "b.mp3", JobPhase.UPLOADING))
    tray._on_transcription(TranscriptionEvent("changed", 1, jobs[0]))
    assert len(tray.notifications) == 1  # another one still running: wait for the queue to end
    jobs[1] = _finished(2, "b.mp3", JobPhase.FAILED)
    tray._on_transcription(TranscriptionEvent("changed", 2, jobs[1]))
    assert tray.notifications[-1] == ("Transcription queue finished", "1 done, 1 failed.")
    demo_services.bulk.on_finished("Bulk job “y” finished", "10 done")  # type: ignore[misc]
    assert tray.notifications[-1] == ("Bulk job “y” finished", "10 done")
    window.close()


def test_settings_dialog_saves_close_to_tray(
    qtbot: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path
) -> None:
    from groq_desktop.app.settings_dialog import SettingsDialog

    settings = settings_in(tmp_path)
    dialog = SettingsDialog(demo_services, settings)
    qtbot.addWidget(dialog)
    assert not dialog.close_to_tray.isChecked()
    dialog.close_to_tray.setChecked(True)
    dialog.save()
    assert settings_in(tmp_path).get(Key.CLOSE_TO_TRAY) is True
