"""The emulator's built-in tools and structured output: Groq's checks, ``executed_tools`` and JSON replies.

Deterministic like the rest of the emulator: the same request gives the same search results, code
and JSON document.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import Any

import jsonschema

from groq_desktop.emulator import textgen
from groq_desktop.emulator.models import CatalogueModel

BUILTIN_TOOLS = ("browser_search", "code_interpreter")
_SITES = ("docs.example.org", "news.example.com", "wiki.example.net", "blog.example.dev")


@dataclass(frozen=True)
class Refusal(Exception):
    """A request Groq answers with 400 before running the model."""

    message: str
    param: str | None = None


def builtin_tools_of(request: dict[str, Any]) -> tuple[str, ...]:
    tools = request.get("tools") or []
    return tuple(t.get("type") for t in tools if isinstance(t, dict) and t.get("type") in BUILTIN_TOOLS)


def check(model: CatalogueModel, request: dict[str, Any]) -> None:
    """Groq's refusals for tools and ``response_format``; raises ``Refusal``."""
    tools = request.get("tools")
    if tools is not None and not isinstance(tools, list):
        raise Refusal("'tools' : value must be an array", "tools")
    for i, tool in enumerate(tools or []):
        kind = tool.get("type") if isinstance(tool, dict) else None
        if kind in BUILTIN_TOOLS and kind not in model.capabilities:
            raise Refusal(f"model `{model.id}` does not support tool `{kind}`", f"tools.{i}.type")
        if kind == "function" and "tools" not in model.capabilities:
            raise Refusal(f"model `{model.id}` does not support tool calling", f"tools.{i}.type")
        if kind not in (*BUILTIN_TOOLS, "function"):
            raise Refusal(f"'tools.{i}.type' : value must be one of function, browser_search, code_interpreter",
                          f"tools.{i}.type")
    fmt = request.get("response_format")
    if fmt is None:
        return
    kind = fmt.get("type") if isinstance(fmt, dict) else None
    if kind == "text":
        return
    if kind not in ("json_object", "json_schema"):
        raise Refusal("'response_format.type' : value must be one of text, json_object, json_schema",
                      "response_format.type")
    if kind not in model.capabilities:
        raise Refusal(f"model `{model.id}` does not support `response_format` of type `{kind}`",
                      "response_format.type")
    if request.get("stream"):
        raise Refusal("response_format is not supported with streaming", "stream")
    if tools:
        raise Refusal("response_format is not supported with tool calling", "tools")
    if kind == "json_schema":
        spec = fmt.get("json_schema")
        schema = spec.get("schema") if isinstance(spec, dict) else None
        if not isinstance(spec, dict) or not spec.get("name") or not isinstance(schema, dict):
            raise Refusal("'response_format.json_schema' : properties 'name' and 'schema' are required",
                          "response_format.json_schema")
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as exc:
            raise Refusal(f"invalid JSON schema: {exc.message}", "response_format.json_schema.schema") from exc


def json_reply(request: dict[str, Any], seed: int) -> str:
    """A JSON document for ``response_format``, valid against the request's schema."""
    rng = random.Random(seed)
    fmt = request["response_format"]
    if fmt.get("type") == "json_schema":
        schema = fmt["json_schema"]["schema"]
        document = _instance(schema, rng, schema)
        jsonschema.validate(document, schema)  # the emulator must never send what it claims is valid
    else:
        document = {"answer": " ".join(rng.choice(textgen.WORDS) for _ in range(12)),
                    "keywords": [rng.choice(textgen.WORDS) for _ in range(3)]}
    return json.dumps(document, indent=2, ensure_ascii=False)


def _instance(schema: dict[str, Any], rng: random.Random, root: dict[str, Any]) -> Any:
    if "$ref" in schema and str(schema["$ref"]).startswith("#/"):
        target: Any = root
        for part in str(schema["$ref"])[2:].split("/"):
            target = target[part]
        return _instance(target, rng, root)
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return rng.choice(schema["enum"])
    for key in ("anyOf", "oneOf"):
        if schema.get(key):
            return _instance(schema[key][0], rng, root)
    kind = schema.get("type", "object" if "properties" in schema else "string")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object":
        props = schema.get("properties") or {}
        return {name: _instance(sub, rng, root) for name, sub in props.items()}
    if kind == "array":
        low = int(schema.get("minItems", 1))
        count = max(low, min(int(schema.get("maxItems", 3)), 2))
        return [_instance(schema.get("items") or {}, rng, root) for _ in range(count)]
    if kind == "integer":
        return max(int(schema.get("minimum", 0)), min(int(schema.get("maximum", 100)), rng.randint(1, 100)))
    if kind == "number":
        return round(rng.uniform(float(schema.get("minimum", 0)), float(schema.get("maximum", 100))), 2)
    if kind == "boolean":
        return rng.random() < 0.5
    if kind == "null":
        return None
    words = " ".join(rng.choice(textgen.WORDS) for _ in range(rng.randint(1, 4)))
    return words[: int(schema["maxLength"])] if "maxLength" in schema else words


def executed_tools(request: dict[str, Any], seed: int, query: str) -> list[dict[str, Any]]:
    """What Groq's built-in tools did for this request, as ``message.executed_tools``."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    for kind in builtin_tools_of(request):
        index = len(out)
        if kind == "browser_search":
            results = [_search_result(rng, query, i) for i in range(3)]
            output = "\n".join(f"【{i}†{r['title']}†{r['url']}】 {r['content']}" for i, r in enumerate(results))
            out.append({"index": index, "type": "browser_search", "arguments": json.dumps({"query": query}),
                        "output": output, "search_results": {"results": results}})
        else:
            n = rng.randint(3, 9)
            code = f"values = [i * i for i in range({n})]\nprint(sum(values))"
            output = f"{sum(i * i for i in range(n))}\n"
            out.append({"index": index, "type": "code_interpreter", "arguments": json.dumps({"code": code}),
                        "output": output})
    return out


def _search_result(rng: random.Random, query: str, i: int) -> dict[str, Any]:
    topic = " ".join(rng.choice(textgen.WORDS) for _ in range(3)).title()
    slug = topic.lower().replace(" ", "-")
    return {
        "title": f"{topic} — {query[:40] or 'result'}",
        "url": f"https://{_SITES[(i + len(slug)) % len(_SITES)]}/{slug}",
        "content": " ".join(rng.choice(textgen.WORDS) for _ in range(24)).capitalize() + ".",
        "score": round(0.9 - i * 0.1, 2),
    }


def citation_text(tools: list[dict[str, Any]]) -> str:
    """The sources line a search-backed reply ends with."""
    results = [r for t in tools for r in (t.get("search_results") or {}).get("results", [])]
    if not results:
        return ""
    return "\n\nSources: " + "; ".join(f"[{r['title']}]({r['url']})" for r in results)
