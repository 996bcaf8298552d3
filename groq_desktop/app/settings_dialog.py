"""Settings: the API key (kept in the system keychain, or where none exists, for the session or, if the
user agrees, in a file only they can read), base URL and plan."""

from __future__ import annotations

import contextlib
import os
import sys
import threading

from PySide6.QtCore import QProcess, QProcessEnvironment, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from groq_desktop.app import appearance
from groq_desktop.app.composition import Services
from groq_desktop.app.s3_settings import S3SettingsGroup
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.core.api.client import GroqApiClient
from groq_desktop.core.config import DEFAULT_BASE_URL, ClientConfig
from groq_desktop.core.secrets import SESSION_KEY_ENV, KeyPlace, Secret, parse_api_key
from groq_desktop.errors import GroqDesktopError

TEST_TIMEOUT = 20.0
AUTOMATIC_MODEL = "automatic (recommended)"  # stored as "": the chat picks by capability


class SettingsDialog(QDialog):
    key_tested = Signal(str)  # the answer of "Test key", from its worker thread

    def __init__(self, services: Services, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self._services = services
        self._settings = settings
        key_store = services.key_store
        form = QFormLayout(self)
        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText("gsk_… (leave empty to keep the current key)")
        self.key_edit.textEdited.connect(lambda _text: self.key_error.setText(""))
        self.test_button = QPushButton("Test key")
        self.test_button.setToolTip("Ask the server at the base URL below for its model list with this key")
        self.test_button.clicked.connect(self.test_key)
        key_row = QWidget()
        row = QHBoxLayout(key_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.show_key = QPushButton("Show")
        self.show_key.setCheckable(True)
        self.show_key.setToolTip("Show or hide the key you are typing")
        self.show_key.toggled.connect(self._show_key)
        row.addWidget(self.key_edit, 1)
        row.addWidget(self.show_key)
        row.addWidget(self.test_button)
        form.addRow("API key", key_row)
        self.key_error = QLabel("")
        self.key_error.setObjectName("keyError")
        self.key_error.setWordWrap(True)
        self.key_error.setStyleSheet("#keyError { color: #c62828; }")
        form.addRow("", self.key_error)
        self.test_result = QLabel("")
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("", self.test_result)
        self.key_tested.connect(self._show_test_result)

        self.keychain_note = QLabel(key_store.describe())
        self.keychain_note.setWordWrap(True)
        form.addRow("", self.keychain_note)
        self.env_note = QLabel("")
        self.env_note.setWordWrap(True)
        if services.config.key_source == "env":
            self.env_note.setText(
                "<b>GROQ_API_KEY is set in the environment: it wins</b> over any key saved here, "
                "now and after a restart."
            )
            form.addRow("", self.env_note)
        self.keep_in_file = QCheckBox("Keep the key on this computer, in a file only you can read")
        self.keep_in_file.setToolTip(
            f"Without a keychain the key is written as plain text to {key_store.file_path()} (permissions 0600). "
            "It is not encrypted: anyone who can read your files or your backups can read it."
        )
        if key_store.place is KeyPlace.SESSION:
            warning = QLabel(
                f"No keychain: the file ({key_store.file_path()}) holds the key as <b>plain text</b>, readable by "
                "your user account and its backups. Leave this off to keep the key for this session only."
            )
            warning.setWordWrap(True)
            form.addRow("", self.keep_in_file)
            form.addRow("", warning)

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
        self.chat_model_combo = QComboBox()
        self.chat_model_combo.addItem(AUTOMATIC_MODEL, "")
        for model in services.registry.chat_models():
            self.chat_model_combo.addItem(model.id, model.id)
        chosen = str(settings.get(Key.DEFAULT_CHAT_MODEL) or "")
        self.chat_model_combo.setCurrentIndex(max(0, self.chat_model_combo.findData(chosen)))
        self.chat_model_combo.setToolTip("The model new conversations start with")
        form.addRow("Default chat model", self.chat_model_combo)
        self.system_prompt_edit = QPlainTextEdit(str(settings.get(Key.DEFAULT_SYSTEM_PROMPT) or ""))
        self.system_prompt_edit.setPlaceholderText("None: the model's own behaviour")
        self.system_prompt_edit.setToolTip("The system prompt new conversations start with")
        self.system_prompt_edit.setFixedHeight(self.system_prompt_edit.fontMetrics().lineSpacing() * 4 + 12)
        form.addRow("Default system prompt", self.system_prompt_edit)
        self.theme_combo = QComboBox()
        for value, label in appearance.THEMES:
            self.theme_combo.addItem(label, value)
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(str(settings.get(Key.THEME)))))
        form.addRow("Theme", self.theme_combo)
        self.font_size = QSpinBox()
        self.font_size.setRange(0, 28)
        self.font_size.setSpecialValueText("System size")
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(int(settings.get(Key.FONT_SIZE) or 0))
        form.addRow("Font size", self.font_size)
        self.close_to_tray = QCheckBox("Closing the window keeps Groq Desktop running in the tray")
        self.close_to_tray.setToolTip("The tray icon's Quit (or File ▸ Quit) ends it; off by default")
        self.close_to_tray.setChecked(bool(settings.get(Key.CLOSE_TO_TRAY)))
        form.addRow("Window", self.close_to_tray)
        self.s3_group = S3SettingsGroup(settings)
        form.addRow(self.s3_group)
        self.restart_note = QLabel("")
        self.restart_note.setWordWrap(True)
        form.addRow("", self.restart_note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _show_key(self, shown: bool) -> None:
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.show_key.setText("Hide" if shown else "Show")

    def _base_url(self) -> str:
        return self.base_url_edit.text().strip() or DEFAULT_BASE_URL

    def _typed_key(self) -> Secret | None:
        """The pasted key if it has the right shape; else the reason is shown and None returned."""
        try:
            return parse_api_key(self.key_edit.text())
        except ValueError as exc:
            self.key_error.setText(str(exc))
            return None

    def test_key(self) -> threading.Thread | None:
        """One models call with the typed (else the current) key against the base URL, off the UI thread."""
        if self.key_edit.text().strip():
            key = self._typed_key()
            if key is None:
                return None
        else:
            key = None if self._services.demo else self._services.config.client.api_key
            if not key:
                self.test_result.setText("Paste a key to test it.")
                return None
        config = ClientConfig(api_key=key, base_url=self._base_url(),
                              timeout=min(self._services.config.client.timeout, TEST_TIMEOUT), max_retries=0)
        self.test_button.setEnabled(False)
        self.test_result.setText(f"Testing the key against {config.base_url}…")
        worker = threading.Thread(target=self._run_test, args=(config,), name="test-key", daemon=True)
        worker.start()
        return worker

    def _run_test(self, config: ClientConfig) -> None:
        answer = check_key(config)
        with contextlib.suppress(RuntimeError):  # the dialog was closed meanwhile
            self.key_tested.emit(answer)

    def _show_test_result(self, answer: str) -> None:
        self.test_result.setText(answer)
        self.test_button.setEnabled(True)

    def save(self) -> None:
        key: Secret | None = None
        place: KeyPlace | None = None
        if self.key_edit.text().strip():
            key = self._typed_key()
            if key is None:
                return  # the reason is shown; nothing saved
            place = self._services.key_store.save(key, keep_in_file=self.keep_in_file.isChecked())
        base_url = self._base_url()
        connection_changed = key is not None or base_url != self._services.config.client.base_url
        self._settings.set(Key.BASE_URL, base_url)
        plan = self.plan_combo.currentText()
        self._settings.set(Key.PLAN, plan)
        self._settings.set(Key.ENTER_SENDS, self.enter_sends.isChecked())
        self._settings.set(Key.DEFAULT_CHAT_MODEL, self.chat_model_combo.currentData() or "")
        self._settings.set(Key.DEFAULT_SYSTEM_PROMPT, self.system_prompt_edit.toPlainText().strip())
        self._settings.set(Key.THEME, self.theme_combo.currentData())
        self._settings.set(Key.FONT_SIZE, self.font_size.value())
        self._settings.set(Key.CLOSE_TO_TRAY, self.close_to_tray.isChecked())
        self.s3_group.save()
        self._settings.sync()
        appearance.apply(self._settings)
        self._services.limiter.set_plan(plan)  # limits apply at once; a new connection needs a restart
        self.accept()
        if connection_changed:
            # A key kept nowhere else reaches the restarted app through its environment.
            offer_restart(self.parentWidget(), key if place is KeyPlace.SESSION else None)


def check_key(config: ClientConfig) -> str:
    """One models call with ``config``'s key; the server's answer in words (blocking: run it off the UI thread)."""
    client = GroqApiClient(config)
    try:
        models = client.list_models()
        return f"OK: the key works; {len(models)} models available."
    except GroqDesktopError as exc:
        return f"Not accepted: {exc.message}"
    except Exception as exc:  # noqa: BLE001 - whatever went wrong is the answer to show
        return f"Could not test the key: {type(exc).__name__}: {exc}"
    finally:
        client.close()


def offer_restart(parent: QWidget | None, session_key: Secret | None = None) -> None:
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
    box.accepted.connect(lambda: restart_app(session_key))
    box.open()


def restart_command(session_key: Secret | None = None) -> tuple[str, list[str], dict[str, str]]:
    """Program, arguments and environment of the restarted app."""
    own = ["--restarted"]  # the command line's files are already in the queue; not again
    args = own if getattr(sys, "frozen", False) else ["-m", "groq_desktop", *own]
    env = {k: v for k, v in os.environ.items() if k != SESSION_KEY_ENV}
    if session_key:
        env[SESSION_KEY_ENV] = session_key.reveal()
    return sys.executable, args, env


def restart_app(session_key: Secret | None = None) -> None:
    """Start a new instance (which waits for this one to give the data folder up), then quit this one."""
    program, args, env = restart_command(session_key)
    process = QProcess()
    process.setProgram(program)
    process.setArguments(args)
    environment = QProcessEnvironment()
    for name, value in env.items():
        environment.insert(name, value)
    process.setProcessEnvironment(environment)
    if process.startDetached()[0]:
        QApplication.quit()
