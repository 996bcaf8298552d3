"""Read-aloud controls: the sentence being read, pause/resume, skip, stop, the voice and the day's budget."""

from __future__ import annotations

from pathlib import Path

import qasync
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from groq_desktop.app.voice.devices import devices
from groq_desktop.core.voice.ports import AudioOutput, SpeakerUnavailable
from groq_desktop.errors import GroqDesktopError
from groq_desktop.services.voice import VoiceService
from groq_desktop.services.voice_reading import Reading, ReadingCallbacks, ReadingState, save_audio


def ask_save_path(parent: QWidget, suggested: str) -> Path | None:
    """The file dialog, behind a function tests replace."""
    name, _ = QFileDialog.getSaveFileName(parent, "Save audio", suggested, "WAV audio (*.wav)")
    return Path(name) if name else None

_ACTIVE = (ReadingState.WAITING, ReadingState.PLAYING, ReadingState.PAUSED)
_ENDED_TEXT = {
    ReadingState.DONE: "Finished reading.",
    ReadingState.STOPPED: "Stopped.",
}


class ReadAloudBar(QFrame):
    sentence_changed = Signal(int, str)  # the highlight hook: index and text of the sentence being read
    state_changed = Signal(str)
    voice_changed = Signal(str)

    def __init__(self, voice: VoiceService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readAloudBar")
        self.voice = voice
        self.reading: Reading | None = None
        self.message_id: int | None = None
        self.markdown = ""  # the text of the reading, once complete (for Save audio)
        self._speaker: AudioOutput | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)

        self.state_label = QLabel()
        self.state_label.setObjectName("readAloudState")
        self.sentence = QLabel()
        self.sentence.setObjectName("readAloudSentence")
        self.sentence.setWordWrap(True)
        self.sentence.setTextFormat(Qt.TextFormat.PlainText)
        self.sentence.setAutoFillBackground(True)
        palette = self.sentence.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.Highlight))
        palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.HighlightedText))
        self.sentence.setPalette(palette)
        self.budget = QLabel()
        self.budget.setObjectName("readAloudBudget")
        self.budget.setToolTip(
            "Text to speech is the scarcest quota: on the free plan about 100 requests a day of up to 200 "
            "characters each. Replies already read are cached and replay for free."
        )
        self.pause_button = self._tool("Pause", QStyle.StandardPixmap.SP_MediaPause, self.toggle_pause)
        self.skip_button = self._tool("Next sentence", QStyle.StandardPixmap.SP_MediaSkipForward, self.skip)
        self.stop_button = self._tool("Stop reading (Esc)", QStyle.StandardPixmap.SP_MediaStop, self.stop)
        self.voice_box = QComboBox()
        self.voice_box.setObjectName("voicePicker")
        self.voice_box.setToolTip("Voice")
        self.sample_button = self._tool(
            "Hear a sample of this voice (one request, then cached)", QStyle.StandardPixmap.SP_MediaVolume,
            self.play_sample,
        )
        self.save_button = self._tool(
            "Save the whole reply as one audio file (cached parts cost nothing)", QStyle.StandardPixmap.SP_DialogSaveButton,
            self.save_audio,
        )
        self.direction = QLineEdit()
        self.direction.setObjectName("vocalDirection")
        self.direction.setPlaceholderText("[cheerful]")
        self.direction.setToolTip("A vocal direction in brackets, on models that take them")
        self.direction.setMaximumWidth(110)

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        for widget in (self.state_label, self.pause_button, self.skip_button, self.stop_button):
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.budget)
        controls.addWidget(self.voice_box)
        controls.addWidget(self.sample_button)
        controls.addWidget(self.save_button)
        controls.addWidget(self.direction)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 4, 8, 4)
        column.addLayout(controls)
        column.addWidget(self.sentence)
        self.refresh_voices()
        self.voice_box.currentTextChanged.connect(self._on_voice)
        self._show(None)

    def _tool(self, tip: str, icon: QStyle.StandardPixmap, slot: object) -> QToolButton:
        button = QToolButton()
        button.setIcon(self.style().standardIcon(icon))
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(slot)  # type: ignore[arg-type]
        return button

    # --- voices -------------------------------------------------------------------------------

    def refresh_voices(self) -> None:
        try:
            voices, current = self.voice.voices(), self.voice.voice()
            directions = self.voice.supports_directions()
        except GroqDesktopError:
            voices, current, directions = [], "", False
        self.voice_box.blockSignals(True)
        self.voice_box.clear()
        self.voice_box.addItems(voices)
        self.voice_box.setCurrentText(current)
        self.voice_box.blockSignals(False)
        self.direction.setVisible(directions)

    def _on_voice(self, name: str) -> None:
        if name:
            self.voice.settings.voice = name
            self.voice_changed.emit(name)

    @qasync.asyncSlot()
    async def play_sample(self) -> None:
        name = self.voice.voice()
        await self.read(f"Hello, I am {name.capitalize()}. This is how I sound reading your replies.")

    @qasync.asyncSlot()
    async def save_audio(self) -> Path | None:
        """The reply being (or last) read as one WAV file."""
        if self.reading is None or not self.markdown:
            return None
        path = ask_save_path(self, "reply.wav")
        if path is None:
            return None
        try:
            await save_audio(self.voice, self.markdown, path, self.reading.voice, self.reading.direction)
        except GroqDesktopError as exc:
            self._show_message(f"The audio was not saved: {exc.message}")
            return None
        self._show_message(f"Saved {path.name}")
        return path

    # --- reading ------------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self.reading is not None and self.reading.state in _ACTIVE

    def start(self, message_id: int | None = None) -> Reading | None:
        """A new reading (the previous one stops); feed it with ``reading.feed``/``finish``."""
        self.stop()
        try:
            if self._speaker is None:
                self._speaker = devices.speaker()
            callbacks = ReadingCallbacks(self._on_state, self._on_sentence, self.budget.setText)
            self.reading = Reading(self.voice, self._speaker, callbacks, direction=self.direction.text())
        except (SpeakerUnavailable, GroqDesktopError) as exc:
            self._show_message(f"{exc.message} {exc.hint}")
            return None
        self.message_id = message_id
        self.markdown = ""
        self._show(ReadingState.WAITING)
        return self.reading

    async def read(self, markdown: str, message_id: int | None = None) -> ReadingState | None:
        reading = self.start(message_id)
        if reading is None:
            return None
        self.markdown = markdown
        try:
            reading.finish(markdown)
        except SpeakerUnavailable as exc:
            reading.stop(exc.message)
        return await reading.wait()

    def toggle_pause(self) -> None:
        if self.reading is None:
            return
        if self.reading.state is ReadingState.PAUSED:
            self.reading.resume()
        else:
            self.reading.pause()

    def skip(self) -> None:
        if self.reading is not None:
            self.reading.skip()

    def stop(self) -> None:
        if self.active and self.reading is not None:
            self.reading.stop()

    # --- display ------------------------------------------------------------------------------

    def _on_state(self, state: ReadingState, message: str) -> None:
        self._show(state, message)
        self.state_changed.emit(state.value)

    def _on_sentence(self, index: int, text: str) -> None:
        self.sentence.setText(text)
        self.sentence.show()
        self.sentence_changed.emit(index, text)

    def _show(self, state: ReadingState | None, message: str = "") -> None:
        active = state in _ACTIVE
        self.pause_button.setEnabled(state in (ReadingState.PLAYING, ReadingState.PAUSED))
        paused = state is ReadingState.PAUSED
        self.pause_button.setIcon(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MediaPlay if paused else QStyle.StandardPixmap.SP_MediaPause
        ))
        self.pause_button.setToolTip("Resume" if state is ReadingState.PAUSED else "Pause")
        self.skip_button.setEnabled(state is ReadingState.PLAYING)
        self.stop_button.setEnabled(active)
        if state is None:
            self.state_label.setText("Read aloud")
            self.sentence.hide()
            try:
                self.budget.setText(self.voice.budget().describe())
            except GroqDesktopError:
                self.budget.clear()
            return
        labels = {ReadingState.WAITING: "Fetching speech…", ReadingState.PLAYING: "Reading aloud",
                  ReadingState.PAUSED: "Paused"}
        if active:
            self.state_label.setText(labels[state])
        else:
            self._show_message(message or _ENDED_TEXT.get(state, "Reading ended."))

    def _show_message(self, text: str) -> None:
        self.state_label.setText("Read aloud")
        self.sentence.setText(text)
        self.sentence.show()
