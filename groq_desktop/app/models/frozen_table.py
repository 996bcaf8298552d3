"""A table whose first column stays in place while the others scroll sideways (Qt's frozen-column pattern)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


class FrozenColumnTable(QTableView):
    """``frozen`` is a second view on the same model and selection, drawn over column 0."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen = QTableView(self)
        self.frozen.setFocusPolicy(self.frozen.focusPolicy().NoFocus)
        self.frozen.verticalHeader().hide()
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.setHorizontalScrollBarPolicy(self.frozen.horizontalScrollBarPolicy().ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(self.frozen.verticalScrollBarPolicy().ScrollBarAlwaysOff)
        self.frozen.setStyleSheet("QTableView { border: none; }")
        self.frozen.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.viewport().stackUnder(self.frozen)
        self.horizontalHeader().sectionResized.connect(self._section_resized)
        self.verticalHeader().sectionResized.connect(lambda i, _o, size: self.frozen.setRowHeight(i, size))
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.frozen.doubleClicked.connect(self.doubleClicked)

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        if model is not None:
            model.modelReset.connect(self._show_first_column_only)
            model.columnsInserted.connect(self._show_first_column_only)
            model.layoutChanged.connect(self._show_first_column_only)
        self._show_first_column_only()

    def setSortingEnabled(self, enable: bool) -> None:  # noqa: N802
        super().setSortingEnabled(enable)
        self.frozen.setSortingEnabled(enable)  # clicking the frozen header sorts by the name too

    def _show_first_column_only(self, *_args: object) -> None:
        model = self.model()
        if model is None:
            return
        for column in range(model.columnCount()):
            self.frozen.setColumnHidden(column, column != 0)
        self.frozen.setColumnWidth(0, self.columnWidth(0))
        self.frozen.setSelectionBehavior(self.selectionBehavior())
        self.frozen.setSelectionMode(self.selectionMode())
        self.frozen.setAlternatingRowColors(self.alternatingRowColors())
        self._place()

    def _section_resized(self, index: int, _old: int, size: int) -> None:
        if index == 0:
            self.frozen.setColumnWidth(0, size)
            self._place()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place()

    def scrollTo(self, index: QModelIndex | QPersistentModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if index.column() > 0:  # column 0 is always visible: don't scroll sideways for it
            super().scrollTo(index, hint)
        else:
            super().scrollTo(index.siblingAtColumn(max(0, self.horizontalHeader().logicalIndexAt(1))), hint)

    def _place(self) -> None:
        frame = self.frameWidth()
        self.frozen.setGeometry(
            self.verticalHeader().width() + frame,
            frame,
            self.columnWidth(0),
            self.viewport().height() + self.horizontalHeader().height(),
        )
