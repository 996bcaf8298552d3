"""The transcription options form: model, language, task, prompt, temperature, timestamps, service tier
(paid plans), auto-export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from groq_desktop.app import icons
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.app.transcription.transcript_view import FORMAT_NAMES
from groq_desktop.core.model_registry import ModelCategory
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate
from groq_desktop.services.chat import tiers_for_plan
from groq_desktop.services.transcription import (
    EXPORT_FORMATS,
    MODELS,
    TRANSLATION_MODELS,
    TranscriptionOptions,
)

LANGUAGES: tuple[tuple[str, str | None], ...] = (
    (QT_TRANSLATE_NOOP("OptionsWidget", "Detect automatically"), None),
    (QT_TRANSLATE_NOOP("LanguageNames", "English"), "en"),
    (QT_TRANSLATE_NOOP("LanguageNames", "German"), "de"),
    (QT_TRANSLATE_NOOP("LanguageNames", "French"), "fr"),
    (QT_TRANSLATE_NOOP("LanguageNames", "Spanish"), "es"),
    (QT_TRANSLATE_NOOP("LanguageNames", "Italian"), "it"),
    (QT_TRANSLATE_NOOP("LanguageNames", "Portuguese"), "pt"),
    (QT_TRANSLATE_NOOP("LanguageNames", "Dutch"), "nl"),
    (QT_TRANSLATE_NOOP("LanguageNames", "Polish"), "pl"),
    (QT_TRANSLATE_NOOP("LanguageNames", "Russian"), "ru"),
    (QT_TRANSLATE_NOOP("LanguageNames", "Ukrainian"), "uk"),
    (QT_TRANSLATE_NOOP("LanguageNames", "Turkish"), "tr"),
    (QT_TRANSLATE_NOOP("LanguageNames", "Arabic"), "ar"),
    (QT_TRANSLATE_NOOP("LanguageNames", "Hindi"), "hi"),
    (QT_TRANSLATE_NOOP("LanguageNames", "Japanese"), "ja"),
    (QT_TRANSLATE_NOOP("LanguageNames", "Korean"), "ko"),
    (QT_TRANSLATE_NOOP("LanguageNames", "Chinese"), "zh"),
)
TIMESTAMPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (QT_TRANSLATE_NOOP("OptionsWidget", "Segments"), ("segment",)),
    (QT_TRANSLATE_NOOP("OptionsWidget", "Words"), ("word",)),
    (QT_TRANSLATE_NOOP("OptionsWidget", "Segments and words"), ("segment", "word")),
)
TIER_NAMES = {  # API value -> what the list shows
    "on_demand": QT_TRANSLATE_NOOP("OptionsWidget", "On demand"),
    "flex": QT_TRANSLATE_NOOP("OptionsWidget", "Flex"),
    "auto": QT_TRANSLATE_NOOP("OptionsWidget", "Automatic"),
}
TURBO_NOTE = QT_TRANSLATE_NOOP(
    "OptionsWidget", "Translation (to English) needs whisper-large-v3; the turbo model only transcribes."
)


def speech_models(registry: Any) -> list[str]:
    """Usable speech-to-text models from the registry; the service's own list until one is fetched."""
    found = [] if registry is None else [
        m.id for m in registry.models(include_retired=False)
        if m.usable and ModelCategory.SPEECH_TO_TEXT in m.categories
    ]
    return found or list(MODELS)


def choose_folder(parent: QWidget, title: str, start: str = "") -> Path | None:
    """The folder picker; tests replace this module-level function."""
    folder = QFileDialog.getExistingDirectory(parent, title, start)
    return Path(folder) if folder else None


class OptionsWidget(QWidget):
    changed = Signal()

    def __init__(
        self,
        settings: AppSettings,
        registry: Any = None,
        parent: QWidget | None = None,
        plan_of: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._registry = registry
        self._plan_of = plan_of or (lambda: str(settings.get(Key.PLAN) or "free"))
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)

        self.model_box = QComboBox()  # a pick-list: a typed id that Groq doesn't know only fails later
        self.model_box.addItems(speech_models(registry))
        self.model_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_box.setMinimumContentsLength(12)
        self.model_box.setToolTip(translate("OptionsWidget", "Speech-to-text model used for new jobs"))
        form.addRow(translate("OptionsWidget", "&Model"), self.model_box)

        self.language_box = QComboBox()
        for name, code in LANGUAGES:
            if code is None:
                self.language_box.addItem(translate("OptionsWidget", name), code)
            else:
                self.language_box.addItem(f"{translate('LanguageNames', name)} ({code})", code)
        form.addRow(translate("OptionsWidget", "&Language"), self.language_box)

        self.task_box = QComboBox()
        self.task_box.addItem(translate("OptionsWidget", "Transcribe"), "transcribe")
        self.task_box.addItem(translate("OptionsWidget", "Translate to English"), "translate")
        form.addRow(translate("OptionsWidget", "T&ask"), self.task_box)
        self.task_note = QLabel(translate("OptionsWidget", TURBO_NOTE))
        self.task_note.setWordWrap(True)
        self.task_note.setProperty("role", "caption")
        self.task_note.setEnabled(False)  # the disabled look is the palette's quiet text colour
        form.addRow("", self.task_note)

        self.prompt_edit = QLineEdit()
        self.prompt_edit.setPlaceholderText(translate("OptionsWidget", "Spelling hints: names, terms (optional)"))
        form.addRow(translate("OptionsWidget", "&Prompt"), self.prompt_edit)

        self.temperature_box = QDoubleSpinBox()
        self.temperature_box.setRange(0.0, 1.0)
        self.temperature_box.setSingleStep(0.1)
        form.addRow(translate("OptionsWidget", "T&emperature"), self.temperature_box)

        self.timestamps_box = QComboBox()
        for name, value in TIMESTAMPS:
            self.timestamps_box.addItem(translate("OptionsWidget", name), value)
        form.addRow(translate("OptionsWidget", "T&imestamps"), self.timestamps_box)

        self.tier_box = QComboBox()
        self.tier_box.setToolTip(translate(
            "OptionsWidget",
            "On demand: the standard tier · Flex: 10x the limits, may be refused when Groq is busy · "
            "Automatic: Flex when there is room",
        ))
        self.tier_label = QLabel(translate("OptionsWidget", "Service &tier"))
        self.tier_label.setBuddy(self.tier_box)
        form.addRow(self.tier_label, self.tier_box)

        self.export_edit = QLineEdit(str(settings.get(Key.AUTO_EXPORT_DIR) or ""))
        self.export_edit.setPlaceholderText(translate("OptionsWidget", "No automatic export"))
        self.export_edit.setToolTip(
            translate("OptionsWidget", "Finished transcripts are written here in the ticked formats"))
        browse = QPushButton(icons.icon("folder-opened"), translate("OptionsWidget", "Choose…"))
        browse.setToolTip(translate("OptionsWidget", "Choose the folder for automatic exports"))
        browse.clicked.connect(self._choose_export_dir)
        row = QHBoxLayout()
        row.addWidget(self.export_edit, 1)
        row.addWidget(browse)
        export_label = QLabel(translate("OptionsWidget", "Auto-e&xport to"))
        export_label.setBuddy(self.export_edit)
        form.addRow(export_label, row)
        formats_row = QGridLayout()  # three a row: fits a narrow window
        self.format_boxes: dict[str, QCheckBox] = {}
        chosen = str(settings.get(Key.AUTO_EXPORT_FORMATS) or "txt,srt").split(",")
        for fmt in EXPORT_FORMATS:
            box = QCheckBox(translate("ExportFormat", FORMAT_NAMES.get(fmt, fmt.upper())))
            box.setChecked(fmt in chosen)
            box.toggled.connect(self._formats_edited)
            self.format_boxes[fmt] = box
            formats_row.addWidget(box, (len(self.format_boxes) - 1) // 3, (len(self.format_boxes) - 1) % 3)
        form.addRow(translate("OptionsWidget", "Formats"), formats_row)

        self.update_plan()
        self.use_model(str(settings.get(Key.DEFAULT_TRANSCRIPTION_MODEL) or ""))
        self.tier_box.currentIndexChanged.connect(self._tier_chosen)
        self.model_box.currentTextChanged.connect(self._model_changed)
        self.task_box.currentIndexChanged.connect(self._task_changed)
        self.export_edit.editingFinished.connect(self._export_dir_edited)
        for signal in (
            self.language_box.currentIndexChanged,
            self.prompt_edit.textChanged,
            self.temperature_box.valueChanged,
            self.timestamps_box.currentIndexChanged,
        ):
            signal.connect(self.changed)
        self._model_changed(self.model_box.currentText())

    # --- reading --------------------------------------------------------------------------------

    def options(self) -> TranscriptionOptions:
        return TranscriptionOptions(
            model=self.model_box.currentText() or MODELS[-1],
            language=self.language_box.currentData(),
            task=self.task_box.currentData(),
            prompt=self.prompt_edit.text().strip(),
            temperature=round(self.temperature_box.value(), 2),
            timestamps=tuple(self.timestamps_box.currentData()),
            chunk_seconds=float(self._settings.get(Key.CHUNK_SECONDS) or 600.0),
            overlap_seconds=float(self._settings.get(Key.OVERLAP_SECONDS) or 10.0),
            service_tier=self.tier_box.currentData() if not self.tier_box.isHidden() else None,
        )

    def export_dir(self) -> Path | None:
        text = self.export_edit.text().strip()
        return Path(text).expanduser() if text else None

    def export_formats(self) -> tuple[str, ...]:
        return tuple(fmt for fmt, box in self.format_boxes.items() if box.isChecked())

    # --- changing -------------------------------------------------------------------------------

    def use_model(self, model_id: str) -> bool:
        """Pick ``model_id`` if it is a speech model on the list; False (and no change) otherwise."""
        index = self.model_box.findText(model_id)
        if index >= 0:
            self.model_box.setCurrentIndex(index)
        return index >= 0

    def valid_model(self, model_id: str) -> bool:
        return self.model_box.findText(model_id) >= 0

    def refresh_models(self) -> None:
        """The registry's list changed: offer its speech models, keeping the choice when it is still there."""
        current = self.model_box.currentText()
        models = speech_models(self._registry)
        if models == [self.model_box.itemText(i) for i in range(self.model_box.count())]:
            return
        self.model_box.blockSignals(True)
        self.model_box.clear()
        self.model_box.addItems(models)
        self.model_box.blockSignals(False)
        if not self.use_model(current):
            self.model_box.setCurrentIndex(0)
        self._model_changed(self.model_box.currentText())

    def update_plan(self) -> None:
        """Service tiers are for paid plans: offered (the saved choice kept) there, hidden on the free plan."""
        tiers = tiers_for_plan(self._plan_of())
        wanted = self.tier_box.currentData() if self.tier_box.count() else self._settings.get(
            Key.TRANSCRIPTION_SERVICE_TIER
        )
        with QSignalBlocker(self.tier_box):
            self.tier_box.clear()
            self.tier_box.addItem(translate("OptionsWidget", "Default"), None)
            for tier in tiers:
                name = translate("OptionsWidget", TIER_NAMES[tier]) if tier in TIER_NAMES else tier
                self.tier_box.addItem(name, tier)
            self.tier_box.setCurrentIndex(max(0, self.tier_box.findData(wanted or None)))
        self.tier_box.setVisible(bool(tiers))
        self.tier_label.setVisible(bool(tiers))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.update_plan()  # the plan may have changed in Settings or the model browser

    def _tier_chosen(self) -> None:
        self._settings.set(Key.TRANSCRIPTION_SERVICE_TIER, self.tier_box.currentData() or "")
        self.changed.emit()

    def _model_changed(self, model_id: str) -> None:
        translates = model_id.strip() in TRANSLATION_MODELS
        item = self.task_box.model().item(1)  # type: ignore[attr-defined]
        item.setEnabled(translates)
        if not translates and self.task_box.currentData() == "translate":
            self.task_box.setCurrentIndex(0)
        self.task_note.setVisible(not translates)
        self.changed.emit()

    def _task_changed(self) -> None:
        translating = self.task_box.currentData() == "translate"
        if translating:
            self.language_box.setCurrentIndex(0)  # translation output is always English
        self.language_box.setEnabled(not translating)
        self.changed.emit()

    def _choose_export_dir(self) -> None:
        folder = choose_folder(self, translate("OptionsWidget", "Auto-export transcripts to"), self.export_edit.text())
        if folder is not None:
            self.export_edit.setText(str(folder))
            self._export_dir_edited()

    def _formats_edited(self) -> None:
        self._settings.set(Key.AUTO_EXPORT_FORMATS, ",".join(self.export_formats()))
        self.changed.emit()

    def _export_dir_edited(self) -> None:
        folder = self.export_dir()
        self._settings.set(Key.AUTO_EXPORT_DIR, str(folder) if folder else "")
        self.changed.emit()
