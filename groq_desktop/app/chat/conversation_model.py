"""The sidebar's list of conversations: a list model over the stored conversations, pinned first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QDateTime, QLocale, QModelIndex, QPersistentModelIndex, Qt

from groq_desktop.core.store.storage import Conversation, Storage
from groq_desktop.i18n import translate
from groq_desktop.services.chat import shown_title

Index = QModelIndex | QPersistentModelIndex

ConversationIdRole = Qt.ItemDataRole.UserRole + 1
PinnedRole = Qt.ItemDataRole.UserRole + 2
ModelRole = Qt.ItemDataRole.UserRole + 3


class ConversationListModel(QAbstractListModel):
    def __init__(self, storage: Storage, parent: Any = None) -> None:
        super().__init__(parent)
        self._storage = storage
        self._rows: list[Conversation] = []
        self.reload()

    # --- reading ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        conversation = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            title = shown_title(conversation.title)
            return "📌 " + title if role == Qt.ItemDataRole.DisplayRole and conversation.pinned else title
        if role == Qt.ItemDataRole.ToolTipRole:
            when = QLocale().toString(QDateTime.fromSecsSinceEpoch(int(conversation.updated_at)),
                                      QLocale.FormatType.ShortFormat)
            details = (
                translate("ConversationListModel", "{model} · last active {when} · pinned")
                if conversation.pinned
                else translate("ConversationListModel", "{model} · last active {when}")
            )
            return "\n".join((shown_title(conversation.title), details.format(model=conversation.model, when=when),
                              translate("ConversationListModel", "F2 renames")))
        if role == ConversationIdRole:
            return conversation.id
        if role == PinnedRole:
            return conversation.pinned
        if role == ModelRole:
            return conversation.model
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        title = str(value).strip()
        if not title:
            return False
        conversation = self._rows[index.row()]
        self._storage.rename_conversation(conversation.id, title)
        conversation.title = title
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def conversation(self, row: int) -> Conversation | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, conversation_id: int) -> int:
        return next((i for i, c in enumerate(self._rows) if c.id == conversation_id), -1)

    def index_of(self, conversation_id: int) -> QModelIndex:
        row = self.row_of(conversation_id)
        return self.index(row, 0) if row >= 0 else QModelIndex()

    # --- changing -----------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the list; same order means changed rows only, else a reset (callers keep selection by id)."""
        fresh = self._storage.list_conversations()
        if [c.id for c in fresh] == [c.id for c in self._rows]:
            for row, (old, new) in enumerate(zip(self._rows, fresh, strict=True)):
                if old != new:
                    self._rows[row] = new
                    index = self.index(row, 0)
                    self.dataChanged.emit(index, index)
            return
        self.beginResetModel()
        self._rows = fresh
        self.endResetModel()

    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        self._storage.set_pinned(conversation_id, pinned)
        self.reload()

    def delete(self, conversation_id: int) -> None:
        """Soft delete (undoable with ``restore``)."""
        row = self.row_of(conversation_id)
        self._storage.delete_conversation(conversation_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def restore(self, conversation_id: int) -> None:
        self._storage.restore_conversation(conversation_id)
        self.reload()
