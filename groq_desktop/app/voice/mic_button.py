"""The dictation button: press to record (again, or release, to stop), a level meter and the time so far."""

from __future__ import annotations

import math

import qasync
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from groq_desktop.app import icons, theme
from groq_desktop.app.voice.devices import devices
from groq_desktop.core.voice.ports import MicrophoneUnavailable
from groq_desktop.errors import GroqDesktopError
from groq_desktop.i18n import translate
from groq_desktop.services.voice import Dictation, VoiceService

METER_FLOOR_DB = -60.0


def format_elapsed(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


class LevelMeter(QProgressBar):
    """Microphone loudness, -60 dBFS (empty) to 0 dBFS (full)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 100)
        self.setTextVisible(False)
        self.setFixedSize(64, 8)
        self.setAccessibleName(translate("LevelMeter", "Microphone level"))

    def set_level(self, db: float) -> None:
        db = METER_FLOOR_DB if math.isinf(db) else max(METER_FLOOR_DB, min(0.0, db))
        self.setValue(round(100 * (db - METER_FLOOR_DB) / -METER_FLOOR_DB))


class MicButton(QWidget):
    text_ready = Signal(str)  # the transcribed text, for the composer (never sent)
    failed = Signal(str)
    recording_changed = Signal(bool)

    def __init__(self, voice: VoiceService, *, hold_to_talk: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.voice = voice
        self.hold_to_talk = hold_to_talk
        self.dictation: Dictation | None = None
        self.button = QToolButton()
        self.button.setObjectName("micButton")
        self.button.setCheckable(True)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setAccessibleName(translate("MicButton", "Dictate"))
        self.meter = LevelMeter()
        self.elapsed = QLabel("0:00")
        self.elapsed.setObjectName("micElapsed")
        self.status = QLabel()
        self.status.setProperty("role", "caption")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(theme.tokens().space_s)
        row.addWidget(self.button)
        row.addWidget(self.meter)
        row.addWidget(self.elapsed)
        row.addWidget(self.status)
        self.button.clicked.connect(self._on_clicked)
        self.button.pressed.connect(self._on_pressed)
        self.button.released.connect(self._on_released)
        self._show_idle()

    @property
    def recording(self) -> bool:
        return self.dictation is not None

    def set_hold_to_talk(self, hold: bool) -> None:
        self.hold_to_talk = hold
        self._show_idle()

    def _show_idle(self) -> None:
        if self.hold_to_talk:
            tip = translate("MicButton", "Dictate into the message (Ctrl+Shift+M): hold to talk, release to stop. "
                                         "The text is not sent.")
        else:
            tip = translate("MicButton", "Dictate into the message (Ctrl+Shift+M): press to start, press again to "
                                         "stop. The text is not sent.")
        self.button.setToolTip(tip)
        self.button.setText(translate("MicButton", "Dictate"))
        self.button.setIcon(icons.icon("mic"))
        self.meter.hide()
        self.elapsed.hide()

    # --- input ------------------------------------------------------------------------------

    def _on_clicked(self) -> None:
        if not self.hold_to_talk:
            self.toggle()

    def _on_pressed(self) -> None:
        if self.hold_to_talk and not self.recording:
            self.start()

    def _on_released(self) -> None:
        if self.hold_to_talk and self.recording:
            self.stop()

    def toggle(self) -> None:
        if self.recording:
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        if self.recording:
            return
        try:
            self.dictation = self.voice.start_dictation(devices.microphone(), self._on_level)
        except MicrophoneUnavailable as exc:
            self.button.setChecked(False)
            self.failed.emit(f"{exc.message} {exc.hint}")
            return
        self.button.setChecked(True)
        self.button.setText(translate("MicButton", "Stop"))
        self.button.setIcon(icons.icon("mic-filled", theme.tokens().danger))
        self.button.setToolTip(translate("MicButton", "Stop and put the text into the message (Ctrl+Shift+M)"))
        self.status.setText(translate("MicButton", "Listening…"))
        self.meter.set_level(-math.inf)
        self.meter.show()
        self.elapsed.setText("0:00")
        self.elapsed.show()
        self.recording_changed.emit(True)

    def _on_level(self, db: float, seconds: float) -> None:
        self.meter.set_level(db)
        self.elapsed.setText(format_elapsed(seconds))

    @qasync.asyncSlot()
    async def stop(self) -> None:
        await self.finish()

    async def finish(self) -> str:
        dictation, self.dictation = self.dictation, None
        if dictation is None:
            return ""
        self.button.setChecked(False)
        self.button.setEnabled(False)
        self.status.setText(translate("MicButton", "Transcribing…"))
        self.recording_changed.emit(False)
        try:
            text = await dictation.finish()
        except GroqDesktopError as exc:
            self.failed.emit(translate("MicButton", "Dictation failed: {error}").format(error=exc.message))
            text = ""
        finally:
            self.button.setEnabled(True)
            self.status.clear()
            self._show_idle()
        if text:
            self.text_ready.emit(text)
        return text

    def cancel(self) -> None:
        if self.dictation is not None:
            self.dictation.cancel()
            self.dictation = None
            self.button.setChecked(False)
            self.status.clear()
            self._show_idle()
            self.recording_changed.emit(False)


__all__ = ["LevelMeter", "MicButton", "format_elapsed"]
