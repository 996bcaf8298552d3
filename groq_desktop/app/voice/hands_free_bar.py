"""Hands-free mode: one button in, a clear state (listening / thinking / speaking), Esc or the button out."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from groq_desktop.app import icons, theme
from groq_desktop.app.voice.devices import devices
from groq_desktop.core.voice.ports import MicrophoneUnavailable, SpeakerUnavailable
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate
from groq_desktop.services.voice import VoiceService
from groq_desktop.services.voice_hands_free import Ask, HandsFree, HandsFreeCallbacks, HandsFreeState, Turn
from groq_desktop.services.voice_reading import ReadingCallbacks

STATE_TEXT = {  # (theme token of the state's dot, text)
    HandsFreeState.LISTENING: ("success", QT_TRANSLATE_NOOP("HandsFreeBar", "Listening… speak, then pause")),
    HandsFreeState.THINKING: ("warning", QT_TRANSLATE_NOOP("HandsFreeBar", "Thinking…")),
    HandsFreeState.SPEAKING: ("link", QT_TRANSLATE_NOOP("HandsFreeBar", "Speaking… talk to interrupt")),
    HandsFreeState.STOPPED: ("muted_text", QT_TRANSLATE_NOOP("HandsFreeBar", "Hands-free is off")),
}
DOT_SIZE = 12


class HandsFreeBar(QWidget):
    state_changed = Signal(str)
    failed = Signal(str)
    turn_finished = Signal(object)  # Turn

    def __init__(self, voice: VoiceService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.voice = voice
        self.session: HandsFree | None = None
        self.reading_callbacks = ReadingCallbacks()
        self.button = QToolButton()
        self.button.setObjectName("handsFreeButton")
        self.button.setText(translate("HandsFreeBar", "Hands-free"))
        self.button.setIcon(icons.icon("comment-discussion"))
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setCheckable(True)
        self.button.setToolTip(translate(
            "HandsFreeBar", "Talk with the model: it listens, answers aloud and listens again (Esc leaves)"
        ))
        self.dot = QLabel()
        self.label = QLabel()
        self.label.setObjectName("handsFreeState")
        self.state = HandsFreeState.STOPPED
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(theme.tokens().space_s)
        row.addWidget(self.button)
        row.addWidget(self.dot)
        row.addWidget(self.label)
        self.button.toggled.connect(self._on_toggled)
        self._show(HandsFreeState.STOPPED)
        self.ask_factory: Callable[[], Ask | None] = lambda: None

    @property
    def active(self) -> bool:
        return self.session is not None

    def _on_toggled(self, on: bool) -> None:
        if on and self.session is None:
            self.enter()
        elif not on and self.session is not None:
            self.leave()

    def enter(self) -> None:
        ask = self.ask_factory()
        if ask is None:
            self._refuse(translate("HandsFreeBar", "Open a conversation first."))
            return
        callbacks = HandsFreeCallbacks(
            state=self._show, turn=self.turn_finished.emit, error=self.failed.emit, reading=self.reading_callbacks
        )
        try:
            self.session = HandsFree(self.voice, devices.microphone(), devices.speaker(), ask, callbacks)
            self.session.start()
        except (MicrophoneUnavailable, SpeakerUnavailable) as exc:
            self.session = None
            self._refuse(f"{exc.message} {exc.hint}")
            return
        self.button.setChecked(True)

    def leave(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            session.leave()
        self.button.setChecked(False)
        self._show(HandsFreeState.STOPPED)

    def _refuse(self, message: str) -> None:
        self.button.setChecked(False)
        self.failed.emit(message)

    def _show(self, state: HandsFreeState) -> None:
        self.state = state
        text = STATE_TEXT[state][1]
        self._paint_dot()
        stopping = state is HandsFreeState.STOPPED and self.session is not None
        self.label.setText(translate("HandsFreeBar", "Stopping…") if stopping else translate("HandsFreeBar", text))
        self.label.setVisible(state is not HandsFreeState.STOPPED)
        self.dot.setVisible(state is not HandsFreeState.STOPPED)
        self.state_changed.emit(state.value)

    def _paint_dot(self) -> None:
        colour = getattr(theme.tokens(), STATE_TEXT[self.state][0])
        self.dot.setPixmap(icons.icon("circle-filled", colour).pixmap(DOT_SIZE, DOT_SIZE))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_dot()  # the state colours follow light/dark


__all__ = ["HandsFreeBar", "Turn"]
