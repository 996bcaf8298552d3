"""Where the voice widgets get a microphone and a speaker; tests replace these with file-backed fakes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from groq_desktop.core.voice.ports import AudioInput, AudioOutput


def _qt_microphone() -> AudioInput:
    from groq_desktop.app.voice.qt_audio import QtMicrophone

    return QtMicrophone()


def _qt_speaker() -> AudioOutput:
    from groq_desktop.app.voice.qt_audio import QtSpeaker

    return QtSpeaker()


@dataclass
class Devices:
    microphone: Callable[[], AudioInput] = _qt_microphone
    speaker: Callable[[], AudioOutput] = _qt_speaker


devices = Devices()
