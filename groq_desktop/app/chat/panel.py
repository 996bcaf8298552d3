"""The chat area: conversations on the left, the message view, the composer and the model's settings."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import sqlite3
import time
from collections import Counter
from pathlib import Path

import qasync
import shiboken6
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from groq_desktop import i18n
from groq_desktop.app import icons, theme
from groq_desktop.app.bridge import CoreSignals
from groq_desktop.app.chat.attachments import ThumbnailCache
from groq_desktop.app.chat.compare import CompareDialog
from groq_desktop.app.chat.composer import Composer
from groq_desktop.app.chat.conversation_model import ConversationListModel
from groq_desktop.app.chat.elided_label import ElidedLabel
from groq_desktop.app.chat.empty_state import ChatEmptyState, put_in_composer
from groq_desktop.app.chat.markdown_render import snippet_plain
from groq_desktop.app.chat.message_model import MessageListModel
from groq_desktop.app.chat.message_view import MessageView
from groq_desktop.app.chat.notice_bar import notice_bar
from groq_desktop.app.chat.parameters import PARAM_KEYS, ModelPicker, ParametersWidget
from groq_desktop.app.chat.parameters_sheet import ParametersSheet
from groq_desktop.app.chat.too_large import TooLargeBar, request_too_large
from groq_desktop.app.composition import Services
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.app.voice import chat_voice
from groq_desktop.core.attachments import Attachment, ImageLimits
from groq_desktop.core.catalogue import ModelKind
from groq_desktop.core.model_registry import ModelCategory
from groq_desktop.core.quota.scheduler import JobState
from groq_desktop.core.store.storage import MATCH_END, MATCH_START, Conversation, Message, SearchHit
from groq_desktop.errors import GroqDesktopError
from groq_desktop.i18n import translate
from groq_desktop.services import chat_export
from groq_desktop.services.chat import (
    NEW_CONVERSATION_TITLE,
    AttachmentRefusedError,
    ChatEvent,
    ChatService,
    shown_title,
)

log = logging.getLogger(__name__)

UNDO_SECONDS = 10
SEARCH_DEBOUNCE_MS = 200
SEARCH_HITS = 200
"""Matching messages read per search; they are shown one entry per conversation."""
OPEN_TAIL = 200
"""Opening a conversation shows its last messages at once; the rest are read off the UI thread."""
_FLAGS = frozenset({"flex_fallback", "fit_recent_turns"})  # off is the same as unset
_STORE_ERRORS = (GroqDesktopError, sqlite3.Error, OSError, KeyError, ValueError)


def choose_export_path(parent: QWidget, suggested: str, name_filter: str) -> Path | None:
    """Ask where to save an export; tests replace this."""
    path, _ = QFileDialog.getSaveFileName(
        parent, translate("ChatPanel", "Export conversation"), suggested, name_filter
    )
    return Path(path) if path else None


def matched_term(hit: SearchHit) -> str:
    """The first word the search matched in a hit (what to highlight when it is opened)."""
    start = hit.snippet.find(MATCH_START)
    end = hit.snippet.find(MATCH_END, start + 1)
    return hit.snippet[start + 1 : end] if 0 <= start < end else ""


def _safe_file_name(title: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in " -_" else "_" for c in title).strip()
    return cleaned[:60] or translate("ChatPanel", "conversation")


class ChatPanel(QWidget):
    conversation_opened = Signal(int)
    """A conversation became the current one (its id)."""
    actions_changed = Signal()
    """What ``can_regenerate``/``can_export`` answer may have changed (the window's Chat menu follows)."""

    def __init__(
        self, services: Services, signals: CoreSignals, settings: AppSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.chat: ChatService = services.chat
        self.storage = services.storage
        self.conversation_id: int | None = None
        self._pending_model: str | None = None
        self._replacement: str | None = None  # the retired model's successor offered by the retired bar
        self._editing_message_id: int | None = None
        self._deleted: list[int] = []
        self._count_generation = 0
        self._search_generation = 0
        self._open_generation = 0
        self._scroll_after_load: int | None = None
        self._highlight_after_load = ""
        self._saved_draft = ""
        self._queue_refresh_pending = False
        self._notes: dict[int | None, str] = {}
        """The status line of each conversation ("Saved kyoto.md" belongs to the one exported)."""
        self.models_ready = False
        """True once the start-up refresh of the model list has ended (well or not)."""
        self._shut_down = False
        self._sending = False

        self.conversations = ConversationListModel(self.storage, self)
        self.messages = MessageListModel(self)
        self._build()
        self._connect(signals)
        self._populate_models()
        self.composer.set_enter_sends(bool(settings.get(Key.ENTER_SENDS)))
        self.voice_controls = chat_voice.attach(self, settings)
        rows = self.conversations.rowCount()
        if rows:
            self.open_conversation(self.conversations.conversation(0).id)  # type: ignore[union-attr]
        else:
            self._show_conversation(None)
        QTimer.singleShot(0, self._refresh_models)

    # --- layout -------------------------------------------------------------------

    def _build(self) -> None:
        space = theme.tokens()
        self.new_button = QPushButton(translate("ChatPanel", "New chat"))
        self.new_button.setObjectName("newConversation")
        self.new_button.setIcon(icons.icon("add"))
        self.new_button.setToolTip(translate("ChatPanel", "Start a new conversation (Ctrl+N)"))
        self.search_box = QLineEdit()
        self.search_box.setObjectName("conversationSearch")
        self.search_box.setPlaceholderText(translate("ChatPanel", "Search all conversations"))
        self.search_box.setAccessibleName(translate("ChatPanel", "Search all conversations"))
        self.search_box.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_box.setClearButtonEnabled(True)
        self.search_results = QListWidget()
        self.search_results.setObjectName("searchResults")
        self.search_results.setWordWrap(True)
        self.search_results.setAccessibleName(translate("ChatPanel", "Search results"))
        self.search_results.hide()
        self.conversation_list = QListView()
        self.conversation_list.setObjectName("conversationList")
        self.conversation_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.conversation_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.conversation_list.setModel(self.conversations)
        self.conversation_list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.conversation_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.conversation_list.setToolTip(
            translate("ChatPanel", "Double-click or F2 renames · Delete removes (Ctrl+Z undoes)")
        )
        self.conversation_list.setAccessibleName(translate("ChatPanel", "Conversations"))

        self.undo_bar, self.undo_label, self.undo_button = notice_bar(
            "undoBar",
            translate("ChatPanel", "Undo"),
            tooltip=translate("ChatPanel", "Bring the conversation back (Ctrl+Z)"),
            margins=(space.space_m, space.space_xs, space.space_m, space.space_xs),
        )
        self.undo_button.setIcon(icons.icon("discard"))
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_SECONDS * 1000)
        self._undo_timer.timeout.connect(self.undo_bar.hide)

        sidebar = QWidget()
        sidebar.setObjectName("chatSidebar")
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(space.space_m, space.space_m, space.space_m, space.space_m)
        side.setSpacing(space.space_m)
        side.addWidget(self.new_button)
        side.addWidget(self.search_box)
        side.addWidget(self.search_results, 1)
        side.addWidget(self.conversation_list, 2)
        side.addWidget(self.undo_bar)

        self.title_label = ElidedLabel()
        self.title_label.setObjectName("conversationTitle")
        self.title_label.setProperty("role", "title")
        self.title_label.setProperty("showsData", True)  # the conversation's title (ours only when there is none)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * space.title_scale)
        self.title_label.setFont(font)
        self.model_picker = ModelPicker()
        self.export_button = QToolButton()
        self.export_button.setText(translate("ChatPanel", "Export"))
        self.export_button.setIcon(icons.icon("export"))
        self.export_button.setAccessibleName(translate("ChatPanel", "Export"))
        # Icon only: with text the header would not fit a 900 px window beside the sidebar.
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.export_button.setToolTip(
            translate("ChatPanel", "Save this conversation as Markdown or JSON (Chat menu)")
        )
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        export_menu = QMenu(self.export_button)
        self.export_markdown_action = export_menu.addAction(
            icons.icon("markdown"), translate("ChatPanel", "Markdown…")
        )
        self.export_json_action = export_menu.addAction(icons.icon("json"), translate("ChatPanel", "JSON…"))
        self.export_button.setMenu(export_menu)
        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        model_label = QLabel(translate("ChatPanel", "&Model"))
        model_label.setBuddy(self.model_picker)
        header.addWidget(model_label)
        header.addWidget(self.model_picker)
        self.parameters_button = QToolButton()
        self.parameters_button.setObjectName("parametersButton")
        self.parameters_button.setText(translate("ChatPanel", "Parameters"))
        self.parameters_button.setIcon(icons.icon("settings"))
        self.parameters_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.parameters_button.setCheckable(True)
        self.parameters_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.parameters_button.setToolTip(
            translate("ChatPanel", "System prompt, temperature, max tokens… of this conversation")
        )
        header.addWidget(self.parameters_button)
        header.addWidget(self.export_button)
        self.compare_button = QToolButton()
        self.compare_button.setText(translate("ChatPanel", "Compare…"))
        self.compare_button.setIcon(icons.icon("split-horizontal"))
        self.compare_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.compare_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.compare_button.setToolTip(
            translate("ChatPanel", "Send one prompt to 2-4 models at once and keep the best reply")
        )
        self.compare_button.clicked.connect(self.open_compare)
        header.addWidget(self.compare_button)

        self.retired_bar, self.retired_label, self.switch_model_button = notice_bar(
            "retiredModelBar", translate("ChatPanel", "Switch model"))
        self.retired_label.setProperty("role", "error")
        self.length_bar, self.length_label, self.continue_button = notice_bar(
            "lengthBar", translate("ChatPanel", "Continue"),
            tooltip=translate("ChatPanel", "Ask the model to go on; its text is added to the same reply"),
            margins=(space.space_m, 0, space.space_m, 0),
        )
        self.continue_button.setIcon(icons.icon("debug-continue"))
        self.context_note, self.context_note_label, self.include_all_button = notice_bar(
            "contextNote",
            translate("ChatPanel", "Include all turns"),
            tooltip=translate("ChatPanel", "Send the whole conversation again"),
            margins=(space.space_m, 0, space.space_m, 0),
        )

        self.parameters = ParametersWidget()
        # A side sheet beside the messages, not a section above them: the chat keeps its height.
        self.parameters_sheet = ParametersSheet(
            self.parameters, lambda: str(self.settings.get(Key.DEFAULT_SYSTEM_PROMPT) or "").strip()
        )

        self.find_bar = QFrame()
        self.find_bar.setObjectName("findBar")
        find_row = QHBoxLayout(self.find_bar)
        find_row.setContentsMargins(space.space_m, space.space_xs, space.space_m, space.space_xs)
        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText(
            translate("ChatPanel", "Find in conversation (Enter: next, Shift+Enter: previous)")
        )
        self.find_box.setAccessibleName(translate("ChatPanel", "Find in conversation"))
        self.find_box.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.find_status = QLabel()
        self.find_status.setProperty("role", "caption")
        # Icon-only, as find bars go: the row must fit a 900 px window beside the sidebar.
        self.find_prev_button = QToolButton()
        self.find_prev_button.setIcon(icons.icon("arrow-up"))
        self.find_prev_button.setToolTip(translate("ChatPanel", "Previous match (Shift+Enter)"))
        self.find_prev_button.setAccessibleName(translate("ChatPanel", "Previous match"))
        self.find_next_button = QToolButton()
        self.find_next_button.setIcon(icons.icon("arrow-down"))
        self.find_next_button.setToolTip(translate("ChatPanel", "Next match (Enter)"))
        self.find_next_button.setAccessibleName(translate("ChatPanel", "Next match"))
        self.find_close_button = QToolButton()
        self.find_close_button.setIcon(icons.icon("close"))
        self.find_close_button.setToolTip(translate("ChatPanel", "Close the find bar (Esc)"))
        self.find_close_button.setAccessibleName(translate("ChatPanel", "Close the find bar"))
        for button in (self.find_prev_button, self.find_next_button, self.find_close_button):
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for widget in (self.find_box, self.find_status, self.find_prev_button, self.find_next_button):
            find_row.addWidget(widget, 1 if widget is self.find_box else 0)
        find_row.addWidget(self.find_close_button)
        self.find_bar.hide()

        self.view = MessageView()
        self.view.setObjectName("messageView")
        self.view.setModel(self.messages)
        self.view.delegate.can_regenerate = lambda m: self.view.is_last_assistant(m.id) and self.can_regenerate()
        self.empty_state = ChatEmptyState(self.view, self.messages)

        self.edit_bar, self.edit_label, self.cancel_edit_button = notice_bar(
            "editBar", translate("ChatPanel", "Cancel edit"),
            margins=(space.space_m, space.space_xs, space.space_m, space.space_xs),
        )
        self.cancel_edit_button.setIcon(icons.icon("close"))

        self.too_large_bar = TooLargeBar()
        self.composer = Composer()
        self.empty_state.prompt_chosen.connect(lambda text: put_in_composer(self.composer.edit, text))
        self.status_label = QLabel()
        self.status_label.setObjectName("chatStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setProperty("role", "caption")

        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(space.space_m, space.space_m, space.space_m, space.space_m)
        column.setSpacing(space.space_m)
        column.addLayout(header)
        column.addWidget(self.retired_bar)
        column.addWidget(self.context_note)
        column.addWidget(self.find_bar)
        view_row = QHBoxLayout()
        view_row.setContentsMargins(0, 0, 0, 0)
        view_row.addWidget(self.view, 1)
        view_row.addWidget(self.parameters_sheet)
        column.addLayout(view_row, 1)
        column.addWidget(self.length_bar)
        column.addWidget(self.edit_bar)
        column.addWidget(self.too_large_bar)
        column.addWidget(self.composer)
        column.addWidget(self.status_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(sidebar)
        self.splitter.addWidget(centre)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        # Tab follows the header from left to right (Export was made before Parameters).
        for first, second in (
            (self.model_picker, self.parameters_button),
            (self.parameters_button, self.export_button),
            (self.export_button, self.compare_button),
        ):
            QWidget.setTabOrder(first, second)

    def _connect(self, signals: CoreSignals) -> None:
        self.new_button.clicked.connect(self.new_conversation)
        self.conversation_list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.conversation_list.customContextMenuRequested.connect(self._conversation_menu)
        self.conversations.dataChanged.connect(self._on_conversation_data_changed)
        self.undo_button.clicked.connect(self.undo_delete)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._on_search_timer)
        self.search_box.textChanged.connect(self._search_timer.start)
        self.search_results.itemActivated.connect(self._open_search_hit)
        self.search_results.itemClicked.connect(self._open_search_hit)

        self.model_picker.model_chosen.connect(self._on_model_chosen)
        self.switch_model_button.clicked.connect(self._switch_from_retired)
        self.continue_button.clicked.connect(self._on_continue)
        self.include_all_button.clicked.connect(self._include_all_turns)
        self.parameters.changed.connect(self._save_parameters)
        self.parameters_button.toggled.connect(self._show_parameters)
        self.parameters_sheet.closed.connect(self._parameters_closed)
        self.export_markdown_action.triggered.connect(lambda: self.export("markdown"))
        self.export_json_action.triggered.connect(lambda: self.export("json"))

        self.find_box.textChanged.connect(self._on_find_typed)
        self.find_box.returnPressed.connect(lambda: self.find_next(False))
        self.find_next_button.clicked.connect(lambda: self.find_next(False))
        self.find_prev_button.clicked.connect(lambda: self.find_next(True))
        self.find_close_button.clicked.connect(self.close_find)

        self.composer.send_requested.connect(self._on_send)
        self.composer.stop_requested.connect(self.stop)
        self.composer.regenerate_requested.connect(self.request_regenerate)
        self.composer.drop_turns_requested.connect(self._on_drop_turns)
        self.too_large_bar.drop_requested.connect(self._drop_until_it_fits)
        self.too_large_bar.lower_requested.connect(self.lower_max_tokens)
        self.composer.draft_changed.connect(self._recount)
        self.composer.attachments.blobs = self.chat.blobs
        self.view.delegate.thumbnails = ThumbnailCache(self.chat.blobs, self)
        self.view.delegate.thumbnails.ready.connect(lambda _digest: self.view.viewport().update())
        self.composer.attachments.limits = lambda: self.chat.image_limits(self._current_model()) or ImageLimits()
        self.composer.attachments.switch_model_requested.connect(self.switch_model)
        self.composer.draft_changed.connect(lambda _text: self._save_draft())
        self.cancel_edit_button.clicked.connect(self.cancel_edit)

        self.view.copy_requested.connect(lambda _id, fmt: self._notify(
            translate("ChatPanel", "Copied as Markdown") if fmt == "markdown"
            else translate("ChatPanel", "Copied as plain text")))
        self.view.retry_requested.connect(self._on_retry)
        self.view.cancel_requested.connect(lambda message_id: self.chat.stop(message_id))
        self.view.edit_requested.connect(self.begin_edit)
        self.view.regenerate_requested.connect(lambda _id: self.request_regenerate())
        self.view.version_requested.connect(self.select_version)
        self.view.request_id_copied.connect(
            lambda rid: self._notify(
                translate("ChatPanel", "Request id {request_id} copied").format(request_id=rid)
            )
        )

        signals.models_changed.connect(self._populate_models)
        signals.job_changed.connect(self._on_job_changed)

        # New (Ctrl+N), Regenerate (Ctrl+R) and Copy last reply (Ctrl+Shift+C) are window-wide
        # actions in the main window's Chat menu, so they work wherever the focus is.
        for keys, slot, tip in (
            (QKeySequence.StandardKey.Find, self.open_find, "find"),
            (QKeySequence.StandardKey.Undo, self.undo_delete, "undo"),
            ("Esc", self.escape, "escape"),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            shortcut.setObjectName(f"shortcut_{tip}")
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.conversation_list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_current)
        find_back = QShortcut(QKeySequence("Shift+Return"), self.find_box)
        find_back.setContext(Qt.ShortcutContext.WidgetShortcut)
        find_back.activated.connect(lambda: self.find_next(True))

    def _alive(self) -> bool:
        """False once Qt deleted the panel: awaited work may come back after that."""
        return not self._shut_down and shiboken6.isValid(self) and shiboken6.isValid(self.composer)

    def shutdown(self) -> None:
        """Before the services close: stop replies and timers; late callbacks then do nothing."""
        self._save_draft()
        self._shut_down = True
        for message_id in self.chat.active_message_ids():
            self.chat.stop(message_id)
        self.composer.stop_timers()
        self._search_timer.stop()
        self._undo_timer.stop()

    # --- models ---------------------------------------------------------------------

    @qasync.asyncSlot()
    async def _refresh_models(self) -> None:
        try:
            await asyncio.to_thread(self.services.registry.refresh)
        except GroqDesktopError as exc:
            log.info("model list refresh failed: %s", exc.message)
        except Exception:
            log.exception("model list refresh failed")
        self.models_ready = True
        if self._alive():
            notes = self.settings.replace_gone_models(self.services.registry)
            if notes:
                self._notify(" ".join(notes))
            self._populate_models()

    def _populate_models(self) -> None:
        if not self._alive():
            return  # a model-list change queued before the window closed
        current = self._current_model()
        self.model_picker.set_models(self.services.registry.chat_models(), current)
        self._update_model_state()
        self._recount(self.composer.text())  # the context window is known only now

    def _default_model(self) -> str:
        """The user's default chat model while Groq offers it, else one chosen by what it is (never a fixed id)."""
        registry = self.services.registry
        preferred = str(self.settings.get(Key.DEFAULT_CHAT_MODEL) or "")
        if preferred and not registry.is_gone(preferred):
            return preferred
        chosen = registry.preferred(ModelCategory.CHAT)
        if chosen is None:  # no list yet (first start offline): the catalogue's choice
            catalogue = registry.catalogue
            chosen = catalogue.preferred(ModelKind.CHAT, [f.id for f in catalogue.of_kind(ModelKind.CHAT)])
        return chosen or preferred

    def _current_model(self) -> str:
        conversation = self._conversation()
        if conversation is not None:
            return conversation.model
        return self._pending_model or self._default_model()

    def _on_model_chosen(self, model_id: str) -> None:
        if self.conversation_id is None:
            self._pending_model = model_id
        else:
            self.chat.update_settings(self.conversation_id, model=model_id)
            self.conversations.reload()
        self._update_model_state()
        self.composer.draft_changed.emit(self.composer.text())

    def _update_model_state(self) -> None:
        model = self._current_model()
        self.parameters.set_plan(self.services.limiter.plan)
        self.parameters.set_model(self.services.registry.get(model) or model)
        gone = self.conversation_id is not None and self.chat.model_is_gone(model)
        if gone:
            retirement = self.services.registry.retirement(model)
            self._replacement = retirement.replacement or self._default_model()
            if retirement.date:
                text = translate(
                    "ChatPanel",
                    "⚠ Groq retired {model} on {date}, so this conversation can't continue with it.",
                )
            else:
                text = translate(
                    "ChatPanel", "⚠ Groq retired {model}, so this conversation can't continue with it."
                )
            self.retired_label.setText(text.format(model=model, date=retirement.date))
            self.switch_model_button.setText(
                translate("ChatPanel", "Continue with {model}").format(model=self._replacement))
        self.retired_bar.setVisible(gone)
        self._update_length_state()

    @qasync.asyncSlot()
    async def _switch_from_retired(self) -> None:
        """One click: the conversation moves to the replacement and the reply that failed is written again."""
        replacement = getattr(self, "_replacement", None) or self._default_model()
        self.model_picker.select(replacement)
        self._on_model_chosen(replacement)
        if self.conversation_id is None:
            return
        last = self.storage.list_last_messages(self.conversation_id, 1)
        if last and (last[-1].role == "user" or last[-1].status == "error"):
            await self.regenerate()

    def _cut_reply(self) -> Message | None:
        """The conversation's last reply when it was cut off at the length limit."""
        if self.conversation_id is None or self.chat.is_busy(self.conversation_id):
            return None
        last = self.storage.list_last_messages(self.conversation_id, 1)
        if last and last[-1].role == "assistant" and (last[-1].facts or {}).get("finish_reason") == "length":
            return last[-1]
        return None

    def _update_length_state(self) -> None:
        cut = self._cut_reply()
        if cut is not None:
            tokens = (cut.facts or {}).get("completion_tokens")
            if tokens:
                text = translate(
                    "ChatPanel", "The reply was cut off at the length limit after {tokens} tokens."
                ).format(tokens=i18n.number(int(tokens)))
            else:
                text = translate("ChatPanel", "The reply was cut off at the length limit.")
            self.length_label.setText(text)
        self.length_bar.setVisible(cut is not None)

    @qasync.asyncSlot()
    async def _on_continue(self) -> None:
        await self.continue_reply()

    async def continue_reply(self) -> int | None:
        """Continue the cut reply: the model goes on and its text is added to the same bubble."""
        cut = self._cut_reply()
        if cut is None or self.conversation_id is None:
            return None
        try:
            reply_id = await self.chat.continue_reply(cut.id, self._handler(self.conversation_id))
        except _STORE_ERRORS as exc:
            self._notify(str(exc))
            return None
        self.length_bar.hide()
        self._update_busy()
        return reply_id

    # --- conversations ----------------------------------------------------------------

    def open_compare(self) -> CompareDialog:
        """The Compare view for the composer's text, in this conversation (its history goes along)."""
        models = [m.id for m in self.services.registry.chat_models()]
        current = self.model_picker.current_model()
        preselected = [current, *[m for m in models if m != current]][:3]
        dialog = CompareDialog(self.chat, models, conversation_id=self.conversation_id,
                               prompt=self.composer.text(), preselected=preselected, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.kept.connect(lambda conversation_id, _reply: self._after_compare(conversation_id))
        dialog.show()
        return dialog

    def _after_compare(self, conversation_id: int) -> None:
        self.composer.set_text("")
        self._show_conversation(conversation_id)  # read again from storage: the kept turn is there now

    def _conversation(self) -> Conversation | None:
        return self.storage.get_conversation(self.conversation_id) if self.conversation_id is not None else None

    def new_conversation(self) -> int:
        model = self._pending_model or self._current_model() or self._default_model()
        return self._create_and_open(model)

    def new_conversation_with_model(self, model_id: str) -> int:
        """The model browser's "Chat with this model"."""
        return self._create_and_open(model_id)

    def _create_and_open(self, model_id: str) -> int:
        reused = self._untouched_conversation()
        if reused is not None:
            # An untouched "New conversation" is taken again rather than piling up empty entries.
            if reused.model != model_id:
                self.chat.update_settings(reused.id, model=model_id)
            conversation_id = reused.id
        else:
            conversation_id = self.chat.create_conversation(model_id).id
            default_prompt = str(self.settings.get(Key.DEFAULT_SYSTEM_PROMPT) or "").strip()
            if default_prompt:  # the Settings' default system prompt starts every new conversation
                self.chat.update_settings(conversation_id, system_prompt=default_prompt)
        self._pending_model = None
        self.conversations.reload()
        self.open_conversation(conversation_id)
        if reused is not None:
            self.model_picker.select(model_id)
            self._update_model_state()
        self.composer.edit.setFocus()
        return conversation_id

    def _untouched_conversation(self) -> Conversation | None:
        """An empty conversation never written in (the current one first), or None."""
        candidates = [self._conversation()] + [
            self.conversations.conversation(row) for row in range(self.conversations.rowCount())
        ]
        for conversation in candidates:
            if (
                conversation is not None
                and conversation.title == NEW_CONVERSATION_TITLE
                and not self.storage.count_messages(conversation.id)
                and not self.storage.get_draft(conversation.id)
                and not (conversation.id == self.conversation_id and self.composer.text().strip())
            ):
                return conversation
        return None

    def open_conversation(self, conversation_id: int) -> None:
        index = self.conversations.index_of(conversation_id)
        if index.isValid():
            self.conversation_list.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        if self.conversation_id != conversation_id:
            self._show_conversation(conversation_id)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        conversation = self.conversations.conversation(current.row()) if current.isValid() else None
        if conversation is not None and conversation.id != self.conversation_id:
            self._show_conversation(conversation.id)

    def _show_conversation(self, conversation_id: int | None) -> None:
        self._save_draft()
        carried = self.composer.text() if self.conversation_id is None and self._editing_message_id is None else ""
        self.cancel_edit()
        self.conversation_id = conversation_id
        self._scroll_after_load = None
        self._open_generation += 1
        self.find_bar.hide()  # its highlights were about the conversation left
        self.too_large_bar.clear()
        self.view.clear_find()
        self.find_status.clear()
        conversation = self._conversation()
        if conversation is None:
            self.conversation_id = None
            self.messages.set_messages([])
            self.title_label.setText(translate("ChatPanel", "No conversation yet: type below to start one"))
            self.parameters.set_values("", {})
        else:
            self._load_messages(conversation.id)
            self._load_draft(conversation.id, carried)
            self.title_label.setText(shown_title(conversation.title))
            self.model_picker.select(conversation.model)
            self.parameters.set_values(conversation.system_prompt, conversation.params)
            self.view.scroll_to_bottom()
            self.conversation_opened.emit(conversation.id)
        self.parameters_sheet.update_reset_buttons()
        self.status_label.setText(self._notes.get(self.conversation_id, ""))
        self.refresh_queue_states()
        self._update_model_state()
        self._update_context_note()
        self._update_busy()
        self.composer.draft_changed.emit(self.composer.text())

    def _load_messages(self, conversation_id: int) -> None:
        """Show the last messages now; a long conversation's earlier ones follow from a worker thread."""
        tail = self._with_unsaved(self.storage.list_last_messages(conversation_id, OPEN_TAIL + 1))
        if len(tail) <= OPEN_TAIL:
            self.messages.set_messages(tail)
            return
        self.messages.set_messages(tail[1:])
        self._load_all_messages(conversation_id, self._open_generation)

    def _with_unsaved(self, messages: list[Message]) -> list[Message]:
        """Replies the database could not take yet are shown as they are in memory."""
        unsaved = self.chat.unsaved_rows()
        return [unsaved.get(m.id, m) for m in messages] if unsaved else messages

    @qasync.asyncSlot(int, int)
    async def _load_all_messages(self, conversation_id: int, generation: int) -> None:
        try:
            stored = await asyncio.to_thread(self.storage.list_messages, conversation_id)
        except sqlite3.Error as exc:
            log.warning("loading conversation %s failed: %s", conversation_id, exc)
            return
        if not self._alive() or generation != self._open_generation:
            return  # another conversation was opened meanwhile
        # Rows already shown may be newer than what was read (a reply streaming): keep those.
        shown = {m.id: m for m in self.messages.messages()}
        merged = [shown.pop(m.id, m) for m in self._with_unsaved(stored)]
        merged += sorted(shown.values(), key=lambda m: m.position)
        at_bottom = self.view.is_at_bottom()
        self.messages.set_messages(merged)
        if self._scroll_after_load is not None:
            self._show_message(self._scroll_after_load)
            self._scroll_after_load = None
        elif at_bottom:
            self.view.scroll_to_bottom()

    def all_messages_loaded(self) -> bool:
        if self.conversation_id is None:
            return True
        return self.messages.rowCount() >= self.storage.count_messages(self.conversation_id)

    # --- drafts -------------------------------------------------------------------------

    def _load_draft(self, conversation_id: int, carried: str) -> None:
        try:
            draft = self.storage.get_draft(conversation_id)
        except sqlite3.Error:
            draft = ""
        self._saved_draft = draft
        text = draft or carried
        if text != self.composer.text():
            self.composer.set_text(text)

    def _save_draft(self) -> None:
        """Keep the composer's text with its conversation (not while editing an earlier message)."""
        if self.conversation_id is None or self._editing_message_id is not None or self._shut_down:
            return
        text = self.composer.text()
        if text == self._saved_draft:
            return
        try:
            self.storage.set_draft(self.conversation_id, text)
        except (sqlite3.Error, KeyError) as exc:
            log.warning("saving the draft failed: %s", exc)
            return
        self._saved_draft = text

    def _on_conversation_data_changed(self, *_args: object) -> None:
        conversation = self._conversation()
        if conversation is not None:
            self.title_label.setText(shown_title(conversation.title))

    def _conversation_menu(self, point: object) -> None:
        index = self.conversation_list.indexAt(point)  # type: ignore[arg-type]
        conversation = self.conversations.conversation(index.row()) if index.isValid() else None
        if conversation is None:
            return
        menu = QMenu(self)
        rename = menu.addAction(icons.icon("edit"), translate("ChatPanel", "Rename (F2)"))
        pin = menu.addAction(
            icons.icon("pinned" if conversation.pinned else "pin"),
            translate("ChatPanel", "Unpin") if conversation.pinned else translate("ChatPanel", "Pin to top"),
        )
        delete = menu.addAction(icons.icon("trash"), translate("ChatPanel", "Delete (Del)"))
        chosen = menu.exec(self.conversation_list.viewport().mapToGlobal(point))  # type: ignore[arg-type]
        if chosen is rename:
            self.conversation_list.edit(index)
        elif chosen is pin:
            self.set_pinned(conversation.id, not conversation.pinned)
        elif chosen is delete:
            self.delete_conversation(conversation.id)

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        index = self.conversations.index_of(conversation_id)
        if index.isValid():
            self.conversations.setData(index, title)

    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        self.conversations.set_pinned(conversation_id, pinned)
        self._reselect()

    def delete_current(self) -> None:
        if self.conversation_id is not None:
            self.delete_conversation(self.conversation_id)

    def delete_conversation(self, conversation_id: int) -> None:
        """Soft delete, with an Undo button for a few seconds (and Ctrl+Z)."""
        conversation = self.storage.get_conversation(conversation_id)
        if conversation is None:
            return
        self.chat.stop_conversation(conversation_id)
        row = self.conversations.row_of(conversation_id)
        self.conversations.delete(conversation_id)
        self._deleted.append(conversation_id)
        self.undo_label.setText(translate("ChatPanel", "Deleted “{title}”").format(title=conversation.title))
        self.undo_bar.show()
        self._undo_timer.start()
        if conversation_id == self.conversation_id:
            following = self.conversations.conversation(min(row, self.conversations.rowCount() - 1))
            if following is not None:
                self.open_conversation(following.id)
            else:
                self._show_conversation(None)

    def undo_delete(self) -> None:
        if not self._deleted:
            return
        conversation_id = self._deleted.pop()
        self.conversations.restore(conversation_id)
        self.undo_bar.setVisible(bool(self._deleted) and self._undo_timer.isActive())
        self.open_conversation(conversation_id)
        self._notify(translate("ChatPanel", "Conversation restored"))

    def _reselect(self) -> None:
        if self.conversation_id is None:
            return
        index = self.conversations.index_of(self.conversation_id)
        if index.isValid():
            self.conversation_list.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )

    def _reload_conversations(self) -> None:
        self.conversations.reload()
        self._reselect()
        self._on_conversation_data_changed()

    # --- search -----------------------------------------------------------------------

    @qasync.asyncSlot()
    async def _on_search_timer(self) -> None:
        await self.run_search()

    async def run_search(self) -> list[SearchHit] | None:
        """Search every conversation off the UI thread; None when a newer search made this one stale."""
        self._search_generation += 1
        generation = self._search_generation
        query = self.search_box.text().strip()
        if not query:
            self.search_results.clear()
            self.search_results.hide()
            return []
        try:
            hits = await asyncio.to_thread(self.storage.search_messages, query, SEARCH_HITS)
        except sqlite3.Error as exc:
            log.warning("search failed: %s", exc)
            hits = []
        if not self._alive() or generation != self._search_generation:
            return None
        self.search_results.clear()
        # One entry per conversation: its best match, and how many messages matched.
        best: dict[int, SearchHit] = {}
        counts: Counter[int] = Counter()
        for hit in hits:
            best.setdefault(hit.conversation_id, hit)
            counts[hit.conversation_id] += 1
        for conversation_id, hit in best.items():
            more = counts[conversation_id]
            title = hit.conversation_title
            if more > 1:
                title = translate("ChatPanel", "{title}  ·  %n messages", None, more).format(title=title)
            snippet = snippet_plain(hit.snippet_text())
            item = QListWidgetItem(f"{title}\n{snippet}")
            item.setData(Qt.ItemDataRole.UserRole, (hit.conversation_id, hit.message_id, matched_term(hit)))
            item.setToolTip(snippet)
            self.search_results.addItem(item)
        if not hits:
            empty = QListWidgetItem(translate("ChatPanel", "No messages match"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.search_results.addItem(empty)
        self.search_results.show()
        return hits

    def _open_search_hit(self, item: QListWidgetItem) -> None:
        target = item.data(Qt.ItemDataRole.UserRole)
        if target:
            self.jump_to_message(*target)

    def jump_to_message(self, conversation_id: int, message_id: int, term: str = "") -> None:
        """Open a conversation at a message; with ``term``, highlight it there (the find bar shows it)."""
        self.open_conversation(conversation_id)
        self._highlight_after_load = term
        if self.messages.row_of(message_id) >= 0:
            self._show_message(message_id)
        else:
            self._scroll_after_load = message_id  # an earlier message: shown once the rest is read

    def _show_message(self, message_id: int) -> None:
        term, self._highlight_after_load = self._highlight_after_load, ""
        self.view.scroll_to_message(message_id)
        if term:
            self.find_bar.show()
            self.find_box.blockSignals(True)  # not "as you type": this match, not the first one
            self.find_box.setText(term)
            self.find_box.blockSignals(False)
            self.view.find_in_message(term, message_id)
            self._show_find_status()

    # --- find in conversation -------------------------------------------------------------

    def open_find(self) -> None:
        self.find_bar.show()
        self.find_box.setFocus()
        self.find_box.selectAll()

    def close_find(self) -> None:
        self.find_bar.hide()
        self.view.clear_find()
        self.find_status.clear()
        self.composer.edit.setFocus()

    def _on_find_typed(self, text: str) -> None:
        """Highlight as you type, staying on the current match while it still matches."""
        if not text:
            self.view.clear_find()
            self.find_status.clear()
            return
        self.view.find_text(text)
        self._show_find_status()

    def find_next(self, backwards: bool = False) -> bool:
        text = self.find_box.text()
        if not text:
            return False
        found = self.view.find_text(text, backwards=backwards)
        self._show_find_status()
        return found

    def _show_find_status(self) -> None:
        position, total = self.view.find_status()
        self.find_status.setText(
            translate("ChatPanel", "{position} of {total}").format(position=position, total=total) if total
            else translate("ChatPanel", "No matches"))

    # --- sending ----------------------------------------------------------------------

    def _update_busy(self) -> None:
        busy = self.conversation_id is not None and self.chat.is_busy(self.conversation_id)
        self.composer.set_busy(busy)
        self._update_actions()

    def can_regenerate(self) -> bool:
        """A reply can be written again: the conversation has messages and none is being written."""
        busy = self.conversation_id is not None and self.chat.is_busy(self.conversation_id)
        return self.messages.rowCount() > 0 and not busy

    def can_export(self) -> bool:
        return self.conversation_id is not None and self.messages.rowCount() > 0

    def _update_actions(self) -> None:
        self.composer.regenerate_button.setEnabled(self.can_regenerate())
        self.export_button.setEnabled(self.can_export())
        self.actions_changed.emit()

    def _on_job_changed(self, _info: object) -> None:
        # Deferred: a job's first notice comes from inside submit(), before the reply knows its job.
        if not self._queue_refresh_pending:
            self._queue_refresh_pending = True
            QTimer.singleShot(0, self.refresh_queue_states)

    def refresh_queue_states(self) -> None:
        """Show each unsent reply of this conversation as it really is: queued behind N, or waiting for quota."""
        self._queue_refresh_pending = False
        if not self._alive() or self.conversation_id is None:
            return
        active = self.chat.active_message_ids(self.conversation_id)
        if not active:
            return
        jobs = self.services.scheduler.jobs()
        for message_id in active:
            job_id = self.chat.job_of(message_id)
            position = next((i for i, job in enumerate(jobs) if job.id == job_id), None)
            if position is None or self.messages.row_of(message_id) < 0:
                continue
            info = jobs[position]
            shown = self.messages.waiting(message_id)
            if info.state is JobState.QUEUED:
                ahead = sum(
                    1 for job in jobs[:position]
                    if job.model == info.model and job.state in (JobState.QUEUED, JobState.WAITING, JobState.RUNNING)
                )
                reason = (translate("ChatPanel", "Queued behind %n request(s)", None, ahead) if ahead
                          else translate("ChatPanel", "Queued: next to send"))
                if shown is None or shown.reason != reason:
                    self.messages.set_waiting(message_id, reason, None)
            elif info.state is JobState.WAITING and info.wait is not None:
                if shown is None or shown.reason != info.wait.reason:
                    self.messages.set_waiting(message_id, info.wait.reason, time.monotonic() + info.wait.wait_seconds)
            elif info.state is JobState.RUNNING and shown is not None:
                self.messages.set_waiting(message_id, None, None)

    def _handler(self, conversation_id: int):  # type: ignore[no-untyped-def]
        def on_event(event: ChatEvent) -> None:
            self._on_chat_event(conversation_id, event)

        return on_event

    def _on_chat_event(self, conversation_id: int, event: ChatEvent) -> None:
        if not self._alive():
            return
        if self.voice_controls is not None:
            self.voice_controls.on_chat_event(conversation_id == self.conversation_id, event)
        if conversation_id != self.conversation_id:
            if event.kind == "error" and event.error is not None:
                self._notify(event.error.message, conversation_id)
            if event.kind in ("done", "stopped", "error"):
                self._reload_conversations()
            return
        mid = event.message_id
        if self.messages.row_of(mid) < 0:
            self._sync_rows()
        if event.kind == "waiting" and event.wait is not None:
            self.messages.set_status(mid, "waiting")
            self.messages.set_waiting(mid, event.wait.reason, time.monotonic() + event.wait.wait_seconds)
        elif event.kind == "started":
            self.messages.set_status(mid, "streaming")
        elif event.kind == "delta":
            self.messages.append_stream(mid, event.content_delta, event.reasoning_delta)
            if event.facts:  # built-in tools at work: their block shows before the answer arrives
                self.messages.set_status(mid, "streaming", facts=event.facts)
        else:
            self.messages.flush()
            if event.message is not None:
                self.messages.update(event.message)  # one row; no storage read
            if event.save_error:
                self._notify(
                    translate(
                        "ChatPanel",
                        "The reply is shown but could not be saved yet; it is kept and saved at the next "
                        "chance (next message, or when the app closes). {reason}",
                    ).format(reason=event.save_error)
                )
            elif event.kind == "error" and event.error is not None:
                self._notify(f"{event.error.message} {event.error.hint}")
            self._update_busy()
            self._update_model_state()
            self._reload_conversations()
            self.composer.draft_changed.emit(self.composer.text())

    def _sync_rows(self) -> None:
        """Append the stored messages the view does not show yet (reads only those)."""
        if self.conversation_id is None:
            return
        count = self.messages.rowCount()
        last = self.messages.message(count - 1).position if count else -1
        for message in self.storage.list_messages_after(self.conversation_id, last):
            if self.messages.row_of(message.id) < 0:
                self.messages.append(message)

    @qasync.asyncSlot(str)
    async def _on_send(self, text: str) -> None:
        await self.send(text)

    async def send(self, text: str) -> int | None:
        """Send the composer's text (or the edited message); returns the reply's message id."""
        attachments = self.composer.attachments.attachments() if self._editing_message_id is None else []
        if not text.strip() and not attachments:
            return None
        if self._sending:
            return None  # a second Enter while the first is being checked and stored sends nothing twice
        self._sending = True
        try:
            return await self._send(text, attachments)
        finally:
            self._sending = False

    async def _send(self, text: str, attachments: list[Attachment]) -> int | None:
        if self.conversation_id is None:
            self.new_conversation()
        conversation_id = self.conversation_id
        assert conversation_id is not None
        editing = self._editing_message_id
        try:
            conversation = self._conversation()
            if editing is None and conversation is not None:
                # Larger than a whole per-minute budget: never sent (it would be refused), the fix offered.
                too_large = await asyncio.to_thread(request_too_large, self.chat, conversation, text, attachments)
                if not self._alive():
                    return None
                if too_large is not None:
                    self.too_large_bar.show_error(too_large, can_drop=self.storage.count_messages(conversation_id) > 0)
                    return None
                self.too_large_bar.clear()
            if editing is not None:
                reply_id = await self.chat.edit_and_resend(editing, text, self._handler(conversation_id))
            else:
                reply_id = await self.chat.send(
                    conversation_id, text, self._handler(conversation_id), attachments=attachments
                )
        except _STORE_ERRORS as exc:
            # Nothing was sent: the text stays in the composer (the edit too) with the reason.
            if self._alive():
                reason = exc.user_text() if isinstance(exc, GroqDesktopError) else str(exc)
                self._notify(
                    translate("ChatPanel", "Not sent: {reason}").format(reason=reason), conversation_id
                )
            return None
        if not self._alive():
            return reply_id
        # Stored: only now does the text leave the composer.
        if editing is not None:
            self._editing_message_id = None
            self.edit_bar.hide()
            self._after_edit(conversation_id, editing)
            self._load_draft(conversation_id, "")
        else:
            self._sync_rows()
            if self.composer.text() == text:
                self.composer.clear()
            self.composer.attachments.clear()
            self._save_draft()
        self._update_busy()
        self._reload_conversations()
        self.view.follow_reply(reply_id)
        self.composer.draft_changed.emit("")
        return reply_id

    def stop(self) -> None:
        if self.conversation_id is not None:
            self.chat.stop_conversation(self.conversation_id)

    def escape(self) -> None:
        """Esc: close the parameters or the find bar, else cancel an edit, else stop the reply."""
        if self.parameters_sheet.isVisible():
            self.parameters_sheet.close_sheet()
        elif self.find_bar.isVisible():
            self.close_find()
        elif self._editing_message_id is not None:
            self.cancel_edit()
        elif self.voice_controls is None or not self.voice_controls.escape():
            self.stop()

    @qasync.asyncSlot()
    async def request_regenerate(self) -> None:
        await self.regenerate()

    async def regenerate(self) -> int | None:
        conversation_id = self.conversation_id
        if conversation_id is None or not self.storage.count_messages(conversation_id):
            return None
        try:
            reply_id = await self.chat.regenerate(conversation_id, self._handler(conversation_id))
        except _STORE_ERRORS as exc:
            self._notify(str(exc))
            return None
        self._sync_after_rewrite(conversation_id, reply_id)
        return reply_id

    @qasync.asyncSlot(int)
    async def _on_retry(self, message_id: int) -> None:
        await self.retry(message_id)

    async def retry(self, message_id: int) -> int | None:
        conversation_id = self.conversation_id
        if conversation_id is None:
            return None
        try:
            reply_id = await self.chat.retry(message_id, self._handler(conversation_id))
        except _STORE_ERRORS as exc:
            self._notify(str(exc))
            return None
        self._sync_after_rewrite(conversation_id, reply_id)
        return reply_id

    def _after_edit(self, conversation_id: int, edited_id: int) -> None:
        """The edited message and the turns after it changed: update those rows only."""
        edited = self.storage.get_message(edited_id)
        if edited is None or conversation_id != self.conversation_id:
            return
        self.messages.remove_after(edited.position)
        self.messages.update(edited)
        self._sync_rows()

    def _sync_after_rewrite(self, conversation_id: int, reply_id: int) -> None:
        """Show the reply being written again in its row (the stored one stays until it succeeds)."""
        if not self._alive():
            return
        if conversation_id == self.conversation_id:
            stored = self.storage.get_message(reply_id)
            if stored is not None and self.messages.row_of(reply_id) >= 0:
                if stored.status != "streaming":  # a new version: the bubble shows it from empty
                    stored = dataclasses.replace(
                        stored, content="", reasoning="", status="streaming", error=None, facts={},
                        version=stored.version_count, model=self._current_model(),
                    )
                self.messages.update(stored)
            else:
                self._sync_rows()
            self.view.follow_reply(reply_id)
        self._update_busy()

    def select_version(self, message_id: int, version: int) -> Message | None:
        """The reply switcher (‹ 2/3 ›, Alt+Left/Right): show another version and send it as history."""
        try:
            shown = self.chat.select_version(message_id, version)
        except _STORE_ERRORS as exc:
            self._notify(exc.user_text() if isinstance(exc, GroqDesktopError) else str(exc))
            return None
        self.messages.update(shown)
        self.composer.draft_changed.emit(self.composer.text())
        return shown

    def begin_edit(self, message_id: int) -> None:
        """Put a user message into the composer; sending replaces it and drops the later turns."""
        message = self.storage.get_message(message_id)
        if message is None or message.role != "user":
            return
        later = self.storage.count_messages(message.conversation_id) - message.position - 1
        self._save_draft()  # the composer's draft comes back when the edit ends
        self._editing_message_id = message_id
        self.edit_label.setText(
            translate(
                "ChatPanel",
                "Editing a message: sending replaces it and deletes the %n message(s) after it.",
                None,
                later,
            )
        )
        self.edit_bar.setToolTip(
            translate("ChatPanel", "Edit and resend drops every later turn of this conversation")
        )
        self.edit_bar.show()
        self.composer.set_text(message.content)
        self.composer.edit.setFocus()

    def cancel_edit(self) -> None:
        if self._editing_message_id is not None:
            self._editing_message_id = None
            self.composer.clear()
            if self.conversation_id is not None:
                self._load_draft(self.conversation_id, "")
        self.edit_bar.hide()

    # --- tokens and context ----------------------------------------------------------------

    @qasync.asyncSlot(str)
    async def _recount(self, draft: str) -> None:
        self._count_generation += 1
        generation = self._count_generation
        if not self._alive():
            return
        try:
            conversation_id, model = self.conversation_id, self._current_model()
            conversation = self._conversation()
            budget = self.chat.reply_budget(conversation) if conversation else 1024
            attached = self.composer.attachments.for_counting()
            tokens, window = await asyncio.to_thread(
                self.chat.context_usage, conversation_id, draft, model, attached
            )
            refusal = await asyncio.to_thread(self._attachment_refusal, model, attached)
        except Exception:
            log.exception("token count failed")
            return
        if generation != self._count_generation or not self._alive():
            return  # a newer count is on its way, or the panel is gone
        fits = tokens + min(budget, window // 4) <= window
        self.composer.set_token_usage(tokens, window, fits=fits)
        self.composer.attachments.set_refusal(*refusal)
        self.composer.drop_button.setEnabled(conversation_id is not None)

    def _attachment_refusal(self, model: str, attached: list[Attachment]) -> tuple[str, str]:
        """Why these attachments cannot go to this model, and a model that sees images when that is why.

        Blocking (tokenises attached files): run off the UI thread."""
        try:
            self.chat.check_attachments(model, attached)
        except AttachmentRefusedError as exc:
            seeing = self.chat.vision_models() if self.chat.image_limits(model) is None else []
            return str(exc), seeing[0] if seeing and seeing[0] != model else ""
        return "", ""

    def switch_model(self, model_id: str) -> None:
        """Use another model for this conversation (the attachments' one-click switch)."""
        self.model_picker.select(model_id)
        self._on_model_chosen(model_id)

    @qasync.asyncSlot()
    async def _on_drop_turns(self) -> None:
        conversation_id = self.conversation_id
        if conversation_id is None:
            return
        draft, model = self.composer.text(), self._current_model()
        needed = await asyncio.to_thread(self.chat.turns_to_drop, conversation_id, draft, model)
        dropped = await asyncio.to_thread(self.chat.drop_oldest_turns, conversation_id, max(1, needed))
        if not self._alive():
            return
        self._notify(
            translate("ChatPanel", "The %n oldest turn(s) are left out of what is sent.", None, dropped),
            conversation_id,
        )
        self._update_context_note()
        self.composer.draft_changed.emit(draft)

    @qasync.asyncSlot()
    async def _drop_until_it_fits(self) -> None:
        """The too-large bar's fix: leave the oldest turns out, one at a time, until the request fits."""
        conversation_id, draft = self.conversation_id, self.composer.text()
        attachments = self.composer.attachments.attachments()
        error, dropped = self.too_large_bar.error, 0
        while conversation_id is not None and error is not None:
            if not await asyncio.to_thread(self.chat.drop_oldest_turns, conversation_id, 1):
                break
            dropped += 1
            conversation = self.storage.get_conversation(conversation_id)
            if conversation is None:
                break
            error = await asyncio.to_thread(request_too_large, self.chat, conversation, draft, attachments)
        if not self._alive() or conversation_id != self.conversation_id:
            return
        self._update_context_note()
        if error is None:
            self.too_large_bar.clear()
            self._notify(
                translate(
                    "ChatPanel",
                    "The %n oldest turn(s) are left out of what is sent: it fits now.",
                    None,
                    dropped,
                ),
                conversation_id,
            )
        else:
            self.too_large_bar.show_error(error, can_drop=False)
        self.composer.draft_changed.emit(draft)

    def lower_max_tokens(self, tokens: int) -> None:
        """The too-large bar's other fix: this conversation's max reply tokens set to what fits."""
        conversation = self._conversation()
        if conversation is None:
            return
        params = {**conversation.params, "max_completion_tokens": tokens}
        self.chat.update_settings(conversation.id, params=params)
        self.parameters.set_values(conversation.system_prompt, params)
        self.too_large_bar.clear()
        self._notify(translate("ChatPanel", "Max reply tokens lowered to {tokens}: it fits now.").format(
            tokens=i18n.number(tokens)), conversation.id)
        self.composer.draft_changed.emit(self.composer.text())

    def _include_all_turns(self) -> None:
        if self.conversation_id is not None:
            self.chat.include_all_turns(self.conversation_id)
            self._update_context_note()
            self.composer.draft_changed.emit(self.composer.text())

    def _update_context_note(self) -> None:
        conversation = self._conversation()
        start = int(conversation.params.get("context_from", 0)) if conversation else 0
        if start > 0:
            self.context_note_label.setText(
                translate("ChatPanel", "The first %n message(s) are left out of what is sent.", None, start))
        self.context_note.setVisible(start > 0)

    def _show_parameters(self, shown: bool) -> None:
        if shown:
            self.parameters_sheet.open_sheet()
        else:
            self.parameters_sheet.close_sheet()

    def _parameters_closed(self) -> None:
        with QSignalBlocker(self.parameters_button):
            self.parameters_button.setChecked(False)
        self.parameters_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _save_parameters(self) -> None:
        conversation = self._conversation()
        if conversation is None:
            return
        system_prompt, values = self.parameters.values()
        params = {k: v for k, v in conversation.params.items() if k not in PARAM_KEYS}
        # Identity, not equality: a temperature of 0 is a value, and include_reasoning=False is a choice.
        params.update({k: v for k, v in values.items() if not (v is None or v == [] or (v is False and k in _FLAGS))})
        self.chat.update_settings(conversation.id, system_prompt=system_prompt, params=params)
        self.composer.draft_changed.emit(self.composer.text())

    # --- clipboard, export, notices ---------------------------------------------------------

    def copy_last_reply(self) -> str | None:
        replies = [m for m in self.messages.messages() if m.role == "assistant" and m.content]
        if not replies:
            return None
        self._copy(replies[-1].content, translate("ChatPanel", "Last reply copied"))
        self.view.show_toast(translate("ChatPanel", "Copied"), self.view.bubble_corner(replies[-1].id))
        return replies[-1].content

    def _copy(self, text: str, notice: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._notify(notice)

    def export(self, fmt: str) -> Path | None:
        conversation = self._conversation()
        if conversation is None or not self.can_export():
            return None
        messages = self.storage.list_messages(conversation.id)
        if fmt == "markdown":
            suffix, name_filter = (
                ".md",
                translate("ChatPanel", "Markdown ({patterns})").format(patterns="*.md"),
            )
        else:
            suffix, name_filter = (
                ".json",
                translate("ChatPanel", "JSON ({patterns})").format(patterns="*.json"),
            )
        path = choose_export_path(self, _safe_file_name(conversation.title) + suffix, name_filter)
        if path is None:
            return None
        try:
            if fmt == "markdown":
                images = path.with_name(path.stem + "_images")
                links = chat_export.export_images(messages, self.chat.blobs, images, path.parent)
                text = chat_export.to_markdown(conversation, messages, links)
            else:
                text = chat_export.to_json(conversation, messages, self.chat.blobs.get)
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            self._notify(
                translate("ChatPanel", "Could not save {path}: {reason}").format(
                    path=path, reason=exc.strerror
                ),
                conversation.id,
            )
            return None
        self._notify(translate("ChatPanel", "Saved {name}").format(name=path.name), conversation.id)
        return path

    def _notify(self, text: str, conversation_id: int | None = -1) -> None:
        """Show a status note; it stays with its conversation (the current one unless given)."""
        about = self.conversation_id if conversation_id == -1 else conversation_id
        self._notes[about] = text
        if about == self.conversation_id:
            self.status_label.setText(text)

    def apply_settings(self) -> None:
        """The settings dialog may have flipped Enter/Shift+Enter."""
        self.composer.set_enter_sends(bool(self.settings.get(Key.ENTER_SENDS)))

    def current_title(self) -> str:
        conversation = self._conversation()
        return conversation.title if conversation else NEW_CONVERSATION_TITLE
