"""The fake recogniser: words come from the audio, so overlapping chunks agree."""

from __future__ import annotations

import io
import math
from array import array

import av
import pytest

from groq_desktop.emulator import speech

RATE = 16000


def pcm_of(parts: list[tuple[float, float]], rate: int = RATE) -> array:
    """``parts``: (seconds, frequency in Hz; 0 is silence). Tones of varying loudness."""
    samples = array("h")
    for index, (seconds, frequency) in enumerate(parts):
        amplitude = 4000 + 3000 * (index % 3)
        step = 2 * math.pi * frequency / rate
        samples.extend(
            int(amplitude * math.sin(step * i)) if frequency else 0 for i in range(int(seconds * rate))
        )
    return samples


def encode(samples: array, rate: int = RATE, container: str = "wav", codec: str = "pcm_s16le") -> bytes:
    buffer = io.BytesIO()
    with av.open(buffer, "w", format=container) as output:
        stream = output.add_stream(codec, rate=rate, layout="mono")
        frame = av.AudioFrame(format="s16", layout="mono", samples=len(samples))
        frame.sample_rate = rate
        frame.planes[0].update(samples.tobytes())
        for packet in stream.encode(frame):
            output.mux(packet)
        for packet in stream.encode(None):
            output.mux(packet)
    return buffer.getvalue()


def tone_wav(parts: list[tuple[float, float]], container: str = "wav", codec: str = "pcm_s16le") -> bytes:
    return encode(pcm_of(parts), container=container, codec=codec)


SPEECHY = [(1.0, 220), (1.5, 330), (1.0, 0), (2.0, 500), (0.5, 700), (2.0, 0), (1.5, 260), (1.5, 900), (1.0, 410)]


def test_words_follow_the_audio_and_silence_yields_none() -> None:
    transcript = speech.transcribe(tone_wav(SPEECHY))
    assert transcript.duration == pytest.approx(12.0)
    silent = [(2.5, 3.5), (6.0, 8.0)]
    for word in transcript.words:
        assert 0 <= word.start < word.end <= transcript.duration
        assert not any(lo <= word.start < hi for lo, hi in silent)
    assert len(transcript.words) == 24 - 6  # 0.5 s windows minus the silent ones
    assert len({w.word for w in transcript.words}) >= 4
    assert speech.transcribe(tone_wav([(3.0, 0)])).words == ()


def test_overlapping_chunks_hear_the_same_words_in_the_overlap() -> None:
    samples = pcm_of(SPEECHY)
    first = speech.transcribe(encode(samples[: 8 * RATE]))  # 0 .. 8 s
    offset = 5.0
    second = speech.transcribe(encode(samples[int(offset * RATE) :]))  # 5 .. 12 s
    overlap_first = [(w.word, w.start) for w in first.words if w.start >= offset]
    overlap_second = [(w.word, w.start + offset) for w in second.words if w.start + offset < 8.0]
    assert overlap_first and overlap_first == overlap_second


def test_segments_break_at_silence_and_carry_groq_fields() -> None:
    transcript = speech.transcribe(tone_wav(SPEECHY))
    segments = [s.to_json() for s in transcript.segments]
    assert len(segments) >= 2
    keys = {"id", "seek", "start", "end", "text", "tokens", "temperature", "avg_logprob",
            "compression_ratio", "no_speech_prob"}
    for index, segment in enumerate(segments):
        assert set(segment) == keys and segment["id"] == index
        assert segment["end"] - segment["start"] <= 10.5
    # The 2 s pause at 6-8 s separates segments.
    assert any(s["end"] <= 6.0 for s in segments) and any(s["start"] >= 8.0 for s in segments)
    assert transcript.text == "".join(s["text"] for s in segments)


def test_compressed_input_at_another_rate_decodes() -> None:
    flac = encode(pcm_of([(1.0, 300), (1.0, 0), (1.0, 600)], rate=44100), rate=44100, container="flac",
                  codec="flac")
    transcript = speech.transcribe(flac)
    assert transcript.duration == pytest.approx(3.0, abs=0.01)
    assert 3 <= len(transcript.words) <= 4


@pytest.mark.parametrize("data", [b"", b"this is not audio at all" * 20])
def test_undecodable_input_raises(data: bytes) -> None:
    with pytest.raises(speech.AudioDecodeError):
        speech.transcribe(data)
