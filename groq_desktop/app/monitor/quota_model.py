"""Quota meters: one row per model in use and limited dimension, from the rate limiter's snapshot."""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import Any

from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from groq_desktop.app.quota_words import left_text, whole_left
from groq_desktop.app.row_table_model import AnyIndex, RowTableModel
from groq_desktop.core.quota.rate_limiter import DimensionSnapshot, describe_source
from groq_desktop.errors import format_wait

SnapshotRole = Qt.ItemDataRole.UserRole + 1
FractionRole = Qt.ItemDataRole.UserRole + 2  # share of the limit still available, 0..1
LevelRole = Qt.ItemDataRole.UserRole + 3


LOW_SHARE = 0.20
CRITICAL_SHARE = 0.05
AMBER = QColor("#d98e04")
RED = QColor("#d64541")

# Short words for the Source column; the tooltip gives the snapshot's full source_text.
SOURCE_SHORT = {"header": "headers", "table": "published", "edit": "your edit", "learned": "learned", "429": "429"}


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


def level_colour(level: QuotaLevel) -> QColor | None:
    return {QuotaLevel.LOW: AMBER, QuotaLevel.CRITICAL: RED}.get(level)


class QuotaColumn(IntEnum):
    MODEL = 0
    DIMENSION = 1
    METER = 2
    USED = 3
    REMAINING = 4
    RESET = 5
    SOURCE = 6


# One model throughout: what is left of each limit (the bar, the words and the number agree).
HEADERS = ("Model", "Limit", "Left (share)", "Left of limit", "Left", "Full again in", "Source")


def _amount(value: float) -> str:
    return f"{value:,.0f}"


def reset_text(snapshot: DimensionSnapshot) -> str:
    if snapshot.closed_for > 0:
        return f"closed, {format_wait(snapshot.closed_for)}"
    if snapshot.reset_in <= 0.05:
        return "full"
    return format_wait(snapshot.reset_in)


class QuotaModel(RowTableModel):
    headers = HEADERS

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
            return (
                f"{snap.model} — {snap.dimension.label} ({snap.dimension.value})\n"
                f"{left_text(snap.dimension, snap.remaining, snap.limit)}; {reset_text(snap)}\n"
                f"Source: {snap.source_text or describe_source(snap.source)}"
            )
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
            return f"{0 if snap.limit <= 0 else 100 * whole_left(snap.remaining) / snap.limit:.0f}%"
        if column is QuotaColumn.USED:
            return f"{_amount(whole_left(snap.remaining))} of {_amount(snap.limit)} left"
        if column is QuotaColumn.REMAINING:
            return _amount(whole_left(snap.remaining))
        if column is QuotaColumn.RESET:
            return reset_text(snap)
        return SOURCE_SHORT.get(snap.source, snap.source)


class MeterDelegate(QStyledItemDelegate):
    """Paints the available share as a bar: palette highlight, amber when low, red when nearly out."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        fraction = index.data(FractionRole)
        if fraction is None:
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        palette = option.palette
        rect = option.rect.adjusted(4, 5, -4, -5)
        painter.save()
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRect(rect)
        fill = level_colour(index.data(LevelRole)) or palette.color(QPalette.ColorRole.Highlight)
        filled = QRect(rect.left(), rect.top(), int(rect.width() * float(fraction)), rect.height())
        painter.fillRect(filled.adjusted(1, 1, 0, 0), fill)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), str(index.data(Qt.ItemDataRole.DisplayRole)))
        painter.restore()
