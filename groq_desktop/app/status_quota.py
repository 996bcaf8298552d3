"""The compact quota meter in the status bar: the last model used, its tightest dimensions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from groq_desktop import i18n
from groq_desktop.app import quota_words
from groq_desktop.app.bridge import CoreSignals
from groq_desktop.app.composition import Services
from groq_desktop.app.quota_words import duration
from groq_desktop.i18n import translate

REPAINT_MS = 250  # at most four repaints a second, however fast the limiter changes


def left_text(snap: Any) -> str:
    """One dimension in words, always as what is left of the limit: "requests this minute: 1 of 30 left"."""
    return quota_words.left_text(snap.dimension, snap.remaining, snap.limit)


class StatusQuota(QLabel):
    def __init__(self, services: Services, signals: CoreSignals, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._model: str | None = None
        self._timer = QTimer(self, singleShot=True, interval=REPAINT_MS)
        self._timer.timeout.connect(self.refresh)
        # A live countdown only while something refills or waits; each look also lets the limiter
        # notice a system suspend (its clock stops during one) and wake what waits.
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self.refresh)
        signals.limits_changed.connect(self._on_limits_changed)
        signals.job_changed.connect(lambda _info: self._schedule())
        self._full = ""
        self.show_text(translate("StatusQuota", "No requests yet"))

    # A long line is elided rather than widening the window (the tooltip has every figure).
    def show_text(self, text: str) -> None:
        self._full = text
        self.updateGeometry()
        self._elide()

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 8, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(min(240, self.sizeHint().width()), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(0, self.width() - 4)))

    def _on_limits_changed(self, model: str) -> None:
        self._model = model
        self._schedule()

    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def refresh(self) -> None:
        stats = self._services.scheduler.stats()
        queue = translate("StatusQuota", "queue: {waiting} waiting, {running} running").format(
            waiting=i18n.number(stats.queued + stats.waiting), running=i18n.number(stats.running))
        if self._model is None:
            self.show_text(queue)
            self._keep_ticking(stats.waiting > 0)
            return
        parts, tips = [], []
        for snap in self._services.limiter.snapshot(self._model):
            share = quota_words.whole_left(snap.remaining) / snap.limit if snap.limit else 1.0
            tips.append(translate("StatusQuota", "{left}; back to the full {limit} in {wait} — {source}").format(
                left=left_text(snap), limit=i18n.number(snap.limit), wait=duration(snap.reset_in),
                source=snap.source_text or snap.source))
            if share < 0.999 or snap.closed_for > 0:
                text = left_text(snap)
                if snap.closed_for > 0:
                    text = translate("StatusQuota", "{left}, closed for {wait}").format(
                        left=text, wait=duration(snap.closed_for))
                parts.append((share, text))
        parts.sort()
        shown = " · ".join(text for _share, text in parts[:2]) or translate("StatusQuota", "every limit has room")
        self.show_text(f"{self._model}: {shown}   |   {queue}")
        self.setToolTip("\n".join(tips))
        self._keep_ticking(bool(parts) or stats.waiting > 0)

    def _keep_ticking(self, on: bool) -> None:
        if on and not self._tick.isActive():
            self._tick.start()
        elif not on:
            self._tick.stop()
