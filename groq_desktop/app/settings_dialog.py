"""Settings: the API key (kept in the system keychain), base URL and plan."""

from __future__ import annotations

import sys

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from groq_desktop.app.composition import Services
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.core.config import DEFAULT_BASE_URL
from groq_desktop.core.secrets import Secret


class SettingsDialog(QDialog):
    def __init__(self, services: Services, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self._services = services
        self._settings = settings
        form = QFormLayout(self)
        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText("gsk_… (leave empty to keep the current key)")
        form.addRow("API key", self.key_edit)
        keychain_note = QLabel(services.key_store.describe())
        keychain_note.setWordWrap(True)
        form.addRow("", keychain_note)
        self.base_url_edit = QLineEdit(str(settings.get(Key.BASE_URL) or DEFAULT_BASE_URL))
        form.addRow("Base URL", self.base_url_edit)
        self.plan_combo = QComboBox()
        self.plan_combo.addItems(services.limit_table.plan_names())
        self.plan_combo.setCurrentText(str(settings.get(Key.PLAN)))
        form.addRow("Plan (limits)", self.plan_combo)
        self.enter_sends = QCheckBox("Enter sends; Shift+Enter starts a new line")
        self.enter_sends.setToolTip("Off: Shift+Enter sends and Enter starts a new line (Ctrl+Enter always sends)")
        self.enter_sends.setChecked(bool(settings.get(Key.ENTER_SENDS)))
        form.addRow("Composer", self.enter_sends)
        self.restart_note = QLabel("")
        self.restart_note.setWordWrap(True)
        form.addRow("", self.restart_note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        key = self.key_edit.text().strip()
        if key:
            self._services.key_store.save(Secret(key))
        base_url = self.base_url_edit.text().strip() or DEFAULT_BASE_URL
        connection_changed = bool(key) or base_url != self._services.config.client.base_url
        self._settings.set(Key.BASE_URL, base_url)
        plan = self.plan_combo.currentText()
        self._settings.set(Key.PLAN, plan)
        self._settings.set(Key.ENTER_SENDS, self.enter_sends.isChecked())
        self._settings.sync()
        self._services.limiter.set_plan(plan)  # limits apply at once; a new connection needs a restart
        if connection_changed:
            self.accept()
            offer_restart(self.parentWidget())
        else:
            self.accept()


def offer_restart(parent: QWidget | None) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Restart to connect",
        "Saved. Groq Desktop restarts to connect with the new key or address; your conversations and "
        "transcription queue carry on where they are.",
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.button(QMessageBox.StandardButton.Ok).setText("Restart now")
    box.button(QMessageBox.StandardButton.Cancel).setText("Later")
    box.accepted.connect(restart_app)
    box.open()


def restart_app() -> None:
    """Start a new instance (which waits for this one to give the data folder up), then quit this one."""
    own = ["--restarted"]  # the command line's files are already in the queue; not again
    args = own if getattr(sys, "frozen", False) else ["-m", "groq_desktop", *own]
    if QProcess.startDetached(sys.executable, args)[0]:
        QApplication.quit()
