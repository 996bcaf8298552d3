"""Settings for everyday use: theme, font size, default chat model and system prompt, show/hide key; Help."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLineEdit

from groq_desktop.app import appearance, settings_dialog
from groq_desktop.app.composition import Services, build_services
from groq_desktop.app.help import SHORTCUTS
from groq_desktop.app.main_window import MainWindow
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.app.settings_dialog import AUTOMATIC_MODEL, SettingsDialog
from groq_desktop.core.config import load_config


@pytest.fixture
def services() -> Iterator[Services]:
    built = build_services(load_config({}))
    built.key_store._persistent = False
    yield built
    built.close()


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[AppSettings]:
    store = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    yield store
    store.set(Key.THEME, "system")  # the application's look is global: leave it as found
    store.set(Key.FONT_SIZE, 0)
    appearance.apply(store)


def window_lightness() -> float:
    return QApplication.palette().color(QPalette.ColorRole.Window).lightnessF()


def test_settings_choose_model_prompt_theme_and_font(
    qtbot: Any, services: Services, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings_dialog, "offer_restart", lambda *_a, **_k: None)
    services.registry.refresh(force=True)
    dialog = SettingsDialog(services, settings)
    qtbot.addWidget(dialog)

    # the key can be shown while typing and hidden again
    assert dialog.key_edit.echoMode() is QLineEdit.EchoMode.Password
    dialog.show_key.click()
    assert dialog.key_edit.echoMode() is QLineEdit.EchoMode.Normal and dialog.show_key.text() == "Hide"
    dialog.show_key.click()
    assert dialog.key_edit.echoMode() is QLineEdit.EchoMode.Password

    # default chat model: automatic first (stored as ""), then the registry's chat models
    combo = dialog.chat_model_combo
    assert combo.itemText(0) == AUTOMATIC_MODEL and combo.itemData(0) == ""
    chat_ids = [m.id for m in services.registry.chat_models()]
    assert chat_ids and [combo.itemData(i) for i in range(1, combo.count())] == chat_ids
    combo.setCurrentIndex(combo.findData(chat_ids[-1]))
    dialog.system_prompt_edit.setPlainText("Answer in British English.")
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    dialog.font_size.setValue(15)
    dialog.save()
    assert settings.get(Key.DEFAULT_CHAT_MODEL) == chat_ids[-1]
    assert settings.get(Key.DEFAULT_SYSTEM_PROMPT) == "Answer in British English."
    assert settings.get(Key.THEME) == "dark" and window_lightness() < 0.4
    assert QApplication.font().pointSize() == 15

    again = SettingsDialog(services, settings)
    qtbot.addWidget(again)
    assert again.chat_model_combo.currentData() == chat_ids[-1] and again.font_size.value() == 15
    again.chat_model_combo.setCurrentIndex(0)
    again.theme_combo.setCurrentIndex(again.theme_combo.findData("light"))
    again.save()
    assert settings.get(Key.DEFAULT_CHAT_MODEL) == "" and window_lightness() > 0.6


def test_help_menu_has_about_and_the_shortcut_list(
    qtbot: Any, event_loop_checked: Any, services: Services, settings: AppSettings
) -> None:
    window = MainWindow(services, settings)
    qtbot.addWidget(window)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert [a.text() for a in help_menu.actions()] == ["&Welcome and API key…", "&Keyboard shortcuts", "&About Groq Desktop"]
    dialog = window.show_shortcuts()
    assert dialog.table.rowCount() == len(SHORTCUTS)
    assert {dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())} >= {"Ctrl+F", "Ctrl+R", "F5"}
    dialog.close()
    window.close()
