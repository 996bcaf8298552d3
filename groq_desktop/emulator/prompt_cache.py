"""Groq's prompt caching, as the emulator plays it: a request whose leading messages repeat a
recent request's (same key, same model) gets those tokens reported as
``usage.prompt_tokens_details.cached_tokens``, which count against no rate limit.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

_MAX_ENTRIES = 20_000


class PromptCache:
    """Thread-safe; remembers message prefixes by hash, least recently used first out."""

    def __init__(self, max_entries: int = _MAX_ENTRIES) -> None:
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._max = max_entries
        self._lock = threading.Lock()

    def cached_tokens(
        self,
        key: str,
        model: str,
        messages: Sequence[Any],
        prompt_tokens: int,
        count: Callable[[Sequence[Any]], int],
    ) -> int:
        """Tokens of the longest leading run of ``messages`` seen before; remembers every prefix."""
        digests = self._prefix_digests(key, model, messages)
        with self._lock:
            hit = next((n for n in range(len(digests), 0, -1) if digests[n - 1] in self._seen), 0)
            for digest in digests:
                self._seen[digest] = None
                self._seen.move_to_end(digest)
            while len(self._seen) > self._max:
                self._seen.popitem(last=False)
        if hit == 0:
            return 0
        # Never the whole prompt: the last message is always new work.
        return max(0, min(count(messages[:hit]), prompt_tokens - 1))

    @staticmethod
    def _prefix_digests(key: str, model: str, messages: Sequence[Any]) -> list[str]:
        running = hashlib.sha256(f"{key}\0{model}".encode())
        out = []
        for message in messages[:-1]:  # the last message is the new turn
            running.update(json.dumps(message, sort_keys=True, default=str).encode())
            out.append(running.copy().hexdigest())
        return out
