"""The request queue as a table: what each job is, what it waits for and for how long (live)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from groq_desktop import i18n
from groq_desktop.app.quota_words import wait_text
from groq_desktop.app.row_table_model import AnyIndex, RowTableModel
from groq_desktop.core.quota.limits import Cost
from groq_desktop.core.quota.rate_limiter import WaitInfo
from groq_desktop.core.quota.scheduler import JobInfo, JobState, Priority
from groq_desktop.errors import format_wait
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate

JobInfoRole = Qt.ItemDataRole.UserRole + 1
WaitDimensionRole = Qt.ItemDataRole.UserRole + 2



class QueueColumn(IntEnum):
    ID = 0
    PRIORITY = 1
    MODEL = 2
    KIND = 3
    LABEL = 4
    COST = 5
    STATE = 6
    WAITS_FOR = 7
    READY_IN = 8
    QUEUED_FOR = 9


HEADERS = (
    "#",
    QT_TRANSLATE_NOOP("QueueModel", "Priority"),
    QT_TRANSLATE_NOOP("QueueModel", "Model"),
    QT_TRANSLATE_NOOP("QueueModel", "Kind"),
    QT_TRANSLATE_NOOP("QueueModel", "Label"),
    QT_TRANSLATE_NOOP("QueueModel", "Est. cost"),
    QT_TRANSLATE_NOOP("QueueModel", "State"),
    QT_TRANSLATE_NOOP("QueueModel", "Waits for"),
    QT_TRANSLATE_NOOP("QueueModel", "Ready in"),
    QT_TRANSLATE_NOOP("QueueModel", "Queued for"),
)
PRIORITY_NAMES = {
    Priority.INTERACTIVE: QT_TRANSLATE_NOOP("QueueModel", "interactive"),
    Priority.NORMAL: QT_TRANSLATE_NOOP("QueueModel", "normal"),
    Priority.BACKGROUND: QT_TRANSLATE_NOOP("QueueModel", "background"),
}
KIND_NAMES = {
    "chat": QT_TRANSLATE_NOOP("QueueModel", "chat"),
    "transcription": QT_TRANSLATE_NOOP("QueueModel", "transcription"),
    "translation": QT_TRANSLATE_NOOP("QueueModel", "translation"),
    "speech": QT_TRANSLATE_NOOP("QueueModel", "speech"),
    "bulk": QT_TRANSLATE_NOOP("QueueModel", "bulk"),
}


def kind_text(kind: str) -> str:
    """A request's kind in words; a kind this table does not know is shown as it is."""
    name = KIND_NAMES.get(kind)
    return translate("QueueModel", name) if name else kind


def priority_text(priority: Priority) -> str:
    name = PRIORITY_NAMES.get(priority)
    return translate("QueueModel", name) if name else priority.name.lower()


def cost_text(cost: Cost) -> str:
    parts = [translate("QueueModel", "{count} req").format(count=i18n.number(cost.requests, 0))]
    if cost.tokens:
        parts.append(translate("QueueModel", "{count} tok").format(count=i18n.number(cost.tokens, 0)))
    if cost.audio_seconds:
        parts.append(translate("QueueModel", "{seconds} s audio").format(seconds=i18n.number(cost.audio_seconds, 0)))
    return ", ".join(parts)


def waits_for_text(info: JobInfo) -> str:
    if info.wait is not None:
        return wait_text(info.wait)
    if info.state is JobState.QUEUED:
        if info.error is None:
            return translate("QueueModel", "its turn")
        return translate("QueueModel", "retry after: {error}").format(error=info.error.splitlines()[0])
    return ""


class QueueModel(RowTableModel):
    headers = HEADERS

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        text = super().headerData(section, orientation, role)
        return translate("QueueModel", text) if text else text

    """Rows keep their identity (by job id) across updates, so selections survive the live refresh."""

    def __init__(self, parent: QObject | None = None, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        # When each WaitInfo was first seen, to count its wait down (the scheduler's clock).
        self._wait_seen: dict[int, tuple[WaitInfo, float]] = {}

    def set_jobs(self, jobs: list[JobInfo]) -> None:
        now = self._clock()
        for info in jobs:
            seen = self._wait_seen.get(info.id)
            if info.wait is None:
                self._wait_seen.pop(info.id, None)
            elif seen is None or seen[0] is not info.wait:
                self._wait_seen[info.id] = (info.wait, now)
        wanted = {info.id: info for info in jobs}
        for row in range(len(self._rows) - 1, -1, -1):
            if self._rows[row].id not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                self._wait_seen.pop(self._rows[row].id, None)
                del self._rows[row]
                self.endRemoveRows()
        present = {info.id for info in self._rows}
        added = [info for info in jobs if info.id not in present]
        if added:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(added) - 1)
            self._rows.extend(added)
            self.endInsertRows()
        self._rows = [wanted[info.id] for info in self._rows]
        if [info.id for info in self._rows] != [info.id for info in jobs]:
            self._reorder(jobs)
        self.refresh_times()

    def _reorder(self, jobs: list[JobInfo]) -> None:
        self.layoutAboutToBeChanged.emit()
        old_rows = {info.id: row for row, info in enumerate(self._rows)}
        self._rows = list(jobs)
        new_rows = {info.id: row for row, info in enumerate(self._rows)}
        moved_from = {old: job_id for job_id, old in old_rows.items()}
        for index in self.persistentIndexList():
            job_id = moved_from.get(index.row())
            if job_id is not None:
                self.changePersistentIndex(index, self.index(new_rows[job_id], index.column()))
        self.layoutChanged.emit()

    def refresh_times(self) -> None:
        """Repaint every cell: the 'ready in' and 'queued for' columns move with the clock."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(QueueColumn) - 1))

    def job_at(self, row: int) -> JobInfo:
        return self._rows[row]

    def row_of(self, job_id: int) -> int:
        return next((i for i, info in enumerate(self._rows) if info.id == job_id), -1)

    def ready_in(self, info: JobInfo) -> float | None:
        seen = self._wait_seen.get(info.id)
        if info.wait is None or seen is None:
            return None
        if math.isinf(info.wait.wait_seconds):
            return math.inf
        return max(0.0, info.wait.wait_seconds - (self._clock() - seen[1]))

    def queued_for(self, info: JobInfo) -> float:
        end = info.started_at if info.started_at is not None else info.finished_at
        if end is None:
            end = self._clock()
        return max(0.0, end - info.enqueued_at)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info = self._rows[index.row()]
        column = QueueColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(info, column)
        if role == JobInfoRole:
            return info
        if role == WaitDimensionRole:
            return info.wait.dimension.value if info.wait is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [
                translate("QueueModel", "Job {id}: {kind} on {model}").format(
                    id=info.id, kind=kind_text(info.kind), model=info.model),
                translate("QueueModel", "State: {state}").format(state=info.state.label()),
            ]
            if info.wait is not None:
                lines.append(translate("QueueModel", "Waiting for quota: {wait}").format(wait=wait_text(info.wait)))
            if info.error:
                lines.append(translate("QueueModel", "Last error: {error}").format(error=info.error))
            if info.attempts > 1:
                lines.append(translate("QueueModel", "Attempts: {count}").format(count=info.attempts))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole and info.state.finished:
            return QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None

    def _display(self, info: JobInfo, column: QueueColumn) -> str:
        if column is QueueColumn.ID:
            return str(info.id)
        if column is QueueColumn.PRIORITY:
            return priority_text(info.priority)
        if column is QueueColumn.MODEL:
            return info.model
        if column is QueueColumn.KIND:
            return kind_text(info.kind)
        if column is QueueColumn.LABEL:
            return info.label
        if column is QueueColumn.COST:
            return cost_text(info.cost)
        if column is QueueColumn.STATE:
            return info.state.label()
        if column is QueueColumn.WAITS_FOR:
            return waits_for_text(info)
        if column is QueueColumn.READY_IN:
            ready = self.ready_in(info)
            if ready is None:
                return ""
            return translate("QueueModel", "never (too large)") if math.isinf(ready) else format_wait(ready)
        if info.state in (JobState.QUEUED, JobState.WAITING) or info.started_at is not None:
            return format_wait(self.queued_for(info))
        return ""
