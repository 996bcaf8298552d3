"""Exports carry the selected version of each reply (the one the conversation went on from)."""

from __future__ import annotations

from pathlib import Path

from groq_desktop.core.store.storage import MessageStatus, Storage
from groq_desktop.services import chat_export


def test_exports_carry_the_selected_version_and_say_which(tmp_path: Path) -> None:
    with Storage(tmp_path / "db.sqlite3") as store:
        conversation = store.create_conversation("Versions", "m")
        store.add_message(conversation.id, "user", "question")
        reply = store.add_message(conversation.id, "assistant", "the first answer")
        version = store.begin_version(reply.id, "m")
        store.update_version(reply.id, version, content="the second answer", status=MessageStatus.COMPLETE)
        store.select_version(reply.id, version)
        messages = store.list_messages(conversation.id)
        conversation = store.get_conversation(conversation.id)
    markdown = chat_export.to_markdown(conversation, messages)
    assert "the second answer" in markdown and "the first answer" not in markdown
    assert "version 2 of 2" in markdown
    back = chat_export.from_json(chat_export.to_json(conversation, messages))
    assert back.messages[1].content == "the second answer"
    assert (back.messages[1].version, back.messages[1].version_count) == (2, 2)
