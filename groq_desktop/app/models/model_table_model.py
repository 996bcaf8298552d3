"""The table of Groq's models (one row per model, retired ones kept) and its search/filter proxy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from groq_desktop.core.model_registry import ModelCategory, ModelInfo
from groq_desktop.core.quota.limits import Dimension, ModelLimits

ModelInfoRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class Column(IntEnum):
    ID = 0
    OWNER = 1
    CATEGORY = 2
    CONTEXT = 3
    MAX_COMPLETION = 4
    ACTIVE = 5
    RPM = 6
    RPD = 7
    TPM = 8
    TPD = 9
    ASH = 10
    ASD = 11

    @property
    def dimension(self) -> Dimension | None:
        return Dimension(self.name) if self.name in Dimension.__members__ else None


HEADERS = {
    Column.ID: "Model",
    Column.OWNER: "Owner",
    Column.CATEGORY: "Category",
    Column.CONTEXT: "Context",
    Column.MAX_COMPLETION: "Max output",
    Column.ACTIVE: "Status",
    Column.RPM: "RPM",
    Column.RPD: "RPD",
    Column.TPM: "TPM",
    Column.TPD: "TPD",
    Column.ASH: "ASH",
    Column.ASD: "ASD",
}


@dataclass(frozen=True)
class ModelRow:
    info: ModelInfo
    limits: ModelLimits


def status_text(info: ModelInfo) -> str:
    if info.retired:
        return "retired"
    return "active" if info.active else "inactive"


def category_text(info: ModelInfo) -> str:
    return ", ".join(c.value for c in info.categories)


def _count(value: float | int | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


class ModelTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ModelRow] = []

    def set_models(self, models: list[ModelInfo], limits_of: Callable[[str], ModelLimits]) -> None:
        self.beginResetModel()
        self._rows = [ModelRow(info, limits_of(info.id)) for info in models]
        self.endResetModel()

    def row_of(self, model_id: str) -> int:
        return next((i for i, row in enumerate(self._rows) if row.info.id == model_id), -1)

    def model_at(self, row: int) -> ModelInfo:
        return self._rows[row].info

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[column]
        if role == Qt.ItemDataRole.ToolTipRole and column.dimension is not None:
            return f"{column.dimension.label} allowed on your plan"
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        info = row.info
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SortRole:
            return self._sort_key(row, column)
        if role == ModelInfoRole:
            return info
        if role == Qt.ItemDataRole.ForegroundRole and not info.usable:
            palette = QApplication.palette()
            return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.FontRole and info.retired:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if info.retired:
                return f"{info.id} is retired: Groq no longer lists it."
            return info.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= Column.CONTEXT and column != Column.ACTIVE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(row: ModelRow, column: Column) -> str:
        info = row.info
        if column is Column.ID:
            return info.id
        if column is Column.OWNER:
            return info.owned_by
        if column is Column.CATEGORY:
            return category_text(info)
        if column is Column.CONTEXT:
            return _count(info.context_window)
        if column is Column.MAX_COMPLETION:
            return _count(info.max_completion_tokens)
        if column is Column.ACTIVE:
            return status_text(info)
        assert column.dimension is not None
        return _count(row.limits.get(column.dimension))

    @staticmethod
    def _sort_key(row: ModelRow, column: Column) -> Any:
        info = row.info
        if column is Column.CONTEXT:
            return info.context_window or 0
        if column is Column.MAX_COMPLETION:
            return info.max_completion_tokens or 0
        if column.dimension is not None:
            return row.limits.get(column.dimension) or 0.0
        return ModelTableModel._display(row, column).lower()


class ModelFilterProxy(QSortFilterProxyModel):
    """Search text plus the category, minimum-context and capability filters."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._category: ModelCategory | None = None
        self._min_context = 0
        self._feature: str | None = None
        self.setSortRole(SortRole)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_category(self, category: ModelCategory | None) -> None:
        self.beginFilterChange()
        self._category = category
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_min_context(self, tokens: int) -> None:
        self.beginFilterChange()
        self._min_context = max(0, tokens)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_feature(self, feature: str | None) -> None:
        self.beginFilterChange()
        self._feature = feature or None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802
        source = self.sourceModel()
        if not isinstance(source, ModelTableModel):
            return True
        info = source.model_at(source_row)
        if self._text:
            haystack = " ".join((info.id, info.owned_by, category_text(info), status_text(info))).lower()
            if not all(word in haystack for word in self._text.split()):
                return False
        if self._category is not None and self._category not in info.categories:
            return False
        if self._min_context and (info.context_window or 0) < self._min_context:
            return False
        return not (self._feature is not None and self._feature not in info.supported_features)
