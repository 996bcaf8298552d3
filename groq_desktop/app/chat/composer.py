"""The message composer: a multi-line editor, a live token count, Send/Stop and Regenerate."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QImage, QKeyEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from groq_desktop import i18n
from groq_desktop.app import icons
from groq_desktop.app.chat.attachments import AttachmentStrip
from groq_desktop.app.chat.notice_bar import notice_bar
from groq_desktop.core.attachments.files import kind_of
from groq_desktop.i18n import translate

DEBOUNCE_MS = 150


class ComposerEdit(QPlainTextEdit):
    """Enter sends and Shift+Enter starts a new line (or the reverse); Ctrl+Enter always sends."""

    send_requested = Signal()
    stop_requested = Signal()
    image_pasted = Signal(QImage)
    files_dropped = Signal(list)  # [Path]: images and text-like files, attached to the message

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enter_sends = True

    @staticmethod
    def _attachable(source: QMimeData) -> list[Path] | None:
        """Local files that all become attachments; None when any is not (audio/video go to transcription)."""
        if not source.hasUrls() or not all(url.isLocalFile() for url in source.urls()):
            return None
        paths = [Path(url.toLocalFile()) for url in source.urls()]
        return paths if all(kind_of(p) in ("image", "file") for p in paths) else None

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 - Qt's name
        if self._attachable(source) is not None or (source.hasImage() and not source.hasUrls()):
            return True
        # Other dropped files are for the transcription queue (the window takes them), not file:// text.
        if source.hasUrls() and all(url.isLocalFile() for url in source.urls()):
            return False
        return super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt's name
        paths = self._attachable(source)
        if paths is not None:
            self.files_dropped.emit(paths)
        elif source.hasImage() and not source.hasUrls():
            self.image_pasted.emit(QImage(source.imageData()))
        else:
            super().insertFromMimeData(source)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if not self.canInsertFromMimeData(event.mimeData()):
            event.ignore()  # lets the main window accept it
            return
        super().dragEnterEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            modifiers = event.modifiers()
            if modifiers & Qt.KeyboardModifier.ControlModifier:
                self.send_requested.emit()
                return
            shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
            if shift != self.enter_sends:
                self.send_requested.emit()
                return
            self.insertPlainText("\n")
            return
        if event.key() == Qt.Key.Key_Escape:
            self.stop_requested.emit()
            return
        super().keyPressEvent(event)


class Composer(QWidget):
    send_requested = Signal(str)
    stop_requested = Signal()
    regenerate_requested = Signal()
    drop_turns_requested = Signal()
    draft_changed = Signal(str)  # debounced

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._busy = False
        self.edit = ComposerEdit()
        self.edit.setObjectName("composerEdit")
        self.edit.setPlaceholderText(translate("Composer", "Message the model…"))
        self.edit.setAccessibleName(translate("Composer", "Message"))
        self.edit.setFixedHeight(96)
        self.edit.setTabChangesFocus(True)

        self.tokens_label = QLabel(translate("Composer", "{tokens} tokens").format(tokens=0))
        self.tokens_label.setObjectName("composerTokens")
        self.tokens_label.setProperty("role", "caption")
        self.tokens_label.setToolTip(
            translate(
                "Composer", "Tokens of the conversation plus this draft, against the model's context window"
            )
        )

        self.warning, self.warning_label, self.drop_button = notice_bar(
            "contextWarning",
            translate("Composer", "Drop oldest turns"),
            tooltip=translate(
                "Composer", "Leave the oldest turns out of what is sent (they stay in the history)"
            ),
        )
        self.drop_button.setIcon(icons.icon("fold-up"))
        self.drop_button.clicked.connect(self.drop_turns_requested)
        self.warning.setProperty("surface", "notice")

        self.attachments = AttachmentStrip()
        self.attachments.changed.connect(lambda: self.draft_changed.emit(self.text()))
        self.edit.image_pasted.connect(self.attachments.add_image)
        self.edit.files_dropped.connect(self.attachments.add_paths)
        self.attach_button = QPushButton(translate("Composer", "Attach…"))
        self.attach_button.setIcon(icons.icon("file-add"))
        self.attach_button.setObjectName("attachButton")
        self.attach_button.setToolTip(translate(
            "Composer", "Attach images or files (text, Markdown, code, CSV, JSON, PDF); "
            "or paste an image (Ctrl+V), or drop files on the message box"))
        self.attach_button.clicked.connect(self._pick_files)

        self.regenerate_button = QPushButton(translate("Composer", "Regenerate"))
        self.regenerate_button.setIcon(icons.icon("refresh"))
        self.regenerate_button.setToolTip(translate("Composer", "Write the last reply again (Ctrl+R)"))
        self.regenerate_button.clicked.connect(self.regenerate_requested)
        self.send_button = QPushButton()
        self.send_button.setObjectName("sendButton")
        self.send_button.setDefault(True)
        self.send_button.setProperty("role", "primary")
        self.send_button.clicked.connect(self._on_button)

        # The token count has a line of its own, so the tools and buttons fit a 900 px window.
        buttons = self._buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.regenerate_button)
        buttons.addWidget(self.send_button)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.warning)
        column.addWidget(self.attachments)
        column.addWidget(self.edit)
        tokens_row = QHBoxLayout()  # Attach sits with the count: the button row is full at 900 px
        tokens_row.addWidget(self.tokens_label, 1)
        tokens_row.addWidget(self.attach_button)
        column.addLayout(tokens_row)
        column.addLayout(buttons)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(lambda: self.draft_changed.emit(self.text()))
        self.edit.textChanged.connect(self._debounce.start)
        self.edit.send_requested.connect(self._on_send_key)
        self.edit.stop_requested.connect(self.stop_requested)
        self.set_enter_sends(True)
        self.set_busy(False)

    # --- state --------------------------------------------------------------------

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)

    def clear(self) -> None:
        self.edit.clear()
        self.attachments.clear()

    def insert_at_cursor(self, text: str) -> None:
        """Dictated text goes where the cursor is, not sent, so it can be edited first."""
        self.edit.insertPlainText(text)
        self.edit.setFocus()

    def add_tool(self, widget: QWidget) -> None:
        """A control at the start of the button row (the mic button)."""
        self._buttons.insertWidget(0, widget)
        self._follow_layout_with_tab()

    def _follow_layout_with_tab(self) -> None:
        """Tab goes Attach, then the button row from left to right (tools are added later, at its start)."""
        row: list[QWidget] = [self.attach_button]
        for i in range(self._buttons.count()):
            item = self._buttons.itemAt(i).widget()
            if item is None:
                continue
            own = [item] if item.focusPolicy() & Qt.FocusPolicy.TabFocus else []
            row += own or [c for c in item.findChildren(QWidget) if c.focusPolicy() & Qt.FocusPolicy.TabFocus]
        for first, second in zip(row, row[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def stop_timers(self) -> None:
        self._debounce.stop()

    def set_enter_sends(self, enter_sends: bool) -> None:
        self.edit.enter_sends = enter_sends
        send_key, newline_key = ("Enter", "Shift+Enter") if enter_sends else ("Shift+Enter", "Enter")
        self.edit.setToolTip(
            translate(
                "Composer", "{send_key} or Ctrl+Enter sends · {newline_key} starts a new line · Esc stops"
            ).format(send_key=send_key, newline_key=newline_key)
        )
        self._send_key = send_key
        self._update_button()

    def set_busy(self, busy: bool) -> None:
        """While a reply is being written the button stops it."""
        self._busy = busy
        self.regenerate_button.setEnabled(not busy)
        self._update_button()

    @property
    def busy(self) -> bool:
        return self._busy

    def set_token_usage(self, tokens: int, window: int, *, fits: bool = True) -> None:
        self.tokens_label.setText(translate("Composer", "{tokens} / {window} tokens").format(
            tokens=i18n.number(tokens), window=i18n.number(window)))
        over = tokens >= window or not fits
        if over:
            self.warning_label.setText(
                translate(
                    "Composer",
                    "⚠ This conversation ({tokens} tokens) will not fit the model's context window of "
                    "{window} tokens with room for a reply. Drop the oldest turns or start a new conversation.",
                ).format(tokens=i18n.number(tokens), window=i18n.number(window))
            )
        self.warning.setVisible(over)

    def _update_button(self) -> None:
        if self._busy:
            self.send_button.setText(translate("Composer", "Stop"))
            self.send_button.setIcon(icons.icon("debug-stop"))
            self.send_button.setProperty("role", "danger")
            self.send_button.setToolTip(
                translate("Composer", "Stop the reply; the text so far is kept (Esc)")
            )
        else:
            self.send_button.setText(translate("Composer", "Send"))
            self.send_button.setIcon(icons.icon("send"))
            self.send_button.setProperty("role", "primary")
            self.send_button.setToolTip(
                translate("Composer", "Send ({send_key} or Ctrl+Enter)").format(send_key=self._send_key))
        self.send_button.style().unpolish(self.send_button)  # the style sheet re-reads the role
        self.send_button.style().polish(self.send_button)

    def _on_button(self) -> None:
        if self._busy:
            self.stop_requested.emit()
        else:
            self._on_send_key()

    def _on_send_key(self) -> None:
        if self._busy:
            return
        text = self.text()
        if self.attachments.pending or self.attachments.refusal:
            return  # the strip says what is still being prepared, or why it cannot go
        if text.strip() or self.attachments.attachments():
            self.send_requested.emit(text)

    def _pick_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, translate("Composer", "Attach images or files"), "",
            translate("Composer", "Images and files ({patterns});;All files (*)").format(
                patterns="*.png *.jpg *.jpeg *.webp *.gif *.bmp *.txt *.md *.csv *.json *.py *.pdf"),
        )
        if names:
            self.attachments.add_paths([Path(n) for n in names])
