"""What an empty conversation shows: three starter prompts (click one to put it in the composer) and the keys.

It lies over the message view's viewport while the view has no rows, and hides as soon as one arrives.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from groq_desktop.app import theme
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate

STARTER_PROMPTS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("ChatEmptyState", "Explain tokens-per-minute rate limits with a small example"),
    QT_TRANSLATE_NOOP(
        "ChatEmptyState", "Write a Python function that splits a long audio file into 10-minute parts"
    ),
    QT_TRANSLATE_NOOP("ChatEmptyState", "Summarise the text I paste next in five bullet points"),
)
"""In English; shown (and put in the composer) translated: ``translate("ChatEmptyState", prompt)``."""
SHORTCUTS_TEXT = QT_TRANSLATE_NOOP(
    "ChatEmptyState",
    "Enter sends · Shift+Enter new line · Ctrl+N new chat · Ctrl+F find · "
    "Ctrl+O transcribe files · Ctrl+1…5 switch areas",
)


def put_in_composer(edit: QPlainTextEdit, text: str) -> None:
    """A starter prompt goes into the composer, cursor at its end, to be edited or sent."""
    edit.setPlainText(text)
    edit.moveCursor(QTextCursor.MoveOperation.End)
    edit.setFocus(Qt.FocusReason.OtherFocusReason)


class ChatEmptyState(QWidget):
    prompt_chosen = Signal(str)

    def __init__(self, view: QAbstractItemView, model: QAbstractItemModel) -> None:
        super().__init__(view.viewport())
        self.setObjectName("chatEmptyState")
        self._view = view
        self._model = model
        tokens = theme.tokens()
        title = QLabel(translate("ChatEmptyState", "Start with one of these, or type your own below"))
        title.setObjectName("emptyTitle")
        title.setProperty("role", "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * tokens.title_scale)
        title.setFont(font)
        chips = QVBoxLayout()  # one under another: long prompts never run out of a narrow view
        chips.setSpacing(tokens.space_m)
        self.chips: list[QPushButton] = []
        for source in STARTER_PROMPTS:
            prompt = translate("ChatEmptyState", source)
            chip = QPushButton(prompt)
            chip.setObjectName("starterPrompt")
            # Reachable by Tab; a click must not take the focus from the composer it fills.
            chip.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.clicked.connect(lambda _checked=False, text=prompt: self.prompt_chosen.emit(text))
            chips.addWidget(chip, 0, Qt.AlignmentFlag.AlignHCenter)
            self.chips.append(chip)
        self.setStyleSheet(
            f"QPushButton#starterPrompt {{ border: 1px solid palette(mid); border-radius: {tokens.radius_large}px;"
            f" padding: {tokens.space_s + 2}px {tokens.space_l + 2}px; background: palette(base); }}"
            "QPushButton#starterPrompt:hover, QPushButton#starterPrompt:focus { border-color: palette(highlight); }"
        )
        keys = QLabel(translate("ChatEmptyState", SHORTCUTS_TEXT))
        keys.setProperty("role", "caption")
        keys.setObjectName("emptyShortcuts")
        keys.setAlignment(Qt.AlignmentFlag.AlignCenter)
        keys.setWordWrap(True)
        keys.setEnabled(False)  # the palette's quiet text colour
        column = QVBoxLayout(self)
        column.addStretch(1)
        column.addWidget(title)
        column.addLayout(chips)
        column.addWidget(keys)
        column.addStretch(1)
        view.viewport().installEventFilter(self)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.update_visibility)
        self.update_visibility()

    def update_visibility(self, *_args: object) -> None:
        self.setGeometry(self._view.viewport().rect())
        self.setVisible(self._model.rowCount() == 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self._view.viewport().rect())
        return False
