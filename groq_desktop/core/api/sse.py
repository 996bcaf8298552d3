"""Incremental server-sent-events parsing over raw bytes.

Lines are split on bytes and decoded as UTF-8 only once complete, so a multi-byte character
split across network reads is never garbled (requests would decode ``text/event-stream`` as
ISO-8859-1 by default). A line or an event longer than ``max_event_bytes`` raises
``SseTooLongError`` instead of growing the buffer without bound.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

MAX_EVENT_BYTES = 8 * 1024 * 1024  # a chat chunk is a few KB; a large tool call still fits


class SseTooLongError(ValueError):
    """The server sent more than the cap without ending the line or the event."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"an event over {limit} bytes without an end")
        self.limit = limit


@dataclass(frozen=True)
class SseEvent:
    data: str
    event: str | None = None


class SseParser:
    def __init__(self, max_event_bytes: int = MAX_EVENT_BYTES) -> None:
        self.max_event_bytes = max_event_bytes
        self._pending: list[bytes] = []  # the unfinished line, in pieces (joined once it ends)
        self._pending_size = 0
        self._data: list[str] = []
        self._data_size = 0
        self._event: str | None = None

    def feed(self, chunk: bytes) -> list[SseEvent]:
        events: list[SseEvent] = []
        if b"\n" in chunk:
            lines = (b"".join(self._pending) + chunk).split(b"\n")
            self._pending, self._pending_size = [], 0
            chunk = lines.pop()
            for raw in lines:
                event = self._line(raw.rstrip(b"\r").decode("utf-8", "replace"))
                if event is not None:
                    events.append(event)
        if chunk:
            self._pending.append(chunk)
            self._pending_size += len(chunk)
        if self._pending_size + self._data_size > self.max_event_bytes:
            raise SseTooLongError(self.max_event_bytes)
        return events

    def finish(self) -> list[SseEvent]:
        """Flush what is left when the stream ends without a final blank line."""
        events = self.feed(b"\n") if self._pending else []
        if self._data:
            events.append(self._dispatch())
        return events

    def _line(self, line: str) -> SseEvent | None:
        if not line:
            return self._dispatch() if self._data else None
        if line.startswith(":"):
            return None
        name, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if name == "data":
            self._data.append(value)
            self._data_size += len(value)
        elif name == "event":
            self._event = value
        return None

    def _dispatch(self) -> SseEvent:
        event = SseEvent("\n".join(self._data), self._event)
        self._data, self._data_size, self._event = [], 0, None
        return event


def iter_sse(chunks: Iterable[bytes]) -> Iterator[SseEvent]:
    parser = SseParser()
    for chunk in chunks:
        yield from parser.feed(chunk)
    yield from parser.finish()
