"""The voice settings, one click from the composer: read as they arrive, hold to talk, language, pauses."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.app.voice.mic_button import MicButton
from groq_desktop.errors import GroqDesktopError
from groq_desktop.services.voice import VoiceService

LANGUAGES = [("", "Detect"), ("en", "English"), ("ar", "Arabic"), ("de", "German"), ("es", "Spanish"),
             ("fr", "French"), ("it", "Italian"), ("ja", "Japanese"), ("pt", "Portuguese"), ("zh", "Chinese")]
END_OF_SPEECH = (0.5, 0.8, 1.2, 2.0)  # seconds of quiet before hands-free takes the turn
THRESHOLDS = ((-48.0, "Quiet room (most sensitive)"), (-38.0, "Normal"), (-28.0, "Noisy room (least sensitive)"))


class VoiceOptionsButton(QToolButton):
    def __init__(self, voice: VoiceService, settings: AppSettings, mic: MicButton,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voiceOptions")
        self.setText("Voice")
        self.setToolTip("Voice settings")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.voice, self.settings, self.mic = voice, settings, mic
        menu = QMenu(self)
        # The day's read-aloud budget, before anything is read (the limiter's numbers, fresh on each open).
        self.budget = menu.addAction("")
        self.budget.setEnabled(False)
        menu.aboutToShow.connect(self.refresh_budget)
        self.refresh_budget()
        menu.addSeparator()
        self.read_arriving = self._check(menu, "Read replies as they arrive", Key.READ_AS_THEY_ARRIVE,
                                         lambda on: setattr(voice.settings, "read_as_they_arrive", on))
        self.hold = self._check(menu, "Hold the Dictate button to talk", Key.DICTATION_HOLD, mic.set_hold_to_talk)
        self._choices(menu.addMenu("Dictation language"), Key.VOICE_LANGUAGE, LANGUAGES,
                      lambda v: setattr(voice.settings, "language", v))
        self._choices(menu.addMenu("Hands-free: end of speech after"), Key.SILENCE_SECONDS,
                      [(s, f"{s:g} s of quiet") for s in END_OF_SPEECH], lambda v: setattr(voice.settings, "end_silence", v))
        self._choices(menu.addMenu("Hands-free: speech detection"), Key.SILENCE_THRESHOLD_DB, list(THRESHOLDS),
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
