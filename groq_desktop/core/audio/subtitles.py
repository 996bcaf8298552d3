"""Transcript exports (TXT, SRT, WebVTT, JSON, Markdown) and strict SRT/VTT readers."""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

from groq_desktop.core.audio.transcript import Segment, Transcript, Word

Cue = tuple[float, float, str]

FORMATS: dict[str, str] = {
    "txt": "txt",
    "srt": "srt",
    "vtt": "vtt",
    "json": "json",
    "md": "md",
    "markdown": "md",
}


class SubtitleFormatError(ValueError):
    """Subtitle text that breaks the format's rules (used to check our own output)."""


@dataclass(frozen=True)
class _TimedText:
    start_ms: int
    end_ms: int
    text: str


# --- building cues ---------------------------------------------------------------------


def _ms(seconds: float) -> int:
    return max(0, round(seconds * 1000))


def _fits(text: str, width: int, max_lines: int) -> bool:
    return len(_lines(text, width)) <= max_lines


def _lines(text: str, width: int) -> list[str]:
    # A word longer than a line stays whole: splitting it would change the text players show.
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


def _pieces(segment: Segment, width: int, max_lines: int) -> list[tuple[float, float, str]]:
    """Split a segment into pieces that wrap into ``max_lines`` lines of ``width``, timed by its words if any."""
    text = " ".join(segment.text.split())
    if _fits(text, width, max_lines):
        return [(segment.start, segment.end, text)]
    tokens = text.split()
    if len(tokens) == len(segment.words):
        # the segment's own tokens keep its punctuation; the words give the times
        timed = [Word(token, w.start, w.end) for token, w in zip(tokens, segment.words, strict=True)]
        pieces: list[tuple[float, float, str]] = []
        group: list[Word] = []
        for word in timed:
            if group and not _fits(" ".join(w.text for w in [*group, word]), width, max_lines):
                pieces.append(_piece(group))
                group = []
            group.append(word)
        pieces.append(_piece(group))
        return pieces
    # no usable word times: share the segment's time among the pieces by their length
    lines = _lines(text, width)
    chunks = [" ".join(lines[i : i + max_lines]) for i in range(0, len(lines), max_lines)]
    total = sum(len(c) for c in chunks)
    out, t = [], segment.start
    for chunk in chunks:
        step = (segment.end - segment.start) * len(chunk) / total
        out.append((t, t + step, chunk))
        t += step
    return out


def _piece(words: list[Word]) -> tuple[float, float, str]:
    return words[0].start, words[-1].end, " ".join(w.text for w in words)


def _timed_cues(t: Transcript, max_chars_per_line: int, max_lines: int) -> list[_TimedText]:
    """Non-empty cues in time order, no overlaps, each at least 1 ms long, wrapped into lines."""
    raw: list[tuple[float, float, str]] = []
    for segment in t.segments or [Segment(0, 0.0, t.duration or 0.0, t.text)]:
        if segment.text.strip():
            raw.extend(_pieces(segment, max_chars_per_line, max_lines))
    raw.sort(key=lambda c: c[0])
    cues: list[_TimedText] = []
    for i, (start, end, text) in enumerate(raw):
        start_ms = max(_ms(start), cues[-1].end_ms if cues else 0)
        end_ms = _ms(end)
        if i + 1 < len(raw):
            end_ms = min(end_ms, _ms(raw[i + 1][0]))
        end_ms = max(end_ms, start_ms + 1)
        lines = _wrap(text, max_chars_per_line, max_lines)
        cues.append(_TimedText(start_ms, end_ms, "\n".join(lines)))
    return cues


def _wrap(text: str, width: int, max_lines: int) -> list[str]:
    """Lines of about equal length (at most ``width`` when possible) in at most ``max_lines``."""
    lines = _lines(text, width) or [text]
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [" ".join(lines[max_lines - 1 :])]
    if len(lines) == 2:
        # balance two lines so the bottom one is not a stub
        balanced = textwrap.wrap(text, max(len(text) // 2 + 1, max(len(w) for w in text.split())))
        if len(balanced) == 2 and max(map(len, balanced)) <= width:
            lines = balanced
    return lines


def _clock(ms: int, separator: str) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


# --- writers -----------------------------------------------------------------------


def to_txt(t: Transcript) -> str:
    lines = [s.text.strip() for s in t.segments if s.text.strip()] or [t.text.strip()]
    return "\n".join(lines) + "\n"


def to_srt(t: Transcript, max_chars_per_line: int = 42, max_lines: int = 2) -> str:
    blocks = [
        f"{n}\n{_clock(c.start_ms, ',')} --> {_clock(c.end_ms, ',')}\n{c.text}"
        for n, c in enumerate(_timed_cues(t, max_chars_per_line, max_lines), start=1)
    ]
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_vtt(t: Transcript, max_chars_per_line: int = 42, max_lines: int = 2) -> str:
    blocks = ["WEBVTT"] + [
        f"{_clock(c.start_ms, '.')} --> {_clock(c.end_ms, '.')}\n{_vtt_escape(c.text)}"
        for c in _timed_cues(t, max_chars_per_line, max_lines)
    ]
    return "\n\n".join(blocks) + "\n"


def to_json(t: Transcript) -> str:
    return json.dumps(t.to_dict(), ensure_ascii=False, indent=2) + "\n"


def to_markdown(t: Transcript, title: str) -> str:
    facts = []
    if t.language:
        facts.append(f"Language: {t.language}")
    if t.duration is not None:
        facts.append(f"Duration: {_clock(_ms(t.duration), '.')[:8]}")
    out = [f"# {title.strip() or 'Transcript'}", ""]
    if facts:
        out += ["*" + " · ".join(facts) + "*", ""]
    segments = [s for s in t.segments if s.text.strip()]
    if not segments:
        out += [t.text.strip(), ""]
    for s in segments:
        out += [f"**[{_clock(_ms(s.start), '.')[:8]}]** {s.text.strip()}", ""]
    return "\n".join(out)


def render(t: Transcript, fmt: str, *, title: str = "Transcript") -> str:
    kind = FORMATS.get(fmt.lower().lstrip("."))
    if kind is None:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if kind == "txt":
        return to_txt(t)
    if kind == "srt":
        return to_srt(t)
    if kind == "vtt":
        return to_vtt(t)
    if kind == "json":
        return to_json(t)
    return to_markdown(t, title)


def _umask() -> int:
    try:  # Linux: read it without changing it (os.umask would, for a moment, for every thread)
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def export(t: Transcript, fmt: str, path: Path) -> None:
    """Write ``t`` as ``fmt`` to ``path`` atomically (a temporary file renamed over it). A new file
    gets the user's usual permissions (a media server reading it as another user works); a replaced
    file keeps its own."""
    path = Path(path)
    content = render(t, fmt, title=path.stem)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)  # mkstemp makes it 0600
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- strict readers ------------------------------------------------------------------

_SRT_TIME = re.compile(r"^(\d{2}):([0-5]\d):([0-5]\d),(\d{3}) --> (\d{2}):([0-5]\d):([0-5]\d),(\d{3})$")
_VTT_TIME = re.compile(
    r"^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3}) --> (?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})(?: .*)?$"
)


def _seconds(h: str | None, m: str, s: str, ms: str) -> float:
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def _check_order(cues: list[Cue], start: float, end: float, where: str) -> None:
    if end <= start:
        raise SubtitleFormatError(f"{where}: cue ends before it starts")
    if cues and start < cues[-1][1]:
        raise SubtitleFormatError(f"{where}: cue overlaps the previous one")


def _blocks(text: str) -> list[list[str]]:
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    return [block.split("\n") for block in re.split(r"\n{2,}", text.strip("\n")) if block.strip()]


def parse_srt(text: str) -> list[Cue]:
    cues: list[Cue] = []
    for n, lines in enumerate(_blocks(text), start=1):
        if lines[0].strip() != str(n):
            raise SubtitleFormatError(f"cue {n}: expected number {n}, found {lines[0]!r}")
        if len(lines) < 3:
            raise SubtitleFormatError(f"cue {n}: missing timing or text")
        m = _SRT_TIME.match(lines[1])
        if not m:
            raise SubtitleFormatError(f"cue {n}: bad timing line {lines[1]!r}")
        g = m.groups()
        start, end = _seconds(*g[:4]), _seconds(*g[4:])
        _check_order(cues, start, end, f"cue {n}")
        body = "\n".join(lines[2:])
        if not body.strip():
            raise SubtitleFormatError(f"cue {n}: empty text")
        cues.append((start, end, body))
    return cues


def parse_vtt(text: str) -> list[Cue]:
    blocks = _blocks(text)
    if not blocks or not re.match(r"^WEBVTT(?:[ \t].*)?$", blocks[0][0]):
        raise SubtitleFormatError("missing WEBVTT header")
    cues: list[Cue] = []
    for lines in blocks[1:]:
        if lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing_at = 0 if "-->" in lines[0] else 1
        if timing_at >= len(lines) or not (m := _VTT_TIME.match(lines[timing_at])):
            raise SubtitleFormatError(f"bad cue {lines!r}")
        g = m.groups()
        start, end = _seconds(*g[:4]), _seconds(*g[4:])
        where = f"cue at {lines[timing_at]!r}"
        _check_order(cues, start, end, where)
        body = "\n".join(lines[timing_at + 1 :])
        if not body.strip() or "-->" in body:
            raise SubtitleFormatError(f"{where}: empty or malformed text")
        if re.search(r"&(?!amp;|lt;|gt;|nbsp;|lrm;|rlm;|#)|<(?![/a-z])", body):
            raise SubtitleFormatError(f"{where}: unescaped & or <")
        body = body.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        cues.append((start, end, body))
    return cues
