"""The main window: a sidebar with the four areas, a demo-mode banner and a status bar."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from groq_desktop.app import appearance
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.i18n import translate

if TYPE_CHECKING:
    from groq_desktop.app import help
    from groq_desktop.app.bulk.panel import BulkPanel
    from groq_desktop.app.composition import Services
    from groq_desktop.app.models.panel import ModelsPanel
    from groq_desktop.app.monitor.panel import MonitorPanel
    from groq_desktop.app.settings_dialog import SettingsDialog
    from groq_desktop.app.transcription.panel import TranscriptionPanel
    from groq_desktop.app.welcome import WelcomeDialog

log = logging.getLogger(__name__)
NAV_WIDTH = 176
# Stack positions of the panels built on first use (their modules pull QtCharts, the price table...).
TRANSCRIBE, MODELS, MONITOR, BULK = 1, 2, 3, 4
# The queue is built (and resumes unfinished jobs) this long after the first paint, so a first key press
# is not kept waiting behind it.
QUEUE_AFTER_PAINT_MS = 300


class _FirstPaint(QObject):
    """Runs callbacks once the watched window has painted for the first time (until cancelled)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.callbacks: list[Callable[[], object]] = []
        self.done = False
        window.installEventFilter(self)

    def add(self, callback: Callable[[], object]) -> None:
        self.callbacks.append(callback)
        if self.done:
            QTimer.singleShot(0, self, self._run)

    def cancel(self) -> None:
        """Drop the callbacks not yet run, including those already due on the event loop."""
        self.callbacks = []

    def _run(self) -> None:
        callbacks, self.callbacks = self.callbacks, []
        for callback in callbacks:
            callback()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # with a context: never after the window is gone
        return False


class MainWindow(QMainWindow):
    """The window; built in two steps so it paints before the services and panels are loaded.

    ``MainWindow(None, settings, demo=...)`` is the frame: the sidebar, the banner and a composer that takes
    keystrokes at once; ``attach(services)`` builds the rest and hands over what was typed.
    ``MainWindow(services, settings)`` does both at once.
    """

    def __init__(
        self, services: Services | None, settings: AppSettings, parent: QWidget | None = None, *, demo: bool = False
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.attached = False
        self._quitting = False
        self._build_soon: list[QTimer] = []
        appearance.apply(settings)
        appearance.watch(QApplication.instance())  # the style sheet follows live light/dark switches
        self._build_frame(services.demo if services is not None else demo)
        if services is not None:
            self.attach(services)

    def _build_frame(self, demo: bool) -> None:
        self.demo = demo
        self.setWindowTitle(translate("MainWindow", "Groq Desktop — demo mode") if demo else "Groq Desktop")
        self.resize(1280, 820)
        self._first_paint = _FirstPaint(self)
        self._built: dict[int, QWidget] = {}
        # The composer until the chat panel exists: what is typed there moves into the real one.
        self.early_composer = QPlainTextEdit()
        self.early_composer.setObjectName("earlyComposer")
        self.early_composer.setPlaceholderText(translate("MainWindow", "Message the model…"))
        self.early_composer.setMaximumHeight(120)
        starting = QWidget()
        starting_layout = QVBoxLayout(starting)
        starting_layout.addStretch(1)
        starting_layout.addWidget(self.early_composer)
        self._areas: list[tuple[str, QWidget]] = [
            (translate("MainWindow", "Chat"), starting),
            (translate("MainWindow", "Transcribe"), QWidget()),  # placeholders until first shown or reached
            (translate("MainWindow", "Models"), QWidget()),
            (translate("MainWindow", "Queue && limits"), QWidget()),
            (translate("MainWindow", "Bulk"), QWidget()),
        ]

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(NAV_WIDTH)
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.stack = QStackedWidget()
        for index, (title, panel) in enumerate(self._areas):
            item = QListWidgetItem(title.replace("&&", "&"))
            item.setToolTip(translate("MainWindow", "{area} (Ctrl+{number})").format(
                area=title.replace("&&", "&"), number=index + 1))
            self.nav.addItem(item)
            self.stack.addWidget(panel)
        self.nav.setCurrentRow(0)  # the frame shows the chat's composer; attach() goes to the last area used

        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        if demo:
            column.addWidget(self._demo_banner())
        column.addWidget(body, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(translate("MainWindow", "Starting…"))
        self.early_composer.setFocus(Qt.FocusReason.OtherFocusReason)

    def attach(self, services: Services, build_soon: bool = True) -> None:
        """Build the panels, menus, status bar and tray on ``services``; keeps what was typed meanwhile.

        The Transcribe and Bulk panels follow shortly after the first paint, or, with ``build_soon`` False,
        once ``build_queue_soon()`` is called (when their modules are loaded).
        """
        from groq_desktop.app.bridge import CoreSignals
        from groq_desktop.app.chat.panel import ChatPanel
        from groq_desktop.app.status_quota import StatusQuota
        from groq_desktop.app.tray import TrayActions, TrayController

        self.services = services
        self.signals = CoreSignals(services, self)
        self.chat_panel = ChatPanel(services, self.signals, self.settings)
        self._take_early_text()
        starting = self.stack.widget(0)
        self.stack.insertWidget(0, self.chat_panel)
        self.stack.removeWidget(starting)
        starting.deleteLater()
        self._areas[0] = (self._areas[0][0], self.chat_panel)
        self.nav.currentRowChanged.connect(self._show_area)

        self.status_quota = StatusQuota(services, self.signals)
        self.statusBar().addPermanentWidget(self.status_quota)
        self.statusBar().showMessage(
            translate("MainWindow", "Demo mode: the built-in Groq emulator answers") if services.demo
            else translate("MainWindow", "Connected to {url}").format(url=services.config.client.base_url)
        )
        self._build_menu()
        self.setAcceptDrops(True)
        # Built soon whatever shows: the queue and Bulk resume unfinished jobs when they are built.
        for delay, index in ((QUEUE_AFTER_PAINT_MS, TRANSCRIBE), (2 * QUEUE_AFTER_PAINT_MS, BULK)):
            timer = QTimer(self, singleShot=True, interval=delay)
            timer.timeout.connect(lambda i=index: self._panel_at(i))
            self._build_soon.append(timer)
        if build_soon:
            self.build_queue_soon()

        geometry = self.settings.get(Key.WINDOW_GEOMETRY)
        if isinstance(geometry, QByteArray) and not self.isVisible():
            self.restoreGeometry(geometry)
        self.tray = TrayController(services, self.signals, self, TrayActions(
            new_chat=lambda: (self.bring_to_front(), self._in_chat(self.chat_panel.new_conversation)),
            transcribe_files=lambda: (self.bring_to_front(), self._pick_files()),
            toggle_pause=lambda: self.transcription_panel.toggle_pause(),
            is_paused=lambda: services.transcription.paused,
            show_window=self.bring_to_front,
            quit=self.quit_app,
        ), self)
        self.attached = True
        row = int(self.settings.get(Key.LAST_PANEL, 0) or 0)
        if row == self.nav.currentRow():
            self._show_area(row)
        else:
            self.nav.setCurrentRow(row)

    def build_queue_soon(self) -> None:
        for timer in self._build_soon:
            self.after_first_paint(timer.start)

    def _take_early_text(self) -> None:
        """What was typed before the chat panel existed goes into its composer, after any saved draft."""
        typed = self.early_composer.toPlainText()
        had_focus = self.early_composer.hasFocus() or QApplication.focusWidget() is None
        composer = self.chat_panel.composer
        if typed:
            draft = composer.text()
            composer.set_text(f"{draft}\n{typed}" if draft else typed)
            composer.edit.moveCursor(QTextCursor.MoveOperation.End)
        if had_focus:
            composer.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- panels built on first use: the first screen pays only for the chat and the queue -----------

    def _lazy(self, index: int, build: Callable[[], QWidget]) -> QWidget:
        panel = self._built.get(index)
        if panel is None:
            panel = self._built[index] = build()
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, panel)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._areas[index] = (self._areas[index][0], panel)
        return panel

    def after_first_paint(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` on the event loop once the window has painted (soon, if it has)."""
        self._first_paint.add(callback)

    @property
    def transcription_panel(self) -> TranscriptionPanel:
        def build() -> TranscriptionPanel:
            from groq_desktop.app.transcription.panel import TranscriptionPanel

            panel = TranscriptionPanel(self.services, self.signals, self.settings)
            panel.run_prompt_requested.connect(
                lambda transcripts: (self.show_area(self.bulk_panel), self.bulk_panel.run_prompt_over(transcripts)))
            return panel

        return self._lazy(TRANSCRIBE, build)  # type: ignore[return-value]

    @property
    def models_panel(self) -> ModelsPanel:
        def build() -> ModelsPanel:
            from groq_desktop.app.models.panel import ModelsPanel

            panel = ModelsPanel(self.services, self.signals, self.settings)
            panel.chat_with_model.connect(self._chat_with_model)
            panel.use_for_transcription.connect(self._use_for_transcription)
            return panel

        return self._lazy(MODELS, build)  # type: ignore[return-value]

    @property
    def monitor_panel(self) -> MonitorPanel:
        def build() -> MonitorPanel:
            from groq_desktop.app.monitor.panel import MonitorPanel

            return MonitorPanel(self.services, self.signals, self.settings)

        return self._lazy(MONITOR, build)  # type: ignore[return-value]

    @property
    def bulk_panel(self) -> BulkPanel:
        def build() -> BulkPanel:
            from groq_desktop.app.bulk.panel import BulkPanel

            panel = BulkPanel(self.services, self.settings)
            bulk_notify = panel.notify  # the panel's own note stays for when the window is in sight
            panel.notify = lambda title, text: self.tray.notify(title, text) or bulk_notify(title, text)
            return panel

        return self._lazy(BULK, build)  # type: ignore[return-value]

    def _panel_at(self, index: int) -> QWidget:
        lazy = {TRANSCRIBE: "transcription_panel", MODELS: "models_panel", MONITOR: "monitor_panel",
                BULK: "bulk_panel"}.get(index)
        return getattr(self, lazy) if lazy else self.stack.widget(index)

    def _demo_banner(self) -> QWidget:
        banner = QFrame()
        banner.setObjectName("demoBanner")
        layout = QHBoxLayout(banner)
        layout.setContentsMargins(12, 4, 12, 4)
        label = QLabel(translate(
            "MainWindow", "<b>Demo mode</b>: a Groq emulator built into the app answers; nothing is sent to Groq."))
        label.setObjectName("demoLabel")
        label.setWordWrap(True)  # a narrow window wraps it instead of being held wide
        button = QPushButton(translate("MainWindow", "Use my key…"))
        button.setObjectName("useMyKey")
        button.setToolTip(translate("MainWindow", "Paste your Groq API key (Settings)"))
        # Reachable by Tab, but never the place the first keystrokes go.
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(lambda: self.attached and self.open_settings())
        layout.addWidget(label, 1)
        layout.addWidget(button)
        return banner

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def focus_composer(self) -> None:
        self.chat_panel.composer.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def welcome_if_first_run(self) -> WelcomeDialog | None:
        return None if self.settings.get(Key.WELCOME_SHOWN) else self.show_welcome()

    def show_welcome(self) -> WelcomeDialog:
        from groq_desktop.app.welcome import WelcomeDialog

        dialog = WelcomeDialog(self.services, self.settings, self)
        dialog.use_key_requested.connect(self._use_key_from_welcome)
        dialog.finished.connect(lambda _result: self._back_from_dialog())
        dialog.open()
        return dialog

    def _back_from_dialog(self) -> None:
        """After the welcome, the keys go where they would have gone without it (the composer)."""
        self.activateWindow()
        self._focus_into(self.stack.currentWidget())

    def _use_key_from_welcome(self, key: str) -> None:
        settings = self.open_settings()
        settings.key_edit.setText(key)

    def quit_app(self) -> None:
        self._quitting = True
        hidden = not self.isVisible()
        self.close()
        if hidden:  # a hidden window's close does not end the app by itself
            QApplication.quit()

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(translate("MainWindow", "&File"))
        open_action = QAction(translate("MainWindow", "&Transcribe files…"), self, shortcut=QKeySequence("Ctrl+O"))
        open_action.triggered.connect(self._pick_files)
        file_menu.addAction(open_action)
        settings_action = QAction(translate("MainWindow", "&Settings…"), self, shortcut=QKeySequence("Ctrl+,"))
        settings_action.triggered.connect(self.open_settings)
        file_menu.addAction(settings_action)
        file_menu.addSeparator()
        quit_action = QAction(translate("MainWindow", "&Quit"), self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.quit_app)
        file_menu.addAction(quit_action)

        chat_menu = self.menuBar().addMenu(translate("MainWindow", "&Chat"))
        chat = self.chat_panel
        # Only "New conversation" works from every panel; the rest belong to the chat, so their keys
        # (Ctrl+R, Ctrl+Shift+C) are free for the panel showing (the Transcribe panel's Retry, Copy all).
        self._chat_only_actions: list[QAction] = []
        # Actions that also need something to act on (a reply to regenerate, a conversation to export).
        self._chat_action_ready: dict[QAction, Callable[[], bool]] = {}
        exports = (translate("MainWindow", "Export as &Markdown…"), translate("MainWindow", "Export as &JSON…"))
        for text, keys, slot in (
            (translate("MainWindow", "&New conversation"), "Ctrl+N", chat.new_conversation),
            (translate("MainWindow", "&Find in conversation") + "\tCtrl+F", None, chat.open_find),
            (translate("MainWindow", "&Regenerate last reply"), "Ctrl+R", chat.request_regenerate),
            (translate("MainWindow", "&Stop the reply") + "\tEsc", None, chat.stop),
            (translate("MainWindow", "&Copy last reply"), "Ctrl+Shift+C", chat.copy_last_reply),
            (exports[0], None, lambda: chat.export("markdown")),
            (exports[1], None, lambda: chat.export("json")),
        ):
            action = QAction(text, self)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.triggered.connect(lambda _checked=False, run=slot: self._in_chat(run))
            chat_menu.addAction(action)
            if slot != chat.new_conversation:
                self._chat_only_actions.append(action)
            if slot == chat.request_regenerate:
                self._chat_action_ready[action] = chat.can_regenerate
            elif text in exports:
                self._chat_action_ready[action] = chat.can_export
        chat.actions_changed.connect(self._update_chat_actions)

        view_menu = self.menuBar().addMenu(translate("MainWindow", "&View"))
        for index, (title, _panel) in enumerate(self._areas):
            action = QAction(title, self, shortcut=QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, i=index: self.nav.setCurrentRow(i))
            view_menu.addAction(action)
        view_menu.addSeparator()
        self.sidebar_action = QAction(translate("MainWindow", "&Sidebar"), self, shortcut=QKeySequence("Ctrl+B"), checkable=True)
        self.sidebar_action.setChecked(True)
        self.sidebar_action.toggled.connect(self.nav.setVisible)  # Ctrl+1…4 still switch without it
        view_menu.addAction(self.sidebar_action)

        help_menu = self.menuBar().addMenu(translate("MainWindow", "&Help"))
        help_menu.addAction(translate("MainWindow", "&Welcome and API key…"), self.show_welcome)
        help_menu.addAction(translate("MainWindow", "&Keyboard shortcuts"), self.show_shortcuts)
        help_menu.addAction(translate("MainWindow", "&About Groq Desktop"), self._show_about)

    def _show_about(self) -> None:
        from groq_desktop.app import help

        help.show_about(self, self.services.demo)

    def show_shortcuts(self) -> help.ShortcutsDialog:
        from groq_desktop.app import help

        dialog = help.ShortcutsDialog(self)
        dialog.open()
        return dialog

    def _show_area(self, index: int) -> None:
        if 0 <= index < self.stack.count():
            self._panel_at(index)
        self.stack.setCurrentIndex(index)
        self.settings.set(Key.LAST_PANEL, index)
        self._update_chat_actions()
        self._focus_into(self.stack.currentWidget())

    def _update_chat_actions(self) -> None:
        on_chat = self.stack.currentWidget() is self.chat_panel
        for action in self._chat_only_actions:
            ready = self._chat_action_ready.get(action)
            action.setEnabled(on_chat and (ready is None or ready()))

    def _focus_into(self, panel: QWidget) -> None:
        """Put the focus in the panel that shows, so its own shortcuts answer at once."""
        focused = QApplication.focusWidget()
        if focused is not None and panel.isAncestorOf(focused):
            return
        # The chat's first keystrokes are for the composer, never the sidebar's buttons.
        target = self.chat_panel.composer.edit if panel is self.chat_panel else panel.focusWidget()
        if target is None:
            target = next((w for w in panel.findChildren(QWidget) if w.isVisibleTo(panel) and w.isEnabled()
                           and w.focusPolicy() & Qt.FocusPolicy.TabFocus), None)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_area(self, widget: QWidget) -> None:
        self.nav.setCurrentRow(self.stack.indexOf(widget))

    def _in_chat(self, run: Callable[[], object]) -> None:
        self.show_area(self.chat_panel)
        run()

    def _chat_with_model(self, model_id: str) -> None:
        self.show_area(self.chat_panel)
        self.chat_panel.new_conversation_with_model(model_id)

    def _use_for_transcription(self, model_id: str) -> None:
        self.show_area(self.transcription_panel)
        self.transcription_panel.use_model(model_id)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        """Files dropped anywhere on the window go to the transcription queue."""
        urls = event.mimeData().urls()
        if urls:
            self.show_area(self.transcription_panel)
            self.transcription_panel.handle_drop(urls)
            event.acceptProposedAction()

    def open_files(self, files: Iterable[Path]) -> None:
        """Files from the command line or a file manager's "Open with": queue them for transcription."""
        self.show_area(self.transcription_panel)
        self.transcription_panel.add_paths(list(files))

    def accept_launch(self, files: list[Path]) -> None:
        """A later ``groq-desktop`` handed its files over: come to the front and queue them."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        if files:
            self.open_files(files)
        log.info("brought to the front by another launch; %d file(s) queued", len(files))

    def _pick_files(self) -> None:
        self.show_area(self.transcription_panel)
        self.transcription_panel.pick_files()

    def open_settings(self) -> SettingsDialog:
        from groq_desktop.app.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.services, self.settings, self)
        dialog.accepted.connect(self.chat_panel.apply_settings)
        dialog.open()
        return dialog

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if not self._quitting and self.attached and self.settings.get(Key.CLOSE_TO_TRAY) and self.tray.available():
            self.hide()  # only with a tray to come back from
            event.ignore()
            return
        self.settings.set(Key.WINDOW_GEOMETRY, self.saveGeometry())
        if not self.attached:  # closed while starting: nothing else was built
            super().closeEvent(event)
            return
        for timer in self._build_soon:  # closing for good: nothing is built over services being closed
            timer.stop()
        self._first_paint.cancel()
        self.tray.close()
        self.chat_panel.shutdown()
        self.signals.disconnect_core()
        super().closeEvent(event)

