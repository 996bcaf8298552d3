"""The SQLite schema of Groq Desktop, as an ordered list of migration steps.

``PRAGMA user_version`` holds the number of the last step applied. Steps are only ever
appended: never edit one that has shipped, add a new step that alters the schema instead.
Each step is a tuple of single statements (no splitting of scripts at ``;``, which would
break trigger bodies) run inside one transaction by ``storage.Storage``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


_INITIAL_SCHEMA = (
    """
    CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        model TEXT NOT NULL DEFAULT '',
        system_prompt TEXT NOT NULL DEFAULT '',
        params_json TEXT NOT NULL DEFAULT '{}',
        pinned INTEGER NOT NULL DEFAULT 0,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        deleted_at REAL
    )
    """,
    "CREATE INDEX conversations_listing ON conversations (deleted_at, pinned DESC, updated_at DESC)",
    """
    CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        role TEXT NOT NULL,
        content TEXT NOT NULL DEFAULT '',
        reasoning TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'complete'
            CHECK (status IN ('complete', 'streaming', 'stopped', 'error', 'incomplete')),
        model TEXT,
        error TEXT,
        facts_json TEXT NOT NULL DEFAULT '{}',
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        branch_of INTEGER REFERENCES messages (id) ON DELETE SET NULL,
        UNIQUE (conversation_id, position)
    )
    """,
    "CREATE INDEX messages_status ON messages (status)",
    "CREATE INDEX messages_branch_of ON messages (branch_of)",
    # External-content FTS5 index over messages.content, kept in sync by the triggers below
    # inside the same transaction as the write.
    """
    CREATE VIRTUAL TABLE messages_fts USING fts5 (
        content,
        content = 'messages',
        content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER messages_fts_after_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content);
    END
    """,
    """
    CREATE TRIGGER messages_fts_after_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
    END
    """,
    """
    CREATE TRIGGER messages_fts_after_update AFTER UPDATE OF content ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
        INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content);
    END
    """,
    """
    CREATE TABLE transcription_jobs (
        id INTEGER PRIMARY KEY,
        source_path TEXT NOT NULL,
        display_name TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'queued',
        options_json TEXT NOT NULL DEFAULT '{}',
        duration REAL,
        chunk_count INTEGER,
        error TEXT,
        position INTEGER NOT NULL,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        finished_at REAL
    )
    """,
    "CREATE INDEX transcription_jobs_position ON transcription_jobs (position)",
    """
    CREATE TABLE transcription_chunks (
        job_id INTEGER NOT NULL REFERENCES transcription_jobs (id) ON DELETE CASCADE,
        chunk_index INTEGER NOT NULL,
        start REAL NOT NULL,
        "end" REAL NOT NULL,
        status TEXT NOT NULL,
        result_json TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        PRIMARY KEY (job_id, chunk_index)
    )
    """,
    """
    CREATE TABLE usage_log (
        id INTEGER PRIMARY KEY,
        at REAL NOT NULL,
        model TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL CHECK (kind IN ('chat', 'transcription', 'translation', 'models', 'health')),
        status INTEGER NOT NULL,
        request_id TEXT,
        prompt_tokens INTEGER NOT NULL DEFAULT 0,
        completion_tokens INTEGER NOT NULL DEFAULT 0,
        audio_seconds REAL NOT NULL DEFAULT 0,
        queue_time REAL,
        total_time REAL,
        ttft REAL,
        error_code TEXT,
        wait_seconds REAL NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX usage_log_at ON usage_log (at)",
    "CREATE INDEX usage_log_model_at ON usage_log (model, at)",
)


# Per model, kind and minute: what the charts, the cost estimate and the health counts read, so the
# raw usage_log can be pruned to a day. Built from the rows already logged; 499 is a user's Stop (not a
# failure); billed amounts leave failures out and bill audio at least 10 s per request (Groq's minimum).
_USAGE_ROLLUP = (
    """
    CREATE TABLE usage_minutes (
        minute INTEGER NOT NULL,
        model TEXT NOT NULL,
        kind TEXT NOT NULL,
        requests INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        stopped INTEGER NOT NULL DEFAULT 0,
        tokens INTEGER NOT NULL DEFAULT 0,
        audio_seconds REAL NOT NULL DEFAULT 0,
        billed_prompt_tokens INTEGER NOT NULL DEFAULT 0,
        billed_completion_tokens INTEGER NOT NULL DEFAULT 0,
        billed_audio_seconds REAL NOT NULL DEFAULT 0,
        PRIMARY KEY (minute, model, kind)
    ) WITHOUT ROWID
    """,
    """
    INSERT INTO usage_minutes
    SELECT minute, model, kind, COUNT(*), SUM(failed), SUM(status = 499),
        SUM(prompt_tokens + completion_tokens), SUM(audio_seconds),
        SUM(CASE WHEN failed THEN 0 ELSE prompt_tokens END),
        SUM(CASE WHEN failed THEN 0 ELSE completion_tokens END),
        SUM(CASE WHEN failed OR audio_seconds <= 0 THEN 0.0 ELSE MAX(10.0, audio_seconds) END)
    FROM (
        SELECT CAST(at / 60 AS INTEGER) AS minute, model, kind, status, prompt_tokens, completion_tokens,
            audio_seconds,
            (status <> 499 AND (status < 200 OR status >= 300 OR error_code IS NOT NULL)) AS failed
        FROM usage_log
    )
    GROUP BY minute, model, kind
    """,
)


# Reply versions: the messages row is always the selected version (what history, search and export
# read); the other versions of that reply wait in message_versions. Drafts: one per conversation.
_REPLY_VERSIONS_AND_DRAFTS = (
    "ALTER TABLE conversations ADD COLUMN draft TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE messages ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
    "ALTER TABLE messages ADD COLUMN version_count INTEGER NOT NULL DEFAULT 1",
    """
    CREATE TABLE message_versions (
        message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        content TEXT NOT NULL DEFAULT '',
        reasoning TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'complete',
        model TEXT,
        error TEXT,
        facts_json TEXT NOT NULL DEFAULT '{}',
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        PRIMARY KEY (message_id, version)
    )
    """,
    "CREATE INDEX message_versions_status ON message_versions (status)",
)


# Bulk jobs: one row per input (results beside it, so a restart resumes from the pending rows), and
# the Batch API batches each job was split into.
_BULK_JOBS = (
    """
    CREATE TABLE bulk_jobs (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT 'chat',
        mode TEXT NOT NULL DEFAULT 'live',
        model TEXT NOT NULL,
        template TEXT NOT NULL DEFAULT '',
        system_prompt TEXT NOT NULL DEFAULT '',
        params_json TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL DEFAULT 'ready',
        completion_window TEXT NOT NULL DEFAULT '24h',
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL
    )
    """,
    """
    CREATE TABLE bulk_rows (
        job_id INTEGER NOT NULL REFERENCES bulk_jobs (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        custom_id TEXT NOT NULL,
        input_json TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL DEFAULT 'pending',
        output TEXT NOT NULL DEFAULT '',
        columns_json TEXT NOT NULL DEFAULT '{}',
        error TEXT NOT NULL DEFAULT '',
        prompt_tokens INTEGER NOT NULL DEFAULT 0,
        completion_tokens INTEGER NOT NULL DEFAULT 0,
        cost REAL NOT NULL DEFAULT 0,
        request_id TEXT NOT NULL DEFAULT '',
        batch_id TEXT,
        updated_at REAL NOT NULL DEFAULT 0,
        PRIMARY KEY (job_id, idx)
    ) WITHOUT ROWID
    """,
    "CREATE UNIQUE INDEX bulk_rows_custom_id ON bulk_rows (job_id, custom_id)",
    "CREATE INDEX bulk_rows_status ON bulk_rows (job_id, status, idx)",
    """
    CREATE TABLE bulk_batches (
        id TEXT PRIMARY KEY,
        job_id INTEGER NOT NULL REFERENCES bulk_jobs (id) ON DELETE CASCADE,
        input_file_id TEXT NOT NULL,
        status TEXT NOT NULL,
        total INTEGER NOT NULL DEFAULT 0,
        completed INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        created_at REAL,
        expires_at REAL,
        output_file_id TEXT,
        error_file_id TEXT,
        merged INTEGER NOT NULL DEFAULT 0,
        updated_at REAL NOT NULL
    )
    """,
)


# Prompt caching: Groq reports the cached part of the prompt, billed at a discount.
_CACHED_TOKENS = (
    "ALTER TABLE usage_log ADD COLUMN cached_tokens INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE usage_minutes ADD COLUMN billed_cached_tokens INTEGER NOT NULL DEFAULT 0",
)


# Text to speech ('speech', billed per input character) and Batch API requests ('batch') join the usage
# log. SQLite cannot alter a CHECK constraint, so usage_log is rebuilt (rows and ids kept); the per-minute
# totals only gain the billed characters, so they stay consistent with the rows they were built from.
_SPEECH_AND_BATCH_USAGE = (
    """
    CREATE TABLE usage_log_new (
        id INTEGER PRIMARY KEY,
        at REAL NOT NULL,
        model TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL
            CHECK (kind IN ('chat', 'transcription', 'translation', 'speech', 'batch', 'models', 'health')),
        status INTEGER NOT NULL,
        request_id TEXT,
        prompt_tokens INTEGER NOT NULL DEFAULT 0,
        completion_tokens INTEGER NOT NULL DEFAULT 0,
        audio_seconds REAL NOT NULL DEFAULT 0,
        queue_time REAL,
        total_time REAL,
        ttft REAL,
        error_code TEXT,
        wait_seconds REAL NOT NULL DEFAULT 0,
        cached_tokens INTEGER NOT NULL DEFAULT 0,
        characters INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    INSERT INTO usage_log_new (id, at, model, kind, status, request_id, prompt_tokens, completion_tokens,
        audio_seconds, queue_time, total_time, ttft, error_code, wait_seconds, cached_tokens)
    SELECT id, at, model, kind, status, request_id, prompt_tokens, completion_tokens, audio_seconds, queue_time,
        total_time, ttft, error_code, wait_seconds, cached_tokens
    FROM usage_log
    """,
    "DROP TABLE usage_log",
    "ALTER TABLE usage_log_new RENAME TO usage_log",
    "CREATE INDEX usage_log_at ON usage_log (at)",
    "CREATE INDEX usage_log_model_at ON usage_log (model, at)",
    "ALTER TABLE usage_minutes ADD COLUMN billed_characters INTEGER NOT NULL DEFAULT 0",
)


# Images and files attached to a message: images as content-addressed blobs, files as their text.
_ATTACHMENTS = (
    """
    CREATE TABLE attachments (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        mime TEXT NOT NULL DEFAULT '',
        digest TEXT NOT NULL DEFAULT '',
        size INTEGER NOT NULL DEFAULT 0,
        width INTEGER NOT NULL DEFAULT 0,
        height INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    )
    """,
    "CREATE INDEX attachments_by_message ON attachments (message_id, position)",
)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "conversations, messages + full-text index, transcription jobs, usage log", _INITIAL_SCHEMA),
    Migration(2, "usage per model and minute, built from the usage log", _USAGE_ROLLUP),
    Migration(3, "reply versions (message_versions) and per-conversation drafts", _REPLY_VERSIONS_AND_DRAFTS),
    Migration(4, "bulk jobs, their rows and results, their Batch API batches", _BULK_JOBS),
    Migration(5, "cached prompt tokens in the usage log and its minutes (billed at half price)", _CACHED_TOKENS),
    Migration(6, "speech (characters) and batch requests in the usage log", _SPEECH_AND_BATCH_USAGE),
    Migration(7, "images and files attached to messages", _ATTACHMENTS),
)

LATEST_VERSION = MIGRATIONS[-1].version


def check_migrations(migrations: tuple[Migration, ...] = MIGRATIONS) -> None:
    """Versions must be 1, 2, 3, ... in order: a gap or a duplicate is a programming error."""
    for expected, migration in enumerate(migrations, start=1):
        if migration.version != expected:
            raise AssertionError(f"migration #{expected} has version {migration.version}")
