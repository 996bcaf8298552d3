"""JSON mode: checking a schema before it is saved, and a reply against it once it arrives."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import jsonschema

# A few schemas to start from (shown in the editor's examples list).
EXAMPLES: dict[str, dict[str, Any]] = {
    "Person": {
        "type": "object",
        "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0},
                       "email": {"type": "string"}},
        "required": ["name", "age", "email"],
        "additionalProperties": False,
    },
    "Sentiment": {
        "type": "object",
        "properties": {"sentiment": {"type": "string", "enum": ["positive", "neutral", "negative"]},
                       "confidence": {"type": "number", "minimum": 0, "maximum": 1}},
        "required": ["sentiment", "confidence"],
        "additionalProperties": False,
    },
    "Task list": {
        "type": "object",
        "properties": {"tasks": {"type": "array", "items": {
            "type": "object",
            "properties": {"title": {"type": "string"}, "done": {"type": "boolean"}},
            "required": ["title", "done"], "additionalProperties": False}}},
        "required": ["tasks"],
        "additionalProperties": False,
    },
}


@dataclass(frozen=True)
class SchemaCheck:
    schema: dict[str, Any] | None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.schema is not None


def check_schema(text: str) -> SchemaCheck:
    """The schema in ``text`` if it is a JSON object Groq can use, else why not."""
    try:
        schema = json.loads(text)
    except ValueError as exc:
        return SchemaCheck(None, f"Not JSON: {exc}")
    if not isinstance(schema, dict):
        return SchemaCheck(None, "A schema is a JSON object.")
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as exc:
        where = "/".join(str(p) for p in exc.path)
        return SchemaCheck(None, f"Not a valid schema{' at ' + where if where else ''}: {exc.message}")
    if schema.get("type", "object") != "object":
        return SchemaCheck(None, "Groq's structured output needs an object at the top (\"type\": \"object\").")
    return SchemaCheck(schema)


def validate_reply(content: str, schema: dict[str, Any] | None) -> str:
    """Empty when the reply is JSON (matching the schema, if any); else what is wrong with it."""
    try:
        document = json.loads(content)
    except ValueError as exc:
        return f"The reply is not valid JSON: {exc}"
    if schema is None:
        return ""
    try:
        jsonschema.validate(document, schema)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path)
        return f"The reply does not match the schema{' at ' + where if where else ''}: {exc.message}"
    except jsonschema.SchemaError as exc:
        return f"The saved schema is invalid: {exc.message}"
    return ""
