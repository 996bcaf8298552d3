"""Settings: the key goes to the key store (never shown), the plan applies at once, a restart is offered."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLineEdit

from groq_desktop.app import settings_dialog
from groq_desktop.app.composition import Services, build_services
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.app.settings_dialog import SettingsDialog
from groq_desktop.core.config import load_config
from groq_desktop.core.secrets import Secret

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
    monkeypatch.setattr(settings_dialog, "offer_restart", offered.append)
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    dialog = SettingsDialog(services, settings)
    qtbot.addWidget(dialog)
    assert dialog.key_edit.echoMode() is QLineEdit.EchoMode.Password
    dialog.key_edit.setText(KEY)
    dialog.plan_combo.setCurrentText("developer")
    dialog.save()
    assert services.key_store.load() == Secret(KEY)
    assert services.limiter.plan == "developer" and settings.get(Key.PLAN) == "developer"
    assert len(offered) == 1


def test_changing_only_the_plan_needs_no_restart(
    qtbot: Any, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[object] = []
    monkeypatch.setattr(settings_dialog, "offer_restart", offered.append)
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

    monkeypatch.setattr(settings_dialog, "offer_restart", lambda parent: None)
    window = MainWindow(services, AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    assert window.chat_panel.composer.edit.enter_sends
    dialog = window.open_settings()
    dialog.enter_sends.setChecked(False)
    dialog.save()
    assert not window.chat_panel.composer.edit.enter_sends
    window.close()
