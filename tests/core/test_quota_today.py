"""Groq's quota as it is today: eight dimensions, the shipped table, limits learned from refusals,
steady pacing after a refusal, and requests too large for a whole budget refused before sending."""

from __future__ import annotations

import asyncio
import datetime
import json
from pathlib import Path

import pytest

from groq_desktop.core.catalogue import shipped_catalogue
from groq_desktop.core.quota.learned import LearnedLimits, account_key
from groq_desktop.core.quota.limits import Cost, Dimension, LimitTable, ModelLimits
from groq_desktop.core.quota.rate_limiter import RateLimiter, Reservation, WaitInfo
from groq_desktop.core.quota.scheduler import Scheduler
from groq_desktop.errors import (
    RateLimitError,
    RequestTooLargeError,
    error_from_response,
    parse_rate_limit_message,
)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def table(limits: dict[str, float]) -> LimitTable:
    return LimitTable(plans={"free": {"m": ModelLimits.from_mapping(limits)}}, defaults={"free": ModelLimits()})


def message(phrase: str, code: str, limit: int = 1000, used: str = "Used 900, ", requested: int = 1329) -> str:
    return (
        f"Rate limit reached for model `m` in organization `org_01abc` service tier `on_demand` on {phrase} "
        f"({code}): Limit {limit:,}, {used}Requested {requested:,}. Please try again in 1m2.5s. Need more tokens?"
    )


# --- 1. eight dimensions, input and output tokens, cached tokens ------------------------------------


def test_cost_splits_input_and_output_and_cached_tokens_are_free() -> None:
    cost = Cost.chat(input_tokens=1200, output_tokens=300)
    assert (cost.tokens, cost.input_tokens, cost.output_tokens) == (1500, 1200, 300)
    assert [cost.amount(d) for d in (Dimension.TPM, Dimension.ITPM, Dimension.OTPM, Dimension.RPM)] == [
        1500,
        1200,
        300,
        1,
    ]
    used = Cost.from_usage(prompt_tokens=1200, completion_tokens=250, cached_tokens=1000)
    assert (used.tokens, used.input_tokens, used.output_tokens) == (450, 200, 250)
    assert Cost(tokens=50).input_tokens == 50  # old callers: all input
    assert {d.value for d in Dimension} == {"RPM", "RPD", "TPM", "TPD", "ASH", "ASD", "ITPM", "OTPM"}


def test_otpm_is_charged_with_max_tokens_then_settled_with_the_real_output() -> None:
    clock = Clock()
    limiter = RateLimiter(table({"OTPM": 1000, "ITPM": 5000}), clock=clock, latency_margin=0)
    reservation = limiter.try_reserve("m", Cost.chat(100, 800))
    assert isinstance(reservation, Reservation)
    assert isinstance(limiter.try_reserve("m", Cost.chat(100, 300)), WaitInfo)
    limiter.settle(reservation, Cost.from_usage(100, 120, cached_tokens=60))
    snap = {s.dimension: s for s in limiter.snapshot("m")}
    assert (snap[Dimension.OTPM].used, snap[Dimension.ITPM].used) == (120, 40)
    assert isinstance(limiter.try_reserve("m", Cost.chat(100, 300)), Reservation)


# --- 2. limits from the shipped table ----------------------------------------------------------------


def test_limit_table_comes_from_models_json_with_override_and_flex_tier(tmp_path: Path) -> None:
    catalogue = shipped_catalogue()
    model = catalogue.preferences[next(iter(catalogue.preferences))][0]
    published = catalogue.facts(model).limits["free"]
    shipped = LimitTable.load()
    assert shipped.limits_for(model, "free").to_mapping() == {k: float(v) for k, v in published.items()}
    assert shipped.limits_for("not-a-model", "free").to_mapping() == {
        k: float(v) for k, v in catalogue.default_limits["free"].items()
    }
    flex = shipped.limits_for(model, "free", tier="flex")
    assert flex.get(Dimension.RPM) == 10 * published["RPM"]
    override = tmp_path / "limits.json"
    override.write_text(json.dumps({"plans": {"free": {"models": {model: {"RPM": 7}}}}}))
    merged = LimitTable.load(override)
    assert merged.limits_for(model, "free").get(Dimension.RPM) == 7
    assert merged.source_of(model) == "edit" and merged.source_of("other") == "table"
    limiter = RateLimiter(merged)
    assert {s.source_text for s in limiter.snapshot(model)} == {"your edit"}


# --- 3. limits learned from the server ----------------------------------------------------------------

PHRASES = [
    ("requests per minute", "RPM"),
    ("requests per day", "RPD"),
    ("tokens per minute", "TPM"),
    ("tokens per day", "TPD"),
    ("audio seconds per hour", "ASH"),
    ("audio seconds per day", "ASD"),
    ("input tokens per minute", "ITPM"),
    ("output tokens per minute", "OTPM"),
]


@pytest.mark.parametrize(("phrase", "code"), PHRASES)
def test_every_dimension_phrase_is_parsed(phrase: str, code: str) -> None:
    details = parse_rate_limit_message(message(phrase, code, limit=14400, requested=1329))
    assert details["dimension"] == code
    assert (details["limit"], details["used"], details["requested"]) == (14400, 900, 1329)
    assert details["wait"] == pytest.approx(62.5)
    assert details["organization"] == "org_01abc"
    # Without the "(XXX)" code, the phrase alone still names it.
    assert parse_rate_limit_message(message(phrase, code).replace(f" ({code})", ""))["dimension"] == code


def test_a_413_and_an_otpm_429_without_used_are_read() -> None:
    body = {
        "error": {
            "message": "Request too large for model `m` in organization `org_9` service tier `on_demand` on input "
            "tokens per minute (ITPM): Limit 7000, Requested 12328, please reduce your message size and try again.",
            "type": "tokens",
            "code": "rate_limit_exceeded",
        }
    }
    error = error_from_response(413, json.dumps(body))
    assert isinstance(error, RequestTooLargeError)
    assert (error.dimension, error.limit, error.requested, error.organization) == ("ITPM", 7000, 12328, "org_9")
    otpm = RateLimitError(message("output tokens per minute", "OTPM", used=""))
    assert (otpm.dimension, otpm.limit, otpm.used, otpm.requested) == ("OTPM", 1000, None, 1329)


def test_a_learned_limit_is_kept_per_account_with_its_date_and_shown_as_such(tmp_path: Path) -> None:
    path = tmp_path / "learned-limits.json"
    day = lambda: datetime.date(2026, 12, 2)  # noqa: E731
    learned = LearnedLimits(path, account_key("gsk_one"), today=day)
    limiter = RateLimiter(table({"TPM": 8000}), clock=Clock(), learned=learned)
    limiter.observe_rate_limited("m", RateLimitError(message("requests per minute", "RPM", limit=5, requested=1)))
    snap = {s.dimension: s for s in limiter.snapshot("m")}
    assert snap[Dimension.RPM].limit == 5
    assert snap[Dimension.RPM].source_text == "learned from the server on 2026-12-02"
    assert snap[Dimension.TPM].source_text == "published table"
    stored = json.loads(path.read_text())
    assert stored["accounts"][account_key("gsk_one")]["organization"] == "org_01abc"

    # Next start, same account: known at once. Another key: not.
    again = RateLimiter(table({"TPM": 8000}), learned=LearnedLimits(path, account_key("gsk_one")))
    assert {s.dimension: s.limit for s in again.snapshot("m")}[Dimension.RPM] == 5
    other = RateLimiter(table({"TPM": 8000}), learned=LearnedLimits(path, account_key("gsk_two")))
    assert Dimension.RPM not in {s.dimension for s in other.snapshot("m")}
    # The user's edit wins from then on.
    again.set_limits("m", ModelLimits({Dimension.RPM: 9}))
    assert LearnedLimits(path, account_key("gsk_one")).entries() == []


# --- 4. steady rate after a refusal ---------------------------------------------------------------------


def test_after_a_429_the_queue_resumes_at_the_steady_rate_not_in_a_burst() -> None:
    clock = Clock()
    limiter = RateLimiter(table({"RPM": 30}), clock=clock, latency_margin=0)
    held = [limiter.try_reserve("m", Cost()) for _ in range(3)]
    assert all(isinstance(r, Reservation) for r in held)
    # Three in flight are refused at once (the server's RPM is 5); each gives its reservation back.
    for reservation in held:
        assert isinstance(reservation, Reservation)
        limiter.release(reservation)
        error = RateLimitError(message("requests per minute", "RPM", limit=5, requested=1).replace("1m2.5s", "59s"))
        limiter.observe_rate_limited("m", error, Cost())
    clock.now += 59
    assert isinstance(limiter.try_reserve("m", Cost()), Reservation)
    # The next one waits a full 60/5 s, whichever way the server counts.
    wait = limiter.try_reserve("m", Cost())
    assert isinstance(wait, WaitInfo) and wait.wait_seconds == pytest.approx(12)


def test_a_refusal_for_more_than_the_whole_budget_teaches_the_figure_but_empties_nothing() -> None:
    clock = Clock()
    limiter = RateLimiter(table({"RPM": 30}), clock=clock, latency_margin=0)
    error = RateLimitError(message("output tokens per minute", "OTPM", limit=400, used="", requested=967))
    limiter.observe_rate_limited("m", error, Cost.chat(100, 967))
    otpm = next(s for s in limiter.snapshot("m") if s.dimension is Dimension.OTPM)
    assert (otpm.limit, otpm.remaining, otpm.closed_for) == (400, 400, 0)
    assert isinstance(limiter.try_reserve("m", Cost.chat(100, 400)), Reservation)


# --- 5. too large for a whole budget: refused before sending, with the fix ----------------------------


def test_too_large_requests_say_which_budget_and_the_max_tokens_that_fits() -> None:
    limiter = RateLimiter(table({"TPM": 2500, "OTPM": 400, "ITPM": 2000}))
    with pytest.raises(RequestTooLargeError) as otpm:
        limiter.check_admissible("m", Cost.chat(300, 1000))
    assert (otpm.value.dimension, otpm.value.limit, otpm.value.requested) == ("OTPM", 400, 1000)
    assert otpm.value.max_tokens_fit == 400
    with pytest.raises(RequestTooLargeError) as tpm:
        limiter.check_admissible("m", Cost.chat(1900, 700))
    assert tpm.value.max_tokens_fit == 400  # OTPM binds before TPM's 600 of room
    with pytest.raises(RequestTooLargeError) as itpm:
        limiter.check_admissible("m", Cost.chat(2100, 100))
    assert itpm.value.dimension == "ITPM" and itpm.value.max_tokens_fit is None
    limiter.check_admissible("m", Cost.chat(1900, 400))


def test_an_otpm_refusal_teaches_the_limit_and_the_request_fails_with_the_fix_not_a_retry() -> None:
    limiter = RateLimiter(table({"RPM": 30}))
    calls = []

    async def refused(_reservation: Reservation) -> None:
        calls.append(1)
        raise RateLimitError(message("output tokens per minute", "OTPM", limit=400, used="", requested=1000))

    async def main() -> None:
        scheduler = Scheduler(limiter)
        with pytest.raises(RequestTooLargeError) as info:
            await scheduler.submit("m", Cost.chat(100, 1000), refused)
        assert info.value.max_tokens_fit == 400
        with pytest.raises(RequestTooLargeError):
            scheduler.submit("m", Cost.chat(100, 900), refused)
        await scheduler.aclose()

    asyncio.run(asyncio.wait_for(main(), 10))
    assert calls == [1]
