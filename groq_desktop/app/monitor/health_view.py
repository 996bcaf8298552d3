"""Health: is Groq reachable, is the key valid, how fast, and which requests failed in the last hour."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from enum import IntEnum
from typing import Any

import qasync
import shiboken6
from PySide6.QtCore import (
    QDateTime,
    QLocale,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from groq_desktop import i18n
from groq_desktop.app import icons
from groq_desktop.app.composition import Services
from groq_desktop.app.monitor.queue_model import kind_text
from groq_desktop.app.row_table_model import AnyIndex, RowTableModel
from groq_desktop.core.api.health import HealthReport, check_health
from groq_desktop.core.store.storage import Storage, UsageRecord
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

HOUR = 3600.0


class ErrorColumn(IntEnum):
    TIME = 0
    MODEL = 1
    KIND = 2
    STATUS = 3
    CODE = 4
    REQUEST_ID = 5


HEADERS = (
    QT_TRANSLATE_NOOP("ErrorListModel", "Time"),
    QT_TRANSLATE_NOOP("ErrorListModel", "Model"),
    QT_TRANSLATE_NOOP("ErrorListModel", "Kind"),
    QT_TRANSLATE_NOOP("ErrorListModel", "Status"),
    QT_TRANSLATE_NOOP("ErrorListModel", "Error"),
    QT_TRANSLATE_NOOP("ErrorListModel", "Request id"),
)


class ErrorListModel(RowTableModel):
    """Failed requests, newest first; the request id is what Groq support asks for."""

    headers = HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        text = super().headerData(section, orientation, role)
        return translate("ErrorListModel", text) if text else text

    def set_errors(self, errors: list[UsageRecord]) -> None:
        self.beginResetModel()
        self._rows = list(errors)
        self.endResetModel()

    def record_at(self, row: int) -> UsageRecord:
        return self._rows[row]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = ErrorColumn(index.column())
        if column is ErrorColumn.TIME:
            return QLocale().toString(QDateTime.fromMSecsSinceEpoch(int(record.at * 1000)).time(), "HH:mm:ss")
        if column is ErrorColumn.MODEL:
            return record.model
        if column is ErrorColumn.KIND:
            return kind_text(record.kind)
        if column is ErrorColumn.STATUS:
            return translate("ErrorListModel", "no answer") if record.status == 0 else str(record.status)
        if column is ErrorColumn.CODE:
            return record.error_code or ""
        return record.request_id or "—"


def error_rate_text(records: list[UsageRecord]) -> str:
    """The failure rate of the requests that ran to an answer; the ones the user stopped are counted apart."""
    stopped = sum(1 for r in records if r.cancelled)
    total = len(records) - stopped
    failed = sum(1 for r in records if r.failed)
    if not records:
        return translate("HealthView", "No requests in the last hour")
    if not total:
        text = translate("HealthView", "No finished requests in the last hour")
    else:
        text = translate("HealthView", "{failed} of {total} requests failed in the last hour ({percent}%)").format(
            failed=failed, total=total, percent=i18n.number(100 * failed / total, 1))
    if stopped:
        text += translate("HealthView", "; {count} stopped").format(count=stopped)
    return text


def recent_latency_text(records: list[UsageRecord]) -> str:
    """Median and 90th percentile of the last hour's successful requests, and their time to first token."""
    times = sorted(r.total_time for r in records if not r.failed and r.total_time is not None)
    if not times:
        return translate("HealthView", "no successful requests in the last hour")
    text = translate("HealthView", "{count} in the last hour: median {median} ms, 90% under {p90} ms").format(
        count=len(times), median=i18n.number(times[len(times) // 2] * 1000, 0),
        p90=i18n.number(times[min(len(times) - 1, int(len(times) * 0.9))] * 1000, 0))
    firsts = sorted(r.ttft for r in records if not r.failed and r.ttft is not None)
    if firsts:
        text += translate("HealthView", "; first token after {ms} ms (median)").format(
            ms=i18n.number(firsts[len(firsts) // 2] * 1000, 0))
    return text


def _read_last_hour(storage: Storage, since: float) -> tuple[list[UsageRecord], list[UsageRecord]]:
    return storage.usage_since(since), storage.recent_errors(since)


class HealthView(QWidget):
    checked = Signal(object)  # HealthReport
    errors_read = Signal()  # the last hour's requests are shown

    def __init__(
        self, services: Services, parent: QWidget | None = None, *, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._clock = clock
        self._checking = False
        self._reading: asyncio.Future[None] | None = None
        self._read_again = False
        self.report: HealthReport | None = None

        self.reachable = QLabel(translate("HealthView", "not checked"))
        self.key_valid = QLabel(translate("HealthView", "not checked"))
        self.latency = QLabel("—")
        self.recent_latency = QLabel("—")
        self.models = QLabel("—")
        self.closed = QLabel("—")
        self.error_rate = QLabel()
        # Long answers (an error page, many closed models) wrap instead of widening the window.
        for label in (self.reachable, self.key_valid, self.latency, self.recent_latency, self.models, self.closed,
                      self.error_rate):
            label.setWordWrap(True)
        self.check_button = QPushButton(icons.icon("pulse"), translate("HealthView", "Check now"))
        self.check_button.setToolTip(translate("HealthView", "Ask Groq for the model list and time it"))
        self.check_button.clicked.connect(self.check_now)

        form = QFormLayout()
        form.addRow(translate("HealthView", "API reachable:"), self.reachable)
        form.addRow(translate("HealthView", "Key valid:"), self.key_valid)
        form.addRow(translate("HealthView", "Latency (check):"), self.latency)
        form.addRow(translate("HealthView", "Recent requests:"), self.recent_latency)
        form.addRow(translate("HealthView", "Models listed:"), self.models)
        form.addRow(translate("HealthView", "Closed by 429:"), self.closed)
        form.addRow(translate("HealthView", "Errors:"), self.error_rate)

        self.errors_model = ErrorListModel(self)
        self.errors_view = QTableView()
        self.errors_view.setModel(self.errors_model)
        self.errors_view.verticalHeader().hide()
        self.errors_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.errors_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.errors_view.horizontalHeader().setStretchLastSection(True)

        # The button on a row of its own: beside the form it squeezed the answers into a narrow column.
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(form)
        errors_title = QLabel(translate("HealthView", "Errors of the last hour:"))
        errors_title.setProperty("role", "caption")
        layout.addWidget(errors_title)
        layout.addWidget(self.errors_view, 1)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.report is None and not self._checking:
            QTimer.singleShot(0, self.check_now)  # first look: check instead of saying "not checked"

    def refresh_errors(self) -> None:
        """Read the last hour in a worker thread, then show it; asked again while reading, reads once more."""
        if self._reading is not None:
            self._read_again = True
            return
        self._reading = asyncio.ensure_future(self._read_errors())

    async def _read_errors(self) -> None:
        storage = self._services.storage
        try:
            while True:
                self._read_again = False
                recent, errors = await asyncio.to_thread(_read_last_hour, storage, self._clock() - HOUR)
                if not self._read_again:
                    break
        except Exception:  # a failed read must not kill the panel; the next refresh tries again
            log.exception("reading the recent requests failed")
            return
        finally:
            self._reading = None
        if not shiboken6.isValid(self):  # closed while reading
            return
        self.error_rate.setText(error_rate_text(recent))
        self.recent_latency.setText(recent_latency_text(recent))
        self.errors_model.set_errors(errors)
        self.errors_read.emit()

    @qasync.asyncSlot()
    async def check_now(self) -> None:
        if self._checking:
            return
        self._checking = True
        self.check_button.setEnabled(False)
        self.reachable.setText(translate("HealthView", "checking…"))
        services = self._services
        try:
            report = await asyncio.to_thread(check_health, services.client, services.registry, services.limiter)
        except Exception as exc:  # a bug in the check must not kill the panel
            log.exception("health check failed")
            self.reachable.setText(translate("HealthView", "check failed: {reason}").format(reason=exc))
            return
        finally:
            self._checking = False
            self.check_button.setEnabled(True)
        self.show_report(report)
        self.refresh_errors()
        self.checked.emit(report)

    def show_report(self, report: HealthReport) -> None:
        self.report = report
        yes = translate("HealthView", "yes")
        no_answer = translate("HealthView", "no answer")
        self.reachable.setText(yes if report.reachable else translate("HealthView", "no — {problem}").format(
            problem=report.problem or no_answer))
        if report.key_valid is None:
            self.key_valid.setText(translate("HealthView", "unknown (not reachable)"))
        else:
            self.key_valid.setText(yes if report.key_valid else translate("HealthView", "no — {problem}").format(
                problem=report.problem or ""))
        self.latency.setText(translate("HealthView", "{ms} ms").format(ms=i18n.number(report.latency * 1000, 0))
                             if report.latency is not None else "—")
        self.models.setText("—" if report.model_count is None else i18n.number(report.model_count, 0))
        self.closed.setText(", ".join(report.closed_dimensions) or translate("HealthView", "none"))
