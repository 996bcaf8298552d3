"""Where to cut a long recording into overlapping chunks that each fit one upload."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

# Boundaries sit on multiples of 0.5 s so the emulator's 0.5 s analysis windows line up across chunks.
ALIGN_SECONDS = 0.5
DEFAULT_CHUNK_SECONDS = 600.0
DEFAULT_OVERLAP_SECONDS = 10.0
DEFAULT_MAX_BYTES = 25_000_000  # Groq's "25 MB" is decimal
# FLAC of 16 kHz mono s16 is about 0.5-0.6 of the raw 32000 B/s; 0.55 plus the size margin below.
DEFAULT_BYTES_PER_SECOND = 32000 * 0.55
# Groq bills every request as at least 10 s of audio, so a shorter last chunk is folded into the one before.
MIN_LAST_CHUNK_SECONDS = 10.0
# Plan each chunk to at most this share of max_bytes, for audio that compresses worse than speech.
SIZE_SAFETY = 0.9

SilenceFinder = Callable[[float, float], "float | None"]


@dataclass(frozen=True)
class PlannedChunk:
    index: int
    start: float
    end: float

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class ChunkPlan:
    """The chunks of one file, in order; iterable like the list ``plan_chunks`` returns."""

    duration: float
    overlap_seconds: float
    chunks: tuple[PlannedChunk, ...]

    @classmethod
    def build(
        cls, duration: float, *, overlap_seconds: float = DEFAULT_OVERLAP_SECONDS, **options: Any
    ) -> ChunkPlan:
        """``plan_chunks`` wrapped in a ChunkPlan (same keyword options)."""
        chunks = plan_chunks(duration, overlap_seconds=overlap_seconds, **options)
        return cls(duration, overlap_seconds, tuple(chunks))

    def __iter__(self) -> Iterator[PlannedChunk]:
        return iter(self.chunks)

    def __len__(self) -> int:
        return len(self.chunks)

    def __getitem__(self, index: int) -> PlannedChunk:
        return self.chunks[index]


def snap(seconds: float) -> float:
    return round(seconds / ALIGN_SECONDS) * ALIGN_SECONDS


def max_chunk_seconds(max_bytes: int, bytes_per_second: float) -> float:
    """The longest chunk whose estimated FLAC size stays under ``max_bytes`` (with the safety share)."""
    return max_bytes * SIZE_SAFETY / bytes_per_second


def plan_chunks(
    duration: float,
    *,
    chunk_seconds: float = DEFAULT_CHUNK_SECONDS,
    overlap_seconds: float = DEFAULT_OVERLAP_SECONDS,
    max_bytes: int = DEFAULT_MAX_BYTES,
    bytes_per_second: float = DEFAULT_BYTES_PER_SECOND,
    silence_finder: SilenceFinder | None = None,
    search_window: float = 15.0,
) -> list[PlannedChunk]:
    """Chunks of about ``chunk_seconds`` covering [0, duration], each overlapping the next.

    Chunk k+1 starts ``overlap_seconds`` before chunk k ends. With a ``silence_finder``
    (``(lo, hi) -> quietest time or None``) each cut moves to the quietest point within
    ``search_window / 2`` of the nominal one, keeping the overlap centred on it.
    """
    if chunk_seconds <= 0 or overlap_seconds < 0 or search_window < 0:
        raise ValueError("chunk_seconds must be positive; overlap and search window not negative")
    duration = max(0.0, float(duration))
    size_limit = max_chunk_seconds(max_bytes, bytes_per_second)
    if duration <= chunk_seconds + overlap_seconds and duration <= size_limit:
        return [PlannedChunk(0, 0.0, duration)]

    overlap = snap(overlap_seconds)
    slack = (search_window / 2 if silence_finder else 0.0) + ALIGN_SECONDS
    length = min(chunk_seconds, size_limit - slack)
    if length - slack <= 2 * overlap:
        raise ValueError(
            f"chunks of {length:.1f} s (limited by max_bytes={max_bytes}) are too short for "
            f"{overlap:.1f} s of overlap"
        )

    chunks: list[PlannedChunk] = []
    start = 0.0
    while True:
        # the last chunk may stretch a little rather than leave a sliver behind
        if duration - start <= min(length + max(overlap, MIN_LAST_CHUNK_SECONDS), size_limit):
            chunks.append(PlannedChunk(len(chunks), start, duration))
            return chunks
        centre = start + length - overlap / 2
        if silence_finder is not None:
            centre = _quiet_centre(
                silence_finder, centre, search_window, start, overlap, size_limit, duration
            )
        next_start = snap(centre - overlap / 2)
        if duration - next_start < overlap + MIN_LAST_CHUNK_SECONDS:
            # the size limit kept the tail out of this chunk: leave the last one a useful length
            latest = math.floor((duration - overlap - MIN_LAST_CHUNK_SECONDS) / ALIGN_SECONDS) * ALIGN_SECONDS
            next_start = max(start + ALIGN_SECONDS, latest)
        end = next_start + overlap
        chunks.append(PlannedChunk(len(chunks), start, end))
        start = next_start


def _quiet_centre(
    finder: SilenceFinder,
    centre: float,
    search_window: float,
    chunk_start: float,
    overlap: float,
    size_limit: float,
    duration: float,
) -> float:
    # keep the cut where this chunk stays long enough to progress and short enough to upload
    lo = max(centre - search_window / 2, chunk_start + 2 * overlap + ALIGN_SECONDS)
    hi = min(centre + search_window / 2, chunk_start + size_limit - overlap / 2 - ALIGN_SECONDS, duration)
    if hi <= lo:
        return centre
    found = finder(lo, hi)
    if found is None or not math.isfinite(found):
        return centre
    return min(max(found, lo), hi)


def split_chunk(chunk: PlannedChunk, pieces: int, overlap_seconds: float) -> list[tuple[float, float]]:
    """(start, end) of ``pieces`` chunks covering ``chunk`` exactly, each overlapping the next by
    ``overlap_seconds``: they replace it where it turned out too large to upload. Raises ValueError
    when the pieces would be too short to carry their overlaps."""
    overlap = snap(overlap_seconds)
    step = (chunk.duration - overlap) / pieces  # new audio per piece
    if pieces < 2 or step <= overlap + ALIGN_SECONDS:  # overlaps at both ends of a piece must not meet
        raise ValueError(f"a chunk of {chunk.duration:.1f} s cannot be split in {pieces} with {overlap:.1f} s of overlap")
    starts = [chunk.start] + [snap(chunk.start + i * step) for i in range(1, pieces)]
    ends = [s + overlap for s in starts[1:]] + [chunk.end]
    return list(zip(starts, ends, strict=True))
