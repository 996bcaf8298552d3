"""The Compare view: one prompt to 2-4 models, replies side by side with their speed, tokens and cost."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from groq_desktop import i18n
from groq_desktop.app import icons
from groq_desktop.i18n import translate
from groq_desktop.services.chat import ChatService
from groq_desktop.services.compare import MAX_MODELS, MIN_MODELS, CompareEvent, CompareRun


def stats_text(facts: dict[str, Any]) -> str:
    """``TTFT 120 ms · 1,234 tok/s · 512 in / 2,048 out · 256 cached · ≈ $0.0012``."""
    parts: list[str] = []
    if facts.get("ttft") is not None:
        parts.append(translate("CompareColumn", "TTFT {ms} ms").format(ms=i18n.number(facts["ttft"] * 1000)))
    if facts.get("tokens_per_second"):
        parts.append(
            translate("CompareColumn", "{rate} tok/s").format(rate=i18n.number(facts["tokens_per_second"]))
        )
    if facts.get("prompt_tokens") is not None:
        parts.append(
            translate("CompareColumn", "{prompt} in / {completion} out").format(
                prompt=i18n.number(facts["prompt_tokens"]),
                completion=i18n.number(facts.get("completion_tokens") or 0),
            )
        )
    parts.append(
        translate("CompareColumn", "{tokens} cached").format(
            tokens=i18n.number(facts.get("cached_tokens") or 0)
        )
    )
    if facts.get("cost") is not None:
        parts.append(f"≈ ${i18n.number(facts['cost'], 5)}")
    return " · ".join(parts)


class CompareColumn(QFrame):
    """One model's reply as it streams, its figures, and the button that keeps it."""

    def __init__(self, model: str, can_keep: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(f"<b>{model}</b>")
        self.title.setProperty("showsData", True)
        self.stats = QLabel(translate("CompareColumn", "Queued…"))
        self.stats.setObjectName("compareStats")
        self.stats.setWordWrap(True)
        self.stats.setProperty("role", "caption")
        self.stats.setMinimumHeight(2 * self.stats.fontMetrics().lineSpacing() + 4)  # two lines, never clipped
        self.reply = QTextBrowser()
        self.reply.setOpenExternalLinks(True)
        self.keep_button = QPushButton(translate("CompareColumn", "Continue with this reply"))
        self.keep_button.setIcon(icons.icon("check"))
        self.keep_button.setEnabled(False)
        self.keep_button.setVisible(can_keep)
        self.text = ""
        column = QVBoxLayout(self)
        column.addWidget(self.title)
        column.addWidget(self.stats)
        column.addWidget(self.reply, 1)
        column.addWidget(self.keep_button)

    def take(self, event: CompareEvent) -> None:
        if event.kind == "delta":
            if not self.text:
                self.stats.setText(translate("CompareColumn", "Streaming…"))
            self.text += event.text
            self.reply.setPlainText(self.text)
        elif event.kind == "done":
            self.reply.setMarkdown(self.text)
            self.stats.setText(stats_text(event.facts or {}))
            self.keep_button.setEnabled(True)
        elif event.kind == "error" and event.error is not None:
            self.stats.setText(
                translate("CompareColumn", "Failed: {reason}").format(reason=event.error.user_text())
            )
        elif event.kind == "stopped":
            self.stats.setText(translate("CompareColumn", "Stopped"))


class CompareDialog(QDialog):
    """Pick 2-4 models, send one prompt to all of them through the scheduler, keep the best reply."""

    kept = Signal(int, int)  # conversation id, the kept reply's message id

    def __init__(self, chat: ChatService, models: Sequence[str], *, conversation_id: int | None = None,
                 prompt: str = "", preselected: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.setWindowTitle(translate("CompareDialog", "Compare models"))
        self.chat = chat
        self.conversation_id = conversation_id
        self.run: CompareRun | None = None
        self.columns: dict[str, CompareColumn] = {}
        self.prompt = QPlainTextEdit(prompt)
        self.prompt.setPlaceholderText(
            translate(
                "CompareDialog", "One prompt, sent to every model you tick (with this conversation's history)"
            )
        )
        self.prompt.setFixedHeight(70)
        self.model_boxes: dict[str, QCheckBox] = {}
        picks = QHBoxLayout()
        picks.addWidget(
            QLabel(
                translate("CompareDialog", "Models ({low}-{high}):").format(low=MIN_MODELS, high=MAX_MODELS)
            )
        )
        chosen = list(preselected) or list(models[:3])
        for model in models:
            box = QCheckBox(model)
            box.setProperty("showsData", True)
            box.setChecked(model in chosen[:MAX_MODELS])
            box.toggled.connect(self._update_buttons)
            self.model_boxes[model] = box
            picks.addWidget(box)
        picks.addStretch(1)
        self.compare_button = QPushButton(translate("CompareDialog", "Compare"))
        self.compare_button.setIcon(icons.icon("send"))
        self.compare_button.setProperty("role", "primary")
        self.compare_button.setDefault(True)
        self.compare_button.clicked.connect(self.start)
        self.stop_button = QPushButton(translate("CompareDialog", "Stop"))
        self.stop_button.setIcon(icons.icon("debug-stop"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        self.note = QLabel(
            translate(
                "CompareDialog",
                "Each model waits for its own limits in the one queue; nothing is sent that would be refused.",
            )
        )
        self.note.setProperty("role", "caption")
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.compare_button)
        self.columns_row = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(picks)
        layout.addLayout(buttons)
        layout.addLayout(self.columns_row, 1)
        self.prompt.textChanged.connect(self._update_buttons)
        self.resize(1180, 640)
        self._update_buttons()

    def selected_models(self) -> list[str]:
        return [model for model, box in self.model_boxes.items() if box.isChecked()]

    def _update_buttons(self) -> None:
        count = len(self.selected_models())
        busy = self.run is not None and len(self.run.results) + len(self.run.errors) < len(self.run.models)
        self.compare_button.setEnabled(
            not busy and MIN_MODELS <= count <= MAX_MODELS and bool(self.prompt.toPlainText().strip()))
        if not MIN_MODELS <= count <= MAX_MODELS:
            self.compare_button.setToolTip(
                translate("CompareDialog", "Tick {low} to {high} models").format(
                    low=MIN_MODELS, high=MAX_MODELS
                )
            )
        else:
            self.compare_button.setToolTip("")

    def start(self) -> None:
        models = self.selected_models()
        for column in self.columns.values():
            self.columns_row.removeWidget(column)
            column.deleteLater()
        self.columns = {}
        for model in models:
            column = CompareColumn(model, can_keep=self.conversation_id is not None)
            column.keep_button.clicked.connect(lambda _=False, m=model: self.keep(m))
            self.columns[model] = column
            self.columns_row.addWidget(column, 1)
        self.run = CompareRun(self.chat, self.conversation_id, self.prompt.toPlainText().strip(), models, self._on_event)
        self.run.start()
        self.stop_button.setEnabled(True)
        self._update_buttons()

    def stop(self) -> None:
        if self.run is not None:
            self.run.stop()

    def finished_all(self) -> bool:
        return self.run is not None and len(self.run.results) + len(self.run.errors) == len(self.run.models)

    def _on_event(self, event: CompareEvent) -> None:
        column = self.columns.get(event.model)
        if column is not None:
            column.take(event)
        if event.kind != "delta":
            self.stop_button.setEnabled(not self.finished_all())
            self._update_buttons()

    def keep(self, model: str) -> None:
        if self.run is None or self.conversation_id is None:
            return
        _, reply = self.run.keep(model)
        for column in self.columns.values():
            column.keep_button.setEnabled(False)
        self.kept.emit(self.conversation_id, reply.id)
        self.accept()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        self.stop()
        super().closeEvent(event)


__all__ = ["CompareColumn", "CompareDialog", "stats_text"]
