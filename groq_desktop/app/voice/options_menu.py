"""The voice settings, one click from the composer: read as they arrive, hold to talk, language, pauses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from groq_desktop import i18n
from groq_desktop.app import icons
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.app.voice.mic_button import MicButton
from groq_desktop.errors import GroqDesktopError
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate
from groq_desktop.services.voice import VoiceService

DETECT = QT_TRANSLATE_NOOP("VoiceOptionsButton", "Detect")
LANGUAGES = [
    ("en", QT_TRANSLATE_NOOP("LanguageNames", "English")),
    ("ar", QT_TRANSLATE_NOOP("LanguageNames", "Arabic")),
    ("de", QT_TRANSLATE_NOOP("LanguageNames", "German")),
    ("es", QT_TRANSLATE_NOOP("LanguageNames", "Spanish")),
    ("fr", QT_TRANSLATE_NOOP("LanguageNames", "French")),
    ("it", QT_TRANSLATE_NOOP("LanguageNames", "Italian")),
    ("ja", QT_TRANSLATE_NOOP("LanguageNames", "Japanese")),
    ("pt", QT_TRANSLATE_NOOP("LanguageNames", "Portuguese")),
    ("zh", QT_TRANSLATE_NOOP("LanguageNames", "Chinese")),
]
END_OF_SPEECH = (0.5, 0.8, 1.2, 2.0)  # seconds of quiet before hands-free takes the turn
THRESHOLDS = ((-48.0, QT_TRANSLATE_NOOP("VoiceOptionsButton", "Quiet room (most sensitive)")),
              (-38.0, QT_TRANSLATE_NOOP("VoiceOptionsButton", "Normal")),
              (-28.0, QT_TRANSLATE_NOOP("VoiceOptionsButton", "Noisy room (least sensitive)")))


class VoiceOptionsButton(QToolButton):
    def __init__(self, voice: VoiceService, settings: AppSettings, mic: MicButton,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voiceOptions")
        self.setText(translate("VoiceOptionsButton", "Voice"))
        self.setIcon(icons.icon("settings-gear"))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)  # the composer's row must fit 450 px
        self.setToolTip(translate("VoiceOptionsButton", "Voice settings"))
        self.setAccessibleName(translate("VoiceOptionsButton", "Voice settings"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.voice, self.settings, self.mic = voice, settings, mic
        menu = QMenu(self)
        # The day's read-aloud budget, before anything is read (the limiter's numbers, fresh on each open).
        self.budget = menu.addAction("")
        self.budget.setIcon(icons.icon("dashboard"))
        self.budget.setEnabled(False)
        menu.aboutToShow.connect(self.refresh_budget)
        self.refresh_budget()
        menu.addSeparator()
        self.read_arriving = self._check(menu, translate("VoiceOptionsButton", "&Read replies as they arrive"),
                                         Key.READ_AS_THEY_ARRIVE,
                                         lambda on: setattr(voice.settings, "read_as_they_arrive", on))
        self.read_arriving.setIcon(icons.icon("unmute"))
        self.hold = self._check(menu, translate("VoiceOptionsButton", "&Hold the Dictate button to talk"),
                                Key.DICTATION_HOLD, mic.set_hold_to_talk)
        self.hold.setIcon(icons.icon("mic"))
        languages = [("", translate("VoiceOptionsButton", DETECT)),
                     *((code, translate("LanguageNames", name)) for code, name in LANGUAGES)]
        language_menu = menu.addMenu(icons.icon("globe"), translate("VoiceOptionsButton", "Dictation &language"))
        self._choices(language_menu, Key.VOICE_LANGUAGE, languages, lambda v: setattr(voice.settings, "language", v))
        pauses = [(s, translate("VoiceOptionsButton", "{seconds} s of quiet").format(seconds=i18n.number(s, 1)))
                  for s in END_OF_SPEECH]
        pause_menu = menu.addMenu(icons.icon("clock"), translate("VoiceOptionsButton", "Hands-free: &end of speech after"))
        self._choices(pause_menu, Key.SILENCE_SECONDS, pauses, lambda v: setattr(voice.settings, "end_silence", v))
        thresholds = [(db, translate("VoiceOptionsButton", text)) for db, text in THRESHOLDS]
        detection_menu = menu.addMenu(icons.icon("pulse"), translate("VoiceOptionsButton", "Hands-free: speech &detection"))
        self._choices(detection_menu, Key.SILENCE_THRESHOLD_DB, thresholds,
                      lambda v: setattr(voice.settings, "threshold_db", v))
        self.setMenu(menu)

    def refresh_budget(self) -> None:
        try:
            self.budget.setText(self.voice.budget().describe())
        except GroqDesktopError as exc:
            self.budget.setText(exc.message)

    def _check(self, menu: QMenu, text: str, key: Key, apply: object) -> QAction:
        action = menu.addAction(text)
        action.setCheckable(True)
        action.setChecked(bool(self.settings.get(key)))

        def toggled(on: bool) -> None:
            self.settings.set(key, on)
            apply(on)  # type: ignore[operator]

        action.toggled.connect(toggled)
        return action

    def _choices(self, menu: QMenu, key: Key, choices: list[tuple[object, str]], apply: object) -> None:
        group = QActionGroup(menu)
        current = self.settings.get(key)
        for value, text in choices:
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(value == current or (isinstance(value, float) and current is not None
                                                   and abs(float(current) - value) < 1e-6))
            group.addAction(action)

            def chosen(_checked: bool = False, value: object = value) -> None:
                self.settings.set(key, value)
                apply(value)  # type: ignore[operator]

            action.triggered.connect(chosen)
