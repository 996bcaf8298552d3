"""The model picker and the (collapsible) per-conversation parameters."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSignalBlocker, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from groq_desktop import i18n
from groq_desktop.app import theme
from groq_desktop.core.catalogue import shipped_catalogue
from groq_desktop.core.model_registry import ModelInfo
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate
from groq_desktop.services.chat import MAX_STOP_SEQUENCES, reasoning_options, tiers_for_plan
from groq_desktop.services.structured_output import EXAMPLES, check_schema

# Keys this widget owns in a conversation's params; others (like context_from) are left alone.
PARAM_KEYS = (
    "temperature",
    "top_p",
    "max_completion_tokens",
    "seed",
    "stop",
    "reasoning_effort",
    "reasoning_format",
    "include_reasoning",
    "service_tier",
    "flex_fallback",
    "fit_recent_turns",
    "builtin_tools",
    "json_mode",
    "json_schema",
)
_DEFAULT = QT_TRANSLATE_NOOP("ParametersWidget", "default")
JSON_MODE_LABELS = {
    "off": QT_TRANSLATE_NOOP("ParametersWidget", "Off"),
    "json_object": QT_TRANSLATE_NOOP("ParametersWidget", "JSON object"),
    "json_schema": QT_TRANSLATE_NOOP("ParametersWidget", "JSON schema"),
}
JSON_NOTE = QT_TRANSLATE_NOOP(
    "ParametersWidget",
    "JSON mode: sent without streaming (the reply arrives whole), and web search and code execution are "
    "off while it is on: Groq refuses structured output with streaming or tools.",
)
# How the API's values of the reasoning and tier options are shown (the values sent stay as they are).
_VALUE_LABELS = {
    "none": QT_TRANSLATE_NOOP("ParametersWidget", "none"),
    "default": QT_TRANSLATE_NOOP("ParametersWidget", "default"),
    "low": QT_TRANSLATE_NOOP("ParametersWidget", "low"),
    "medium": QT_TRANSLATE_NOOP("ParametersWidget", "medium"),
    "high": QT_TRANSLATE_NOOP("ParametersWidget", "high"),
    "parsed": QT_TRANSLATE_NOOP("ParametersWidget", "parsed"),
    "raw": QT_TRANSLATE_NOOP("ParametersWidget", "raw"),
    "hidden": QT_TRANSLATE_NOOP("ParametersWidget", "hidden"),
    "on_demand": QT_TRANSLATE_NOOP("ParametersWidget", "on demand"),
    "flex": QT_TRANSLATE_NOOP("ParametersWidget", "flex"),
    "auto": QT_TRANSLATE_NOOP("ParametersWidget", "auto"),
}
_EXAMPLE_NAMES = {
    "Person": QT_TRANSLATE_NOOP("ParametersWidget", "Person"),
    "Sentiment": QT_TRANSLATE_NOOP("ParametersWidget", "Sentiment"),
    "Task list": QT_TRANSLATE_NOOP("ParametersWidget", "Task list"),
}


def default_text() -> str:
    return translate("ParametersWidget", _DEFAULT)


def _short_tokens(count: int | None) -> str:
    if not count:
        return "?"
    return f"{count // 1024}K" if count % 1024 == 0 else f"{count / 1000:.0f}k"


def _count(value: int | None) -> str:
    return i18n.number(value) if value else "?"


def _value_text(value: Any) -> str:
    if value is True:
        return translate("ParametersWidget", "shown")
    if value is False:
        return translate("ParametersWidget", "hidden")
    return translate("ParametersWidget", _VALUE_LABELS[value]) if value in _VALUE_LABELS else str(value)


class ModelPicker(QComboBox):
    """Chat models with their context windows; a conversation's retired model stays listed as such."""

    model_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelPicker")
        self.setToolTip(translate("ModelPicker", "The model this conversation talks to"))
        self.setAccessibleName(translate("ModelPicker", "Model"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.currentIndexChanged.connect(self._on_index)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # A long model name is elided, not holding the window wide; Qt's own hint follows the contents
        # once a style (sheet) change drops the one it cached while the box was still empty.
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("x" * 10) + 40), hint.height())

    def set_models(self, models: Sequence[ModelInfo], current: str | None) -> None:
        with QSignalBlocker(self):
            self.clear()
            for info in models:
                self.addItem(translate("ModelPicker", "{model}  ·  {tokens} context").format(
                    model=info.id, tokens=_short_tokens(info.context_window)), info.id)
                self.setItemData(
                    self.count() - 1,
                    translate(
                        "ModelPicker",
                        "{model}\nContext window: {window} tokens\nLongest reply: {reply} tokens\nBy {owner}",
                    ).format(
                        model=info.id,
                        window=_count(info.context_window),
                        reply=_count(info.max_completion_tokens),
                        owner=info.owned_by,
                    ),
                    Qt.ItemDataRole.ToolTipRole,
                )
            if current:
                self.select(current)

    def select(self, model_id: str) -> None:
        with QSignalBlocker(self):
            index = self.findData(model_id)
            if index < 0:
                # Not in the list: gone, or the list has not arrived yet (first start, offline).
                gone = translate("ModelPicker", "{model}  ·  not offered any more").format(model=model_id)
                self.addItem(gone if self.count() else model_id, model_id)
                index = self.count() - 1
            self.setCurrentIndex(index)

    def current_model(self) -> str:
        return str(self.currentData() or "")

    def _on_index(self, index: int) -> None:
        if index >= 0:
            self.model_chosen.emit(str(self.itemData(index)))


class ParametersWidget(QWidget):
    """System prompt and sampling options, saved with the conversation."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = QToolButton()
        self.toggle.setObjectName("parametersToggle")
        self.toggle.setText(translate("ParametersWidget", "Parameters"))
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self.set_expanded)

        self.body = QWidget()
        form = QFormLayout(self.body)
        space = theme.tokens()
        form.setContentsMargins(space.space_s, 0, space.space_s, space.space_s)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.system_prompt = QPlainTextEdit()
        self.system_prompt.setPlaceholderText(translate("ParametersWidget", "You are a helpful assistant."))
        self.system_prompt.setFixedHeight(64)
        self.system_prompt.setToolTip(
            translate("ParametersWidget", "Sent first, before every request of this conversation")
        )
        self.temperature = self._spin(
            -0.1, 2.0, 0.1, translate("ParametersWidget", "Randomness, 0 to 2 (default: the model's, 1)"))
        self.top_p = self._spin(
            -0.05, 1.0, 0.05, translate("ParametersWidget", "Nucleus sampling, 0 to 1 (default 1)")
        )
        self.max_tokens = QSpinBox()
        self.max_tokens.setRange(0, 131072)
        self.max_tokens.setSingleStep(256)
        self.max_tokens.setSpecialValueText(default_text())
        self.max_tokens.setToolTip(
            translate(
                "ParametersWidget",
                "Longest reply. Default: the model's own limit within your plan's output tokens per minute",
            )
        )
        self.seed = QSpinBox()
        self.seed.setRange(-1, 2**31 - 1)
        self.seed.setSpecialValueText(translate("ParametersWidget", "random"))
        self.seed.setToolTip(translate("ParametersWidget", "Same seed and parameters: mostly the same reply"))
        self.stops = [QLineEdit() for _ in range(MAX_STOP_SEQUENCES)]
        stop_row = QHBoxLayout()
        stop_row.setContentsMargins(0, 0, 0, 0)
        for edit in self.stops:
            edit.setPlaceholderText(translate("ParametersWidget", "stop"))
            edit.setToolTip(
                translate("ParametersWidget", "Up to {count} sequences that end the reply").format(
                    count=MAX_STOP_SEQUENCES
                )
            )
            stop_row.addWidget(edit)
        stop_box = QWidget()
        stop_box.setLayout(stop_row)
        self.reasoning_effort = QComboBox()
        self.reasoning_effort.setToolTip(
            translate("ParametersWidget", "How much the model thinks before answering")
        )
        self.reasoning_format = QComboBox()
        self.reasoning_format.setToolTip(
            translate(
                "ParametersWidget", "parsed: thinking shown apart · raw: inline <think> · hidden: not sent"
            )
        )
        self.include_reasoning = QComboBox()
        self.include_reasoning.setToolTip(
            translate("ParametersWidget", "Whether the model's thinking comes back with the reply"))
        self.service_tier = QComboBox()
        self.service_tier.setToolTip(
            translate(
                "ParametersWidget",
                "on demand: the standard tier · flex: 10x the limits, may be refused when Groq is busy · "
                "auto: flex when there is room",
            )
        )
        self.service_tier.addItem(default_text(), None)
        self.flex_fallback = QCheckBox(
            translate("ParametersWidget", "Fall back to on-demand when flex is full")
        )
        self.flex_fallback.setToolTip(
            translate(
                "ParametersWidget",
                "When Groq answers 498 (no flex capacity), send the request again on demand",
            )
        )
        self.fit_recent = QCheckBox(translate("ParametersWidget", "Send only the recent turns that fit"))
        self.fit_recent.setToolTip(
            translate(
                "ParametersWidget",
                "When the conversation outgrows the context window, leave the oldest turns out",
            )
        )

        form.addRow(translate("ParametersWidget", "System prompt"), self.system_prompt)
        form.addRow(translate("ParametersWidget", "Temperature"), self.temperature)
        form.addRow(translate("ParametersWidget", "Top P"), self.top_p)
        form.addRow(translate("ParametersWidget", "Max reply tokens"), self.max_tokens)
        form.addRow(translate("ParametersWidget", "Seed"), self.seed)
        form.addRow(translate("ParametersWidget", "Stop sequences"), stop_box)
        self._effort_label = QLabel(translate("ParametersWidget", "Reasoning effort"))
        self._format_label = QLabel(translate("ParametersWidget", "Reasoning format"))
        form.addRow(self._effort_label, self.reasoning_effort)
        form.addRow(self._format_label, self.reasoning_format)
        self._include_label = QLabel(translate("ParametersWidget", "Reasoning shown"))
        form.addRow(self._include_label, self.include_reasoning)
        self._tier_label = QLabel(translate("ParametersWidget", "Service tier"))
        form.addRow(self._tier_label, self.service_tier)
        form.addRow("", self.flex_fallback)
        form.addRow("", self.fit_recent)
        self._build_tools_and_json(form)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.toggle)
        column.addWidget(self.body)
        self.set_expanded(False)

        self.system_prompt.textChanged.connect(self.changed)
        for spin in (self.temperature, self.top_p):
            spin.valueChanged.connect(self.changed)
        for ispin in (self.max_tokens, self.seed):
            ispin.valueChanged.connect(self.changed)
        for edit in self.stops:
            edit.editingFinished.connect(self.changed)
        self.reasoning_effort.currentIndexChanged.connect(self.changed)
        self.reasoning_format.currentIndexChanged.connect(self.changed)
        self.include_reasoning.currentIndexChanged.connect(self.changed)
        self.service_tier.currentIndexChanged.connect(self.changed)
        self.service_tier.currentIndexChanged.connect(self._update_fallback)
        self.flex_fallback.toggled.connect(self.changed)
        self.fit_recent.toggled.connect(self.changed)
        self.set_model(None)
        self.set_plan("free")

    def _build_tools_and_json(self, form: QFormLayout) -> None:
        self.search_tool = QCheckBox(translate("ParametersWidget", "Web search (browser_search)"))
        self.search_tool.setToolTip(
            translate(
                "ParametersWidget", "Groq searches the web on its side; the reply shows the results it used"
            )
        )
        self.code_tool = QCheckBox(translate("ParametersWidget", "Run Python (code_interpreter)"))
        self.code_tool.setToolTip(
            translate(
                "ParametersWidget", "Groq runs Python on its side; the reply shows the code and its output"
            )
        )
        self._tools_label = QLabel(translate("ParametersWidget", "Built-in tools"))
        tools = QWidget()
        row = QVBoxLayout(tools)  # one above the other: side by side they would not fit the side sheet
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search_tool)
        row.addWidget(self.code_tool)
        self._tools_box = tools
        form.addRow(self._tools_label, tools)
        self.json_mode = QComboBox()
        self.json_mode.setObjectName("jsonMode")
        self.json_mode.setToolTip(
            translate(
                "ParametersWidget", "Ask for a reply that is a JSON object, or one that follows your schema"
            )
        )
        self._json_label = QLabel(translate("ParametersWidget", "JSON mode"))
        form.addRow(self._json_label, self.json_mode)
        self.schema_examples = QComboBox()
        self.schema_examples.addItem(translate("ParametersWidget", "Start from an example…"), None)
        for name in EXAMPLES:
            self.schema_examples.addItem(
                translate("ParametersWidget", _EXAMPLE_NAMES[name]) if name in _EXAMPLE_NAMES else name, name)
        self.schema_edit = QPlainTextEdit()
        self.schema_edit.setObjectName("jsonSchemaEdit")
        # JSON keys stay as they are in every language; the translator may still reword the sketch.
        self.schema_edit.setPlaceholderText(
            translate("ParametersWidget", '{"type": "object", "properties": {...}, "required": [...]}'))
        self.schema_edit.setFixedHeight(110)
        self.schema_status = QLabel()
        self.schema_status.setWordWrap(True)
        self.json_note = QLabel(translate("ParametersWidget", JSON_NOTE))
        self.json_note.setProperty("role", "caption")
        self.json_note.setWordWrap(True)
        self.json_note.setObjectName("jsonNote")
        schema_box = QWidget()
        column = QVBoxLayout(schema_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.schema_examples)
        column.addWidget(self.schema_edit)
        column.addWidget(self.schema_status)
        self._schema_box = schema_box
        self._schema_label = QLabel(translate("ParametersWidget", "Schema"))
        form.addRow(self._schema_label, schema_box)
        form.addRow("", self.json_note)
        self._schema: dict[str, Any] | None = None  # the last schema that passed the check

        self.search_tool.toggled.connect(self.changed)
        self.code_tool.toggled.connect(self.changed)
        self.json_mode.currentIndexChanged.connect(self._update_json)
        self.json_mode.currentIndexChanged.connect(self.changed)
        self.schema_edit.textChanged.connect(self._on_schema_text)
        self.schema_examples.activated.connect(self._on_example)

    def _on_example(self, index: int) -> None:
        name = self.schema_examples.itemData(index)
        if name:
            self.schema_edit.setPlainText(json.dumps(EXAMPLES[name], indent=2))
        self.schema_examples.setCurrentIndex(0)

    def _on_schema_text(self) -> None:
        text = self.schema_edit.toPlainText().strip()
        check = check_schema(text) if text else None
        if check is None:
            self.schema_status.setText(
                translate("ParametersWidget", "Write a schema or start from an example.")
            )
            self._set_status_role("caption")
        elif check.ok:
            self.schema_status.setText(
                translate("ParametersWidget", "✓ Valid schema: saved with the conversation.")
            )
            self._set_status_role("success")
            if check.schema != self._schema:
                self._schema = check.schema
                self.changed.emit()
            return
        else:
            # Refused: the conversation keeps its last valid schema until this one is fixed.
            self.schema_status.setText(
                translate("ParametersWidget", "✗ {problem} Not saved.").format(problem=check.error)
            )
            self._set_status_role("error")
        self._update_json()

    def _set_status_role(self, role: str) -> None:
        self.schema_status.setProperty("role", role)
        self.schema_status.style().unpolish(self.schema_status)  # the style sheet re-reads the role
        self.schema_status.style().polish(self.schema_status)

    def schema_is_valid(self) -> bool:
        return self._schema is not None and check_schema(self.schema_edit.toPlainText()).ok

    def _update_json(self) -> None:
        mode = self.json_mode.currentData() or "off"
        visible = self.json_mode.count() > 1
        for widget in (self._schema_box, self._schema_label):
            widget.setVisible(visible and mode == "json_schema")
        self.json_note.setVisible(visible and mode != "off")
        # Groq refuses tools together with structured output: off (and said so) while JSON mode is on.
        for box in (self.search_tool, self.code_tool):
            box.setEnabled(mode == "off")
            off = "" if mode == "off" else "\n" + translate("ParametersWidget", "Off while JSON mode is on")
            box.setToolTip(box.toolTip().split("\n")[0] + off)

    @staticmethod
    def _spin(low: float, high: float, step: float, tip: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(low, high)
        spin.setSingleStep(step)
        spin.setDecimals(2)
        spin.setSpecialValueText(default_text())
        spin.setValue(low)
        spin.setToolTip(tip)
        return spin

    def set_expanded(self, expanded: bool) -> None:
        with QSignalBlocker(self.toggle):
            self.toggle.setChecked(expanded)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)

    def set_model(self, info: ModelInfo | str | None) -> None:
        """Show only the reasoning options the model takes; cap the reply length at its maximum."""
        model_id = info.id if isinstance(info, ModelInfo) else (info or "")
        options = reasoning_options(model_id)
        for combo, label, name in (
            (self.reasoning_effort, self._effort_label, "reasoning_effort"),
            (self.reasoning_format, self._format_label, "reasoning_format"),
            (self.include_reasoning, self._include_label, "include_reasoning"),
        ):
            current = combo.currentData()
            with QSignalBlocker(combo):
                combo.clear()
                combo.addItem(default_text(), None)
                for value in options.get(name, ()):
                    combo.addItem(_value_text(value), value)
                combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.setVisible(name in options)
            label.setVisible(name in options)
        limit = info.max_completion_tokens if isinstance(info, ModelInfo) else None
        if limit:
            self.max_tokens.setMaximum(limit)
        # "default" is the model's own limit (within the plan's output budget), said so in the box.
        self.max_tokens.setSpecialValueText(
            translate("ParametersWidget", "default (up to {tokens})").format(tokens=i18n.number(limit))
            if limit
            else default_text()
        )
        self._set_capabilities(model_id)

    def _set_capabilities(self, model_id: str) -> None:
        """Tools and JSON modes only where the model's catalogue entry says it has them."""
        facts = shipped_catalogue().facts(model_id)
        can = facts.can if facts is not None else (lambda _name: False)
        self.search_tool.setVisible(can("browser_search"))
        self.code_tool.setVisible(can("code_interpreter"))
        self._tools_box.setVisible(can("browser_search") or can("code_interpreter"))
        self._tools_label.setVisible(can("browser_search") or can("code_interpreter"))
        current = self.json_mode.currentData()
        with QSignalBlocker(self.json_mode):
            self.json_mode.clear()
            self.json_mode.addItem(translate("ParametersWidget", JSON_MODE_LABELS["off"]), "off")
            for mode in ("json_object", "json_schema"):
                if can(mode):
                    self.json_mode.addItem(translate("ParametersWidget", JSON_MODE_LABELS[mode]), mode)
            self.json_mode.setCurrentIndex(max(0, self.json_mode.findData(current)))
        self.json_mode.setVisible(self.json_mode.count() > 1)
        self._json_label.setVisible(self.json_mode.count() > 1)
        self._update_json()

    def set_plan(self, plan: str | None) -> None:
        """Service tiers are for paid plans: hidden on the free plan."""
        tiers = tiers_for_plan(plan)
        current = self.service_tier.currentData()
        with QSignalBlocker(self.service_tier):
            self.service_tier.clear()
            self.service_tier.addItem(default_text(), None)
            for tier in tiers:
                self.service_tier.addItem(_value_text(tier), tier)
            self.service_tier.setCurrentIndex(max(0, self.service_tier.findData(current)))
        for widget in (self.service_tier, self._tier_label):
            widget.setVisible(bool(tiers))
        self._update_fallback()

    def _update_fallback(self) -> None:
        self.flex_fallback.setVisible(self.service_tier.isVisibleTo(self) and self.service_tier.currentData() == "flex")

    def set_values(self, system_prompt: str, params: dict[str, Any]) -> None:
        blockers = [QSignalBlocker(w) for w in self._inputs()]
        self.system_prompt.setPlainText(system_prompt)
        temperature, top_p = params.get("temperature"), params.get("top_p")
        self.temperature.setValue(self.temperature.minimum() if temperature is None else float(temperature))
        self.top_p.setValue(self.top_p.minimum() if top_p is None else float(top_p))
        self.max_tokens.setValue(int(params.get("max_completion_tokens") or 0))
        seed = params.get("seed")
        self.seed.setValue(-1 if seed is None else int(seed))
        stops = list(params.get("stop") or [])
        for i, edit in enumerate(self.stops):
            edit.setText(stops[i] if i < len(stops) else "")
        for combo, name in (
            (self.reasoning_effort, "reasoning_effort"),
            (self.reasoning_format, "reasoning_format"),
            (self.include_reasoning, "include_reasoning"),
            (self.service_tier, "service_tier"),
        ):
            combo.setCurrentIndex(max(0, combo.findData(params.get(name))))
        self.flex_fallback.setChecked(bool(params.get("flex_fallback")))
        self.fit_recent.setChecked(bool(params.get("fit_recent_turns")))
        tools = params.get("builtin_tools") or ()
        self.search_tool.setChecked("browser_search" in tools)
        self.code_tool.setChecked("code_interpreter" in tools)
        self.json_mode.setCurrentIndex(max(0, self.json_mode.findData(params.get("json_mode") or "off")))
        schema = (params.get("json_schema") or {}).get("schema")
        self._schema = schema if isinstance(schema, dict) else None
        self.schema_edit.setPlainText(json.dumps(schema, indent=2) if self._schema else "")
        del blockers
        self._on_schema_text()
        self._update_fallback()

    def values(self) -> tuple[str, dict[str, Any]]:
        params: dict[str, Any] = {
            "temperature": None if self.temperature.value() < 0 else round(self.temperature.value(), 2),
            "top_p": None if self.top_p.value() < 0 else round(self.top_p.value(), 2),
            "max_completion_tokens": self.max_tokens.value() or None,
            "seed": None if self.seed.value() < 0 else self.seed.value(),
            "stop": [e.text() for e in self.stops if e.text()],
            "reasoning_effort": self.reasoning_effort.currentData(),
            "reasoning_format": self.reasoning_format.currentData(),
            "include_reasoning": self.include_reasoning.currentData(),
            "service_tier": self.service_tier.currentData(),
            "flex_fallback": self.flex_fallback.isChecked(),
            "fit_recent_turns": self.fit_recent.isChecked(),
            "builtin_tools": [name for name, box in (("browser_search", self.search_tool),
                                                     ("code_interpreter", self.code_tool)) if box.isChecked()],
            "json_mode": self.json_mode.currentData() or "off",
            "json_schema": {"name": "reply", "schema": self._schema, "strict": False} if self._schema else None,
        }
        return self.system_prompt.toPlainText(), params

    def _inputs(self) -> list[QWidget]:
        return [
            self.system_prompt,
            self.temperature,
            self.top_p,
            self.max_tokens,
            self.seed,
            *self.stops,
            self.reasoning_effort,
            self.reasoning_format,
            self.include_reasoning,
            self.service_tier,
            self.flex_fallback,
            self.fit_recent,
            self.search_tool,
            self.code_tool,
            self.json_mode,
            self.schema_edit,
        ]
