"""The chat panel never loses a message or a reply: reply versions with a switcher, the composer kept
until the message is stored, drafts per conversation, storage errors at the end of a reply, and no
UI-thread reads that grow with the history (search, opening, the end of a reply, regenerate)."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt

from groq_desktop.app.chat.panel import OPEN_TAIL, ChatPanel
from groq_desktop.app.settings import AppSettings
from groq_desktop.core.store.storage import MessageStatus
from tests.app.test_chat_panel import MODEL, PanelEnv, make_panel, type_and_send, wait_reply

__all__ = ["make_panel"]  # the fixture, re-used


def _regenerate_and_wait(qtbot: Any, env: PanelEnv, before: Any) -> None:
    qtbot.mouseClick(env.panel.composer.regenerate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: env.panel.composer.busy)
    qtbot.waitUntil(lambda: not env.panel.composer.busy, timeout=15_000)


def test_the_reply_switcher_browses_versions_by_click_and_keyboard(
    qtbot: Any, make_panel: Callable[..., PanelEnv]
) -> None:
    env = make_panel()
    panel, view = env.panel, env.panel.view
    type_and_send(qtbot, panel, "[[emulator reply_tokens=60]] First question")
    first = wait_reply(qtbot, env, MessageStatus.COMPLETE)
    # The emulator answers the same prompt the same way: a system prompt makes the new version differ.
    panel.chat.update_settings(panel.conversation_id, system_prompt="Answer differently")
    _regenerate_and_wait(qtbot, env, first)
    second = env.reply()
    assert second.id == first.id and (second.version, second.version_count) == (2, 2)
    assert env.shown(first.id).content == second.content != first.content

    row = panel.messages.row_of(first.id)
    index = panel.messages.index(row, 0)
    view.scroll_to_message(first.id)
    layout = view.delegate.row_layout(index)
    assert layout.versions is not None and layout.versions[3] == "2/2"
    previous = layout.versions[0].center() + view.visualRect(index).topLeft()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=previous)
    qtbot.waitUntil(lambda: env.shown(first.id).version == 1)
    assert env.shown(first.id).content == first.content
    assert env.storage.get_message(first.id).content == first.content  # what later turns send

    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: env.shown(first.id).version == 2)
    assert "version 2 of 2" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert [a.text() for a in view.context_actions(first.id)][-1] == "Previous version"


def test_a_regeneration_that_fails_leaves_the_old_reply_in_the_view(
    qtbot: Any, make_panel: Callable[..., PanelEnv]
) -> None:
    env = make_panel()
    panel = env.panel
    type_and_send(qtbot, panel, "[[emulator reply_tokens=60]] A question")
    first = wait_reply(qtbot, env, MessageStatus.COMPLETE)
    env.emulator.inject("CUT")
    _regenerate_and_wait(qtbot, env, first)
    shown = env.shown(first.id)
    assert (shown.content, shown.status, shown.version) == (first.content, MessageStatus.COMPLETE, 1)
    assert env.storage.get_message(first.id).content == first.content
    assert "cut" in panel.status_label.text()


def test_a_message_that_cannot_be_stored_stays_in_the_composer_with_the_reason(
    qtbot: Any, make_panel: Callable[..., PanelEnv], monkeypatch: pytest.MonkeyPatch
) -> None:
    env = make_panel()
    panel = env.panel
    panel.new_conversation()

    def full(*_args: Any, **_kwargs: Any) -> Any:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(env.storage, "add_message", full)
    panel.composer.edit.setFocus()
    panel.composer.set_text("Please keep me")
    qtbot.keyClick(panel.composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "disk is full" in panel.status_label.text())
    assert panel.composer.text() == "Please keep me" and not panel.composer.busy
    monkeypatch.undo()
    type_and_send(qtbot, panel, "Please keep me")
    qtbot.waitUntil(lambda: panel.composer.text() == "")


def test_drafts_are_kept_per_conversation_and_survive_a_restart(
    qtbot: Any, make_panel: Callable[..., PanelEnv], tmp_path: Path
) -> None:
    env = make_panel()
    panel = env.panel
    first = panel.new_conversation()
    panel.composer.set_text("half a thought")
    qtbot.waitUntil(lambda: env.storage.get_draft(first) == "half a thought")
    second = panel.new_conversation()
    assert panel.composer.text() == ""
    panel.composer.set_text("another idea")
    panel.open_conversation(first)  # switching saves at once, no debounce needed
    assert panel.composer.text() == "half a thought"
    panel.open_conversation(second)
    assert panel.composer.text() == "another idea"
    panel.shutdown()

    settings = AppSettings(QSettings(str(tmp_path / "restart.ini"), QSettings.Format.IniFormat))
    again = ChatPanel(env.services, env.signals, settings)
    qtbot.addWidget(again)
    try:
        again.open_conversation(first)
        assert again.composer.text() == "half a thought"
        again.open_conversation(second)
        assert again.composer.text() == "another idea"
    finally:
        again.shutdown()


def test_a_storage_error_at_the_end_of_a_reply_ends_it_and_saves_it_later(
    qtbot: Any, make_panel: Callable[..., PanelEnv], monkeypatch: pytest.MonkeyPatch
) -> None:
    env = make_panel()
    panel = env.panel
    real_update = env.storage.update_message
    broken = [True]

    def update(message_id: int, **values: Any) -> Any:
        if broken[0] and values.get("status") is not None:
            raise sqlite3.OperationalError("database is locked")
        return real_update(message_id, **values)

    monkeypatch.setattr(env.storage, "update_message", update)
    type_and_send(qtbot, panel, "[[emulator reply_tokens=80]] Hello")
    reply_id = env.reply().id
    qtbot.waitUntil(lambda: not panel.composer.busy, timeout=15_000)
    shown = env.shown(reply_id)
    assert shown.status == MessageStatus.COMPLETE and len(shown.content.split()) >= 40
    assert "could not be saved" in panel.status_label.text() and "locked" in panel.status_label.text()
    conversation_id = panel.conversation_id
    panel.new_conversation()
    panel.open_conversation(conversation_id)  # reopened: shown from memory, not the older stored text
    assert env.shown(reply_id).content == shown.content
    broken[0] = False
    type_and_send(qtbot, panel, "Next")
    stored = env.storage.get_message(reply_id)
    assert stored.status == MessageStatus.COMPLETE and stored.content == shown.content


class _MainThreadReads:
    """Which of the app's storage reads ran on the UI thread."""

    def __init__(self, storage: Any, names: tuple[str, ...]) -> None:
        self.calls: list[tuple[str, bool]] = []
        main = threading.get_ident()
        for name in names:
            real = getattr(storage, name)

            def spy(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
                if "/tests/" not in sys._getframe(1).f_code.co_filename:  # the app's reads, not the test's
                    self.calls.append((_name, threading.get_ident() == main))
                return _real(*args, **kwargs)

            setattr(storage, name, spy)

    def on_main(self, name: str) -> int:
        return sum(1 for called, main in self.calls if called == name and main)


def test_search_runs_off_the_ui_thread_and_drops_stale_results(
    qtbot: Any, make_panel: Callable[..., PanelEnv]
) -> None:
    env = make_panel()
    panel = env.panel
    other = env.storage.create_conversation("Animals", MODEL)
    env.storage.add_message(other.id, "user", "the quagga and the zebra")
    env.storage.add_message(other.id, "assistant", "a zebra again")
    reads = _MainThreadReads(env.storage, ("search_messages",))
    panel.search_box.blockSignals(True)
    panel.search_box.setText("quagga")
    stale = asyncio.ensure_future(panel.run_search())
    panel.search_box.setText("zebra")
    fresh = asyncio.ensure_future(panel.run_search())
    panel.search_box.blockSignals(False)
    qtbot.waitUntil(lambda: stale.done() and fresh.done())
    assert stale.result() is None and len(fresh.result()) == 2
    assert panel.search_results.count() == 1  # one entry per conversation
    assert reads.calls and reads.on_main("search_messages") == 0


def test_opening_a_long_conversation_reads_it_off_the_ui_thread(
    qtbot: Any, make_panel: Callable[..., PanelEnv]
) -> None:
    env = make_panel()
    panel = env.panel
    long = env.storage.create_conversation("Long", MODEL)
    total = OPEN_TAIL * 2 + 10
    first = env.storage.add_message(long.id, "user", "the very first message")
    for i in range(1, total):
        env.storage.add_message(long.id, "assistant" if i % 2 else "user", f"message {i}")
    panel.new_conversation()
    reads = _MainThreadReads(env.storage, ("list_messages",))
    jumps: list[int] = []
    real_scroll = panel.view.scroll_to_message
    panel.view.scroll_to_message = lambda mid: (jumps.append(mid), real_scroll(mid))  # type: ignore[method-assign]
    panel.jump_to_message(long.id, first.id)
    assert panel.messages.rowCount() == OPEN_TAIL  # the last ones at once
    qtbot.waitUntil(lambda: panel.messages.rowCount() == total)
    assert panel.all_messages_loaded() and jumps == [first.id]
    assert reads.on_main("list_messages") == 0


def test_the_end_of_a_reply_and_a_regeneration_update_one_row(
    qtbot: Any, make_panel: Callable[..., PanelEnv]
) -> None:
    env = make_panel()
    panel = env.panel
    type_and_send(qtbot, panel, "[[emulator reply_tokens=40]] One")
    first = wait_reply(qtbot, env, MessageStatus.COMPLETE)
    resets: list[int] = []
    panel.messages.modelReset.connect(lambda: resets.append(1))
    reads = _MainThreadReads(env.storage, ("list_messages",))
    type_and_send(qtbot, panel, "[[emulator reply_tokens=40]] Two")
    wait_reply(qtbot, env, MessageStatus.COMPLETE)
    _regenerate_and_wait(qtbot, env, first)
    assert env.reply().version_count == 2
    assert resets == [] and reads.on_main("list_messages") == 0
