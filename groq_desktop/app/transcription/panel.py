"""The Transcribe area: drop files or folders, watch the queue, read, play and export the transcripts."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Iterable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QObject,
    QPoint,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from groq_desktop import i18n
from groq_desktop.app import icons
from groq_desktop.app.bridge import CoreSignals
from groq_desktop.app.composition import Services
from groq_desktop.app.guarded_task import spawn_guarded
from groq_desktop.app.settings import AppSettings
from groq_desktop.app.transcription.drop_zone import DropZone
from groq_desktop.app.transcription.job_table_model import Column, JobTableModel, ProgressDelegate
from groq_desktop.app.transcription.options import OptionsWidget
from groq_desktop.app.transcription.record_widget import RecordWidget
from groq_desktop.app.transcription.transcript_view import TranscriptView
from groq_desktop.core.audio import subtitles
from groq_desktop.i18n import translate
from groq_desktop.services.transcription import (
    EXPORT_FORMATS,
    FOLDER_EXTENSIONS,
    JobInfo,
    JobPhase,
    TranscriptionEvent,
)

log = logging.getLogger(__name__)

def file_filter() -> str:
    patterns = " ".join(f"*.{e}" for e in sorted(FOLDER_EXTENSIONS))
    return translate("TranscriptionPanel", "Audio and video ({patterns});;All files (*)").format(patterns=patterns)


# Plurals go through ``TranscriptionPanel.tr(text, None, n)``: lupdate (6.11) marks a translate() call as
# plural only when its count is a literal number, while ``Class.tr`` is read with any count, and its
# context is the class named (never a subclass, unlike ``self.tr``).

# Dialogs live behind module-level functions so tests can replace them.
def choose_files(parent: QWidget) -> list[Path]:
    title = translate("TranscriptionPanel", "Transcribe files")
    files, _ = QFileDialog.getOpenFileNames(parent, title, "", file_filter())
    return [Path(f) for f in files]


def choose_save_path(parent: QWidget, suggested: Path, fmt: str) -> Path | None:
    title = translate("TranscriptionPanel", "Export as {format}").format(format=fmt.upper())
    path, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), f"{fmt.upper()} (*.{fmt})")
    return Path(path) if path else None


def choose_export_folder(parent: QWidget) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, translate("TranscriptionPanel", "Export selected transcripts to"))
    return Path(folder) if folder else None


def remove_box(parent: QWidget, names: list[str]) -> QMessageBox:
    """The question before finished transcripts are deleted; Cancel is the default."""
    if len(names) == 1:
        text = translate(
            "TranscriptionPanel",
            "Remove “{name}” from the queue? Its transcript is deleted; files you exported are kept.",
        ).format(name=names[0])
    else:
        text = TranscriptionPanel.tr(
            "Remove %n finished jobs from the queue? Their transcripts are deleted; files you exported are kept.",
            None,
            len(names),
        )
    box = QMessageBox(QMessageBox.Icon.Question, translate("TranscriptionPanel", "Remove transcripts"), text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, parent)
    remove = box.button(QMessageBox.StandardButton.Yes)
    remove.setText(translate("TranscriptionPanel", "Remove"))
    remove.setIcon(icons.icon("trash"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box


def confirm_remove(parent: QWidget, names: list[str]) -> bool:
    return remove_box(parent, names).exec() == QMessageBox.StandardButton.Yes


def finished_count_text(phase: JobPhase, count: int) -> str:
    """"2 done", "1 failed": how many jobs of the queue ended in ``phase``."""
    if phase is JobPhase.DONE:
        return TranscriptionPanel.tr("%n done", None, count)
    if phase is JobPhase.FAILED:
        return TranscriptionPanel.tr("%n failed", None, count)
    if phase is JobPhase.CANCELLED:
        return TranscriptionPanel.tr("%n cancelled", None, count)
    return TranscriptionPanel.tr("%n rejected", None, count)


class _ServiceEvents(QObject):
    """Service callbacks re-emitted as a queued-safe Qt signal."""

    event = Signal(object)


class TranscriptionPanel(QWidget):
    run_prompt_requested = Signal(list)  # [(job id, file name, transcript text)] for the Bulk panel

    def __init__(
        self, services: Services, signals: CoreSignals, settings: AppSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.service = services.transcription
        self._events = _ServiceEvents(self)
        self._events.event.connect(self._on_event)
        self._unsubscribe = self.service.subscribe(self._events.event.emit)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._shown_job: int | None = None
        self._queue_note = False  # the message counts queued files, so it must change when they finish
        self.exporting: asyncio.Task[Any] | None = None
        self.setAcceptDrops(True)

        self.model = JobTableModel(parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(Column.PROGRESS, ProgressDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)  # rows are picked with the arrows; Tab leaves the table
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.FILE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.STATUS, QHeaderView.ResizeMode.Stretch)
        for column, width in ((Column.DURATION, 90), (Column.PROGRESS, 120), (Column.ETA, 90)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.installEventFilter(self)

        self.options = OptionsWidget(settings, services.registry, plan_of=lambda: services.limiter.plan)
        signals.models_changed.connect(self.options.refresh_models)
        self.options.changed.connect(self._apply_auto_export)
        self.viewer = TranscriptView()
        self.viewer.export_requested.connect(self.export_current)

        self._build_actions()
        self.hint = DropZone(self.service.max_upload_bytes)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # A toolbar follows its actions' text and state, and folds into a menu when the window is narrow.
        buttons = QToolBar(translate("TranscriptionPanel", "Queue"))
        buttons.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.add_action, self.cancel_action, self.retry_action, self.remove_action,
                       self.up_action, self.down_action, self.pause_action, self.export_selected_action):
            buttons.addAction(action)

        queue = QWidget()
        queue_layout = QVBoxLayout(queue)
        queue_layout.setContentsMargins(0, 0, 0, 0)
        queue_layout.addWidget(buttons)
        self.recorder = RecordWidget(services.voice, services.storage, self.service, self.options.options) \
            if services.voice is not None else None
        if self.recorder is not None:
            self.recorder.failed.connect(self.message.setText)
            queue_layout.addWidget(self.recorder)
        queue_layout.addWidget(self.table, 1)
        queue_layout.addWidget(self.hint)
        queue_layout.addWidget(self.message)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(queue)
        left.addWidget(self.viewer)
        left.setStretchFactor(0, 1)
        left.setStretchFactor(1, 1)
        options_box = QGroupBox(translate("TranscriptionPanel", "Options for new jobs"))
        options_layout = QVBoxLayout(options_box)
        options_layout.addWidget(self.options)
        options_layout.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(options_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._set_tab_order()

        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.model.tick)
        self._ticker.start()
        self.model.reset(self.service.jobs())
        self.hint.setVisible(self.model.rowCount() == 0)
        self._apply_auto_export()
        self._update_actions()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.service.shutdown)
        QTimer.singleShot(0, lambda: self._spawn(self.service.resume))

    def _set_tab_order(self) -> None:
        """Tab follows the layout (record, queue, transcript, options), not the order the widgets were made in."""
        viewer = self.viewer
        chain: list[QWidget] = [
            *([self.recorder.button] if self.recorder is not None else []), self.table,
            viewer.copy_button, viewer.search_edit, viewer.list, *viewer.export_buttons.values(),
            viewer.play_button, viewer.stop_button, self.options.model_box,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # --- actions --------------------------------------------------------------------------------

    def _action(self, icon: str, text: str, shortcut: str | None, slot: Callable[[], Any], tip: str) -> QAction:
        action = QAction(icons.icon(icon), text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            # Window-wide while the panel shows: Qt ignores window shortcuts of hidden widgets.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            tip = f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.add_action = self._action(
            "add", translate("TranscriptionPanel", "Add files…"), None, self.pick_files,
            translate("TranscriptionPanel", "Choose audio or video files (Ctrl+O)"))
        self.cancel_action = self._action(
            "close", translate("TranscriptionPanel", "Cancel"), "Ctrl+.", self.cancel_selected,
            translate("TranscriptionPanel", "Cancel the selected jobs"))
        self.retry_action = self._action(
            "refresh", translate("TranscriptionPanel", "Retry"), "Ctrl+R", self.retry_selected,
            translate("TranscriptionPanel", "Run failed or cancelled jobs again"))
        self.remove_action = self._action(
            "trash", translate("TranscriptionPanel", "Remove"), "Delete", self.remove_selected,
            translate("TranscriptionPanel", "Remove the selected jobs"))
        self.up_action = self._action(
            "arrow-up", translate("TranscriptionPanel", "Move up"), "Ctrl+Up", lambda: self.move_selected(-1),
            translate("TranscriptionPanel", "Move up the queue"))
        self.down_action = self._action(
            "arrow-down", translate("TranscriptionPanel", "Move down"), "Ctrl+Down", lambda: self.move_selected(1),
            translate("TranscriptionPanel", "Move down the queue"))
        self.pause_action = self._action(
            "debug-pause", translate("TranscriptionPanel", "Pause all"), "Ctrl+Shift+P", self.toggle_pause,
            translate("TranscriptionPanel", "Pause or resume the whole queue"))
        self.export_selected_action = self._action(
            "export", translate("TranscriptionPanel", "Export selected…"), "Ctrl+E", self.export_selected,
            translate("TranscriptionPanel", "Export the selected finished jobs to a folder"))
        self.run_prompt_action = self._action(
            "run-all", translate("TranscriptionPanel", "Run a prompt over these…"), None,
            self.run_prompt_over_selected,
            translate("TranscriptionPanel", "Use the selected finished transcripts as the inputs of a bulk job"))

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for action in (self.cancel_action, self.retry_action, self.remove_action, None, self.up_action,
                       self.down_action, None, self.export_selected_action, self.run_prompt_action):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    # --- adding files ---------------------------------------------------------------------------

    def add_paths(self, paths: list[Path]) -> None:
        """Queue files and folders with the current options (unusable files are listed, not queued)."""
        if not paths:
            return
        options, changes = self.options.options().adjusted()
        options, fallbacks = self.service.usable_options(options)  # a gone model: its successor, said so
        problems = options.problems()
        if problems:
            self.show_message(" ".join(problems))
            return
        if changes or fallbacks:
            self.show_message(" ".join(changes + fallbacks))
        self._spawn(lambda: self._add(list(paths), options, fallbacks))

    async def _add(self, paths: list[Path], options: Any, notes: list[str] | None = None) -> None:
        added = await self.service.add(paths, options)
        rejected = [i for i in added if i.phase is JobPhase.REJECTED]
        queued = len(added) - len(rejected)
        text = TranscriptionPanel.tr("%n files queued", None, queued)
        if rejected:
            files = ", ".join(
                translate("TranscriptionPanel", "{name} ({reason})").format(name=i.name, reason=i.error)
                for i in rejected[:5]
            )
            if len(rejected) > 5:
                files = TranscriptionPanel.tr("{files} and %n more", None, len(rejected) - 5).format(files=files)
            text = translate("TranscriptionPanel", "{queued}; not queued: {files}").format(queued=text, files=files)
        self.show_message(" ".join([*(notes or []), text]), queue_note=queued > 0)
        self._settle_queue_note()

    def pick_files(self) -> None:
        self.add_paths(choose_files(self))

    def use_model(self, model_id: str) -> None:
        """"Use for transcription" from the model browser: new jobs use this model."""
        if self.options.use_model(model_id):
            self.show_message(translate("TranscriptionPanel", "New jobs will use {model}.").format(model=model_id))
        else:
            self.show_message(translate(
                "TranscriptionPanel", "{model} is not a speech-to-text model; new jobs keep {current}."
            ).format(model=model_id, current=self.options.options().model))

    def handle_drop(self, urls: Iterable[QUrl]) -> None:
        paths = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
        self.add_paths(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
            self.handle_drop(event.mimeData().urls())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Delete on the table when the shortcut did not fire (e.g. the window is not active yet).
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
        ):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)

    # --- row actions ----------------------------------------------------------------------------

    def selected_jobs(self) -> list[JobInfo]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [job for row in rows if (job := self.model.job_at(row)) is not None]

    def select_job(self, job_id: int) -> None:
        row = self.model.row_of(job_id)
        if row is not None:
            self.table.selectionModel().select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )

    def run_prompt_over_selected(self) -> None:
        """(job id, file name, transcript) of the selected finished jobs, for the Bulk panel."""
        chosen = [(j.id, j.name, t.text) for j in self.selected_jobs()
                  if j.phase is JobPhase.DONE and (t := self.service.transcript(j.id)) is not None]
        if chosen:
            self.run_prompt_requested.emit(chosen)

    def cancel_selected(self) -> None:
        for job in self.selected_jobs():
            self.service.cancel(job.id)

    def retry_selected(self) -> None:
        """Retry with each job's own options, or with the current ones where its model is no longer offered."""
        notes: list[str] = []
        for job in self.selected_jobs():
            if self.options.valid_model(job.options.model):
                self.service.retry(job.id)
                continue
            options, _changes = self.options.options().adjusted()
            if self.service.retry(job.id, options):
                notes.append(translate(
                    "TranscriptionPanel",
                    "{name}: “{model}” is not a speech model on the list, so it was retried with the current "
                    "options ({current}).",
                ).format(name=job.name, model=job.options.model, current=options.model))
        if notes:
            self.show_message(" ".join(notes))

    def remove_selected(self) -> None:
        jobs = self.selected_jobs()
        # A finished transcript (or paid-for chunks) is deleted with the job: ask first.
        valuable = [j.name for j in jobs if j.phase is JobPhase.DONE or j.chunks_done]
        if valuable and not confirm_remove(self, valuable):
            return
        for job in jobs:
            self.service.remove(job.id)

    def move_selected(self, delta: int) -> None:
        jobs = [j for j in self.selected_jobs() if j.id > 0]
        for job in sorted(jobs, key=lambda j: self.model.row_of(j.id) or 0, reverse=delta > 0):
            self.service.move(job.id, delta)
        self.table.clearSelection()
        for job in jobs:
            row = self.model.row_of(job.id)
            if row is not None:
                self.table.selectionModel().select(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
                )

    def toggle_pause(self) -> None:
        if self.service.paused:
            self.service.resume_all()
        else:
            self.service.pause_all()
        self._update_actions()

    def _update_actions(self) -> None:
        jobs = self.selected_jobs()
        self.cancel_action.setEnabled(any(not j.phase.finished for j in jobs))
        self.retry_action.setEnabled(any(j.phase in (JobPhase.FAILED, JobPhase.CANCELLED) for j in jobs))
        self.remove_action.setEnabled(bool(jobs))
        self.up_action.setEnabled(any(j.id > 0 for j in jobs))
        self.down_action.setEnabled(any(j.id > 0 for j in jobs))
        self.export_selected_action.setEnabled(any(j.phase is JobPhase.DONE for j in jobs))
        paused = self.service.paused
        self.pause_action.setText(translate("TranscriptionPanel", "Resume all") if paused
                                  else translate("TranscriptionPanel", "Pause all"))
        self.pause_action.setIcon(icons.icon("debug-continue" if paused else "debug-pause"))

    # --- results --------------------------------------------------------------------------------

    def _selection_changed(self, *_args: Any) -> None:
        self._update_actions()
        jobs = self.selected_jobs()
        job = jobs[0] if len(jobs) == 1 else None
        self._show_job(job)

    def _show_job(self, job: JobInfo | None, refresh: bool = False) -> None:
        if job is None or job.phase is not JobPhase.DONE:
            if self._shown_job is not None or job is not None or refresh:
                title = "" if job is None else translate("TranscriptionPanel", "{name}: {status}").format(
                    name=job.name, status=job.status_text())
                self.viewer.show_transcript(None, None, title)
            self._shown_job = None
            return
        if self._shown_job == job.id:
            return
        self._shown_job = job.id
        loading = translate("TranscriptionPanel", "{name}: loading…").format(name=job.name)
        self.viewer.show_transcript(None, None, loading)
        self._spawn(lambda: self._load_transcript(job))

    async def _load_transcript(self, job: JobInfo) -> None:
        # Reading and parsing a long transcript must not freeze the window.
        transcript = await asyncio.to_thread(self.service.transcript, job.id)
        if not shiboken6.isValid(self.viewer):  # the window closed while reading
            return
        if self._shown_job == job.id:  # the selection may have moved on meanwhile
            self.viewer.show_transcript(transcript, job.path, job.name)

    def export_current(self, fmt: str) -> None:
        job_id = self._shown_job
        if job_id is None:
            return
        job = self.service.job(job_id)
        ext = subtitles.FORMATS[fmt]
        suggested = (self.options.export_dir() or (job.path.parent if job else Path.home())) / (
            f"{Path(job.name).stem if job else 'transcript'}.{ext}"
        )
        path = choose_save_path(self, suggested, ext)
        if path is None:
            return
        self._spawn(lambda: self._export_one(job_id, fmt, path))

    async def _export_one(self, job_id: int, fmt: str, path: Path) -> None:
        try:
            await asyncio.to_thread(self.service.export, job_id, fmt, path)
        except (OSError, ValueError) as exc:
            self.show_message(translate("TranscriptionPanel", "Export failed: {error}").format(error=exc))
            return
        self.show_message(translate("TranscriptionPanel", "Saved {path}").format(path=path))

    def export_selected(self) -> None:
        jobs = [j for j in self.selected_jobs() if j.phase is JobPhase.DONE]
        if not jobs:
            return
        folder = choose_export_folder(self)
        if folder is None:
            return
        formats = self.options.export_formats() or EXPORT_FORMATS
        self.export_selected_action.setEnabled(False)
        self.exporting = self._spawn(lambda: self._export_many([j.id for j in jobs], folder, formats))

    async def _export_many(self, job_ids: list[int], folder: Path, formats: Iterable[str]) -> None:
        def progress(done: int, total: int) -> None:
            self.show_message(translate("TranscriptionPanel", "Exporting {done}/{total}…").format(
                done=i18n.number(done), total=i18n.number(total)))

        try:
            written = await self.service.export_many(job_ids, folder, formats, progress)
        except OSError as exc:
            self.show_message(translate("TranscriptionPanel", "Export failed: {error}").format(error=exc))
            return
        finally:
            self._update_actions()
        count = len(written)
        self.show_message(TranscriptionPanel.tr("Exported %n files to {folder}", None, count).format(folder=folder))

    def _apply_auto_export(self) -> None:
        self.service.set_auto_export(self.options.export_dir(), self.options.export_formats())

    # --- service events -------------------------------------------------------------------------

    def _on_event(self, event: TranscriptionEvent) -> None:
        if event.kind == "removed":
            self.model.remove(event.job_id)
            if self._shown_job == event.job_id:
                self._show_job(None)
        elif event.kind == "reordered":
            self.model.reset(self.service.jobs())
        elif event.job is not None:
            self.model.upsert(event.job)
            selected = self.selected_jobs()
            if len(selected) == 1 and selected[0].id == event.job_id:
                self._show_job(event.job, refresh=True)
            elif not selected and event.job.phase is JobPhase.DONE and self.model.rowCount() == 1:
                self.select_job(event.job_id)  # the only job just finished: its transcript shows
        self.hint.setVisible(self.model.rowCount() == 0)
        self._update_actions()
        self._settle_queue_note()

    def _settle_queue_note(self) -> None:
        """"3 files queued" is true only while they are: once none is left to run, say how it ended."""
        if not self._queue_note:
            return
        jobs = [j for j in self.model.jobs() if j.id > 0]
        if any(not j.phase.finished for j in jobs):
            return
        counts: dict[JobPhase, int] = {}
        for job in jobs:
            counts[job.phase] = counts.get(job.phase, 0) + 1
        summary = ", ".join(finished_count_text(phase, n) for phase, n in counts.items())
        self.show_message(translate("TranscriptionPanel", "Queue finished: {counts}.").format(counts=summary)
                          if counts else "")

    def show_message(self, text: str, queue_note: bool = False) -> None:
        self.message.setText(text)
        self._queue_note = queue_note

    # --- async plumbing -------------------------------------------------------------------------

    def _spawn(self, make: Callable[[], Coroutine[Any, Any, Any]]) -> asyncio.Task[Any] | None:
        """Run a coroutine on the app's qasync loop; its failure becomes a message, not a crash."""
        return spawn_guarded(make, self._tasks, self.show_message, "a transcription action")
