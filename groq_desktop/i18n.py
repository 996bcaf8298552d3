"""Translation and locale formatting for every layer, without Qt.

The core and services mark user-visible text with ``translate("Context", "Text")``: ``pyside6-lupdate``
finds these calls by name, and the app hands them to Qt's translators at start-up (``app/language.py``).
Until then (tests of the core, the emulator) text and numbers come back in English.
Plurals: ``translate("Context", "%n file(s)", None, count)``; Qt puts the number in place of ``%n``.
"""

from __future__ import annotations

from collections.abc import Callable

Translate = Callable[[str, str, "str | None", int], str]
FormatNumber = Callable[[float, int], str]


def _english(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
    return source.replace("%n", str(n)) if n >= 0 else source


def _python_number(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


_translate: Translate = _english
_number: FormatNumber = _python_number


def translate(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``source`` in the user's language; ``context`` is the class or module that shows it."""
    return _translate(context, source, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks a constant for translation; translate it where it is shown: ``translate(context, constant)``."""
    return source


def number(value: float, decimals: int = 0) -> str:
    """``value`` with the locale's digit grouping and decimal sign (1,234.5 / 1.234,5)."""
    return _number(value, decimals)


def install(translate_fn: Translate, number_fn: FormatNumber) -> None:
    global _translate, _number
    _translate, _number = translate_fn, number_fn


def reset() -> None:
    install(_english, _python_number)
