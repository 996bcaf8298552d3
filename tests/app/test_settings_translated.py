"""The shell in the user's language: the Language setting, Turkish dialogs, and every dialog's texts translatable."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from groq_desktop.app import help as help_module
from groq_desktop.app import language, quota_words, settings_dialog, startup_problems
from groq_desktop.app.composition import Services, build_services
from groq_desktop.app.main_window import MainWindow
from groq_desktop.app.s3_settings import S3SettingsGroup
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.app.settings_dialog import RestartReason, SettingsDialog
from groq_desktop.app.welcome import WelcomeDialog
from groq_desktop.core.config import load_config
from groq_desktop.core.quota.limits import Dimension
from groq_desktop.core.secrets import Secret
from groq_desktop.core.startup_checks import ProblemKind, StartupProblem
from tests.app.translatable import is_untranslated, pseudo_translation, untranslated_texts


@pytest.fixture
def services() -> Iterator[Services]:
    built = build_services(load_config({}))
    built.key_store._persistent = False  # never touch a real keychain from tests
    yield built
    built.close()


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))


def test_choosing_turkish_is_saved_and_offers_a_restart(
    qtbot: Any, services: Services, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[tuple[object, object]] = []
    monkeypatch.setattr(settings_dialog, "offer_restart",
                        lambda _parent, key=None, reason=RestartReason.CONNECTION: offered.append((key, reason)))
    dialog = SettingsDialog(services, settings)
    qtbot.addWidget(dialog)
    combo = dialog.language_combo
    assert [combo.itemData(i) for i in range(combo.count())] == [c.code for c in language.CHOICES]
    assert combo.currentData() == "system" and combo.itemText(combo.findData("tr")) == "Türkçe"
    assert dialog.restart_note.isHidden()
    combo.setCurrentIndex(combo.findData("tr"))
    assert not dialog.restart_note.isHidden() and "next start" in dialog.restart_note.text()
    dialog.save()
    assert settings.get(Key.LANGUAGE) == "tr"
    assert offered == [(None, RestartReason.LANGUAGE)]

    again = SettingsDialog(services, settings)
    qtbot.addWidget(again)
    assert again.language_combo.currentData() == "tr"
    again.save()  # nothing changed: no restart offered
    assert len(offered) == 1


def test_a_language_restart_carries_a_session_only_key(
    qtbot: Any, services: Services, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[tuple[object, object]] = []
    monkeypatch.setattr(settings_dialog, "offer_restart",
                        lambda _parent, key=None, reason=RestartReason.CONNECTION: offered.append((key, reason)))
    key = Secret("gsk_a_key_kept_for_this_session_only_1234")
    services.config = replace(services.config, key_source="session", client=replace(services.config.client, api_key=key))
    dialog = SettingsDialog(services, settings)
    qtbot.addWidget(dialog)
    dialog.base_url_edit.setText(services.config.client.base_url)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.save()
    assert offered == [(key, RestartReason.LANGUAGE)]  # else the restarted app would start without it


def test_restart_now_restarts_and_later_does_not(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    restarted: list[object] = []
    monkeypatch.setattr(settings_dialog, "restart_app", lambda key=None: restarted.append(key))
    box = settings_dialog.offer_restart(None, None, RestartReason.LANGUAGE)
    qtbot.addWidget(box)
    assert box.windowTitle() == "Restart to change the language" and "new language" in box.text()
    assert sorted(b.text() for b in box.buttons()) == ["Later", "Restart now"]
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert restarted == []
    box = settings_dialog.offer_restart(None, None, RestartReason.LANGUAGE)
    qtbot.addWidget(box)
    box.button(QMessageBox.StandardButton.Ok).click()
    assert restarted == [None]


def test_the_settings_dialog_in_turkish(
    qtbot: Any, services: Services, settings: AppSettings, turkish: QLocale
) -> None:
    dialog = SettingsDialog(services, settings)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Ayarlar"
    assert dialog.test_button.text() == "Anahtarı test et" and dialog.show_key.text() == "Göster"
    assert dialog.language_combo.itemText(0) == "Sistem ayarını izle"
    assert dialog.theme_combo.itemText(dialog.theme_combo.findData("dark")) == "Koyu"
    assert dialog.s3_group.title() == "Toplu ses (S3 uyumlu bucket)"
    assert dialog.save_button.text() == "Kaydet"  # Qt's own catalogue
    assert quota_words.duration(3 * 3600 + 20 * 60) == "3 sa 20 dk"
    assert quota_words.left_text(Dimension.TPM, 1234.0, 6000) == "bu dakikaki token'lar: 1.234 / 6.000 kaldı"


def test_durations_and_quota_words_in_english() -> None:
    assert [quota_words.duration(s) for s in (12, 600, 3 * 3600 + 20 * 60, 7200)] == ["12 s", "10 min", "3 h 20 min", "2 h"]
    assert quota_words.left_text(Dimension.OTPM, 10.0, 12000) == "output tokens per minute: 10 of 12,000 left"


def test_the_settings_dialog_follows_the_page_with_tab(qtbot: Any, services: Services, settings: AppSettings) -> None:
    dialog = SettingsDialog(services, settings)
    qtbot.addWidget(dialog)
    expected = [dialog.key_edit, dialog.show_key, dialog.test_button, dialog.base_url_edit, dialog.plan_combo,
                dialog.enter_sends, dialog.chat_model_combo, dialog.system_prompt_edit, dialog.theme_combo,
                dialog.font_size, dialog.language_combo, dialog.close_to_tray, dialog.s3_group.bucket_edit,
                dialog.s3_group.test_button, dialog.save_button]
    chain: list[QWidget] = []
    widget = dialog.key_edit
    for _ in range(200):
        if widget in expected and widget not in chain:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain == expected
    assert dialog.system_prompt_edit.tabChangesFocus()


def test_no_text_in_the_settings_dialog_escapes_translation(
    qtbot: Any, services: Services, settings: AppSettings
) -> None:
    with pseudo_translation():
        dialog = SettingsDialog(services, settings)
        qtbot.addWidget(dialog)
        dialog.show_key.click()
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("tr"))
        dialog.test_key()  # no key typed in demo mode: says to paste one
        dialog.s3_group.test_bucket()  # no bucket: says to name one
        # The key store's note is the core's text (groq_desktop/core/secrets.py), checked with the core.
        assert untranslated_texts(dialog, exclude=(dialog.keychain_note,)) == []
        assert dialog.test_result.text() and dialog.s3_group.test_result.text()
        for reason in RestartReason:
            box = settings_dialog.offer_restart(dialog, None, reason)
            assert untranslated_texts(box) == []
            box.reject()


def test_no_text_in_the_s3_settings_escapes_translation(qtbot: Any, settings: AppSettings) -> None:
    with pseudo_translation():
        group = S3SettingsGroup(settings)
        qtbot.addWidget(group)
        assert untranslated_texts(group) == []


def test_no_text_in_the_welcome_escapes_translation(
    qtbot: Any, services: Services, settings: AppSettings
) -> None:
    with pseudo_translation():
        dialog = WelcomeDialog(services, settings)
        qtbot.addWidget(dialog)
        dialog.key_edit.setText("gsk_wrong_key_0123456789")
        assert untranslated_texts(dialog) == []
        assert dialog.findChild(QLabel, "welcomeTitle").property("role") == "title"


def test_no_text_in_the_start_up_problem_dialog_escapes_translation(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    found: list[list[str]] = []

    def exec_(box: QMessageBox) -> int:
        # The problem's own words are the core's (core/startup_checks.py), checked with the core.
        found.append(untranslated_texts(box, exclude=(box.findChild(QLabel, "qt_msgbox_label"),)))
        next(b for b in box.buttons() if "Quit" in b.text()).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    with pseudo_translation():
        for kind in (ProblemKind.CORRUPT_DATABASE, ProblemKind.READ_ONLY_FOLDER):
            startup_problems.ask(StartupProblem(kind, Path("/nowhere/groq_desktop.sqlite3"), "detail"))
    assert found == [[], []]


def test_no_text_in_the_tray_help_or_status_bar_escapes_translation(
    qtbot: Any, event_loop_checked: Any, services: Services, settings: AppSettings
) -> None:
    with pseudo_translation():
        window = MainWindow(services, settings)
        qtbot.addWidget(window)
        tray = window.tray
        assert untranslated_texts(tray.menu) == []
        assert all(not action.icon().isNull() for action in tray.menu.actions() if not action.isSeparator())
        assert not is_untranslated(tray.icon.toolTip())
        shortcuts = help_module.ShortcutsDialog(window)
        qtbot.addWidget(shortcuts)
        assert untranslated_texts(shortcuts) == []
        table = shortcuts.table
        assert all(not is_untranslated(table.item(row, column).text())
                   for row in range(table.rowCount()) for column in (1, 2))
        about = help_module.show_about(window, services.demo)
        assert untranslated_texts(about) == []
        about.close()
        window.status_quota.refresh()
        assert not is_untranslated(window.status_quota.full_text())
        window.close()
    QApplication.processEvents()
