"""Prompt templates: ``{{name}}`` placeholders filled from a row's fields."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from groq_desktop.i18n import translate

_PLACEHOLDER = re.compile(r"\{\{\s*([^{}]+?)\s*\}\}")


class TemplateError(ValueError):
    pass


def placeholders(template: str) -> list[str]:
    """The names used, in first-use order, without repeats."""
    return list(dict.fromkeys(m.group(1) for m in _PLACEHOLDER.finditer(template)))


def render(template: str, fields: Mapping[str, str], *, strict: bool = True) -> str:
    """Fill every ``{{name}}``; a name the row lacks is an error (strict) or left empty."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in fields:
            return str(fields[name])
        if strict:
            raise TemplateError(
                translate("PromptTemplate", "The row has no field named '{name}' (placeholder {placeholder}).").format(
                    name=name, placeholder="{{" + name + "}}"
                )
            )
        return ""

    return _PLACEHOLDER.sub(fill, template)


@dataclass(frozen=True)
class PromptTemplate:
    user: str
    system: str = ""

    def missing(self, available: set[str] | list[str]) -> list[str]:
        have = set(available)
        return [name for name in placeholders(self.system) + placeholders(self.user) if name not in have]

    def messages(self, fields: Mapping[str, str]) -> list[dict[str, str]]:
        messages = []
        if self.system.strip():
            messages.append({"role": "system", "content": render(self.system, fields)})
        messages.append({"role": "user", "content": render(self.user, fields)})
        return messages
