"""The chat message list: painting by ``MessageDelegate``, clicks, context menu, find, stick-to-bottom."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
    QMouseEvent,
    QPalette,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QAbstractItemView, QFrame, QLabel, QListView, QMenu, QToolTip, QWidget

from groq_desktop.app import icons
from groq_desktop.app.chat.attachments import ImageViewer
from groq_desktop.app.chat.markdown_render import warm_up_in_background
from groq_desktop.app.chat.message_delegate import MessageDelegate, waiting_text
from groq_desktop.app.chat.message_model import MessageListModel, MessageRole
from groq_desktop.core.store.storage import Message
from groq_desktop.i18n import translate

BOTTOM_SLACK_PX = 24
"""Within this distance of the end the view counts as "at the bottom" and follows new text."""
COUNTDOWN_MS = 1000
REFLOW_IDLE_MS = 200
"""While the user scrolls, rows whose exact height replaced an estimate wait for a pause this long.

A re-flow makes QListView re-measure every row (~40 ms for 5,000 rows); doing one per scroll step
is what made scrolling long conversations stutter. Until then such rows paint clipped to their slot.
"""
STREAM_REFLOW_MS = 120
"""In a long list, the growing streaming row re-flows the list at most this often (not per flush)."""
LARGE_LIST_ROWS = 300
"""Lists with more rows than this get the throttled streaming re-flow (short lists re-flow per flush)."""
RETRYABLE_STATUSES = frozenset({"error", "stopped", "incomplete"})
TOAST_MS = 1500
"""How long "Copied" stays up after a copy."""


def open_link(url: str) -> None:
    """Open a link from a message (tests replace this)."""
    QDesktopServices.openUrl(QUrl(url))


class MessageView(QListView):
    copy_requested = Signal(int, str)
    """(message id, "markdown" | "text"); the view has already put the text on the clipboard."""
    retry_requested = Signal(int)
    cancel_requested = Signal(int)
    edit_requested = Signal(int)
    regenerate_requested = Signal(int)
    version_requested = Signal(int, int)
    """(message id, version): show another version of a reply (the ‹ 2/3 › switcher, Alt+Left/Right)."""
    request_id_copied = Signal(str)
    read_aloud_requested = Signal(int)
    code_copied = Signal(int, int)
    """(message id, code block index) after a code block's Copy button put its code on the clipboard."""

    def __init__(self, parent: QWidget | None = None, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._delegate = MessageDelegate(self, clock=clock)
        self.setItemDelegate(self._delegate)
        self.setUniformItemSizes(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.verticalScrollBar().setSingleStep(24)
        self._stick = True
        self._anchor_id: int | None = None
        """The reply being followed: following the stream stops once its start would scroll away."""
        self._last_maximum = 0
        self._last_user_scroll = -1e9
        self._own_scroll = False
        self._reflow_timer = QTimer(self)
        self._reflow_timer.setSingleShot(True)
        self._reflow_timer.timeout.connect(self.reflow)
        self._delegate.reflow_requested = self._on_reflow_requested
        self._delegate.limit_layouts = self._user_scrolling
        self.reflow_count = 0
        """Deferred re-flows done by ``reflow`` (a test and benchmark hook)."""
        self.verticalScrollBar().rangeChanged.connect(self._on_range_changed)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self._countdown = QTimer(self)
        self._countdown.setInterval(COUNTDOWN_MS)
        self._countdown.timeout.connect(self._tick_countdown)
        self._model: MessageListModel | None = None
        self._hover_id: int | None = None
        self._find_term = ""
        self._find_matches: list[tuple[int, int]] = []
        self._find_position = -1
        self._delegate.can_regenerate = lambda message: self.is_last_assistant(message.id)
        self.setAccessibleName(translate("MessageView", "Messages"))
        self.toast = QLabel(self.viewport())
        self.toast.setObjectName("copiedToast")
        self.toast.setAutoFillBackground(True)
        self.toast.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.toast.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self._press_pos: QPoint | None = None
        self.toast.setMargin(5)
        self.toast.hide()
        self._toast_timer = QTimer(self)
        self._toast_timer.setSingleShot(True)
        self._toast_timer.setInterval(TOAST_MS)
        self._toast_timer.timeout.connect(self.toast.hide)
        self._add_shortcuts()
        warm_up_in_background()

    # --- model -------------------------------------------------------------------------

    @property
    def delegate(self) -> MessageDelegate:
        return self._delegate

    def setModel(self, model: QAbstractItemModel | None) -> None:
        if self._model is not None:
            self._model.dataChanged.disconnect(self._on_data_changed)
            self._model.modelReset.disconnect(self._on_reset)
            self._model.rowsRemoved.disconnect(self._on_reset)
        super().setModel(model)
        self._delegate.forget()
        self._model = model if isinstance(model, MessageListModel) else None
        self._delegate.set_model(self._model)
        if self._model is not None:
            self._model.dataChanged.connect(self._on_data_changed)
            self._model.modelReset.connect(self._on_reset)
            self._model.rowsRemoved.connect(self._on_reset)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._delegate.refresh_context()
            self.scheduleDelayedItemsLayout()

    def doItemsLayout(self) -> None:
        self._delegate.flow_started()
        super().doItemsLayout()

    def message_model(self) -> MessageListModel:
        if self._model is None:
            raise RuntimeError("MessageView needs a MessageListModel")
        return self._model

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: Any = None) -> None:
        for row in range(top.row(), bottom.row() + 1):
            self._delegate.refresh_if_laid_out(self.message_model().index(row, 0))
        self._update_countdown()

    def _on_reset(self, *args: Any) -> None:
        model = self.message_model()
        alive = {model.message(row).id for row in range(model.rowCount())}
        gone = {m for m in list(self._delegate._rows) + list(self._delegate._content) if m not in alive}
        self._delegate.forget(gone)
        if self._find_term:
            self._find_matches = self._matches(self._find_term)
            self._find_position = -1
        self._update_countdown()

    # --- stick to bottom ---------------------------------------------------------------

    @property
    def stick_to_bottom(self) -> bool:
        """True while the view follows the end of the conversation (the user is at the bottom)."""
        return self._stick

    def is_at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - BOTTOM_SLACK_PX

    def scroll_to_bottom(self) -> None:
        self._stick = True
        self._anchor_id = None
        self.scrollToBottom()

    def follow_reply(self, message_id: int) -> None:
        """Show the end of the conversation and follow this reply while it grows, until its start
        would scroll out of view: then its start stays put (long answers are read from the top)."""
        self.executeDelayedItemsLayout()
        self._anchor_id = message_id
        self._stick = True
        bar = self.verticalScrollBar()
        self._scroll_to(self._follow_target(bar.maximum()))

    @property
    def followed_reply(self) -> int | None:
        return self._anchor_id

    def _follow_target(self, maximum: int) -> int:
        """Where following the end may go: the end, or the followed reply's start near the top."""
        model = self._model
        row = model.row_of(self._anchor_id) if model is not None and self._anchor_id is not None else -1
        if row < 0:
            return maximum
        bar = self.verticalScrollBar()
        top = self.visualRect(model.index(row, 0)).top() + bar.value()  # type: ignore[union-attr]
        above = self.visualRect(model.index(row - 1, 0)).height() if row > 0 else 0  # type: ignore[union-attr]
        # Keep the end of the question too, when there is room for it.
        cap = max(0, top - min(above, self.viewport().height() // 4))
        return min(maximum, cap)

    def _on_range_changed(self, _minimum: int, maximum: int) -> None:
        bar = self.verticalScrollBar()
        # The value may already have moved (a user scroll that triggered a re-layout): judge by it too.
        if self._stick and bar.value() >= self._last_maximum - BOTTOM_SLACK_PX:
            self._scroll_to(self._follow_target(maximum))
        self._last_maximum = maximum

    def _scroll_to(self, value: int) -> None:
        """Move the scroll bar for the view's own reasons (not counted as the user scrolling)."""
        self._own_scroll = True
        try:
            self.verticalScrollBar().setValue(value)
        finally:
            self._own_scroll = False

    def _on_scrolled(self, _value: int) -> None:
        self._stick = self.is_at_bottom()
        if not self._own_scroll:
            if self._stick:
                self._anchor_id = None  # the user went to the end: follow the stream from now on
            self._last_user_scroll = time.monotonic()
            if self._reflow_timer.isActive():
                self._reflow_timer.start(REFLOW_IDLE_MS)

    # --- re-flow (row heights changed) -------------------------------------------------

    def _user_scrolling(self) -> bool:
        return time.monotonic() - self._last_user_scroll < REFLOW_IDLE_MS / 1000

    def _on_reflow_requested(self, streaming: bool) -> None:
        if self._user_scrolling():
            self._reflow_timer.start(REFLOW_IDLE_MS)
        elif streaming and self._model is not None and self._model.rowCount() > LARGE_LIST_ROWS:
            if not self._reflow_timer.isActive():
                self._reflow_timer.start(STREAM_REFLOW_MS)
        elif streaming:
            # Qt's own delayed layout (what sizeHintChanged does): merged with any other pending one.
            self.scheduleDelayedItemsLayout()
        elif not self._reflow_timer.isActive():
            # Asked from paint(): re-flow after this paint, not in the middle of it.
            self._reflow_timer.start(0)

    @property
    def reflow_pending(self) -> bool:
        return self._reflow_timer.isActive()

    def reflow(self) -> None:
        """Re-measure every row now, keeping the top visible row in place (or the end, when following)."""
        self._reflow_timer.stop()
        if self._model is None:
            return
        anchor = QModelIndex() if self._stick else self.indexAt(QPoint(1, 1))
        before = self.visualRect(anchor).top() if anchor.isValid() else 0
        self.doItemsLayout()
        self.reflow_count += 1
        if anchor.isValid():
            moved = self.visualRect(anchor).top() - before
            if moved:
                self._scroll_to(self.verticalScrollBar().value() + moved)
        self.viewport().update()

    # --- find and navigation -----------------------------------------------------------

    def find_text(self, text: str, backwards: bool = False) -> bool:
        """Highlight ``text`` and go to a match: a new text's first match from the selected message on,
        the same text's next (or previous) match, wrapping. False when nothing matches."""
        if text != self._find_term:
            self._set_find_term(text, backwards)
            return self._show_find_position()
        # The conversation may have changed since (a reply streamed in): count again, stay in place.
        current = self._find_matches[self._find_position] if self._find_position >= 0 else None
        self._find_matches = self._matches(text)
        if not self._find_matches:
            self._find_position = -1
            return False
        if current in self._find_matches:
            self._find_position = self._find_matches.index(current)  # type: ignore[arg-type]
            step = -1 if backwards else 1
            self._find_position = (self._find_position + step) % len(self._find_matches)
        else:
            self._set_find_term(text, backwards)
        return self._show_find_position()

    def find_in_message(self, text: str, message_id: int) -> bool:
        """Highlight ``text`` and go to its first match in this message (opening a search result)."""
        self._set_find_term(text)
        first = next((i for i, (mid, _) in enumerate(self._find_matches) if mid == message_id), None)
        if first is None:
            return False
        self._find_position = first
        return self._show_find_position()

    def find_status(self) -> tuple[int, int]:
        """(1-based position of the current match, number of matches); (0, 0) when none."""
        if not self._find_matches or self._find_position < 0:
            return 0, 0
        return self._find_position + 1, len(self._find_matches)

    def clear_find(self) -> None:
        self._find_term = ""
        self._find_matches = []
        self._find_position = -1
        self._delegate.find_term = ""
        self.viewport().update()

    def _set_find_term(self, text: str, backwards: bool = False) -> None:
        self._find_term = text
        self._delegate.find_term = text
        self.viewport().update()
        self._find_matches = self._matches(text)
        self._find_position = -1
        if not self._find_matches:
            return
        current = self.currentIndex().row() if self.currentIndex().isValid() else -1
        model = self.message_model()
        rows = [model.row_of(mid) for mid, _ in self._find_matches]
        if backwards:
            before = [i for i, row in enumerate(rows) if row <= current] if current >= 0 else []
            self._find_position = before[-1] if before else len(rows) - 1
        else:
            self._find_position = next((i for i, row in enumerate(rows) if row >= current), 0)

    def _matches(self, text: str) -> list[tuple[int, int]]:
        """(message id, occurrence in that message) of every match, in reading order."""
        needle = text.casefold()
        model = self._model
        if not needle or model is None:
            return []
        found = []
        for row in range(model.rowCount()):
            message = model.message(row)
            count = message.content.casefold().count(needle)
            found.extend((message.id, k) for k in range(count))
        return found

    def _show_find_position(self) -> bool:
        if self._find_position < 0 or not self._find_matches:
            return False
        message_id, occurrence = self._find_matches[self._find_position]
        model = self.message_model()
        index = model.index(model.row_of(message_id), 0)
        self.setCurrentIndex(index)
        self._scroll_to_match(index, self._find_term, occurrence)
        return True

    def _scroll_to_match(self, index: QModelIndex, text: str, occurrence: int = 0) -> None:
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
        self.settle_layout()
        layout = self._delegate.row_layout(index)
        message: Message = index.data(MessageRole.MESSAGE)
        found: list[tuple[int, QTextDocument, QTextCursor]] = []
        for doc, offset in zip(self._delegate.content_documents(message.id), layout.doc_offsets, strict=False):
            cursor = doc.find(text)
            while not cursor.isNull() and len(found) <= occurrence:
                found.append((offset, doc, cursor))
                cursor = doc.find(text, cursor)
        if not found:
            return
        # The raw text may count a match the rendering hides (inside a link's address): use the last seen.
        offset, doc, cursor = found[min(occurrence, len(found) - 1)]
        block_y = doc.documentLayout().blockBoundingRect(cursor.block()).top()
        line = cursor.block().layout().lineForTextPosition(cursor.positionInBlock())
        match_y = layout.content_origin.y() + offset + int(block_y + (line.y() if line.isValid() else 0))
        row_top = self.visualRect(index).top() + self.verticalScrollBar().value()
        self.verticalScrollBar().setValue(max(0, row_top + match_y - self.viewport().height() // 3))

    def scroll_to_message(self, message_id: int) -> None:
        row = self.message_model().row_of(message_id)
        if row >= 0:
            self.scrollTo(self.message_model().index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
            self.settle_layout()
            self.scrollTo(self.message_model().index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)

    def settle_layout(self, rounds: int = 4) -> None:
        """Lay out the visible rows exactly now (instead of on the next paint) and re-flow the list.

        Rows never painted have estimated heights; making the visible ones exact before a scroll or
        a hit test keeps positions right without waiting for the paint -> relayout round trip.
        """
        self.executeDelayedItemsLayout()
        for _ in range(rounds):
            changed = False
            for index in self.visible_indexes():
                if self._delegate.make_exact(index):
                    changed = True
            if not changed:
                return
            self.doItemsLayout()

    def visible_indexes(self) -> list[QModelIndex]:
        model = self._model
        if model is None or model.rowCount() == 0:
            return []
        first = self.indexAt(QPoint(1, 0))
        row = first.row() if first.isValid() else 0
        height = self.viewport().height()
        indexes = []
        while row < model.rowCount():
            index = model.index(row, 0)
            rect = self.visualRect(index)
            if rect.top() >= height:
                break
            if rect.bottom() >= 0:
                indexes.append(index)
            row += 1
        return indexes

    # --- clicks ------------------------------------------------------------------------

    def action_at(self, pos: QPoint) -> tuple[Any, ...] | None:
        index = self.indexAt(pos)
        if not index.isValid():
            return None
        return self._delegate.action_at(index, pos, self.visualRect(index))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            action = self.action_at(event.position().toPoint())
            if action is not None:
                self._press_pos = event.position().toPoint()
                try:
                    self.trigger(action)
                finally:
                    self._press_pos = None
                event.accept()
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        index = self.indexAt(point)
        self._set_hover(index.data(MessageRole.ID) if index.isValid() else None)
        over_action = self.action_at(point) is not None
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if over_action else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._set_hover(None)
        super().leaveEvent(event)

    def focusInEvent(self, event: QEvent) -> None:  # type: ignore[override]
        super().focusInEvent(event)  # type: ignore[arg-type]
        self._update_bars()

    def focusOutEvent(self, event: QEvent) -> None:  # type: ignore[override]
        super().focusOutEvent(event)  # type: ignore[arg-type]
        self._update_bars()

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:
        super().currentChanged(current, previous)
        self._update_bars()

    def _set_hover(self, message_id: int | None) -> None:
        if message_id != self._hover_id:
            self._hover_id = message_id
            self._update_bars()

    def _update_bars(self) -> None:
        """Show the action bar on the hovered message and, while the list has focus, the selected one."""
        ids = {self._hover_id} if self._hover_id is not None else set()
        current = self.currentIndex()
        if current.isValid() and self.hasFocus():
            ids.add(current.data(MessageRole.ID))
        bars = frozenset(ids)
        if bars == self._delegate.bar_ids or self._model is None:
            return
        changed = bars ^ self._delegate.bar_ids
        self._delegate.bar_ids = bars
        for message_id in changed:
            row = self._model.row_of(message_id)
            if row >= 0:
                self.viewport().update(self.visualRect(self._model.index(row, 0)))

    def action_bar_ids(self) -> frozenset[int]:
        return self._delegate.bar_ids

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            point = event.pos()  # type: ignore[attr-defined]
            index = self.indexAt(point)
            button = self._delegate.bar_button_at(index, point, self.visualRect(index)) if index.isValid() else None
            if button is not None:
                QToolTip.showText(event.globalPos(), button.tooltip, self.viewport())  # type: ignore[attr-defined]
                return True
        return super().viewportEvent(event)

    def show_toast(self, text: str, near: QPoint) -> None:
        """A short note ("Copied") just above ``near`` (viewport coordinates), gone after TOAST_MS."""
        self.toast.setText(text)
        self.toast.adjustSize()
        area = self.viewport().rect()
        x = min(max(0, near.x() - self.toast.width() // 2), max(0, area.width() - self.toast.width()))
        y = near.y() - self.toast.height() - 4
        if y < 0:
            y = near.y() + 16
        self.toast.move(x, min(y, max(0, area.height() - self.toast.height())))
        self.toast.show()
        self.toast.raise_()
        self._toast_timer.start()

    def bubble_corner(self, message_id: int) -> QPoint:
        """The top-right corner of a message's bubble, in viewport coordinates (where its bar is)."""
        model = self.message_model()
        row = model.row_of(message_id)
        if row < 0:
            return self.viewport().rect().center()
        index = model.index(row, 0)
        bubble = self._delegate.row_layout(index).bubble
        return self.visualRect(index).topLeft() + bubble.topRight() + QPoint(-30, 8)

    def trigger(self, action: tuple[Any, ...]) -> None:
        """Do what a clicked region in a message asks for (see ``MessageDelegate.action_at``)."""
        kind, message_id = action[0], action[1]
        model = self.message_model()
        message = model.message_by_id(message_id)
        if message is None:
            return
        match kind:
            case "copy_code":
                blocks = self._delegate.code_blocks(message)
                if 0 <= action[2] < len(blocks):
                    QGuiApplication.clipboard().setText(blocks[action[2]])
                    at = self._press_pos if self._press_pos is not None else self.bubble_corner(message_id)
                    self.show_toast(translate("MessageView", "Copied"), at)
                    self.code_copied.emit(message_id, action[2])
            case "copy_message":
                self.copy_message(message_id, "markdown")
            case "edit":
                self.edit_message(message_id)
            case "regenerate":
                self.regenerate_message(message_id)
            case "toggle_reasoning":
                self._delegate.toggle_reasoning(message, model.index(model.row_of(message_id), 0))
            case "toggle_tools":
                self._delegate.toggle_tools(message, model.index(model.row_of(message_id), 0))
            case "retry":
                self.retry_requested.emit(message_id)
            case "version":
                self.version_requested.emit(message_id, action[2])
            case "cancel":
                self.cancel_requested.emit(message_id)
            case "copy_request_id":
                self.copy_request_id(message_id)
            case "link":
                open_link(action[2])
            case "toggle_file":
                self._delegate.toggle_file(message, action[2], model.index(model.row_of(message_id), 0))
            case "view_image":
                self.show_image(message, action[2])

    def show_image(self, message: Message, attachment_index: int) -> ImageViewer | None:
        """An attached image at full size, decoded only now."""
        thumbnails = self._delegate.thumbnails
        if thumbnails is None or not 0 <= attachment_index < len(message.attachments):
            return None
        attachment = message.attachments[attachment_index]
        try:
            data = thumbnails.blobs.get(attachment.digest)
        except OSError as exc:
            self.show_toast(
                translate("MessageView", "The image is missing: {reason}").format(reason=exc.strerror or exc),
                self.bubble_corner(message.id),
            )
            return None
        viewer = ImageViewer(data, attachment.name, self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.show()
        return viewer

    # --- context menu ------------------------------------------------------------------

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if not index.isValid():
            return
        self.setCurrentIndex(index)
        menu = self.build_context_menu(index.data(MessageRole.ID))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def build_context_menu(self, message_id: int) -> QMenu:
        menu = QMenu(self)
        for action in self.context_actions(message_id):
            action.setParent(menu)
            menu.addAction(action)
        return menu

    def context_actions(self, message_id: int) -> list[QAction]:
        """The actions the context menu of this message offers, in order."""
        model = self.message_model()
        message = model.message_by_id(message_id)
        if message is None:
            return []
        actions: list[QAction] = []

        def add(text: str, handler: Callable[[], None], shortcut: str | None = None, icon: str = "") -> None:
            action = QAction(text, self)
            if icon:
                action.setIcon(icons.icon(icon))
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutVisibleInContextMenu(True)
            action.triggered.connect(handler)
            actions.append(action)

        add(
            translate("MessageView", "Copy as Markdown"),
            lambda: self.copy_message(message_id, "markdown"),
            "Ctrl+C",
            "copy",
        )
        add(
            translate("MessageView", "Copy as plain text"),
            lambda: self.copy_message(message_id, "text"),
            "Ctrl+Alt+C",
        )
        if message.role == "user":
            add(translate("MessageView", "Edit"), lambda: self.edit_message(message_id), "Ctrl+E", "edit")
        if message.role == "assistant" and self.is_last_assistant(message_id):
            add(
                translate("MessageView", "Regenerate"),
                lambda: self.regenerate_message(message_id),
                "Ctrl+R",
                "refresh",
            )
        if message.status in RETRYABLE_STATUSES:
            add(
                translate("MessageView", "Retry"),
                lambda: self.retry_requested.emit(message_id),
                icon="debug-restart",
            )
        if message.role == "assistant" and message.content.strip():
            add(
                translate("MessageView", "Read aloud"),
                lambda: self.read_aloud_requested.emit(message_id),
                icon="unmute",
            )
        if message.facts.get("request_id"):
            add(translate("MessageView", "Copy request id"), lambda: self.copy_request_id(message_id))
        if message.version > 1:
            add(
                translate("MessageView", "Previous version"),
                lambda: self.step_version(message_id, -1),
                "Alt+Left",
                "arrow-left",
            )
        if message.version < message.version_count:
            add(
                translate("MessageView", "Next version"),
                lambda: self.step_version(message_id, +1),
                "Alt+Right",
                "arrow-right",
            )
        return actions

    def step_version(self, message_id: int, step: int) -> None:
        """Ask for the previous (-1) or next (+1) version of a reply, if there is one."""
        message = self.message_model().message_by_id(message_id)
        if message is None or message.role != "assistant":
            return
        version = message.version + step
        if 1 <= version <= message.version_count:
            self.version_requested.emit(message_id, version)

    def copy_message(self, message_id: int, fmt: str) -> None:
        message = self.message_model().message_by_id(message_id)
        if message is None:
            return
        text = message.content if fmt == "markdown" else self._delegate.plain_text(message)
        QGuiApplication.clipboard().setText(text)
        copied = (
            translate("MessageView", "Copied")
            if fmt == "markdown"
            else translate("MessageView", "Copied as plain text")
        )
        self.show_toast(copied, self.bubble_corner(message_id))
        self.copy_requested.emit(message_id, fmt)

    def _edit_if_user_message(self, message_id: int) -> None:
        message = self._model.message_by_id(message_id) if self._model is not None else None
        if message is not None and message.role == "user":
            self.edit_message(message_id)

    def edit_message(self, message_id: int) -> None:
        self.edit_requested.emit(message_id)

    def regenerate_message(self, message_id: int) -> None:
        self.regenerate_requested.emit(message_id)

    def copy_request_id(self, message_id: int) -> None:
        message = self.message_model().message_by_id(message_id)
        request_id = message.facts.get("request_id") if message else None
        if request_id:
            QGuiApplication.clipboard().setText(str(request_id))
            self.request_id_copied.emit(str(request_id))

    def is_last_assistant(self, message_id: int) -> bool:
        model = self.message_model()
        for row in range(model.rowCount() - 1, -1, -1):
            message = model.message(row)
            if message.role == "assistant":
                return message.id == message_id
        return False

    def _add_shortcuts(self) -> None:
        def on_current(handler: Callable[[int], None]) -> Callable[[], None]:
            def run() -> None:
                index = self.currentIndex()
                if index.isValid():
                    handler(index.data(MessageRole.ID))
            return run

        bindings: list[tuple[str, Callable[[], None]]] = [
            ("Ctrl+C", on_current(lambda mid: self.copy_message(mid, "markdown"))),
            # Ctrl+Shift+C is the window's "copy last reply"; plain text of this message is Ctrl+Alt+C.
            ("Ctrl+Alt+C", on_current(lambda mid: self.copy_message(mid, "text"))),
            ("Ctrl+E", on_current(self._edit_if_user_message)),
            ("Alt+Left", on_current(lambda mid: self.step_version(mid, -1))),
            ("Alt+Right", on_current(lambda mid: self.step_version(mid, +1))),
        ]
        for keys, handler in bindings:
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(handler)
            self.addAction(action)

    # --- waiting countdown -------------------------------------------------------------

    def waiting_text(self, message_id: int) -> str | None:
        """The waiting line as it reads now (None if the message isn't waiting)."""
        waiting = self.message_model().waiting(message_id) if self._model else None
        return None if waiting is None else waiting_text(waiting, self._clock())

    def _update_countdown(self) -> None:
        if self._model is not None and self._model.waiting_ids():
            if not self._countdown.isActive():
                self._countdown.start()
        else:
            self._countdown.stop()

    @property
    def countdown_active(self) -> bool:
        return self._countdown.isActive()

    def _tick_countdown(self) -> None:
        model = self._model
        if model is None:
            return
        for message_id in model.waiting_ids():
            row = model.row_of(message_id)
            if row >= 0:
                self.viewport().update(self.visualRect(model.index(row, 0)))
        self._update_countdown()
