"""The list model behind the chat view: one row per stored ``Message``.

Streamed deltas are buffered and applied on a short timer, so a burst of tokens becomes one
``dataChanged`` (one repaint) per flush instead of one per token.
"""

from __future__ import annotations

import dataclasses
import gc
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from groq_desktop.core.store.storage import Message
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate

STREAM_FLUSH_MS = 40
FREEZE_AFTER_ROWS = 500
"""Loading a conversation at least this long moves the heap to the GC's permanent generation."""

ModelIndex = QModelIndex | QPersistentModelIndex

_ROLE_NAMES = {
    "user": QT_TRANSLATE_NOOP("MessageListModel", "You"),
    "assistant": QT_TRANSLATE_NOOP("MessageListModel", "Assistant"),
    "system": QT_TRANSLATE_NOOP("MessageListModel", "System"),
}


def _role_name(role: str) -> str:
    """Who wrote a message, as a screen reader says it."""
    return translate("MessageListModel", _ROLE_NAMES[role]) if role in _ROLE_NAMES else role


class MessageRole(IntEnum):
    MESSAGE = Qt.ItemDataRole.UserRole + 1
    """The ``Message`` itself."""
    ID = Qt.ItemDataRole.UserRole + 2
    CHAT_ROLE = Qt.ItemDataRole.UserRole + 3
    CONTENT = Qt.ItemDataRole.UserRole + 4
    REASONING = Qt.ItemDataRole.UserRole + 5
    STATUS = Qt.ItemDataRole.UserRole + 6
    FACTS = Qt.ItemDataRole.UserRole + 7
    ERROR = Qt.ItemDataRole.UserRole + 8
    MODEL = Qt.ItemDataRole.UserRole + 9
    WAITING = Qt.ItemDataRole.UserRole + 10
    """``Waiting`` or None."""
    REVISION = Qt.ItemDataRole.UserRole + 11
    """Bumped on every change of the row: what the delegate's caches are keyed on."""


@dataclass(frozen=True)
class Waiting:
    reason: str
    until: float | None
    """``time.monotonic()`` deadline, or None when unknown."""


@dataclass
class _PendingDelta:
    content: list[str] = dataclasses.field(default_factory=list)
    reasoning: list[str] = dataclasses.field(default_factory=list)


class MessageListModel(QAbstractListModel):
    flushed = Signal()
    """After each stream flush (the benchmark and tests hook here)."""

    def __init__(self, parent: QObject | None = None, *, flush_ms: int = STREAM_FLUSH_MS) -> None:
        super().__init__(parent)
        self._rows: list[Message] = []
        self._row_of: dict[int, int] = {}
        self._revision: dict[int, int] = {}
        self._waiting: dict[int, Waiting] = {}
        self._pending: dict[int, _PendingDelta] = {}
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(flush_ms)
        self._flush_timer.timeout.connect(self.flush)
        self._next_revision = 1

    # --- Qt model API ------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        message = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, MessageRole.CONTENT):
            return message.content
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if message.version_count > 1:
                return translate(
                    "MessageListModel", "{role}, version {version} of {count} (Alt+Left, Alt+Right): {text}"
                ).format(
                    role=_role_name(message.role),
                    version=message.version,
                    count=message.version_count,
                    text=message.content,
                )
            return translate("MessageListModel", "{role}: {text}").format(
                role=_role_name(message.role), text=message.content
            )
        match role:
            case MessageRole.MESSAGE:
                return message
            case MessageRole.ID:
                return message.id
            case MessageRole.CHAT_ROLE:
                return message.role
            case MessageRole.REASONING:
                return message.reasoning
            case MessageRole.STATUS:
                return message.status
            case MessageRole.FACTS:
                return message.facts
            case MessageRole.ERROR:
                return message.error
            case MessageRole.MODEL:
                return message.model
            case MessageRole.WAITING:
                return self._waiting.get(message.id)
            case MessageRole.REVISION:
                return self._revision.get(message.id, 0)
        return None

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update({role.value: role.name.lower().encode() for role in MessageRole})
        return names

    # --- reading -----------------------------------------------------------------------

    def message(self, row: int) -> Message:
        return self._rows[row]

    def messages(self) -> list[Message]:
        return list(self._rows)

    def row_of(self, message_id: int) -> int:
        """The row of a message, or -1."""
        return self._row_of.get(message_id, -1)

    def message_by_id(self, message_id: int) -> Message | None:
        row = self._row_of.get(message_id)
        return None if row is None else self._rows[row]

    def revision(self, message_id: int) -> int:
        return self._revision.get(message_id, 0)

    def waiting(self, message_id: int) -> Waiting | None:
        return self._waiting.get(message_id)

    def waiting_ids(self) -> list[int]:
        return list(self._waiting)

    def has_pending(self) -> bool:
        return bool(self._pending)

    # --- writing -----------------------------------------------------------------------

    def set_messages(self, messages: list[Message]) -> None:
        self.beginResetModel()
        self._pending.clear()
        self._flush_timer.stop()
        self._waiting.clear()
        self._rows = list(messages)
        self._reindex()
        self._revision = {m.id: self._bump() for m in self._rows}
        self.endResetModel()
        if len(self._rows) >= FREEZE_AFTER_ROWS:
            # Thousands of long-lived messages would otherwise be re-scanned by every full cyclic
            # GC pass (~35 ms with 5,000 messages, a visible stall); they are freed by refcount anyway.
            gc.freeze()

    def append(self, message: Message) -> None:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(message)
        self._row_of[message.id] = row
        self._revision[message.id] = self._bump()
        self.endInsertRows()

    def update(self, message: Message) -> None:
        """Replace one row with ``message`` (the truth: buffered deltas for it are dropped)."""
        row = self._row_of.get(message.id)
        if row is None:
            return
        self._pending.pop(message.id, None)
        self._rows[row] = message
        self._changed(row)

    def remove_after(self, position: int) -> None:
        """Drop every message whose position is greater than ``position``."""
        keep = [m for m in self._rows if m.position <= position]
        if len(keep) == len(self._rows):
            return
        # Messages are in position order, so the removed ones are a tail run.
        first = len(keep)
        self.beginRemoveRows(QModelIndex(), first, len(self._rows) - 1)
        for message in self._rows[first:]:
            self._pending.pop(message.id, None)
            self._waiting.pop(message.id, None)
            self._revision.pop(message.id, None)
        self._rows = keep
        self._reindex()
        self.endRemoveRows()

    def append_stream(self, message_id: int, content_delta: str, reasoning_delta: str = "") -> None:
        if message_id not in self._row_of or not (content_delta or reasoning_delta):
            return
        pending = self._pending.setdefault(message_id, _PendingDelta())
        if content_delta:
            pending.content.append(content_delta)
        if reasoning_delta:
            pending.reasoning.append(reasoning_delta)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def flush(self) -> None:
        """Apply the buffered deltas now: one ``dataChanged`` per message that grew."""
        self._flush_timer.stop()
        pending, self._pending = self._pending, {}
        for message_id, delta in pending.items():
            row = self._row_of.get(message_id)
            if row is None:
                continue
            message = self._rows[row]
            self._rows[row] = dataclasses.replace(
                message,
                content=message.content + "".join(delta.content),
                reasoning=message.reasoning + "".join(delta.reasoning),
            )
            self._changed(row)
        if pending:
            self.flushed.emit()

    def set_status(
        self, message_id: int, status: str, *, error: str | None = None, facts: dict[str, Any] | None = None
    ) -> None:
        if message_id in self._pending:
            self.flush()
        row = self._row_of.get(message_id)
        if row is None:
            return
        message = self._rows[row]
        changes: dict[str, Any] = {"status": status}
        if error is not None:
            changes["error"] = error
        if facts is not None:
            changes["facts"] = {**message.facts, **facts}
        if status != "waiting":
            self._waiting.pop(message_id, None)
        self._rows[row] = dataclasses.replace(message, **changes)
        self._changed(row)

    def set_waiting(self, message_id: int, reason: str | None, until: float | None) -> None:
        """Show (or with ``reason=None`` clear) the waiting-for-quota line under a message."""
        row = self._row_of.get(message_id)
        if row is None:
            return
        if reason is None:
            if self._waiting.pop(message_id, None) is None:
                return
        else:
            self._waiting[message_id] = Waiting(reason, until)
        self._changed(row)

    # --- plumbing ----------------------------------------------------------------------

    def _bump(self) -> int:
        self._next_revision += 1
        return self._next_revision

    def _changed(self, row: int) -> None:
        self._revision[self._rows[row].id] = self._bump()
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def _reindex(self) -> None:
        self._row_of = {m.id: row for row, m in enumerate(self._rows)}
