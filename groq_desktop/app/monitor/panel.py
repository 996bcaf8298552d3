"""Queue & limits: live quota of every model in use, the request queue, usage over time and health.

Updates are event-driven (limiter and scheduler changes), coalesced so the panel repaints at most
~4 times a second; a 1 s tick runs the countdowns, and only while the panel is visible.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from groq_desktop.app import icons, theme
from groq_desktop.app.bridge import CoreSignals
from groq_desktop.app.composition import Services
from groq_desktop.app.monitor.health_view import HealthView
from groq_desktop.app.monitor.price_editor import PriceEditor
from groq_desktop.app.monitor.price_table import PRICES_FILE_NAME, PriceTable
from groq_desktop.app.monitor.queue_model import JobInfoRole, QueueColumn, QueueModel
from groq_desktop.app.monitor.quota_model import MeterDelegate, QuotaColumn, QuotaModel
from groq_desktop.app.monitor.usage_charts import UsageCharts
from groq_desktop.app.settings import AppSettings
from groq_desktop.core.quota.scheduler import JobInfo, JobState, Priority, SchedulerStats
from groq_desktop.errors import format_wait
from groq_desktop.i18n import translate

REPAINT_MS = 250  # at most four repaints a second, however fast the core changes
TICK_MS = 1000  # countdowns
CHART_INTERVAL_S = 5.0
FINISHED_SHOWN = 50


def stats_text(stats: SchedulerStats) -> str:
    text = translate(
        "MonitorPanel",
        "Queue: {queued} queued, {waiting} waiting for quota, {running} running · "
        "{done} done, {failed} failed, {cancelled} cancelled",
    ).format(queued=stats.queued, waiting=stats.waiting, running=stats.running, done=stats.done,
             failed=stats.failed, cancelled=stats.cancelled)
    if stats.done or stats.failed:
        text += translate("MonitorPanel", " · wait mean {mean}, max {max}").format(
            mean=format_wait(stats.mean_wait_seconds), max=format_wait(stats.max_wait_seconds))
    return text


class MonitorPanel(QWidget):
    def __init__(
        self, services: Services, signals: CoreSignals, settings: AppSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._settings = settings
        self._dirty = True
        self._last_chart_refresh = 0.0
        self.refresh_count = 0  # live refreshes, to prove a hidden panel does no work

        self.stats_label = QLabel()
        self.stats_label.setWordWrap(True)
        self.stats_label.setObjectName("queueStats")
        self.stats_label.setProperty("role", "caption")

        self.quota_model = QuotaModel(self)
        self.quota_view = QTableView()
        self.quota_view.setModel(self.quota_model)
        self.quota_view.setItemDelegateForColumn(QuotaColumn.METER, MeterDelegate(self.quota_view))
        self.quota_view.verticalHeader().hide()
        self.quota_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.quota_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The bar keeps a readable width; the last column takes what is left.
        header.setSectionResizeMode(QuotaColumn.METER, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(QuotaColumn.METER, 11 * self.fontMetrics().averageCharWidth() + 80)
        header.setStretchLastSection(True)
        # Before the first request: what each part of the panel will show, as a calm notice with an icon.
        self.quota_empty = QFrame()
        self.quota_empty.setObjectName("quotaEmptyBox")
        self.quota_empty.setProperty("surface", "notice")
        tokens = theme.tokens()
        empty_icon = QLabel()
        empty_icon.setPixmap(icons.icon("dashboard").pixmap(QSize(32, 32)))
        empty_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        empty_title = QLabel(translate("MonitorPanel", "No requests yet"))
        empty_title.setProperty("role", "title")
        empty_text = QLabel(translate(
            "MonitorPanel",
            "Once a model is used, a meter here shows what is left of each of its limits "
            "(requests, tokens, audio seconds; per minute and per day) and when it refills; the queue below "
            "lists requests waiting for quota and what each waits for; Usage charts tokens, requests and cost "
            "over time, and Health the errors and response times.",
        ))
        empty_text.setObjectName("quotaEmpty")
        empty_text.setWordWrap(True)
        empty_words = QVBoxLayout()
        empty_words.setSpacing(tokens.space_s)
        empty_words.addWidget(empty_title)
        empty_words.addWidget(empty_text)
        empty_words.addStretch(1)
        empty_layout = QHBoxLayout(self.quota_empty)
        empty_layout.setContentsMargins(tokens.space_l, tokens.space_l, tokens.space_l, tokens.space_l)
        empty_layout.setSpacing(tokens.space_l)
        empty_layout.addWidget(empty_icon)
        empty_layout.addLayout(empty_words, 1)
        self.quota_view.setAlternatingRowColors(True)
        self.quota_view.setShowGrid(False)

        self.queue_model = QueueModel(self)
        self.queue_view = QTableView()
        self.queue_view.setModel(self.queue_model)
        self.queue_view.verticalHeader().hide()
        self.queue_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        queue_header = self.queue_view.horizontalHeader()
        queue_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        queue_header.setSectionResizeMode(QueueColumn.WAITS_FOR, QHeaderView.ResizeMode.Stretch)
        self.queue_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.queue_view.customContextMenuRequested.connect(self._queue_menu)

        self.cancel_action = self._action(
            translate("MonitorPanel", "Cancel"), "close", "Del", self.cancel_selected,
            translate("MonitorPanel", "Cancel the selected requests ({key})"))
        self.raise_action = self._action(
            translate("MonitorPanel", "Raise priority"), "arrow-up", "Ctrl+Up", lambda: self.shift_priority(-1),
            translate("MonitorPanel", "Raise the priority of the selected requests ({key})"))
        self.lower_action = self._action(
            translate("MonitorPanel", "Lower priority"), "arrow-down", "Ctrl+Down", lambda: self.shift_priority(+1),
            translate("MonitorPanel", "Lower the priority of the selected requests ({key})"))
        # A table's own toolbar: compact tool buttons (icon and text), so the panel still fits 900 px.
        buttons = QHBoxLayout()
        buttons.setSpacing(theme.tokens().space_s)
        self.queue_buttons: list[QToolButton] = []
        for action in (self.cancel_action, self.raise_action, self.lower_action):
            button = QToolButton()
            button.setDefaultAction(action)
            # Up and down arrows beside the Priority column need no words; their tooltip and name say them.
            icon_only = action is not self.cancel_action
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly if icon_only
                                      else Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAccessibleName(action.text())
            button.setAutoRaise(True)
            buttons.addWidget(button)
            self.queue_buttons.append(button)
        self.show_finished = QCheckBox(translate("MonitorPanel", "Show finished"))
        self.show_finished.setChecked(True)
        self.show_finished.toggled.connect(lambda _on: self._refresh_live())
        buttons.addWidget(self.show_finished)
        buttons.addStretch(1)

        self._prices_path = services.limits_path.parent / PRICES_FILE_NAME
        self.prices = PriceTable.load(self._prices_path)
        self.charts = UsageCharts(services.storage, self.prices)
        self.charts.edit_prices_button.clicked.connect(self.edit_prices)
        self.health = HealthView(services)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.charts, icons.icon("graph"), translate("MonitorPanel", "Usage"))
        self.tabs.addTab(self.health, icons.icon("pulse"), translate("MonitorPanel", "Health"))
        self.tabs.currentChanged.connect(lambda _i: self._refresh_slow())

        quota_box = QGroupBox(translate("MonitorPanel", "Quota left"))  # short: a group box is never narrower than its title
        quota_box.setToolTip(translate("MonitorPanel",
                                       "What is left of each limit; hover a row for where each figure comes from"))
        quota_layout = QVBoxLayout(quota_box)
        quota_layout.addWidget(self.quota_empty)
        quota_layout.addWidget(self.quota_view)
        queue_box = QGroupBox(translate("MonitorPanel", "Queue"))
        queue_layout = QVBoxLayout(queue_box)
        queue_layout.addLayout(buttons)
        queue_layout.addWidget(self.queue_view)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(quota_box)
        left.addWidget(queue_box)
        left.setSizes([240, 560])
        body = QSplitter()
        body.addWidget(left)
        body.addWidget(self.tabs)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.stats_label)
        layout.addWidget(body, 1)
        # Tab follows the layout: quota, the queue's buttons, the queue, then the charts and health.
        chain = [self.quota_view, *self.queue_buttons, self.show_finished, self.queue_view, self.tabs]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

        self._repaint_timer = QTimer(self, singleShot=True, interval=REPAINT_MS)
        self._repaint_timer.timeout.connect(self._refresh_live)
        self._tick = QTimer(self, interval=TICK_MS)
        self._tick.timeout.connect(self._on_tick)
        # Bound methods, not lambdas: Qt drops the connections when the panel is destroyed.
        signals.limits_changed.connect(self._on_limits_changed)
        signals.job_changed.connect(self._on_job_changed)

    def _action(self, text: str, icon: str, shortcut: str, slot, tip: str) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(icons.icon(icon), text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)  # while the panel shows
        action.setToolTip(tip.format(key=QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)))
        action.triggered.connect(slot)
        self.queue_view.addAction(action)
        return action

    # --- refreshing --------------------------------------------------------------------------

    def _on_limits_changed(self, _model: str) -> None:
        self._schedule()

    def _on_job_changed(self, _info: object) -> None:
        self._schedule()

    def _schedule(self) -> None:
        if not self.isVisible():
            self._dirty = True
            return
        if not self._repaint_timer.isActive():
            self._repaint_timer.start()

    def _refresh_live(self) -> None:
        """Quota meters, queue rows and the stats line (cheap: in-memory state only)."""
        if not self.isVisible():
            self._dirty = True
            return
        self._dirty = False
        self.refresh_count += 1
        services = self._services
        snapshots = services.limiter.snapshot()
        self.quota_model.set_snapshots(snapshots)
        self.quota_empty.setVisible(not snapshots)
        self.quota_view.setVisible(bool(snapshots))
        self.queue_model.set_jobs(self.shown_jobs())
        self.stats_label.setText(stats_text(services.scheduler.stats()))

    def _refresh_slow(self) -> None:
        """Charts and the error list read the usage log: only every few seconds, only the visible tab."""
        if not self.isVisible():
            return
        self._last_chart_refresh = time.monotonic()
        if self.tabs.currentWidget() is self.charts:
            self.charts.refresh()
        else:
            self.health.refresh_errors()

    def _on_tick(self) -> None:
        self._refresh_live()
        if time.monotonic() - self._last_chart_refresh >= CHART_INTERVAL_S:
            self._refresh_slow()

    def shown_jobs(self) -> list[JobInfo]:
        jobs = self._services.scheduler.jobs()
        active = [j for j in jobs if not j.state.finished]
        if not self.show_finished.isChecked():
            return active
        finished = [j for j in jobs if j.state.finished]
        return active + finished[-FINISHED_SHOWN:][::-1]

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._refresh_live()
        self._refresh_slow()
        self._tick.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        self._tick.stop()
        self._repaint_timer.stop()

    # --- queue actions -------------------------------------------------------------------------

    def selected_jobs(self) -> list[JobInfo]:
        rows = self.queue_view.selectionModel().selectedRows()
        return [index.data(JobInfoRole) for index in rows]

    def cancel_selected(self) -> int:
        cancelled = sum(self._services.scheduler.cancel(job.id) for job in self.selected_jobs())
        self._schedule()
        return cancelled

    def shift_priority(self, step: int) -> int:
        moved = 0
        for job in self.selected_jobs():
            if job.state not in (JobState.QUEUED, JobState.WAITING):
                continue
            priority = Priority(max(Priority.INTERACTIVE, min(Priority.BACKGROUND, job.priority + step)))
            if priority != job.priority and self._services.scheduler.set_priority(job.id, priority):
                moved += 1
        self._schedule()
        return moved

    def _queue_menu(self, point: QPoint) -> None:
        menu = QMenu(self)
        for action in (self.cancel_action, self.raise_action, self.lower_action):
            menu.addAction(action)
        menu.popup(self.queue_view.viewport().mapToGlobal(point))

    def edit_prices(self) -> PriceEditor:
        models = [m.id for m in self._services.registry.models(include_retired=False)]
        editor = PriceEditor(self.prices, models, self._prices_path, self)
        editor.saved.connect(self.charts.prices_changed)
        editor.open()
        return editor
