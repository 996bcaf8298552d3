from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from groq_desktop.core import paths
from groq_desktop.core.store.migrations import LATEST_VERSION, MIGRATIONS, Migration
from groq_desktop.core.store.storage import (
    MATCH_END,
    MATCH_START,
    DatabaseVersionError,
    MessageStatus,
    SearchHit,
    Storage,
    UsageBucket,
    UsageRecord,
    UsageTotals,
    fts_query,
)

NOW = 1_700_000_000.0


class FakeClock:
    def __init__(self, now: float = NOW) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float = 1.0) -> float:
        self.now += seconds
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "groq_desktop.sqlite3"


@pytest.fixture
def store(db_path: Path, clock: FakeClock) -> Iterator[Storage]:
    storage = Storage(db_path, clock=clock)
    yield storage
    storage.close()


def user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


# --- opening and migrations ------------------------------------------------------------------


def test_migrates_an_empty_file(store: Storage, db_path: Path) -> None:
    assert store.schema_version == LATEST_VERSION == user_version(db_path)
    conn = sqlite3.connect(db_path)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        conn.close()
    assert {
        "conversations",
        "messages",
        "messages_fts",
        "transcription_jobs",
        "transcription_chunks",
        "usage_log",
        "usage_minutes",
    } <= tables
    assert journal == "wal"


def test_foreign_keys_are_enforced(store: Storage) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.add_message(12345, "user", "orphan")


def test_reopening_keeps_data(db_path: Path, clock: FakeClock) -> None:
    with Storage(db_path, clock=clock) as first:
        conversation = first.create_conversation("Kept", "llama-3.1-8b-instant")
        first.add_message(conversation.id, "user", "hello there")
    with Storage(db_path, clock=clock) as second:
        assert [c.title for c in second.list_conversations()] == ["Kept"]
        assert [m.content for m in second.list_messages(conversation.id)] == ["hello there"]
        assert second.schema_version == LATEST_VERSION


def test_a_newer_schema_is_refused(db_path: Path) -> None:
    Storage(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    with pytest.raises(DatabaseVersionError, match="newer|knows up to"):
        Storage(db_path)


def test_new_migration_steps_are_applied_in_order_at_open(db_path: Path) -> None:
    Storage(db_path).close()
    step = Migration(
        LATEST_VERSION + 1,
        "add a column",
        ("ALTER TABLE conversations ADD COLUMN colour TEXT", "UPDATE conversations SET colour = 'red'"),
    )
    with Storage(db_path, migrations=(*MIGRATIONS, step)) as upgraded:
        assert upgraded.schema_version == LATEST_VERSION + 1
    assert user_version(db_path) == LATEST_VERSION + 1


def test_a_failing_migration_step_leaves_the_old_version(db_path: Path) -> None:
    Storage(db_path).close()
    broken = Migration(
        LATEST_VERSION + 1,
        "half a step",
        ("ALTER TABLE conversations ADD COLUMN colour TEXT", "THIS IS NOT SQL"),
    )
    with pytest.raises(sqlite3.OperationalError):
        Storage(db_path, migrations=(*MIGRATIONS, broken))
    assert user_version(db_path) == LATEST_VERSION
    conn = sqlite3.connect(db_path)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(conversations)")}
    conn.close()
    assert "colour" not in columns


def test_default_database_path_honours_groq_desktop_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.HOME_ENV_VAR, str(tmp_path / "home"))
    assert paths.database_path() == tmp_path / "home" / "data" / "groq_desktop.sqlite3"
    assert paths.cache_dir() == tmp_path / "home" / "cache"
    assert paths.log_dir() == tmp_path / "home" / "logs"
    with Storage(paths.database_path()) as store:
        store.create_conversation("x", "m")
    assert paths.database_path().exists()


# --- conversations ---------------------------------------------------------------------------


def test_conversation_crud(store: Storage, clock: FakeClock) -> None:
    created = store.create_conversation(
        "First", "llama-3.1-8b-instant", system_prompt="Be brief.", params={"temperature": 0.2}
    )
    assert created.title == "First" and created.params == {"temperature": 0.2}
    assert created.created_at == created.updated_at == clock.now and not created.pinned

    store.rename_conversation(created.id, "Renamed")
    updated = store.update_conversation_settings(
        created.id, model="openai/gpt-oss-20b", params={"reasoning_effort": "low"}
    )
    assert updated.model == "openai/gpt-oss-20b"
    assert updated.system_prompt == "Be brief."  # not given, so unchanged
    assert updated.params == {"reasoning_effort": "low"}
    fetched = store.get_conversation(created.id)
    assert fetched is not None and fetched.title == "Renamed"
    assert store.get_conversation(999) is None
    with pytest.raises(KeyError):
        store.rename_conversation(999, "nope")


def test_list_order_is_pinned_first_then_recent_activity(store: Storage, clock: FakeClock) -> None:
    old = store.create_conversation("old", "m")
    clock.advance()
    middle = store.create_conversation("middle", "m")
    clock.advance()
    new = store.create_conversation("new", "m")
    assert [c.title for c in store.list_conversations()] == ["new", "middle", "old"]

    clock.advance()
    store.add_message(old.id, "user", "bump")
    assert [c.title for c in store.list_conversations()] == ["old", "new", "middle"]

    store.set_pinned(middle.id, True)
    assert [c.title for c in store.list_conversations()] == ["middle", "old", "new"]
    assert store.list_conversations()[0].pinned
    assert new.id in {c.id for c in store.list_conversations()}


def test_soft_delete_restore_and_purge(store: Storage, clock: FakeClock) -> None:
    keep = store.create_conversation("keep", "m")
    gone = store.create_conversation("gone", "m")
    store.add_message(gone.id, "user", "unicorn sighting")

    store.delete_conversation(gone.id)
    assert [c.title for c in store.list_conversations()] == ["keep"]
    assert {c.title for c in store.list_conversations(include_deleted=True)} == {"keep", "gone"}
    assert store.search_messages("unicorn") == []

    store.restore_conversation(gone.id)
    assert {c.title for c in store.list_conversations()} == {"keep", "gone"}
    assert len(store.search_messages("unicorn")) == 1

    store.delete_conversation(gone.id)
    deleted_at = clock.now
    assert store.purge_deleted(older_than=deleted_at) == 0  # not older yet
    clock.advance(100)
    assert store.purge_deleted(older_than=clock.now) == 1
    assert store.get_conversation(gone.id) is None
    assert store.count_messages(gone.id) == 0
    assert store.get_conversation(keep.id) is not None
    # The full-text index lost the purged message too (cascade fired the delete trigger).
    store.restore_conversation(keep.id)
    assert store.search_messages("unicorn") == []


# --- messages --------------------------------------------------------------------------------


def test_messages_get_consecutive_positions(store: Storage) -> None:
    a = store.create_conversation("a", "m")
    b = store.create_conversation("b", "m")
    for index in range(5):
        store.add_message(a.id, "user" if index % 2 == 0 else "assistant", f"a{index}")
    store.add_message(b.id, "user", "b0")
    messages = store.list_messages(a.id)
    assert [m.position for m in messages] == [0, 1, 2, 3, 4]
    assert [m.content for m in messages] == ["a0", "a1", "a2", "a3", "a4"]
    assert [m.position for m in store.list_messages(b.id)] == [0]
    assert store.count_messages(a.id) == 5
    assert [m.content for m in store.list_messages_range(a.id, 1, 2)] == ["a1", "a2"]
    assert [m.content for m in store.list_messages_range(a.id, 4, 10)] == ["a4"]


def test_update_message_while_streaming(store: Storage, clock: FakeClock) -> None:
    conversation = store.create_conversation("c", "m")
    reply = store.add_message(conversation.id, "assistant", "", status="streaming", model="m")
    clock.advance()
    store.update_message(reply.id, content="Hel")
    clock.advance()
    final = store.update_message(
        reply.id,
        content="Hello",
        reasoning="thinking",
        status="complete",
        facts={"ttft": 0.12, "completion_tokens": 2, "request_id": "req_1"},
    )
    assert final.content == "Hello" and final.reasoning == "thinking" and final.status == "complete"
    assert final.facts == {"ttft": 0.12, "completion_tokens": 2, "request_id": "req_1"}
    assert final.updated_at == clock.now and final.created_at == clock.now - 2
    assert final.model == "m"
    errored = store.update_message(reply.id, status="error", error="rate limited")
    assert errored.error == "rate limited" and errored.content == "Hello"
    with pytest.raises(ValueError):
        store.update_message(reply.id, status="bogus")
    with pytest.raises(KeyError):
        store.update_message(99999, content="x")


def test_truncate_after_removes_and_returns_later_messages(store: Storage) -> None:
    conversation = store.create_conversation("c", "m")
    for text in ("q1", "a1", "q2", "a2"):
        store.add_message(conversation.id, "user", text)
    removed = store.truncate_after(conversation.id, 1)
    assert [m.content for m in removed] == ["q2", "a2"]
    assert [m.content for m in store.list_messages(conversation.id)] == ["q1", "a1"]
    again = store.add_message(conversation.id, "user", "q2 edited")
    assert again.position == 2
    assert store.search_messages("a2") == []


def test_mark_interrupted(store: Storage) -> None:
    conversation = store.create_conversation("c", "m")
    store.add_message(conversation.id, "user", "q")
    first = store.add_message(conversation.id, "assistant", "half", status="streaming")
    second = store.add_message(conversation.id, "assistant", "also half", status="streaming")
    done = store.add_message(conversation.id, "assistant", "done", status="stopped")
    assert store.mark_interrupted() == 2
    statuses = {m.id: m.status for m in store.list_messages(conversation.id)}
    assert statuses[first.id] == statuses[second.id] == "incomplete"
    assert statuses[done.id] == "stopped"
    assert store.mark_interrupted() == 0


# --- full-text search ------------------------------------------------------------------------


def test_search_finds_a_word_in_another_conversation(store: Storage) -> None:
    cooking = store.create_conversation("Cooking", "m")
    travel = store.create_conversation("Travel", "m")
    store.add_message(cooking.id, "user", "How long do I boil an egg?")
    store.add_message(travel.id, "user", "Trains from Lisbon to Porto")
    target = store.add_message(travel.id, "assistant", "The Alfa Pendular train takes about three hours.")

    hits = store.search_messages("pendular")
    assert len(hits) == 1
    hit = hits[0]
    assert isinstance(hit, SearchHit)
    assert (hit.conversation_id, hit.message_id, hit.position) == (travel.id, target.id, 1)
    assert hit.conversation_title == "Travel"
    assert f"{MATCH_START}Pendular{MATCH_END}" in hit.snippet
    assert "<b>Pendular</b>" in hit.snippet_html()
    assert "Pendular" in hit.snippet_text() and MATCH_START not in hit.snippet_text()


def test_search_words_are_prefixes_and_all_required(store: Storage) -> None:
    conversation = store.create_conversation("c", "m")
    store.add_message(conversation.id, "user", "transcription of a podcast")
    store.add_message(conversation.id, "user", "transcribe the meeting")
    assert len(store.search_messages("transcri")) == 2
    assert len(store.search_messages("transcri podcast")) == 1
    assert len(store.search_messages("TRANSCRIBE")) == 1
    assert store.search_messages("podcast meeting") == []


@pytest.mark.parametrize(
    "query",
    [
        '"foo AND (',
        "foo AND (",
        '"',
        "(",
        "NOT",
        "OR foo",
        "foo*",
        "col:foo",
        "^foo",
        "NEAR(foo",
        "a\"b'c",
        "-",
        "",
        "   ",
        "🙂",
        "foo\x00bar",
    ],
)
def test_search_never_raises_on_odd_input(store: Storage, query: str) -> None:
    conversation = store.create_conversation("c", "m")
    store.add_message(conversation.id, "user", "foo and bar")
    hits = store.search_messages(query)
    assert isinstance(hits, list)


def test_search_with_operator_words_is_literal(store: Storage) -> None:
    conversation = store.create_conversation("c", "m")
    with_and = store.add_message(conversation.id, "user", "foo and bar")
    store.add_message(conversation.id, "user", "just foo or bar")
    # "AND" is a word to find, not an operator; "OR" likewise (it would otherwise match both).
    assert [h.message_id for h in store.search_messages('"foo AND (')] == [with_and.id]
    assert len(store.search_messages("foo OR and")) == 0
    assert len(store.search_messages("just OR")) == 1


def test_search_follows_updates(store: Storage) -> None:
    conversation = store.create_conversation("c", "m")
    reply = store.add_message(conversation.id, "assistant", "", status="streaming")
    store.update_message(reply.id, content="the quick brown")
    assert len(store.search_messages("quick")) == 1
    store.update_message(reply.id, content="a slow green turtle")
    assert store.search_messages("quick") == []
    assert [h.message_id for h in store.search_messages("turtle")] == [reply.id]
    # Updating other columns leaves the index alone.
    store.update_message(reply.id, status="complete")
    assert [h.message_id for h in store.search_messages("turtle")] == [reply.id]


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('foo AND ("bar') == '"foo"* "AND"* "bar"*'
    assert fts_query('  ()" ') is None


# --- transcription jobs ----------------------------------------------------------------------


def test_job_queue_order_and_moves(store: Storage) -> None:
    jobs = [store.create_job(f"/audio/{name}.mp3", name, {"model": "whisper-large-v3"}) for name in "abcd"]
    assert [j.display_name for j in store.list_jobs()] == ["a", "b", "c", "d"]
    assert jobs[0].status == "queued" and jobs[0].options == {"model": "whisper-large-v3"}

    store.move_job(jobs[3].id, 0)
    assert [j.display_name for j in store.list_jobs()] == ["d", "a", "b", "c"]
    store.move_job(jobs[3].id, 99)
    assert [j.display_name for j in store.list_jobs()] == ["a", "b", "c", "d"]
    store.move_job(jobs[0].id, 2)
    assert [j.display_name for j in store.list_jobs()] == ["b", "c", "a", "d"]
    assert store.delete_job(jobs[2].id)
    assert not store.delete_job(jobs[2].id)
    assert [j.display_name for j in store.list_jobs()] == ["b", "a", "d"]
    with pytest.raises(KeyError):
        store.move_job(12345, 0)


def test_job_and_chunk_resume_flow(db_path: Path, clock: FakeClock) -> None:
    with Storage(db_path, clock=clock) as store:
        job = store.create_job("/audio/talk.mp3", "talk.mp3", {"language": "en"})
        finished = store.create_job("/audio/done.mp3", "done.mp3", {})
        store.update_job(job.id, status="running", duration=1800.0, chunk_count=3)
        store.save_chunk_result(job.id, 0, 0.0, 600.0, {"text": "part one", "segments": []})
        assert store.record_chunk_failure(job.id, 1, 590.0, 1200.0, "HTTP 500") == 1
        assert store.record_chunk_failure(job.id, 1, 590.0, 1200.0, "HTTP 502") == 2
        clock.advance()
        done = store.update_job(finished.id, status="done")
        assert done.finished_at == clock.now
        with pytest.raises(TypeError):
            store.update_job(job.id, bogus=1)

    # The app restarts: what is left to do?
    with Storage(db_path, clock=clock) as store:
        unfinished = store.unfinished_jobs()
        assert [j.id for j in unfinished] == [job.id]
        resumed = unfinished[0]
        assert (resumed.status, resumed.duration, resumed.chunk_count) == ("running", 1800.0, 3)
        assert resumed.options == {"language": "en"}
        chunks = store.list_chunks(job.id)
        assert [(c.chunk_index, c.status, c.attempts) for c in chunks] == [(0, "done", 1), (1, "failed", 2)]
        assert chunks[0].result == {"text": "part one", "segments": []}
        assert chunks[1].result is None and chunks[1].error == "HTTP 502"
        assert (chunks[1].start, chunks[1].end) == (590.0, 1200.0)

        store.save_chunk_result(job.id, 1, 590.0, 1200.0, {"text": "part two"})
        store.save_chunk_result(job.id, 2, 1190.0, 1800.0, {"text": "part three"})
        chunks = store.list_chunks(job.id)
        assert [c.status for c in chunks] == ["done", "done", "done"]
        assert chunks[1].error is None and chunks[1].attempts == 3
        store.update_job(job.id, status="done")
        assert store.unfinished_jobs() == []

        # Retrying a finished job makes it unfinished again.
        store.update_job(job.id, status="queued", error=None)
        assert [j.id for j in store.unfinished_jobs()] == [job.id]

        assert store.delete_job(job.id)
        assert store.list_chunks(job.id) == []
        assert store.get_job(job.id) is None


# --- usage log -------------------------------------------------------------------------------


def usage(at: float, model: str = "llama-3.1-8b-instant", **fields: Any) -> UsageRecord:
    fields.setdefault("kind", "chat")
    fields.setdefault("status", 200)
    return UsageRecord(at=at, model=model, **fields)


def test_usage_per_minute_with_known_numbers(store: Storage) -> None:
    base = 1_700_000_040.0  # a minute boundary: 1_700_000_040 = 28_333_334 * 60
    assert base % 60 == 0
    store.log_usage(usage(base + 1, prompt_tokens=100, completion_tokens=20))
    store.log_usage(usage(base + 59.9, prompt_tokens=10, completion_tokens=5))
    store.log_usage(usage(base + 61, model="whisper-large-v3", kind="transcription", audio_seconds=12.5))
    store.log_usage(
        usage(base + 125, prompt_tokens=7, completion_tokens=0, status=429, error_code="rate_limit_exceeded")
    )
    store.log_usage(usage(base - 30, prompt_tokens=999))  # before `since`

    assert store.usage_per_minute(since=base) == [
        UsageBucket(base, 2, 135, 0.0),
        UsageBucket(base + 60, 1, 0, 12.5),
        UsageBucket(base + 120, 1, 7, 0.0),
    ]
    assert store.usage_per_minute(since=base, model="whisper-large-v3") == [
        UsageBucket(base + 60, 1, 0, 12.5)
    ]
    records = store.usage_since(base)
    assert [r.at for r in records] == [base + 1, base + 59.9, base + 61, base + 125]
    assert records[0].id is not None and records[0].prompt_tokens == 100
    assert [r.at for r in store.usage_since(base, model="whisper-large-v3")] == [base + 61]

    errors = store.recent_errors(since=base)
    assert [(e.status, e.error_code) for e in errors] == [(429, "rate_limit_exceeded")]


def test_usage_per_day_with_known_numbers(store: Storage, clock: FakeClock) -> None:
    day = 86_400.0
    midnight = 19_700 * day  # a UTC midnight
    clock.now = midnight + 10 * 3600  # 10:00 UTC on day 19_700
    store.log_usage(usage(midnight + 60, prompt_tokens=50, completion_tokens=50))
    store.log_usage(usage(midnight + 3600, prompt_tokens=1, completion_tokens=1))
    store.log_usage(usage(midnight - 60, prompt_tokens=5))  # yesterday 23:59
    store.log_usage(usage(midnight - 2 * day, prompt_tokens=7))  # three days ago at midnight
    store.log_usage(usage(midnight - 3 * day + 1, prompt_tokens=1000))  # outside a 3-day window

    assert store.usage_per_day(days=3, utc_offset=0) == [
        UsageBucket(midnight - 2 * day, 1, 7, 0.0),
        UsageBucket(midnight - day, 1, 5, 0.0),
        UsageBucket(midnight, 2, 102, 0.0),
    ]
    assert store.usage_per_day(days=1, utc_offset=0) == [UsageBucket(midnight, 2, 102, 0.0)]
    # Two hours east of UTC, 23:59 UTC yesterday is 01:59 today (local).
    east = 2 * 3600.0
    assert store.usage_per_day(days=1, utc_offset=east) == [UsageBucket(midnight - east, 3, 107, 0.0)]


def test_transport_failures_count_as_errors(store: Storage) -> None:
    store.log_usage(usage(NOW + 10, status=0, error_code="connection_failed"))
    store.log_usage(usage(NOW + 11, status=200))
    store.log_usage(usage(NOW + 12, status=503))
    assert [e.status for e in store.recent_errors(since=NOW)] == [503, 0]
    with pytest.raises(ValueError):
        store.log_usage(usage(13.0, kind="bogus"))


def test_a_stopped_request_is_not_an_error(store: Storage) -> None:
    store.log_usage(usage(NOW + 10, status=499, error_code="cancelled"))
    store.log_usage(usage(NOW + 11, status=500, error_code="internal_server_error"))
    stopped = usage(NOW + 10, status=499, error_code="cancelled")
    assert stopped.cancelled and not stopped.failed
    assert [e.status for e in store.recent_errors(since=NOW)] == [500]


def test_raw_usage_is_pruned_after_a_day_and_the_totals_keep_counting(store: Storage, clock: FakeClock) -> None:
    day = 86_400.0
    old = [
        usage(NOW - 60, prompt_tokens=100, completion_tokens=20),
        usage(NOW - 50, status=500, error_code="internal_server_error", prompt_tokens=1000),
        usage(NOW - 40, status=499, error_code="cancelled", prompt_tokens=30),
        usage(NOW - 30, model="whisper-large-v3", kind="transcription", audio_seconds=4.0),
    ]
    for record in old:
        store.log_usage(record)
    clock.advance(2 * day)
    store.log_usage(usage(clock.now, prompt_tokens=1, completion_tokens=1))

    assert [r.at for r in store.usage_since(0)] == [clock.now]  # the raw rows of two days ago are gone
    assert store.recent_errors(0) == []
    minute = (NOW - 60) // 60 * 60
    assert store.usage_per_minute(NOW - 3600) == [
        UsageBucket(minute, 4, 1150, 4.0),
        UsageBucket(clock.now // 60 * 60, 1, 2, 0.0),
    ]
    assert sum(b.requests for b in store.usage_per_day(days=3, utc_offset=0)) == 5
    totals = {t.model: t for t in store.usage_totals(NOW - 3600)}
    chat, audio = totals["llama-3.1-8b-instant"], totals["whisper-large-v3"]
    assert (chat.requests, chat.failed, chat.stopped) == (4, 1, 1)
    # Failures are not billed; a stopped request is billed what the server counted; audio at least 10 s.
    assert (chat.billed_prompt_tokens, chat.billed_completion_tokens) == (131, 21)
    assert (audio.requests, audio.billed_audio_seconds) == (1, 10.0)
    assert [t.requests for t in store.usage_totals(clock.now - 60)] == [1]

    clock.advance(401 * day)
    store.log_usage(usage(clock.now))
    assert sum(b.requests for b in store.usage_per_minute(0)) == 1  # totals are kept 400 days


def test_the_migration_builds_the_totals_from_the_rows_already_logged(db_path: Path, clock: FakeClock) -> None:
    Storage(db_path, clock=clock, migrations=MIGRATIONS[:1]).close()
    conn = sqlite3.connect(db_path)
    rows = [
        (NOW - 120, "m", "chat", 200, 10, 5, 0.0, None),
        (NOW - 110, "m", "chat", 429, 7, 0, 0.0, "rate_limit_exceeded"),
        (NOW - 100, "m", "chat", 499, 3, 2, 0.0, "cancelled"),
        (NOW - 5, "w", "transcription", 200, 0, 0, 30.0, None),
        (NOW - 4, "w", "transcription", 200, 0, 0, 2.0, None),
    ]
    conn.executemany(
        "INSERT INTO usage_log (at, model, kind, status, prompt_tokens, completion_tokens, audio_seconds,"
        " error_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.commit()
    conn.close()
    with Storage(db_path, clock=clock) as store:
        assert store.schema_version == LATEST_VERSION
        assert store.usage_per_minute(NOW - 3600, model="m") == [UsageBucket((NOW - 120) // 60 * 60, 3, 27, 0.0)]
        totals = {t.model: t for t in store.usage_totals(0)}
        assert totals["m"] == UsageTotals("m", 3, 1, 1, 13, 7, 0.0)
        assert totals["w"] == UsageTotals("w", 2, 0, 0, 0, 0, 40.0)
        records = [UsageRecord(at=r[0], model=r[1], kind=r[2], status=r[3], prompt_tokens=r[4],
                               completion_tokens=r[5], audio_seconds=r[6], error_code=r[7]) for r in rows]
        # The SQL that built the totals and the Python that keeps them agree.
        assert sum(r.billed_audio_seconds for r in records) == 40.0
        assert sum(r.billed_prompt_tokens for r in records) == 13


# --- transactions and threads ----------------------------------------------------------------


class FailOnStatement:
    """Wraps the real connection and raises when a statement containing ``marker`` runs."""

    def __init__(self, real: sqlite3.Connection, marker: str) -> None:
        self._real = real
        self._marker = marker

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if self._marker in sql:
            raise sqlite3.OperationalError("disk I/O error (simulated)")
        return self._real.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def test_a_write_that_fails_midway_leaves_nothing(store: Storage, monkeypatch: pytest.MonkeyPatch) -> None:
    conversation = store.create_conversation("c", "m")
    job = store.create_job("/a.mp3", "a", {})
    real = store._conn
    assert real is not None

    # add_message inserts the message, then touches the conversation: fail the second step.
    monkeypatch.setattr(store, "_conn", FailOnStatement(real, "UPDATE conversations SET updated_at"))
    with pytest.raises(sqlite3.OperationalError):
        store.add_message(conversation.id, "user", "never saved zebra")
    # save_chunk_result writes the chunk, then the job: fail the second step.
    monkeypatch.setattr(store, "_conn", FailOnStatement(real, "UPDATE transcription_jobs SET updated_at"))
    with pytest.raises(sqlite3.OperationalError):
        store.save_chunk_result(job.id, 0, 0.0, 10.0, {"text": "lost"})
    monkeypatch.setattr(store, "_conn", real)

    assert store.count_messages(conversation.id) == 0
    assert store.search_messages("zebra") == []
    assert store.list_chunks(job.id) == []
    assert not real.in_transaction
    # The store still works afterwards.
    assert store.add_message(conversation.id, "user", "saved").position == 0


def test_concurrent_writes_from_eight_threads_lose_nothing(store: Storage) -> None:
    conversation = store.create_conversation("busy", "m")
    per_thread = 40
    start = threading.Barrier(8)
    failures: list[BaseException] = []

    def writer(thread_index: int) -> None:
        try:
            start.wait(timeout=10)
            for i in range(per_thread):
                store.add_message(conversation.id, "user", f"t{thread_index} m{i}")
                store.log_usage(usage(NOW + thread_index * 1000 + i, prompt_tokens=1))
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures
    messages = store.list_messages(conversation.id)
    assert len(messages) == 8 * per_thread
    assert sorted(m.position for m in messages) == list(range(8 * per_thread))
    assert len(store.usage_since(NOW)) == 8 * per_thread
    assert sum(b.requests for b in store.usage_per_minute(NOW)) == 8 * per_thread


def test_closed_store_refuses_calls(db_path: Path) -> None:
    store = Storage(db_path)
    store.close()
    store.close()  # twice is fine
    with pytest.raises(sqlite3.ProgrammingError):
        store.list_conversations()


def test_reply_versions_select_discard_search_and_crash_recovery(store: Storage, db_path: Path) -> None:
    conversation = store.create_conversation("Versions", "m")
    store.add_message(conversation.id, "user", "question")
    reply = store.add_message(conversation.id, "assistant", "first answer")
    second = store.begin_version(reply.id, "m")
    assert second == 2 and store.get_message(reply.id).content == "first answer"
    store.update_version(reply.id, second, content="second answer", status=MessageStatus.COMPLETE)
    shown = store.select_version(reply.id, second)
    assert (shown.content, shown.version, shown.version_count) == ("second answer", 2, 2)
    assert [h.message_id for h in store.search_messages("second")] == [reply.id]
    assert store.search_messages("first") == []  # only the selected version is indexed
    back = store.select_version(reply.id, 1)
    assert (back.content, back.version) == ("first answer", 1)
    third = store.begin_version(reply.id, "m")
    store.update_version(reply.id, third, content="cut off", status=MessageStatus.ERROR)
    after = store.discard_version(reply.id, 2)
    assert (after.version, after.version_count) == (1, 2)
    assert store.select_version(reply.id, 2).content == "cut off"
    streaming = store.begin_version(reply.id, "m")
    assert store.mark_interrupted() == 1
    assert store.select_version(reply.id, streaming).status == MessageStatus.INCOMPLETE
    store.truncate_after(conversation.id, 0)  # the versions go with their message
    with pytest.raises(KeyError):
        store.select_version(reply.id, 1)


def test_drafts_are_kept_per_conversation_without_reordering_the_list(store: Storage, clock: FakeClock) -> None:
    first = store.create_conversation("First", "m")
    clock.advance()
    second = store.create_conversation("Second", "m")
    store.set_draft(first.id, "half a thought")
    assert store.get_draft(first.id) == "half a thought" and store.get_draft(second.id) == ""
    assert [c.id for c in store.list_conversations()] == [second.id, first.id]
