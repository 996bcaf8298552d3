"""A request larger than a whole per-minute budget is never sent: the composer says so and offers the fix."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from groq_desktop import i18n
from groq_desktop.app import icons, theme
from groq_desktop.core.attachments import Attachment
from groq_desktop.core.quota.limits import Cost
from groq_desktop.core.store.storage import Conversation
from groq_desktop.errors import RequestTooLargeError
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate
from groq_desktop.services.chat import ChatService
from groq_desktop.services.reply_budget import limit_named, reply_cap

_MINUTE_TEXTS = {
    "ITPM": QT_TRANSLATE_NOOP(
        "TooLargeBar", "This request needs {requested} input tokens; your limit is {limit} a minute."
    ),
    "OTPM": QT_TRANSLATE_NOOP(
        "TooLargeBar", "This request needs {requested} output tokens; your limit is {limit} a minute."
    ),
    "TPM": QT_TRANSLATE_NOOP(
        "TooLargeBar",
        "This request needs {requested} tokens (prompt and reply); your limit is {limit} a minute.",
    ),
    "RPM": QT_TRANSLATE_NOOP(
        "TooLargeBar", "This request needs {requested} requests; your limit is {limit} a minute."
    ),
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
    dimension = str(error.dimension)
    if dimension in _MINUTE_TEXTS:
        text = translate("TooLargeBar", _MINUTE_TEXTS[dimension])
    elif dimension.endswith("M"):
        text = translate(
            "TooLargeBar", "This request needs {requested} tokens; your limit is {limit} a minute."
        )
    else:
        text = translate(
            "TooLargeBar", "This request needs {requested} tokens; your limit is {limit} in one go."
        )
    return text.format(requested=i18n.number(error.requested), limit=i18n.number(error.limit))


class TooLargeBar(QFrame):
    """Above the composer: why the request was not sent, with the fixes as single clicks."""

    drop_requested = Signal()
    lower_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tooLargeBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("surface", "notice")
        self.error: RequestTooLargeError | None = None
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.drop_button = QPushButton(translate("TooLargeBar", "Drop oldest turns"))
        self.drop_button.setIcon(icons.icon("fold-up"))
        self.drop_button.setToolTip(
            translate("TooLargeBar", "Leave the oldest turns out of what is sent until the request fits"))
        self.lower_button = QPushButton()
        self.lower_button.setToolTip(
            translate("TooLargeBar", "Set this conversation's max reply tokens so the request fits"))
        row = QHBoxLayout(self)
        tokens = theme.tokens()
        row.setContentsMargins(tokens.space_m, tokens.space_xs, tokens.space_m, tokens.space_xs)
        row.addWidget(self.label, 1)
        row.addWidget(self.drop_button)
        row.addWidget(self.lower_button)
        self.drop_button.clicked.connect(self.drop_requested)
        self.lower_button.clicked.connect(self._lower)
        self.hide()

    def show_error(self, error: RequestTooLargeError, can_drop: bool) -> None:
        self.error = error
        self.label.setText(
            translate("TooLargeBar", "{reason} It was not sent.").format(reason=too_large_text(error))
        )
        fit = error.max_tokens_fit
        self.lower_button.setText(
            translate("TooLargeBar", "Lower max tokens to {tokens}").format(tokens=i18n.number(fit))
            if fit
            else ""
        )
        self.lower_button.setVisible(bool(fit))
        self.drop_button.setVisible(can_drop)
        self.show()

    def clear(self) -> None:
        self.error = None
        self.hide()

    def _lower(self) -> None:
        if self.error is not None and self.error.max_tokens_fit:
            self.lower_requested.emit(self.error.max_tokens_fit)
