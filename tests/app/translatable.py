"""Finding text the user sees that did not go through Qt's translation system.

``pseudo_translation()`` installs a translator that marks everything it translates with ⟦…⟧ (for every
context, Qt's own included); ``untranslated_texts(widget)`` lists the visible texts of a widget tree that
carry no mark and still contain words (identifiers such as model ids, numbers and file names are not words).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from groq_desktop import i18n

MARK_OPEN, MARK_CLOSE = "⟦", "⟧"
DATA_PROPERTY = "showsData"
"""A widget with this property set shows the user's or the server's data (a title, a voice's name), not ours."""
# Not words: identifiers (model ids, file names, keys), numbers, units, brand and product names.
_NOT_WORDS = re.compile(r"\S*[\d_./@:\\-]\S*|Groq(?: Desktop)?|GroqCloud|JSON|CSV|SRT|VTT|PDF|API|URL|S3|TTS|Ctrl|Shift|Alt")
_WORD = re.compile(r"[^\W\d_]{2,}")
_TAGS = re.compile(r"<[^>]+>|&\w+;")


class PseudoTranslator(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:  # noqa: ARG002
        return f"{MARK_OPEN}{source}{MARK_CLOSE}"

    def isEmpty(self) -> bool:  # noqa: N802
        return False


@contextmanager
def pseudo_translation() -> Iterator[None]:
    app = QCoreApplication.instance()
    translator = PseudoTranslator()
    app.installTranslator(translator)
    i18n.install(QCoreApplication.translate, lambda value, decimals: f"{value:.{decimals}f}")
    try:
        yield
    finally:
        app.removeTranslator(translator)
        i18n.reset()


def is_untranslated(text: str) -> bool:
    plain = _TAGS.sub(" ", text)
    if MARK_OPEN in plain:
        return False
    return bool(_WORD.search(_NOT_WORDS.sub(" ", plain)))


def _action_texts(action: QAction) -> Iterator[tuple[str, str]]:
    yield "action", action.text()
    if action.toolTip() != action.text().replace("&", ""):
        yield "action tooltip", action.toolTip()
    menu = action.menu()
    if isinstance(menu, QMenu):
        yield "menu", menu.title()
        for child in menu.actions():
            yield from _action_texts(child)


def _inside(widget: QWidget, others: tuple[QWidget, ...]) -> bool:
    """Whether ``widget`` is one of ``others`` or below one of them (popup menus included)."""
    while widget is not None:
        if any(other is widget for other in others):
            return True
        widget = widget.parentWidget()
    return False


def visible_texts(root: QWidget, exclude: tuple[QWidget, ...] = ()) -> Iterator[tuple[str, str]]:
    """(where, text) for the texts a user reads in ``root`` and its children (shown or not), but not in ``exclude``."""
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.property(DATA_PROPERTY) or _inside(widget, exclude):
            continue
        name = f"{type(widget).__name__}#{widget.objectName()}"
        if widget.isWindow():
            yield f"{name} title", widget.windowTitle()
        yield f"{name} tooltip", widget.toolTip()
        yield f"{name} accessible name", widget.accessibleName()
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield name, widget.text()
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            yield f"{name} placeholder", widget.placeholderText()
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                yield f"{name} tab", widget.tabText(index)
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            for index in range(widget.count()):
                yield f"{name} item", widget.itemText(index)
        elif isinstance(widget, QListWidget):
            for index in range(widget.count()):
                yield f"{name} item", widget.item(index).text()
        if isinstance(widget, QHeaderView) and widget.model() is not None:
            for section in range(widget.count()):
                yield f"{name} header", str(widget.model().headerData(section, widget.orientation()) or "")
        for action in widget.actions():
            for where, text in _action_texts(action):
                yield f"{name} {where}", text


def untranslated_texts(root: QWidget, exclude: tuple[QWidget, ...] = ()) -> list[str]:
    return sorted({
        f"{where}: {text!r}" for where, text in visible_texts(root, exclude) if text and is_untranslated(text)
    })
