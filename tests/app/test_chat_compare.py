"""The Compare view driven through the chat panel: 3 models side by side, then keep one reply."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from groq_desktop.app.chat.compare import stats_text
from tests.app.test_chat_panel import make_panel, save_screenshot, type_and_send, wait_reply  # noqa: F401

PROMPT = "[[emulator reply_tokens=60]] Explain an LPU in two lines."


def test_compare_three_models_side_by_side_and_continue_with_one(qtbot: Any, make_panel: Any) -> None:  # noqa: F811
    env = make_panel()
    panel = env.panel
    type_and_send(qtbot, panel, "Hello")
    wait_reply(qtbot, env, "complete")
    panel.composer.set_text(PROMPT)
    dialog = panel.open_compare()
    models = dialog.selected_models()
    assert len(models) == 3 and panel.model_picker.current_model() in models
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.finished_all, timeout=20_000)
    assert env.emulator.stats.rate_limited == 0
    for model, column in dialog.columns.items():
        assert column.text and column.reply.toPlainText().strip()
        assert "TTFT" in column.stats.text() and "tok/s" in column.stats.text() and "cached" in column.stats.text()
        assert "$" in column.stats.text() and column.keep_button.isEnabled(), model
    save_screenshot(dialog, "chat_compare.png")  # type: ignore[arg-type]
    chosen = models[1]
    kept_text = dialog.columns[chosen].text
    with qtbot.waitSignal(dialog.kept, timeout=2000):
        qtbot.mouseClick(dialog.columns[chosen].keep_button, Qt.MouseButton.LeftButton)
    history = env.storage.list_messages(panel.conversation_id)
    assert [(m.role, m.content if m.role == "user" else m.model) for m in history[-2:]] == [
        ("user", PROMPT), ("assistant", chosen)]
    assert history[-1].content == kept_text
    assert [m.id for m in panel.messages.messages()][-1] == history[-1].id  # shown in the conversation


def test_stats_text_says_every_figure() -> None:
    text = stats_text({"ttft": 0.12, "tokens_per_second": 900.0, "prompt_tokens": 30, "completion_tokens": 60,
                       "cached_tokens": 16, "cost": 0.00005})
    assert text == "TTFT 120 ms · 900 tok/s · 30 in / 60 out · 16 cached · ≈ $0.00005"


def test_a_search_reply_sent_from_the_panel_shows_its_tool_block(qtbot: Any, make_panel: Any) -> None:  # noqa: F811
    env = make_panel()
    panel = env.panel
    type_and_send(qtbot, panel, "Hello")
    wait_reply(qtbot, env, "complete")
    # The toggles live in the parameters side sheet: open it the way a user does, with its button.
    qtbot.mouseClick(panel.parameters_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.parameters_sheet.isVisible)
    assert panel.parameters.search_tool.isVisible()  # the default chat model searches (catalogue)
    panel.parameters.search_tool.setChecked(True)
    type_and_send(qtbot, panel, "What happened today?")
    reply = wait_reply(qtbot, env, "complete")
    assert reply.facts["executed_tools"][0]["type"] == "browser_search"
    model = panel.messages
    layout = panel.view.delegate.row_layout(model.index(model.row_of(reply.id), 0))
    assert layout.tools_header is not None and "Web search" in layout.tools_label
