from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groq_desktop.core.audio.chunk_plan import PlannedChunk, plan_chunks
from groq_desktop.core.audio.transcript import Segment, Transcript, Word, merge_transcripts, normalise

VOCABULARY = ["the", "a", "cat", "sat", "on", "mat", "and", "then", "it", "ran", "away", "Groq", "fast"]
# A recogniser is unreliable this close to a chunk's edges; the merge trusts only the middle
# half of an overlap, so this must stay under a quarter of the overlap.
EDGE_SECONDS = 2.0


def verbose_json(words: list[Word], offset: float, language: str = "english") -> dict:
    """A Groq verbose_json body for ``words`` (absolute times) seen from a chunk at ``offset``."""
    segments = []
    for i in range(0, len(words), 6):
        group = words[i : i + 6]
        segments.append(
            {
                "id": len(segments),
                "start": group[0].start - offset,
                "end": group[-1].end - offset,
                "text": " " + " ".join(w.text for w in group),
                "avg_logprob": -0.2,
                "no_speech_prob": 0.01,
            }
        )
    return {
        "task": "transcribe",
        "language": language,
        "duration": 0.0,
        "text": " ".join(w.text for w in words),
        "segments": segments,
        "words": [{"word": w.text, "start": w.start - offset, "end": w.end - offset} for w in words],
    }


@st.composite
def spoken_words(draw: st.DrawFn) -> list[Word]:
    count = draw(st.integers(min_value=5, max_value=120))
    words, t = [], draw(st.floats(0, 2))
    for _ in range(count):
        t += draw(st.sampled_from([0.0, 0.0, 0.05, 0.3, 1.5]))
        length = draw(st.floats(0.15, 0.9))
        text = draw(st.sampled_from(VOCABULARY))
        words.append(Word(text, round(t, 3), round(t + length, 3)))
        t += length
    return words


def recognise(
    words: list[Word], chunk: PlannedChunk, rnd: random.Random, is_first: bool, is_last: bool
) -> Transcript:
    """What a recogniser returns for ``chunk``: whole words only, times relative to the chunk, edges damaged."""
    seen: list[Word] = []
    for w in words:
        if w.start < chunk.start or w.end > chunk.end:
            continue
        near_start = not is_first and w.start < chunk.start + EDGE_SECONDS
        near_end = not is_last and w.end > chunk.end - EDGE_SECONDS
        if near_start or near_end:
            fate = rnd.random()
            if fate < 0.3:
                continue  # dropped
            if fate < 0.6:
                w = Word(w.text + "x", w.start, w.end)  # misheard
        seen.append(w)
    return Transcript.from_verbose_json(verbose_json(seen, chunk.start))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=spoken_words(),
    chunk_seconds=st.sampled_from([25.0, 30.0, 45.0]),
    overlap=st.sampled_from([8.0, 10.0]),
    seed=st.integers(0, 10_000),
)
def test_merged_words_equal_the_spoken_words(
    words: list[Word], chunk_seconds: float, overlap: float, seed: int
) -> None:
    duration = words[-1].end + 0.5
    chunks = plan_chunks(duration, chunk_seconds=chunk_seconds, overlap_seconds=overlap)
    rnd = random.Random(seed)
    parts = [(c, recognise(words, c, rnd, i == 0, i == len(chunks) - 1)) for i, c in enumerate(chunks)]

    merged = merge_transcripts(parts)

    assert [w.text for w in merged.words] == [w.text for w in words]
    assert all(
        abs(a.start - b.start) < 1e-6 and abs(a.end - b.end) < 1e-6
        for a, b in zip(merged.words, words, strict=True)
    )
    starts = [w.start for w in merged.words]
    assert starts == sorted(starts)
    segment_words = [w for s in merged.segments for w in s.words]
    assert segment_words == merged.words
    assert [s.id for s in merged.segments] == list(range(len(merged.segments)))
    assert merged.text.split() == [w.text for w in words]


def test_single_chunk_is_shifted_and_kept_whole() -> None:
    words = [Word("hello", 0.5, 0.9), Word("world", 1.0, 1.4)]
    chunk = PlannedChunk(0, 100.0, 102.0)
    merged = merge_transcripts([(chunk, Transcript.from_verbose_json(verbose_json(words, 0.0)))])
    assert [(w.text, w.start) for w in merged.words] == [("hello", 100.5), ("world", 101.0)]
    assert merged.segments[0].start == 100.5
    assert merged.language == "english"


def test_repeated_word_at_boundary_is_kept_twice_not_collapsed() -> None:
    # "the the" really spoken twice around the cut must survive as two words
    words = [
        Word(t, i * 0.5, i * 0.5 + 0.4)
        for i, t in enumerate(["we", "said", "the", "the", "end", "of", "it", "all"])
    ]
    a, b = PlannedChunk(0, 0.0, 3.0), PlannedChunk(1, 0.5, 4.0)
    parts = [
        (a, Transcript.from_verbose_json(verbose_json([w for w in words if w.end <= 3.0], 0.0))),
        (b, Transcript.from_verbose_json(verbose_json([w for w in words if w.start >= 0.5], 0.5))),
    ]
    assert [w.text for w in merge_transcripts(parts).words] == [w.text for w in words]


def test_without_any_match_the_overlap_is_cut_at_its_middle() -> None:
    a, b = PlannedChunk(0, 0.0, 20.0), PlannedChunk(1, 10.0, 30.0)
    left = Transcript.from_verbose_json(
        verbose_json([Word("alpha", 12.0, 12.5), Word("bravo", 16.0, 16.5)], 0.0)
    )
    right = Transcript.from_verbose_json(
        verbose_json([Word("charlie", 13.0, 13.5), Word("delta", 17.0, 17.5)], 10.0)
    )
    merged = merge_transcripts([(a, left), (b, right)])
    assert [w.text for w in merged.words] == ["alpha", "delta"]


def test_already_offset_transcripts_are_not_shifted_again() -> None:
    chunk = PlannedChunk(0, 50.0, 60.0)
    t = Transcript.from_verbose_json(verbose_json([Word("hi", 1.0, 1.5)], 0.0), offset=50.0)
    assert merge_transcripts([(chunk, t)], already_offset=True).words[0].start == 51.0


def segment_only(texts: list[tuple[float, float, str]], offset: float) -> Transcript:
    return Transcript.from_verbose_json(
        {
            "text": " ".join(t for _, _, t in texts),
            "language": "en",
            "segments": [
                {"id": i, "start": s - offset, "end": e - offset, "text": t}
                for i, (s, e, t) in enumerate(texts)
            ],
        }
    )


def test_segment_level_overlap_dedupes_the_matching_segment() -> None:
    spoken = [
        (0.0, 4.0, "One."),
        (4.0, 9.0, "Two, three."),
        (9.5, 13.0, "Four five six."),
        (13.0, 17.0, "Seven."),
        (17.0, 22.0, "Eight nine."),
    ]
    a, b = PlannedChunk(0, 0.0, 16.0), PlannedChunk(1, 8.0, 22.0)
    left = segment_only([s for s in spoken if s[0] < 13.0][:2] + [(9.5, 13.0, "four five six")], 0.0)
    right = segment_only([(8.0, 9.0, "three")] + [s for s in spoken if s[0] >= 9.5], 8.0)
    merged = merge_transcripts([(a, left), (b, right)])
    assert [normalise(s.text) for s in merged.segments] == [normalise(s[2]) for s in spoken]
    assert merged.words == []


def test_segment_level_without_match_cuts_by_time() -> None:
    a, b = PlannedChunk(0, 0.0, 20.0), PlannedChunk(1, 10.0, 30.0)
    left = segment_only([(2.0, 8.0, "early"), (11.0, 14.0, "left version"), (16.0, 19.5, "cut off")], 0.0)
    right = segment_only([(10.0, 13.0, "garbled"), (16.0, 19.0, "right version"), (21.0, 25.0, "late")], 10.0)
    merged = merge_transcripts([(a, left), (b, right)])
    assert [s.text for s in merged.segments] == ["early", "left version", "right version", "late"]


def test_segment_crossing_the_cut_is_trimmed_to_kept_words() -> None:
    words = [
        Word(t, i * 1.0, i * 1.0 + 0.5)
        for i, t in enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven"])
    ]
    a, b = PlannedChunk(0, 0.0, 6.0), PlannedChunk(1, 2.0, 8.0)
    left = Transcript(
        "",
        "en",
        6.0,
        [Segment(0, 0.0, 5.5, "zero one two three four five", tuple(words[:6]))],
        list(words[:6]),
    )
    right_words = [w.shifted(-2.0) for w in words[2:]]
    right = Transcript(
        "",
        "en",
        6.0,
        [Segment(0, 0.0, 5.5, "two three four five six seven", tuple(right_words))],
        right_words,
    )
    merged = merge_transcripts([(a, left), (b, right)])
    assert [w.text for w in merged.words] == [w.text for w in words]
    assert len(merged.segments) == 2
    first, second = merged.segments
    assert first.end <= second.start
    assert first.text.split() + second.text.split() == [w.text for w in words]
    assert first.text == " ".join(w.text for w in first.words)


def test_dict_round_trip_and_verbose_json_offset() -> None:
    body = verbose_json([Word("Hello,", 0.2, 0.6), Word("world!", 0.7, 1.1)], 0.0)
    t = Transcript.from_verbose_json(body, offset=10.0)
    assert t.segments[0].start == 10.2 and t.words[1].end == 11.1
    assert t.segments[0].words == tuple(t.words)
    assert Transcript.from_dict(t.to_dict()) == t


def test_normalise_ignores_case_and_punctuation() -> None:
    assert normalise("  Hello,  WORLD! ") == normalise("hello world") == "hello world"
