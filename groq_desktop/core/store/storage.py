"""SQLite storage for conversations, messages, transcription jobs and the usage log.

Threading: ONE connection opened with ``check_same_thread=False`` and guarded by a re-entrant
lock, so any thread (the UI thread, ``asyncio.to_thread`` workers) may call any method; calls
are serialised. Every write runs in one ``BEGIN IMMEDIATE`` transaction (``self._tx()``), so a
failure part-way leaves nothing half-saved. The file is in WAL mode with foreign keys on.

Schema versions: ``PRAGMA user_version`` is the number of the last migration applied
(see ``migrations.py``); missing steps are applied in order at open, each in its own
transaction. A database written by a newer app raises ``DatabaseVersionError``.

Times are wall-clock floats (``time.time()``), injectable through ``clock`` for tests.
"""

from __future__ import annotations

import html
import json
import math
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from groq_desktop.core.attachments.model import Attachment, AttachmentKind
from groq_desktop.core.quota.limits import MIN_BILLED_AUDIO_SECONDS
from groq_desktop.core.store.bulk_records import (
    BulkBatchRecord,
    BulkJobRecord,
    BulkProgress,
    BulkResult,
    BulkRowRecord,
)
from groq_desktop.core.store.migrations import MIGRATIONS, Migration, check_migrations
from groq_desktop.errors import ConfigurationError
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate

Clock = Callable[[], float]

# Around matched words in SearchHit.snippet; control characters so they never clash with text.
MATCH_START = "\x02"
MATCH_END = "\x03"
SNIPPET_ELLIPSIS = "…"
_SNIPPET_TOKENS = 12
# Raw usage rows are read for the last hour only (health, reply speeds): a day keeps today's request
# ids for support. The per-minute totals feed the charts and costs (30 days) and are kept 400 days.
RAW_USAGE_KEPT = 86400.0
USAGE_TOTALS_KEPT = 400 * 86400.0
USAGE_PRUNE_EVERY = 3600.0
_MAX_QUERY_TERMS = 32


class DatabaseVersionError(ConfigurationError):
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError", "This history file was written by a newer Groq Desktop; update the app to open it."
    )


class MessageStatus(StrEnum):
    COMPLETE = "complete"
    STREAMING = "streaming"
    STOPPED = "stopped"
    ERROR = "error"
    INCOMPLETE = "incomplete"
    """Was still streaming when the app stopped; set by ``mark_interrupted`` at start-up."""


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    PAUSED = "paused"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


# Setting a job to one of these stamps finished_at (unless given); any other status clears it.
JOB_TERMINAL_STATUSES = frozenset({JobStatus.DONE, JobStatus.FAILED, JobStatus.CANCELLED})


class ChunkStatus(StrEnum):
    DONE = "done"
    FAILED = "failed"


USAGE_KINDS = frozenset({"chat", "transcription", "translation", "speech", "batch", "models", "health"})


# --- rows ------------------------------------------------------------------------------------


@dataclass
class Conversation:
    id: int
    title: str
    model: str
    system_prompt: str
    params: dict[str, Any]
    pinned: bool
    created_at: float
    updated_at: float
    """Last activity (a message added or removed): what the conversation list is sorted by."""
    deleted_at: float | None = None

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None


@dataclass
class Message:
    id: int
    conversation_id: int
    position: int
    role: str
    content: str
    reasoning: str
    status: str
    model: str | None
    error: str | None
    facts: dict[str, Any]
    """ttft, tokens_per_second, prompt_tokens, completion_tokens, queue_time, request_id..."""
    created_at: float
    updated_at: float
    branch_of: int | None = None
    version: int = 1
    """Which version of the reply this is (Regenerate and Retry add versions; 1-based)."""
    version_count: int = 1
    attachments: tuple[Attachment, ...] = ()
    """Images and files the user attached (user messages only)."""


@dataclass(frozen=True)
class SearchHit:
    conversation_id: int
    message_id: int
    position: int
    snippet: str
    """Text around the match; matched words are wrapped in MATCH_START / MATCH_END."""
    conversation_title: str

    def snippet_text(self) -> str:
        return self.snippet.replace(MATCH_START, "").replace(MATCH_END, "")

    def snippet_html(self, start_tag: str = "<b>", end_tag: str = "</b>") -> str:
        return html.escape(self.snippet).replace(MATCH_START, start_tag).replace(MATCH_END, end_tag)


@dataclass
class TranscriptionJobRecord:
    id: int
    source_path: str
    display_name: str
    status: str
    options: dict[str, Any]
    duration: float | None
    chunk_count: int | None
    error: str | None
    position: int
    created_at: float
    updated_at: float
    finished_at: float | None


@dataclass
class ChunkRecord:
    job_id: int
    chunk_index: int
    start: float
    end: float
    status: str
    result: dict[str, Any] | None
    attempts: int
    error: str | None


# What the client records when it closes a request itself (Stop, cancel): nginx's "client closed".
CANCELLED_STATUS = 499
# The same test as UsageRecord.failed, in SQL.
_FAILED_SQL = f"(status <> {CANCELLED_STATUS} AND (status < 200 OR status >= 300 OR error_code IS NOT NULL))"


@dataclass
class UsageRecord:
    at: float
    model: str
    kind: str
    """'chat' | 'transcription' | 'translation' | 'speech' | 'batch' | 'models' | 'health'."""
    status: int
    """HTTP status; 0 when no HTTP answer arrived (transport failure)."""
    request_id: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    audio_seconds: float = 0.0
    queue_time: float | None = None
    total_time: float | None = None
    ttft: float | None = None
    error_code: str | None = None
    wait_seconds: float = 0.0
    cached_tokens: int = 0
    """The part of ``prompt_tokens`` Groq read from its prompt cache."""
    characters: int = 0
    """Input characters of a text-to-speech request (what Groq bills TTS by)."""
    id: int | None = field(default=None, compare=False)

    @property
    def cancelled(self) -> bool:
        """Stopped by the user (the client closed the request): not a failure."""
        return self.status == CANCELLED_STATUS

    @property
    def failed(self) -> bool:
        return not self.cancelled and (not 200 <= self.status < 300 or self.error_code is not None)

    # What Groq bills: nothing for a failure; audio at least its minimum per request.
    @property
    def billed_prompt_tokens(self) -> int:
        return 0 if self.failed else self.prompt_tokens

    @property
    def billed_completion_tokens(self) -> int:
        return 0 if self.failed else self.completion_tokens

    @property
    def billed_cached_tokens(self) -> int:
        return 0 if self.failed else self.cached_tokens

    @property
    def billed_characters(self) -> int:
        return 0 if self.failed else self.characters

    @property
    def billed_audio_seconds(self) -> float:
        if self.failed or self.audio_seconds <= 0:
            return 0.0
        return max(MIN_BILLED_AUDIO_SECONDS, self.audio_seconds)


@dataclass(frozen=True)
class UsageTotals:
    """One model's requests over a period, from the per-minute totals."""

    model: str
    requests: int
    failed: int
    stopped: int
    billed_prompt_tokens: int
    billed_completion_tokens: int
    billed_audio_seconds: float
    billed_cached_tokens: int = 0
    billed_characters: int = 0


class UsageBucket(NamedTuple):
    start: float
    """Start of the minute or day (epoch seconds)."""
    requests: int
    tokens: int
    audio_seconds: float
    characters: int = 0
    """Text-to-speech input characters."""


_USAGE_COLUMNS = (
    "at",
    "model",
    "kind",
    "status",
    "request_id",
    "prompt_tokens",
    "completion_tokens",
    "audio_seconds",
    "queue_time",
    "total_time",
    "ttft",
    "error_code",
    "wait_seconds",
    "cached_tokens",
    "characters",
)

_JOB_UPDATABLE = {
    "source_path": "source_path",
    "display_name": "display_name",
    "status": "status",
    "options": "options_json",
    "duration": "duration",
    "chunk_count": "chunk_count",
    "error": "error",
    "finished_at": "finished_at",
}


def _dumps(value: Mapping[str, Any] | None) -> str:
    return json.dumps(dict(value or {}), ensure_ascii=False, separators=(",", ":"))


def _loads(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    value = json.loads(text)
    return value if isinstance(value, dict) else {}


def fts_query(text: str) -> str | None:
    """The user's words as FTS5 prefix terms, all required; None when there are no words.

    Every term is quoted, so quotes, parentheses and AND/OR/NOT/NEAR are taken literally.
    """
    words = re.findall(r"\w+", text)[:_MAX_QUERY_TERMS]
    if not words:
        return None
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


# --- the store -------------------------------------------------------------------------------


class Storage:
    def __init__(
        self,
        path: Path | str,
        *,
        clock: Clock = time.time,
        migrations: tuple[Migration, ...] = MIGRATIONS,
    ) -> None:
        check_migrations(migrations)
        self.path = Path(path)
        self._clock = clock
        self._usage_pruned_at = -math.inf
        self._lock = threading.RLock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10.0, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._conn: sqlite3.Connection | None = conn
            self._migrate(migrations)
        except BaseException:
            conn.close()
            self._conn = None
            raise

    # --- plumbing ---------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Storage:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self._read() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise sqlite3.ProgrammingError("the storage is closed")
        return self._conn

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._connection()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; nested use joins the outer one."""
        with self._lock:
            conn = self._connection()
            if conn.in_transaction:
                yield conn
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _migrate(self, migrations: tuple[Migration, ...]) -> None:
        conn = self._connection()
        current = int(conn.execute("PRAGMA user_version").fetchone()[0])
        known = migrations[-1].version if migrations else 0
        if current > known:
            raise DatabaseVersionError(
                translate("Storage", "The database {path} has schema version {version}; this app knows up to {known}.")
                .format(path=self.path, version=current, known=known)
            )
        for migration in migrations:
            if migration.version <= current:
                continue
            with self._tx() as tx:
                for statement in migration.statements:
                    tx.execute(statement)
                # user_version is part of the transaction: a failed step leaves the old number.
                tx.execute(f"PRAGMA user_version = {int(migration.version)}")

    # --- conversations ----------------------------------------------------------------------

    @staticmethod
    def _conversation(row: sqlite3.Row) -> Conversation:
        return Conversation(
            id=row["id"],
            title=row["title"],
            model=row["model"],
            system_prompt=row["system_prompt"],
            params=_loads(row["params_json"]),
            pinned=bool(row["pinned"]),
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            deleted_at=row["deleted_at"],
        )

    def create_conversation(
        self,
        title: str,
        model: str,
        system_prompt: str = "",
        params: Mapping[str, Any] | None = None,
    ) -> Conversation:
        now = self._clock()
        with self._tx() as conn:
            cursor = conn.execute(
                "INSERT INTO conversations (title, model, system_prompt, params_json, pinned,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)",
                (title, model, system_prompt, _dumps(params), now, now),
            )
            conversation_id = int(cursor.lastrowid or 0)
            return self._require_conversation(conn, conversation_id)

    def get_conversation(self, conversation_id: int) -> Conversation | None:
        with self._read() as conn:
            row = conn.execute("SELECT * FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
            return self._conversation(row) if row else None

    def _require_conversation(self, conn: sqlite3.Connection, conversation_id: int) -> Conversation:
        row = conn.execute("SELECT * FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
        if row is None:
            raise KeyError(f"no conversation {conversation_id}")
        return self._conversation(row)

    def list_conversations(self, include_deleted: bool = False) -> list[Conversation]:
        """Pinned first, then most recently active first."""
        where = "" if include_deleted else "WHERE deleted_at IS NULL"
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT * FROM conversations {where} ORDER BY pinned DESC, updated_at DESC, id DESC"
            ).fetchall()
        return [self._conversation(row) for row in rows]

    def _update_conversation(self, conversation_id: int, assignments: str, params: tuple[Any, ...]) -> None:
        with self._tx() as conn:
            cursor = conn.execute(
                f"UPDATE conversations SET {assignments} WHERE id = ?", (*params, conversation_id)
            )
            if cursor.rowcount == 0:
                raise KeyError(f"no conversation {conversation_id}")

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        self._update_conversation(conversation_id, "title = ?", (title,))

    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        self._update_conversation(conversation_id, "pinned = ?", (int(pinned),))

    def update_conversation_settings(
        self,
        conversation_id: int,
        *,
        model: str | None = None,
        system_prompt: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> Conversation:
        """Change what is given (None leaves a field as it is); ``params`` replaces the whole dict."""
        assignments: list[str] = []
        values: list[Any] = []
        for column, value in (("model", model), ("system_prompt", system_prompt)):
            if value is not None:
                assignments.append(f"{column} = ?")
                values.append(value)
        if params is not None:
            assignments.append("params_json = ?")
            values.append(_dumps(params))
        with self._tx() as conn:
            if assignments:
                self._update_conversation(conversation_id, ", ".join(assignments), tuple(values))
            return self._require_conversation(conn, conversation_id)

    def delete_conversation(self, conversation_id: int) -> None:
        """Soft delete: hidden from lists and search until restored or purged."""
        self._update_conversation(conversation_id, "deleted_at = ?", (self._clock(),))

    def restore_conversation(self, conversation_id: int) -> None:
        self._update_conversation(conversation_id, "deleted_at = NULL", ())

    def purge_deleted(self, older_than: float) -> int:
        """Really delete conversations soft-deleted before the time ``older_than``; returns how many."""
        with self._tx() as conn:
            cursor = conn.execute(
                "DELETE FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at < ?", (older_than,)
            )
            return cursor.rowcount

    # --- messages ---------------------------------------------------------------------------

    @staticmethod
    def _message(row: sqlite3.Row) -> Message:
        return Message(
            id=row["id"],
            conversation_id=row["conversation_id"],
            position=row["position"],
            role=row["role"],
            content=row["content"],
            reasoning=row["reasoning"],
            status=row["status"],
            model=row["model"],
            error=row["error"],
            facts=_loads(row["facts_json"]),
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            branch_of=row["branch_of"],
            version=row["version"],
            version_count=row["version_count"],
        )

    def add_message(
        self,
        conversation_id: int,
        role: str,
        content: str,
        *,
        status: str = MessageStatus.COMPLETE,
        model: str | None = None,
        reasoning: str = "",
        facts: Mapping[str, Any] | None = None,
        branch_of: int | None = None,
    ) -> Message:
        """Append a message at the next position and mark the conversation as active now."""
        status = MessageStatus(status)
        now = self._clock()
        with self._tx() as conn:
            position = conn.execute(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM messages WHERE conversation_id = ?",
                (conversation_id,),
            ).fetchone()[0]
            cursor = conn.execute(
                "INSERT INTO messages (conversation_id, position, role, content, reasoning, status, model,"
                " facts_json, created_at, updated_at, branch_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    conversation_id,
                    position,
                    role,
                    content,
                    reasoning,
                    str(status),
                    model,
                    _dumps(facts),
                    now,
                    now,
                    branch_of,
                ),
            )
            message_id = int(cursor.lastrowid or 0)
            conn.execute("UPDATE conversations SET updated_at = ? WHERE id = ?", (now, conversation_id))
            return self._require_message(conn, message_id)

    def add_attachments(self, message_id: int, attachments: Sequence[Attachment]) -> None:
        with self._tx() as conn:
            conn.executemany(
                "INSERT INTO attachments (message_id, position, kind, name, mime, digest, size, width, height,"
                " text, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (message_id, i, str(a.kind), a.name, a.mime, a.digest, a.size, a.width, a.height, a.text, a.note)
                    for i, a in enumerate(attachments)
                ],
            )

    @staticmethod
    def _with_attachments(conn: sqlite3.Connection, messages: list[Message]) -> list[Message]:
        users = [m.id for m in messages if m.role == "user"]
        if not users:
            return messages
        found: dict[int, list[Attachment]] = {}
        for start in range(0, len(users), 500):  # SQLite's bound-parameter limit
            chunk = users[start : start + 500]
            rows = conn.execute(
                f"SELECT * FROM attachments WHERE message_id IN ({','.join('?' * len(chunk))})"
                " ORDER BY message_id, position",
                chunk,
            ).fetchall()
            for r in rows:
                found.setdefault(r["message_id"], []).append(
                    Attachment(
                        AttachmentKind(r["kind"]), r["name"], r["mime"], r["digest"], r["size"], r["width"],
                        r["height"], r["text"], r["note"],
                    )
                )
        if not found:
            return messages
        return [replace(m, attachments=tuple(found[m.id])) if m.id in found else m for m in messages]

    def get_message(self, message_id: int) -> Message | None:
        with self._read() as conn:
            row = conn.execute("SELECT * FROM messages WHERE id = ?", (message_id,)).fetchone()
            return self._with_attachments(conn, [self._message(row)])[0] if row else None

    def _require_message(self, conn: sqlite3.Connection, message_id: int) -> Message:
        row = conn.execute("SELECT * FROM messages WHERE id = ?", (message_id,)).fetchone()
        if row is None:
            raise KeyError(f"no message {message_id}")
        return self._with_attachments(conn, [self._message(row)])[0]

    def update_message(
        self,
        message_id: int,
        *,
        content: str | None = None,
        reasoning: str | None = None,
        status: str | None = None,
        error: str | None = None,
        facts: Mapping[str, Any] | None = None,
        model: str | None = None,
    ) -> Message:
        """Change what is given (None leaves it); ``facts`` replaces the whole dict.

        Called every ~250 ms while a reply streams, with the full text so far.
        """
        assignments = ["updated_at = ?"]
        values: list[Any] = [self._clock()]
        if content is not None:
            assignments.append("content = ?")
            values.append(content)
        if reasoning is not None:
            assignments.append("reasoning = ?")
            values.append(reasoning)
        if status is not None:
            assignments.append("status = ?")
            values.append(str(MessageStatus(status)))
        if error is not None:
            assignments.append("error = ?")
            values.append(error)
        if facts is not None:
            assignments.append("facts_json = ?")
            values.append(_dumps(facts))
        if model is not None:  # a reply written again after the conversation moved to another model
            assignments.append("model = ?")
            values.append(model)
        with self._tx() as conn:
            cursor = conn.execute(
                f"UPDATE messages SET {', '.join(assignments)} WHERE id = ?", (*values, message_id)
            )
            if cursor.rowcount == 0:
                raise KeyError(f"no message {message_id}")
            return self._require_message(conn, message_id)

    def list_messages(self, conversation_id: int) -> list[Message]:
        with self._read() as conn:
            rows = conn.execute(
                "SELECT * FROM messages WHERE conversation_id = ? ORDER BY position", (conversation_id,)
            ).fetchall()
            return self._with_attachments(conn, [self._message(row) for row in rows])

    def count_messages(self, conversation_id: int) -> int:
        with self._read() as conn:
            return int(
                conn.execute(
                    "SELECT COUNT(*) FROM messages WHERE conversation_id = ?", (conversation_id,)
                ).fetchone()[0]
            )

    def list_messages_range(self, conversation_id: int, offset: int, limit: int) -> list[Message]:
        """``limit`` messages from the ``offset``-th (0-based, in position order): for lazy loading."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT * FROM messages WHERE conversation_id = ? ORDER BY position LIMIT ? OFFSET ?",
                (conversation_id, max(0, limit), max(0, offset)),
            ).fetchall()
            return self._with_attachments(conn, [self._message(row) for row in rows])

    def list_last_messages(self, conversation_id: int, limit: int) -> list[Message]:
        """The last ``limit`` messages in position order (what opening a conversation shows first)."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT * FROM messages WHERE conversation_id = ? ORDER BY position DESC LIMIT ?",
                (conversation_id, max(0, limit)),
            ).fetchall()
            return self._with_attachments(conn, [self._message(row) for row in reversed(rows)])

    def list_messages_after(self, conversation_id: int, position: int) -> list[Message]:
        """The messages after ``position``: what a view showing the earlier ones lacks."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT * FROM messages WHERE conversation_id = ? AND position > ? ORDER BY position",
                (conversation_id, position),
            ).fetchall()
            return self._with_attachments(conn, [self._message(row) for row in rows])

    def truncate_after(self, conversation_id: int, position: int) -> list[Message]:
        """Delete the messages after ``position`` (edit-and-resend) and return them."""
        with self._tx() as conn:
            rows = conn.execute(
                "SELECT * FROM messages WHERE conversation_id = ? AND position > ? ORDER BY position",
                (conversation_id, position),
            ).fetchall()
            conn.execute(
                "DELETE FROM messages WHERE conversation_id = ? AND position > ?", (conversation_id, position)
            )
            if rows:
                conn.execute(
                    "UPDATE conversations SET updated_at = ? WHERE id = ?", (self._clock(), conversation_id)
                )
        return [self._message(row) for row in rows]

    def mark_interrupted(self) -> int:
        """At start-up: replies still 'streaming' were cut off by a crash or quit; mark them 'incomplete'."""
        with self._tx() as conn:
            cursor = conn.execute(
                "UPDATE messages SET status = ?, updated_at = ? WHERE status = ?",
                (str(MessageStatus.INCOMPLETE), self._clock(), str(MessageStatus.STREAMING)),
            )
            versions = conn.execute(
                "UPDATE message_versions SET status = ?, updated_at = ? WHERE status = ?",
                (str(MessageStatus.INCOMPLETE), self._clock(), str(MessageStatus.STREAMING)),
            )
            return cursor.rowcount + versions.rowcount

    # --- reply versions: the messages row is the selected one, the others are in message_versions ---

    _VERSION_COLUMNS = ("content", "reasoning", "status", "model", "error", "facts_json")

    def begin_version(self, message_id: int, model: str | None) -> int:
        """Add an empty 'streaming' version after the last one (it is not selected); returns its number."""
        now = self._clock()
        with self._tx() as conn:
            message = self._require_message(conn, message_id)
            version = message.version_count + 1
            conn.execute(
                "INSERT INTO message_versions (message_id, version, status, model, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (message_id, version, str(MessageStatus.STREAMING), model, now, now),
            )
            conn.execute("UPDATE messages SET version_count = ? WHERE id = ?", (version, message_id))
            return version

    def update_version(
        self,
        message_id: int,
        version: int,
        *,
        content: str | None = None,
        reasoning: str | None = None,
        status: str | None = None,
        error: str | None = None,
        facts: Mapping[str, Any] | None = None,
    ) -> None:
        """Like ``update_message`` for a version that is not the selected one."""
        changes = {"content": content, "reasoning": reasoning, "error": error}
        changes["status"] = None if status is None else str(MessageStatus(status))
        changes["facts_json"] = None if facts is None else _dumps(facts)
        given = {k: v for k, v in changes.items() if v is not None}
        assignments = ", ".join(["updated_at = ?", *(f"{k} = ?" for k in given)])
        with self._tx() as conn:
            cursor = conn.execute(
                f"UPDATE message_versions SET {assignments} WHERE message_id = ? AND version = ?",
                (self._clock(), *given.values(), message_id, version),
            )
            if cursor.rowcount == 0:
                raise KeyError(f"no version {version} of message {message_id}")

    def select_version(self, message_id: int, version: int) -> Message:
        """Make ``version`` the reply that is shown, sent as history and exported; the old one is kept."""
        columns = ", ".join(self._VERSION_COLUMNS)
        with self._tx() as conn:
            message = self._require_message(conn, message_id)
            if version == message.version:
                return message
            chosen = conn.execute(
                f"SELECT {columns} FROM message_versions WHERE message_id = ? AND version = ?",
                (message_id, version),
            ).fetchone()
            if chosen is None:
                raise KeyError(f"no version {version} of message {message_id}")
            now = self._clock()
            current = conn.execute(f"SELECT {columns} FROM messages WHERE id = ?", (message_id,)).fetchone()
            conn.execute(
                "DELETE FROM message_versions WHERE message_id = ? AND version = ?", (message_id, version)
            )
            conn.execute(
                f"INSERT INTO message_versions (message_id, version, {columns}, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (message_id, message.version, *tuple(current), message.created_at, now),
            )
            assignments = ", ".join(f"{c} = ?" for c in self._VERSION_COLUMNS)
            conn.execute(
                f"UPDATE messages SET {assignments}, version = ?, updated_at = ? WHERE id = ?",
                (*tuple(chosen), version, now, message_id),
            )
            return self._require_message(conn, message_id)

    def discard_version(self, message_id: int, version: int) -> Message:
        """Drop a version that is not selected (an attempt that produced nothing); later ones move down."""
        with self._tx() as conn:
            message = self._require_message(conn, message_id)
            if version == message.version:
                raise ValueError("the selected version can't be discarded")
            cursor = conn.execute(
                "DELETE FROM message_versions WHERE message_id = ? AND version = ?", (message_id, version)
            )
            if cursor.rowcount == 0:
                raise KeyError(f"no version {version} of message {message_id}")
            conn.execute(
                "UPDATE message_versions SET version = version - 1 WHERE message_id = ? AND version > ?",
                (message_id, version),
            )
            selected = message.version - 1 if message.version > version else message.version
            conn.execute(
                "UPDATE messages SET version = ?, version_count = version_count - 1 WHERE id = ?",
                (selected, message_id),
            )
            return self._require_message(conn, message_id)

    # --- drafts -------------------------------------------------------------------------------

    def get_draft(self, conversation_id: int) -> str:
        with self._read() as conn:
            row = conn.execute("SELECT draft FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
            return str(row["draft"]) if row else ""

    def set_draft(self, conversation_id: int, text: str) -> None:
        """The unsent text of a conversation's composer (does not change its place in the list)."""
        self._update_conversation(conversation_id, "draft = ?", (text,))

    def search_messages(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Full-text search of message text in conversations that are not deleted, best first.

        Each word of ``query`` is a prefix term and all must match; no input raises.
        """
        match = fts_query(query)
        if match is None or limit <= 0:
            return []
        with self._read() as conn:
            rows = conn.execute(
                "SELECT m.conversation_id, m.id AS message_id, m.position, c.title,"
                " snippet(messages_fts, 0, ?, ?, ?, ?) AS snippet"
                " FROM messages_fts"
                " JOIN messages AS m ON m.id = messages_fts.rowid"
                " JOIN conversations AS c ON c.id = m.conversation_id"
                " WHERE messages_fts MATCH ? AND c.deleted_at IS NULL"
                " ORDER BY rank LIMIT ?",
                (MATCH_START, MATCH_END, SNIPPET_ELLIPSIS, _SNIPPET_TOKENS, match, limit),
            ).fetchall()
        return [
            SearchHit(
                conversation_id=row["conversation_id"],
                message_id=row["message_id"],
                position=row["position"],
                snippet=row["snippet"],
                conversation_title=row["title"],
            )
            for row in rows
        ]

    # --- transcription jobs -----------------------------------------------------------------

    @staticmethod
    def _job(row: sqlite3.Row) -> TranscriptionJobRecord:
        return TranscriptionJobRecord(
            id=row["id"],
            source_path=row["source_path"],
            display_name=row["display_name"],
            status=row["status"],
            options=_loads(row["options_json"]),
            duration=row["duration"],
            chunk_count=row["chunk_count"],
            error=row["error"],
            position=row["position"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            finished_at=row["finished_at"],
        )

    @staticmethod
    def _chunk(row: sqlite3.Row) -> ChunkRecord:
        result = row["result_json"]
        return ChunkRecord(
            job_id=row["job_id"],
            chunk_index=row["chunk_index"],
            start=row["start"],
            end=row["end"],
            status=row["status"],
            result=_loads(result) if result is not None else None,
            attempts=row["attempts"],
            error=row["error"],
        )

    def create_job(
        self, source_path: str | Path, display_name: str, options: Mapping[str, Any]
    ) -> TranscriptionJobRecord:
        """Queue a job at the end, status 'queued'."""
        now = self._clock()
        with self._tx() as conn:
            position = conn.execute(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM transcription_jobs"
            ).fetchone()[0]
            cursor = conn.execute(
                "INSERT INTO transcription_jobs (source_path, display_name, status, options_json, position,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (str(source_path), display_name, str(JobStatus.QUEUED), _dumps(options), position, now, now),
            )
            return self._require_job(conn, int(cursor.lastrowid or 0))

    def _require_job(self, conn: sqlite3.Connection, job_id: int) -> TranscriptionJobRecord:
        row = conn.execute("SELECT * FROM transcription_jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise KeyError(f"no transcription job {job_id}")
        return self._job(row)

    def get_job(self, job_id: int) -> TranscriptionJobRecord | None:
        with self._read() as conn:
            row = conn.execute("SELECT * FROM transcription_jobs WHERE id = ?", (job_id,)).fetchone()
            return self._job(row) if row else None

    def update_job(self, job_id: int, **fields: Any) -> TranscriptionJobRecord:
        """Set any of: source_path, display_name, status, options, duration, chunk_count, error,
        finished_at. A terminal status (done/failed/cancelled) stamps ``finished_at`` unless it
        is given; another status clears it (a retried job is unfinished again).
        """
        unknown = set(fields) - set(_JOB_UPDATABLE)
        if unknown:
            raise TypeError(f"update_job() got unknown fields: {', '.join(sorted(unknown))}")
        now = self._clock()
        if "status" in fields and "finished_at" not in fields:
            fields["finished_at"] = now if fields["status"] in JOB_TERMINAL_STATUSES else None
        assignments = ["updated_at = ?"]
        values: list[Any] = [now]
        for name, value in fields.items():
            assignments.append(f"{_JOB_UPDATABLE[name]} = ?")
            if name == "options":
                value = _dumps(value)
            elif name in ("status", "source_path") and value is not None:
                value = str(value)
            values.append(value)
        with self._tx() as conn:
            cursor = conn.execute(
                f"UPDATE transcription_jobs SET {', '.join(assignments)} WHERE id = ?", (*values, job_id)
            )
            if cursor.rowcount == 0:
                raise KeyError(f"no transcription job {job_id}")
            return self._require_job(conn, job_id)

    def list_jobs(self) -> list[TranscriptionJobRecord]:
        """All jobs in queue order."""
        with self._read() as conn:
            rows = conn.execute("SELECT * FROM transcription_jobs ORDER BY position, id").fetchall()
        return [self._job(row) for row in rows]

    def unfinished_jobs(self) -> list[TranscriptionJobRecord]:
        """Jobs without ``finished_at``, in queue order: what to resume at start-up."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT * FROM transcription_jobs WHERE finished_at IS NULL ORDER BY position, id"
            ).fetchall()
        return [self._job(row) for row in rows]

    def delete_job(self, job_id: int) -> bool:
        """Delete a job and its chunks; False if there was no such job."""
        with self._tx() as conn:
            return conn.execute("DELETE FROM transcription_jobs WHERE id = ?", (job_id,)).rowcount > 0

    def move_job(self, job_id: int, new_position: int) -> list[TranscriptionJobRecord]:
        """Move a job to index ``new_position`` (0-based, clamped) of the queue; returns the queue."""
        with self._tx() as conn:
            ids = [row[0] for row in conn.execute("SELECT id FROM transcription_jobs ORDER BY position, id")]
            if job_id not in ids:
                raise KeyError(f"no transcription job {job_id}")
            ids.remove(job_id)
            ids.insert(max(0, min(new_position, len(ids))), job_id)
            conn.executemany(
                "UPDATE transcription_jobs SET position = ? WHERE id = ?",
                [(index, ident) for index, ident in enumerate(ids)],
            )
        return self.list_jobs()

    def save_chunk_result(
        self, job_id: int, chunk_index: int, start: float, end: float, result: Mapping[str, Any]
    ) -> None:
        """Store one chunk's transcription (status 'done'), atomically with the job's timestamp."""
        now = self._clock()
        with self._tx() as conn:
            conn.execute(
                'INSERT INTO transcription_chunks (job_id, chunk_index, start, "end", status, result_json,'
                " attempts, error) VALUES (?, ?, ?, ?, ?, ?, 1, NULL)"
                " ON CONFLICT (job_id, chunk_index) DO UPDATE SET start = excluded.start,"
                ' "end" = excluded."end", status = excluded.status, result_json = excluded.result_json,'
                " attempts = attempts + 1, error = NULL",
                (job_id, chunk_index, start, end, str(ChunkStatus.DONE), _dumps(result)),
            )
            conn.execute("UPDATE transcription_jobs SET updated_at = ? WHERE id = ?", (now, job_id))

    def record_chunk_failure(
        self, job_id: int, chunk_index: int, start: float, end: float, error: str
    ) -> int:
        """Record a failed try of one chunk; returns how many tries that chunk has had."""
        now = self._clock()
        with self._tx() as conn:
            conn.execute(
                'INSERT INTO transcription_chunks (job_id, chunk_index, start, "end", status, result_json,'
                " attempts, error) VALUES (?, ?, ?, ?, ?, NULL, 1, ?)"
                " ON CONFLICT (job_id, chunk_index) DO UPDATE SET start = excluded.start,"
                ' "end" = excluded."end", status = excluded.status, attempts = attempts + 1,'
                " error = excluded.error",
                (job_id, chunk_index, start, end, str(ChunkStatus.FAILED), error),
            )
            conn.execute("UPDATE transcription_jobs SET updated_at = ? WHERE id = ?", (now, job_id))
            return int(
                conn.execute(
                    "SELECT attempts FROM transcription_chunks WHERE job_id = ? AND chunk_index = ?",
                    (job_id, chunk_index),
                ).fetchone()[0]
            )

    def done_chunk_indexes(self) -> dict[int, set[int]]:
        """Per job that is not done, the indexes of its finished chunks (no results are read)."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT c.job_id, c.chunk_index FROM transcription_chunks c JOIN transcription_jobs j"
                " ON j.id = c.job_id WHERE c.status = ? AND j.status != ?",
                (str(ChunkStatus.DONE), str(JobStatus.DONE)),
            ).fetchall()
        out: dict[int, set[int]] = {}
        for job_id, index in rows:
            out.setdefault(job_id, set()).add(index)
        return out

    def job_positions(self) -> dict[int, int]:
        """Queue position of every job, without reading their options."""
        with self._read() as conn:
            return dict(conn.execute("SELECT id, position FROM transcription_jobs").fetchall())

    def renumber_chunks(self, job_id: int, new_index: Mapping[int, int]) -> None:
        """After a re-plan: chunk ``i`` becomes ``new_index[i]``; chunks not in the mapping are deleted."""
        with self._tx() as conn:
            rows = [r[0] for r in conn.execute("SELECT chunk_index FROM transcription_chunks WHERE job_id = ?", (job_id,))]
            gone = [(job_id, i) for i in rows if i not in new_index]
            conn.executemany("DELETE FROM transcription_chunks WHERE job_id = ? AND chunk_index = ?", gone)
            # through negative numbers, so no two rows ever share an index on the way
            moves = [(old, new) for old, new in new_index.items() if old in rows and old != new]
            conn.executemany(
                "UPDATE transcription_chunks SET chunk_index = ? WHERE job_id = ? AND chunk_index = ?",
                [(-new - 1, job_id, old) for old, new in moves],
            )
            conn.executemany(
                "UPDATE transcription_chunks SET chunk_index = ? WHERE job_id = ? AND chunk_index = ?",
                [(new, job_id, -new - 1) for _old, new in moves],
            )

    def list_chunks(self, job_id: int) -> list[ChunkRecord]:
        with self._read() as conn:
            rows = conn.execute(
                "SELECT * FROM transcription_chunks WHERE job_id = ? ORDER BY chunk_index", (job_id,)
            ).fetchall()
        return [self._chunk(row) for row in rows]

    # --- usage log --------------------------------------------------------------------------

    @staticmethod
    def _usage(row: sqlite3.Row) -> UsageRecord:
        return UsageRecord(**{name: row[name] for name in _USAGE_COLUMNS}, id=row["id"])

    def log_usage(self, record: UsageRecord) -> int:
        """Append one request to the usage log and its minute's totals; returns its row id."""
        if record.kind not in USAGE_KINDS:
            raise ValueError(f"unknown usage kind {record.kind!r}")
        columns = ", ".join(_USAGE_COLUMNS)
        marks = ", ".join("?" for _ in _USAGE_COLUMNS)
        with self._tx() as conn:
            cursor = conn.execute(
                f"INSERT INTO usage_log ({columns}) VALUES ({marks})",
                tuple(getattr(record, name) for name in _USAGE_COLUMNS),
            )
            conn.execute(
                "INSERT INTO usage_minutes (minute, model, kind, requests, failed, stopped, tokens, audio_seconds,"
                " billed_prompt_tokens, billed_completion_tokens, billed_audio_seconds, billed_cached_tokens,"
                " billed_characters) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (minute, model, kind) DO UPDATE SET"
                " requests = requests + 1, failed = failed + excluded.failed, stopped = stopped + excluded.stopped,"
                " tokens = tokens + excluded.tokens, audio_seconds = audio_seconds + excluded.audio_seconds,"
                " billed_prompt_tokens = billed_prompt_tokens + excluded.billed_prompt_tokens,"
                " billed_completion_tokens = billed_completion_tokens + excluded.billed_completion_tokens,"
                " billed_audio_seconds = billed_audio_seconds + excluded.billed_audio_seconds,"
                " billed_cached_tokens = billed_cached_tokens + excluded.billed_cached_tokens,"
                " billed_characters = billed_characters + excluded.billed_characters",
                (
                    int(record.at // 60),
                    record.model,
                    record.kind,
                    int(record.failed),
                    int(record.cancelled),
                    record.prompt_tokens + record.completion_tokens,
                    record.audio_seconds,
                    record.billed_prompt_tokens,
                    record.billed_completion_tokens,
                    record.billed_audio_seconds,
                    record.billed_cached_tokens,
                    record.billed_characters,
                ),
            )
            now = self._clock()
            if now - self._usage_pruned_at >= USAGE_PRUNE_EVERY:
                self._usage_pruned_at = now
                self._prune_usage(conn, now)
            return int(cursor.lastrowid or 0)

    @staticmethod
    def _prune_usage(conn: sqlite3.Connection, now: float) -> None:
        conn.execute("DELETE FROM usage_log WHERE at < ?", (now - RAW_USAGE_KEPT,))
        conn.execute("DELETE FROM usage_minutes WHERE minute < ?", (int((now - USAGE_TOTALS_KEPT) // 60),))

    @staticmethod
    def _model_filter(model: str | None) -> tuple[str, tuple[Any, ...]]:
        return ("AND model = ?", (model,)) if model is not None else ("", ())

    def usage_since(self, since: float, model: str | None = None) -> list[UsageRecord]:
        """Raw rows: only the last ``RAW_USAGE_KEPT`` seconds are kept."""
        model_sql, model_args = self._model_filter(model)
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT * FROM usage_log WHERE at >= ? {model_sql} ORDER BY at, id", (since, *model_args)
            ).fetchall()
        return [self._usage(row) for row in rows]

    def _buckets(self, width: float, offset: float, since: float, model: str | None) -> list[UsageBucket]:
        """From the per-minute totals; the minute holding ``since`` counts whole."""
        model_sql, model_args = self._model_filter(model)
        with self._read() as conn:
            rows = conn.execute(
                "SELECT CAST((minute * 60 + ?) / ? AS INTEGER) AS bucket, SUM(requests) AS requests,"
                " SUM(tokens) AS tokens, SUM(audio_seconds) AS audio, SUM(billed_characters) AS characters"
                f" FROM usage_minutes WHERE minute >= ? {model_sql} GROUP BY bucket ORDER BY bucket",
                (offset, width, int(since // 60), *model_args),
            ).fetchall()
        return [
            UsageBucket(
                start=row["bucket"] * width - offset,
                requests=int(row["requests"]),
                tokens=int(row["tokens"]),
                audio_seconds=float(row["audio"]),
                characters=int(row["characters"] or 0),
            )
            for row in rows
        ]

    def usage_per_minute(self, since: float, model: str | None = None) -> list[UsageBucket]:
        """(minute_start, requests, tokens, audio_seconds) per minute with any request, oldest first."""
        return self._buckets(60.0, 0.0, since, model)

    def usage_per_day(
        self, days: int = 30, model: str | None = None, *, utc_offset: float | None = None
    ) -> list[UsageBucket]:
        """Per calendar day over the last ``days`` days (today included), oldest first.

        Days are local days: ``utc_offset`` seconds east of UTC, the machine's current offset if None.
        """
        if utc_offset is None:
            utc_offset = float(time.localtime(self._clock()).tm_gmtoff)
        today = int((self._clock() + utc_offset) // 86400)
        since = (today - max(1, days) + 1) * 86400.0 - utc_offset
        return self._buckets(86400.0, utc_offset, since, model)

    def usage_totals(self, since: float) -> list[UsageTotals]:
        """Per model since the minute holding ``since``: counts and what was billed (for cost estimates)."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT model, SUM(requests), SUM(failed), SUM(stopped), SUM(billed_prompt_tokens),"
                " SUM(billed_completion_tokens), SUM(billed_audio_seconds), SUM(billed_cached_tokens), SUM(billed_characters)"
                " FROM usage_minutes WHERE minute >= ? GROUP BY model ORDER BY model",
                (int(since // 60),),
            ).fetchall()
        return [
            UsageTotals(row[0], *(int(v) for v in row[1:6]), float(row[6]), int(row[7] or 0), int(row[8] or 0))
            for row in rows
        ]

    def recent_errors(self, since: float, limit: int = 100) -> list[UsageRecord]:
        """Failed requests (non-2xx, transport failures, or with an error code), newest first.

        Requests the user stopped are not failures and are left out.
        """
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT * FROM usage_log WHERE at >= ? AND {_FAILED_SQL} ORDER BY at DESC, id DESC LIMIT ?",
                (since, limit),
            ).fetchall()
        return [self._usage(row) for row in rows]

    # --- bulk jobs ----------------------------------------------------------------------------

    def create_bulk_job(self, job: BulkJobRecord, inputs: list[tuple[str, Mapping[str, str]]]) -> BulkJobRecord:
        """Store a job and its input rows (``(custom_id, fields)``, in order) in one transaction."""
        now = self._clock()
        with self._tx() as conn:
            cursor = conn.execute(
                "INSERT INTO bulk_jobs (name, kind, mode, model, template, system_prompt, params_json, status,"
                " completion_window, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (job.name, job.kind, job.mode, job.model, job.template, job.system_prompt, _dumps(job.params),
                 job.status, job.completion_window, now, now),
            )
            job_id = int(cursor.lastrowid or 0)
            conn.executemany(
                "INSERT INTO bulk_rows (job_id, idx, custom_id, input_json, updated_at) VALUES (?, ?, ?, ?, ?)",
                ((job_id, i, custom_id, _dumps(fields), now) for i, (custom_id, fields) in enumerate(inputs)),
            )
            return self._require_bulk_job(conn, job_id)

    @staticmethod
    def _bulk_job(row: sqlite3.Row) -> BulkJobRecord:
        return BulkJobRecord(
            id=row["id"], name=row["name"], kind=row["kind"], mode=row["mode"], model=row["model"],
            template=row["template"], system_prompt=row["system_prompt"], params=_loads(row["params_json"]),
            status=row["status"], completion_window=row["completion_window"], created_at=row["created_at"],
            updated_at=row["updated_at"],
        )

    def _require_bulk_job(self, conn: sqlite3.Connection, job_id: int) -> BulkJobRecord:
        row = conn.execute("SELECT * FROM bulk_jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise KeyError(f"no bulk job {job_id}")
        return self._bulk_job(row)

    def get_bulk_job(self, job_id: int) -> BulkJobRecord | None:
        with self._read() as conn:
            row = conn.execute("SELECT * FROM bulk_jobs WHERE id = ?", (job_id,)).fetchone()
        return self._bulk_job(row) if row else None

    def list_bulk_jobs(self) -> list[BulkJobRecord]:
        with self._read() as conn:
            return [self._bulk_job(r) for r in conn.execute("SELECT * FROM bulk_jobs ORDER BY id DESC")]

    def update_bulk_job(self, job_id: int, **fields: Any) -> BulkJobRecord:
        allowed = {"name", "mode", "status", "completion_window", "params"}
        if not set(fields) <= allowed:
            raise ValueError(f"cannot update {sorted(set(fields) - allowed)}")
        columns = {("params_json" if k == "params" else k): (_dumps(v) if k == "params" else v) for k, v in fields.items()}
        with self._tx() as conn:
            assignments = ", ".join(f"{name} = ?" for name in columns)
            conn.execute(f"UPDATE bulk_jobs SET {assignments}, updated_at = ? WHERE id = ?",
                         (*columns.values(), self._clock(), job_id))
            return self._require_bulk_job(conn, job_id)

    def delete_bulk_job(self, job_id: int) -> None:
        with self._tx() as conn:
            conn.execute("DELETE FROM bulk_jobs WHERE id = ?", (job_id,))

    @staticmethod
    def _bulk_row(row: sqlite3.Row) -> BulkRowRecord:
        return BulkRowRecord(
            job_id=row["job_id"], idx=row["idx"], custom_id=row["custom_id"], fields=_loads(row["input_json"]),
            status=row["status"], output=row["output"], columns=_loads(row["columns_json"]), error=row["error"],
            prompt_tokens=row["prompt_tokens"], completion_tokens=row["completion_tokens"], cost=row["cost"],
            request_id=row["request_id"], batch_id=row["batch_id"],
        )

    @staticmethod
    def _bulk_filter(job_id: int, statuses: tuple[str, ...] | None, search: str | None) -> tuple[str, list[Any]]:
        where, params = "job_id = ?", [job_id]
        if statuses:
            where += f" AND status IN ({', '.join('?' * len(statuses))})"
            params.extend(statuses)
        if search:
            # Inputs and outputs are JSON and free text: a substring match is what users expect here.
            where += " AND (input_json LIKE ? ESCAPE '\\' OR output LIKE ? ESCAPE '\\' OR error LIKE ? ESCAPE '\\')"
            like = "%" + re.sub(r"([%_\\])", r"\\\1", search) + "%"
            params.extend([like, like, like])
        return where, params

    def bulk_rows(self, job_id: int, offset: int = 0, limit: int = -1, statuses: tuple[str, ...] | None = None,
                  search: str | None = None) -> list[BulkRowRecord]:
        where, params = self._bulk_filter(job_id, statuses, search)
        with self._read() as conn:
            rows = conn.execute(f"SELECT * FROM bulk_rows WHERE {where} ORDER BY idx LIMIT ? OFFSET ?",
                                (*params, limit, offset)).fetchall()
        return [self._bulk_row(r) for r in rows]

    def count_bulk_rows(self, job_id: int, statuses: tuple[str, ...] | None = None, search: str | None = None) -> int:
        where, params = self._bulk_filter(job_id, statuses, search)
        with self._read() as conn:
            return int(conn.execute(f"SELECT COUNT(*) FROM bulk_rows WHERE {where}", params).fetchone()[0])

    def bulk_progress(self, job_id: int) -> BulkProgress:
        with self._read() as conn:
            counts = dict(conn.execute("SELECT status, COUNT(*) FROM bulk_rows WHERE job_id = ? GROUP BY status",
                                       (job_id,)).fetchall())
            sums = conn.execute("SELECT COALESCE(SUM(prompt_tokens), 0), COALESCE(SUM(completion_tokens), 0),"
                                " COALESCE(SUM(cost), 0) FROM bulk_rows WHERE job_id = ?", (job_id,)).fetchone()
        return BulkProgress(counts, int(sums[0]), int(sums[1]), float(sums[2]))

    def save_bulk_results(self, job_id: int, results: list[BulkResult]) -> None:
        """Record outcomes by custom_id, in one transaction."""
        now = self._clock()
        with self._tx() as conn:
            conn.executemany(
                "UPDATE bulk_rows SET status = ?, output = ?, columns_json = ?, error = ?, prompt_tokens = ?,"
                " completion_tokens = ?, cost = ?, request_id = ?, updated_at = ? WHERE job_id = ? AND custom_id = ?",
                ((r.status, r.output, _dumps(r.columns), r.error, r.prompt_tokens, r.completion_tokens, r.cost,
                  r.request_id, now, job_id, r.custom_id) for r in results),
            )

    def set_bulk_rows_status(self, job_id: int, status: str, *, custom_ids: list[str] | None = None,
                             from_statuses: tuple[str, ...] | None = None, batch_id: str | None = None) -> int:
        """Move rows (by id, or all rows in ``from_statuses``) to ``status``; returns how many moved."""
        where, params = "job_id = ?", [job_id]
        if from_statuses:
            where += f" AND status IN ({', '.join('?' * len(from_statuses))})"
            params.extend(from_statuses)
        with self._tx() as conn:
            if custom_ids is None:
                cursor = conn.execute(f"UPDATE bulk_rows SET status = ?, batch_id = ?, updated_at = ? WHERE {where}",
                                      (status, batch_id, self._clock(), *params))
                return cursor.rowcount
            moved = 0
            for start in range(0, len(custom_ids), 500):
                chunk = custom_ids[start:start + 500]
                cursor = conn.execute(
                    f"UPDATE bulk_rows SET status = ?, batch_id = ?, updated_at = ? WHERE {where}"
                    f" AND custom_id IN ({', '.join('?' * len(chunk))})",
                    (status, batch_id, self._clock(), *params, *chunk))
                moved += cursor.rowcount
            return moved

    def save_bulk_batch(self, batch: BulkBatchRecord) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO bulk_batches (id, job_id, input_file_id, status, total, completed, failed, created_at,"
                " expires_at, output_file_id, error_file_id, merged, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT (id) DO UPDATE SET status = excluded.status, total = excluded.total,"
                " completed = excluded.completed, failed = excluded.failed, expires_at = excluded.expires_at,"
                " output_file_id = excluded.output_file_id, error_file_id = excluded.error_file_id,"
                " merged = excluded.merged, updated_at = excluded.updated_at",
                (batch.id, batch.job_id, batch.input_file_id, batch.status, batch.total, batch.completed,
                 batch.failed, batch.created_at, batch.expires_at, batch.output_file_id, batch.error_file_id,
                 int(batch.merged), self._clock()),
            )

    def bulk_batches(self, job_id: int | None = None) -> list[BulkBatchRecord]:
        sql, params = "SELECT * FROM bulk_batches", ()
        if job_id is not None:
            sql, params = sql + " WHERE job_id = ?", (job_id,)
        with self._read() as conn:
            rows = conn.execute(sql + " ORDER BY created_at, id", params).fetchall()
        return [BulkBatchRecord(r["id"], r["job_id"], r["input_file_id"], r["status"], r["total"], r["completed"],
                                r["failed"], r["created_at"], r["expires_at"], r["output_file_id"],
                                r["error_file_id"], bool(r["merged"])) for r in rows]
