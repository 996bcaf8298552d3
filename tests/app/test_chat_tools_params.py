"""The parameters' built-in tool toggles and JSON mode, driven as a user would."""

from __future__ import annotations

import json

from groq_desktop.app.chat.parameters import ParametersWidget
from groq_desktop.services.chat import request_params

GPT_OSS = "openai/gpt-oss-20b"  # catalogue: browser_search, code_interpreter, json_object, json_schema
QWEN = "qwen/qwen3.8-27b"  # catalogue: json_object only


def _widget(qtbot, model: str) -> ParametersWidget:  # type: ignore[no-untyped-def]
    widget = ParametersWidget()
    qtbot.addWidget(widget)
    widget.set_model(model)
    widget.set_values("", {})
    widget.set_expanded(True)
    widget.show()
    return widget


def test_tool_toggles_and_json_modes_follow_the_models_capabilities(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = _widget(qtbot, GPT_OSS)
    assert widget.search_tool.isVisible() and widget.code_tool.isVisible()
    assert [widget.json_mode.itemData(i) for i in range(widget.json_mode.count())] == ["off", "json_object",
                                                                                        "json_schema"]
    widget.set_model(QWEN)
    assert not widget.search_tool.isVisible() and not widget.code_tool.isVisible()
    assert [widget.json_mode.itemData(i) for i in range(widget.json_mode.count())] == ["off", "json_object"]


def test_json_mode_turns_the_tools_off_and_says_why(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = _widget(qtbot, GPT_OSS)
    widget.search_tool.setChecked(True)
    assert widget.search_tool.isEnabled() and not widget.json_note.isVisible()
    widget.json_mode.setCurrentIndex(widget.json_mode.findData("json_object"))
    assert not widget.search_tool.isEnabled() and widget.json_note.isVisible()
    assert "without streaming" in widget.json_note.text() and "tools" in widget.json_note.text()
    _, params = widget.values()
    sent = request_params(GPT_OSS, params)
    assert sent["response_format"] == {"type": "json_object"} and "tools" not in sent


def test_an_invalid_schema_is_refused_in_the_editor_and_an_example_is_accepted(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = _widget(qtbot, GPT_OSS)
    widget.json_mode.setCurrentIndex(widget.json_mode.findData("json_schema"))
    assert widget.schema_edit.isVisible()
    widget.schema_edit.setPlainText('{"type": "object", "properties": {"a": {"type": "strnig"}}}')
    assert "✗" in widget.schema_status.text() and "Not saved" in widget.schema_status.text()
    assert widget.values()[1]["json_schema"] is None
    widget.schema_edit.setPlainText("[1, 2]")
    assert "JSON object" in widget.schema_status.text()
    widget.schema_examples.activated.emit(widget.schema_examples.findData("Person"))
    assert widget.schema_status.text().startswith("✓")
    schema = widget.values()[1]["json_schema"]["schema"]
    assert schema["required"] == ["name", "age", "email"]
    # Saved and shown again when the conversation is reopened.
    other = _widget(qtbot, GPT_OSS)
    other.set_values("", widget.values()[1])
    assert json.loads(other.schema_edit.toPlainText()) == schema and other.json_mode.currentData() == "json_schema"
