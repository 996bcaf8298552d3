"""The first-run welcome: what demo mode is, how to get a key, paste and test it, where the data lives.

Shown once (Key.WELCOME_SHOWN) and again from Help ▸ Welcome. Testing reuses the settings dialog's key
check; keeping the key is the settings dialog's job (keychain, restart), so "Use this key…" opens it.
"""

from __future__ import annotations

import contextlib
import threading

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from groq_desktop.app import icons, theme
from groq_desktop.app.composition import Services
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.app.settings_dialog import TEST_TIMEOUT, check_key
from groq_desktop.core import paths
from groq_desktop.core.config import DEFAULT_BASE_URL, ClientConfig
from groq_desktop.core.secrets import parse_api_key
from groq_desktop.i18n import translate

CONSOLE_KEYS_URL = "https://console.groq.com/keys"


def welcome_html(demo: bool) -> str:
    if demo:
        mode = translate(
            "WelcomeDialog",
            "<p><b>You are in demo mode.</b> No API key is set, so a Groq emulator built into the app answers: the "
            "same API and free-plan limits, made-up replies and transcripts, and nothing leaves this computer. "
            "Everything works, so look around.</p>",
        )
    else:
        mode = translate(
            "WelcomeDialog",
            "<p>Groq Desktop is connected to Groq with your key. Demo mode (the built-in emulator) is what runs "
            "when no key is set.</p>",
        )
    return mode + translate(
        "WelcomeDialog",
        "<p><b>To use Groq itself</b>, create a key at <a href='{url}'>console.groq.com/keys</a> (free to sign up), "
        "paste it below and test it.</p>",
    ).format(url=CONSOLE_KEYS_URL)


def data_html() -> str:
    return translate(
        "WelcomeDialog",
        "<p><b>Where your data lives:</b> conversations, transcripts and settings in <code>{data}</code>, logs in "
        "<code>{logs}</code>. The key goes to the system keychain.</p>",
    ).format(data=paths.data_dir(), logs=paths.log_dir())


class WelcomeDialog(QDialog):
    key_tested = Signal(str)  # from the test's worker thread
    use_key_requested = Signal(str)  # the pasted key, for the settings dialog to keep

    def __init__(self, services: Services, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("WelcomeDialog", "Welcome to Groq Desktop"))
        self._services = services
        self._settings = settings
        spacing = theme.tokens()
        title = QLabel(translate("WelcomeDialog", "Welcome to Groq Desktop"))
        title.setObjectName("welcomeTitle")
        title.setProperty("role", "title")
        font = title.font()  # the style sheet may style the role too; the size holds without one
        font.setPointSizeF(font.pointSizeF() * spacing.heading_scale)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(welcome_html(services.demo))
        intro.setObjectName("welcomeIntro")
        intro.setWordWrap(True)
        intro.setOpenExternalLinks(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)

        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(translate("WelcomeDialog", "Paste your key: gsk_…"))
        self.key_edit.setAccessibleName(translate("WelcomeDialog", "API key"))
        self.test_button = QPushButton(icons.icon("pass"), translate("WelcomeDialog", "Test key"))
        self.test_button.setToolTip(
            translate("WelcomeDialog", "One models call with this key; the server's answer is shown below"))
        self.test_button.clicked.connect(self.test_key)
        self.test_button.setAutoDefault(False)  # Enter means Start, not a test of an empty field
        self.use_button = QPushButton(icons.icon("key"), translate("WelcomeDialog", "Use this key…"))
        self.use_button.setToolTip(
            translate("WelcomeDialog", "Open Settings with this key to keep it (the app restarts to connect)"))
        self.use_button.clicked.connect(lambda: self.use_key_requested.emit(self.key_edit.text().strip()))
        self.use_button.setAutoDefault(False)
        row = QHBoxLayout()
        row.setSpacing(spacing.space_s)
        row.addWidget(self.key_edit, 1)
        row.addWidget(self.test_button)
        row.addWidget(self.use_button)
        self.result = QLabel("")
        self.result.setObjectName("welcomeTestResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_tested.connect(self._show_result)
        self.result.hide()  # takes room only once there is an answer
        key_card = QFrame()
        key_card.setProperty("surface", "card")
        card = QVBoxLayout(key_card)
        card.setContentsMargins(spacing.space_l, spacing.space_l, spacing.space_l, spacing.space_l)
        card.setSpacing(spacing.space_m)
        card.addLayout(row)
        card.addWidget(self.result)

        data = QLabel(data_html())
        data.setObjectName("welcomeData")
        data.setProperty("role", "caption")
        data.setWordWrap(True)
        data.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        start = buttons.addButton(translate("WelcomeDialog", "Start"), QDialogButtonBox.ButtonRole.AcceptRole)
        start.setDefault(True)
        start.setProperty("role", "primary")
        self.start_button = start
        buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(spacing.space_xl, spacing.space_xl, spacing.space_xl, spacing.space_l)
        layout.setSpacing(spacing.space_l)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(key_card)
        layout.addWidget(data)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(580)
        settings.set(Key.WELCOME_SHOWN, True)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.start_button.setFocus()  # typing a sentence never lands in the key field by surprise

    def _say(self, text: str) -> None:
        self.result.setText(text)
        self.result.setVisible(bool(text))

    def base_url(self) -> str:
        return str(self._settings.get(Key.BASE_URL) or DEFAULT_BASE_URL)

    def test_key(self) -> threading.Thread | None:
        try:
            key = parse_api_key(self.key_edit.text())
        except ValueError as exc:
            self._say(str(exc))
            return None
        config = ClientConfig(api_key=key, base_url=self.base_url(),
                              timeout=min(self._services.config.client.timeout, TEST_TIMEOUT), max_retries=0)
        self.test_button.setEnabled(False)
        self._say(translate("WelcomeDialog", "Testing the key against {url}…").format(url=config.base_url))
        worker = threading.Thread(target=self._run_test, args=(config,), name="welcome-test-key", daemon=True)
        worker.start()
        return worker

    def _run_test(self, config: ClientConfig) -> None:
        answer = check_key(config)
        with contextlib.suppress(RuntimeError):  # closed meanwhile
            self.key_tested.emit(answer)

    def _show_result(self, answer: str) -> None:
        self._say(answer)
        self.test_button.setEnabled(True)
