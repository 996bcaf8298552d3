"""Icons: glyphs of the bundled Codicons font, drawn in the palette's text colour at any size.

``icon("send")`` takes a Codicons name (resources/icons/codicon-charmap.json lists them). The glyphs are
drawn when painted, so they follow a light/dark switch without being rebuilt; disabled icons use the
palette's disabled text colour. Loading one small font costs a few milliseconds, unlike an icon library.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"


@cache
def _font_family() -> str:
    font_id = QFontDatabase.addApplicationFont(str(ICON_DIR / "codicon.ttf"))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else ""


@cache
def _charmap() -> dict[str, int]:
    return {name: int(code, 16) for name, code in json.loads((ICON_DIR / "codicon-charmap.json").read_text()).items()}


def names() -> frozenset[str]:
    return frozenset(_charmap())


class GlyphEngine(QIconEngine):
    def __init__(self, glyph: str, colour: QColor | None = None) -> None:
        super().__init__()
        self.glyph = glyph
        self.colour = colour

    def _pen(self, mode: QIcon.Mode, state: QIcon.State) -> QColor:  # noqa: ARG002
        if self.colour is not None and mode != QIcon.Mode.Disabled:
            return self.colour
        palette = QGuiApplication.palette()
        group = QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled else QPalette.ColorGroup.Active
        role = QPalette.ColorRole.HighlightedText if mode == QIcon.Mode.Selected else QPalette.ColorRole.ButtonText
        return palette.color(group, role)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        font = QFont(_font_family())
        font.setPixelSize(max(1, round(min(rect.width(), rect.height()) * 0.92)))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(font)
        painter.setPen(self._pen(mode, state))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.glyph)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return GlyphEngine(self.glyph, self.colour)


def icon(name: str, colour: QColor | None = None) -> QIcon:
    """The Codicons glyph ``name``; ``colour`` fixes a colour (a red stop, a green check) instead of the text's."""
    return QIcon(GlyphEngine(chr(_charmap()[name]), colour))
