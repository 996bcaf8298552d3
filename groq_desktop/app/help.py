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
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate

# keys, where, action: what works on which panel (tests/app/test_shortcuts.py presses each of them);
# the README's table is this one, in English. Keys stay as printed on keyboards (Qt's Turkish names
# would say "Seçenek" for Alt and "Vazgeç" for Esc).
SHORTCUTS: tuple[tuple[str, str, str], ...] = (
    ("Ctrl+1 … Ctrl+5", QT_TRANSLATE_NOOP("ShortcutsDialog", "everywhere"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "Chat, Transcribe, Models, Queue & limits, Bulk")),
    ("Ctrl+N", QT_TRANSLATE_NOOP("ShortcutsDialog", "everywhere"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "new conversation")),
    ("Ctrl+O", QT_TRANSLATE_NOOP("ShortcutsDialog", "everywhere"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "transcribe files…")),
    ("Ctrl+,", QT_TRANSLATE_NOOP("ShortcutsDialog", "everywhere"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "settings")),
    ("Ctrl+B", QT_TRANSLATE_NOOP("ShortcutsDialog", "everywhere"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "show or hide the sidebar")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("ShortcutsDialog", "everywhere"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "quit")),
    ("Enter / Shift+Enter", QT_TRANSLATE_NOOP("ShortcutsDialog", "Chat"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "send / new line (reversible in settings); Ctrl+Enter always sends")),
    ("Esc", QT_TRANSLATE_NOOP("ShortcutsDialog", "Chat"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "close the find bar, else cancel an edit, else stop the reply (or the reading aloud)")),
    ("Ctrl+F", QT_TRANSLATE_NOOP("ShortcutsDialog", "Chat · Transcribe · Models"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "find in the conversation · search the transcript · search models")),
    ("Ctrl+R", QT_TRANSLATE_NOOP("ShortcutsDialog", "Chat · Transcribe"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "regenerate the last reply · retry the selected jobs")),
    ("Ctrl+Shift+C", QT_TRANSLATE_NOOP("ShortcutsDialog", "Chat · Transcribe"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "copy the last reply · copy the whole transcript")),
    ("Ctrl+C / Ctrl+Alt+C / Ctrl+E", QT_TRANSLATE_NOOP("ShortcutsDialog", "Chat, message list"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "copy as Markdown / as plain text / edit (your messages)")),
    ("Alt+Left / Alt+Right", QT_TRANSLATE_NOOP("ShortcutsDialog", "Chat"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "previous / next version of the selected reply")),
    ("Ctrl+Shift+M", QT_TRANSLATE_NOOP("ShortcutsDialog", "Chat"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "dictate (press again to stop)")),
    ("Ctrl+Z", QT_TRANSLATE_NOOP("ShortcutsDialog", "Chat"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "undo deleting a conversation")),
    ("Ctrl+.", QT_TRANSLATE_NOOP("ShortcutsDialog", "Transcribe"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "cancel the selected jobs")),
    ("Delete", QT_TRANSLATE_NOOP("ShortcutsDialog", "Transcribe · Queue & limits"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "remove the selected jobs · cancel the selected requests")),
    ("Ctrl+Up / Ctrl+Down", QT_TRANSLATE_NOOP("ShortcutsDialog", "Transcribe · Queue & limits"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "move the selected jobs · raise / lower priority")),
    ("Ctrl+Shift+P", QT_TRANSLATE_NOOP("ShortcutsDialog", "Transcribe"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "pause or resume the whole queue")),
    ("Ctrl+E", QT_TRANSLATE_NOOP("ShortcutsDialog", "Transcribe"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "export the selected finished jobs")),
    ("F5", QT_TRANSLATE_NOOP("ShortcutsDialog", "Models"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "refresh the model list")),
)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ShortcutsDialog", "Keyboard shortcuts"))
        self.table = QTableWidget(len(SHORTCUTS), 3)
        self.table.setHorizontalHeaderLabels([
            translate("ShortcutsDialog", "Keys"), translate("ShortcutsDialog", "Where"),
            translate("ShortcutsDialog", "Action"),
        ])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, (keys, where, action) in enumerate(SHORTCUTS):
            cells = (keys, translate("ShortcutsDialog", where), translate("ShortcutsDialog", action))
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
    text = f"<h3>Groq Desktop {__version__}</h3><p>{{about}}</p>".format(about=translate(
        "help", "Chat, transcription, a model browser and a queue &amp; quota monitor for Groq's API."))
    if demo:
        text += "<p>{demo}</p>".format(demo=translate("help", "Running in <b>demo mode</b> on the built-in Groq emulator."))
    return text


def show_about(parent: QWidget, demo: bool) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.NoIcon, translate("help", "About Groq Desktop"), about_text(demo),
                      QMessageBox.StandardButton.Ok, parent)
    box.open()
    return box
