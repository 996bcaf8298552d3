"""The compact quota meter in the status bar: the last model used, its tightest dimensions."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from groq_desktop.app.bridge import CoreSignals
from groq_desktop.app.composition import Services
from groq_desktop.errors import format_wait

REPAINT_MS = 250  # at most four repaints a second, however fast the limiter changes


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
        self.setText("No requests yet")

    def _on_limits_changed(self, model: str) -> None:
        self._model = model
        self._schedule()

    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def refresh(self) -> None:
        stats = self._services.scheduler.stats()
        queue = f"queue: {stats.queued + stats.waiting} waiting, {stats.running} running"
        if self._model is None:
            self.setText(queue)
            self._keep_ticking(stats.waiting > 0)
            return
        parts, tips = [], []
        for snap in self._services.limiter.snapshot(self._model):
            share = snap.remaining / snap.limit if snap.limit else 1.0
            tips.append(
                f"{snap.dimension.value}: {snap.remaining:,.0f} of {snap.limit:,.0f} left, full in "
                f"{format_wait(snap.reset_in)} (source: {snap.source})"
            )
            if share < 0.999 or snap.closed_for > 0:
                wait = max(snap.closed_for, snap.reset_in)
                parts.append(
                    (share, f"{snap.dimension.value} {snap.remaining:,.0f}/{snap.limit:,.0f} (full in {format_wait(wait)})")
                )
        parts.sort()
        shown = " · ".join(text for _share, text in parts[:2]) or "all quota available"
        self.setText(f"{self._model}: {shown}   |   {queue}")
        self.setToolTip("\n".join(tips))
        self._keep_ticking(bool(parts) or stats.waiting > 0)

    def _keep_ticking(self, on: bool) -> None:
        if on and not self._tick.isActive():
            self._tick.start()
        elif not on:
            self._tick.stop()
