"""The Transcribe panel and the voice widgets in the user's language: plurals, numbers and units, dialogs."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from groq_desktop import i18n
from groq_desktop.app import language

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import i18n as catalogues  # noqa: E402  (packaging/i18n.py: the build tool)


def _use(code: str) -> Iterator[QLocale]:
    catalogues.release()
    locale = language.install(code)
    yield locale
    language.install("en")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    i18n.reset()


@pytest.fixture
def english() -> Iterator[QLocale]:
    """The shipped English catalogue (its plural forms), installed as the app does at start."""
    yield from _use("en")


@pytest.fixture
def turkish() -> Iterator[QLocale]:
    yield from _use("tr")
