"""Quota in one model everywhere: what is *left* of each limit, in words ("requests this minute: 1 of 30 left")."""

from __future__ import annotations

import math
from typing import Any

from groq_desktop import i18n
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate

# Whole phrases, not unit + window glued: other languages order (and inflect) them differently.
_PHRASES = {
    ("requests", 60.0): QT_TRANSLATE_NOOP("quota_words", "requests this minute"),
    ("requests", 3600.0): QT_TRANSLATE_NOOP("quota_words", "requests this hour"),
    ("requests", 86400.0): QT_TRANSLATE_NOOP("quota_words", "requests today"),
    ("tokens", 60.0): QT_TRANSLATE_NOOP("quota_words", "tokens this minute"),
    ("tokens", 3600.0): QT_TRANSLATE_NOOP("quota_words", "tokens this hour"),
    ("tokens", 86400.0): QT_TRANSLATE_NOOP("quota_words", "tokens today"),
    ("audio_seconds", 60.0): QT_TRANSLATE_NOOP("quota_words", "audio seconds this minute"),
    ("audio_seconds", 3600.0): QT_TRANSLATE_NOOP("quota_words", "audio seconds this hour"),
    ("audio_seconds", 86400.0): QT_TRANSLATE_NOOP("quota_words", "audio seconds today"),
    ("input_tokens", 60.0): QT_TRANSLATE_NOOP("quota_words", "input tokens per minute"),
    ("output_tokens", 60.0): QT_TRANSLATE_NOOP("quota_words", "output tokens per minute"),
}


def whole_left(remaining: float) -> float:
    """What is left, in whole units: a bucket at 0.9 requests can't send one, so it has 0 left."""
    return float(math.floor(max(0.0, remaining) + 1e-9))


def duration(seconds: float) -> str:
    """A short human duration in the user's language: ``45 s``, ``12 min``, ``3 h 20 min``."""
    seconds = max(0.0, seconds)
    if seconds < 90:
        return translate("quota_words", "{seconds} s").format(seconds=i18n.number(seconds))
    minutes = seconds / 60
    if minutes < 90:
        return translate("quota_words", "{minutes} min").format(minutes=i18n.number(minutes))
    hours, rem = divmod(int(minutes), 60)
    if rem:
        return translate("quota_words", "{hours} h {minutes} min").format(hours=i18n.number(hours), minutes=rem)
    return translate("quota_words", "{hours} h").format(hours=i18n.number(hours))


def dimension_words(dimension: Any) -> str:
    """RPM -> "requests this minute"; a dimension of an unknown kind keeps its own label."""
    phrase = _PHRASES.get((getattr(dimension, "unit", ""), getattr(dimension, "window_seconds", 0.0)))
    return translate("quota_words", phrase) if phrase else str(dimension.label)


def left_text(dimension: Any, remaining: float, limit: float) -> str:
    return translate("quota_words", "{what}: {left} of {limit} left").format(
        what=dimension_words(dimension), left=i18n.number(whole_left(remaining)), limit=i18n.number(limit))


def wait_text(wait: Any) -> str:
    """A request waiting for quota: "requests this minute: 0 of 30 left, room in 6 s"."""
    left = left_text(wait.dimension, wait.available, wait.limit)
    if math.isinf(wait.wait_seconds):
        return translate("quota_words", "{left}, never fits this limit").format(left=left)
    return translate("quota_words", "{left}, room in {wait}").format(left=left, wait=duration(wait.wait_seconds))
