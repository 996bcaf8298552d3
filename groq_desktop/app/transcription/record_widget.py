"""Record and transcribe live: a Record button, the level and time, and the transcript as it comes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import qasync
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from groq_desktop.app import icons, theme
from groq_desktop.app.voice.devices import devices
from groq_desktop.app.voice.mic_button import LevelMeter, format_elapsed
from groq_desktop.core.audio.transcript import Transcript
from groq_desktop.core.voice.ports import MicrophoneUnavailable
from groq_desktop.errors import GroqDesktopError
from groq_desktop.i18n import translate
from groq_desktop.services.voice import VoiceService
from groq_desktop.services.voice_live import LiveRecording


class RecordWidget(QWidget):
    failed = Signal(str)
    finished = Signal(int)  # the job id

    def __init__(
        self,
        voice: VoiceService,
        storage: Any,
        transcription: Any,
        options: Callable[[], Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.voice = voice
        self.storage = storage
        self.transcription = transcription
        self._options = options
        self.recording: LiveRecording | None = None
        self.button = QPushButton()
        self.button.setObjectName("recordButton")
        self.button.setToolTip(translate(
            "RecordWidget", "Record from the microphone and transcribe while you speak; the recording is kept"
        ))
        self.meter = LevelMeter()
        self.elapsed = QLabel()
        self.status = QLabel()
        self.status.setProperty("role", "caption")
        self.live = QPlainTextEdit()
        self.live.setObjectName("liveTranscript")
        self.live.setReadOnly(True)
        self.live.setFixedHeight(80)
        self.live.setPlaceholderText(
            translate("RecordWidget", "The transcript appears here a few seconds behind you…"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(theme.tokens().space_m)
        for widget in (self.button, self.meter, self.elapsed, self.status):
            row.addWidget(widget)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.live)
        self.button.clicked.connect(self.toggle)
        self._idle()

    def _idle(self) -> None:
        self.button.setText(translate("RecordWidget", "Record"))
        self.button.setIcon(icons.icon("record", theme.tokens().danger))
        self.button.setProperty("role", "")
        self._repolish()
        self.meter.hide()
        self.elapsed.hide()
        self.live.hide()

    def toggle(self) -> None:
        if self.recording is None:
            self.start()
        else:
            self.stop()

    def start(self) -> None:
        options: dict[str, Any] = {}
        if self._options is not None:
            options = self._options().to_dict()
            options.pop("model", None)  # live pieces use the speech-to-text model chosen by capability
        try:
            self.recording = LiveRecording(
                self.voice, self.storage, devices.microphone(), on_transcript=self._on_transcript,
                on_level=self._on_level, options=options,
            )
        except MicrophoneUnavailable as exc:
            self.failed.emit(f"{exc.message} {exc.hint}")
            return
        self.button.setText(translate("RecordWidget", "Stop"))
        self.button.setIcon(icons.icon("debug-stop"))
        self.button.setProperty("role", "danger")
        self._repolish()
        self.status.setText(translate("RecordWidget", "Recording…"))
        self.live.clear()
        for widget in (self.meter, self.elapsed, self.live):
            widget.show()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.recording is None:
            self.button.setIcon(icons.icon("record", theme.tokens().danger))  # the red of the light or dark theme

    def _repolish(self) -> None:
        """The style sheet reads the ``role`` property: apply its change now."""
        self.button.style().unpolish(self.button)
        self.button.style().polish(self.button)

    def _on_level(self, db: float, seconds: float) -> None:
        self.meter.set_level(db)
        self.elapsed.setText(format_elapsed(seconds))

    def _on_transcript(self, transcript: Transcript) -> None:
        self.live.setPlainText(transcript.text)
        self.live.verticalScrollBar().setValue(self.live.verticalScrollBar().maximum())

    @qasync.asyncSlot()
    async def stop(self) -> None:
        await self.finish()

    async def finish(self) -> int | None:
        recording, self.recording = self.recording, None
        if recording is None:
            return None
        self.button.setEnabled(False)
        self.status.setText(translate("RecordWidget", "Transcribing the rest…"))
        try:
            await recording.stop()
        except GroqDesktopError as exc:
            self.failed.emit(translate("RecordWidget", "The recording is kept; transcribing it failed: {error}").format(
                error=exc.message))
        finally:
            self.button.setEnabled(True)
            self.status.clear()
            self._idle()
        self.transcription.adopt(recording.job_id)
        self.finished.emit(recording.job_id)
        return recording.job_id
