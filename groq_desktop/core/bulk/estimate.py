"""What a job will cost and how long it would take, before anything is sent."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from groq_desktop.i18n import number, translate

BATCH_DISCOUNT = 0.5


@dataclass(frozen=True)
class JobEstimate:
    requests: int
    input_tokens: int
    output_tokens: int
    live_cost: float | None  # None: no price known for the model
    live_seconds: float  # at the current limits, from full buckets
    limiting: str  # which limit decides live_seconds, in the user's language

    @property
    def batch_cost(self) -> float | None:
        return None if self.live_cost is None else self.live_cost * BATCH_DISCOUNT


def estimate_job(
    input_tokens: list[int],
    max_output_tokens: int,
    expected_output_tokens: int,
    prices: Mapping[str, float] | None,
    limits: Mapping[str, float],
    time_scale: float = 1.0,
) -> JobEstimate:
    """``limits``: per-minute/day values by name (RPM, TPM, RPD, TPD, ...); reservations count the
    prompt plus ``max_output_tokens`` against TPM, as the scheduler does."""
    requests = len(input_tokens)
    prompt = sum(input_tokens)
    output = expected_output_tokens * requests
    cost = None
    if prices and "input_per_million" in prices:
        cost = (prompt * prices["input_per_million"] + output * prices.get("output_per_million", 0.0)) / 1e6
    reserved = prompt + max_output_tokens * requests
    candidates = {translate("Dimension", "requests per minute"): 0.0}
    minute = 60.0 / time_scale
    if limits.get("RPM"):
        candidates[translate("Dimension", "requests per minute")] = requests / limits["RPM"] * minute
    if limits.get("TPM"):
        candidates[translate("Dimension", "tokens per minute")] = reserved / limits["TPM"] * minute
    if limits.get("RPD") and requests > limits["RPD"]:
        candidates[translate("Dimension", "requests per day")] = requests / limits["RPD"] * 1440 * minute
    if limits.get("TPD") and reserved > limits["TPD"]:
        candidates[translate("Dimension", "tokens per day")] = reserved / limits["TPD"] * 1440 * minute
    limiting = max(candidates, key=lambda k: candidates[k])
    return JobEstimate(requests, prompt, output, cost, candidates[limiting], limiting)


def describe_duration(seconds: float) -> str:
    """How long a job will take, in the user's language: ``about 12 min``."""
    if math.isinf(seconds):
        return translate("describe_duration", "never")
    minutes = round(seconds / 60)
    if seconds < 90:
        return translate("describe_duration", "about {seconds} s").format(seconds=number(max(1, round(seconds))))
    if minutes < 60:
        return translate("describe_duration", "about {minutes} min").format(minutes=number(minutes))
    hours, rest = divmod(minutes, 60)
    if hours < 48:
        if rest:
            return translate("describe_duration", "about {hours} h {minutes} min").format(
                hours=number(hours), minutes=number(rest)
            )
        return translate("describe_duration", "about {hours} h").format(hours=number(hours))
    return translate("describe_duration", "about {days} days").format(days=number(hours / 24, 1))
