"""Prompt caching: cached tokens shown in a reply's facts, billed at half the input price, kept in the usage log."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from groq_desktop.app.chat.message_delegate import facts_text
from groq_desktop.app.monitor.price_table import PriceTable
from groq_desktop.core.catalogue import shipped_catalogue
from groq_desktop.core.store.storage import Storage, UsageRecord, UsageTotals

CURRENT = "openai/gpt-oss-120b"


def test_prices_come_from_the_catalogue_and_cached_tokens_cost_half() -> None:
    prices = PriceTable.load()
    price = prices.price_for(CURRENT)
    facts = shipped_catalogue().facts(CURRENT)
    assert price is not None and facts is not None
    assert price.input_per_million == facts.prices["input_per_million"]
    assert price.output_per_million == facts.prices["output_per_million"]
    plain = UsageRecord(at=0, model=CURRENT, kind="chat", status=200, prompt_tokens=1_000_000)
    cached = UsageRecord(at=0, model=CURRENT, kind="chat", status=200, prompt_tokens=1_000_000, cached_tokens=600_000)
    assert prices.cost_of_record(plain) == pytest.approx(price.input_per_million)
    assert prices.cost_of_record(cached) == pytest.approx(price.input_per_million * (0.4 + 0.6 * 0.5))
    totals = [UsageTotals(CURRENT, 1, 0, 0, 1_000_000, 0, 0.0, 1_000_000)]
    assert prices.estimate(totals).dollars == pytest.approx(price.input_per_million / 2)
    assert "catalogue" in prices.note and "estimates" in prices.note.lower()


def test_the_users_price_file_still_wins(tmp_path: Path) -> None:
    override = tmp_path / "prices.json"
    override.write_text('{"models": {"openai/gpt-oss-120b": {"input_per_million": 9, "output_per_million": 9}}}')
    assert PriceTable.load(override).price_for(CURRENT).input_per_million == 9  # type: ignore[union-attr]


def test_cached_tokens_are_kept_in_the_usage_log_and_totals(tmp_path: Path) -> None:
    storage = Storage(tmp_path / "db.sqlite")
    now = time.time()  # older records would be pruned as they are written
    try:
        storage.log_usage(UsageRecord(at=now, model=CURRENT, kind="chat", status=200, prompt_tokens=900,
                                      completion_tokens=10, cached_tokens=512))
        storage.log_usage(UsageRecord(at=now, model=CURRENT, kind="chat", status=500, prompt_tokens=900,
                                      cached_tokens=512))
        [totals] = storage.usage_totals(now - 60)
        assert totals.billed_cached_tokens == 512  # the failed request is not billed
    finally:
        storage.close()


def test_the_reply_facts_show_cached_tokens() -> None:
    text, _ = facts_text(CURRENT, {"prompt_tokens": 2048, "completion_tokens": 10, "cached_tokens": 1536})
    assert "2,048 in / 10 out" in text and "1,536 cached" in text
    assert "cached" not in facts_text(CURRENT, {"prompt_tokens": 20, "cached_tokens": 0})[0]
