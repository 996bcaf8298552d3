"""WAV bytes for PCM, and a WAV file written as it records whose header is always valid."""

from __future__ import annotations

import io
import os
import struct
import wave
from pathlib import Path


def wav_bytes(pcm: bytes, rate: int) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm)
    return out.getvalue()


def read_wav(data: bytes) -> tuple[bytes, int]:
    """PCM s16 mono and its rate from WAV bytes (ValueError if it is not that)."""
    try:
        with wave.open(io.BytesIO(data), "rb") as w:
            if w.getsampwidth() != 2 or w.getnchannels() != 1:
                raise ValueError("expected 16-bit mono WAV")
            return w.readframes(w.getnframes()), w.getframerate()
    except (wave.Error, EOFError) as exc:
        raise ValueError(f"not a WAV file: {exc}") from exc


class RecordingWav:
    """Appends PCM to a WAV file and rewrites the two sizes in its header after every append, so a
    crash leaves a valid file with everything written so far."""

    _HEADER = 44

    def __init__(self, path: Path, rate: int = 16000) -> None:
        self.path = path
        self.rate = rate
        self.bytes_written = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(path, "wb")  # noqa: SIM115 - kept open while recording
        self._file.write(self._header(0))
        self._file.flush()

    def _header(self, data_bytes: int) -> bytes:
        return (
            b"RIFF" + struct.pack("<I", 36 + data_bytes) + b"WAVE"
            + b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, self.rate, self.rate * 2, 2, 16)
            + b"data" + struct.pack("<I", data_bytes)
        )

    @property
    def seconds(self) -> float:
        return self.bytes_written / 2 / self.rate

    def append(self, pcm: bytes) -> None:
        self._file.seek(0, os.SEEK_END)
        self._file.write(pcm)
        self.bytes_written += len(pcm)
        self._file.seek(4)
        self._file.write(struct.pack("<I", 36 + self.bytes_written))
        self._file.seek(40)
        self._file.write(struct.pack("<I", self.bytes_written))
        self._file.flush()

    def close(self) -> None:
        if not self._file.closed:
            os.fsync(self._file.fileno())
            self._file.close()
