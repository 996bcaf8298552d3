"""Reply text as speech: Markdown made speakable, cut at sentences, packed into TTS requests.

Each request to Orpheus takes at most 200 characters and the free plan allows about 100 a day, so
sentences are packed to fill requests; a sentence too long for one is cut at clauses, then words.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_REQUEST_CHARS = 200

_FENCE = re.compile(r"^(```|~~~)[ \t]*([\w+#.-]*)[^\n]*\n.*?^\1[ \t]*$", re.S | re.M)
_OPEN_FENCE = re.compile(r"^(```|~~~)", re.M)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)[^)]*\)")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\"']+")
_INLINE_CODE = re.compile(r"`([^`\n]+)`")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*)$", re.M)
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.M)
_QUOTE = re.compile(r"^\s*>\s?", re.M)
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$", re.M)
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}.*$", re.M)
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")
_SPACES = re.compile(r"[ \t]+")
# A sentence ends at . ! ? … (with closing quotes/brackets) before whitespace, or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"')\]]*\s+|\n+")
_CLAUSE = re.compile(r"(?<=[,;:—])\s+")
_INLINE_CODE_SPOKEN_MAX = 24  # short identifiers are read; longer inline code is announced


def _spoken_url(url: str) -> str:
    host = urlsplit(url if "://" in url else "http://" + url).hostname or "a web page"
    return "a link to " + host.removeprefix("www.")


def _spoken_fence(match: re.Match[str]) -> str:
    language = match.group(2)
    return f"\nThere is a {language} code block here.\n" if language else "\nThere is a code block here.\n"


def speakable(markdown: str) -> str:
    """What to say for a Markdown reply: code announced not spelled, links by their text or site."""
    text = _FENCE.sub(_spoken_fence, markdown)
    text = _IMAGE.sub(lambda m: f"Image: {m.group(1)}." if m.group(1) else "An image.", text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _URL.sub(lambda m: _spoken_url(m.group(0).rstrip(".,;:")), text)
    text = _INLINE_CODE.sub(
        lambda m: m.group(1) if len(m.group(1)) <= _INLINE_CODE_SPOKEN_MAX else "a piece of code", text
    )
    text = _HTML_TAG.sub("", text)
    text = _RULE.sub("", text)
    text = _TABLE_SEP.sub("", text)
    text = _HEADING.sub(lambda m: m.group(1).rstrip(".") + ".", text)
    text = _BULLET.sub("", text)
    text = _QUOTE.sub("", text)
    text = text.replace("|", ", ")
    for _ in range(2):  # nested emphasis
        text = _EMPHASIS.sub(lambda m: m.group(2), text)
    return "\n".join(_SPACES.sub(" ", line).strip(" ,") for line in text.splitlines())


def split_sentences(text: str) -> list[str]:
    out = [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]
    # Lines without a full stop (list items, headings) still get a pause when packed together.
    return [s if not s[-1].isalnum() else s + "." for s in out]


def _cut_long(sentence: str, limit: int) -> list[str]:
    """A sentence over ``limit``: cut at clauses, then at words, then hard."""
    out: list[str] = []
    for clause in _CLAUSE.split(sentence):
        while len(clause) > limit:
            cut = clause.rfind(" ", 0, limit + 1)
            cut = cut if cut > 0 else limit
            out.append(clause[:cut].strip())
            clause = clause[cut:].strip()
        if clause:
            if out and len(out[-1]) + 1 + len(clause) <= limit:
                out[-1] = out[-1] + " " + clause
            else:
                out.append(clause)
    return out


@dataclass(frozen=True)
class Piece:
    """One TTS request: the text and which sentences (indexes into the reading's list) it carries."""

    text: str
    sentences: tuple[int, ...]


def pack(sentences: Iterable[str], limit: int = MAX_REQUEST_CHARS, first_index: int = 0) -> list[Piece]:
    """Greedy packing of consecutive sentences into requests of at most ``limit`` characters."""
    pieces: list[Piece] = []
    text, members = "", []
    for index, sentence in enumerate(sentences, start=first_index):
        for part in _cut_long(sentence, limit) if len(sentence) > limit else [sentence]:
            if text and len(text) + 1 + len(part) <= limit:
                text, members = text + " " + part, members + [index]
                continue
            if text:
                pieces.append(Piece(text, tuple(dict.fromkeys(members))))
            text, members = part, [index]
    if text:
        pieces.append(Piece(text, tuple(dict.fromkeys(members))))
    return pieces


class SentenceStream:
    """Sentences of a reply that is still streaming: only complete ones come out before ``finish``."""

    def __init__(self) -> None:
        self._taken = 0  # characters of the raw Markdown already turned into sentences

    def feed(self, markdown_so_far: str) -> list[str]:
        end = self._safe_end(markdown_so_far)
        if end <= self._taken:
            return []
        chunk = markdown_so_far[self._taken : end]
        self._taken = end
        return split_sentences(speakable(chunk))

    def finish(self, markdown: str) -> list[str]:
        chunk = markdown[self._taken :]
        self._taken = len(markdown)
        return split_sentences(speakable(chunk))

    def _safe_end(self, text: str) -> int:
        """The end of the last complete sentence outside code fences (a fence is one unit)."""
        fences = [m.start() for m in _OPEN_FENCE.finditer(text)]
        blocked: list[tuple[int, int]] = []
        for i in range(0, len(fences), 2):
            if i + 1 < len(fences):
                close_end = text.find("\n", fences[i + 1])
                blocked.append((fences[i], close_end + 1 if close_end >= 0 else len(text) + 1))
            else:
                blocked.append((fences[i], len(text) + 1))
        last = self._taken
        for match in _SENTENCE_END.finditer(text, self._taken):
            end = match.end()
            if end == len(text) and not match.group(0).endswith("\n"):
                continue  # more may follow on this line ("3." of "3.5")
            if not any(a < end < b for a, b in blocked):
                last = end
        for a, b in blocked:
            if b <= len(text) and b > last and a >= self._taken:
                last = b  # a whole closed fence is complete
        return last


def speech_tokens(text: str) -> int:
    """What a TTS request counts against TPM/TPD: about four characters a token."""
    return max(1, math.ceil(len(text) / 4))
