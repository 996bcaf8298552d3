"""Rate-limit dimensions, request costs and the table of published limits per plan.

The numbers live in ``resources/limits.json`` (data the user can override), not in code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

from groq_desktop.core.atomic_file import write_text_atomic


class Dimension(StrEnum):
    RPM = "RPM"
    RPD = "RPD"
    TPM = "TPM"
    TPD = "TPD"
    ASH = "ASH"
    ASD = "ASD"

    @property
    def window_seconds(self) -> float:
        return _WINDOWS[self]

    @property
    def unit(self) -> str:
        """Which part of a ``Cost`` this dimension counts: requests, tokens or audio_seconds."""
        return _UNITS[self]

    @property
    def label(self) -> str:
        return _LABELS[self]


_WINDOWS = {
    Dimension.RPM: 60.0,
    Dimension.RPD: 86400.0,
    Dimension.TPM: 60.0,
    Dimension.TPD: 86400.0,
    Dimension.ASH: 3600.0,
    Dimension.ASD: 86400.0,
}
_UNITS = {
    Dimension.RPM: "requests",
    Dimension.RPD: "requests",
    Dimension.TPM: "tokens",
    Dimension.TPD: "tokens",
    Dimension.ASH: "audio_seconds",
    Dimension.ASD: "audio_seconds",
}
_LABELS = {
    Dimension.RPM: "requests per minute",
    Dimension.RPD: "requests per day",
    Dimension.TPM: "tokens per minute",
    Dimension.TPD: "tokens per day",
    Dimension.ASH: "audio seconds per hour",
    Dimension.ASD: "audio seconds per day",
}

# Groq bills every audio request as at least this many seconds.
MIN_BILLED_AUDIO_SECONDS = 10.0


@dataclass(frozen=True)
class Cost:
    """What one request uses of a model's quota."""

    requests: int = 1
    tokens: int = 0
    audio_seconds: float = 0.0

    def amount(self, dimension: Dimension) -> float:
        return float(getattr(self, dimension.unit))

    @classmethod
    def audio(cls, seconds: float) -> Cost:
        return cls(requests=1, tokens=0, audio_seconds=max(MIN_BILLED_AUDIO_SECONDS, seconds))


@dataclass(frozen=True)
class ModelLimits:
    """A model's limit in each dimension; ``None`` means not limited in that dimension."""

    values: dict[Dimension, float] = field(default_factory=dict)

    def get(self, dimension: Dimension) -> float | None:
        return self.values.get(dimension)

    def with_value(self, dimension: Dimension, value: float | None) -> ModelLimits:
        values = dict(self.values)
        if value is None:
            values.pop(dimension, None)
        else:
            values[dimension] = float(value)
        return ModelLimits(values)

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> ModelLimits:
        return cls({Dimension(k.upper()): float(v) for k, v in data.items() if v is not None})

    def to_mapping(self) -> dict[str, float]:
        return {d.value: v for d, v in self.values.items()}


@dataclass
class LimitTable:
    """Published limits per plan and model, with a per-plan default for unknown models."""

    plans: dict[str, dict[str, ModelLimits]]
    defaults: dict[str, ModelLimits]

    def plan_names(self) -> list[str]:
        return sorted(self.plans)

    def limits_for(self, model: str, plan: str = "free") -> ModelLimits:
        models = self.plans.get(plan, {})
        if model in models:
            return models[model]
        if _is_audio_model(model) and "whisper-large-v3" in models:
            return models["whisper-large-v3"]
        return self.defaults.get(plan, ModelLimits())

    def set_limits(self, model: str, limits: ModelLimits, plan: str = "free") -> None:
        self.plans.setdefault(plan, {})[model] = limits

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> LimitTable:
        plans: dict[str, dict[str, ModelLimits]] = {}
        defaults: dict[str, ModelLimits] = {}
        for plan, body in data["plans"].items():
            plans[plan] = {m: ModelLimits.from_mapping(v) for m, v in body.get("models", {}).items()}
            defaults[plan] = ModelLimits.from_mapping(body.get("default", {}))
        return cls(plans, defaults)

    def to_mapping(self) -> dict[str, Any]:
        return {
            "plans": {
                plan: {
                    "default": self.defaults.get(plan, ModelLimits()).to_mapping(),
                    "models": {m: lim.to_mapping() for m, lim in models.items()},
                }
                for plan, models in self.plans.items()
            }
        }

    def save(self, path: Path) -> None:
        """Write the table as the user's override file, atomically."""
        write_text_atomic(path, json.dumps(self.to_mapping(), indent=1))

    @classmethod
    def read_override(cls, path: Path) -> LimitTable:
        """The user's file alone; ``ValueError`` (with what is wrong) when it is not a limits table."""
        try:
            data = json.loads(path.read_text("utf-8"))
            if not isinstance(data, dict):
                raise TypeError("the top level is not an object")
            return cls.from_mapping(data)
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            raise ValueError(f"{path.name} is not a valid limits file: {exc}") from exc

    @classmethod
    def load(cls, path: Path | None = None) -> LimitTable:
        """The shipped table, with a user's override file (same shape) merged on top."""
        shipped = resources.files("groq_desktop.resources").joinpath("limits.json").read_text("utf-8")
        table = cls.from_mapping(json.loads(shipped))
        if path is not None and path.exists():
            override = cls.read_override(path)
            for plan, models in override.plans.items():
                table.plans.setdefault(plan, {}).update(models)
            table.defaults.update({p: d for p, d in override.defaults.items() if d.values})
        return table


def _is_audio_model(model: str) -> bool:
    return "whisper" in model or "distil" in model
