"""Settings: the API key (kept in the system keychain, or where none exists, for the session or, if the
user agrees, in a file only they can read), base URL and plan."""

from __future__ import annotations

import contextlib
import itertools
import os
import sys
import threading
from enum import Enum

from PySide6.QtCore import QProcess, QProcessEnvironment, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from groq_desktop import i18n
from groq_desktop.app import appearance, icons, language, theme
from groq_desktop.app.composition import Services
from groq_desktop.app.s3_settings import S3SettingsGroup
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.core.api.client import GroqApiClient
from groq_desktop.core.config import DEFAULT_BASE_URL, ClientConfig
from groq_desktop.core.secrets import SESSION_KEY_ENV, KeyPlace, Secret, parse_api_key
from groq_desktop.errors import GroqDesktopError
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate

TEST_TIMEOUT = 20.0
AUTOMATIC_MODEL = QT_TRANSLATE_NOOP("SettingsDialog", "automatic (recommended)")  # stored as "": picked by capability
THEME_NAMES = {
    "system": QT_TRANSLATE_NOOP("SettingsDialog", "Follow the system"),
    "light": QT_TRANSLATE_NOOP("SettingsDialog", "Light"),
    "dark": QT_TRANSLATE_NOOP("SettingsDialog", "Dark"),
}


def _form(group: QGroupBox) -> QFormLayout:
    form = QFormLayout(group)
    spacing = theme.tokens()
    form.setHorizontalSpacing(spacing.space_l)
    form.setVerticalSpacing(spacing.space_m)
    return form


class SettingsDialog(QDialog):
    key_tested = Signal(str)  # the answer of "Test key", from its worker thread

    def __init__(self, services: Services, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("SettingsDialog", "Settings"))
        self._services = services
        self._settings = settings
        key_store = services.key_store

        connection = QGroupBox(translate("SettingsDialog", "Connection to Groq"))
        form = _form(connection)
        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(translate("SettingsDialog", "gsk_… (leave empty to keep the current key)"))
        self.key_edit.setAccessibleName(translate("SettingsDialog", "API key"))
        self.key_edit.textEdited.connect(lambda _text: _say(self.key_error, ""))
        self.show_key = QPushButton(icons.icon("eye"), translate("SettingsDialog", "Show"))
        self.show_key.setCheckable(True)
        self.show_key.setToolTip(translate("SettingsDialog", "Show or hide the key you are typing"))
        self.show_key.toggled.connect(self._show_key)
        self.test_button = QPushButton(icons.icon("pass"), translate("SettingsDialog", "Test key"))
        self.test_button.setToolTip(
            translate("SettingsDialog", "Ask the server at the base URL below for its model list with this key"))
        self.test_button.clicked.connect(self.test_key)
        self.key_error = QLabel("")
        self.key_error.setObjectName("keyError")
        self.key_error.setProperty("role", "error")
        self.key_error.setWordWrap(True)
        self.test_result = QLabel("")
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_tested.connect(self._show_test_result)
        key_box = QWidget()
        column = QVBoxLayout(key_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.tokens().space_s)
        row = QHBoxLayout()
        row.setSpacing(theme.tokens().space_s)
        row.addWidget(self.key_edit, 1)
        row.addWidget(self.show_key)
        row.addWidget(self.test_button)
        column.addLayout(row)
        for answer in (self.key_error, self.test_result):
            answer.hide()  # takes room only once there is something to say
            column.addWidget(answer)
        form.addRow(translate("SettingsDialog", "API key"), key_box)

        self.keychain_note = QLabel(key_store.describe())
        self.keychain_note.setProperty("role", "caption")
        self.keychain_note.setWordWrap(True)
        form.addRow("", self.keychain_note)
        self.env_note = QLabel("")
        self.env_note.setWordWrap(True)
        if services.config.key_source == "env":
            self.env_note.setText(translate(
                "SettingsDialog",
                "<b>GROQ_API_KEY is set in the environment: it wins</b> over any key saved here, now and after a restart.",
            ))
            form.addRow("", self.env_note)
        self.keep_in_file = QCheckBox(
            translate("SettingsDialog", "Keep the key on this computer, in a file only you can read"))
        self.keep_in_file.setToolTip(translate(
            "SettingsDialog",
            "Without a keychain the key is written as plain text to {path} (permissions 0600). It is not encrypted: "
            "anyone who can read your files or your backups can read it.",
        ).format(path=key_store.file_path()))
        if key_store.place is KeyPlace.SESSION:
            warning = QLabel(translate(
                "SettingsDialog",
                "No keychain: the file ({path}) holds the key as <b>plain text</b>, readable by your user account "
                "and its backups. Leave this off to keep the key for this session only.",
            ).format(path=key_store.file_path()))
            warning.setWordWrap(True)
            form.addRow("", self.keep_in_file)
            form.addRow("", warning)

        self.base_url_edit = QLineEdit(str(settings.get(Key.BASE_URL) or DEFAULT_BASE_URL))
        form.addRow(translate("SettingsDialog", "Base URL"), self.base_url_edit)
        self.plan_combo = QComboBox()
        self.plan_combo.addItems(services.limit_table.plan_names())
        self.plan_combo.setCurrentText(str(settings.get(Key.PLAN)))
        self.plan_combo.setProperty("showsData", True)  # Groq's plan names, as the limits file has them
        form.addRow(translate("SettingsDialog", "Plan (limits)"), self.plan_combo)

        chat = QGroupBox(translate("SettingsDialog", "Chat"))
        form = _form(chat)
        self.enter_sends = QCheckBox(translate("SettingsDialog", "Enter sends; Shift+Enter starts a new line"))
        self.enter_sends.setToolTip(translate(
            "SettingsDialog", "Off: Shift+Enter sends and Enter starts a new line (Ctrl+Enter always sends)"))
        self.enter_sends.setChecked(bool(settings.get(Key.ENTER_SENDS)))
        form.addRow(translate("SettingsDialog", "Composer"), self.enter_sends)
        self.chat_model_combo = QComboBox()
        self.chat_model_combo.addItem(translate("SettingsDialog", AUTOMATIC_MODEL), "")
        for model in services.registry.chat_models():
            self.chat_model_combo.addItem(model.id, model.id)
        chosen = str(settings.get(Key.DEFAULT_CHAT_MODEL) or "")
        self.chat_model_combo.setCurrentIndex(max(0, self.chat_model_combo.findData(chosen)))
        self.chat_model_combo.setToolTip(translate("SettingsDialog", "The model new conversations start with"))
        form.addRow(translate("SettingsDialog", "Default chat model"), self.chat_model_combo)
        self.system_prompt_edit = QPlainTextEdit(str(settings.get(Key.DEFAULT_SYSTEM_PROMPT) or ""))
        self.system_prompt_edit.setPlaceholderText(translate("SettingsDialog", "None: the model's own behaviour"))
        self.system_prompt_edit.setToolTip(translate("SettingsDialog", "The system prompt new conversations start with"))
        self.system_prompt_edit.setTabChangesFocus(True)  # Tab walks the form; a prompt rarely needs a tab
        self.system_prompt_edit.setFixedHeight(self.system_prompt_edit.fontMetrics().lineSpacing() * 4 + 12)
        form.addRow(translate("SettingsDialog", "Default system prompt"), self.system_prompt_edit)

        looks = QGroupBox(translate("SettingsDialog", "Appearance"))
        form = _form(looks)
        self.theme_combo = QComboBox()
        for value, label in appearance.THEMES:
            self.theme_combo.addItem(translate("SettingsDialog", THEME_NAMES[value]) if value in THEME_NAMES else label,
                                     value)
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(str(settings.get(Key.THEME)))))
        form.addRow(translate("SettingsDialog", "Theme"), self.theme_combo)
        self.font_size = QSpinBox()
        self.font_size.setRange(0, 28)
        self.font_size.setSpecialValueText(translate("SettingsDialog", "System size"))
        self.font_size.setSuffix(translate("SettingsDialog", " pt"))
        self.font_size.setValue(int(settings.get(Key.FONT_SIZE) or 0))
        form.addRow(translate("SettingsDialog", "Font size"), self.font_size)
        self.language_combo = QComboBox()
        for choice in language.CHOICES:
            self.language_combo.addItem(language.language_name(choice.code), choice.code)
        self._language = str(settings.get(Key.LANGUAGE) or "system")
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(self._language)))
        self.language_combo.setProperty("showsData", True)  # each language named in itself, so anyone finds theirs
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        form.addRow(translate("SettingsDialog", "Language"), self.language_combo)
        self.close_to_tray = QCheckBox(
            translate("SettingsDialog", "Closing the window keeps Groq Desktop running in the tray"))
        self.close_to_tray.setToolTip(
            translate("SettingsDialog", "The tray icon's Quit (or File ▸ Quit) ends it; off by default"))
        self.close_to_tray.setChecked(bool(settings.get(Key.CLOSE_TO_TRAY)))
        form.addRow(translate("SettingsDialog", "Window"), self.close_to_tray)

        self.s3_group = S3SettingsGroup(settings)
        self.restart_note = QLabel("")
        self.restart_note.setObjectName("restartNote")
        self.restart_note.setWordWrap(True)
        self.restart_note.hide()  # takes room only once something needs a restart
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setIcon(icons.icon("save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setIcon(icons.icon("close"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        spacing = theme.tokens()
        page = QWidget()
        sections = QVBoxLayout(page)
        sections.setContentsMargins(spacing.space_xl, spacing.space_xl, spacing.space_xl, spacing.space_m)
        sections.setSpacing(spacing.space_l)
        for section in (connection, chat, looks, self.s3_group):
            sections.addWidget(section)
        sections.addStretch(1)
        scroll = QScrollArea()  # the page is taller than a small screen; the buttons stay in view
        scroll.setWidget(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, spacing.space_l)
        layout.setSpacing(spacing.space_m)
        layout.addWidget(scroll, 1)
        for widget in (self.restart_note, buttons):
            bottom = QHBoxLayout()
            bottom.setContentsMargins(spacing.space_xl, 0, spacing.space_xl, 0)
            bottom.addWidget(widget)
            layout.addLayout(bottom)
        self._order_tabs(buttons)
        screen = (parent.screen() if parent is not None else QGuiApplication.primaryScreen()).availableGeometry()
        wanted = page.sizeHint()
        extent = scroll.verticalScrollBar().sizeHint().width()
        self.resize(max(640, wanted.width() + extent), min(wanted.height() + 80, int(screen.height() * 0.85)))

    def _order_tabs(self, buttons: QDialogButtonBox) -> None:
        """Tab follows the page from top to bottom, whatever order the widgets were made in."""
        chain: list[QWidget] = [
            self.key_edit, self.show_key, self.test_button,
            *([self.keep_in_file] if self.keep_in_file.parent() is not None else []), self.base_url_edit, self.plan_combo,
            self.enter_sends, self.chat_model_combo, self.system_prompt_edit, self.theme_combo, self.font_size,
            self.language_combo, self.close_to_tray, *self.s3_group.focus_chain(), *buttons.buttons(),
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _language_chosen(self) -> None:
        changed = self.language_combo.currentData() != self._language
        self.restart_note.setText(translate(
            "SettingsDialog", "The language changes at the next start: you can restart once you save.")
            if changed else "")
        self.restart_note.setVisible(changed)

    def _show_key(self, shown: bool) -> None:
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.show_key.setText(translate("SettingsDialog", "Hide") if shown else translate("SettingsDialog", "Show"))
        self.show_key.setIcon(icons.icon("eye-closed" if shown else "eye"))

    def _base_url(self) -> str:
        return self.base_url_edit.text().strip() or DEFAULT_BASE_URL

    def _typed_key(self) -> Secret | None:
        """The pasted key if it has the right shape; else the reason is shown and None returned."""
        try:
            return parse_api_key(self.key_edit.text())
        except ValueError as exc:
            _say(self.key_error, str(exc))
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
                _say(self.test_result, translate("SettingsDialog", "Paste a key to test it."))
                return None
        config = ClientConfig(api_key=key, base_url=self._base_url(),
                              timeout=min(self._services.config.client.timeout, TEST_TIMEOUT), max_retries=0)
        self.test_button.setEnabled(False)
        _say(self.test_result, translate("SettingsDialog", "Testing the key against {url}…").format(url=config.base_url))
        worker = threading.Thread(target=self._run_test, args=(config,), name="test-key", daemon=True)
        worker.start()
        return worker

    def _run_test(self, config: ClientConfig) -> None:
        answer = check_key(config)
        with contextlib.suppress(RuntimeError):  # the dialog was closed meanwhile
            self.key_tested.emit(answer)

    def _show_test_result(self, answer: str) -> None:
        _say(self.test_result, answer)
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
        chosen_language = str(self.language_combo.currentData())
        language_changed = chosen_language != self._language
        self._settings.set(Key.BASE_URL, base_url)
        plan = self.plan_combo.currentText()
        self._settings.set(Key.PLAN, plan)
        self._settings.set(Key.ENTER_SENDS, self.enter_sends.isChecked())
        self._settings.set(Key.DEFAULT_CHAT_MODEL, self.chat_model_combo.currentData() or "")
        self._settings.set(Key.DEFAULT_SYSTEM_PROMPT, self.system_prompt_edit.toPlainText().strip())
        self._settings.set(Key.THEME, self.theme_combo.currentData())
        self._settings.set(Key.FONT_SIZE, self.font_size.value())
        self._settings.set(Key.LANGUAGE, chosen_language)
        self._settings.set(Key.CLOSE_TO_TRAY, self.close_to_tray.isChecked())
        self.s3_group.save()
        self._settings.sync()
        appearance.apply(self._settings)
        self._services.limiter.set_plan(plan)  # limits apply at once; a new connection needs a restart
        self.accept()
        # A key kept nowhere else reaches the restarted app through its environment.
        carried = (key if place is KeyPlace.SESSION else None) if key is not None else self._session_key()
        if connection_changed and language_changed:
            offer_restart(self.parentWidget(), carried, RestartReason.CONNECTION_AND_LANGUAGE)
        elif connection_changed:
            offer_restart(self.parentWidget(), carried)
        elif language_changed:
            offer_restart(self.parentWidget(), carried, RestartReason.LANGUAGE)

    def _session_key(self) -> Secret | None:
        """The key in use when it lives only in this process (the restart must carry it)."""
        config = self._services.config
        return config.client.api_key if config.key_source == KeyPlace.SESSION.value and config.client.api_key else None


def _say(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def check_key(config: ClientConfig) -> str:
    """One models call with ``config``'s key; the server's answer in words (blocking: run it off the UI thread)."""
    client = GroqApiClient(config)
    try:
        # No "%n model(s)": lupdate marks a plural only when the count is a literal number.
        count = i18n.number(len(client.list_models()))
        return translate("SettingsDialog", "OK: the key works; models available: {count}.").format(count=count)
    except GroqDesktopError as exc:
        return translate("SettingsDialog", "Not accepted: {reason}").format(reason=exc.message)
    except Exception as exc:  # noqa: BLE001 - whatever went wrong is the answer to show
        return translate("SettingsDialog", "Could not test the key: {error}").format(
            error=f"{type(exc).__name__}: {exc}")
    finally:
        client.close()


class RestartReason(Enum):
    CONNECTION = "connection"
    LANGUAGE = "language"
    CONNECTION_AND_LANGUAGE = "connection and language"


def offer_restart(parent: QWidget | None, session_key: Secret | None = None,
                  reason: RestartReason = RestartReason.CONNECTION) -> QMessageBox:
    if reason is RestartReason.LANGUAGE:
        title = translate("SettingsDialog", "Restart to change the language")
        text = translate("SettingsDialog", "Saved. The new language shows when Groq Desktop starts again; your "
                         "conversations and transcription queue carry on where they are.")
    elif reason is RestartReason.CONNECTION_AND_LANGUAGE:
        title = translate("SettingsDialog", "Restart to connect")
        text = translate("SettingsDialog", "Saved. Groq Desktop restarts to connect with the new key or address, "
                         "in the new language; your conversations and transcription queue carry on where they are.")
    else:
        title = translate("SettingsDialog", "Restart to connect")
        text = translate("SettingsDialog", "Saved. Groq Desktop restarts to connect with the new key or address; "
                         "your conversations and transcription queue carry on where they are.")
    box = QMessageBox(QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, parent)
    restart = box.button(QMessageBox.StandardButton.Ok)
    restart.setText(translate("SettingsDialog", "Restart now"))
    restart.setIcon(icons.icon("debug-restart"))
    box.button(QMessageBox.StandardButton.Cancel).setText(translate("SettingsDialog", "Later"))
    box.accepted.connect(lambda: restart_app(session_key))
    box.open()
    return box


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
