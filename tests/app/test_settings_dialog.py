"""Settings: the key goes to the key store (never shown), the plan applies at once, a restart is offered."""

from __future__ import annotations

import os
import stat
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QLineEdit

from groq_desktop.app import settings_dialog
from groq_desktop.app.composition import Services, build_services
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.app.settings_dialog import SettingsDialog
from groq_desktop.core.config import load_config
from groq_desktop.core.logging_setup import LOG_FILE_NAME
from groq_desktop.core.secrets import SESSION_KEY_ENV, Secret
from groq_desktop.emulator.models import models_list_json
from tests.conftest import TEST_KEY

KEY = "gsk_a_key_the_user_pasted_123456"


@pytest.fixture
def services() -> Iterator[Services]:
    built = build_services(load_config({}))
    built.key_store._persistent = False  # never touch a real keychain from tests
    yield built
    built.close()


def test_saving_a_key_stores_it_applies_the_plan_and_offers_a_restart(
    qtbot: Any, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[object] = []
    monkeypatch.setattr(settings_dialog, "offer_restart", lambda _parent, key=None: offered.append(key))
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    dialog = SettingsDialog(services, settings)
    qtbot.addWidget(dialog)
    assert dialog.key_edit.echoMode() is QLineEdit.EchoMode.Password
    dialog.key_edit.setText(f"  {KEY}\n")  # as pasted from a web page
    dialog.plan_combo.setCurrentText("developer")
    dialog.save()
    assert services.key_store.load() == Secret(KEY)
    assert services.limiter.plan == "developer" and settings.get(Key.PLAN) == "developer"
    assert offered == [Secret(KEY)]  # kept nowhere else: the restart carries it


def test_changing_only_the_plan_needs_no_restart(
    qtbot: Any, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[object] = []
    monkeypatch.setattr(settings_dialog, "offer_restart", lambda _parent, key=None: offered.append(key))
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    dialog = SettingsDialog(services, settings)
    qtbot.addWidget(dialog)
    dialog.base_url_edit.setText(services.config.client.base_url)
    dialog.plan_combo.setCurrentText("developer")
    dialog.save()
    assert services.limiter.plan == "developer" and not offered


def test_enter_behaviour_is_a_setting_the_chat_follows_at_once(
    qtbot: Any, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, event_loop_checked: Any
) -> None:
    from groq_desktop.app.main_window import MainWindow

    monkeypatch.setattr(settings_dialog, "offer_restart", lambda parent, key=None: None)
    window = MainWindow(services, AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    assert window.chat_panel.composer.edit.enter_sends
    dialog = window.open_settings()
    dialog.enter_sends.setChecked(False)
    dialog.save()
    assert not window.chat_panel.composer.edit.enter_sends
    window.close()


def settings_in(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))


def test_a_key_of_the_wrong_shape_is_not_saved_and_the_dialog_says_why(
    qtbot: Any, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[object] = []
    monkeypatch.setattr(settings_dialog, "offer_restart", lambda _parent, key=None: offered.append(key))
    dialog = SettingsDialog(services, settings_in(tmp_path))
    qtbot.addWidget(dialog)
    dialog.key_edit.setText("gsk_first_half\nsecond_half_of_the_key")
    dialog.save()
    assert "line break" in dialog.key_error.text()
    assert services.key_store.load() is None and not offered and dialog.result() != QDialog.DialogCode.Accepted


def test_without_a_keychain_the_key_is_kept_in_a_private_file_only_when_asked(
    qtbot: Any, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[object] = []
    monkeypatch.setattr(settings_dialog, "offer_restart", lambda _parent, key=None: offered.append(key))
    dialog = SettingsDialog(services, settings_in(tmp_path))
    qtbot.addWidget(dialog)
    assert "session" in dialog.keychain_note.text() and "system keychain is available" in dialog.keychain_note.text()
    assert "plain text" in dialog.keep_in_file.toolTip() and not dialog.keep_in_file.isChecked()
    dialog.key_edit.setText(KEY)
    dialog.keep_in_file.setChecked(True)
    dialog.save()
    key_file = services.key_store.file_path()
    assert key_file.read_text().strip() == KEY
    if os.name == "posix":
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert offered == [None]  # the restarted app reads the file; nothing to carry


def test_when_groq_api_key_is_set_the_dialog_says_it_wins(
    qtbot: Any, emulator: Any, tmp_path: Path
) -> None:
    built = build_services(load_config({"GROQ_API_KEY": TEST_KEY, "GROQ_BASE_URL": emulator.base_url}))
    built.key_store._persistent = False
    try:
        dialog = SettingsDialog(built, settings_in(tmp_path))
        qtbot.addWidget(dialog)
        assert "GROQ_API_KEY" in dialog.env_note.text() and "wins" in dialog.env_note.text()
    finally:
        built.close()


def test_test_key_asks_the_configured_server_off_the_ui_thread_and_shows_its_answer(
    qtbot: Any, services: Services, emulator_factory: Any, tmp_path: Path
) -> None:
    server = emulator_factory(api_key=TEST_KEY)
    dialog = SettingsDialog(services, settings_in(tmp_path))
    qtbot.addWidget(dialog)
    dialog.base_url_edit.setText(server.base_url)
    dialog.key_edit.setText("gsk_not_the_right_key_0123456789")
    worker = dialog.test_key()
    assert worker is not None and worker is not threading.main_thread()
    assert dialog.test_result.text().startswith("Testing") and not dialog.test_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.test_result.text().startswith("Not accepted:"), timeout=10_000)
    assert "invalid" in dialog.test_result.text().lower() and dialog.test_button.isEnabled()

    dialog.key_edit.setText(f" {TEST_KEY} ")
    dialog.test_key()
    qtbot.waitUntil(lambda: dialog.test_result.text().startswith("OK"), timeout=10_000)
    assert f"models available: {len(models_list_json()['data'])}" in dialog.test_result.text()
    assert services.key_store.load() is None  # testing saves nothing


def test_restart_now_carries_a_session_only_key_into_the_new_process(
    qtbot: Any, emulator_factory: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = emulator_factory(api_key=TEST_KEY)
    home = tmp_path / "restarted-home"
    monkeypatch.setenv("GROQ_DESKTOP_HOME", str(home))
    monkeypatch.setenv("GROQ_BASE_URL", server.base_url)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    program, args, env = settings_dialog.restart_command(Secret(TEST_KEY))
    assert env[SESSION_KEY_ENV] == TEST_KEY and SESSION_KEY_ENV not in os.environ
    assert "--restarted" in args
    log = home / "logs" / LOG_FILE_NAME
    process = subprocess.Popen([program, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        qtbot.waitUntil(lambda: log.exists() and "window shown" in log.read_text(), timeout=60_000)
        text = log.read_text()
        assert "live mode, key from: session" in text and TEST_KEY not in text
        qtbot.waitUntil(lambda: server.stats.requests > 0, timeout=10_000)  # it talks to the server with the key
    finally:
        process.terminate()
        process.wait(timeout=30)
