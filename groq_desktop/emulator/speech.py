"""A fake speech recogniser whose words come from the audio itself.

The upload is decoded to 16 kHz mono and cut into half-second windows aligned to its start.
A quiet window yields no word; any other window yields a word picked by a hash of its loudness
and zero-crossing count. So two overlapping chunks of the same recording hear the same words
over the stretch they share, which is what a chunk-and-merge client needs to be tested against.
"""

from __future__ import annotations

import io
import math
import warnings
import zlib
from array import array
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import av

from groq_desktop.emulator.textgen import WORDS, stable_seed

SAMPLE_RATE = 16000
WINDOW_SECONDS = 0.5
WINDOW_SAMPLES = int(SAMPLE_RATE * WINDOW_SECONDS)
SILENCE_RMS = 100.0  # of 32768: about -50 dBFS
VOCABULARY: tuple[str, ...] = WORDS[:500]
_SEGMENT_MIN_SECONDS = 5.0
_SEGMENT_MAX_SECONDS = 10.0

try:  # C speed for RMS and zero crossings; audioop is deprecated and gone in Python 3.13.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import audioop as _audioop
except ImportError:  # pragma: no cover - depends on the Python version
    _audioop = None


class AudioDecodeError(ValueError):
    """The upload is not a media file with a decodable audio stream."""


@dataclass(frozen=True)
class Word:
    word: str
    start: float
    end: float

    def to_json(self) -> dict[str, object]:
        return {"word": self.word, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Segment:
    id: int
    start: float
    end: float
    words: tuple[Word, ...]
    temperature: float
    loudness_db: float
    silent_share: float

    @property
    def text(self) -> str:
        sentence = " ".join(w.word for w in self.words)
        return " " + sentence[:1].upper() + sentence[1:] + "."

    def to_json(self) -> dict[str, object]:
        text = self.text
        encoded = text.encode("utf-8")
        return {
            "id": self.id,
            "seek": int(round(self.start * 100)),
            "start": self.start,
            "end": self.end,
            "text": text,
            "tokens": [50364] + [stable_seed(w.word) % 50000 + 200 for w in self.words],
            "temperature": self.temperature,
            "avg_logprob": round(-0.1 - min(0.9, max(0.0, -self.loudness_db) / 100), 6),
            "compression_ratio": round(len(encoded) / len(zlib.compress(encoded)), 6),
            "no_speech_prob": round(self.silent_share * 0.5, 6),
        }


@dataclass(frozen=True)
class Transcript:
    duration: float
    words: tuple[Word, ...]
    segments: tuple[Segment, ...] = field(default=())

    @property
    def text(self) -> str:
        return "".join(segment.text for segment in self.segments)


@dataclass(frozen=True)
class _Window:
    index: int
    rms: float
    crossings: int

    @property
    def silent(self) -> bool:
        return self.rms < SILENCE_RMS

    @property
    def loudness_db(self) -> float:
        return 20 * math.log10(max(self.rms, 1.0) / 32768)


def decode_pcm16(data: bytes) -> bytes:
    """The first audio stream of ``data`` as 16 kHz mono signed 16-bit little-endian samples."""
    if not data:
        raise AudioDecodeError("empty file")
    import av  # the emulator's first transcription pays for it, not every start-up

    try:
        with av.open(io.BytesIO(data)) as container:
            if not container.streams.audio:
                raise AudioDecodeError("no audio stream")
            stream = container.streams.audio[0]
            resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
            parts: list[bytes] = []
            for frame in container.decode(stream):
                parts.extend(_frame_bytes(out) for out in resampler.resample(frame))
            parts.extend(_frame_bytes(out) for out in resampler.resample(None))
    except AudioDecodeError:
        raise
    except Exception as exc:  # PyAV raises many error classes for undecodable input
        raise AudioDecodeError(str(exc)) from exc
    pcm = b"".join(parts)
    if not pcm:
        raise AudioDecodeError("no audio samples")
    return pcm


def _frame_bytes(frame: av.AudioFrame) -> bytes:
    return bytes(frame.planes[0])[: frame.samples * 2]


def transcribe(data: bytes, temperature: float = 0.0) -> Transcript:
    """Decode ``data`` and "recognise" it. Raises ``AudioDecodeError``."""
    return recognise_pcm16(decode_pcm16(data), temperature)


def recognise_pcm16(pcm: bytes, temperature: float = 0.0) -> Transcript:
    sample_count = len(pcm) // 2
    duration = sample_count / SAMPLE_RATE
    windows = list(_windows(pcm))
    words = tuple(_word_for(w, duration) for w in windows if not w.silent)
    return Transcript(duration, words, tuple(_segments(windows, duration, temperature)))


def _windows(pcm: bytes) -> list[_Window]:
    step = WINDOW_SAMPLES * 2
    measure = _measure_audioop if _audioop is not None else _measure_python
    return [_Window(i // step, *measure(pcm[i : i + step])) for i in range(0, len(pcm) - 1, step)]


def _measure_audioop(chunk: bytes) -> tuple[float, int]:
    assert _audioop is not None
    return float(_audioop.rms(chunk, 2)), _audioop.cross(chunk, 2)


def _measure_python(chunk: bytes) -> tuple[float, int]:
    samples = array("h")
    samples.frombytes(chunk[: len(chunk) // 2 * 2])
    if not samples:
        return 0.0, 0
    rms = math.sqrt(sum(s * s for s in samples) / len(samples))
    crossings = sum(1 for a, b in zip(samples, samples[1:], strict=False) if (a < 0) != (b < 0))
    return rms, crossings


def _word_for(window: _Window, duration: float) -> Word:
    # Coarse steps so tiny resampling differences between two uploads don't change the word.
    level = round(window.loudness_db / 3)
    pitch = window.crossings // 25
    word = VOCABULARY[stable_seed("speech", level, pitch) % len(VOCABULARY)]
    start = window.index * WINDOW_SECONDS
    return Word(word, round(start, 2), round(min(duration, start + WINDOW_SECONDS), 3))


def _segments(windows: list[_Window], duration: float, temperature: float) -> list[Segment]:
    segments: list[Segment] = []
    current: list[_Window] = []
    silent_run = 0
    silent_in_segment = 0

    def close() -> None:
        nonlocal current, silent_in_segment
        voiced = [w for w in current if not w.silent]
        if voiced:
            words = tuple(_word_for(w, duration) for w in voiced)
            loudness = sum(w.loudness_db for w in voiced) / len(voiced)
            share = silent_in_segment / (len(voiced) + silent_in_segment)
            segments.append(
                Segment(len(segments), words[0].start, words[-1].end, words, temperature, loudness, share)
            )
        current, silent_in_segment = [], 0

    for window in windows:
        span = (window.index + 1) * WINDOW_SECONDS - current[0].index * WINDOW_SECONDS if current else 0.0
        if window.silent:
            silent_run += 1
            if current and (silent_run >= 2 or span >= _SEGMENT_MIN_SECONDS):
                close()
            elif current:
                silent_in_segment += 1
            continue
        silent_run = 0
        if current and span > _SEGMENT_MAX_SECONDS:
            close()
        current.append(window)
    close()
    return segments

