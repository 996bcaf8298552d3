"""Synthesized speech kept on disk by content: the same text, voice and model never cost a request twice."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


class TtsCache:
    """Files ``<sha256 of model, voice, text>.wav`` under the data folder's ``tts`` area."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @staticmethod
    def key(model: str, voice: str, text: str) -> str:
        return hashlib.sha256("\x1f".join((model, voice, text)).encode("utf-8")).hexdigest()

    def path(self, model: str, voice: str, text: str) -> Path:
        key = self.key(model, voice, text)
        return self.folder / key[:2] / f"{key}.wav"

    def get(self, model: str, voice: str, text: str) -> bytes | None:
        try:
            return self.path(model, voice, text).read_bytes()
        except OSError:
            return None

    def put(self, model: str, voice: str, text: str, wav: bytes) -> None:
        path = self.path(model, voice, text)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(wav)
        os.replace(tmp, path)  # a half-written file is never found under the real name
