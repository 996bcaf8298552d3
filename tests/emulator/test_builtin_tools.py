"""The emulator's built-in tools and structured output: executed_tools, JSON replies, Groq's 400s."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from groq_desktop.core.catalogue import shipped_catalogue
from groq_desktop.emulator import EmulatorConfig, EmulatorServer
from tests.emulator.test_today import chat

SCHEMA = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "population": {"type": "integer", "minimum": 1},
                   "tags": {"type": "array", "items": {"type": "string"}}},
    "required": ["city", "population", "tags"],
    "additionalProperties": False,
}


def _models(capability: str, has: bool) -> str:
    catalogue = shipped_catalogue()
    return next(m for m in catalogue.models if catalogue.facts(m).can("chat")
                and catalogue.facts(m).can(capability) is has and m not in catalogue.retired)


@pytest.fixture(scope="module")
def server() -> Any:
    with EmulatorServer(EmulatorConfig()) as s:
        yield s


def test_a_search_request_returns_executed_tools_with_titles_and_urls(server: EmulatorServer) -> None:
    model = _models("browser_search", True)
    body = chat(server, model=model, tools=[{"type": "browser_search"}, {"type": "code_interpreter"}]).json()
    tools = body["choices"][0]["message"]["executed_tools"]
    assert [t["type"] for t in tools] == ["browser_search", "code_interpreter"]
    results = tools[0]["search_results"]["results"]
    assert results and all(r["title"] and r["url"].startswith("https://") and r["content"] for r in results)
    assert json.loads(tools[1]["arguments"])["code"] and tools[1]["output"].strip().isdigit()
    assert results[0]["url"] in body["choices"][0]["message"]["content"]  # the reply cites its sources


def test_streamed_tools_arrive_as_a_call_then_its_output(server: EmulatorServer) -> None:
    model = _models("browser_search", True)
    response = chat(server, model=model, stream=True, tools=[{"type": "browser_search"}])
    pieces = [json.loads(line[6:])["choices"][0]["delta"].get("executed_tools")
              for line in response.text.splitlines() if line.startswith("data: {")]
    pieces = [p[0] for p in pieces if p]
    assert [("output" in p) for p in pieces] == [False, True]
    assert pieces[0]["index"] == pieces[1]["index"] == 0 and pieces[1]["search_results"]["results"]


def test_json_schema_replies_validate_against_the_schema(server: EmulatorServer) -> None:
    model = _models("json_schema", True)
    fmt = {"type": "json_schema", "json_schema": {"name": "city", "schema": SCHEMA, "strict": True}}
    body = chat(server, model=model, response_format=fmt).json()
    jsonschema.validate(json.loads(body["choices"][0]["message"]["content"]), SCHEMA)
    obj = chat(server, model=model, response_format={"type": "json_object"}).json()
    assert isinstance(json.loads(obj["choices"][0]["message"]["content"]), dict)


@pytest.mark.parametrize(("extra", "words"), [
    ({"stream": True}, "streaming"),
    ({"tools": [{"type": "browser_search"}]}, "tool"),
    ({"response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema": {"type": "nope"}}}},
     "invalid JSON schema"),
])
def test_forbidden_combinations_get_groqs_400(server: EmulatorServer, extra: dict, words: str) -> None:
    body: dict[str, Any] = {"response_format": {"type": "json_object"}, **extra}
    response = chat(server, model=_models("json_schema", True), **body)
    assert response.status_code == 400 and words in response.json()["error"]["message"]


def test_tools_on_a_model_without_them_are_refused(server: EmulatorServer) -> None:
    model = _models("browser_search", False)
    response = chat(server, model=model, tools=[{"type": "browser_search"}])
    assert response.status_code == 400 and "does not support tool `browser_search`" in response.json()["error"]["message"]
