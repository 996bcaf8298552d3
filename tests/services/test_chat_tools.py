"""ChatService with Groq's built-in tools and structured output, against the emulator."""

from __future__ import annotations

import json
from typing import Any

import jsonschema

from groq_desktop.core.store.storage import MessageStatus
from groq_desktop.services.chat import builtin_tools, merge_tools, request_params, tool_facts
from tests.services import test_chat_service as base
from tests.services.test_chat_service import Recorder, run

make_chat = base.make_chat
MODEL = "openai/gpt-oss-20b"  # browser_search, code_interpreter, json_schema in the catalogue
SCHEMA = {"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
          "required": ["name", "age"], "additionalProperties": False}


def _send(chat: Any, services: Any, params: dict[str, Any], text: str = "Who won?") -> Any:
    conversation = chat.create_conversation(MODEL)
    chat.update_settings(conversation.id, params=params)
    recorder = Recorder()

    async def scenario() -> None:
        await chat.wait_finished(await chat.send(conversation.id, text, recorder))

    run(services, scenario)
    return recorder.last()


def test_a_search_reply_stores_what_the_tools_did_in_its_facts(make_chat) -> None:
    chat, services, emulator = make_chat()
    done = _send(chat, services, {"builtin_tools": ["browser_search", "code_interpreter"]})
    assert done.kind == "done", done.error
    tools = done.message.facts["executed_tools"]
    assert [t["type"] for t in tools] == ["browser_search", "code_interpreter"]
    assert all("output" in t for t in tools)  # the streamed call and its later output merged into one
    assert tools[0]["search_results"]["results"][0]["url"].startswith("https://")
    assert [f["type"] for f in done.message.facts["tool_calls"]] == ["browser_search", "code_interpreter"]
    assert emulator.stats.count(400) == 0


def test_json_schema_mode_is_sent_unstreamed_without_tools_and_the_reply_fits_the_schema(make_chat) -> None:
    chat, services, emulator = make_chat()
    params = {"json_mode": "json_schema", "json_schema": {"name": "person", "schema": SCHEMA},
              "builtin_tools": ["browser_search"]}
    sent = request_params(MODEL, params)
    assert "tools" not in sent and sent["response_format"]["type"] == "json_schema"
    done = _send(chat, services, params)
    assert done.kind == "done", done.error
    assert done.message.status == MessageStatus.COMPLETE
    jsonschema.validate(json.loads(done.message.content), SCHEMA)
    assert done.message.facts["response_format"]["json_schema"]["schema"] == SCHEMA
    assert emulator.stats.count(400) == 0  # neither streamed nor combined with tools: nothing refused


def test_tools_and_json_modes_follow_the_models_capabilities() -> None:
    # A model whose catalogue entry lacks the capability gets neither (qwen: json_object only, no search).
    qwen = "qwen/qwen3.8-27b"
    assert builtin_tools(qwen, {"builtin_tools": ["browser_search"]}) == []
    assert "response_format" not in request_params(qwen, {"json_mode": "json_schema",
                                                          "json_schema": {"name": "x", "schema": SCHEMA}})
    assert request_params(qwen, {"json_mode": "json_object"})["response_format"] == {"type": "json_object"}


def test_streamed_tool_pieces_merge_by_index_and_reported_costs_are_kept() -> None:
    merged = merge_tools([], [{"index": 0, "type": "browser_search", "arguments": "{}"}])
    merged = merge_tools(merged, [{"index": 0, "type": "browser_search", "output": "x", "cost": 0.005},
                                  {"index": 1, "type": "code_interpreter", "output": "1"}])
    assert [(t["index"], t.get("output")) for t in merged] == [(0, "x"), (1, "1")]
    assert tool_facts(merged) == [{"type": "browser_search", "cost": 0.005}, {"type": "code_interpreter"}]


def test_tool_results_are_exported_with_the_message(make_chat) -> None:
    from groq_desktop.services import chat_export

    chat, services, _ = make_chat()
    done = _send(chat, services, {"builtin_tools": ["browser_search", "code_interpreter"]})
    conversation = services.storage.get_conversation(done.message.conversation_id)
    messages = services.storage.list_messages(conversation.id)
    tools = done.message.facts["executed_tools"]
    markdown = chat_export.to_markdown(conversation, messages)
    for result in tools[0]["search_results"]["results"]:
        assert f"[{result['title']}]({result['url']})" in markdown
    assert json.loads(tools[1]["arguments"])["code"] in markdown and tools[1]["output"].strip() in markdown
    assert chat_export.from_markdown(markdown)[1] == ("assistant", done.message.content)
    back = chat_export.from_json(chat_export.to_json(conversation, messages))
    assert back.messages[1].facts["executed_tools"] == tools


def test_tool_activity_reaches_the_ui_before_the_answer_streams(make_chat) -> None:
    chat, services, _ = make_chat()
    conversation = chat.create_conversation(MODEL)
    chat.update_settings(conversation.id, params={"builtin_tools": ["browser_search"]})
    recorder = Recorder()

    async def scenario() -> None:
        await chat.wait_finished(await chat.send(conversation.id, "[[emulator reply_tokens=400]] News?", recorder))

    run(services, scenario)
    deltas = [e for e in recorder.events if e.kind == "delta"]
    first_tools = next(i for i, e in enumerate(deltas) if e.facts and e.facts.get("executed_tools"))
    first_text = next(i for i, e in enumerate(deltas) if e.content_delta)
    assert first_tools <= first_text
    assert deltas[first_tools].facts["executed_tools"][0]["type"] == "browser_search"
