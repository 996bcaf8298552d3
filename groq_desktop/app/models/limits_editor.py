"""Editing one model's six limits for the current plan: saved to the user's limits file, applied at once."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from groq_desktop.app import icons
from groq_desktop.app.composition import Services
from groq_desktop.app.models.model_table_model import dimension_label
from groq_desktop.core.quota.limits import Dimension, LimitTable, ModelLimits
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate

_MAX_VALUE = 2_000_000_000  # QSpinBox is 32-bit; far above any published limit
_UNITS = {
    "requests": QT_TRANSLATE_NOOP("LimitsEditor", "requests"),
    "tokens": QT_TRANSLATE_NOOP("LimitsEditor", "tokens"),
    "input_tokens": QT_TRANSLATE_NOOP("LimitsEditor", "input tokens"),
    "output_tokens": QT_TRANSLATE_NOOP("LimitsEditor", "output tokens"),
    "audio_seconds": QT_TRANSLATE_NOOP("LimitsEditor", "audio seconds"),
}


def save_limits(services: Services, model: str, limits: ModelLimits) -> Path:
    """Put ``limits`` in the table for the limiter's plan, write the user's file, apply them now."""
    plan = services.limiter.plan
    services.limit_table.set_limits(model, limits, plan)
    write_limit_table(services.limit_table, services.limits_path)
    services.limiter.set_limits(model, limits)
    return services.limits_path


def write_limit_table(table: LimitTable, path: Path) -> None:
    """Atomic write (temp file, fsync, rename), so a crash never leaves a torn limits file."""
    table.save(path)


class LimitsEditor(QDialog):
    """A small form for the six values; open it with ``.open()`` (never ``exec()``)."""

    saved = Signal(str)  # model id

    def __init__(self, services: Services, model: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.model = model
        plan = services.limiter.plan
        self.setWindowTitle(translate("LimitsEditor", "Limits of {model}").format(model=model))
        current = services.limit_table.limits_for(model, plan)

        layout = QVBoxLayout(self)
        intro = QLabel(translate(
            "LimitsEditor",
            "Limits of <b>{model}</b> on the <b>{plan}</b> plan. 0 means not limited. "
            "They apply at once and are saved to your limits file; response headers still correct them.",
        ).format(model=html.escape(model), plan=html.escape(plan)))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.fields: dict[Dimension, QSpinBox] = {}
        for dimension in Dimension:
            box = QSpinBox()
            box.setRange(0, _MAX_VALUE)
            box.setGroupSeparatorShown(True)
            box.setSpecialValueText(translate("LimitsEditor", "not limited"))
            unit = _UNITS.get(dimension.unit)
            box.setSuffix(" " + (translate("LimitsEditor", unit) if unit else dimension.unit))
            box.setValue(int(current.get(dimension) or 0))
            box.setToolTip(dimension_label(dimension))
            box.setAccessibleName(dimension_label(dimension))
            form.addRow(translate("LimitsEditor", "{code} ({label}):").format(
                code=dimension.value, label=dimension_label(dimension)), box)
            self.fields[dimension] = box
        layout.addLayout(form)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.reset_button = QPushButton(icons.icon("discard"), translate("LimitsEditor", "Published values"))
        self.reset_button.setToolTip(translate("LimitsEditor", "Fill in the limits Groq publishes for this plan (not yet saved)"))
        buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.reset_button.clicked.connect(self._fill_published)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setProperty("role", "error")
        self.error.hide()
        layout.addWidget(self.error)

    def limits(self) -> ModelLimits:
        return ModelLimits({d: float(box.value()) for d, box in self.fields.items() if box.value() > 0})

    def set_value(self, dimension: Dimension, value: float | None) -> None:
        self.fields[dimension].setValue(int(value or 0))

    def _fill_published(self) -> None:
        published = LimitTable.load().limits_for(self.model, self._services.limiter.plan)
        for dimension in Dimension:
            self.set_value(dimension, published.get(dimension))

    def save(self) -> None:
        try:
            save_limits(self._services, self.model, self.limits())
        except OSError as exc:
            self.error.setText(translate("LimitsEditor", "Could not save the limits file: {reason}").format(reason=exc))
            self.error.show()
            return
        self.saved.emit(self.model)
        self.accept()
