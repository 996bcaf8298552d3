"""Quota meters: one row per model in use and limited dimension, from the rate limiter's snapshot."""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import Any

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from groq_desktop import i18n
from groq_desktop.app import theme
from groq_desktop.app.models.model_table_model import dimension_label
from groq_desktop.app.quota_words import left_text, whole_left
from groq_desktop.app.row_table_model import AnyIndex, RowTableModel
from groq_desktop.core.quota.rate_limiter import DimensionSnapshot, describe_source
from groq_desktop.errors import format_wait
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate

SnapshotRole = Qt.ItemDataRole.UserRole + 1
FractionRole = Qt.ItemDataRole.UserRole + 2  # share of the limit still available, 0..1
LevelRole = Qt.ItemDataRole.UserRole + 3


LOW_SHARE = 0.20
CRITICAL_SHARE = 0.05

# Short words for the Source column; the tooltip gives the snapshot's full source_text.
SOURCE_SHORT = {
    "header": QT_TRANSLATE_NOOP("QuotaModel", "headers"),
    "table": QT_TRANSLATE_NOOP("QuotaModel", "published"),
    "edit": QT_TRANSLATE_NOOP("QuotaModel", "your edit"),
    "learned": QT_TRANSLATE_NOOP("QuotaModel", "learned"),
    "429": "429",
}


class QuotaLevel(StrEnum):
    OK = "ok"
    LOW = "low"
    CRITICAL = "critical"


def level_of(snapshot: DimensionSnapshot) -> QuotaLevel:
    if snapshot.closed_for > 0 or snapshot.limit <= 0:
        return QuotaLevel.CRITICAL
    share = snapshot.remaining / snapshot.limit
    if share < CRITICAL_SHARE:
        return QuotaLevel.CRITICAL
    return QuotaLevel.LOW if share < LOW_SHARE else QuotaLevel.OK


def level_colour(level: QuotaLevel, palette: QPalette | None = None) -> QColor | None:
    """Warning when low, danger when nearly out, from the theme (so it reads on light and dark)."""
    colours = theme.tokens(palette)
    return {QuotaLevel.LOW: colours.warning, QuotaLevel.CRITICAL: colours.danger}.get(level)


class QuotaColumn(IntEnum):
    MODEL = 0
    DIMENSION = 1
    METER = 2
    USED = 3
    REMAINING = 4
    RESET = 5
    SOURCE = 6


# One model throughout: what is left of each limit (the bar, the words and the number agree).
HEADERS = (
    QT_TRANSLATE_NOOP("QuotaModel", "Model"),
    QT_TRANSLATE_NOOP("QuotaModel", "Limit"),
    QT_TRANSLATE_NOOP("QuotaModel", "Left (share)"),
    QT_TRANSLATE_NOOP("QuotaModel", "Left of limit"),
    QT_TRANSLATE_NOOP("QuotaModel", "Left"),
    QT_TRANSLATE_NOOP("QuotaModel", "Full again in"),
    QT_TRANSLATE_NOOP("QuotaModel", "Source"),
)


def _amount(value: float) -> str:
    return i18n.number(value, 0)


def reset_text(snapshot: DimensionSnapshot) -> str:
    if snapshot.closed_for > 0:
        return translate("QuotaModel", "closed, {wait}").format(wait=format_wait(snapshot.closed_for))
    if snapshot.reset_in <= 0.05:
        return translate("QuotaModel", "full")
    return format_wait(snapshot.reset_in)


class QuotaModel(RowTableModel):
    headers = HEADERS

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        text = super().headerData(section, orientation, role)
        return translate("QuotaModel", text) if text else text

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def set_snapshots(self, snapshots: list[DimensionSnapshot]) -> None:
        """Replace the figures; rows keep their place while the set of (model, dimension) is the same."""
        keys = [(s.model, s.dimension) for s in snapshots]
        if keys == [(s.model, s.dimension) for s in self._rows]:
            self._rows = list(snapshots)
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(QuotaColumn) - 1))
            return
        self.beginResetModel()
        self._rows = list(snapshots)
        self.endResetModel()

    def snapshot_at(self, row: int) -> DimensionSnapshot:
        return self._rows[row]

    def row_of(self, model: str, dimension: str) -> int:
        return next((i for i, s in enumerate(self._rows) if s.model == model and s.dimension == dimension), -1)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        snap = self._rows[index.row()]
        column = QuotaColumn(index.column())
        level = level_of(snap)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(snap, column)
        if role == SnapshotRole:
            return snap
        if role == FractionRole:
            return 0.0 if snap.limit <= 0 else max(0.0, min(1.0, whole_left(snap.remaining) / snap.limit))
        if role == LevelRole:
            return level
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("QuotaModel", "{model} — {label} ({code})\n{left}; {reset}\nSource: {source}").format(
                model=snap.model, label=dimension_label(snap.dimension), code=snap.dimension.value,
                left=left_text(snap.dimension, snap.remaining, snap.limit), reset=reset_text(snap),
                source=snap.source_text or describe_source(snap.source))
        if role == Qt.ItemDataRole.ForegroundRole and column in (QuotaColumn.REMAINING, QuotaColumn.RESET):
            return level_colour(level)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (QuotaColumn.USED, QuotaColumn.REMAINING):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(snap: DimensionSnapshot, column: QuotaColumn) -> str:
        if column is QuotaColumn.MODEL:
            return snap.model
        if column is QuotaColumn.DIMENSION:
            return snap.dimension.value
        if column is QuotaColumn.METER:
            share = 0 if snap.limit <= 0 else 100 * whole_left(snap.remaining) / snap.limit
            return translate("QuotaModel", "{percent}%").format(percent=i18n.number(share, 0))
        if column is QuotaColumn.USED:
            return translate("QuotaModel", "{left} of {limit} left").format(
                left=_amount(whole_left(snap.remaining)), limit=_amount(snap.limit))
        if column is QuotaColumn.REMAINING:
            return _amount(whole_left(snap.remaining))
        if column is QuotaColumn.RESET:
            return reset_text(snap)
        short = SOURCE_SHORT.get(snap.source)
        return translate("QuotaModel", short) if short else str(snap.source)


class MeterDelegate(QStyledItemDelegate):
    """Paints the available share as a rounded bar: success when plenty is left, warning when low,
    danger when nearly out (theme tokens, so light and dark both read); the share is written beside it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        fraction = index.data(FractionRole)
        if fraction is None:
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        colours = theme.tokens(option.palette)
        text = str(index.data(Qt.ItemDataRole.DisplayRole))
        gap = colours.space_m
        label_width = option.fontMetrics.horizontalAdvance("100 %") + gap
        area = option.rect.adjusted(gap, 0, -gap, 0)
        height = max(6, min(10, area.height() // 3))
        track = QRectF(area.left(), area.center().y() - height / 2 + 1, max(0, area.width() - label_width), height)
        level = index.data(LevelRole)
        fill = level_colour(level, option.palette) or colours.success
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colours.raised if not colours.dark else colours.border)
        painter.drawRoundedRect(track, height / 2, height / 2)
        if fraction > 0:
            bar = QPainterPath()
            bar.addRoundedRect(QRectF(track.left(), track.top(), max(height, track.width() * float(fraction)), height),
                               height / 2, height / 2)
            painter.fillPath(bar, fill)
        painter.setPen(fill if level != QuotaLevel.OK else colours.muted_text)
        label = QRectF(track.right() + gap, area.top(), label_width - gap, area.height())
        painter.drawText(label, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)
        painter.restore()
