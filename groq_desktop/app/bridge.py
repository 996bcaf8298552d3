"""The seam between the Qt-free core and the widgets: core callbacks re-emitted as Qt signals.

Core callbacks may fire on worker threads; emitting a signal from there is safe, and Qt queues
the call to widgets living on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from groq_desktop.app.composition import Services


class CoreSignals(QObject):
    limits_changed = Signal(str)  # model id
    job_changed = Signal(object)  # scheduler.JobInfo
    models_changed = Signal()

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = [
            services.limiter.subscribe(self.limits_changed.emit),
            services.scheduler.subscribe(self.job_changed.emit),
            services.registry.subscribe(self.models_changed.emit),
        ]

    def disconnect_core(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()
