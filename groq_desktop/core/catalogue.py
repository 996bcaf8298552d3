"""Groq's facts that /models does not give: the shipped, dated ``resources/models.json``.

Capabilities, published limits per plan, prices, per-model request rules and retirements with
their replacements. Code asks this module what a model *is* and never branches on an id, so the
next retirement or new model is a change to the data file only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from groq_desktop.i18n import translate


class ModelKind(StrEnum):
    CHAT = "chat"
    SAFETY = "safety"
    SPEECH_TO_TEXT = "speech_to_text"
    TEXT_TO_SPEECH = "text_to_speech"


@dataclass(frozen=True)
class Retirement:
    model: str
    date: str | None
    replacement: str | None
    note: str = ""

    def describe(self) -> str:
        if self.date:
            return translate("Retirement", "Groq retired {model} on {date}.").format(model=self.model, date=self.date)
        return translate("Retirement", "Groq retired {model} earlier.").format(model=self.model)


@dataclass(frozen=True)
class ModelFacts:
    id: str
    kind: ModelKind
    owned_by: str = ""
    created: int = 0
    context_window: int | None = None
    max_completion_tokens: int | None = None
    input_modalities: tuple[str, ...] = ("text",)
    output_modalities: tuple[str, ...] = ("text",)
    capabilities: frozenset[str] = frozenset()
    preview: bool = False
    reasoning: Mapping[str, Any] = field(default_factory=dict)
    vision: Mapping[str, Any] = field(default_factory=dict)
    audio: Mapping[str, Any] = field(default_factory=dict)
    speech: Mapping[str, Any] = field(default_factory=dict)
    tokenizer: str | None = None
    prices: Mapping[str, float] = field(default_factory=dict)
    limits: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    def can(self, capability: str) -> bool:
        return capability in self.capabilities

    @classmethod
    def from_mapping(cls, model_id: str, data: Mapping[str, Any]) -> ModelFacts:
        return cls(
            id=model_id,
            kind=ModelKind(data.get("kind", ModelKind.CHAT)),
            owned_by=str(data.get("owned_by", "")),
            created=int(data.get("created", 0)),
            context_window=data.get("context_window"),
            max_completion_tokens=data.get("max_completion_tokens"),
            input_modalities=tuple(data.get("input_modalities", ("text",))),
            output_modalities=tuple(data.get("output_modalities", ("text",))),
            capabilities=frozenset(data.get("capabilities", ())),
            preview=bool(data.get("preview", False)),
            reasoning=dict(data.get("reasoning", {})),
            vision=dict(data.get("vision", {})),
            audio=dict(data.get("audio", {})),
            speech=dict(data.get("speech", {})),
            tokenizer=data.get("tokenizer"),
            prices=dict(data.get("prices", {})),
            limits={plan: dict(values) for plan, values in data.get("limits", {}).items()},
        )


@dataclass(frozen=True)
class Catalogue:
    as_of: str
    models: Mapping[str, ModelFacts]
    retired: Mapping[str, Retirement]
    preferences: Mapping[ModelKind, tuple[str, ...]]
    default_limits: Mapping[str, Mapping[str, float]]
    currency: str = "USD"

    def facts(self, model_id: str) -> ModelFacts | None:
        return self.models.get(model_id)

    def retirement(self, model_id: str) -> Retirement | None:
        return self.retired.get(model_id)

    def of_kind(self, kind: ModelKind) -> list[ModelFacts]:
        return [facts for facts in self.models.values() if facts.kind is kind]

    def replacement_for(self, model_id: str, available: Iterable[str] | None = None) -> str | None:
        """The recommended successor of a gone model, following chains of retirements."""
        seen: set[str] = set()
        current: str | None = model_id
        while current is not None and current in self.retired and current not in seen:
            seen.add(current)
            current = self.retired[current].replacement
        if current is None or current == model_id:
            return None
        if available is not None and current not in set(available):
            return None
        return current

    def preferred(self, kind: ModelKind, available: Iterable[str]) -> str | None:
        """The first preferred model of ``kind`` that is available, else the best available one.

        "Best" without a preference: the largest context window, then the newest. Unknown models
        (not in the shipped table) count as chat models only when ``kind`` is CHAT.
        """
        candidates = [m for m in available if m not in self.retired]
        for model_id in self.preferences.get(kind, ()):
            if model_id in candidates:
                return model_id

        def kind_of(model_id: str) -> ModelKind | None:
            facts = self.models.get(model_id)
            return facts.kind if facts else None

        matching = [m for m in candidates if kind_of(m) is kind]
        if not matching and kind is ModelKind.CHAT:
            matching = [m for m in candidates if kind_of(m) is None]
        if not matching:
            return None

        def rank(model_id: str) -> tuple[int, int, str]:
            facts = self.models.get(model_id)
            return (facts.context_window or 0, facts.created, model_id) if facts else (0, 0, model_id)

        return max(matching, key=rank)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Catalogue:
        preferences = {
            ModelKind.CHAT: tuple(data.get("chat_preference", ())),
            ModelKind.SPEECH_TO_TEXT: tuple(data.get("speech_to_text_preference", ())),
            ModelKind.TEXT_TO_SPEECH: tuple(data.get("text_to_speech_preference", ())),
        }
        return cls(
            as_of=str(data.get("as_of", "")),
            models={mid: ModelFacts.from_mapping(mid, body) for mid, body in data.get("models", {}).items()},
            retired={
                mid: Retirement(mid, body.get("date"), body.get("replacement"), body.get("note", ""))
                for mid, body in data.get("retired", {}).items()
            },
            preferences=preferences,
            default_limits={plan: dict(v) for plan, v in data.get("default_limits", {}).items()},
            currency=str(data.get("currency", "USD")),
        )


@cache
def shipped_catalogue() -> Catalogue:
    text = resources.files("groq_desktop.resources").joinpath("models.json").read_text("utf-8")
    return Catalogue.from_mapping(json.loads(text))
