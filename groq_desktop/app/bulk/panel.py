"""The Bulk panel: define a job, see what it costs and how long it takes live vs as a batch, dry-run
it, run it, watch it, read the results (lazily, 50,000 rows are fine), retry failures, export."""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from groq_desktop import i18n
from groq_desktop.app import icons, theme
from groq_desktop.app.bulk.define import AUDIO_FILES, JobDefinition
from groq_desktop.app.bulk.results_model import BulkResultsModel
from groq_desktop.app.composition import Services
from groq_desktop.app.guarded_task import spawn_guarded
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.core.bulk.estimate import JobEstimate, describe_duration
from groq_desktop.core.bulk.s3 import S3Settings, S3Staging
from groq_desktop.core.store.bulk_records import ROW_CANCELLED, ROW_DONE, ROW_EXPIRED, ROW_FAILED, ROW_PENDING
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate
from groq_desktop.services.bulk import BulkEvent, export_job, stage_audio
from groq_desktop.services.transcription import TranscriptionOptions

log = logging.getLogger(__name__)
WINDOWS = ("24h", "48h", "72h", "7d")  # Groq's completion_window values
WINDOW_NAMES = {
    "24h": QT_TRANSLATE_NOOP("BulkPanel", "24 hours"),
    "48h": QT_TRANSLATE_NOOP("BulkPanel", "48 hours"),
    "72h": QT_TRANSLATE_NOOP("BulkPanel", "72 hours"),
    "7d": QT_TRANSLATE_NOOP("BulkPanel", "7 days"),
}
_ESTIMATE_SAMPLE = 1000
EXPORT_FILTERS = {"csv": "CSV (*.csv)", "jsonl": "JSON Lines (*.jsonl)", "md": "Markdown (*.md)"}
JOB_STATUS_NAMES = {
    "running": QT_TRANSLATE_NOOP("BulkPanel", "Running"),
    "done": QT_TRANSLATE_NOOP("BulkPanel", "Done"),
    "paused": QT_TRANSLATE_NOOP("BulkPanel", "Paused"),
    "cancelled": QT_TRANSLATE_NOOP("BulkPanel", "Cancelled"),
    "batch": QT_TRANSLATE_NOOP("BulkPanel", "Batch"),
    "pending": QT_TRANSLATE_NOOP("BulkPanel", "Pending"),
    "new": QT_TRANSLATE_NOOP("BulkPanel", "New"),
}
MODE_NAMES = {"live": QT_TRANSLATE_NOOP("BulkPanel", "live"), "batch": QT_TRANSLATE_NOOP("BulkPanel", "batch")}


def _named(names: dict[str, str], key: str, fallback: str) -> str:
    name = names.get(key)
    return translate("BulkPanel", name) if name else fallback


def choose_export_path(parent: QWidget, fmt: str, suggested: str) -> Path | None:
    """Behind a function so tests can replace the dialog."""
    name, _ = QFileDialog.getSaveFileName(parent, translate("BulkPanel", "Export results"), suggested,
                                          EXPORT_FILTERS[fmt].replace("JSON Lines", translate("BulkPanel", "JSON Lines")))
    return Path(name) if name else None


def delete_question(parent: QWidget, name: str, detail: str) -> QMessageBox:
    """The question before a job is deleted; Cancel is the default, so Enter never deletes by accident."""
    box = QMessageBox(QMessageBox.Icon.Question, translate("BulkPanel", "Delete bulk job"),
                      translate("BulkPanel", "Delete “{name}” and its results?").format(name=name),
                      QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText(detail)
    delete = box.addButton(translate("BulkPanel", "Delete"), QMessageBox.ButtonRole.DestructiveRole)
    delete.setIcon(icons.icon("trash"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box


def confirm_delete(parent: QWidget, name: str, detail: str) -> bool:
    """Behind a function so tests can answer it."""
    box = delete_question(parent, name, detail)
    box.exec()
    return box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.DestructiveRole


def _money(value: float | None) -> str:
    if value is None:
        return translate("BulkPanel", "unknown (no price)")
    return translate("BulkPanel", "${amount}").format(amount=i18n.number(value, 4))


def _when(epoch: float | None) -> str:
    if not epoch:
        return "—"
    return QLocale().toString(QDateTime.fromSecsSinceEpoch(int(epoch)), QLocale.FormatType.ShortFormat)


class _Events(QObject):
    event = Signal(object)


class BulkPanel(QWidget):
    def __init__(self, services: Services, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.service = services.bulk
        self._tasks: set[asyncio.Task[Any]] = set()
        self._events = _Events(self)
        self._events.event.connect(self._on_event)
        self._unsubscribe = self.service.subscribe(self._events.event.emit)
        self.notifications: list[tuple[str, str]] = []
        # The desktop notification when a job finishes (a tray icon can replace this later).
        self.notify: Callable[[str, str], None] = self._notify
        self.service.on_finished = lambda title, text: self.notify(title, text)

        chat = [m.id for m in services.registry.chat_models()] or self._catalogue_ids("chat")
        speech = [m.id for m in services.registry.transcription_models()] or self._catalogue_ids("speech_to_text")
        self.definition = JobDefinition(chat, speech)
        self.definition.changed.connect(self._schedule_estimate)

        # Before sending: the estimate and the choice of live or batch.
        self.estimate_label = QLabel()
        self.estimate_label.setWordWrap(True)
        self.estimate_label.setTextFormat(Qt.TextFormat.RichText)
        self.plan_notice = QLabel()
        self.plan_notice.setWordWrap(True)
        self.plan_notice.setProperty("surface", "notice")
        self.plan_notice.linkActivated.connect(lambda _link: self.run_live())
        self.window_choice = QComboBox()
        for window in WINDOWS:
            self.window_choice.addItem(_named(WINDOW_NAMES, window, window), window)
        self.window_choice.setToolTip(translate("BulkPanel", "How long Groq may take (24 hours to 7 days)"))
        self.window_choice.setAccessibleName(translate("BulkPanel", "Completion window"))
        self.dry_run_button = QPushButton(icons.icon("beaker"), translate("BulkPanel", "Dry run (3 rows)"))
        self.dry_run_button.setToolTip(translate("BulkPanel", "Send the first three rows now and show the replies"))
        self.dry_run_button.clicked.connect(self.dry_run)
        self.live_button = QPushButton(icons.icon("play"), translate("BulkPanel", "Run live"))
        self.live_button.setProperty("role", "primary")
        self.live_button.clicked.connect(self.run_live)
        self.batch_button = QPushButton(icons.icon("cloud-upload"), translate("BulkPanel", "Send as batch (½ price)"))
        self.batch_button.clicked.connect(self.send_batch)
        self.dry_run_view = QLabel()
        self.dry_run_view.setWordWrap(True)
        self.dry_run_view.setTextFormat(Qt.TextFormat.RichText)
        self.dry_run_view.setProperty("showsData", True)  # the model's replies
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QGridLayout()
        buttons.setSpacing(theme.tokens().space_m)
        buttons.addWidget(self.dry_run_button, 0, 0)
        buttons.addWidget(self.live_button, 0, 1)
        buttons.addWidget(self.batch_button, 1, 0)
        buttons.addWidget(self.window_choice, 1, 1)
        send_box = QGroupBox(translate("BulkPanel", "Before sending"))
        send_layout = QVBoxLayout(send_box)
        send_layout.addWidget(self.estimate_label)
        send_layout.addWidget(self.plan_notice)
        send_layout.addLayout(buttons)
        send_layout.addWidget(self.dry_run_view, 1)
        send_layout.addWidget(self.message)

        define_box = QGroupBox(translate("BulkPanel", "Job"))
        QVBoxLayout(define_box).addWidget(self.definition)
        top = QWidget()
        top_row = QHBoxLayout(top)
        top_row.setContentsMargins(0, 0, 0, 0)
        top_row.addWidget(define_box, 3)
        top_row.addWidget(send_box, 2)
        # Scrolls rather than holding the window wide: every panel works at 900 x 600.
        top_scroll = QScrollArea()
        top_scroll.setWidgetResizable(True)
        top_scroll.setFrameShape(QFrame.Shape.NoFrame)
        top_scroll.setWidget(top)

        # Jobs and results.
        self.jobs = QComboBox()
        self.jobs.currentIndexChanged.connect(self._job_chosen)
        self.jobs.setProperty("showsData", True)  # job names: file names, the user's
        self.jobs.setAccessibleName(translate("BulkPanel", "Job"))
        self.progress = QProgressBar()
        self.progress.setAccessibleName(translate("BulkPanel", "Progress"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.pause_button = QPushButton(icons.icon("debug-pause"), translate("BulkPanel", "Pause"))
        self.pause_button.clicked.connect(self.pause_or_resume)
        self.cancel_button = QPushButton(icons.icon("close"), translate("BulkPanel", "Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.retry_button = QPushButton(icons.icon("debug-restart"), translate("BulkPanel", "Retry failed"))
        self.retry_button.clicked.connect(self.retry_failed)
        self.export_button = QPushButton(icons.icon("export"), translate("BulkPanel", "Export"))
        export_menu = QMenu(self.export_button)
        for fmt, label in (("csv", "CSV…"), ("jsonl", "JSONL…"), ("md", translate("BulkPanel", "Markdown…"))):
            export_menu.addAction(icons.icon("file"), label, lambda f=fmt: self.export(f))
        self.export_button.setMenu(export_menu)
        self.delete_button = QPushButton(icons.icon("trash"), translate("BulkPanel", "Delete…"))
        self.delete_button.setProperty("role", "danger")
        self.delete_button.setToolTip(translate("BulkPanel", "Delete this job and its results (asks first)"))
        self.delete_button.clicked.connect(self.delete_job)
        self.failures_only = QCheckBox(translate("BulkPanel", "Failures only"))
        self.failures_only.toggled.connect(lambda on: self.results.set_job(self.results.job_id, failures_only=on))
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("BulkPanel", "Search inputs and outputs"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setAccessibleName(translate("BulkPanel", "Search inputs and outputs"))
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(lambda: self.results.set_job(self.results.job_id, search=self.search.text()))
        self.search.textChanged.connect(lambda _t: self._search_timer.start())

        self.results = BulkResultsModel(services.storage, self)
        self.table = QTableView()
        self.table.setModel(self.results)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 50)
        self.table.setColumnWidth(1, 300)
        self.table.setColumnWidth(2, 300)
        self.results.modelReset.connect(self._size_columns)

        job_row = QHBoxLayout()
        job_row.setSpacing(theme.tokens().space_m)
        job_label = QLabel(translate("BulkPanel", "J&ob"))
        job_label.setBuddy(self.jobs)
        job_row.addWidget(job_label)
        job_row.addWidget(self.jobs, 2)
        job_row.addWidget(self.progress, 2)
        for widget in (self.pause_button, self.cancel_button, self.retry_button, self.export_button,
                       self.delete_button):
            job_row.addWidget(widget)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.status, 3)
        filter_row.addWidget(self.failures_only)
        filter_row.addWidget(self.search, 2)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addLayout(job_row)
        bottom_layout.addLayout(filter_row)
        bottom_layout.addWidget(self.table, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top_scroll)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        for first, second in ((self.dry_run_button, self.live_button), (self.live_button, self.batch_button),
                              (self.batch_button, self.window_choice)):
            QWidget.setTabOrder(first, second)  # the grid's reading order, not the creation order

        self._estimate_timer = QTimer(self, singleShot=True, interval=300)
        self._estimate_timer.timeout.connect(self.update_estimate)
        self._refresh_timer = QTimer(self, singleShot=True, interval=400)
        self._refresh_timer.timeout.connect(self.refresh_job)
        self.last_estimate: JobEstimate | None = None
        self._reload_jobs()
        self.update_estimate()
        # Live jobs carry on and batches are polled again after a restart.
        QTimer.singleShot(0, lambda: self._spawn(self.service.resume))

    @staticmethod
    def _catalogue_ids(kind: str) -> list[str]:
        from groq_desktop.core.catalogue import ModelKind, shipped_catalogue

        return [f.id for f in shipped_catalogue().of_kind(ModelKind(kind))]

    # --- estimate ---

    def _schedule_estimate(self) -> None:
        self._estimate_timer.start()

    def update_estimate(self) -> None:
        refusal = self.service.batch_refusal()
        self.batch_button.setEnabled(refusal is None)
        # The reason itself is in the notice under the estimate; the disabled button only points there.
        self.batch_button.setToolTip(translate("BulkPanel", "Batches are not available on your plan: see the note above")
                                     if refusal else
                                     translate("BulkPanel", "Half the live price; Groq finishes within the window you choose"))
        self.plan_notice.setText(translate("BulkPanel", "{reason} <a href='live'>Run it live</a>.").format(
            reason=html.escape(refusal)) if refusal else "")
        self.plan_notice.setVisible(bool(refusal))
        problems = self.definition.problems()
        self.live_button.setEnabled(not problems)
        self.dry_run_button.setEnabled(not problems and self.definition.kind == "chat")
        if problems:
            self.estimate_label.setText(html.escape(" ".join(problems)))
            self.last_estimate = None
            return
        if self.definition.kind == "transcription":
            count = len(self.definition.inputs()) or len(self.definition.audio_paths)
            self.estimate_label.setText(translate(
                "BulkPanel", "<b>{count}</b> audio inputs. Batch: Groq fetches the audio by URL within {window} at "
                "half price; live: the files join the transcription queue.",
            ).format(count=count, window=html.escape(self.window_choice.currentText())))
            return
        rows = self.definition.inputs()
        sample = rows[:_ESTIMATE_SAMPLE]
        estimate = self.service.estimate(self.definition.job_record(), sample)
        if len(rows) > len(sample):  # scale the sample up: tokenising 50,000 rows would stall the UI
            factor = len(rows) / len(sample)
            estimate = JobEstimate(len(rows), int(estimate.input_tokens * factor), int(estimate.output_tokens * factor),
                                   None if estimate.live_cost is None else estimate.live_cost * factor,
                                   estimate.live_seconds * factor, estimate.limiting)
        self.last_estimate = estimate
        plan = self.services.limiter.plan
        self.estimate_label.setText(translate(
            "BulkPanel",
            "<b>{requests}</b> requests · about {input} input and {output} output tokens<br>"
            "Cost: live {live_cost} · batch {batch_cost} (50 %)<br>"
            "Live: {duration} at your {plan}-plan {limiting} · Batch: within {window}, no live quota used",
        ).format(requests=i18n.number(estimate.requests, 0), input=i18n.number(estimate.input_tokens, 0),
                 output=i18n.number(estimate.output_tokens, 0), live_cost=_money(estimate.live_cost),
                 batch_cost=_money(estimate.batch_cost), duration=describe_duration(estimate.live_seconds),
                 plan=html.escape(plan), limiting=html.escape(estimate.limiting),
                 window=html.escape(self.window_choice.currentText())))

    # --- actions ---

    def _create_job(self, mode: str) -> int | None:
        problems = self.definition.problems()
        if problems:
            self.show_message(" ".join(problems))
            return None
        record = self.definition.job_record()
        record.mode = mode
        record = self.service.create_job(record, self.definition.inputs())
        self._reload_jobs(select=record.id)
        return record.id

    def dry_run(self) -> None:
        rows = self.definition.inputs()[:3]
        record = self.definition.job_record()
        self.dry_run_view.setText(translate("BulkPanel", "Running the first rows…"))

        async def go() -> None:
            results = await self.service.dry_run(record, rows)
            parts = [f"<b>{html.escape(r.custom_id)}</b>: {html.escape((r.output or r.error)[:300])}" for r in results]
            self.dry_run_view.setText("<br>".join(parts))

        self._spawn(go)

    def run_live(self) -> None:
        if self.definition.kind == "transcription":
            self._audio_live()
            return
        job_id = self._create_job("live")
        if job_id is not None:
            self._spawn(lambda: self._start_live(job_id))

    async def _start_live(self, job_id: int) -> None:
        self.service.start_live(job_id)
        self.refresh_job()

    def _audio_live(self) -> None:
        paths = self.definition.audio_paths
        if not paths:
            self.show_message(translate("BulkPanel", "Links can only go to Groq as a batch; the live queue needs the files."))
            return
        self._spawn(lambda: self.services.transcription.add(paths, TranscriptionOptions()))
        self.show_message(translate("BulkPanel", "Added to the transcription queue (Transcribe panel): {count} files.")
                          .format(count=len(paths)))

    def send_batch(self) -> None:
        window = str(self.window_choice.currentData())
        if self.definition.kind == "transcription" and self.definition.source.currentIndex() == AUDIO_FILES:
            staging = self._staging()
            if staging is None:
                self.show_message(translate("BulkPanel", "Set an S3 bucket in settings to send audio files as a batch; "
                                                         "otherwise run them live through the transcription queue."))
                return
            paths = list(self.definition.audio_paths)
            record = self.definition.job_record()
            record.mode = "batch"

            async def staged() -> None:
                inputs = await asyncio.to_thread(stage_audio, paths, staging, window)
                job = self.service.create_job(record, inputs)
                self._reload_jobs(select=job.id)
                await self.service.submit_batch(job.id, window)

            self._spawn(staged)
            return
        job_id = self._create_job("batch")
        if job_id is not None:
            self._spawn(lambda: self.service.submit_batch(job_id, window))

    def _staging(self) -> S3Staging | None:
        bucket = str(self.settings.get(Key.S3_BUCKET) or "")
        if not bucket:
            return None
        return S3Staging(S3Settings(bucket, str(self.settings.get(Key.S3_PREFIX) or "groq-desktop/"),
                                    self.settings.get(Key.S3_ENDPOINT) or None, self.settings.get(Key.S3_REGION) or None))

    def current_job_id(self) -> int | None:
        data = self.jobs.currentData()
        return int(data) if data is not None else None

    def pause_or_resume(self) -> None:
        job_id = self.current_job_id()
        job = self.services.storage.get_bulk_job(job_id) if job_id else None
        if job is None or job.mode != "live":
            return
        if job.status == "running":
            self._spawn(lambda: self.service.pause(job.id))
        else:
            self._spawn(lambda: self._start_live(job.id))

    def cancel(self) -> None:
        job_id = self.current_job_id()
        if job_id is not None:
            self._spawn(lambda: self.service.cancel(job_id))

    def delete_job(self) -> None:
        job_id = self.current_job_id()
        job = self.services.storage.get_bulk_job(job_id) if job_id else None
        if job is None:
            return
        rows = self.services.storage.bulk_progress(job.id)
        detail = translate("BulkPanel", "{rows} rows, {done} with results.").format(
            rows=i18n.number(rows.total, 0), done=i18n.number(rows.count(ROW_DONE), 0))
        if job.status in ("running", "batch"):
            detail += " " + translate("BulkPanel", "It is still running: it stops, and open batches at Groq are cancelled.")
        if not confirm_delete(self, job.name or f"#{job.id}", detail):
            return

        async def go() -> None:
            await self.service.delete_job(job.id)
            self._reload_jobs()
            self.show_message(translate("BulkPanel", "Deleted “{name}”.").format(name=job.name or job.id))

        self._spawn(go)

    def retry_failed(self) -> None:
        job_id = self.current_job_id()
        job = self.services.storage.get_bulk_job(job_id) if job_id else None
        if job is None:
            return
        if job.mode == "batch" and self.service.batch_refusal() is None:
            self._spawn(lambda: self.service.resubmit_rest(job.id, job.completion_window))
        else:
            self._spawn(lambda: self._retry_live(job.id))

    async def _retry_live(self, job_id: int) -> None:
        moved = self.service.retry_failed_live(job_id)
        self.show_message(translate("BulkPanel", "Rows sent again: {count}").format(count=moved))

    def export(self, fmt: str) -> None:
        job_id = self.current_job_id()
        if job_id is None:
            return
        path = choose_export_path(self, fmt, f"bulk-{job_id}.{fmt}")
        if path is None:
            return

        async def go() -> None:
            count = await asyncio.to_thread(export_job, self.services.storage, job_id, fmt, path)
            self.show_message(translate("BulkPanel", "Exported {count} rows to {path}").format(
                count=i18n.number(count, 0), path=path))

        self._spawn(go)

    def run_prompt_over(self, transcripts: list[tuple[int, str, str]]) -> None:
        """From the Transcribe panel: finished transcripts as the inputs."""
        self.definition.load_transcripts(transcripts)

    # --- the job view ---

    def _reload_jobs(self, select: int | None = None) -> None:
        current = select if select is not None else self.current_job_id()
        self.jobs.blockSignals(True)
        self.jobs.clear()
        for job in self.services.storage.list_bulk_jobs():
            self.jobs.addItem(f"#{job.id} {job.name or job.model} ({_named(MODE_NAMES, job.mode, job.mode)})", job.id)
        index = self.jobs.findData(current) if current is not None else 0
        self.jobs.setCurrentIndex(max(0, index))
        self.jobs.blockSignals(False)
        self._job_chosen()

    def _job_chosen(self, _index: int = 0) -> None:
        self.results.set_job(self.current_job_id())
        self.refresh_job(reload_rows=False)

    def _on_event(self, event: BulkEvent) -> None:
        if event.kind == "deleted":
            return  # the panel reloads its list when its delete finishes
        if event.job_id == self.current_job_id() and not self._refresh_timer.isActive():
            self._refresh_timer.start()
        if event.kind == "finished":
            self.show_message(event.message)

    def refresh_job(self, reload_rows: bool = True) -> None:
        job_id = self.current_job_id()
        if job_id is None:
            self.status.setText(translate("BulkPanel", "No jobs yet."))
            self.progress.setValue(0)
            return
        info = self.service.progress(job_id)
        rows = info.rows
        self.progress.setMaximum(max(1, rows.total))
        self.progress.setValue(rows.finished)
        def count(*statuses: str) -> str:
            return i18n.number(rows.count(*statuses), 0)

        parts = [translate("BulkPanel", "{count} done").format(count=count(ROW_DONE)),
                 translate("BulkPanel", "{count} failed").format(count=count(ROW_FAILED))]
        if rows.count(ROW_EXPIRED, ROW_CANCELLED):
            parts.append(translate("BulkPanel", "{count} not run").format(count=count(ROW_EXPIRED, ROW_CANCELLED)))
        parts.append(translate("BulkPanel", "{count} pending").format(count=count(ROW_PENDING)))
        parts.append(_money(rows.cost))
        if info.eta_seconds is not None:
            parts.append(translate("BulkPanel", "ETA {duration}").format(duration=describe_duration(info.eta_seconds)))
        state = _named(JOB_STATUS_NAMES, info.job.status, info.job.status.capitalize())
        status = translate("BulkPanel", "{state}: {details}").format(state=state, details=" · ".join(parts))
        for batch in info.batches:
            # batch.status is Groq's own word (validating, in_progress, completed...)
            status += "<br>" + translate(
                "BulkPanel", "Batch {id}: <b>{status}</b> {completed}/{total} ({failed} failed) · created {created} · "
                "expires {expires}",
            ).format(id=html.escape(batch.id[-8:]), status=html.escape(batch.status), completed=batch.completed,
                     total=batch.total, failed=batch.failed, created=_when(batch.created_at),
                     expires=_when(batch.expires_at))
        self.status.setText(status)
        live = info.job.mode == "live"
        resume = live and info.job.status in ("paused", "cancelled")
        self.pause_button.setText(translate("BulkPanel", "Resume") if resume else translate("BulkPanel", "Pause"))
        self.pause_button.setIcon(icons.icon("debug-continue" if resume else "debug-pause"))
        self.pause_button.setEnabled(live and info.job.status in ("running", "paused", "cancelled"))
        if reload_rows:
            top = max(0, self.table.rowAt(0))
            bottom = self.table.rowAt(self.table.viewport().height() - 1)
            self.results.refresh(top, bottom if bottom >= 0 else self.results.rowCount() - 1)

    def _size_columns(self) -> None:
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def _notify(self, title: str, text: str) -> None:
        self.notifications.append((title, text))
        QApplication.alert(self.window())

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    # --- async plumbing ---

    def _spawn(self, make: Callable[[], Coroutine[Any, Any, Any]]) -> asyncio.Task[Any] | None:
        return spawn_guarded(make, self._tasks, self.show_message, "a bulk action", after=self.refresh_job)

    async def aclose(self) -> None:
        self._unsubscribe()
        await self.service.aclose()
