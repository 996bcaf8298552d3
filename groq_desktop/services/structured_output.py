"""JSON mode: checking a schema before it is saved, and a reply against it once it arrives."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import jsonschema

from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate

# A few schemas to start from (shown in the editor's examples list through example_label()).
EXAMPLES: dict[str, dict[str, Any]] = {
    QT_TRANSLATE_NOOP("structured_output", "Person"): {
        "type": "object",
        "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0},
                       "email": {"type": "string"}},
        "required": ["name", "age", "email"],
        "additionalProperties": False,
    },
    QT_TRANSLATE_NOOP("structured_output", "Sentiment"): {
        "type": "object",
        "properties": {"sentiment": {"type": "string", "enum": ["positive", "neutral", "negative"]},
                       "confidence": {"type": "number", "minimum": 0, "maximum": 1}},
        "required": ["sentiment", "confidence"],
        "additionalProperties": False,
    },
    QT_TRANSLATE_NOOP("structured_output", "Task list"): {
        "type": "object",
        "properties": {"tasks": {"type": "array", "items": {
            "type": "object",
            "properties": {"title": {"type": "string"}, "done": {"type": "boolean"}},
            "required": ["title", "done"], "additionalProperties": False}}},
        "required": ["tasks"],
        "additionalProperties": False,
    },
}


def example_label(name: str) -> str:
    """An example schema's name (a key of ``EXAMPLES``) in the user's language."""
    return translate("structured_output", name)


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
        return SchemaCheck(None, translate("structured_output", "Not JSON: {error}").format(error=exc))
    if not isinstance(schema, dict):
        return SchemaCheck(None, translate("structured_output", "A schema is a JSON object."))
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as exc:
        where = "/".join(str(p) for p in exc.path)
        text = (
            translate("structured_output", "Not a valid schema at {path}: {error}")
            if where
            else translate("structured_output", "Not a valid schema: {error}")
        )
        return SchemaCheck(None, text.format(path=where, error=exc.message))
    if schema.get("type", "object") != "object":
        return SchemaCheck(
            None, translate("structured_output", "Groq's structured output needs an object at the top (\"type\": \"object\").")
        )
    return SchemaCheck(schema)


def validate_reply(content: str, schema: dict[str, Any] | None) -> str:
    """Empty when the reply is JSON (matching the schema, if any); else what is wrong with it."""
    try:
        document = json.loads(content)
    except ValueError as exc:
        return translate("structured_output", "The reply is not valid JSON: {error}").format(error=exc)
    if schema is None:
        return ""
    try:
        jsonschema.validate(document, schema)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path)
        text = (
            translate("structured_output", "The reply does not match the schema at {path}: {error}")
            if where
            else translate("structured_output", "The reply does not match the schema: {error}")
        )
        return text.format(path=where, error=exc.message)
    except jsonschema.SchemaError as exc:
        return translate("structured_output", "The saved schema is invalid: {error}").format(error=exc.message)
    return ""
