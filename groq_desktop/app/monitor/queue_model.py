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

from groq_desktop.app.quota_words import wait_text
from groq_desktop.app.row_table_model import AnyIndex, RowTableModel
from groq_desktop.core.quota.limits import Cost
from groq_desktop.core.quota.rate_limiter import WaitInfo
from groq_desktop.core.quota.scheduler import JobInfo, JobState
from groq_desktop.errors import format_wait

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


HEADERS = ("#", "Priority", "Model", "Kind", "Label", "Est. cost", "State", "Waits for", "Ready in", "Queued for")


def cost_text(cost: Cost) -> str:
    parts = [f"{cost.requests} req"]
    if cost.tokens:
        parts.append(f"{cost.tokens:,} tok")
    if cost.audio_seconds:
        parts.append(f"{cost.audio_seconds:,.0f} s audio")
    return ", ".join(parts)


def waits_for_text(info: JobInfo) -> str:
    if info.wait is not None:
        return wait_text(info.wait)
    if info.state is JobState.QUEUED:
        return "its turn" if info.error is None else f"retry after: {info.error.splitlines()[0]}"
    return ""


class QueueModel(RowTableModel):
    headers = HEADERS

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
            lines = [f"Job {info.id}: {info.kind} on {info.model}", f"State: {info.state.value}"]
            if info.wait is not None:
                lines.append(f"Waiting for quota: {wait_text(info.wait)}")
            if info.error:
                lines.append(f"Last error: {info.error}")
            if info.attempts > 1:
                lines.append(f"Attempts: {info.attempts}")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole and info.state.finished:
            return QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None

    def _display(self, info: JobInfo, column: QueueColumn) -> str:
        if column is QueueColumn.ID:
            return str(info.id)
        if column is QueueColumn.PRIORITY:
            return info.priority.name.lower()
        if column is QueueColumn.MODEL:
            return info.model
        if column is QueueColumn.KIND:
            return info.kind
        if column is QueueColumn.LABEL:
            return info.label
        if column is QueueColumn.COST:
            return cost_text(info.cost)
        if column is QueueColumn.STATE:
            return info.state.value
        if column is QueueColumn.WAITS_FOR:
            return waits_for_text(info)
        if column is QueueColumn.READY_IN:
            ready = self.ready_in(info)
            if ready is None:
                return ""
            return "never (too large)" if math.isinf(ready) else format_wait(ready)
        if info.state in (JobState.QUEUED, JobState.WAITING) or info.started_at is not None:
            return format_wait(self.queued_for(info))
        return ""
