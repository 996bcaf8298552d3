"""Rate-limit dimensions, request costs and the table of published limits per plan.

The numbers live in the shipped catalogue ``resources/models.json`` (per plan and model, with a
default per plan) and in the user's ``limits.json`` override, never in code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

from groq_desktop.core.atomic_file import write_text_atomic
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate


class Dimension(StrEnum):
    RPM = "RPM"
    RPD = "RPD"
    TPM = "TPM"
    TPD = "TPD"
    ASH = "ASH"
    ASD = "ASD"
    ITPM = "ITPM"
    OTPM = "OTPM"

    @property
    def window_seconds(self) -> float:
        return _WINDOWS[self]

    @property
    def unit(self) -> str:
        """Which part of a ``Cost`` this dimension counts: requests, tokens or audio_seconds."""
        return _UNITS[self]

    @property
    def label(self) -> str:
        """What the dimension counts, in the user's language ("tokens per minute")."""
        return translate("Dimension", _LABELS[self])

    @property
    def phrase(self) -> str:
        """Groq's English words for it, as its API messages use them (never translated)."""
        return _LABELS[self]

    @property
    def unit_label(self) -> str:
        """The unit it counts, in the user's language ("tokens", "audio seconds")."""
        return translate("Dimension", _UNIT_LABELS[self.unit])


_WINDOWS = {
    Dimension.RPM: 60.0,
    Dimension.RPD: 86400.0,
    Dimension.TPM: 60.0,
    Dimension.TPD: 86400.0,
    Dimension.ASH: 3600.0,
    Dimension.ASD: 86400.0,
    Dimension.ITPM: 60.0,
    Dimension.OTPM: 60.0,
}
_UNITS = {
    Dimension.RPM: "requests",
    Dimension.RPD: "requests",
    Dimension.TPM: "tokens",
    Dimension.TPD: "tokens",
    Dimension.ASH: "audio_seconds",
    Dimension.ASD: "audio_seconds",
    Dimension.ITPM: "input_tokens",
    Dimension.OTPM: "output_tokens",
}
_LABELS = {
    Dimension.RPM: QT_TRANSLATE_NOOP("Dimension", "requests per minute"),
    Dimension.RPD: QT_TRANSLATE_NOOP("Dimension", "requests per day"),
    Dimension.TPM: QT_TRANSLATE_NOOP("Dimension", "tokens per minute"),
    Dimension.TPD: QT_TRANSLATE_NOOP("Dimension", "tokens per day"),
    Dimension.ASH: QT_TRANSLATE_NOOP("Dimension", "audio seconds per hour"),
    Dimension.ASD: QT_TRANSLATE_NOOP("Dimension", "audio seconds per day"),
    Dimension.ITPM: QT_TRANSLATE_NOOP("Dimension", "input tokens per minute"),
    Dimension.OTPM: QT_TRANSLATE_NOOP("Dimension", "output tokens per minute"),
}
_UNIT_LABELS = {
    "requests": QT_TRANSLATE_NOOP("Dimension", "requests"),
    "tokens": QT_TRANSLATE_NOOP("Dimension", "tokens"),
    "audio_seconds": QT_TRANSLATE_NOOP("Dimension", "audio seconds"),
    "input_tokens": QT_TRANSLATE_NOOP("Dimension", "input tokens"),
    "output_tokens": QT_TRANSLATE_NOOP("Dimension", "output tokens"),
}
# The per-minute token budgets a single request must fit in whole.
PER_MINUTE_TOKENS = (Dimension.TPM, Dimension.ITPM, Dimension.OTPM)

# Groq bills every audio request as at least this many seconds.
MIN_BILLED_AUDIO_SECONDS = 10.0


@dataclass(frozen=True)
class Cost:
    """What one request uses of a model's quota.

    ``tokens`` is the total (input + output) that TPM/TPD count; ``output_tokens`` is the part of
    it that is output (OTPM), the rest is input (ITPM). Cached prompt tokens are left out: Groq
    does not count them.
    """

    requests: int = 1
    tokens: int = 0
    audio_seconds: float = 0.0
    output_tokens: int = 0

    @property
    def input_tokens(self) -> int:
        return max(0, self.tokens - self.output_tokens)

    def amount(self, dimension: Dimension) -> float:
        return float(getattr(self, dimension.unit))

    def amount_named(self, dimension: str | None) -> float:
        """The amount for a dimension given by name (as a 429 names it); 0 when unknown."""
        try:
            return self.amount(Dimension((dimension or "").upper()))
        except ValueError:
            return 0.0

    @classmethod
    def chat(cls, input_tokens: int, output_tokens: int) -> Cost:
        """A chat request: its prompt and the output it may produce (``max_tokens`` at reservation)."""
        input_tokens, output_tokens = max(0, input_tokens), max(0, output_tokens)
        return cls(requests=1, tokens=input_tokens + output_tokens, output_tokens=output_tokens)

    @classmethod
    def from_usage(cls, prompt_tokens: int, completion_tokens: int, cached_tokens: int = 0) -> Cost:
        """What a finished request used, as Groq counts it (cached prompt tokens are free)."""
        return cls.chat(prompt_tokens - max(0, cached_tokens), completion_tokens)

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

    def scaled(self, factor: float) -> ModelLimits:
        return ModelLimits({d: v * factor for d, v in self.values.items()})


# Where a figure came from; shown next to it in the model browser and the meters.
TABLE, EDIT = "table", "edit"


@dataclass
class LimitTable:
    """Published limits per plan and model, with a per-plan default for unknown models.

    ``edited`` names the (plan, model) pairs that come from the user's override file.
    ``tier_factors`` scales a plan's limits for a service tier (flex: 10x on-demand).
    """

    plans: dict[str, dict[str, ModelLimits]]
    defaults: dict[str, ModelLimits]
    edited: set[tuple[str, str]] = field(default_factory=set)
    tier_factors: dict[str, float] = field(default_factory=dict)
    as_of: str = ""

    def plan_names(self) -> list[str]:
        return sorted(self.plans)

    def limits_for(self, model: str, plan: str = "free", tier: str | None = None) -> ModelLimits:
        models = self.plans.get(plan, {})
        limits = models[model] if model in models else self.defaults.get(plan, ModelLimits())
        factor = self.tier_factors.get(tier or "", 1.0)
        return limits.scaled(factor) if factor != 1.0 else limits

    def source_of(self, model: str, plan: str = "free") -> str:
        return EDIT if (plan, model) in self.edited else TABLE

    def set_limits(self, model: str, limits: ModelLimits, plan: str = "free") -> None:
        self.plans.setdefault(plan, {})[model] = limits
        self.edited.add((plan, model))

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> LimitTable:
        """The override file's shape: ``{"plans": {plan: {"default": {...}, "models": {id: {...}}}}}``."""
        plans: dict[str, dict[str, ModelLimits]] = {}
        defaults: dict[str, ModelLimits] = {}
        for plan, body in data["plans"].items():
            plans[plan] = {m: ModelLimits.from_mapping(v) for m, v in body.get("models", {}).items()}
            defaults[plan] = ModelLimits.from_mapping(body.get("default", {}))
        return cls(plans, defaults)

    @classmethod
    def from_catalogue(cls, data: dict[str, Any]) -> LimitTable:
        """The shipped catalogue's shape (``models.json``): per-model ``limits`` per plan."""
        plans: dict[str, dict[str, ModelLimits]] = {}
        for model, body in data.get("models", {}).items():
            for plan, values in body.get("limits", {}).items():
                plans.setdefault(plan, {})[model] = ModelLimits.from_mapping(values)
        defaults = {plan: ModelLimits.from_mapping(v) for plan, v in data.get("default_limits", {}).items()}
        for plan in defaults:
            plans.setdefault(plan, {})
        tiers = {tier: float(f) for tier, f in data.get("service_tier_limit_factors", {}).items()}
        return cls(plans, defaults, tier_factors=tiers, as_of=str(data.get("as_of", "")))

    def to_mapping(self, only_edited: bool = False) -> dict[str, Any]:
        return {
            "plans": {
                plan: {
                    "default": self.defaults.get(plan, ModelLimits()).to_mapping(),
                    "models": {
                        m: lim.to_mapping()
                        for m, lim in models.items()
                        if not only_edited or (plan, m) in self.edited
                    },
                }
                for plan, models in self.plans.items()
            }
        }

    def save(self, path: Path) -> None:
        """Write the user's edits as the override file, atomically (the published rest stays shipped)."""
        write_text_atomic(path, json.dumps(self.to_mapping(only_edited=True), indent=1))

    @classmethod
    def read_override(cls, path: Path) -> LimitTable:
        """The user's file alone; ``ValueError`` (with what is wrong) when it is not a limits table."""
        try:
            data = json.loads(path.read_text("utf-8"))
            if not isinstance(data, dict):
                raise TypeError("the top level is not an object")
            return cls.from_mapping(data)
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            raise ValueError(
                translate("LimitTable", "{name} is not a valid limits file: {error}").format(name=path.name, error=exc)
            ) from exc

    @classmethod
    def shipped(cls) -> LimitTable:
        text = resources.files("groq_desktop.resources").joinpath("models.json").read_text("utf-8")
        return cls.from_catalogue(json.loads(text))

    @classmethod
    def load(cls, path: Path | None = None) -> LimitTable:
        """The shipped table (``models.json``), with a user's override file merged on top."""
        table = cls.shipped()
        if path is not None and path.exists():
            override = cls.read_override(path)
            for plan, models in override.plans.items():
                table.plans.setdefault(plan, {}).update(models)
                table.edited.update((plan, m) for m in models)
            table.defaults.update({p: d for p, d in override.defaults.items() if d.values})
        return table
