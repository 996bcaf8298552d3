"""Text to speech in the usage log: the migration that admits 'speech' and 'batch', and a spoken
request logged with its characters and costed from the catalogue's per-character price."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from groq_desktop.app.composition import build_services
from groq_desktop.app.monitor.price_table import PriceTable
from groq_desktop.app.monitor.usage_charts import Metric
from groq_desktop.core.catalogue import ModelKind, shipped_catalogue
from groq_desktop.core.config import load_config
from groq_desktop.core.store.migrations import LATEST_VERSION, MIGRATIONS
from groq_desktop.core.store.storage import Storage, UsageRecord
from tests.conftest import TEST_KEY

NOW = 1_700_000_000.0


def _insert(path: Path, kind: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO usage_log (at, model, kind, status, prompt_tokens, completion_tokens, cached_tokens)"
            " VALUES (?, 'm', ?, 200, 1, 1, 0)", (NOW, kind))


def test_the_migration_keeps_the_rows_and_admits_speech_and_batch(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    speech = next(m.version for m in MIGRATIONS if "speech" in m.description)
    Storage(path, clock=lambda: NOW, migrations=MIGRATIONS[: speech - 1]).close()
    with sqlite3.connect(path) as conn:  # rows and their totals as the previous version wrote them
        conn.executemany(
            "INSERT INTO usage_log (at, model, kind, status, request_id, prompt_tokens, completion_tokens,"
            " audio_seconds, cached_tokens) VALUES (?, ?, ?, 200, ?, ?, ?, ?, ?)",
            [(NOW - i, "m", "chat", f"r{i}", 10, 5, 0.0, 4) for i in range(3)]
            + [(NOW, "w", "transcription", None, 0, 0, 3.0, 0)])
        conn.execute(
            "INSERT INTO usage_minutes (minute, model, kind, requests, tokens, billed_prompt_tokens,"
            " billed_completion_tokens, billed_cached_tokens) SELECT CAST(at / 60 AS INTEGER), model, kind,"
            " COUNT(*), SUM(prompt_tokens + completion_tokens), SUM(prompt_tokens), SUM(completion_tokens),"
            " SUM(cached_tokens) FROM usage_log WHERE kind = 'chat' GROUP BY 1, 2, 3")
        ids = [row[0] for row in conn.execute("SELECT id FROM usage_log WHERE model = 'm'")]
    with pytest.raises(sqlite3.IntegrityError):  # the old CHECK constraint
        _insert(path, "speech")

    with Storage(path, clock=lambda: NOW) as store:
        assert store.schema_version == LATEST_VERSION
        rows = store.usage_since(0)
        assert sorted(r.id for r in rows if r.model == "m") == sorted(ids)
        assert {r.request_id for r in rows} == {"r0", "r1", "r2", None}
        assert all(r.cached_tokens == 4 and r.characters == 0 for r in rows if r.model == "m")
        [chat] = [t for t in store.usage_totals(0) if t.model == "m"]  # the rollup still matches the rows
        assert (chat.requests, chat.billed_prompt_tokens, chat.billed_cached_tokens, chat.billed_characters) == (
            3, 30, 12, 0)
        store.log_usage(UsageRecord(at=NOW, model="tts", kind="speech", status=200, characters=180))
        store.log_usage(UsageRecord(at=NOW, model="tts", kind="speech", status=500, characters=50))
        [tts] = [t for t in store.usage_totals(0) if t.model == "tts"]
        assert (tts.requests, tts.failed, tts.billed_characters) == (2, 1, 180)
        assert sum(Metric.CHARACTERS.of(b) for b in store.usage_per_minute(NOW - 60)) == 180  # the charts' metric
    _insert(path, "batch")
    with sqlite3.connect(path) as conn:
        indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'usage_log'"
                                                  " AND type = 'index'")}
        assert {"usage_log_at", "usage_log_model_at"} <= indexes
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO usage_log (at, kind, status) VALUES (0, 'nonsense', 200)")


def test_a_speech_request_is_logged_and_costed(emulator: Any) -> None:
    catalogue = shipped_catalogue()
    model = catalogue.preferred(ModelKind.TEXT_TO_SPEECH, catalogue.models) or ""
    voice = catalogue.models[model].speech["voices"][0]
    services = build_services(load_config({"GROQ_API_KEY": TEST_KEY, "GROQ_BASE_URL": emulator.base_url}))
    try:
        text = "Hello there, this is a sentence read aloud."
        assert services.client.speech(model, text, voice).data
        [record] = [r for r in services.storage.usage_since(0) if r.kind == "speech"]
        assert (record.model, record.status, record.characters) == (model, 200, len(text))
        price = catalogue.models[model].prices["characters_per_million"]
        estimate = PriceTable.load(catalogue=catalogue).estimate(services.storage.usage_totals(0))
        assert estimate.unpriced_requests == 0
        assert estimate.dollars == pytest.approx(len(text) * price / 1_000_000)
    finally:
        services.close()
