"""Emoji where no installed font can draw them: their name in brackets instead of a missing-glyph box.

Only what is displayed changes (copying a reply keeps the emoji). A character is replaced only when no
installed family has a glyph for it, so a colour-emoji font (Noto Color Emoji, Segoe UI Emoji, Apple
Color Emoji...) or a symbol font that covers it leaves the text exactly as it was.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from groq_desktop.i18n import translate

# Pictographs, emoticons, flags (regional indicators), dingbats and the joiners that glue emoji together.
_CANDIDATES = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D]")
_FLAG = re.compile(r"[\U0001F1E6-\U0001F1FF]{2}")
# Variation selector 16, zero-width joiner and skin tones: nothing to show on their own.
_INVISIBLE = {"\uFE0F", "\u200D", *(chr(c) for c in range(0x1F3FB, 0x1F400))}


@lru_cache(maxsize=1)
def _metrics() -> tuple[QFontMetrics, ...]:
    return tuple(QFontMetrics(QFont(family)) for family in QFontDatabase.families())


@lru_cache(maxsize=4096)
def drawable(char: str) -> bool:
    """Whether any installed font has a glyph for ``char``."""
    code = ord(char)
    return any(metrics.inFontUcs4(code) for metrics in _metrics())


def _replace(match: re.Match[str]) -> str:
    char = match.group(0)
    if drawable(char):
        return char
    if char in _INVISIBLE:
        return ""
    return f"[{unicodedata.name(char, 'emoji').lower()}]"


def _flag(match: re.Match[str]) -> str:
    pair = match.group(0)
    if all(drawable(c) for c in pair):
        return pair
    code = "".join(chr(ord(c) - 0x1F1E6 + ord("A")) for c in pair)
    return translate("emoji_fallback", "[flag {code}]").format(code=code)


def displayable(text: str) -> str:
    """``text`` with every emoji no font can draw written as its name; unchanged when all can be drawn."""
    if not _CANDIDATES.search(text):
        return text
    return _CANDIDATES.sub(_replace, _FLAG.sub(_flag, text))
