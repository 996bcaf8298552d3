"""Token counting for Groq's models, fully offline, self-calibrating from server usage.

The BPE files ship in ``groq_desktop/resources/tiktoken`` under the names tiktoken's cache uses
(the sha1 of their download URL); their sha256 is checked before tiktoken is pointed at them,
so nothing is ever downloaded.
"""

from __future__ import annotations

import hashlib
import math
import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import tiktoken

from groq_desktop.core.catalogue import shipped_catalogue
from groq_desktop.errors import ConfigurationError
from groq_desktop.i18n import translate

# name -> (file name in resources/tiktoken, sha256 tiktoken expects)
_BPE_FILES = {
    "cl100k_base": (
        "9b5ad71b2ce5302211f9c61530b329a4922fc6a4",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    ),
    "o200k_base": (
        "fb374d419588a4632f3f557e76b4b70aebbca790",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    ),
}
# Encodings built on top of a shipped file.
_BASE_FILE = {"cl100k_base": "cl100k_base", "o200k_base": "o200k_base", "o200k_harmony": "o200k_base"}


@dataclass(frozen=True)
class ChatFormat:
    """Tokens the chat template adds around messages (Llama 3 header tokens; harmony's tags)."""

    per_message: int
    per_reply: int


_FORMATS = {
    "cl100k_base": ChatFormat(per_message=5, per_reply=4),
    "o200k_harmony": ChatFormat(per_message=4, per_reply=3),
}

_lock = threading.Lock()
_verified: set[str] = set()


def _resource_dir() -> Path:
    return Path(str(resources.files("groq_desktop.resources").joinpath("tiktoken")))


def _ensure_offline_files(encoding_name: str) -> None:
    base = _BASE_FILE[encoding_name]
    with _lock:
        if base in _verified:
            return
        file_name, expected = _BPE_FILES[base]
        path = _resource_dir() / file_name
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            raise ConfigurationError(
                translate("TokenCounter", "Tokenizer file for {name} is missing ({path}).").format(name=base, path=path)
            ) from exc
        if digest != expected:
            raise ConfigurationError(
                translate("TokenCounter", "Tokenizer file for {name} is damaged (sha256 {digest}…).").format(
                    name=base, digest=digest[:12]
                )
            )
        # tiktoken finds its files here by cache key; they are verified, so it never downloads.
        os.environ["TIKTOKEN_CACHE_DIR"] = str(path.parent)
        _verified.add(base)


@cache
def get_encoding(encoding_name: str) -> tiktoken.Encoding:
    import tiktoken  # ~100 ms with its regex engine: only on first count (warmed in the background)

    _ensure_offline_files(encoding_name)
    return tiktoken.get_encoding(encoding_name)


def encoding_name_for(model: str) -> str:
    """The tokenizer the shipped catalogue names for ``model`` (Groq's ids don't match tiktoken's)."""
    facts = shipped_catalogue().facts(model)
    if facts is not None and facts.tokenizer in _BASE_FILE:
        return facts.tokenizer
    # Llama 3's 128K vocabulary starts with cl100k_base; for other open models it is the closest.
    return "cl100k_base"


class TokenCounter:
    """Counts prompt tokens per model, with a correction learned from the server's counts."""

    def __init__(self, cache_size: int = 8192) -> None:
        self._corrections: dict[str, float] = {}
        self._lock = threading.Lock()
        self._count_cached = lru_cache(maxsize=cache_size)(self._count_raw)

    @staticmethod
    def _count_raw(encoding_name: str, text: str) -> int:
        return len(get_encoding(encoding_name).encode(text, disallowed_special=()))

    def warm_up(self, encodings: tuple[str, ...] = ("cl100k_base",)) -> None:
        """Load tokenizers ahead of use: the first load holds the GIL for 0.1-0.3 s, a visible hitch
        if it happens on the first keystroke or Send instead of at start-up."""
        for name in encodings:
            get_encoding(name)

    def count_text(self, model: str, text: str) -> int:
        """Raw tokenizer count of ``text`` (no chat overhead, no correction)."""
        if not text:
            return 0
        return self._count_cached(encoding_name_for(model), text)

    def count_messages(self, model: str, messages: Iterable[Mapping[str, Any]]) -> int:
        """Tokens of a chat request's prompt, chat-template overhead included (uncorrected)."""
        name = encoding_name_for(model)
        fmt = _FORMATS.get(name, _FORMATS["cl100k_base"])
        total = fmt.per_reply
        for message in messages:
            total += fmt.per_message + self.count_text(model, str(message.get("role", "")))
            total += self.count_text(model, _message_text(message))
        return total

    def estimate_prompt_tokens(self, model: str, messages: Iterable[Mapping[str, Any]]) -> int:
        """What the server will most likely count: the raw count times the learned correction."""
        return math.ceil(self.count_messages(model, messages) * self.correction(model))

    def correction(self, model: str) -> float:
        with self._lock:
            return self._corrections.get(model, 1.0)

    def observe_prompt_tokens(self, model: str, counted: int, reported: int) -> None:
        """Learn from ``usage.prompt_tokens``: a moving ratio of server count to ours."""
        if counted <= 0 or reported <= 0:
            return
        ratio = min(2.0, max(0.5, reported / counted))
        with self._lock:
            previous = self._corrections.get(model)
            self._corrections[model] = ratio if previous is None else 0.7 * previous + 0.3 * ratio


def _message_text(message: Mapping[str, Any]) -> str:
    content = message.get("content") or ""
    if isinstance(content, str):
        return content
    # Multi-part content: count the text parts only.
    return "".join(
        str(part.get("text", "")) for part in content if isinstance(part, Mapping) and part.get("type") == "text"
    )
