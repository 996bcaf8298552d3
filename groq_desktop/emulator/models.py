"""The emulator's model catalogue: realistic current Groq models with the fields Groq's /models returns."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class ModelKind(StrEnum):
    CHAT = "chat"
    TRANSCRIPTION = "transcription"
    SPEECH = "speech"  # text-to-speech


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

    @property
    def reasons(self) -> bool:
        """Whether replies come with a ``reasoning`` text (unless the request hides it)."""
        return "reasoning" in self.supported_features

    @property
    def translates(self) -> bool:
        return self.id == "whisper-large-v3"

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


_CHAT_FEATURES = ("tools", "json_mode")
_REASONING_FEATURES = ("tools", "json_mode", "reasoning")

CATALOGUE: tuple[CatalogueModel, ...] = (
    CatalogueModel("llama-3.1-8b-instant", 1693721698, "Meta", 131072, 131072,
                   supported_features=_CHAT_FEATURES),
    CatalogueModel("llama-3.3-70b-versatile", 1733447754, "Meta", 131072, 32768,
                   supported_features=_CHAT_FEATURES),
    CatalogueModel("meta-llama/llama-4-scout-17b-16e-instruct", 1743874824, "Meta", 131072, 8192,
                   input_modalities=("text", "image"), supported_features=_CHAT_FEATURES),
    CatalogueModel("openai/gpt-oss-120b", 1754408224, "OpenAI", 131072, 65536,
                   supported_features=(*_REASONING_FEATURES, "browser_search", "code_execution")),
    CatalogueModel("openai/gpt-oss-20b", 1754407957, "OpenAI", 131072, 65536,
                   supported_features=(*_REASONING_FEATURES, "browser_search", "code_execution")),
    CatalogueModel("qwen/qwen3-32b", 1748396646, "Alibaba Cloud", 131072, 40960,
                   supported_features=_REASONING_FEATURES),
    CatalogueModel("meta-llama/llama-guard-4-12b", 1746743847, "Meta", 131072, 1024,
                   input_modalities=("text", "image")),
    CatalogueModel("groq/compound", 1756949530, "Groq", 131072, 8192,
                   supported_features=("web_search", "code_execution")),
    CatalogueModel("groq/compound-mini", 1756949707, "Groq", 131072, 8192,
                   supported_features=("web_search", "code_execution")),
    CatalogueModel("whisper-large-v3", 1693721698, "OpenAI", 448, 448, kind=ModelKind.TRANSCRIPTION,
                   input_modalities=("audio",)),
    CatalogueModel("whisper-large-v3-turbo", 1728413088, "OpenAI", 448, 448, kind=ModelKind.TRANSCRIPTION,
                   input_modalities=("audio",)),
    CatalogueModel("playai-tts", 1740682713, "PlayAI", 8192, 8192, kind=ModelKind.SPEECH,
                   output_modalities=("audio",)),
)

_BY_ID = {model.id: model for model in CATALOGUE}


def find_model(model_id: str) -> CatalogueModel | None:
    return _BY_ID.get(model_id)


def models_list_json() -> dict[str, Any]:
    return {"object": "list", "data": [model.to_json() for model in CATALOGUE]}
