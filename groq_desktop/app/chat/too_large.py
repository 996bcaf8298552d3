"""A request larger than a whole per-minute budget is never sent: the composer says so and offers the fix."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from groq_desktop.core.attachments import Attachment
from groq_desktop.core.quota.limits import Cost
from groq_desktop.core.store.storage import Conversation
from groq_desktop.errors import RequestTooLargeError
from groq_desktop.services.chat import ChatService
from groq_desktop.services.reply_budget import limit_named, reply_cap

_WHAT = {
    "ITPM": "input tokens",
    "OTPM": "output tokens",
    "TPM": "tokens (prompt and reply)",
    "RPM": "requests",
}


def request_too_large(
    chat: ChatService, conversation: Conversation, draft: str, attachments: Sequence[Attachment] = ()
) -> RequestTooLargeError | None:
    """Why sending ``draft`` (with its attachments) now could never be granted, reserving what the send
    itself would; else None.

    Blocking (tokenises): call it through ``asyncio.to_thread``.
    """
    model = conversation.model
    prompt, window = chat.context_usage(conversation.id, draft, model, attachments)
    cap = reply_cap(chat.reply_limit(model, prompt), window - prompt) or 1
    wanted = conversation.params.get("max_completion_tokens")
    if wanted or limit_named(chat.limiter, model, "OTPM"):
        reserve = max(1, reply_cap(int(wanted), cap) if wanted else cap)
    else:
        reserve = chat.estimator.estimate(model, cap)
    return chat.limiter.too_large(model, Cost.chat(prompt, reserve))


def too_large_text(error: RequestTooLargeError) -> str:
    """ "This request needs 12,300 input tokens; your limit is 8,000 a minute." """
    if error.requested is None or error.limit is None:
        return error.user_text()
    what = _WHAT.get(str(error.dimension), "tokens")
    per = "a minute" if str(error.dimension).endswith("M") else "in one go"
    return f"This request needs {error.requested:,.0f} {what}; your limit is {error.limit:,.0f} {per}."


class TooLargeBar(QFrame):
    """Above the composer: why the request was not sent, with the fixes as single clicks."""

    drop_requested = Signal()
    lower_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tooLargeBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.error: RequestTooLargeError | None = None
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.drop_button = QPushButton("Drop oldest turns")
        self.drop_button.setToolTip("Leave the oldest turns out of what is sent until the request fits")
        self.lower_button = QPushButton()
        self.lower_button.setToolTip("Set this conversation's max reply tokens so the request fits")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        row.addWidget(self.label, 1)
        row.addWidget(self.drop_button)
        row.addWidget(self.lower_button)
        self.drop_button.clicked.connect(self.drop_requested)
        self.lower_button.clicked.connect(self._lower)
        self.hide()

    def show_error(self, error: RequestTooLargeError, can_drop: bool) -> None:
        self.error = error
        self.label.setText(too_large_text(error) + " It was not sent.")
        fit = error.max_tokens_fit
        self.lower_button.setText(f"Lower max tokens to {fit:,}" if fit else "")
        self.lower_button.setVisible(bool(fit))
        self.drop_button.setVisible(can_drop)
        self.show()

    def clear(self) -> None:
        self.error = None
        self.hide()

    def _lower(self) -> None:
        if self.error is not None and self.error.max_tokens_fit:
            self.lower_requested.emit(self.error.max_tokens_fit)
