"""Estimated prices per model, to put a (rough) dollar figure on the usage log.

Prices come from the shipped catalogue (``resources/models.json``, with the models of today);
``resources/prices.json`` keeps the last known prices of retired models so the usage history
still has a cost; a user's ``prices.json`` of the same shape in the data folder is merged on top,
so they can be corrected without a release. Cached prompt tokens cost a fraction (half) of the
input price.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from groq_desktop import i18n
from groq_desktop.core.atomic_file import write_text_atomic
from groq_desktop.core.catalogue import Catalogue, shipped_catalogue
from groq_desktop.core.store.storage import UsageRecord, UsageTotals
from groq_desktop.i18n import translate

log = logging.getLogger(__name__)

PRICES_FILE_NAME = "prices.json"
# Groq bills cached prompt tokens at half the input price (prompt caching, gpt-oss).
CACHED_INPUT_FACTOR = 0.5
PRICE_KEYS = ("input_per_million", "output_per_million", "audio_per_hour", "characters_per_million")


@dataclass(frozen=True)
class Price:
    input_per_million: float = 0.0
    output_per_million: float = 0.0
    audio_per_hour: float = 0.0
    cached_input_factor: float = CACHED_INPUT_FACTOR
    characters_per_million: float = 0.0  # text to speech bills its input characters

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Price:
        factor = data.get("cached_input_factor")
        return cls(
            input_per_million=float(data.get("input_per_million") or 0.0),
            output_per_million=float(data.get("output_per_million") or 0.0),
            audio_per_hour=float(data.get("audio_per_hour") or 0.0),
            cached_input_factor=CACHED_INPUT_FACTOR if factor is None else float(factor),
            characters_per_million=float(data.get("characters_per_million") or 0.0),
        )

    def cost(
        self,
        prompt_tokens: float,
        completion_tokens: float,
        audio_seconds: float,
        cached_tokens: float = 0.0,
        characters: float = 0.0,
    ) -> float:
        """Dollars; ``cached_tokens`` are the part of ``prompt_tokens`` read from Groq's prompt cache."""
        cached = min(max(0.0, cached_tokens), prompt_tokens)
        prompt = (prompt_tokens - cached + cached * self.cached_input_factor) * self.input_per_million
        per_million = prompt + completion_tokens * self.output_per_million + characters * self.characters_per_million
        return per_million / 1_000_000 + audio_seconds / 3600 * self.audio_per_hour


@dataclass(frozen=True)
class CostEstimate:
    dollars: float
    unpriced_requests: int  # requests of models the table has no price for

    def text(self) -> str:
        shown = translate("CostEstimate", "≈ ${amount}").format(
            amount=i18n.number(self.dollars, 4 if self.dollars < 1 else 2))
        if self.unpriced_requests:
            shown += translate("CostEstimate", " (+{count} requests without a known price)").format(
                count=i18n.number(self.unpriced_requests, 0))
        return shown


@dataclass
class PriceTable:
    prices: dict[str, Price]
    note: str = ""

    def price_for(self, model: str) -> Price | None:
        return self.prices.get(model)

    def cost_of_record(self, record: UsageRecord) -> float | None:
        """Dollars for one logged request; None when the model has no price. Failed requests are free."""
        price = self.price_for(record.model)
        if price is None:
            return None
        return price.cost(
            record.billed_prompt_tokens,
            record.billed_completion_tokens,
            record.billed_audio_seconds,
            record.billed_cached_tokens,
            record.billed_characters,
        )

    def estimate(self, totals: Iterable[UsageTotals]) -> CostEstimate:
        """Dollars for each model's billed totals; requests of models without a price are counted apart."""
        dollars, unpriced = 0.0, 0
        for model in totals:
            price = self.price_for(model.model)
            if price is None:
                unpriced += model.requests
            else:
                dollars += price.cost(
                    model.billed_prompt_tokens,
                    model.billed_completion_tokens,
                    model.billed_audio_seconds,
                    model.billed_cached_tokens,
                    model.billed_characters,
                )
        return CostEstimate(dollars, unpriced)

    def to_mapping(self) -> dict[str, Any]:
        return {
            "_note": self.note,
            "models": {
                model: {
                    "input_per_million": p.input_per_million,
                    "output_per_million": p.output_per_million,
                    "audio_per_hour": p.audio_per_hour,
                    "cached_input_factor": p.cached_input_factor,
                    "characters_per_million": p.characters_per_million,
                }
                for model, p in sorted(self.prices.items())
            },
        }

    def save(self, path: Path) -> None:
        """Write the whole table as the user's override, atomically."""
        write_text_atomic(path, json.dumps(self.to_mapping(), indent=2) + "\n")

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> PriceTable:
        models = data.get("models", {})
        return cls({m: Price.from_mapping(v) for m, v in models.items()}, str(data.get("_note", "")))

    @classmethod
    def from_catalogue(cls, catalogue: Catalogue) -> PriceTable:
        """Today's models' prices from the shipped catalogue (models without any price are left out)."""
        prices = {
            facts.id: Price.from_mapping(dict(facts.prices))
            for facts in catalogue.models.values()
            if any(key in facts.prices for key in PRICE_KEYS)
        }
        note = translate(
            "PriceTable",
            "ESTIMATES from the shipped model catalogue (as of {date}); Groq's bill is the truth. "
            "Cached prompt tokens at half the input price. Editable: a prices.json in the app's data folder is "
            "merged on top.",
        ).format(date=catalogue.as_of)
        return cls(prices, note)

    @classmethod
    def load(cls, override: Path | None = None, catalogue: Catalogue | None = None) -> PriceTable:
        # Retired models keep their last known price (for the usage history); today's come from the catalogue.
        history = resources.files("groq_desktop.resources").joinpath(PRICES_FILE_NAME).read_text("utf-8")
        table = cls.from_catalogue(catalogue or shipped_catalogue())
        table.prices = {**cls.from_mapping(json.loads(history)).prices, **table.prices}
        if override is not None and override.exists():
            try:
                table.prices.update(cls.from_mapping(json.loads(override.read_text("utf-8"))).prices)
            except (OSError, ValueError, TypeError, AttributeError):
                log.warning("Ignoring an unreadable price file %s", override, exc_info=True)
        return table
