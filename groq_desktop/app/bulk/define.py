"""Defining a bulk job: where the inputs come from (with a column mapping and preview), the prompt
template and system prompt, the model and its parameters."""

from __future__ import annotations

import contextlib
import json
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from groq_desktop import i18n
from groq_desktop.app import icons
from groq_desktop.core.bulk import inputs as readers
from groq_desktop.core.bulk.inputs import BulkInput
from groq_desktop.core.bulk.template import placeholders
from groq_desktop.core.catalogue import ModelKind, shipped_catalogue
from groq_desktop.core.store.bulk_records import BulkJobRecord
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate

SOURCES = (QT_TRANSLATE_NOOP("JobDefinition", "CSV or JSONL file"),
           QT_TRANSLATE_NOOP("JobDefinition", "Folder of text, Markdown and PDF files"),
           QT_TRANSLATE_NOOP("JobDefinition", "Finished transcripts"),
           QT_TRANSLATE_NOOP("JobDefinition", "Audio links (one URL a line)"),
           QT_TRANSLATE_NOOP("JobDefinition", "Audio files"))
CSV_FILE, FOLDER, TRANSCRIPTS, AUDIO_URLS, AUDIO_FILES = range(len(SOURCES))
AUDIO_SOURCES = (AUDIO_URLS, AUDIO_FILES)
DEFAULT_TEMPLATE = "{{text}}"


def choose_file(parent: QWidget) -> Path | None:
    """Behind a function so tests can replace the dialog."""
    name, _ = QFileDialog.getOpenFileName(
        parent, translate("JobDefinition", "Inputs"), "",
        translate("JobDefinition", "Tables (*.csv *.tsv *.jsonl *.json);;All files (*)"))
    return Path(name) if name else None


def choose_folder(parent: QWidget) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, translate("JobDefinition", "Folder of documents"))
    return Path(name) if name else None


def choose_audio(parent: QWidget) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(parent, translate("JobDefinition", "Audio files"), "",
                                            translate("JobDefinition", "Audio (*.mp3 *.m4a *.wav *.flac *.ogg *.webm)"))
    return [Path(n) for n in names]


class JobDefinition(QWidget):
    changed = Signal()
    rows_read = Signal()  # a table's rows are in, after a mapping change (read in a worker thread)
    _read_done = Signal(int, object, str)  # (generation, rows, error) from the worker thread

    def __init__(self, chat_models: list[str], speech_models: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[BulkInput] = []
        self._columns: list[str] = []
        self._path: Path | None = None
        self.audio_paths: list[Path] = []
        self._read_generation = 0  # a newer mapping makes an older read's rows stale
        self.reading = False
        self._read_done.connect(self._rows_arrived)
        catalogue = shipped_catalogue()
        self._chat_models, self._speech_models = chat_models, speech_models
        self._preferred = {
            "chat": catalogue.preferred(ModelKind.CHAT, chat_models),
            "transcription": catalogue.preferred(ModelKind.SPEECH_TO_TEXT, speech_models),
        }

        self.source = QComboBox()
        self.source.addItems([translate("JobDefinition", s) for s in SOURCES])
        self.source.currentIndexChanged.connect(self._source_changed)
        self.choose = QPushButton(icons.icon("folder-opened"), translate("JobDefinition", "Choose…"))
        self.choose.clicked.connect(self._choose)
        self.source_label = QLabel(translate("JobDefinition", "No inputs yet"))
        self.source_label.setWordWrap(True)
        self.source_label.setProperty("role", "caption")
        source_row = QHBoxLayout()
        source_row.addWidget(self.source, 1)
        source_row.addWidget(self.choose)

        self.text_column = QComboBox()
        self.text_column.setToolTip(translate(
            "JobDefinition", "Which column is {{text}}; every column is also a placeholder by its own name"))
        self.text_column.setProperty("showsData", True)  # the file's column names
        self.text_column.currentIndexChanged.connect(self._mapping_changed)
        self.preview_model = QStandardItemModel(self)
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().setVisible(False)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.preview.setMaximumHeight(130)
        self.preview.setAlternatingRowColors(True)
        for shows_data in (self.preview, self.preview.horizontalHeader()):
            shows_data.setProperty("showsData", True)  # the file's own columns and rows
        self.urls = QPlainTextEdit()
        self.urls.setPlaceholderText("https://example.com/podcast/episode-1.mp3\nhttps://…")
        self.urls.setAccessibleName(translate("JobDefinition", "Audio links"))
        self.urls.setMaximumHeight(90)
        self.urls.textChanged.connect(self._urls_changed)

        self.model = QComboBox()
        self.model.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.model.setProperty("showsData", True)  # model ids
        self.model.setAccessibleName(translate("JobDefinition", "Model"))
        self.max_tokens = QSpinBox()
        self.max_tokens.setRange(1, 65536)
        self.max_tokens.setValue(512)
        self.max_tokens.valueChanged.connect(lambda _v: self.changed.emit())
        self.temperature = QDoubleSpinBox()
        self.temperature.setRange(0.0, 2.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setValue(0.2)
        params = QHBoxLayout()
        params.addWidget(self.model, 1)
        self.max_tokens_label = QLabel(translate("JobDefinition", "Max &tokens"))
        self.max_tokens_label.setBuddy(self.max_tokens)
        self.temperature_label = QLabel(translate("JobDefinition", "T&emperature"))
        self.temperature_label.setBuddy(self.temperature)
        params.addWidget(self.max_tokens_label)
        params.addWidget(self.max_tokens)
        params.addWidget(self.temperature_label)
        params.addWidget(self.temperature)

        self.system_prompt = QPlainTextEdit()
        self.system_prompt.setPlaceholderText(translate("JobDefinition", "System prompt (optional); placeholders work here too"))
        self.system_prompt.setMaximumHeight(60)
        self.template = QPlainTextEdit(DEFAULT_TEMPLATE)
        self.template.setMaximumHeight(90)
        self.template.setToolTip(translate("JobDefinition", "{{text}}, {{file_name}} and any column of the inputs"))
        self.template.textChanged.connect(self.changed.emit)
        self.schema = QPlainTextEdit()
        self.schema.setPlaceholderText(translate(
            "JobDefinition",
            'JSON schema for the reply (optional): {"type": "object", "properties": …} — its fields become columns',
        ))
        self.schema.setMaximumHeight(60)
        self.schema.textChanged.connect(self.changed.emit)
        self.placeholder_note = QLabel()
        self.placeholder_note.setWordWrap(True)
        self.placeholder_note.setProperty("role", "caption")

        form = QFormLayout()
        form.addRow(translate("JobDefinition", "&Inputs"), source_row)
        form.addRow("", self.source_label)
        form.addRow(translate("JobDefinition", "{{text}} is"), self.text_column)
        form.addRow(translate("JobDefinition", "Preview"), self.preview)
        form.addRow(translate("JobDefinition", "&Links"), self.urls)
        form.addRow(translate("JobDefinition", "&Model"), params)
        form.addRow(translate("JobDefinition", "&System"), self.system_prompt)
        form.addRow(translate("JobDefinition", "&Prompt"), self.template)
        form.addRow(translate("JobDefinition", "&JSON output"), self.schema)
        form.addRow("", self.placeholder_note)
        for widget, field in ((self.source, source_row), (self.model, params)):
            label = form.labelForField(field)
            if isinstance(label, QLabel):
                label.setBuddy(widget)
        self._form = form
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        self._source_changed(CSV_FILE)

    # --- state ---

    @property
    def kind(self) -> str:
        return "transcription" if self.source.currentIndex() in AUDIO_SOURCES else "chat"

    def inputs(self) -> list[BulkInput]:
        return list(self._rows)

    def problems(self) -> list[str]:
        if self.kind == "transcription":
            return [] if self._rows or self.audio_paths else [translate("JobDefinition", "Add audio links or files.")]
        if self.reading:
            return [translate("JobDefinition", "Reading the inputs…")]
        if not self._rows:
            return [translate("JobDefinition", "Choose the inputs.")]
        missing = [n for n in placeholders(self.system_prompt.toPlainText() + self.template.toPlainText())
                   if n not in self._rows[0].fields]
        problems = [translate("JobDefinition", "No input field for {placeholder}.").format(placeholder="{{" + n + "}}")
                    for n in missing]
        if self.schema.toPlainText().strip():
            try:
                json.loads(self.schema.toPlainText())
            except ValueError:
                problems.append(translate("JobDefinition", "The JSON schema is not valid JSON."))
        return problems

    def job_record(self) -> BulkJobRecord:
        if self.kind == "transcription":
            return BulkJobRecord(model=self.model.currentText(), kind="transcription", name=self._name(),
                                 params={"response_format": "json"})
        params: dict[str, Any] = {"max_completion_tokens": self.max_tokens.value(),
                                  "temperature": round(self.temperature.value(), 2)}
        schema_text = self.schema.toPlainText().strip()
        if schema_text:
            with_schema = json.loads(schema_text)
            params["response_format"] = {"type": "json_schema",
                                         "json_schema": {"name": "row", "schema": with_schema, "strict": True}}
        return BulkJobRecord(model=self.model.currentText(), template=self.template.toPlainText(),
                             system_prompt=self.system_prompt.toPlainText(), params=params, name=self._name())

    def _name(self) -> str:
        if self._path is not None:
            return self._path.name
        return translate("JobDefinition", "{source}: {count}").format(
            source=translate("JobDefinition", SOURCES[self.source.currentIndex()]),
            count=len(self._rows) or len(self.audio_paths))

    # --- sources ---

    def _source_changed(self, index: int) -> None:
        self._rows, self._columns, self._path, self.audio_paths = [], [], None, []
        self._read_generation += 1  # a table still being read is no longer wanted
        self.reading = False
        self.preview_model.clear()
        self.text_column.clear()
        table = index == CSV_FILE
        for widget, shown in ((self.text_column, table), (self.preview, table), (self.urls, index == AUDIO_URLS),
                              (self.choose, index in (CSV_FILE, FOLDER, AUDIO_FILES)),
                              (self.template, index not in AUDIO_SOURCES),
                              (self.system_prompt, index not in AUDIO_SOURCES),
                              (self.schema, index not in AUDIO_SOURCES),
                              (self.max_tokens, index not in AUDIO_SOURCES),
                              (self.temperature, index not in AUDIO_SOURCES)):
            widget.setVisible(shown)
            label = self._form.labelForField(widget) if hasattr(self, "_form") else None
            if label is not None:
                label.setVisible(shown)
        self.model.blockSignals(True)
        self.model.clear()
        models = self._speech_models if index in AUDIO_SOURCES else self._chat_models
        self.model.addItems(models)
        preferred = self._preferred["transcription" if index in AUDIO_SOURCES else "chat"]
        if preferred:
            self.model.setCurrentText(preferred)
        self.model.blockSignals(False)
        if index == TRANSCRIPTS:
            note = translate("JobDefinition", "Select finished jobs in Transcribe, then “Run a prompt over these”.")
        elif index == AUDIO_URLS:
            note = translate("JobDefinition", "Groq fetches each link itself (batch only).")
        else:
            note = translate("JobDefinition", "No inputs yet")
        self.source_label.setText(note)
        self._update_note()
        self.changed.emit()

    def _choose(self) -> None:
        index = self.source.currentIndex()
        if index == CSV_FILE and (path := choose_file(self)):
            self.load_table(path)
        elif index == FOLDER and (folder := choose_folder(self)):
            self.load_folder(folder)
        elif index == AUDIO_FILES and (paths := choose_audio(self)):
            self.load_audio(paths)

    def load_table(self, path: Path) -> None:
        jsonl = path.suffix.lower() in (".jsonl", ".json")
        self._columns, preview = (readers.jsonl_columns_and_preview if jsonl else readers.csv_columns_and_preview)(path)
        self._path = path
        self.preview_model.clear()
        self.preview_model.setHorizontalHeaderLabels(self._columns)
        for row in preview:
            self.preview_model.appendRow([QStandardItem(str(row.get(c, ""))[:200]) for c in self._columns])
        self.text_column.blockSignals(True)
        self.text_column.clear()
        self.text_column.addItems(self._columns)
        guess = next((c for c in self._columns if c.lower() in ("text", "body", "content", "message")), None)
        self.text_column.setCurrentText(guess or (self._columns[0] if self._columns else ""))
        self.text_column.blockSignals(False)
        self._mapping_changed()

    def _mapping_changed(self) -> None:
        """The whole file is read again with the new mapping, in a worker thread (it may be large)."""
        path = self._path
        if path is None:
            return
        mapping = {"text": self.text_column.currentText()} if self.text_column.currentText() else None
        reader = readers.read_jsonl if path.suffix.lower() in (".jsonl", ".json") else readers.read_csv
        self._read_generation += 1
        self.reading, self._rows = True, []
        self.source_label.setText(translate("JobDefinition", "Reading {file}…").format(file=path.name))
        self.changed.emit()
        threading.Thread(target=self._read, args=(self._read_generation, reader, path, mapping),
                         name="bulk-read-table", daemon=True).start()

    def _read(self, generation: int, reader: Any, path: Path, mapping: dict[str, str] | None) -> None:
        rows: list[BulkInput] = []
        error = ""
        try:
            rows = reader(path, mapping)
        except Exception as exc:  # noqa: BLE001 - a bad file is reported, not raised in a thread
            error = str(exc) or type(exc).__name__
        with contextlib.suppress(RuntimeError):  # the panel was closed meanwhile
            self._read_done.emit(generation, rows, error)

    def _rows_arrived(self, generation: int, rows: list[BulkInput], error: str) -> None:
        if generation != self._read_generation or self._path is None:
            return  # a newer mapping or another source replaced this read
        self.reading, self._rows = False, rows
        name = self._path.name
        self.source_label.setText(
            translate("JobDefinition", "Could not read {file}: {error}").format(file=name, error=error) if error else
            translate("JobDefinition", "{file}: {count} rows, columns {columns}").format(
                file=name, count=i18n.number(len(rows), 0), columns=", ".join(self._columns)))
        self._update_note()
        self.changed.emit()
        self.rows_read.emit()

    def load_folder(self, folder: Path) -> None:
        self._path = folder
        self._rows = readers.read_folder(folder)
        self.source_label.setText(translate("JobDefinition", "{folder}: {count} text, Markdown and PDF files").format(
            folder=folder.name, count=i18n.number(len(self._rows), 0)))
        self._update_note()
        self.changed.emit()

    def load_transcripts(self, transcripts: list[tuple[int, str, str]]) -> None:
        self.source.setCurrentIndex(TRANSCRIPTS)
        self._rows = readers.from_transcripts(transcripts)
        names = ", ".join(name for _, name, _ in transcripts[:5]) + ("…" if len(transcripts) > 5 else "")
        self.source_label.setText(translate("JobDefinition", "Finished transcripts ({count}): {names}").format(
            count=len(self._rows), names=names))
        self._update_note()
        self.changed.emit()

    def _urls_changed(self) -> None:
        if self.source.currentIndex() == AUDIO_URLS:
            self._rows = readers.from_urls(self.urls.toPlainText().splitlines())
            self.source_label.setText(translate(
                "JobDefinition", "Links: {count}; Groq fetches each one itself (batch only).").format(count=len(self._rows)))
            self.changed.emit()

    def load_audio(self, paths: list[Path]) -> None:
        self.audio_paths = list(paths)
        self.source_label.setText(translate("JobDefinition", "Audio files: {count}").format(count=len(paths)))
        self.changed.emit()

    def _update_note(self) -> None:
        fields = list(self._rows[0].fields) if self._rows else []
        self.placeholder_note.setText(translate("JobDefinition", "Placeholders: {names}").format(
            names=", ".join("{{" + f + "}}" for f in fields)) if fields else "")
