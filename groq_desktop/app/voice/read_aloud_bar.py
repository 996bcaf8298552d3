"""Read-aloud controls: the sentence being read, pause/resume, skip, stop, the voice and the day's budget."""

from __future__ import annotations

from pathlib import Path

import qasync
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from groq_desktop.app import icons, theme
from groq_desktop.app.voice.devices import devices
from groq_desktop.core.voice.ports import AudioOutput, SpeakerUnavailable
from groq_desktop.errors import GroqDesktopError
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate
from groq_desktop.services.voice import VoiceService
from groq_desktop.services.voice_reading import Reading, ReadingCallbacks, ReadingState, save_audio


def ask_save_path(parent: QWidget, suggested: str) -> Path | None:
    """The file dialog, behind a function tests replace."""
    name, _ = QFileDialog.getSaveFileName(parent, translate("ReadAloudBar", "Save audio"), suggested,
                                          translate("ReadAloudBar", "WAV audio (*.wav)"))
    return Path(name) if name else None

_ACTIVE = (ReadingState.WAITING, ReadingState.PLAYING, ReadingState.PAUSED)
_ENDED_TEXT = {
    ReadingState.DONE: QT_TRANSLATE_NOOP("ReadAloudBar", "Finished reading."),
    ReadingState.STOPPED: QT_TRANSLATE_NOOP("ReadAloudBar", "Stopped."),
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
        self.setProperty("surface", "card")

        self.state_label = QLabel()
        self.state_label.setObjectName("readAloudState")
        self.sentence = QLabel()
        self.sentence.setObjectName("readAloudSentence")
        self.sentence.setWordWrap(True)
        self.sentence.setTextFormat(Qt.TextFormat.PlainText)
        self.sentence.setAutoFillBackground(True)
        self.budget = QLabel()
        self.budget.setObjectName("readAloudBudget")
        self.budget.setProperty("role", "caption")
        self.budget.setToolTip(translate(
            "ReadAloudBar",
            "Text to speech is the scarcest quota: on the free plan about 100 requests a day of up to 200 "
            "characters each. Replies already read are cached and replay for free.",
        ))
        self.pause_button = self._tool(translate("ReadAloudBar", "Pause"), "debug-pause", self.toggle_pause)
        self.skip_button = self._tool(translate("ReadAloudBar", "Next sentence"), "arrow-right", self.skip)
        self.stop_button = self._tool(translate("ReadAloudBar", "Stop reading (Esc)"), "debug-stop", self.stop)
        self.voice_box = QComboBox()
        self.voice_box.setObjectName("voicePicker")
        self.voice_box.setProperty("showsData", True)  # the voices' own names
        self.voice_box.setToolTip(translate("ReadAloudBar", "Voice"))
        self.voice_box.setAccessibleName(translate("ReadAloudBar", "Voice"))
        self.sample_button = self._tool(
            translate("ReadAloudBar", "Hear a sample of this voice (one request, then cached)"), "unmute",
            self.play_sample,
        )
        self.save_button = self._tool(
            translate("ReadAloudBar", "Save the whole reply as one audio file (cached parts cost nothing)"), "save",
            self.save_audio,
        )
        self.direction = QLineEdit()
        self.direction.setObjectName("vocalDirection")
        # The speech model understands English directions only, so the example stays English by default.
        self.direction.setPlaceholderText(translate("ReadAloudBar", "[cheerful]", "a vocal direction the speech model understands"))
        self.direction.setToolTip(translate("ReadAloudBar", "A vocal direction in brackets, on models that take them"))
        self.direction.setMaximumWidth(110)
        self._colour_sentence()

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
        t = theme.tokens()
        column.setContentsMargins(t.space_m, t.space_s, t.space_m, t.space_s)
        column.setSpacing(t.space_s)
        column.addLayout(controls)
        column.addWidget(self.sentence)
        self.refresh_voices()
        self.voice_box.currentTextChanged.connect(self._on_voice)
        self._show(None)

    def _tool(self, tip: str, icon: str, slot: object) -> QToolButton:
        button = QToolButton()
        button.setIcon(icons.icon(icon))
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
            self._show_message(translate("ReadAloudBar", "The audio was not saved: {error}").format(error=exc.message))
            return None
        self._show_message(translate("ReadAloudBar", "Saved {name}").format(name=path.name))
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
        self.pause_button.setIcon(icons.icon("play" if paused else "debug-pause"))
        tip = translate("ReadAloudBar", "Resume") if paused else translate("ReadAloudBar", "Pause")
        self.pause_button.setToolTip(tip)
        self.pause_button.setAccessibleName(tip)
        self.skip_button.setEnabled(state is ReadingState.PLAYING)
        self.stop_button.setEnabled(active)
        if state is None:
            self.state_label.setText(translate("ReadAloudBar", "Read aloud"))
            self.sentence.hide()
            try:
                self.budget.setText(self.voice.budget().describe())
            except GroqDesktopError:
                self.budget.clear()
            return
        labels = {ReadingState.WAITING: translate("ReadAloudBar", "Fetching speech…"),
                  ReadingState.PLAYING: translate("ReadAloudBar", "Reading aloud"),
                  ReadingState.PAUSED: translate("ReadAloudBar", "Paused")}
        if active:
            self.state_label.setText(labels[state])
        elif message:
            self._show_message(message)
        else:
            ended = _ENDED_TEXT.get(state)
            self._show_message(translate("ReadAloudBar", ended) if ended else translate("ReadAloudBar", "Reading ended."))

    def _colour_sentence(self) -> None:
        """The sentence being read on a soft accent band, from the theme (light or dark)."""
        t = theme.tokens()
        palette = self.sentence.palette()
        palette.setColor(QPalette.ColorRole.Window, t.user_bubble)
        palette.setColor(QPalette.ColorRole.WindowText, t.text)
        self.sentence.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colour_sentence()

    def _show_message(self, text: str) -> None:
        self.state_label.setText(translate("ReadAloudBar", "Read aloud"))
        self.sentence.setText(text)
        self.sentence.show()
