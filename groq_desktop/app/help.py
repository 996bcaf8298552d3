"""The Help menu's contents: the keyboard shortcuts (the same table as the README's) and About."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from groq_desktop import __version__

# keys, where, action: what works on which panel (tests/app/test_shortcuts.py presses each of them)
SHORTCUTS: tuple[tuple[str, str, str], ...] = (
    ("Ctrl+1 … Ctrl+5", "everywhere", "Chat, Transcribe, Models, Queue & limits, Bulk"),
    ("Ctrl+N", "everywhere", "new conversation"),
    ("Ctrl+O", "everywhere", "transcribe files…"),
    ("Ctrl+,", "everywhere", "settings"),
    ("Ctrl+B", "everywhere", "show or hide the sidebar"),
    ("Ctrl+Q", "everywhere", "quit"),
    ("Enter / Shift+Enter", "Chat", "send / new line (reversible in settings); Ctrl+Enter always sends"),
    ("Esc", "Chat", "close the find bar, else cancel an edit, else stop the reply (or the reading aloud)"),
    ("Ctrl+F", "Chat · Transcribe · Models", "find in the conversation · search the transcript · search models"),
    ("Ctrl+R", "Chat · Transcribe", "regenerate the last reply · retry the selected jobs"),
    ("Ctrl+Shift+C", "Chat · Transcribe", "copy the last reply · copy the whole transcript"),
    ("Ctrl+C / Ctrl+Alt+C / Ctrl+E", "Chat, message list", "copy as Markdown / as plain text / edit (your messages)"),
    ("Alt+Left / Alt+Right", "Chat", "previous / next version of the selected reply"),
    ("Ctrl+Shift+M", "Chat", "dictate (press again to stop)"),
    ("Ctrl+Z", "Chat", "undo deleting a conversation"),
    ("Ctrl+.", "Transcribe", "cancel the selected jobs"),
    ("Delete", "Transcribe · Queue & limits", "remove the selected jobs · cancel the selected requests"),
    ("Ctrl+Up / Ctrl+Down", "Transcribe · Queue & limits", "move the selected jobs · raise / lower priority"),
    ("Ctrl+Shift+P", "Transcribe", "pause or resume the whole queue"),
    ("Ctrl+E", "Transcribe", "export the selected finished jobs"),
    ("F5", "Models", "refresh the model list"),
)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.table = QTableWidget(len(SHORTCUTS), 3)
        self.table.setHorizontalHeaderLabels(["Keys", "Where", "Action"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, cells in enumerate(SHORTCUTS):
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 560)


def about_text(demo: bool) -> str:
    return (
        f"<h3>Groq Desktop {__version__}</h3>"
        "<p>Chat, transcription, a model browser and a queue &amp; quota monitor for Groq's API.</p>"
        + ("<p>Running in <b>demo mode</b> on the built-in Groq emulator.</p>" if demo else "")
    )


def show_about(parent: QWidget, demo: bool) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.NoIcon, "About Groq Desktop", about_text(demo), QMessageBox.StandardButton.Ok,
                      parent)
    box.open()
    return box
