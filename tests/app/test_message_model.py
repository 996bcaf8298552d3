"""MessageListModel: a well-behaved Qt model whose streamed deltas are coalesced."""

from __future__ import annotations

from typing import Any

from groq_desktop.app.chat.message_model import MessageListModel, MessageRole, Waiting
from groq_desktop.core.store.storage import Message


def make_message(message_id: int, role: str = "user", content: str = "hello", **fields: Any) -> Message:
    values: dict[str, Any] = dict(
        id=message_id, conversation_id=1, position=message_id, role=role, content=content, reasoning="",
        status="complete", model=None, error=None, facts={}, created_at=0.0, updated_at=0.0,
    )
    values.update(fields)
    return Message(**values)


def conversation(count: int = 4) -> list[Message]:
    return [make_message(i, "user" if i % 2 else "assistant", f"message {i}") for i in range(1, count + 1)]


def test_model_passes_qtmodeltester_through_every_operation(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = MessageListModel()
    qtmodeltester.check(model)
    model.set_messages(conversation(6))
    qtmodeltester.check(model)
    model.append(make_message(7, "assistant", "", status="streaming"))
    model.append_stream(7, "partial", "thinking")
    model.flush()
    model.update(make_message(3, "user", "edited"))
    model.set_status(7, "complete", facts={"request_id": "req_1"})
    model.set_waiting(7, "TPM", 5.0)
    qtmodeltester.check(model)
    model.remove_after(4)
    qtmodeltester.check(model)
    assert model.rowCount() == 4


def test_roles_and_lookups() -> None:
    model = MessageListModel()
    model.set_messages(conversation(3))
    index = model.index(1, 0)
    assert index.data(MessageRole.ID) == 2
    assert index.data(MessageRole.CHAT_ROLE) == "assistant"
    assert index.data(MessageRole.CONTENT) == "message 2"
    assert index.data(MessageRole.MESSAGE) is model.message(1)
    assert model.row_of(3) == 2 and model.row_of(99) == -1
    assert model.message_by_id(2) is model.message(1)
    assert model.message_by_id(99) is None
    assert b"revision" in model.roleNames().values()


def test_append_stream_coalesces_into_one_data_changed_per_flush(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = MessageListModel(flush_ms=30)
    model.set_messages([make_message(1), make_message(2, "assistant", "", status="streaming")])
    changed: list[int] = []
    model.dataChanged.connect(lambda top, bottom, roles=None: changed.append(top.row()))
    deltas = [f"tok{i} " for i in range(400)]
    revision_before = model.revision(2)
    with qtbot.waitSignal(model.flushed, timeout=2000):
        for delta in deltas:
            model.append_stream(2, delta, "r" if delta == "tok0 " else "")
    assert changed == [1]
    assert model.message(1).content == "".join(deltas)
    assert model.message(1).reasoning == "r"
    assert model.revision(2) > revision_before
    assert not model.has_pending()


def test_streaming_does_not_touch_the_callers_message_object() -> None:
    original = make_message(2, "assistant", "start ")
    model = MessageListModel()
    model.set_messages([original])
    model.append_stream(2, "more")
    model.flush()
    assert original.content == "start "
    assert model.message(0).content == "start more"


def test_set_status_flushes_pending_text_first_and_merges_facts() -> None:
    model = MessageListModel()
    model.set_messages([make_message(1, "assistant", "", status="streaming", facts={"ttft": 0.1})])
    model.append_stream(1, "partial")
    model.set_status(1, "stopped", facts={"request_id": "req_9"})
    message = model.message(0)
    assert (message.content, message.status) == ("partial", "stopped")
    assert message.facts == {"ttft": 0.1, "request_id": "req_9"}
    model.set_status(1, "error", error="boom")
    assert model.message(0).error == "boom"


def test_update_replaces_one_row_and_drops_its_buffered_deltas() -> None:
    model = MessageListModel()
    model.set_messages(conversation(3))
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda top, bottom, roles=None: changed.append((top.row(), bottom.row())))
    model.append_stream(2, " stale")
    model.update(make_message(2, "assistant", "final text"))
    model.flush()
    assert changed == [(1, 1)]
    assert model.message(1).content == "final text"


def test_remove_after_drops_the_tail_and_reindexes() -> None:
    model = MessageListModel()
    model.set_messages(conversation(5))
    model.set_waiting(5, "TPM", 1.0)
    model.remove_after(2)
    assert [m.id for m in model.messages()] == [1, 2]
    assert model.row_of(5) == -1 and model.waiting_ids() == []
    model.append(make_message(6))
    assert model.row_of(6) == 2


def test_waiting_is_set_and_cleared() -> None:
    model = MessageListModel()
    model.set_messages(conversation(2))
    model.set_waiting(2, "TPM", 12.0)
    assert model.index(1, 0).data(MessageRole.WAITING) == Waiting("TPM", 12.0)
    assert model.waiting_ids() == [2]
    model.set_waiting(2, None, None)
    assert model.waiting(2) is None and model.waiting_ids() == []




def test_loading_a_long_conversation_freezes_the_heap_for_the_gc(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    frozen: list[int] = []
    monkeypatch.setattr("groq_desktop.app.chat.message_model.gc.freeze", lambda: frozen.append(1))
    monkeypatch.setattr("groq_desktop.app.chat.message_model.FREEZE_AFTER_ROWS", 10)
    model = MessageListModel()
    model.set_messages(conversation(9))
    assert frozen == []
    model.set_messages(conversation(10))
    assert frozen == [1]
