"""The tray icon: a live gauge of the last-used model's tightest limit, a short menu, and notifications.

Everything works without a real system tray (offscreen, some desktops): the menu, the gauge and the
notification decisions live on this object, and only showing them needs the tray.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon, QWidget

from groq_desktop import i18n
from groq_desktop.app import icons, quota_words, theme
from groq_desktop.app.bridge import CoreSignals
from groq_desktop.app.composition import Services
from groq_desktop.i18n import translate
from groq_desktop.services.transcription import JobPhase, TranscriptionEvent

ICON_SIZE = 64
REPAINT_MS = 500  # the gauge follows the limiter at most twice a second


@dataclass
class TrayActions:
    new_chat: Callable[[], object]
    transcribe_files: Callable[[], object]
    toggle_pause: Callable[[], object]
    is_paused: Callable[[], bool]
    show_window: Callable[[], object]
    quit: Callable[[], object]


@dataclass(frozen=True)
class Gauge:
    """The tightest dimension of one model: the share left (0..1) and the words for the tooltip."""

    share: float
    text: str


def tightest(services: Services, model: str) -> Gauge | None:
    """The limit of ``model`` with the least share left (None before anything is known)."""
    best: Gauge | None = None
    for snap in services.limiter.snapshot(model):
        if not snap.limit:
            continue
        share = 0.0 if snap.closed_for > 0 else quota_words.whole_left(snap.remaining) / snap.limit
        if best is None or share < best.share:
            best = Gauge(max(0.0, min(1.0, share)), quota_words.left_text(snap.dimension, snap.remaining, snap.limit))
    return best


def gauge_colour(share: float) -> QColor:
    colours = theme.tokens()
    if share < 0.15:
        return colours.danger
    if share < 0.4:
        return colours.warning
    return colours.success


def gauge_pixmap(share: float | None, size: int = ICON_SIZE) -> QPixmap:
    """A disc in the app's colour with a ring showing the share left (a full grey ring when unknown)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen_width = size * 0.14
    ring = QRectF(pen_width / 2, pen_width / 2, size - pen_width, size - pen_width)
    painter.setPen(Qt.PenStyle.NoPen)
    colours = theme.tokens()
    painter.setBrush(colours.accent)
    inner = size * 0.22
    painter.drawEllipse(ring.adjusted(inner, inner, -inner, -inner))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    track = QColor(colours.muted_text)
    track.setAlpha(90)
    painter.setPen(QPen(track, pen_width))
    painter.drawEllipse(ring)
    if share is not None:
        painter.setPen(QPen(gauge_colour(share), pen_width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        painter.drawArc(ring, 90 * 16, -round(360 * 16 * share))  # clockwise from twelve o'clock
    painter.end()
    return pixmap


class _Relay(QObject):
    transcription = Signal(object)  # the service calls back on worker threads; Qt queues it here


class TrayController(QObject):
    """Owns the tray icon (if the desktop has a tray), its menu and gauge, and the notifications."""

    def __init__(self, services: Services, signals: CoreSignals, window: QWidget, actions: TrayActions,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._window = window
        self._actions = actions
        self.model: str | None = None
        self.gauge: Gauge | None = None
        self.notifications: list[tuple[str, str]] = []  # what was (or would have been) shown

        self.menu = QMenu(window)
        self.new_chat_action = self._add(translate("TrayController", "New chat"), "comment-add", actions.new_chat)
        self.transcribe_action = self._add(
            translate("TrayController", "Transcribe files…"), "file-media", actions.transcribe_files)
        self.pause_action = self._add(translate("TrayController", "Pause queue"), "debug-pause", actions.toggle_pause)
        self.pause_action.setCheckable(True)
        self.menu.aboutToShow.connect(self._sync_pause)
        self.menu.addSeparator()
        self.show_action = self._add(translate("TrayController", "Show window"), "window", actions.show_window)
        self.quit_action = self._add(translate("TrayController", "Quit"), "sign-out", actions.quit)

        self.icon = QSystemTrayIcon(self)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)
        self._timer = QTimer(self, singleShot=True, interval=REPAINT_MS)
        self._timer.timeout.connect(self.refresh)
        signals.limits_changed.connect(self._on_limits_changed)
        self._relay = _Relay(self)
        self._relay.transcription.connect(self._on_transcription)
        self._unsubscribe = services.transcription.subscribe(self._relay.transcription.emit)
        self.refresh()
        if self.available():
            self.icon.show()

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def _add(self, text: str, icon_name: str, run: Callable[[], object]) -> QAction:
        action = self.menu.addAction(icons.icon(icon_name), text)
        action.triggered.connect(lambda _checked=False: run())
        return action

    def _sync_pause(self) -> None:
        self.pause_action.setChecked(self._actions.is_paused())

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self._actions.show_window()

    def _on_limits_changed(self, model: str) -> None:
        self.model = model
        if not self._timer.isActive():
            self._timer.start()

    def refresh(self) -> None:
        self.gauge = tightest(self._services, self.model) if self.model else None
        self.icon.setIcon(QIcon(gauge_pixmap(self.gauge.share if self.gauge else None)))
        tip = translate("TrayController", "Groq Desktop (demo)") if self._services.demo else "Groq Desktop"
        if self.gauge is not None:
            tip += f"\n{self.model}: {self.gauge.text}"
        self.icon.setToolTip(tip)

    def window_hidden(self) -> bool:
        return not self._window.isVisible() or self._window.isMinimized()

    def notify(self, title: str, text: str) -> bool:
        """A desktop notification, only while the window is out of sight; True when one was given."""
        if not self.window_hidden():
            return False
        self.notifications.append((title, text))
        if self.available() and QSystemTrayIcon.supportsMessages():
            self.icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information)
        else:
            QApplication.alert(self._window)
        return True

    def _on_transcription(self, event: TranscriptionEvent) -> None:
        """When the queue's last running job ends (a long file, or a batch of files), say how it went."""
        job = event.job
        if event.kind != "changed" or job is None or job.phase not in (JobPhase.DONE, JobPhase.FAILED):
            return
        jobs = [j for j in self._services.transcription.jobs() if j.id > 0]
        if any(not j.phase.finished for j in jobs):
            return
        done = sum(j.phase is JobPhase.DONE for j in jobs)
        failed = sum(j.phase is JobPhase.FAILED for j in jobs)
        if len(jobs) == 1 and done:
            title = translate("TrayController", "Transcribed {name}").format(name=job.name)
        else:
            title = translate("TrayController", "Transcription queue finished")
        if failed:
            text = translate("TrayController", "{done} done, {failed} failed.").format(
                done=i18n.number(done), failed=i18n.number(failed))
        else:
            text = translate("TrayController", "{done} done.").format(done=i18n.number(done))
        self.notify(title, text)

    def close(self) -> None:
        self._unsubscribe()
        self.icon.hide()
