"""Edit the estimated prices per model; saved as the user's prices.json and used at once."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from groq_desktop.app.monitor.price_table import Price, PriceTable
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate

_COLUMNS = (
    QT_TRANSLATE_NOOP("PriceEditor", "Model"),
    QT_TRANSLATE_NOOP("PriceEditor", "$ / M input tokens"),
    QT_TRANSLATE_NOOP("PriceEditor", "$ / M output tokens"),
    QT_TRANSLATE_NOOP("PriceEditor", "$ / audio hour"),
    QT_TRANSLATE_NOOP("PriceEditor", "$ / M characters (speech)"),
)


class PriceEditor(QDialog):
    saved = Signal()

    def __init__(self, table: PriceTable, models: list[str], path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("PriceEditor", "Estimated prices"))
        self._table, self._path = table, path
        self._models = sorted(set(models) | set(table.prices))
        self.grid = QTableWidget(len(self._models), len(_COLUMNS))
        self.grid.setHorizontalHeaderLabels([translate("PriceEditor", c) for c in _COLUMNS])
        self.grid.setAlternatingRowColors(True)
        self.grid.verticalHeader().hide()
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for row, model in enumerate(self._models):
            self.grid.setItem(row, 0, QTableWidgetItem(model))
            price = table.price_for(model) or Price()
            values = (price.input_per_million, price.output_per_million, price.audio_per_hour,
                      price.characters_per_million)
            for column, value in enumerate(values, start=1):
                spin = QDoubleSpinBox(decimals=4, maximum=1000.0, singleStep=0.01, value=value)
                spin.setPrefix("$ ")
                spin.setFrame(False)
                spin.setAccessibleName(translate("PriceEditor", "{column} of {model}").format(
                    column=translate("PriceEditor", _COLUMNS[column]), model=model))
                self.grid.setCellWidget(row, column, spin)
        note = QLabel(translate("PriceEditor", "Estimates only: Groq's bill is the truth. Saved to {path}").format(
            path=path))
        note.setWordWrap(True)
        note.setProperty("role", "caption")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.grid)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def value(self, row: int, column: int) -> float:
        return self.grid.cellWidget(row, column).value()  # type: ignore[union-attr]

    def set_value(self, row: int, column: int, value: float) -> None:
        self.grid.cellWidget(row, column).setValue(value)  # type: ignore[union-attr]

    def row_of(self, model: str) -> int:
        return self._models.index(model)

    def save(self) -> None:
        for row, model in enumerate(self._models):
            old = self._table.price_for(model) or Price()
            self._table.prices[model] = replace(old, input_per_million=self.value(row, 1),
                                                output_per_million=self.value(row, 2),
                                                audio_per_hour=self.value(row, 3),
                                                characters_per_million=self.value(row, 4))
        self._table.save(self._path)
        self.saved.emit()
        self.accept()
