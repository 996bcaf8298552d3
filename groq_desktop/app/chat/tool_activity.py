"""What Groq's built-in tools did and structured replies, as the chat bubble shows them."""

from __future__ import annotations

import html
import json
from typing import Any

from groq_desktop.core.store.storage import Message
from groq_desktop.i18n import translate
from groq_desktop.services.structured_output import validate_reply


def executed_tools(message: Message) -> list[dict[str, Any]]:
    tools = (message.facts or {}).get("executed_tools")
    return [t for t in tools if isinstance(t, dict)] if isinstance(tools, list) else []


def search_results(tool: dict[str, Any]) -> list[dict[str, Any]]:
    results = (tool.get("search_results") or {}).get("results") if isinstance(tool.get("search_results"), dict) else None
    return [r for r in results or [] if isinstance(r, dict)]


def _arguments(tool: dict[str, Any]) -> dict[str, Any]:
    raw = tool.get("arguments")
    if isinstance(raw, dict):
        return raw
    try:
        value = json.loads(raw) if isinstance(raw, str) and raw else {}
    except ValueError:
        return {"code": raw} if tool.get("type") == "code_interpreter" else {"query": raw}
    return value if isinstance(value, dict) else {}


def tools_label(tools: list[dict[str, Any]], expanded: bool) -> str:
    parts = []
    searches = [t for t in tools if t.get("type") == "browser_search"]
    runs = [t for t in tools if t.get("type") == "code_interpreter"]
    if searches:
        count = sum(len(search_results(t)) for t in searches)
        parts.append(translate("tool_activity", "Web search · %n source(s)", None, count))
    if runs:
        run_count = len(runs)  # a variable: lupdate skips a call whose count is itself a call
        parts.append(translate("tool_activity", "Python runs · %n", None, run_count))
    others = len(tools) - len(searches) - len(runs)
    if others:
        parts.append(translate("tool_activity", "%n other tool call(s)", None, others))
    return ("▾ " if expanded else "▸ ") + " · ".join(parts)


def tools_html(tools: list[dict[str, Any]]) -> str:
    """Searches with their result titles as links (citations); code run and its output."""
    out: list[str] = []
    for tool in tools:
        args = _arguments(tool)
        if tool.get("type") == "browser_search":
            query = html.escape(str(args.get("query", "")))
            out.append(
                translate("tool_activity", "<p><b>Searched</b> “{query}”</p>").format(query=query) + "<ol>"
            )
            for result in search_results(tool):
                url = html.escape(str(result.get("url", "")), quote=True)
                title = html.escape(
                    str(result.get("title") or result.get("url") or translate("tool_activity", "result"))
                )
                out.append(f'<li><a href="{url}">{title}</a><br/><span>{html.escape(str(result.get("url", "")))}'
                           "</span></li>")
            out.append("</ol>")
        elif tool.get("type") == "code_interpreter":
            out.append(translate("tool_activity", "<p><b>Ran Python</b></p>"))
            out.append(f"<pre>{html.escape(str(args.get('code', tool.get('arguments', ''))))}</pre>")
            if tool.get("output") not in (None, ""):
                out.append(
                    translate("tool_activity", "<p>Output</p>")
                    + f"<pre>{html.escape(str(tool['output']).rstrip())}</pre>"
                )
        else:
            out.append(f"<p><b>{html.escape(str(tool.get('type', 'tool')))}</b></p>")
            if tool.get("output"):
                out.append(f"<pre>{html.escape(str(tool['output']).rstrip())}</pre>")
    return "".join(out)


def json_schema_of(message: Message) -> dict[str, Any] | None:
    fmt = (message.facts or {}).get("response_format")
    if not isinstance(fmt, dict) or fmt.get("type") != "json_schema":
        return None
    schema = (fmt.get("json_schema") or {}).get("schema")
    return schema if isinstance(schema, dict) else None


def shown_text(message: Message) -> str:
    """The markdown a reply is drawn from: a structured reply as formatted JSON with its validation."""
    fmt = (message.facts or {}).get("response_format")
    if message.role != "assistant" or not isinstance(fmt, dict) or message.status != "complete":
        return message.content
    problem = validate_reply(message.content, json_schema_of(message))
    try:
        pretty = json.dumps(json.loads(message.content), indent=2, ensure_ascii=False)
    except ValueError:
        return f"{message.content}\n\n✗ {problem}"
    verdict = f"✗ {problem}" if problem else (
        translate("tool_activity", "✓ Valid JSON, matches the schema") if json_schema_of(message)
        else translate("tool_activity", "✓ Valid JSON"))
    return f"```json\n{pretty}\n```\n\n{verdict}"
