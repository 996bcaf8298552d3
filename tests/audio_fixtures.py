"""Synthesise short test audio (and a few non-audio media) with PyAV, without numpy.

Signals are built from one short period repeated with bytes arithmetic, so minutes of
audio cost milliseconds of Python; encoders then write the real container formats.
"""

from __future__ import annotations

import math
import random
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av


@dataclass(frozen=True)
class FormatSpec:
    """How to write one file type: container format, audio codec, a rate the codec accepts."""

    container: str
    codec: str
    rate: int
    options: dict[str, str] | None = None


FORMATS: dict[str, FormatSpec] = {
    "wav": FormatSpec("wav", "pcm_s16le", 22050),
    "flac": FormatSpec("flac", "flac", 44100),
    "mp3": FormatSpec("mp3", "libmp3lame", 44100),
    "m4a": FormatSpec("ipod", "aac", 44100),
    "ogg": FormatSpec("ogg", "libopus", 48000),
    "webm": FormatSpec("webm", "libopus", 48000),
    "mp4": FormatSpec("mp4", "aac", 32000),
    "mka": FormatSpec("matroska", "libopus", 48000),
    "mpga": FormatSpec("mp3", "libmp3lame", 44100),  # MPEG audio under its other name
    "mpeg": FormatSpec("mpeg", "mp2", 44100),  # an MPEG program stream, as cameras and TV recorders write
}

_AMPLITUDE = 12000


def _tone_period(rate: int, freq: int) -> bytes:
    """One second of a sine whose cycles fit the second exactly, as s16 mono."""
    return array(
        "h", (int(_AMPLITUDE * math.sin(2 * math.pi * freq * i / rate)) for i in range(rate))
    ).tobytes()


def _noise_second(rate: int, seed: int) -> bytes:
    rnd = random.Random(seed)
    return array("h", (rnd.randint(-_AMPLITUDE, _AMPLITUDE) for _ in range(rate))).tobytes()


def _speechlike_second(rate: int) -> bytes:
    """A 180 Hz buzz with a few harmonics, gated on and off like syllables (4 per second)."""
    out = array("h")
    for i in range(rate):
        t = i / rate
        gate = 1.0 if (t * 4) % 1.0 < 0.7 else 0.05
        v = sum(math.sin(2 * math.pi * 180 * k * t) / k for k in (1, 2, 3, 5))
        out.append(int(_AMPLITUDE * 0.5 * gate * v))
    return out.tobytes()


def pcm_signal(
    seconds: float,
    rate: int,
    *,
    kind: str = "tone",
    silences: Sequence[tuple[float, float]] = (),
    seed: int = 1,
) -> bytes:
    """s16 mono PCM of ``kind`` ("tone", "noise", "speech", "silence") with silent stretches."""
    if kind == "tone":
        second = _tone_period(rate, 440)
    elif kind == "noise":
        second = _noise_second(rate, seed)
    elif kind == "speech":
        second = _speechlike_second(rate)
    elif kind == "silence":
        second = bytes(2 * rate)
    else:
        raise ValueError(kind)
    total = int(round(seconds * rate))
    whole, part = divmod(total, rate)
    pcm = bytearray(second * whole + second[: 2 * part])
    for start, end in silences:
        a, b = int(start * rate) * 2, min(total, int(end * rate)) * 2
        pcm[a:b] = bytes(b - a)
    return bytes(pcm)


def write_audio(
    path: Path,
    seconds: float,
    *,
    kind: str = "tone",
    silences: Sequence[tuple[float, float]] = (),
    channels: int = 1,
    rate: int | None = None,
    with_video: bool = False,
    container_options: dict[str, str] | None = None,
) -> Path:
    """Write ``seconds`` of audio to ``path``; the format follows the extension (see FORMATS)."""
    spec = FORMATS[path.suffix.lstrip(".")]
    rate = rate or spec.rate
    pcm = pcm_signal(seconds, rate, kind=kind, silences=silences)
    if channels == 2:
        mono = array("h", pcm)
        stereo = array("h", bytes(len(pcm) * 2))
        stereo[0::2] = mono
        stereo[1::2] = mono
        pcm = stereo.tobytes()
    layout = "mono" if channels == 1 else "stereo"
    with av.open(str(path), "w", format=spec.container, options=container_options or spec.options) as out:
        stream = out.add_stream(spec.codec, rate=rate, layout=layout)
        video = None
        if with_video:
            video = out.add_stream("mpeg4", rate=5)
            video.width, video.height, video.pix_fmt = 64, 48, "yuv420p"
        block = rate  # one second per frame keeps Python overhead negligible
        bytes_per_sample = 2 * channels
        n_samples = len(pcm) // bytes_per_sample
        for first in range(0, n_samples, block):
            count = min(block, n_samples - first)
            frame = av.AudioFrame(format="s16", layout=layout, samples=count)
            frame.planes[0].update(pcm[first * bytes_per_sample : (first + count) * bytes_per_sample])
            frame.rate = rate
            frame.pts = first
            frame.time_base = Fraction(1, rate)
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
        if video is not None:
            _mux_gray_video(out, video, seconds)
    return path


def _mux_gray_video(out: av.container.OutputContainer, video: av.VideoStream, seconds: float) -> None:
    for i in range(max(1, int(seconds * 5))):
        frame = av.VideoFrame(video.width, video.height, "yuv420p")
        for plane in frame.planes:
            plane.update(bytes([128]) * plane.buffer_size)
        frame.pts = i
        out.mux(video.encode(frame))
    out.mux(video.encode(None))


def write_video_only(path: Path, seconds: float = 1.0) -> Path:
    """An .mp4 with one tiny mpeg4 video stream and no audio."""
    with av.open(str(path), "w", format="mp4") as out:
        video = out.add_stream("mpeg4", rate=5)
        video.width, video.height, video.pix_fmt = 64, 48, "yuv420p"
        _mux_gray_video(out, video, seconds)
    return path


def write_png(path: Path) -> Path:
    """A 16x16 grey PNG image written through PyAV's image2 muxer."""
    with av.open(str(path), "w", format="image2") as out:
        stream = out.add_stream("png", rate=1)
        stream.width, stream.height, stream.pix_fmt = 16, 16, "rgb24"
        frame = av.VideoFrame(16, 16, "rgb24")
        frame.planes[0].update(bytes([90]) * frame.planes[0].buffer_size)
        frame.pts = 0
        out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return path


def decoded_samples(data: bytes | Path) -> tuple[int, int, int]:
    """(sample count per channel, sample rate, channels) of a FLAC/any file, by decoding it all."""
    import io

    source = io.BytesIO(data) if isinstance(data, bytes) else str(data)
    with av.open(source) as container:
        stream = container.streams.audio[0]
        total = 0
        for frame in container.decode(stream):
            total += frame.samples
        return total, stream.rate, stream.channels
