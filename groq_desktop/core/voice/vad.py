"""Voice activity detection by loudness: where an utterance starts and where the speaker paused."""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass

DEFAULT_THRESHOLD_DB = -38.0  # dBFS: a quiet room is about -55, speech near a laptop mic -30 to -15
DEFAULT_END_SILENCE = 0.8  # seconds of quiet that end an utterance (the "silence threshold" setting)


def level_db(pcm: bytes) -> float:
    """RMS level of s16 mono PCM in dBFS (-inf for digital silence)."""
    samples = array("h")
    samples.frombytes(pcm[: len(pcm) // 2 * 2])
    if not samples:
        return -math.inf
    power = sum(s * s for s in samples[::2]) / len(samples[::2])
    return 10 * math.log10(power / (32768.0 * 32768.0)) if power > 0 else -math.inf


@dataclass
class VadSettings:
    threshold_db: float = DEFAULT_THRESHOLD_DB
    end_silence: float = DEFAULT_END_SILENCE
    min_speech: float = 0.15  # louder stretches shorter than this are clicks, not speech
    pre_roll: float = 0.3  # audio kept from before the start, so the first syllable is not cut


class VoiceActivityDetector:
    """Feed frames; ``speaking`` turns on after ``min_speech`` of loud audio and off after ``end_silence``
    of quiet. The utterance (with pre-roll) is collected for the caller."""

    def __init__(self, settings: VadSettings | None = None, rate: int = 16000) -> None:
        self.settings = settings or VadSettings()
        self.rate = rate
        self.speaking = False
        self.utterance = bytearray()
        self._loud = 0.0
        self._quiet = 0.0
        self._pending = bytearray()  # loud audio before speech is confirmed, plus pre-roll

    def feed(self, frame: bytes) -> str | None:
        """Returns "start" when speech starts, "end" when it ends (``utterance`` is complete), else None."""
        seconds = len(frame) / 2 / self.rate
        loud = level_db(frame) >= self.settings.threshold_db
        if not self.speaking:
            self._pending += frame
            keep = int(self.settings.pre_roll * self.rate) * 2 + len(frame) * int(self._loud / seconds + 1)
            del self._pending[: max(0, len(self._pending) - keep)]
            self._loud = self._loud + seconds if loud else 0.0
            if self._loud >= self.settings.min_speech:
                self.speaking, self._quiet = True, 0.0
                self.utterance = bytearray(self._pending)
                self._pending.clear()
                return "start"
            return None
        self.utterance += frame
        self._quiet = 0.0 if loud else self._quiet + seconds
        if self._quiet >= self.settings.end_silence:
            self.speaking, self._loud = False, 0.0
            return "end"
        return None

    def take(self) -> bytes:
        """The finished utterance (and forget it)."""
        out, self.utterance = bytes(self.utterance), bytearray()
        return out
