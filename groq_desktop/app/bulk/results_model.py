"""A job's results as a table, read from SQLite a page at a time (``canFetchMore``/``fetchMore``), so
50,000 rows open at once and only what is scrolled to is loaded."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from groq_desktop import i18n
from groq_desktop.core.store.bulk_records import (
    ROW_BATCHED,
    ROW_CANCELLED,
    ROW_DONE,
    ROW_EXPIRED,
    ROW_FAILED,
    ROW_PENDING,
    ROW_RETRYABLE,
    ROW_RUNNING,
    BulkRowRecord,
)
from groq_desktop.core.store.storage import Storage
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
PAGE = 500
_PREVIEW_CHARS = 300
# Column keys; the headers show them translated (an output column from a JSON schema keeps its own name).
FIXED_BEFORE = ("#", QT_TRANSLATE_NOOP("BulkResultsModel", "Input"))
FIXED_AFTER = (QT_TRANSLATE_NOOP("BulkResultsModel", "Status"), QT_TRANSLATE_NOOP("BulkResultsModel", "Tokens"),
               QT_TRANSLATE_NOOP("BulkResultsModel", "Cost"), QT_TRANSLATE_NOOP("BulkResultsModel", "Request id"))
OUTPUT = QT_TRANSLATE_NOOP("BulkResultsModel", "Output")
_TRANSLATED = {*FIXED_BEFORE, *FIXED_AFTER, OUTPUT} - {"#"}
ROW_STATUS_NAMES = {
    ROW_PENDING: QT_TRANSLATE_NOOP("BulkResultsModel", "pending"),
    ROW_RUNNING: QT_TRANSLATE_NOOP("BulkResultsModel", "running"),
    ROW_BATCHED: QT_TRANSLATE_NOOP("BulkResultsModel", "batched"),
    ROW_DONE: QT_TRANSLATE_NOOP("BulkResultsModel", "done"),
    ROW_FAILED: QT_TRANSLATE_NOOP("BulkResultsModel", "failed"),
    ROW_EXPIRED: QT_TRANSLATE_NOOP("BulkResultsModel", "expired"),
    ROW_CANCELLED: QT_TRANSLATE_NOOP("BulkResultsModel", "cancelled"),
}


def row_status_text(status: str) -> str:
    name = ROW_STATUS_NAMES.get(status)
    return translate("BulkResultsModel", name) if name else status


def _one_line(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= _PREVIEW_CHARS else text[: _PREVIEW_CHARS - 1] + "…"


class BulkResultsModel(QAbstractTableModel):
    def __init__(self, storage: Storage, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._storage = storage
        self.job_id: int | None = None
        self.failures_only = False
        self.search = ""
        self._rows: list[BulkRowRecord] = []
        self._total = 0
        self._output_columns: list[str] = []

    # --- what is shown ---

    def set_job(self, job_id: int | None, *, failures_only: bool | None = None, search: str | None = None) -> None:
        self.beginResetModel()
        self.job_id = job_id
        if failures_only is not None:
            self.failures_only = failures_only
        if search is not None:
            self.search = search
        self._rows = []
        self._total = 0
        self._output_columns = []
        if job_id is not None:
            self._total = self._storage.count_bulk_rows(job_id, self._statuses(), self.search or None)
            self._load(PAGE)
            self._output_columns = list(dict.fromkeys(k for r in self._rows for k in r.columns))
        self.endResetModel()

    def refresh(self, first: int | None = None, last: int | None = None) -> None:
        """Re-read rows while a job runs: only ``first``..``last`` (the visible ones) in place when given,
        so a table scrolled through 50,000 rows does not re-read them all; a filtered view is re-read whole."""
        if self.job_id is None:
            return
        total = self._storage.count_bulk_rows(self.job_id, self._statuses(), self.search or None)
        if first is None or last is None or self.failures_only or self.search:
            self._reset_loaded(total)
            return
        first, last = max(0, first), min(len(self._rows) - 1, last)
        page = self._storage.bulk_rows(self.job_id, offset=first, limit=last - first + 1) if last >= first else []
        if not self._output_columns and any(r.columns for r in page):
            self._reset_loaded(total)  # the first JSON replies bring their columns
            return
        self._rows[first:first + len(page)] = page
        self._total = total
        if page:
            self.dataChanged.emit(self.index(first, 0), self.index(first + len(page) - 1, self.columnCount() - 1))

    def _reset_loaded(self, total: int) -> None:
        assert self.job_id is not None
        loaded = max(len(self._rows), PAGE)
        self.beginResetModel()
        self._total = total
        self._rows = []
        self._load(loaded)
        if not self._output_columns:
            self._output_columns = list(dict.fromkeys(k for r in self._rows for k in r.columns))
        self.endResetModel()

    def _statuses(self) -> tuple[str, ...] | None:
        return ROW_RETRYABLE if self.failures_only else None

    def _load(self, count: int) -> None:
        assert self.job_id is not None
        self._rows += self._storage.bulk_rows(self.job_id, offset=len(self._rows), limit=count,
                                              statuses=self._statuses(), search=self.search or None)

    @property
    def total(self) -> int:
        return self._total

    @property
    def headers(self) -> tuple[str, ...]:
        output = tuple(self._output_columns) or (OUTPUT,)
        return (*FIXED_BEFORE, *output, *FIXED_AFTER)

    def row_at(self, row: int) -> BulkRowRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # --- Qt ---

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def canFetchMore(self, parent: AnyIndex = _ROOT) -> bool:  # noqa: N802
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = _ROOT) -> None:  # noqa: N802
        if parent.isValid() or self.job_id is None:
            return
        start = len(self._rows)
        page = self._storage.bulk_rows(self.job_id, offset=start, limit=PAGE, statuses=self._statuses(),
                                       search=self.search or None)
        if not page:
            self._total = start
            return
        self.beginInsertRows(_ROOT, start, start + len(page) - 1)
        self._rows += page
        self.endInsertRows()

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            headers = self.headers
            if not 0 <= section < len(headers):
                return None
            fixed = section < len(FIXED_BEFORE) or section >= len(headers) - len(FIXED_AFTER) or not self._output_columns
            name = headers[section]
            return translate("BulkResultsModel", name) if fixed and name in _TRANSLATED else name
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        headers = self.headers
        name = headers[index.column()] if 0 <= index.column() < len(headers) else None
        if role == Qt.ItemDataRole.ToolTipRole and name in ("Input", "Output", "Status"):
            full = {"Input": row.fields.get("text") or row.fields.get("url") or "",
                    "Output": row.output, "Status": row.error}[name]
            return str(full)[:4000] or None
        if role != Qt.ItemDataRole.DisplayRole:
            if role == Qt.ItemDataRole.TextAlignmentRole and name in ("#", "Tokens", "Cost"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if name == "#":
            return row.idx + 1
        if name == "Input":
            label = row.fields.get("file_name")
            text = row.fields.get("text") or row.fields.get("url") or ""
            return _one_line(f"{label}: {text}" if label and label not in text else text)
        if name == "Output":
            return _one_line(row.output or row.error)
        if name == "Status":
            status = row_status_text(row.status)
            return status if not row.error else f"{status}: {_one_line(row.error)}"
        if name == "Tokens":
            if not row.prompt_tokens:
                return ""
            return f"{i18n.number(row.prompt_tokens, 0)} + {i18n.number(row.completion_tokens, 0)}"
        if name == "Cost":
            return translate("BulkResultsModel", "${amount}").format(amount=i18n.number(row.cost, 6)) if row.cost else ""
        if name == "Request id":
            return row.request_id
        return _one_line(str(row.columns.get(name, "")))
