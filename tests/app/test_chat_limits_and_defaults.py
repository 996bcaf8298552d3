"""Issue 9: a request larger than a whole per-minute budget is not sent, the fix is one click away.
Issue 10: new conversations start with the default system prompt; the parameters live in a side sheet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from groq_desktop.app.settings import Key
from groq_desktop.core.quota.limits import Cost, Dimension
from groq_desktop.core.store.storage import MessageStatus
from tests.app import test_chat_panel
from tests.app.test_chat_panel import MODEL, PanelEnv, type_and_send, wait_reply
from tests.conftest import save_screenshot

make_panel = test_chat_panel.make_panel  # the fixture: the real panel against the emulator

LONG = "Tell me about the history of the tea ceremony in Kyoto and its schools. " * 12


def _limit(env: PanelEnv, dimension: Dimension, value: float) -> None:
    limiter = env.services.limiter
    limits = env.services.limit_table.limits_for(MODEL, limiter.plan).with_value(dimension, value)
    limiter.set_limits(MODEL, limits)


def test_a_request_over_the_itpm_budget_is_not_sent_and_dropping_old_turns_fixes_it(
    qtbot: Any, make_panel: Callable[..., PanelEnv]
) -> None:
    env = make_panel()
    panel = env.panel
    conversation_id = panel.new_conversation()
    for _turn in range(4):
        env.storage.add_message(conversation_id, "user", LONG)
        env.storage.add_message(conversation_id, "assistant", LONG, status=MessageStatus.COMPLETE, model=MODEL)
    panel.open_conversation(conversation_id)
    _limit(env, Dimension.ITPM, 600)  # the history alone is ~1,300 input tokens
    stored = env.storage.count_messages(conversation_id)

    panel.composer.edit.setFocus()
    panel.composer.set_text("And today?")
    qtbot.keyClick(panel.composer.edit, Qt.Key.Key_Return)
    bar = panel.too_large_bar
    qtbot.waitUntil(bar.isVisible, timeout=5000)
    text = bar.label.text()
    assert text.startswith("This request needs ") and "input tokens; your limit is 600 a minute" in text
    assert env.storage.count_messages(conversation_id) == stored  # nothing stored, nothing sent
    assert panel.composer.text() == "And today?"
    assert bar.drop_button.isVisible() and not bar.lower_button.isVisible()  # no max_tokens helps a prompt

    qtbot.mouseClick(bar.drop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=5000)
    conversation = env.storage.get_conversation(conversation_id)
    assert conversation is not None and int(conversation.params.get("context_from", 0)) > 0
    assert "it fits now" in panel.status_label.text()
    type_and_send(qtbot, panel, "And today?")
    assert wait_reply(qtbot, env, MessageStatus.COMPLETE).content
    assert env.emulator.stats.count(413) == 0 and env.emulator.stats.count(429) == 0


def test_lower_max_tokens_sets_the_conversation_parameter(qtbot: Any, make_panel: Callable[..., PanelEnv]) -> None:
    env = make_panel()
    panel = env.panel
    conversation_id = panel.new_conversation()
    _limit(env, Dimension.TPM, 1000)
    error = env.services.limiter.too_large(MODEL, Cost.chat(100, 5000))
    assert error is not None and error.max_tokens_fit == 900
    panel.too_large_bar.show_error(error, can_drop=False)
    bar = panel.too_large_bar
    assert bar.lower_button.text() == "Lower max tokens to 900" and not bar.drop_button.isVisibleTo(bar)
    qtbot.mouseClick(bar.lower_button, Qt.MouseButton.LeftButton)
    conversation = env.storage.get_conversation(conversation_id)
    assert conversation is not None and conversation.params["max_completion_tokens"] == 900
    assert panel.parameters.max_tokens.value() == 900 and not bar.isVisible()


def test_new_conversations_start_with_the_default_system_prompt(
    qtbot: Any, make_panel: Callable[..., PanelEnv]
) -> None:
    env = make_panel()
    panel = env.panel
    panel.settings.set(Key.DEFAULT_SYSTEM_PROMPT, "Answer in French.")
    conversation_id = panel.new_conversation()
    conversation = env.storage.get_conversation(conversation_id)
    assert conversation is not None and conversation.system_prompt == "Answer in French."
    assert panel.parameters.system_prompt.toPlainText() == "Answer in French."
    type_and_send(qtbot, panel, "Hello")
    wait_reply(qtbot, env, MessageStatus.COMPLETE)
    # a conversation's own prompt is its own: changing the default later leaves it alone
    panel.settings.set(Key.DEFAULT_SYSTEM_PROMPT, "")
    second = panel.new_conversation()
    assert second != conversation_id
    assert env.storage.get_conversation(second).system_prompt == ""  # type: ignore[union-attr]
    assert env.storage.get_conversation(conversation_id).system_prompt == "Answer in French."  # type: ignore[union-attr]


def test_parameters_open_in_a_side_sheet_that_keeps_the_chat_height_with_a_reset_per_value(
    qtbot: Any, make_panel: Callable[..., PanelEnv], tmp_path: Path
) -> None:
    env = make_panel()
    panel = env.panel
    panel.resize(900, 600)
    panel.settings.set(Key.DEFAULT_SYSTEM_PROMPT, "Be brief.")
    conversation_id = panel.new_conversation()
    type_and_send(qtbot, panel, "Plan a day in Kyoto")
    wait_reply(qtbot, env, MessageStatus.COMPLETE)
    sheet, button = panel.parameters_sheet, panel.parameters_button
    qtbot.waitUntil(lambda: panel.view.height() > 0)
    height = panel.view.height()
    assert not sheet.isVisible() and not panel.parameters.isVisible()

    # keyboard: the button beside the model picker takes focus and opens the sheet with Space
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(sheet.isVisible)
    qtbot.waitUntil(lambda: panel.parameters.system_prompt.hasFocus())
    assert panel.view.height() == height  # nothing pushed the chat down
    assert sheet.width() <= 340
    assert sheet.parameters.minimumSizeHint().width() <= sheet.parameters.width()  # nothing cut off

    params = panel.parameters
    params.temperature.setValue(0.7)
    params.max_tokens.setValue(2048)
    params.system_prompt.setPlainText("Speak like a poet.")
    stored = env.storage.get_conversation(conversation_id)
    assert stored is not None and stored.params["temperature"] == 0.7
    resets = sheet.reset_buttons
    assert resets["Temperature"].isEnabled() and not resets["Top P"].isEnabled()  # only where not default
    qtbot.waitUntil(lambda: params.height() >= params.minimumSizeHint().height(), timeout=2000)  # laid out whole
    save_screenshot(panel, "chat_parameters.png", tmp_path)

    qtbot.mouseClick(resets["Temperature"], Qt.MouseButton.LeftButton)
    stored = env.storage.get_conversation(conversation_id)
    assert stored is not None and stored.params.get("temperature") is None and stored.params["max_completion_tokens"] == 2048
    assert params.temperature.text() == "default" and not resets["Temperature"].isEnabled()
    qtbot.mouseClick(resets["System prompt"], Qt.MouseButton.LeftButton)
    assert params.system_prompt.toPlainText() == "Be brief."  # the Settings' default prompt
    qtbot.mouseClick(sheet.reset_all_button, Qt.MouseButton.LeftButton)
    stored = env.storage.get_conversation(conversation_id)
    assert stored is not None and stored.params.get("max_completion_tokens") is None

    # rows the model does not take have no reset button showing either
    for name, reset in resets.items():
        field = sheet._fields[name]
        assert reset.isVisibleTo(sheet) == field.isVisibleTo(sheet)

    qtbot.keyClick(params.system_prompt, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not sheet.isVisible())
    assert not button.isChecked() and button.hasFocus()
