"""The emulator's model catalogue: today's Groq models, read from the shipped ``resources/models.json``.

Current models only (with their real context windows, max completion tokens, modalities and
features); retired ids are known too, so they can be answered the way Groq answers them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from groq_desktop.core.catalogue import ModelFacts, Retirement, shipped_catalogue
from groq_desktop.core.catalogue import ModelKind as FactsKind


class ModelKind(StrEnum):
    CHAT = "chat"
    TRANSCRIPTION = "transcription"
    SPEECH = "speech"  # text-to-speech


_KINDS = {
    FactsKind.CHAT: ModelKind.CHAT,
    FactsKind.SAFETY: ModelKind.CHAT,  # guard models answer chat completions
    FactsKind.SPEECH_TO_TEXT: ModelKind.TRANSCRIPTION,
    FactsKind.TEXT_TO_SPEECH: ModelKind.SPEECH,
}
# How /models names what the catalogue calls a capability.
_FEATURE_NAMES = {"json_object": "json_mode", "code_interpreter": "code_execution"}
_FEATURES = ("tools", "json_object", "json_schema", "reasoning", "browser_search", "code_interpreter", "vision")


@dataclass(frozen=True)
class CatalogueModel:
    id: str
    created: int
    owned_by: str
    context_window: int
    max_completion_tokens: int
    kind: ModelKind = ModelKind.CHAT
    input_modalities: tuple[str, ...] = ("text",)
    output_modalities: tuple[str, ...] = ("text",)
    supported_features: tuple[str, ...] = ()
    active: bool = True
    capabilities: frozenset[str] = frozenset()

    @property
    def reasons(self) -> bool:
        """Whether replies come with a ``reasoning`` text (unless the request hides it)."""
        return "reasoning" in self.supported_features

    @property
    def translates(self) -> bool:
        return "translation" in self.capabilities

    @property
    def caches_prompts(self) -> bool:
        return "prompt_caching" in self.capabilities

    @classmethod
    def from_facts(cls, facts: ModelFacts) -> CatalogueModel:
        return cls(
            id=facts.id,
            created=facts.created,
            owned_by=facts.owned_by,
            context_window=facts.context_window or 8192,
            max_completion_tokens=facts.max_completion_tokens or facts.context_window or 8192,
            kind=_KINDS[facts.kind],
            input_modalities=facts.input_modalities,
            output_modalities=facts.output_modalities,
            supported_features=tuple(_FEATURE_NAMES.get(c, c) for c in _FEATURES if c in facts.capabilities),
            capabilities=facts.capabilities,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "model",
            "created": self.created,
            "owned_by": self.owned_by,
            "active": self.active,
            "context_window": self.context_window,
            "public_apps": None,
            "max_completion_tokens": self.max_completion_tokens,
            "input_modalities": list(self.input_modalities),
            "output_modalities": list(self.output_modalities),
            "supported_features": list(self.supported_features),
        }


@cache
def _by_id() -> dict[str, CatalogueModel]:
    return {m.id: CatalogueModel.from_facts(m) for m in shipped_catalogue().models.values()}


def catalogue() -> tuple[CatalogueModel, ...]:
    return tuple(_by_id().values())


def find_model(model_id: str) -> CatalogueModel | None:
    return _by_id().get(model_id)


def retirement(model_id: str) -> Retirement | None:
    return shipped_catalogue().retirement(model_id)


def first_of_kind(kind: ModelKind) -> CatalogueModel:
    """The shipped table's preferred model of a kind (tests and benchmarks use it, never a fixed id)."""
    wanted = {ModelKind.CHAT: FactsKind.CHAT, ModelKind.TRANSCRIPTION: FactsKind.SPEECH_TO_TEXT}.get(
        kind, FactsKind.TEXT_TO_SPEECH
    )
    chosen = shipped_catalogue().preferred(wanted, _by_id())
    if chosen is None:
        raise LookupError(f"no {kind} model in the shipped catalogue")
    return _by_id()[chosen]


def models_list_json() -> dict[str, Any]:
    return {"object": "list", "data": [model.to_json() for model in catalogue()]}
