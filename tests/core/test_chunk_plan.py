from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from groq_desktop.core.audio.chunk_plan import (
    ALIGN_SECONDS,
    DEFAULT_BYTES_PER_SECOND,
    MIN_LAST_CHUNK_SECONDS,
    ChunkPlan,
    PlannedChunk,
    plan_chunks,
)


def is_aligned(t: float) -> bool:
    return math.isclose(t / ALIGN_SECONDS, round(t / ALIGN_SECONDS), abs_tol=1e-9)


def check_plan(
    chunks: list[PlannedChunk],
    duration: float,
    chunk_seconds: float,
    overlap: float,
    max_bytes: int,
    bytes_per_second: float,
    search_window: float = 0.0,
) -> None:
    assert [c.index for c in chunks] == list(range(len(chunks)))
    assert chunks[0].start == 0.0
    assert chunks[-1].end == pytest.approx(duration)
    for c in chunks:
        assert c.end > c.start or duration == 0
        assert c.duration * bytes_per_second < max_bytes
    for a, b in zip(chunks, chunks[1:], strict=False):
        assert b.start > a.start
        assert a.end >= b.start, "a gap between chunks"
        assert abs((a.end - b.start) - overlap) <= ALIGN_SECONDS / 2 + 1e-9
        assert is_aligned(b.start) and is_aligned(a.end)
    if len(chunks) > 1:
        longest_allowed = max_bytes * 0.9 / bytes_per_second
        minimum = (
            min(chunk_seconds, longest_allowed)
            - search_window / 2
            - 2 * ALIGN_SECONDS
            - MIN_LAST_CHUNK_SECONDS
        )
        for c in chunks[:-1]:
            assert c.duration >= minimum
            assert c.duration >= 2 * overlap, "overlaps at both ends of a chunk would meet"
        assert chunks[-1].duration >= overlap + MIN_LAST_CHUNK_SECONDS - ALIGN_SECONDS


plans = st.fixed_dictionaries(
    {
        "duration": st.floats(0.0, 8_000.0),
        "chunk_seconds": st.floats(60.0, 1200.0),
        "overlap": st.floats(0.0, 20.0),
        "max_mb": st.floats(4.0, 40.0),
    }
)


@settings(max_examples=200, deadline=None)
@given(plans)
def test_plan_covers_the_file_with_configured_overlaps(p: dict[str, float]) -> None:
    max_bytes = int(p["max_mb"] * 1024 * 1024)
    chunks = plan_chunks(
        p["duration"], chunk_seconds=p["chunk_seconds"], overlap_seconds=p["overlap"], max_bytes=max_bytes
    )
    check_plan(chunks, p["duration"], p["chunk_seconds"], p["overlap"], max_bytes, DEFAULT_BYTES_PER_SECOND)


# what a finder answers, in turn: a share of the searched window, a wild time, or no answer
answers = st.lists(
    st.one_of(st.none(), st.floats(0.0, 1.0), st.floats(-1e6, 1e6), st.just(math.nan)),
    min_size=1,
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(plans, answers)
def test_silence_finder_moves_cuts_within_the_window(
    p: dict[str, float], replies: list[float | None]
) -> None:
    max_bytes = int(p["max_mb"] * 1024 * 1024)
    asked: list[tuple[float, float]] = []

    def finder(lo: float, hi: float) -> float | None:
        asked.append((lo, hi))
        reply = replies[len(asked) % len(replies)]
        if reply is not None and 0.0 <= reply <= 1.0:
            return lo + reply * (hi - lo)
        return reply

    chunks = plan_chunks(
        p["duration"],
        chunk_seconds=p["chunk_seconds"],
        overlap_seconds=p["overlap"],
        max_bytes=max_bytes,
        silence_finder=finder,
        search_window=15.0,
    )
    check_plan(
        chunks, p["duration"], p["chunk_seconds"], p["overlap"], max_bytes, DEFAULT_BYTES_PER_SECOND, 15.0
    )
    for lo, hi in asked:
        assert hi - lo <= 15.0 + 1e-9


def test_short_file_is_one_chunk() -> None:
    assert plan_chunks(605.0) == [PlannedChunk(0, 0.0, 605.0)]
    assert plan_chunks(0.0) == [PlannedChunk(0, 0.0, 0.0)]


def test_cookbook_defaults_for_an_hour() -> None:
    chunks = plan_chunks(3600.0)
    assert [(c.start, c.end) for c in chunks[:3]] == [(0.0, 600.0), (590.0, 1190.0), (1180.0, 1780.0)]
    assert chunks[-1].end == 3600.0


def test_chunks_shrink_to_fit_max_bytes() -> None:
    chunks = plan_chunks(3000.0, max_bytes=5 * 1024 * 1024)
    assert all(c.duration * DEFAULT_BYTES_PER_SECOND < 5 * 1024 * 1024 for c in chunks)
    assert len(chunks) > 5


def test_a_long_file_under_chunk_seconds_but_over_max_bytes_is_split() -> None:
    chunks = plan_chunks(500.0, max_bytes=4 * 1024 * 1024)
    assert len(chunks) > 1


def test_cut_moves_to_the_quiet_point_and_keeps_the_overlap_around_it() -> None:
    chunks = plan_chunks(
        1500.0, silence_finder=lambda lo, hi: 597.3 if lo < 597.3 < hi else None, search_window=15.0
    )
    first, second = chunks[0], chunks[1]
    assert (first.end + second.start) / 2 == pytest.approx(597.3, abs=ALIGN_SECONDS)
    assert first.end - second.start == 10.0
    assert second.start == 592.5 and first.end == 602.5


def test_overlap_too_large_for_the_chunk_is_refused() -> None:
    with pytest.raises(ValueError):
        plan_chunks(1000.0, chunk_seconds=30.0, overlap_seconds=20.0)


def test_chunk_plan_wraps_the_list() -> None:
    plan = ChunkPlan.build(1250.0, overlap_seconds=10.0)
    assert len(plan) == 3 and plan[0].start == 0.0 and list(plan) == list(plan.chunks)
    assert plan.overlap_seconds == 10.0


def test_groq_megabytes_are_decimal() -> None:
    from groq_desktop.core.audio.chunk_plan import DEFAULT_MAX_BYTES

    assert DEFAULT_MAX_BYTES == 25_000_000


def test_split_chunk_covers_the_chunk_exactly_with_overlapping_pieces() -> None:
    from groq_desktop.core.audio.chunk_plan import split_chunk

    pieces = split_chunk(PlannedChunk(3, 590.0, 1200.0), 3, 10.0)
    assert len(pieces) == 3 and pieces[0][0] == 590.0 and pieces[-1][1] == 1200.0
    for (_, end), (start, _) in zip(pieces, pieces[1:], strict=False):
        assert end - start == 10.0 and is_aligned(start)
    assert max(e - s for s, e in pieces) < 610.0 / 2
    with pytest.raises(ValueError):
        split_chunk(PlannedChunk(0, 0.0, 30.0), 2, 10.0)  # pieces too short for their overlaps
