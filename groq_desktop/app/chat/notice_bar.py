"""The thin strip the chat shows above or below its content: a message and one action (undo a delete,
switch from a retired model, include left-out turns, cancel an edit, drop turns that won't fit)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton


def notice_bar(
    object_name: str, button_text: str, *, tooltip: str = "", margins: tuple[int, int, int, int] = (8, 4, 8, 4)
) -> tuple[QFrame, QLabel, QPushButton]:
    """A hidden bar, its wrapping label and its button."""
    bar = QFrame()
    bar.setObjectName(object_name)
    bar.setFrameShape(QFrame.Shape.StyledPanel)
    bar.setProperty("surface", "notice")  # the application style sheet gives it the notice look
    row = QHBoxLayout(bar)
    row.setContentsMargins(*margins)
    label = QLabel()
    label.setWordWrap(True)
    button = QPushButton(button_text)
    button.setToolTip(tooltip)
    row.addWidget(label, 1)
    row.addWidget(button)
    bar.hide()
    return bar, label, button
