from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from groq_desktop.core.audio.subtitles import (
    SubtitleFormatError,
    export,
    parse_srt,
    parse_vtt,
    to_json,
    to_markdown,
    to_srt,
    to_txt,
    to_vtt,
)
from groq_desktop.core.audio.transcript import Segment, Transcript, Word, attach_words


def transcript(segments: list[tuple[float, float, str]], with_words: bool = False) -> Transcript:
    segs = [Segment(i, s, e, text) for i, (s, e, text) in enumerate(segments)]
    words: list[Word] = []
    if with_words:
        for s in segs:
            parts = s.text.split()
            step = (s.end - s.start) / max(1, len(parts))
            words += [Word(w, s.start + k * step, s.start + (k + 1) * step) for k, w in enumerate(parts)]
        segs = attach_words(segs, words)
    return Transcript(
        " ".join(t for _, _, t in segments), "en", segments[-1][1] if segments else 0.0, segs, words
    )


SIMPLE = transcript(
    [
        (0.0, 2.5, "Hello there."),
        (2.5, 5.0004, "General Kenobi!"),
        (3661.2346, 3663.9996, "An hour & more <later>."),
    ]
)


def test_srt_round_trip_times_and_text() -> None:
    cues = parse_srt(to_srt(SIMPLE))
    assert [(s, e) for s, e, _ in cues] == [(0.0, 2.5), (2.5, 5.0), (3661.235, 3664.0)]
    assert [t for _, _, t in cues] == ["Hello there.", "General Kenobi!", "An hour & more <later>."]


def test_srt_layout_is_exact() -> None:
    assert to_srt(SIMPLE).splitlines()[:4] == ["1", "00:00:00,000 --> 00:00:02,500", "Hello there.", ""]
    assert "01:01:01,235 --> 01:01:04,000" in to_srt(SIMPLE)


def test_vtt_round_trip_escapes_markup() -> None:
    text = to_vtt(SIMPLE)
    assert text.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:02.500\n")
    assert "&amp; more &lt;later&gt;" in text
    cues = parse_vtt(text)
    assert [c[2] for c in cues] == ["Hello there.", "General Kenobi!", "An hour & more <later>."]
    assert cues[2][:2] == (3661.235, 3664.0)


def test_long_segment_is_split_into_cues_of_two_short_lines_using_word_times() -> None:
    sentence = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen " * 3
    t = transcript([(10.0, 40.0, sentence.strip())], with_words=True)
    cues = parse_srt(to_srt(t, max_chars_per_line=20, max_lines=2))
    assert len(cues) > 3
    for _, _, body in cues:
        lines = body.split("\n")
        assert len(lines) <= 2 and all(len(line) <= 20 for line in lines)
    assert " ".join(body.replace("\n", " ") for _, _, body in cues) == sentence.strip()
    assert cues[0][0] == 10.0 and cues[-1][1] == 40.0
    word_starts = {round(w.start, 3) for w in t.words}
    assert all(round(start, 3) in word_starts for start, _, _ in cues)


def test_long_segment_without_words_is_split_by_text_share() -> None:
    t = transcript([(0.0, 10.0, "a" * 30 + " " + "b" * 30 + " " + "c" * 30)])
    cues = parse_vtt(to_vtt(t, max_chars_per_line=31, max_lines=1))
    assert [c[2] for c in cues] == ["a" * 30, "b" * 30, "c" * 30]
    assert cues[0][0] == 0.0 and cues[-1][1] == 10.0


def test_overlapping_and_empty_segments_give_valid_cues() -> None:
    t = transcript([(0.0, 3.0, "first"), (2.0, 4.0, "second"), (4.0, 4.0, "instant"), (5.0, 6.0, "  ")])
    for cues in (parse_srt(to_srt(t)), parse_vtt(to_vtt(t))):
        assert [c[2] for c in cues] == ["first", "second", "instant"]
        assert cues[0][1] <= cues[1][0]


@pytest.mark.parametrize(
    "bad",
    [
        "2\n00:00:00,000 --> 00:00:01,000\nwrong number\n",
        "1\n00:00:00.000 --> 00:00:01,000\ndot instead of comma\n",
        "1\n0:00:00,000 --> 00:00:01,000\nshort hours\n",
        "1\n00:00:02,000 --> 00:00:01,000\nbackwards\n",
        "1\n00:00:00,000 --> 00:00:02,000\na\n\n2\n00:00:01,000 --> 00:00:03,000\noverlap\n",
        "1\n00:00:00,000 --> 00:00:01,000\n",
    ],
)
def test_parse_srt_rejects_malformed(bad: str) -> None:
    with pytest.raises(SubtitleFormatError):
        parse_srt(bad)


@pytest.mark.parametrize(
    "bad",
    [
        "00:00:00.000 --> 00:00:01.000\nno header\n",
        "WEBVTT\n\n00:00:00,000 --> 00:00:01.000\ncomma\n",
        "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\na\n\n00:00:01.000 --> 00:00:03.000\noverlap\n",
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nraw <b & c\n",
    ],
)
def test_parse_vtt_rejects_malformed(bad: str) -> None:
    with pytest.raises(SubtitleFormatError):
        parse_vtt(bad)


segment_lists = st.lists(
    st.tuples(
        st.floats(0, 20_000),
        st.floats(0, 30),
        st.text(
            st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]),
            min_size=1,
            max_size=150,
        ),
    ),
    max_size=15,
).map(lambda items: sorted((s, s + d, text) for s, d, text in items))


@settings(max_examples=150, deadline=None)
@given(segment_lists)
@example([(0.0, 0.0, "0" * 85)])  # one word longer than two lines, no word times: it stays whole
def test_any_transcript_exports_parseable_srt_and_vtt(segments: list[tuple[float, float, str]]) -> None:
    t = transcript(segments) if segments else Transcript("", None, 0.0, [], [])
    srt, vtt = parse_srt(to_srt(t)), parse_vtt(to_vtt(t))
    expected = [" ".join(text.split()) for _, _, text in segments if text.strip()]
    for cues in (srt, vtt):
        assert " ".join(body.replace("\n", " ") for _, _, body in cues) == " ".join(expected)
        for start, _, _ in cues:
            assert start >= 0


def test_txt_json_markdown() -> None:
    assert to_txt(SIMPLE) == "Hello there.\nGeneral Kenobi!\nAn hour & more <later>.\n"
    data = json.loads(to_json(transcript([(0.0, 1.0, "Hi there")], with_words=True)))
    assert data["segments"][0]["text"] == "Hi there"
    assert [w["word"] for w in data["words"]] == ["Hi", "there"]
    assert data["segments"][0]["words"][1]["start"] == 0.5
    md = to_markdown(SIMPLE, "Meeting notes")
    assert md.startswith("# Meeting notes\n")
    assert "**[01:01:01]** An hour & more <later>." in md
    assert "Language: en" in md


@pytest.mark.parametrize("fmt", ["txt", "srt", "vtt", "json", "md"])
def test_export_writes_atomically_and_replaces(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    target.write_text("old contents")
    export(SIMPLE, fmt, target)
    content = target.read_text(encoding="utf-8")
    assert "Kenobi" in content and "old contents" not in content
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_export_rejects_unknown_format_and_leaves_no_temp_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        export(SIMPLE, "docx", tmp_path / "x.docx")
    assert list(tmp_path.iterdir()) == []
