"""Hands-free mode: one button in, a clear state (listening / thinking / speaking), Esc or the button out."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from groq_desktop.app.voice.devices import devices
from groq_desktop.core.voice.ports import MicrophoneUnavailable, SpeakerUnavailable
from groq_desktop.services.voice import VoiceService
from groq_desktop.services.voice_hands_free import Ask, HandsFree, HandsFreeCallbacks, HandsFreeState, Turn
from groq_desktop.services.voice_reading import ReadingCallbacks

STATE_TEXT = {  # (dot colour, text)
    HandsFreeState.LISTENING: ("#2e9d4f", "Listening… speak, then pause"),
    HandsFreeState.THINKING: ("#d08a12", "Thinking…"),
    HandsFreeState.SPEAKING: ("#2f6fd0", "Speaking… talk to interrupt"),
    HandsFreeState.STOPPED: ("#888888", "Hands-free is off"),
}


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
        self.button.setText("Hands-free")
        self.button.setCheckable(True)
        self.button.setToolTip("Talk with the model: it listens, answers aloud and listens again (Esc leaves)")
        self.dot = QLabel()
        self.label = QLabel()
        self.label.setObjectName("handsFreeState")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
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
            self._refuse("Open a conversation first.")
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
        colour, text = STATE_TEXT[state]
        self.dot.setText(f'<span style="color:{colour}">●</span>')
        self.label.setText(text if state is not HandsFreeState.STOPPED or self.session is None else "Stopping…")
        self.label.setVisible(state is not HandsFreeState.STOPPED)
        self.dot.setVisible(state is not HandsFreeState.STOPPED)
        self.state_changed.emit(state.value)


__all__ = ["HandsFreeBar", "Turn"]
