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

from groq_desktop import i18n
from groq_desktop.core.model_registry import ModelCategory, ModelInfo
from groq_desktop.core.quota.limits import Dimension, ModelLimits
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate

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
    PER_MINUTE = 6
    PER_HOUR = 7
    PER_DAY = 8

    @property
    def window(self) -> float | None:
        """The limits' window this column shows, in seconds (None for the other columns)."""
        return {Column.PER_MINUTE: 60.0, Column.PER_HOUR: 3600.0, Column.PER_DAY: 86400.0}.get(self)


HEADERS = {
    Column.ID: QT_TRANSLATE_NOOP("ModelTableModel", "Model"),
    Column.OWNER: QT_TRANSLATE_NOOP("ModelTableModel", "Owner"),
    Column.CATEGORY: QT_TRANSLATE_NOOP("ModelTableModel", "Category"),
    Column.CONTEXT: QT_TRANSLATE_NOOP("ModelTableModel", "Context"),
    Column.MAX_COMPLETION: QT_TRANSLATE_NOOP("ModelTableModel", "Max output"),
    Column.ACTIVE: QT_TRANSLATE_NOOP("ModelTableModel", "Status"),
    Column.PER_MINUTE: QT_TRANSLATE_NOOP("ModelTableModel", "Per minute"),
    Column.PER_HOUR: QT_TRANSLATE_NOOP("ModelTableModel", "Per hour"),
    Column.PER_DAY: QT_TRANSLATE_NOOP("ModelTableModel", "Per day"),
}
_HEADER_TIPS = {
    Column.PER_MINUTE: QT_TRANSLATE_NOOP(
        "ModelTableModel", "What your plan allows per minute; hover a cell for each figure and its source"),
    Column.PER_HOUR: QT_TRANSLATE_NOOP(
        "ModelTableModel", "What your plan allows per hour; hover a cell for each figure and its source"),
    Column.PER_DAY: QT_TRANSLATE_NOOP(
        "ModelTableModel", "What your plan allows per day; hover a cell for each figure and its source"),
}
_UNIT_WORDS = {
    "requests": QT_TRANSLATE_NOOP("ModelTableModel", "req"),
    "tokens": QT_TRANSLATE_NOOP("ModelTableModel", "tok"),
    "audio_seconds": QT_TRANSLATE_NOOP("ModelTableModel", "audio"),
}
TABLE_SOURCE = QT_TRANSLATE_NOOP("ModelTableModel", "published table")  # shown translated: table_source()
_DIMENSION_LABELS = {
    Dimension.RPM: QT_TRANSLATE_NOOP("ModelTableModel", "requests per minute"),
    Dimension.RPD: QT_TRANSLATE_NOOP("ModelTableModel", "requests per day"),
    Dimension.TPM: QT_TRANSLATE_NOOP("ModelTableModel", "tokens per minute"),
    Dimension.TPD: QT_TRANSLATE_NOOP("ModelTableModel", "tokens per day"),
    Dimension.ASH: QT_TRANSLATE_NOOP("ModelTableModel", "audio seconds per hour"),
    Dimension.ASD: QT_TRANSLATE_NOOP("ModelTableModel", "audio seconds per day"),
    Dimension.ITPM: QT_TRANSLATE_NOOP("ModelTableModel", "input tokens per minute"),
    Dimension.OTPM: QT_TRANSLATE_NOOP("ModelTableModel", "output tokens per minute"),
}

# Groq's supported_features words; one Groq adds later is shown as it is, underscores as spaces.
_FEATURE_NAMES = {
    "browser_search": QT_TRANSLATE_NOOP("ModelTableModel", "browser search"),
    "code_execution": QT_TRANSLATE_NOOP("ModelTableModel", "code execution"),
    "code_interpreter": QT_TRANSLATE_NOOP("ModelTableModel", "code interpreter"),
    "json_mode": QT_TRANSLATE_NOOP("ModelTableModel", "JSON mode"),
    "json_object": QT_TRANSLATE_NOOP("ModelTableModel", "JSON object"),
    "json_schema": QT_TRANSLATE_NOOP("ModelTableModel", "JSON schema"),
    "prompt_caching": QT_TRANSLATE_NOOP("ModelTableModel", "prompt caching"),
    "reasoning": QT_TRANSLATE_NOOP("ModelTableModel", "reasoning"),
    "tools": QT_TRANSLATE_NOOP("ModelTableModel", "tools"),
    "tool_use": QT_TRANSLATE_NOOP("ModelTableModel", "tool use"),
    "vision": QT_TRANSLATE_NOOP("ModelTableModel", "vision"),
    "chat": QT_TRANSLATE_NOOP("ModelTableModel", "chat"),
    "speech": QT_TRANSLATE_NOOP("ModelTableModel", "speech"),
    "transcription": QT_TRANSLATE_NOOP("ModelTableModel", "transcription"),
    "translation": QT_TRANSLATE_NOOP("ModelTableModel", "translation"),
    "guard": QT_TRANSLATE_NOOP("ModelTableModel", "guard"),
    "vocal_directions": QT_TRANSLATE_NOOP("ModelTableModel", "vocal directions"),
}


def feature_name(feature: str) -> str:
    name = _FEATURE_NAMES.get(feature)
    return translate("ModelTableModel", name) if name else feature.replace("_", " ")


def table_source() -> str:
    return translate("ModelTableModel", TABLE_SOURCE)


def dimension_label(dimension: Dimension) -> str:
    """"requests per minute" in the user's language (an unknown dimension keeps the core's label)."""
    label = _DIMENSION_LABELS.get(dimension)
    return translate("ModelTableModel", label) if label else dimension.label


def _figure(value: float) -> str:
    """1 decimal when it says something (14.4), none when whole (6)."""
    rounded = round(value, 1)
    return i18n.number(rounded, 0 if rounded == int(rounded) else 1)


@dataclass(frozen=True)
class ModelRow:
    info: ModelInfo
    limits: ModelLimits
    sources: dict[Dimension, str]  # where each tracked figure came from, in words ("your edit", "learned ...")


def short_number(value: float) -> str:
    """6,000 -> "6K", 14,400 -> "14.4K", 1,000,000 -> "1M": compact limit figures."""
    if value >= 1e6:
        return translate("ModelTableModel", "{figure}M", "millions, compact").format(figure=_figure(value / 1e6))
    if value >= 1e3:
        return translate("ModelTableModel", "{figure}K", "thousands, compact").format(figure=_figure(value / 1e3))
    return i18n.number(value, 0)


def audio_duration(seconds: float) -> str:
    """Audio allowance as a duration: 7,200 s -> "2 h", 28,800 -> "8 h", 90 -> "1.5 min"."""
    if seconds >= 3600:
        return translate("ModelTableModel", "{figure} h").format(figure=_figure(seconds / 3600))
    if seconds >= 60:
        return translate("ModelTableModel", "{figure} min").format(figure=_figure(seconds / 60))
    return translate("ModelTableModel", "{figure} s").format(figure=i18n.number(seconds, 0))


def window_dimensions(limits: ModelLimits, window: float) -> list[tuple[Dimension, float]]:
    return [(d, v) for d, v in limits.values.items() if d.window_seconds == window]


def compact_limits(limits: ModelLimits, window: float) -> str:
    """One window's limits in one short cell: "30 req · 6K tok", "2 h audio · 20 req"."""
    parts = []
    dims = window_dimensions(limits, window)
    units = [d.unit for d, _v in dims]
    for dimension, value in dims:
        unit = _UNIT_WORDS.get(dimension.unit)
        short = translate("ModelTableModel", unit) if unit else dimension.value
        figure = audio_duration(value) if dimension.unit == "audio_seconds" else short_number(value)
        # two limits of one unit in one window (input and output tokens): name them
        tag = f" ({dimension.value})" if units.count(dimension.unit) > 1 else ""
        parts.append(translate("ModelTableModel", "{figure} {unit}", "a limit: 30 req").format(
            figure=figure, unit=short) + tag)
    return " · ".join(parts) or "—"


def status_text(info: ModelInfo) -> str:
    if info.retired:
        return translate("ModelTableModel", "retired")
    return translate("ModelTableModel", "active") if info.active else translate("ModelTableModel", "inactive")


def category_text(info: ModelInfo) -> str:
    return ", ".join(c.label() for c in info.categories)


def _count(value: float | int | None) -> str:
    return "—" if value is None else i18n.number(value, 0)


class ModelTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None, upload_limit: int | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ModelRow] = []
        self.upload_limit = upload_limit  # bytes per audio file, shown for speech models

    def set_models(
        self,
        models: list[ModelInfo],
        limits_of: Callable[[str], ModelLimits],
        sources_of: Callable[[str], dict[Dimension, str]] = lambda _model: {},
    ) -> None:
        self.beginResetModel()
        self._rows = [ModelRow(info, limits_of(info.id), sources_of(info.id)) for info in models]
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
            return translate("ModelTableModel", HEADERS[column])
        if role == Qt.ItemDataRole.ToolTipRole and column in _HEADER_TIPS:
            return translate("ModelTableModel", _HEADER_TIPS[column])
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
            if column.window is not None:
                return self._limits_tip(row, column.window)
            if info.is_transcription and column in (Column.CONTEXT, Column.MAX_COMPLETION):
                return translate(
                    "ModelTableModel",
                    "Speech models take audio files (longer ones are split into chunks); their {tokens}-token "
                    "window only bounds the prompt, and a transcript is as long as the audio.",
                ).format(tokens=_count(info.context_window))
            if info.retired:
                return translate("ModelTableModel", "{model} is retired: Groq no longer lists it.").format(model=info.id)
            if info.active:
                return info.id
            return translate("ModelTableModel", "{model} is inactive").format(model=info.id)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= Column.CONTEXT and column != Column.ACTIVE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _limits_tip(row: ModelRow, window: float) -> str | None:
        lines = []
        for dimension, value in window_dimensions(row.limits, window):
            if dimension.unit == "audio_seconds":
                figure = translate("ModelTableModel", "{duration} ({seconds} s)").format(
                    duration=audio_duration(value), seconds=i18n.number(value, 0))
            else:
                figure = i18n.number(value, 0)
            lines.append(translate("ModelTableModel", "{label} ({code}): {figure} — {source}").format(
                label=dimension_label(dimension), code=dimension.value, figure=figure,
                source=row.sources.get(dimension) or table_source()))
        return "\n".join(lines) or None

    def _display(self, row: ModelRow, column: Column) -> str:
        info = row.info
        if column is Column.ID:
            return info.id
        if column is Column.OWNER:
            return info.owned_by
        if column is Column.CATEGORY:
            return category_text(info)
        if info.is_transcription and column is Column.CONTEXT:
            if self.upload_limit is None:
                return translate("ModelTableModel", "audio file")
            return translate("ModelTableModel", "audio ≤ {size} MB").format(size=i18n.number(self.upload_limit / 1e6, 0))
        if info.is_transcription and column is Column.MAX_COMPLETION:
            return translate("ModelTableModel", "audio length")
        if column is Column.CONTEXT:
            return _count(info.context_window)
        if column is Column.MAX_COMPLETION:
            return _count(info.max_completion_tokens)
        if column is Column.ACTIVE:
            return status_text(info)
        assert column.window is not None
        return compact_limits(row.limits, column.window)

    @staticmethod
    def _sort_key(row: ModelRow, column: Column) -> Any:
        info = row.info
        if column is Column.CONTEXT:
            return 0 if info.is_transcription else info.context_window or 0
        if column is Column.MAX_COMPLETION:
            return 0 if info.is_transcription else info.max_completion_tokens or 0
        if column.window is not None:  # by the requests allowed, else the first figure
            dims = window_dimensions(row.limits, column.window)
            requests = [v for d, v in dims if d.unit == "requests"]
            return float((requests or [v for _d, v in dims] or [0.0])[0])
        if column is Column.ID:
            return info.id.lower()
        if column is Column.OWNER:
            return info.owned_by.lower()
        if column is Column.CATEGORY:
            return category_text(info).lower()
        return status_text(info)


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
            raw = " ".join(c.value for c in info.categories)  # English words find models in any language
            haystack = " ".join((info.id, info.owned_by, category_text(info), status_text(info), raw)).lower()
            if not all(word in haystack for word in self._text.split()):
                return False
        if self._category is not None and self._category not in info.categories:
            return False
        if self._min_context and (info.context_window or 0) < self._min_context:
            return False
        return not (self._feature is not None and self._feature not in info.supported_features)
