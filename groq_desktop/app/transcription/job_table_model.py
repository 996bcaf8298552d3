"""The transcription queue as a table: file, duration, status (with a live quota countdown), progress, ETA."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

from groq_desktop import i18n
from groq_desktop.app import icons, theme
from groq_desktop.app.quota_words import wait_text
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate
from groq_desktop.services.transcription import JobInfo, JobPhase

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    FILE = 0
    DURATION = 1
    STATUS = 2
    PROGRESS = 3
    ETA = 4


HEADERS = {
    Column.FILE: QT_TRANSLATE_NOOP("JobTableModel", "File"),
    Column.DURATION: QT_TRANSLATE_NOOP("JobTableModel", "Duration"),
    Column.STATUS: QT_TRANSLATE_NOOP("JobTableModel", "Status"),
    Column.PROGRESS: QT_TRANSLATE_NOOP("JobTableModel", "Progress"),
    Column.ETA: QT_TRANSLATE_NOOP("JobTableModel", "Time left"),
}
PHASE_ICONS = {  # (Codicons name, theme token for its colour or None for the text's)
    JobPhase.QUEUED: ("circle-large-outline", None),
    JobPhase.PREPARING: ("loading", None),
    JobPhase.UPLOADING: ("cloud-upload", None),
    JobPhase.WAITING: ("clock", "warning"),
    JobPhase.DONE: ("pass", "success"),
    JobPhase.FAILED: ("error", "danger"),
    JobPhase.CANCELLED: ("circle-slash", None),
    JobPhase.REJECTED: ("circle-slash", "danger"),
}
JOB_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 2  # 0..100, or -1 when no bar is shown
PHASE_ROLE = Qt.ItemDataRole.UserRole + 3


def format_duration(seconds: float | None) -> str:
    """A length in the user's words and digits: "45 s", "1 min 30 s", "2 h 5 min"."""
    if seconds is None:
        return "—"
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours and minutes:
        return translate("JobTableModel", "{hours} h {minutes} min").format(
            hours=i18n.number(hours), minutes=i18n.number(minutes))
    if hours:
        return translate("JobTableModel", "{hours} h").format(hours=i18n.number(hours))
    if minutes and secs:
        return translate("JobTableModel", "{minutes} min {seconds} s").format(
            minutes=i18n.number(minutes), seconds=i18n.number(secs))
    if minutes:
        return translate("JobTableModel", "{minutes} min").format(minutes=i18n.number(minutes))
    return translate("JobTableModel", "{seconds} s").format(seconds=i18n.number(secs))


def percent_text(value: float) -> str:
    return translate("JobTableModel", "{percent} %").format(percent=i18n.number(value))


def phase_icon(phase: JobPhase) -> QIcon:
    name, colour = PHASE_ICONS[phase]
    return icons.icon(name, getattr(theme.tokens(), colour) if colour else None)


class JobTableModel(QAbstractTableModel):
    """Rows are ``JobInfo`` snapshots in queue order; ``upsert``/``remove``/``reset`` keep it current."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._jobs: list[JobInfo] = []
        self._clock = clock
        self._seen: dict[int, float] = {}  # job id -> when its snapshot arrived

    # --- Qt model API -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._jobs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(Column):
            return translate("JobTableModel", HEADERS[Column(section)])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or not 0 <= index.row() < len(self._jobs) or not 0 <= index.column() < len(Column):
            return None
        job = self._jobs[index.row()]
        column = Column(index.column())
        if role == JOB_ID_ROLE:
            return job.id
        if role == PHASE_ROLE:
            return str(job.phase)
        if role == PROGRESS_ROLE:
            return -1 if job.phase is JobPhase.REJECTED else int(round(job.progress * 100))
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(job, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.ETA and job.phase.active:
                return translate(
                    "JobTableModel",
                    "Time left, from the speed of recent chunks and any quota wait; “…” until the first chunk is back",
                )
            if column is Column.FILE:
                return str(job.path)
            if column is Column.STATUS:
                if job.wait is not None:
                    return translate("JobTableModel", "Waiting for quota: {wait}").format(wait=wait_text(job.wait))
                return job.status_text(self._clock())
            return None
        if role == Qt.ItemDataRole.DecorationRole and column is Column.STATUS:
            return phase_icon(job.phase)
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.STATUS and job.phase in (
            JobPhase.FAILED,
            JobPhase.REJECTED,
        ):
            return theme.tokens().danger if job.phase is JobPhase.FAILED else theme.tokens().muted_text
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.DURATION, Column.ETA):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, job: JobInfo, column: Column) -> str:
        if column is Column.FILE:
            return job.name
        if column is Column.DURATION:
            return format_duration(job.duration)
        if column is Column.STATUS:
            return job.status_text(self._clock())
        if column is Column.PROGRESS:
            return "" if job.phase is JobPhase.REJECTED else percent_text(round(job.progress * 100))
        if job.eta_seconds is None:
            return "…" if job.phase.active else ""
        # the estimate was made when the snapshot arrived: count it down between updates
        eta = job.eta_seconds - (self._clock() - self._seen.get(job.id, self._clock()))
        if job.wait_until is not None:
            eta = max(eta, job.wait_until - self._clock())
        return format_duration(max(0.0, eta))

    # --- updates --------------------------------------------------------------------------------

    def reset(self, jobs: Sequence[JobInfo]) -> None:
        self.beginResetModel()
        self._jobs = list(jobs)
        self._seen = {j.id: self._clock() for j in self._jobs}
        self.endResetModel()

    def upsert(self, job: JobInfo) -> None:
        self._seen[job.id] = self._clock()
        row = self.row_of(job.id)
        if row is None:
            # stored jobs go before the rejected files, which keep their arrival order at the end
            row = len(self._jobs)
            if job.id > 0:
                row = next((i for i, j in enumerate(self._jobs) if j.id < 0), len(self._jobs))
            self.beginInsertRows(QModelIndex(), row, row)
            self._jobs.insert(row, job)
            self.endInsertRows()
            return
        self._jobs[row] = job
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def remove(self, job_id: int) -> None:
        row = self.row_of(job_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._jobs[row]
        self.endRemoveRows()

    def tick(self) -> None:
        """Refresh the countdowns and ETAs (called every second by the panel)."""
        for row, job in enumerate(self._jobs):
            if job.wait_until is not None or job.eta_seconds is not None or job.phase.active:
                self.dataChanged.emit(self.index(row, Column.STATUS), self.index(row, Column.ETA))

    # --- lookups --------------------------------------------------------------------------------

    def jobs(self) -> list[JobInfo]:
        return list(self._jobs)

    def job_at(self, row: int) -> JobInfo | None:
        return self._jobs[row] if 0 <= row < len(self._jobs) else None

    def row_of(self, job_id: int) -> int | None:
        return next((i for i, j in enumerate(self._jobs) if j.id == job_id), None)


class ProgressDelegate(QStyledItemDelegate):
    """Paints the progress column as a progress bar in the style's own look (dark mode included)."""

    def paint(self, painter, option: QStyleOptionViewItem, index: Index) -> None:  # type: ignore[no-untyped-def]
        value = index.data(PROGRESS_ROLE)
        if value is None or value < 0:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(3, 4, -3, -4)
        bar.minimum, bar.maximum, bar.progress = 0, 100, int(value)
        bar.text = percent_text(int(value))
        bar.textVisible = True
        bar.state = option.state | QStyle.StateFlag.State_Horizontal
        bar.palette = option.palette
        style = option.widget.style() if option.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)
