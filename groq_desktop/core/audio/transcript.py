"""Transcripts (Groq ``verbose_json``) and merging the transcripts of overlapping chunks."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from groq_desktop.core.audio.chunk_plan import PlannedChunk

# Two recognitions of the same word in different chunks start within this many seconds.
MATCH_TOLERANCE_SECONDS = 1.0
# Words this close outside the overlap still take part in aligning it (timestamps drift).
OVERLAP_SLACK_SECONDS = 1.0


@dataclass(frozen=True)
class Word:
    text: str
    start: float
    end: float

    def shifted(self, offset: float) -> Word:
        return Word(self.text, self.start + offset, self.end + offset)

    @property
    def middle(self) -> float:
        return (self.start + self.end) / 2


@dataclass(frozen=True)
class Segment:
    id: int
    start: float
    end: float
    text: str
    words: tuple[Word, ...] = ()
    avg_logprob: float | None = None
    no_speech_prob: float | None = None

    def shifted(self, offset: float) -> Segment:
        return replace(
            self,
            start=self.start + offset,
            end=self.end + offset,
            words=tuple(w.shifted(offset) for w in self.words),
        )

    @property
    def middle(self) -> float:
        return (self.start + self.end) / 2


@dataclass
class Transcript:
    text: str
    language: str | None = None
    duration: float | None = None
    segments: list[Segment] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)

    @classmethod
    def from_verbose_json(cls, data: Mapping[str, Any], offset: float = 0.0) -> Transcript:
        """Read a ``verbose_json`` response; ``offset`` (the chunk's start) moves every time."""
        words = [
            Word(str(w.get("word", "")).strip(), float(w["start"]) + offset, float(w["end"]) + offset)
            for w in data.get("words") or []
        ]
        segments = [
            Segment(
                id=int(s.get("id", i)),
                start=float(s["start"]) + offset,
                end=float(s["end"]) + offset,
                text=str(s.get("text", "")).strip(),
                avg_logprob=_optional_float(s.get("avg_logprob")),
                no_speech_prob=_optional_float(s.get("no_speech_prob")),
            )
            for i, s in enumerate(data.get("segments") or [])
        ]
        duration = _optional_float(data.get("duration"))
        return cls(
            text=str(data.get("text", "")).strip(),
            language=data.get("language"),
            duration=duration,
            segments=attach_words(segments, words),
            words=words,
        )

    def shifted(self, offset: float) -> Transcript:
        return Transcript(
            self.text,
            self.language,
            self.duration,
            [s.shifted(offset) for s in self.segments],
            [w.shifted(offset) for w in self.words],
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "language": self.language,
            "duration": self.duration,
            "segments": [
                {
                    "id": s.id,
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "avg_logprob": s.avg_logprob,
                    "no_speech_prob": s.no_speech_prob,
                    "words": [_word_dict(w) for w in s.words],
                }
                for s in self.segments
            ],
            "words": [_word_dict(w) for w in self.words],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Transcript:
        def word(d: Mapping[str, Any]) -> Word:
            return Word(str(d["word"]), float(d["start"]), float(d["end"]))

        segments = [
            Segment(
                id=int(s["id"]),
                start=float(s["start"]),
                end=float(s["end"]),
                text=str(s["text"]),
                words=tuple(word(w) for w in s.get("words") or []),
                avg_logprob=_optional_float(s.get("avg_logprob")),
                no_speech_prob=_optional_float(s.get("no_speech_prob")),
            )
            for s in data.get("segments") or []
        ]
        return cls(
            text=str(data.get("text", "")),
            language=data.get("language"),
            duration=_optional_float(data.get("duration")),
            segments=segments,
            words=[word(w) for w in data.get("words") or []],
        )


def _word_dict(w: Word) -> dict[str, Any]:
    return {"word": w.text, "start": w.start, "end": w.end}


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


def attach_words(segments: Sequence[Segment], words: Sequence[Word]) -> list[Segment]:
    """Give each segment the words whose middle falls in it (the nearest segment otherwise)."""
    if not segments or not words:
        return list(segments)
    buckets: list[list[Word]] = [[] for _ in segments]
    k = 0
    for w in sorted(words, key=lambda w: w.start):
        while k + 1 < len(segments) and w.middle >= segments[k + 1].start:
            k += 1
        buckets[k].append(w)
    return [replace(s, words=tuple(b)) for s, b in zip(segments, buckets, strict=True)]


_PUNCTUATION = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Case-folded, punctuation removed, single spaces: for comparing two recognitions."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_PUNCTUATION.sub(" ", folded).split())


# --- merging --------------------------------------------------------------------------


@dataclass
class _Part:
    """One chunk's transcript in the original timeline, and which of its words/segments to keep."""

    chunk: PlannedChunk
    transcript: Transcript
    first_word: int = 0
    end_word: int = 0
    keep_from: float = float("-inf")  # time cuts, used where words are missing
    keep_until: float = float("inf")

    def __post_init__(self) -> None:
        t = self.transcript
        words = sorted(t.words or [w for s in t.segments for w in s.words], key=lambda w: w.start)
        # segments must hold the very Word objects of the word list: kept words are tracked by identity
        self.transcript = Transcript(t.text, t.language, t.duration, attach_words(t.segments, words), words)
        self.end_word = len(words)

    @property
    def has_words(self) -> bool:
        return bool(self.transcript.words)


def merge_transcripts(
    parts: Sequence[tuple[PlannedChunk, Transcript]], *, already_offset: bool = False
) -> Transcript:
    """One transcript from the transcripts of overlapping chunks, in the original timeline.

    Each transcript's times are relative to its chunk's start (as Groq returns them) unless
    ``already_offset``. In each overlap the two recognitions are aligned word by word
    (normalised text, times within ``MATCH_TOLERANCE_SECONDS``) and cut in the middle of the
    longest run of matching words, so no word is lost or doubled; without a match, or
    without word timestamps, matching segments or the middle of the overlap decide.
    """
    ordered = sorted(parts, key=lambda p: p[0].start)
    if not ordered:
        return Transcript(text="")
    items = [
        _Part(chunk, transcript if already_offset else transcript.shifted(chunk.start))
        for chunk, transcript in ordered
    ]
    for left, right in zip(items, items[1:], strict=False):
        if left.has_words and right.has_words:
            _cut_by_words(left, right)
        else:
            _cut_by_segments(left, right)
    return _assemble(items)


def _overlap(left: _Part, right: _Part) -> tuple[float, float]:
    lo, hi = right.chunk.start, left.chunk.end
    return (lo, hi) if hi > lo else (hi, hi)


def _cut_by_words(left: _Part, right: _Part) -> None:
    lo, hi = _overlap(left, right)
    a_index = [
        i
        for i in range(left.first_word, left.end_word)
        if left.transcript.words[i].end > lo - OVERLAP_SLACK_SECONDS
    ]
    b_index = [j for j, w in enumerate(right.transcript.words) if w.start < hi + OVERLAP_SLACK_SECONDS]
    a_words = [left.transcript.words[i] for i in a_index]
    b_words = [right.transcript.words[j] for j in b_index]
    anchor = _anchor(a_words, b_words, lo, hi)
    if anchor is None:
        middle = (lo + hi) / 2
        left.end_word = left.first_word + sum(
            1 for w in left.transcript.words[left.first_word : left.end_word] if w.middle < middle
        )
        right.first_word = sum(1 for w in right.transcript.words if w.middle < middle)
        cut = middle
    else:
        i, j = anchor
        left.end_word = a_index[i]
        right.first_word = b_index[j]
        cut = right.transcript.words[right.first_word].start
    left.keep_until = right.keep_from = cut


def _anchor(a: Sequence[Word], b: Sequence[Word], lo: float, hi: float) -> tuple[int, int] | None:
    """(i, j): a[i] and b[j] are the same spoken word, in the middle of the longest matching run.

    A longest-common-subsequence alignment pairs the words; a pair is worth less the further
    apart its two times are, so a shifted alignment of repeated words loses. Only pairs in
    the middle half of the overlap may anchor the cut: near either chunk's edge the
    recogniser is unreliable.
    """
    if not a or not b:
        return None
    na = [normalise(w.text) for w in a]
    nb = [normalise(w.text) for w in b]
    n, m = len(a), len(b)

    def value(i: int, j: int) -> float | None:
        gap = abs(a[i].start - b[j].start)
        if not na[i] or na[i] != nb[j] or gap > MATCH_TOLERANCE_SECONDS:
            return None
        return 1.0 - 0.5 * gap / MATCH_TOLERANCE_SECONDS

    # score[i][j]: best alignment value of a[i:] with b[j:]
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = score[i], score[i + 1]
        for j in range(m - 1, -1, -1):
            best = max(below[j], row[j + 1])
            v = value(i, j)
            if v is not None:
                best = max(best, below[j + 1] + v)
            row[j] = best
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        v = value(i, j)
        if v is not None and score[i][j] == score[i + 1][j + 1] + v:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            i += 1
        else:
            j += 1
    quarter = (hi - lo) / 4
    trusted = [(i, j) for i, j in pairs if lo + quarter <= b[j].middle <= hi - quarter]
    if not trusted:
        return None
    runs: list[list[tuple[int, int]]] = [[trusted[0]]]
    for pair in trusted[1:]:
        prev = runs[-1][-1]
        if pair == (prev[0] + 1, prev[1] + 1):
            runs[-1].append(pair)
        else:
            runs.append([pair])
    centre = (lo + hi) / 2
    run = max(runs, key=lambda r: (len(r), -abs(b[r[len(r) // 2][1]].middle - centre)))
    return run[len(run) // 2]


def _cut_by_segments(left: _Part, right: _Part) -> None:
    lo, hi = _overlap(left, right)
    middle = (lo + hi) / 2
    a_segments = [
        s
        for s in left.transcript.segments
        if lo - OVERLAP_SLACK_SECONDS < s.end and s.middle < left.keep_until
    ]
    b_segments = [s for s in right.transcript.segments if s.start < hi + OVERLAP_SLACK_SECONDS]
    matches = [
        (sa, sb)
        for sa in a_segments
        for sb in b_segments
        if normalise(sa.text)
        and normalise(sa.text) == normalise(sb.text)
        and abs(sa.start - sb.start) <= MATCH_TOLERANCE_SECONDS
    ]
    if matches:
        _, sb = min(matches, key=lambda pair: abs(pair[1].middle - middle))
        cut = sb.start  # the matched segment is kept from the right side only
    else:
        cut = middle
    left.keep_until = right.keep_from = cut
    left.end_word = left.first_word + sum(
        1 for w in left.transcript.words[left.first_word : left.end_word] if w.middle < cut
    )
    right.first_word = sum(1 for w in right.transcript.words if w.middle < cut)


def _assemble(items: Sequence[_Part]) -> Transcript:
    words: list[Word] = []
    segments: list[Segment] = []
    for part in items:
        kept = part.transcript.words[part.first_word : part.end_word]
        words.extend(kept)
        segments.extend(_kept_segments(part, kept))
    segments = [replace(s, id=i) for i, s in enumerate(segments)]
    first = items[0].transcript
    language = next((p.transcript.language for p in items if p.transcript.language), first.language)
    duration = max(p.chunk.end for p in items)
    if segments:
        text = " ".join(s.text for s in segments if s.text)
    elif words:
        text = " ".join(w.text for w in words)
    else:
        text = " ".join(p.transcript.text for p in items if p.transcript.text)
    return Transcript(text=text, language=language, duration=duration, segments=segments, words=words)


def _kept_segments(part: _Part, kept_words: Sequence[Word]) -> list[Segment]:
    kept_ids = {id(w) for w in kept_words}
    out: list[Segment] = []
    for segment in part.transcript.segments:
        if segment.words:
            inside = [w for w in segment.words if id(w) in kept_ids]
            if len(inside) == len(segment.words):
                out.append(segment)
            elif inside:
                text = " ".join(w.text for w in inside)
                out.append(
                    replace(
                        segment, start=inside[0].start, end=inside[-1].end, text=text, words=tuple(inside)
                    )
                )
        elif part.keep_from <= segment.middle < part.keep_until:
            out.append(segment)
    return out
