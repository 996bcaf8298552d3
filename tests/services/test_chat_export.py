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


REPLY = """# Plan

Some text.

## Step 1

```python
# not a heading: a comment in code
print("## nor this")
```

~~~
# tilde fence
~~~

### Details
   ## indented heading
#hashtag is not a heading
"""


def test_markdown_export_demotes_reply_headings_and_reads_back_the_same(tmp_path: Path) -> None:
    with Storage(tmp_path / "db.sqlite3") as store:
        conversation = store.create_conversation("Headings", "m")
        store.add_message(conversation.id, "user", "# my own heading\nplease plan")
        store.add_message(conversation.id, "assistant", REPLY)
        deep = "###### six\n# one"  # a heading already at level 6 can't go lower: this one is not shifted
        store.add_message(conversation.id, "user", deep)
        store.add_message(conversation.id, "assistant", "")
        messages = store.list_messages(conversation.id)
        conversation = store.get_conversation(conversation.id)
    markdown = chat_export.to_markdown(conversation, messages)
    lines = markdown.splitlines()
    level_two = [line for line in lines if line.startswith("## ")]
    # The export's outline is the conversation: its only level-2 headings are the messages'.
    assert level_two == ["## You", "## Assistant", "## You", "## Assistant"]
    assert "# Plan" not in lines and "# my own heading" not in lines and "### my own heading" in lines
    assert "# tilde fence" in lines
    assert "### Plan" in lines and "#### Step 1" in lines and "##### Details" in lines
    assert "   #### indented heading" in lines
    assert "# not a heading: a comment in code" in lines and '''print("## nor this")''' in lines
    assert "#hashtag is not a heading" in lines
    back = chat_export.from_markdown(markdown)
    assert back == [(m.role, m.content) for m in messages]
