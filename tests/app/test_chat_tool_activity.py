"""Tool activity and structured replies in the chat bubble: collapsible, linked, validated, copyable."""

from __future__ import annotations

import json
import os
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication

from groq_desktop.app.chat import message_view as message_view_module
from groq_desktop.app.chat.message_model import MessageListModel
from groq_desktop.app.chat.message_view import MessageView
from groq_desktop.emulator import builtin_tools
from tests.app.test_message_model import make_message
from tests.app.test_message_view import SCREENSHOTS, anchor_point, click, row_rect

SCHEMA = {"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
          "required": ["name", "age"], "additionalProperties": False}
TOOLS = builtin_tools.executed_tools(
    {"tools": [{"type": "browser_search"}, {"type": "code_interpreter"}]}, 7, "Groq LPU inference speed")
ANSWER = ("Groq's LPU serves gpt-oss at several hundred tokens per second [1][2]."
          + builtin_tools.citation_text(TOOLS[:1]))


def _view(qtbot, messages: list[Any]) -> tuple[MessageListModel, MessageView]:  # type: ignore[no-untyped-def]
    model = MessageListModel(flush_ms=10)
    view = MessageView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.set_messages(messages)
    view.resize(900, 760)
    view.show()
    qtbot.waitExposed(view)
    view.grab()
    view.settle_layout()
    return model, view


def test_search_and_code_show_in_a_collapsible_block_with_clickable_sources(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    facts = {"executed_tools": TOOLS, "tool_calls": [{"type": "browser_search"}, {"type": "code_interpreter"}],
             "ttft": 0.3, "tokens_per_second": 480, "prompt_tokens": 220, "completion_tokens": 140}
    model, view = _view(qtbot, [make_message(1, "user", "How fast is Groq? Compute 0²+…+n² too."),
                                make_message(2, "assistant", ANSWER, model="openai/gpt-oss-120b", facts=facts)])
    layout = view.delegate.row_layout(model.index(1, 0))
    assert layout.tools_header is not None and layout.tools_doc is None  # collapsed at first
    # "source(s)" until the catalogues carry English plural forms (lupdate finds no numerus in translate()).
    assert "Web search · 3 source" in layout.tools_label and "Python run" in layout.tools_label
    click(qtbot, view, layout.tools_header.center() + row_rect(view, 2).topLeft())
    expanded = view.delegate.row_layout(model.index(1, 0))
    doc = expanded.tools_doc
    assert doc is not None
    text = doc.toPlainText()
    results = TOOLS[0]["search_results"]["results"]
    assert all(r["title"] in text for r in results)
    assert json.loads(TOOLS[1]["arguments"])["code"].splitlines()[0] in text and TOOLS[1]["output"].strip() in text
    opened: list[str] = []
    monkeypatch.setattr(message_view_module, "open_link", opened.append)
    qtbot.waitUntil(lambda: row_rect(view, 2).height() == expanded.height, timeout=2000)
    point = anchor_point(doc, results[1]["url"]) + expanded.tools_origin + row_rect(view, 2).topLeft()
    click(qtbot, view, point)
    assert opened == [results[1]["url"]]
    if os.environ.get("GROQ_DESKTOP_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        view.grab().toImage().save(str(SCREENSHOTS / "chat_search.png"))


def test_a_json_reply_is_shown_formatted_validated_and_copyable(qtbot) -> None:  # type: ignore[no-untyped-def]
    fmt = {"type": "json_schema", "json_schema": {"name": "person", "schema": SCHEMA}}
    good = make_message(2, "assistant", '{"name":"Ada","age":36}', facts={"response_format": fmt})
    bad = make_message(4, "assistant", '{"name":"Ada","age":"old"}', facts={"response_format": fmt})
    model, view = _view(qtbot, [make_message(1, "user", "Who?"), good, make_message(3, "user", "Again"), bad])
    shown = "".join(d.toPlainText() for d in view.delegate.content_documents(2))
    assert '"name": "Ada",\n  "age": 36' in shown and "✓ Valid JSON, matches the schema" in shown
    view.scroll_to_message(4)
    view.grab()
    wrong = "".join(d.toPlainText() for d in view.delegate.content_documents(4))
    assert "✗ The reply does not match the schema at age" in wrong
    view.scroll_to_message(2)
    view.grab()
    layout = view.delegate.row_layout(model.index(1, 0))
    for doc, offset in zip(view.delegate.content_documents(2), layout.doc_offsets, strict=False):
        if "copy:0" in doc.toHtml():
            point = anchor_point(doc, "copy:0") + layout.content_origin + QPoint(0, offset) + row_rect(view, 2).topLeft()
            break
    else:
        raise AssertionError("the JSON is not in a copyable block")
    click(qtbot, view, point)
    assert json.loads(QGuiApplication.clipboard().text()) == {"name": "Ada", "age": 36}


def test_the_facts_line_counts_tool_calls_and_their_reported_cost() -> None:
    from groq_desktop.app.chat.message_delegate import facts_text

    text, _ = facts_text("m", {"tool_calls": [{"type": "browser_search", "cost": 0.005}, {"type": "code_interpreter"}]})
    assert "2 tool call" in text and "($0.0050 reported)" in text
    assert "tool call" not in facts_text("m", {"ttft": 0.1})[0]
