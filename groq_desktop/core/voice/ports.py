"""The two audio devices the voice features need, as small protocols (Qt implementations in app/voice)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Protocol

from groq_desktop.errors import GroqDesktopError

MIC_RATE = 16000  # what Whisper wants: 16 kHz mono s16


class MicrophoneUnavailable(GroqDesktopError):
    """No microphone, or the system refused access to it."""


class SpeakerUnavailable(GroqDesktopError):
    """No audio output device."""


class AudioInput(Protocol):
    """A microphone: ``frames()`` yields 16 kHz mono s16 PCM until ``stop()``."""

    def frames(self) -> AsyncIterator[bytes]: ...

    def stop(self) -> None: ...


@dataclass(frozen=True)
class Clip:
    """PCM (s16 mono) to play; ``tag`` comes back in the listener's callbacks."""

    pcm: bytes
    rate: int
    tag: object = None

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / self.rate


@dataclass
class PlaybackListener:
    started: Callable[[object], None] = field(default=lambda tag: None)
    position: Callable[[object, float], None] = field(default=lambda tag, seconds: None)
    finished: Callable[[object, bool], None] = field(default=lambda tag, completed: None)  # False: skipped/stopped


class AudioOutput(Protocol):
    """A speaker that plays queued clips back to back (no gap while the queue is fed)."""

    listener: PlaybackListener

    def enqueue(self, clip: Clip) -> None: ...

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def skip(self, to_seconds: float | None = None) -> None:
        """Jump to ``to_seconds`` in the current clip, or (None) end it now; the next queued one starts."""

    def stop(self) -> None:
        """End the current clip and drop the queued ones."""

    def queued_seconds(self) -> float:
        """Audio not yet played (current clip's rest plus the queue)."""
