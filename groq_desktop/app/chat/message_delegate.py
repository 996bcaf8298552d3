"""Paints one chat message: a bubble with rendered Markdown, reasoning, facts, status and actions.

Speed comes from caching: every message keeps its laid-out documents, keyed by (revision, width,
palette), so painting a finished row is just drawing. A streaming reply keeps its renderer and the
documents of its finished blocks ("sealed" documents); an update re-sets only the small live
document at the end. Rows never laid out get an estimated height until they are first painted.

Qt re-measures every row (one Python ``sizeHint`` call each) whenever any row's size changes, so
``sizeHint`` answers from a per-row cache, exact heights outlive evicted documents, and the view is
told about changed heights through ``reflow_requested`` (it decides when to re-flow) rather than by
``sizeHintChanged`` straight away.
"""

from __future__ import annotations

import math
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from groq_desktop import i18n
from groq_desktop.app import icons
from groq_desktop.app import theme as app_theme
from groq_desktop.app.chat import emoji_fallback
from groq_desktop.app.chat.attachments import BUBBLE_THUMB_HEIGHT, ThumbnailCache
from groq_desktop.app.chat.markdown_render import (
    COPY_LINK_PREFIX,
    CodeColours,
    IncrementalMarkdown,
    code_style_rules,
    markdown_to_plain,
    style_sheet_for,
)
from groq_desktop.app.chat.message_model import MessageListModel, MessageRole, Waiting
from groq_desktop.app.chat.tool_activity import executed_tools, shown_text, tools_html, tools_label
from groq_desktop.core.attachments import Attachment
from groq_desktop.core.store.storage import Message
from groq_desktop.errors import format_wait
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate

ModelIndex = QModelIndex | QPersistentModelIndex
Clock = Callable[[], float]

ROW_GAP = 6
SIDE_MARGIN = 16
BUBBLE_PAD_X = 14
BUBBLE_PAD_Y = 10
USER_MAX_FRACTION = 0.78
ASSISTANT_MAX_WIDTH = 920
SECTION_GAP = 6
WAIT_SHOWN_S = 0.05
"""Shorter waits before sending are not worth a mention in the facts line."""
SENT_TEXT = QT_TRANSLATE_NOOP("MessageDelegate", "Sent · thinking…")
"""A reply sent to Groq whose first token has not come yet (queued ones say so instead)."""
SEAL_HTML_CHARS = 6000
"""A streaming reply's finished blocks are frozen into a new document once this much HTML waits."""
CONTENT_CACHE_SIZE = 200
"""Messages whose documents are kept (least recently painted are dropped first)."""
RENDER_CACHE_SIZE = 1000
"""Messages whose rendered HTML is kept after their documents were dropped (re-showing skips Markdown)."""
LAYOUT_WINDOW_S = 0.100
LAYOUT_BUDGET_S = 0.020
"""While the user scrolls, laying out newly shown rows may take this much of every LAYOUT_WINDOW_S;
rows beyond it are drawn as empty bubbles and finished when the window ends, so scrolling past
long messages never blocks input for long (the first row of a window is always laid out)."""

ACTION_BAR_PAD = 4
"""The hover/keyboard action bar sits this far inside the bubble's top-right corner."""
BUSY_STATUSES = frozenset({"streaming", "waiting"})


@dataclass(frozen=True)
class BarButton:
    rect: QRect
    """Relative to the row's top-left corner, like everything in ``RowLayout``."""
    label: str
    action: tuple[Any, ...]
    tooltip: str
    icon: str = ""
    """The Codicons glyph drawn before the label."""


_DIMENSION_WORDS = {
    "TPM": QT_TRANSLATE_NOOP("MessageDelegate", "tokens-per-minute"),
    "RPM": QT_TRANSLATE_NOOP("MessageDelegate", "requests-per-minute"),
    "TPD": QT_TRANSLATE_NOOP("MessageDelegate", "tokens-per-day"),
    "RPD": QT_TRANSLATE_NOOP("MessageDelegate", "requests-per-day"),
    "ASH": QT_TRANSLATE_NOOP("MessageDelegate", "audio-seconds-per-hour"),
    "ASD": QT_TRANSLATE_NOOP("MessageDelegate", "audio-seconds-per-day"),
}


def _dimension_words(code: str) -> str:
    return (
        translate("MessageDelegate", _DIMENSION_WORDS[code.upper()])
        if code.upper() in _DIMENSION_WORDS
        else code
    )


# --- texts (pure functions, tested directly) -----------------------------------------------


def waiting_text(waiting: Waiting, now: float) -> str:
    """``Waiting for tokens-per-minute quota — 12 s``: the reason, then the live countdown."""
    reason = waiting.reason.strip()
    code = reason.split(":", 1)[0].split(" ", 1)[0].upper()
    if code in _DIMENSION_WORDS:
        head = translate("MessageDelegate", "Waiting for {dimension} quota").format(
            dimension=_dimension_words(code)
        )
    else:
        head = reason  # the scheduler's own words ("Queued behind 2 requests"), already translated
    if waiting.until is None:
        return head
    return f"{head} — {format_wait(math.ceil(max(0.0, waiting.until - now)))}"


def short_request_id(request_id: str) -> str:
    return request_id if len(request_id) <= 12 else request_id[:10] + "…"


def facts_text(model: str | None, facts: dict[str, Any]) -> tuple[str, str | None]:
    """The facts line and the request id.

    ``model · TTFT 120 ms · 1,234 tok/s · 512 in / 2,048 out · waited 3.1 s for requests-per-minute quota ·
    Groq queue 12 ms``: our own wait before sending, then the time Groq's queue held the request.
    """
    parts: list[str] = []
    if model := model or facts.get("model"):
        parts.append(str(model))
    if (ttft := _number(facts.get("ttft"))) is not None:
        parts.append(translate("MessageDelegate", "TTFT {ms} ms").format(ms=i18n.number(ttft * 1000)))
    if (tps := _number(facts.get("tokens_per_second"))) is not None:
        parts.append(translate("MessageDelegate", "{rate} tok/s").format(rate=i18n.number(tps)))
    prompt, completion = _number(facts.get("prompt_tokens")), _number(facts.get("completion_tokens"))
    if prompt is not None or completion is not None:
        parts.append(translate("MessageDelegate", "{prompt} in / {completion} out").format(
            prompt=i18n.number(prompt or 0), completion=i18n.number(completion or 0)))
    if (waited := _number(facts.get("waited"))) is not None and waited >= WAIT_SHOWN_S:
        parts.append(_waited_text(waited, facts.get("waited_for")))
    if cached := _number(facts.get("cached_tokens")):
        # Of the prompt, read from Groq's cache at half price.
        parts.append(translate("MessageDelegate", "{tokens} cached").format(tokens=i18n.number(cached)))
    if (queue := _number(facts.get("queue_time"))) is not None:
        parts.append(translate("MessageDelegate", "Groq queue {ms} ms").format(ms=i18n.number(queue * 1000)))
    if isinstance(calls := facts.get("tool_calls"), list) and calls:
        costs = [c for call in calls if isinstance(call, dict) and (c := _number(call.get("cost"))) is not None]
        count = len(calls)  # a variable: lupdate skips a call whose count is itself a call
        if costs:
            parts.append(
                translate("MessageDelegate", "%n tool call(s) (${cost} reported)", None, count).format(
                    cost=i18n.number(sum(costs), 4)
                )
            )
        else:
            parts.append(translate("MessageDelegate", "%n tool call(s)", None, count))
    request_id = facts.get("request_id")
    return " · ".join(parts), (str(request_id) if request_id else None)


def _waited_text(seconds: float, dimensions: Any) -> str:
    codes = [str(d) for d in dimensions] if isinstance(dimensions, list) else []
    if not codes:  # behind earlier requests of ours, not for quota
        return translate("MessageDelegate", "waited {seconds} s before sending").format(
            seconds=i18n.number(seconds, 1)
        )
    words = _dimension_words(codes[0])
    for code in codes[1:]:
        words = translate("MessageDelegate", "{first} and {second}").format(
            first=words, second=_dimension_words(code)
        )
    return translate("MessageDelegate", "waited {seconds} s for {dimensions} quota").format(
        seconds=i18n.number(seconds, 1), dimensions=words)


def _number(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _blend(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def is_dark(palette: QPalette) -> bool:
    return app_theme.is_dark(palette)


# --- cached per-message state ----------------------------------------------------------------


@dataclass
class Theme:
    """The delegate's colours and document style sheet, from ``theme.tokens()`` of the view's palette."""

    key: tuple[int, ...]
    stylesheet: str
    code_rules: Mapping[str, str]
    """Rules of code boxes and highlighting by class: a document gets those its HTML uses (``stylesheet_for``)."""
    text: QColor
    muted: QColor
    bubble_user: QColor
    bubble_user_border: QColor
    bubble_assistant: QColor
    border: QColor
    accent: QColor
    on_accent: QColor
    link: QColor
    error_back: QColor
    error_text: QColor
    find_back: QColor
    chip: QColor
    """Small filled shapes inside a bubble: reasoning and tools headers, badges, file chips."""
    radius: int
    radius_small: int
    dark: bool

    def stylesheet_for(self, html: str) -> str:
        return self.stylesheet + style_sheet_for(html, self.code_rules)

    @classmethod
    def from_palette(cls, palette: QPalette) -> Theme:
        tokens = app_theme.tokens(palette)
        text, base = tokens.text, tokens.surface
        inline_code = _blend(tokens.code_background, text, 0.05 if tokens.dark else 0.03)
        code = CodeColours(
            background=tokens.code_background.name(),
            header=_blend(tokens.code_background, text, 0.05).name(),
            border=tokens.code_border.name(),
            text=text.name() if not tokens.dark else _blend(text, tokens.code_background, 0.15).name(),
            muted=tokens.muted_text.name(),
            dark=tokens.dark,
        )
        stylesheet = (
            f"a {{ color: {tokens.link.name()}; text-decoration: none; }}"
            f"code {{ background-color: {inline_code.name()}; font-family: monospace; }}"
            "p { margin-top: 0px; margin-bottom: 8px; }"
            "ul, ol { margin-top: 0px; margin-bottom: 8px; }"
            "li { margin-bottom: 2px; }"
            "h1 { font-size: x-large; margin-top: 6px; margin-bottom: 6px; }"
            "h2 { font-size: large; margin-top: 6px; margin-bottom: 6px; }"
            "h3, h4, h5, h6 { font-size: medium; margin-top: 4px; margin-bottom: 4px; }"
            f"th {{ background-color: {tokens.raised.name()}; }}"
            "table { border-collapse: collapse; margin-bottom: 8px; }"
            # Qt takes a table's rule colour from its cells, not from the table.
            f"table.markdownTable td, table.markdownTable th {{ border-color: {tokens.border.name()};"
            " border-style: solid; border-width: 1px; }"
            "pre { margin: 0px; font-family: monospace; }"
            f"blockquote {{ color: {tokens.muted_text.name()}; margin-left: 12px; }}"
        )
        return cls(
            key=(base.rgb(), text.rgb(), tokens.link.rgb(), palette.color(QPalette.ColorRole.Window).rgb()),
            stylesheet=stylesheet,
            code_rules=code_style_rules(code),
            text=text,
            muted=tokens.muted_text,
            bubble_user=tokens.user_bubble,
            bubble_user_border=_blend(tokens.user_bubble, tokens.accent, 0.18),
            bubble_assistant=tokens.assistant_bubble,
            border=tokens.border,
            accent=tokens.accent,
            on_accent=tokens.on_accent,
            link=tokens.link,
            error_back=_blend(base, tokens.danger, 0.18 if tokens.dark else 0.08),
            error_text=tokens.danger,
            find_back=_blend(base, tokens.warning, 0.55 if tokens.dark else 0.35),
            chip=_blend(tokens.assistant_bubble, text, 0.07 if tokens.dark else 0.05),
            radius=tokens.radius_large,
            radius_small=tokens.radius,
            dark=tokens.dark,
        )


@dataclass
class ContentDocs:
    """The rendered content of one message: frozen documents of finished blocks + one live document."""

    renderer: IncrementalMarkdown = field(default_factory=IncrementalMarkdown)
    sealed: list[QTextDocument] = field(default_factory=list)
    sealed_blocks: int = 0
    live: QTextDocument | None = None
    live_html: str = ""
    width: float = -1.0
    theme_key: tuple[int, ...] = ()
    font_key: str = ""

    sealed_sizes: list[tuple[int, int]] = field(default_factory=list)
    """(height, ideal width) of each sealed document: they never change at a given width."""

    def documents(self) -> list[QTextDocument]:
        return [*self.sealed, *([self.live] if self.live is not None and self.live_html else [])]

    def sizes(self) -> list[tuple[int, int]]:
        """(height, ideal width) of each of ``documents()``; asks Qt only about the live document."""
        if self.live is None or not self.live_html:
            return list(self.sealed_sizes)
        return [*self.sealed_sizes, document_size(self.live)]


def document_size(doc: QTextDocument) -> tuple[int, int]:
    return math.ceil(doc.size().height()), math.ceil(doc.idealWidth())


@dataclass(frozen=True)
class LayoutContext:
    """What every row's layout depends on besides its own data; refreshed once per re-flow or paint."""

    width: int
    theme: Theme
    font: QFont
    font_key: str
    average_char_width: int
    line_spacing: int
    line_height: int


@dataclass
class Hit:
    rect: QRect
    action: tuple[Any, ...]


@dataclass
class RowLayout:
    """Where everything of one row goes, relative to the row's top-left corner."""

    key: tuple[Any, ...]
    height: int
    bubble: QRect
    content_origin: QPoint
    doc_offsets: list[int]
    """y of each content document relative to content_origin."""
    reasoning_header: QRect | None = None
    reasoning_label: str = ""
    reasoning_doc: QTextDocument | None = None
    reasoning_origin: QPoint | None = None
    tools_header: QRect | None = None
    tools_label: str = ""
    tools_doc: QTextDocument | None = None
    tools_origin: QPoint | None = None
    placeholder: QRect | None = None
    badge: tuple[QRect, str] | None = None
    error_box: QRect | None = None
    error_text: tuple[QRect, str] | None = None
    hint_text: tuple[QRect, str] | None = None
    retry_button: QRect | None = None
    waiting_line: QRect | None = None
    cancel_button: QRect | None = None
    facts: tuple[QRect, str] | None = None
    request_id: tuple[QRect, str] | None = None
    versions: tuple[QRect, QRect, QRect, str] | None = None
    """The reply's version switcher under the bubble: previous arrow, label ("2/3"), next arrow."""
    images: list[tuple[QRect, Attachment]] = field(default_factory=list)
    """Attached images' thumbnails (decoded lazily when painted)."""
    files: list[tuple[QRect, str]] = field(default_factory=list)
    """Attached files' chips (click to show or hide the text)."""
    file_docs: list[tuple[QPoint, QTextDocument]] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)


FILE_PREVIEW_CHARS = 4000
"""An opened file chip shows this much of the file's text."""


class MessageDelegate(QStyledItemDelegate):
    def __init__(self, view: QAbstractItemView, *, clock: Clock = time.monotonic) -> None:
        super().__init__(view)
        self._view = view
        self._clock = clock
        self._content: OrderedDict[int, ContentDocs] = OrderedDict()
        self._rows: dict[int, RowLayout] = {}
        self._reasoning: dict[int, tuple[tuple[Any, ...], QTextDocument]] = {}
        self._estimated: set[int] = set()
        """Rows whose last size hint was an estimate: the view's flow must be redone once they are exact."""
        self._estimates: dict[int, tuple[int, int, int]] = {}  # id -> (revision, width, height)
        self._exact: dict[int, tuple[tuple[Any, ...], int]] = {}
        """id -> (layout key, height): exact heights, kept after the documents are evicted."""
        self._hints: dict[int, tuple[QSize, int]] = {}
        """row -> (size hint, message id if the hint is an estimate else -1); see ``sizeHint``."""
        self._reflow_pending = False
        self._renderers: OrderedDict[int, IncrementalMarkdown] = OrderedDict()
        self._window_start = -1e9
        self._window_spent = 0.0
        self._deferred_update = False
        self.limit_layouts: Callable[[], bool] = lambda: False
        """True while layout work should be spread out (the view: while the user scrolls)."""
        self.deferred_rows = 0
        """Rows drawn as placeholders because a paint pass ran out of layout time (a benchmark hook)."""
        self.reflow_requested: Callable[[bool], None] | None = None
        """Called when row heights changed (True: the streaming row grew); the view re-flows when it
        suits it. Without it the delegate emits ``sizeHintChanged`` on the next event-loop pass."""
        self._expanded: dict[int, bool] = {}
        self._tools_expanded: dict[int, bool] = {}
        self._files_open: set[tuple[int, int]] = set()  # (message id, attachment index) showing their text
        self.thumbnails: ThumbnailCache | None = None
        """Set by the panel (it knows where images are stored); without it images are drawn as boxes."""
        self._theme: Theme | None = None
        self._context: LayoutContext | None = None
        self._model: MessageListModel | None = None
        self.find_term = ""
        self.bar_ids: frozenset[int] = frozenset()
        """Messages showing their action bar (Copy, Edit, Regenerate): the hovered one and the selected one."""
        self.can_regenerate: Callable[[Message], bool] = lambda message: False
        self.layout_count = 0
        self.layouts_by_id: Counter[int] = Counter()
        """Document layouts done per message id (a test hook: finished rows must not re-layout)."""
        self.on_paint: Callable[[int], None] | None = None
        """Called with the message id after each row is painted (benchmarks hook here)."""

    # --- public helpers ----------------------------------------------------------------

    def theme(self) -> Theme:
        palette = self._view.palette()
        key = (
            palette.color(QPalette.ColorRole.Base).rgb(),
            palette.color(QPalette.ColorRole.Text).rgb(),
            palette.color(QPalette.ColorRole.Link).rgb(),
            palette.color(QPalette.ColorRole.Window).rgb(),
        )
        if self._theme is None or self._theme.key != key:
            self._theme = Theme.from_palette(palette)
        return self._theme

    def reasoning_expanded(self, message: Message) -> bool:
        default = not message.content
        return self._expanded.get(message.id, default)

    def toggle_reasoning(self, message: Message, index: ModelIndex) -> None:
        self._expanded[message.id] = not self.reasoning_expanded(message)
        self._refresh_row(message, index)

    def tools_expanded(self, message: Message) -> bool:
        return self._tools_expanded.get(message.id, False)

    def toggle_tools(self, message: Message, index: ModelIndex) -> None:
        self._tools_expanded[message.id] = not self.tools_expanded(message)
        self._refresh_row(message, index)

    def tools_document(self, message_id: int) -> QTextDocument | None:
        layout = self._rows.get(message_id)
        return layout.tools_doc if layout is not None else None

    def code_blocks(self, message: Message) -> list[str]:
        docs = self._content.get(message.id)
        if docs is None or docs.renderer.text != shown_text(message):
            renderer = IncrementalMarkdown()
            renderer.feed(shown_text(message))
            return list(renderer.code_blocks)
        return list(docs.renderer.code_blocks)

    def plain_text(self, message: Message) -> str:
        return markdown_to_plain(message.content)

    def row_layout(self, index: ModelIndex) -> RowLayout:
        """The exact layout of a row at the current width (built if needed)."""
        message: Message = index.data(MessageRole.MESSAGE)
        return self._layout(message, index.data(MessageRole.REVISION), index.data(MessageRole.WAITING))

    def content_documents(self, message_id: int) -> list[QTextDocument]:
        docs = self._content.get(message_id)
        return docs.documents() if docs else []

    def forget(self, message_ids: set[int] | None = None) -> None:
        """Drop cached layouts (all, or of some messages)."""
        self._hints.clear()
        if message_ids is None:
            self._content.clear()
            self._rows.clear()
            self._reasoning.clear()
            self._estimated.clear()
            self._estimates.clear()
            self._exact.clear()
            self._renderers.clear()
            return
        for message_id in message_ids:
            self._content.pop(message_id, None)
            self._rows.pop(message_id, None)
            self._reasoning.pop(message_id, None)
            self._estimated.discard(message_id)
            self._estimates.pop(message_id, None)
            self._exact.pop(message_id, None)
            self._renderers.pop(message_id, None)

    def refresh_if_laid_out(self, index: ModelIndex) -> None:
        """After a row's data changed: re-lay it out now if it was laid out before (the streaming row)."""
        message: Message | None = index.data(MessageRole.MESSAGE)
        if message is None or message.id not in self._rows:
            return
        self._refresh_row(message, index)

    def make_exact(self, index: ModelIndex) -> bool:
        """Lay the row out exactly; True if the view still has another height for it (re-flow needed)."""
        layout = self.row_layout(index)
        message: Message = index.data(MessageRole.MESSAGE)
        return message.id in self._estimated and layout is not None

    def action_bar(self, index: ModelIndex) -> list[BarButton]:
        """The row's action bar (Copy, Edit, Regenerate) inside its bubble's top-right corner."""
        message: Message = index.data(MessageRole.MESSAGE)
        if message is None or message.role == "system":
            return []
        layout = self.row_layout(index)
        small = QFont(self._font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        metrics = QFontMetrics(small)
        buttons: list[tuple[str, tuple[Any, ...], str, str]] = []
        if message.content:
            buttons.append(
                (
                    translate("MessageDelegate", "Copy"),
                    ("copy_message", message.id),
                    translate("MessageDelegate", "Copy as Markdown (Ctrl+C; Ctrl+Alt+C: plain text)"),
                    "copy",
                )
            )
        if message.role == "user":
            buttons.append(
                (
                    translate("MessageDelegate", "Edit"),
                    ("edit", message.id),
                    translate("MessageDelegate", "Edit and resend (Ctrl+E); later turns are dropped"),
                    "edit",
                )
            )
        elif message.status not in BUSY_STATUSES and self.can_regenerate(message):
            buttons.append((translate("MessageDelegate", "Regenerate"), ("regenerate", message.id),
                            translate("MessageDelegate", "Write this reply again (Ctrl+R)"), "refresh"))
        height = metrics.height() + 6
        glyph = metrics.height() + 2  # the icon's room before the label
        widths = [metrics.horizontalAdvance(label) + 14 + glyph for label, _, _, _ in buttons]
        total = sum(widths) + 3 * max(0, len(widths) - 1)
        bubble = layout.bubble
        # Beside the bubble where there is room (it covers no text), else inside its top-right corner.
        if message.role == "user" and bubble.left() - SIDE_MARGIN >= total + ACTION_BAR_PAD:
            right = bubble.left() - ACTION_BAR_PAD
        elif message.role != "user" and self._width() - SIDE_MARGIN - bubble.right() >= total + ACTION_BAR_PAD:
            right = bubble.right() + ACTION_BAR_PAD + total
        else:
            right = bubble.right() - ACTION_BAR_PAD
        placed: list[BarButton] = []
        for (label, action, tooltip, icon), width in zip(reversed(buttons), reversed(widths), strict=True):
            rect = QRect(right - width + 1, bubble.top() + ACTION_BAR_PAD, width, height)
            if rect.left() < ACTION_BAR_PAD:
                break  # a very narrow view shows what fits (every action is also in the menu)
            placed.insert(0, BarButton(rect, label, action, tooltip, icon))
            right = rect.left() - 3
        return placed

    def bar_button_at(self, index: ModelIndex, pos: QPoint, row_rect: QRect) -> BarButton | None:
        if index.data(MessageRole.ID) not in self.bar_ids:
            return None
        local = pos - row_rect.topLeft()
        return next((b for b in self.action_bar(index) if b.rect.contains(local)), None)

    def action_at(self, index: ModelIndex, pos: QPoint, row_rect: QRect) -> tuple[Any, ...] | None:
        """What a click at ``pos`` (viewport coordinates) on this row would do, if anything."""
        button = self.bar_button_at(index, pos, row_rect)
        if button is not None:
            return button.action
        layout = self.row_layout(index)
        local = pos - row_rect.topLeft()
        for hit in layout.hits:
            if hit.rect.contains(local):
                return hit.action
        message: Message = index.data(MessageRole.MESSAGE)
        if layout.tools_doc is not None and layout.tools_origin is not None:
            point = local - layout.tools_origin
            if 0 <= point.y() < layout.tools_doc.size().height():
                anchor = layout.tools_doc.documentLayout().anchorAt(point.toPointF())
                return ("link", message.id, anchor) if anchor else None
        docs = self._content.get(message.id)
        if docs is None:
            return None
        for doc, offset in zip(docs.documents(), layout.doc_offsets, strict=False):
            top = layout.content_origin.y() + offset
            if top <= local.y() < top + doc.size().height():
                point = local - QPoint(layout.content_origin.x(), top)
                anchor = doc.documentLayout().anchorAt(point.toPointF())
                if anchor.startswith(COPY_LINK_PREFIX):
                    return ("copy_code", message.id, int(anchor[len(COPY_LINK_PREFIX) :]))
                if anchor:
                    return ("link", message.id, anchor)
                return None
        return None

    # --- Qt delegate API ---------------------------------------------------------------

    def set_model(self, model: MessageListModel | None) -> None:
        if self._model is not None:
            for signal in self._structure_signals(self._model):
                signal.disconnect(self._forget_hints)
            self._model.dataChanged.disconnect(self._on_rows_changed)
        self._model = model
        self._hints.clear()
        if model is not None:
            for signal in self._structure_signals(model):
                signal.connect(self._forget_hints)
            model.dataChanged.connect(self._on_rows_changed)

    @staticmethod
    def _structure_signals(model: MessageListModel) -> list[Any]:
        return [model.modelReset, model.rowsInserted, model.rowsRemoved, model.rowsMoved, model.layoutChanged]

    def _forget_hints(self, *args: Any) -> None:
        self._hints.clear()

    def _on_rows_changed(self, top: QModelIndex, bottom: QModelIndex, roles: Any = None) -> None:
        for row in range(top.row(), bottom.row() + 1):
            self._hints.pop(row, None)

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        # Called for every row on each re-flow of the list: a cache hit is one dictionary lookup.
        row = index.row()
        cached = self._hints.get(row)
        if cached is None:
            cached = self._size_hint(index)
            if self._model is not None:
                self._hints[row] = cached
        if cached[1] >= 0:
            self._estimated.add(cached[1])
        return cached[0]

    def _size_hint(self, index: ModelIndex) -> tuple[QSize, int]:
        context = self._context or self.refresh_context()
        model = self._model
        if model is not None:
            message = model.message(index.row())
            revision = model.revision(message.id)
            waiting = model.waiting(message.id)
        else:
            message = index.data(MessageRole.MESSAGE)
            revision = index.data(MessageRole.REVISION)
            waiting = index.data(MessageRole.WAITING)
        layout = self._rows.get(message.id)
        exact = self._exact.get(message.id)
        if exact is not None:
            key = self._key(message, revision, waiting)
            if layout is not None and layout.key == key:
                return QSize(context.width, layout.height), -1
            if exact[0] == key:
                return QSize(context.width, exact[1]), -1
        return QSize(context.width, self._estimate(message, revision, context, layout)), message.id

    def _over_budget(self, message: Message, index: ModelIndex) -> bool:
        if not self.limit_layouts():
            return False
        cached = self._rows.get(message.id)
        if cached is not None and cached.key == self._key(
                message, index.data(MessageRole.REVISION), index.data(MessageRole.WAITING)):
            return False
        now = time.perf_counter()
        if now - self._window_start >= LAYOUT_WINDOW_S:
            self._window_start, self._window_spent = now, 0.0
            return False
        return self._window_spent >= LAYOUT_BUDGET_S

    def _finish_later(self) -> None:
        if not self._deferred_update:
            self._deferred_update = True
            wait = self._window_start + LAYOUT_WINDOW_S - time.perf_counter()
            QTimer.singleShot(max(1, math.ceil(wait * 1000)), self._update_deferred)

    def _update_deferred(self) -> None:
        self._deferred_update = False
        self._view.viewport().update()

    def _paint_placeholder(self, painter: QPainter, message: Message, rect: QRect) -> None:
        theme = self.theme()
        width = self._bubble_max(message, rect.width())
        left = rect.right() - SIDE_MARGIN - width if message.role == "user" else rect.left() + SIDE_MARGIN
        bubble = QRect(left, rect.top() + ROW_GAP, width, max(1, rect.height() - 2 * ROW_GAP))
        painter.save()
        painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(theme.bubble_user_border if message.role == "user" else theme.border)
        painter.setBrush(theme.bubble_user if message.role == "user" else theme.bubble_assistant)
        painter.drawRoundedRect(QRectF(bubble).adjusted(0.5, 0.5, -0.5, -0.5), theme.radius, theme.radius)
        painter.restore()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        self.refresh_context()
        message: Message = index.data(MessageRole.MESSAGE)
        if self._over_budget(message, index):
            self.deferred_rows += 1
            self._paint_placeholder(painter, message, option.rect)
            self._finish_later()
            return
        started = time.perf_counter()
        layout = self.row_layout(index)
        self._window_spent += time.perf_counter() - started
        if message.id in self._estimated:
            self._schedule_size_change(message.id)
        if message.id in self._content:
            self._content.move_to_end(message.id)
        theme = self.theme()
        painter.save()
        # Until the view re-flows, a row laid out exactly may be taller than its slot: stay inside it.
        painter.setClipRect(option.rect, Qt.ClipOperation.IntersectClip)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.translate(option.rect.topLeft())
        visible = self._view.viewport().rect().translated(-option.rect.topLeft()).intersected(
            QRect(0, 0, option.rect.width(), option.rect.height())
        )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        self._paint_bubble(painter, message, layout, theme, selected, visible)
        if layout.images or layout.files:
            self._paint_attachments(painter, layout, theme, visible)
        self._paint_reasoning(painter, layout, theme, visible)
        self._paint_tools(painter, layout, theme, visible)
        self._paint_content(painter, message, layout, theme, visible)
        self._paint_status(painter, message, layout, theme, index)
        if message.id in self.bar_ids:
            self._paint_action_bar(painter, index, theme)
        painter.restore()
        self._evict()
        if self.on_paint is not None:
            self.on_paint(message.id)

    # --- layout ------------------------------------------------------------------------

    def _width(self) -> int:
        return max(200, self._view.viewport().width())

    def _font(self) -> QFont:
        return self._view.font()

    def refresh_context(self) -> LayoutContext:
        font = self._font()
        metrics = QFontMetrics(font)
        context = LayoutContext(
            width=self._width(),
            theme=self.theme(),
            font=font,
            font_key=font.key(),
            average_char_width=max(1, metrics.averageCharWidth()),
            line_spacing=metrics.lineSpacing(),
            line_height=metrics.height(),
        )
        if context != self._context:
            self._context = context
            self._hints.clear()
        return self._context

    def _key(self, message: Message, revision: int, waiting: Waiting | None) -> tuple[Any, ...]:
        context = self._context or self.refresh_context()
        return (
            revision,
            context.width,
            context.theme.key,
            context.font_key,
            self._expanded.get(message.id, not message.content),
            self._tools_expanded.get(message.id, False),
            waiting is not None,
            tuple(sorted(i for m, i in self._files_open if m == message.id)) if self._files_open else (),
        )

    def _bubble_max(self, message: Message, width: int) -> int:
        if message.role == "user":
            return max(160, int((width - 2 * SIDE_MARGIN) * USER_MAX_FRACTION))
        return max(160, min(width - 2 * SIDE_MARGIN, ASSISTANT_MAX_WIDTH))

    def _estimate(self, message: Message, revision: int, context: LayoutContext, old: RowLayout | None) -> int:
        """A height good enough for rows not painted yet (no document is built)."""
        width = context.width
        cached = self._estimates.get(message.id)
        if cached is not None and cached[0] == revision and cached[1] == width:
            return cached[2]
        text = message.content
        chars, lines = len(text), text.count("\n") + 1
        text_width = self._bubble_max(message, width) - 2 * BUBBLE_PAD_X
        per_line = max(10, text_width // context.average_char_width)
        wrapped = lines + chars // per_line
        height = wrapped * context.line_spacing * 1.15 + 2 * BUBBLE_PAD_Y + 2 * ROW_GAP
        if message.role == "assistant":
            height += context.line_height + SECTION_GAP
        if message.attachments:
            images = sum(1 for a in message.attachments if a.is_image)
            height += (BUBBLE_THUMB_HEIGHT + SECTION_GAP if images else 0) + (
                len(message.attachments) - images) * (context.line_height + 8)
        if old is not None and old.key[0] == revision and old.key[1] > 0:
            # Same text at another width: scale the exact height by the estimated change.
            old_per_line = max(10, (self._bubble_max(message, old.key[1]) - 2 * BUBBLE_PAD_X)
                               // context.average_char_width)
            height = old.height * (wrapped + 2) / (lines + chars // old_per_line + 2)
        estimate = max(1, round(height))
        self._estimates[message.id] = (revision, width, estimate)
        return estimate

    def _layout(self, message: Message, revision: int, waiting: Waiting | None) -> RowLayout:
        key = self._key(message, revision, waiting)
        cached = self._rows.get(message.id)
        if cached is not None and cached.key == key:
            return cached
        width = self._width()
        theme = self.theme()
        font = self._font()
        metrics = QFontMetrics(font)
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        small_metrics = QFontMetrics(small)
        bubble_max = self._bubble_max(message, width)
        text_width = bubble_max - 2 * BUBBLE_PAD_X
        is_user = message.role == "user"
        hits: list[Hit] = []
        y = BUBBLE_PAD_Y
        natural = 0  # widest thing inside the bubble
        layout = RowLayout(key=key, height=0, bubble=QRect(), content_origin=QPoint(), doc_offsets=[])

        if message.attachments:
            y, natural = self._layout_attachments(message, layout, hits, y, text_width, small, theme)

        if message.role == "assistant" and message.reasoning:
            expanded = self.reasoning_expanded(message)
            thinking = message.status == "streaming" and not message.content
            label = ("▾ " if expanded else "▸ ") + (
                translate("MessageDelegate", "Reasoning · thinking…") if thinking
                else translate("MessageDelegate", "Reasoning"))
            header_w = small_metrics.horizontalAdvance(label) + 12
            layout.reasoning_header = QRect(BUBBLE_PAD_X, y, header_w, small_metrics.height() + 6)
            layout.reasoning_label = label
            natural = max(natural, header_w)
            y += layout.reasoning_header.height() + 2
            if expanded:
                doc = self._reasoning_document(message, text_width, small, theme)
                layout.reasoning_doc = doc
                layout.reasoning_origin = QPoint(BUBBLE_PAD_X + 10, y)
                y += math.ceil(doc.size().height()) + SECTION_GAP
                natural = max(natural, math.ceil(doc.idealWidth()) + 10)
            else:
                y += SECTION_GAP

        tools = executed_tools(message) if message.role == "assistant" else []
        if tools:
            expanded = self.tools_expanded(message)
            label = tools_label(tools, expanded)
            header_w = small_metrics.horizontalAdvance(label) + 12
            layout.tools_header = QRect(BUBBLE_PAD_X, y, header_w, small_metrics.height() + 6)
            layout.tools_label = label
            natural = max(natural, header_w)
            y += layout.tools_header.height() + 2
            if expanded:
                doc = self._new_document(small, theme)
                self._set_html(doc, tools_html(tools), text_width - 10, message.id)
                layout.tools_doc = doc
                layout.tools_origin = QPoint(BUBBLE_PAD_X + 10, y)
                y += math.ceil(doc.size().height()) + SECTION_GAP
                natural = max(natural, math.ceil(doc.idealWidth()) + 10)
            else:
                y += SECTION_GAP

        docs = self._content_docs(message, text_width, font, theme)
        layout.content_origin = QPoint(BUBBLE_PAD_X, y)
        offset = 0
        for doc_height, ideal_width in docs.sizes():
            layout.doc_offsets.append(offset)
            offset += doc_height
            natural = max(natural, ideal_width)
        y += offset
        if not message.content and not message.reasoning and waiting is None and message.status in ("streaming", "waiting"):
            layout.placeholder = QRect(
                BUBBLE_PAD_X,
                y,
                metrics.horizontalAdvance(translate("MessageDelegate", SENT_TEXT)) + 4,
                metrics.height(),
            )
            natural = max(natural, layout.placeholder.width())
            y += metrics.height()

        if message.status in ("stopped", "incomplete"):
            text = (translate("MessageDelegate", "■ Stopped — partial reply") if message.status == "stopped"
                    else translate("MessageDelegate", "Incomplete — the app closed mid-reply"))
            badge_w = small_metrics.horizontalAdvance(text) + 16
            y += SECTION_GAP
            layout.badge = (QRect(BUBBLE_PAD_X, y, badge_w, small_metrics.height() + 6), text)
            natural = max(natural, badge_w)
            y += small_metrics.height() + 6

        if message.status == "error":
            y += SECTION_GAP if y > BUBBLE_PAD_Y else 0
            box_w = text_width
            inner_w = box_w - 20
            error_text = message.error or translate("MessageDelegate", "The request failed.")
            hint = str(message.facts.get("error_hint") or message.facts.get("hint") or "")
            bold = QFont(font)
            bold.setBold(True)
            error_rect = QFontMetrics(bold).boundingRect(QRect(0, 0, inner_w, 100000), Qt.TextFlag.TextWordWrap, error_text)
            box_y = y
            y += 10
            layout.error_text = (QRect(BUBBLE_PAD_X + 10, y, inner_w, error_rect.height()), error_text)
            y += error_rect.height() + 4
            if hint:
                hint_rect = small_metrics.boundingRect(QRect(0, 0, inner_w, 100000), Qt.TextFlag.TextWordWrap, hint)
                layout.hint_text = (QRect(BUBBLE_PAD_X + 10, y, inner_w, hint_rect.height()), hint)
                y += hint_rect.height() + 4
            button_w = (
                metrics.horizontalAdvance(translate("MessageDelegate", "Retry")) + 24 + metrics.height()
            )
            layout.retry_button = QRect(BUBBLE_PAD_X + 10, y + 2, button_w, metrics.height() + 10)
            hits.append(Hit(layout.retry_button, ("retry", message.id)))
            y += metrics.height() + 22
            layout.error_box = QRect(BUBBLE_PAD_X, box_y, box_w, y - box_y)
            natural = max(natural, box_w)
            y += 2

        if waiting is not None:
            y += SECTION_GAP if y > BUBBLE_PAD_Y else 0
            cancel_w = metrics.horizontalAdvance(translate("MessageDelegate", "Cancel")) + 20
            line_w = min(text_width, small_metrics.horizontalAdvance(waiting_text(waiting, 0.0)) + 90 + cancel_w)
            line_w = max(line_w, min(text_width, 360))
            layout.waiting_line = QRect(BUBBLE_PAD_X, y, line_w, metrics.height() + 10)
            layout.cancel_button = QRect(BUBBLE_PAD_X + line_w - cancel_w, y + 1, cancel_w, metrics.height() + 8)
            hits.append(Hit(layout.cancel_button, ("cancel", message.id)))
            natural = max(natural, line_w)
            y += layout.waiting_line.height()

        bubble_h = y + BUBBLE_PAD_Y
        bubble_w = min(bubble_max, max(natural, 24) + 2 * BUBBLE_PAD_X)
        left = width - SIDE_MARGIN - bubble_w if is_user else SIDE_MARGIN
        layout.bubble = QRect(left, ROW_GAP, bubble_w, bubble_h)
        shift = QPoint(left, ROW_GAP)
        layout.content_origin += shift
        if layout.reasoning_header is not None:
            layout.reasoning_header.translate(shift)
            hits.append(Hit(layout.reasoning_header, ("toggle_reasoning", message.id)))
        if layout.reasoning_origin is not None:
            layout.reasoning_origin += shift
        if layout.tools_header is not None:
            layout.tools_header.translate(shift)
            hits.append(Hit(layout.tools_header, ("toggle_tools", message.id)))
        if layout.tools_origin is not None:
            layout.tools_origin += shift
        for rect in (layout.placeholder, layout.error_box, layout.retry_button, layout.waiting_line,
                     layout.cancel_button):
            if rect is not None:
                rect.translate(shift)
        for pair in (layout.badge, layout.error_text, layout.hint_text, *layout.images, *layout.files):
            if pair is not None:
                pair[0].translate(shift)
        layout.file_docs = [(origin + shift, doc) for origin, doc in layout.file_docs]
        bottom = ROW_GAP + bubble_h

        if message.role == "assistant" and message.version_count > 1:
            fy = bottom + 3
            label = f"{message.version}/{message.version_count}"
            arrow_w = small_metrics.horizontalAdvance("‹") + 16
            label_w = small_metrics.horizontalAdvance(label) + 6
            line_h = small_metrics.height() + 4
            previous = QRect(left + 2, fy, arrow_w, line_h)
            label_rect = QRect(previous.right() + 1, fy, label_w, line_h)
            following = QRect(label_rect.right() + 1, fy, arrow_w, line_h)
            layout.versions = (previous, label_rect, following, label)
            if message.version > 1:
                hits.append(Hit(previous, ("version", message.id, message.version - 1)))
            if message.version < message.version_count:
                hits.append(Hit(following, ("version", message.id, message.version + 1)))
            bottom = fy + line_h
        if message.role == "assistant":
            text, request_id = facts_text(message.model, message.facts)
            if text or request_id:
                fy = bottom + 3
                fx = left + 6
                available = width - fx - SIDE_MARGIN
                rid_text = short_request_id(request_id) if request_id else ""
                rid_w = small_metrics.horizontalAdvance(rid_text) if rid_text else 0
                sep_w = small_metrics.horizontalAdvance(" · ") if text and rid_text else 0
                text = small_metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(20, available - rid_w - sep_w))
                text_w = small_metrics.horizontalAdvance(text)
                layout.facts = (QRect(fx, fy, text_w + sep_w, small_metrics.height()), text + (" · " if sep_w else ""))
                if rid_text and request_id:
                    rect = QRect(fx + text_w + sep_w, fy, rid_w, small_metrics.height())
                    layout.request_id = (rect, rid_text)
                    hits.append(Hit(rect, ("copy_request_id", message.id, request_id)))
                bottom = fy + small_metrics.height()
        layout.hits = hits
        layout.height = bottom + ROW_GAP
        self._rows[message.id] = layout
        self._exact[message.id] = (key, layout.height)
        if self._model is not None:
            self._hints.pop(self._model.row_of(message.id), None)
        return layout

    def _layout_attachments(self, message: Message, layout: RowLayout, hits: list[Hit], y: int, text_width: int,
                            small: QFont, theme: Theme) -> tuple[int, int]:
        """Thumbnails in rows (sized from the stored dimensions: nothing is decoded here), then file chips."""
        x, row_h, natural = BUBBLE_PAD_X, 0, 0
        for i, attachment in enumerate(message.attachments):
            if not attachment.is_image:
                continue
            h = BUBBLE_THUMB_HEIGHT
            w = max(24, min(text_width, round(attachment.width * h / attachment.height))) if attachment.height else h
            if x > BUBBLE_PAD_X and x + w > BUBBLE_PAD_X + text_width:
                x, y, row_h = BUBBLE_PAD_X, y + row_h + 4, 0
            rect = QRect(x, y, w, h)
            layout.images.append((rect, attachment))
            hits.append(Hit(rect, ("view_image", message.id, i)))
            natural = max(natural, x + w - BUBBLE_PAD_X)
            x, row_h = x + w + 6, max(row_h, h)
        if row_h:
            y += row_h + SECTION_GAP
        metrics = QFontMetrics(small)
        for i, attachment in enumerate(message.attachments):
            if attachment.is_image:
                continue
            opened = (message.id, i) in self._files_open
            label = f"{'▾' if opened else '▸'} 📄 " + translate(
                "MessageDelegate", "{name} · {size} bytes"
            ).format(name=attachment.name, size=i18n.number(attachment.size))
            rect = QRect(BUBBLE_PAD_X, y, min(text_width, metrics.horizontalAdvance(label) + 14), metrics.height() + 6)
            layout.files.append((rect, label))
            hits.append(Hit(rect, ("toggle_file", message.id, i)))
            natural = max(natural, rect.width())
            y += rect.height() + 2
            if opened:
                doc = self._new_document(small, theme)
                text = attachment.text[:FILE_PREVIEW_CHARS]
                doc.setPlainText(text + ("\n…" if len(attachment.text) > FILE_PREVIEW_CHARS else ""))
                doc.setTextWidth(text_width - 10)
                layout.file_docs.append((QPoint(BUBBLE_PAD_X + 10, y), doc))
                y += math.ceil(doc.size().height()) + 2
                natural = max(natural, text_width)
        return y + (SECTION_GAP if layout.files else 0), natural

    def toggle_file(self, message: Message, file_index: int, index: ModelIndex) -> None:
        self._files_open ^= {(message.id, file_index)}
        self._refresh_row(message, index)

    def _paint_attachments(self, painter: QPainter, layout: RowLayout, theme: Theme, visible: QRect) -> None:
        for rect, attachment in layout.images:
            if not rect.intersects(visible):
                continue
            image = self.thumbnails.get(attachment.digest, BUBBLE_THUMB_HEIGHT) if self.thumbnails else None
            if image is not None and not image.isNull():
                painter.drawImage(QRectF(rect), image)
            else:
                painter.fillRect(rect, theme.chip)
        if not layout.files:
            return
        small = QFont(self._font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        for rect, label in layout.files:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.chip)
            painter.drawRoundedRect(QRectF(rect), theme.radius_small, theme.radius_small)
            painter.setPen(theme.text)
            painter.drawText(rect.adjusted(6, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, label)
        for origin, doc in layout.file_docs:
            self._draw_document(painter, doc, origin, theme.muted, visible, theme)

    def _new_document(self, font: QFont, theme: Theme) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        doc.setDefaultStyleSheet(theme.stylesheet)
        doc.setUndoRedoEnabled(False)
        return doc

    def _set_html(self, doc: QTextDocument, html: str, width: float, message_id: int) -> None:
        doc.setDefaultStyleSheet(self.theme().stylesheet_for(html))
        doc.setHtml(emoji_fallback.displayable(html))  # no missing-glyph boxes without an emoji font
        doc.setTextWidth(width)
        self._count_layout(message_id)

    def _count_layout(self, message_id: int) -> None:
        self.layout_count += 1
        self.layouts_by_id[message_id] += 1

    def _content_docs(self, message: Message, width: float, font: QFont, theme: Theme) -> ContentDocs:
        docs = self._content.get(message.id)
        if docs is None:
            docs = ContentDocs()
            kept = self._renderers.pop(message.id, None)
            if kept is not None and kept.text == shown_text(message):
                docs.renderer = kept
            self._content[message.id] = docs
        renderer = docs.renderer
        resets = renderer.resets
        text = shown_text(message)
        grew = renderer.feed(text) if text != renderer.text or not docs.live else 0
        font_key = font.key()
        rebuild = renderer.resets != resets or docs.theme_key != theme.key or docs.font_key != font_key
        if rebuild:
            docs.sealed.clear()
            docs.sealed_sizes.clear()
            docs.sealed_blocks = 0
            docs.live = None
            docs.live_html = ""
            docs.theme_key = theme.key
            docs.font_key = font_key
            docs.width = width
        elif docs.width != width:
            for doc in docs.documents():
                doc.setTextWidth(width)
                self._count_layout(message.id)
            docs.sealed_sizes = [document_size(doc) for doc in docs.sealed]
            docs.width = width
        del grew
        finished = renderer.finished
        # Freeze finished blocks into documents of bounded size: each is laid out once.
        pending = 0
        start = docs.sealed_blocks
        for i in range(start, len(finished)):
            pending += len(finished[i])
            if pending >= SEAL_HTML_CHARS:
                doc = self._new_document(font, theme)
                self._set_html(doc, "".join(finished[docs.sealed_blocks : i + 1]), width, message.id)
                docs.sealed.append(doc)
                docs.sealed_sizes.append(document_size(doc))
                docs.sealed_blocks = i + 1
                pending = 0
        live_html = "".join(finished[docs.sealed_blocks :]) + renderer.tail_html
        if docs.live is None or live_html != docs.live_html:
            if docs.live is None:
                docs.live = self._new_document(font, theme)
            self._set_html(docs.live, live_html, width, message.id)
            docs.live_html = live_html
        return docs

    def _reasoning_document(self, message: Message, width: float, font: QFont, theme: Theme) -> QTextDocument:
        key = (message.reasoning, width, theme.key, font.key())
        cached = self._reasoning.get(message.id)
        if cached is not None and cached[0] == key:
            return cached[1]
        doc = self._new_document(font, theme)
        italic = QFont(font)
        italic.setItalic(True)
        doc.setDefaultFont(italic)
        doc.setPlainText(message.reasoning.strip())
        doc.setTextWidth(width - 10)
        self._count_layout(message.id)
        self._reasoning[message.id] = (key, doc)
        return doc

    def flow_started(self) -> None:
        """The view is about to ask every row for its size (``doItemsLayout``)."""
        self._estimated.clear()
        self.refresh_context()

    def _refresh_row(self, message: Message, index: ModelIndex) -> None:
        previous = self._rows.get(message.id)
        layout = self._layout(message, index.data(MessageRole.REVISION), index.data(MessageRole.WAITING))
        if previous is None or message.id in self._estimated:
            self._request_reflow(streaming=False)
        elif previous.height != layout.height:
            self._request_reflow(streaming=message.status == "streaming")
        else:
            self._view.viewport().update(self._view.visualRect(QModelIndex(index)))

    def _schedule_size_change(self, message_id: int) -> None:
        """A painted row's exact height replaced its estimate: the list must be re-flowed."""
        self._request_reflow(streaming=False)

    def _request_reflow(self, *, streaming: bool) -> None:
        if self.reflow_requested is not None:
            self.reflow_requested(streaming)
            return
        if not self._reflow_pending:
            self._reflow_pending = True
            QTimer.singleShot(0, self._emit_size_changes)

    def _emit_size_changes(self) -> None:
        self._reflow_pending = False
        model = self._view.model()
        if model is not None and model.rowCount() > 0:
            # Qt re-flows the whole list for any sizeHintChanged: one signal covers every row.
            self.sizeHintChanged.emit(model.index(0, 0))

    def _evict(self) -> None:
        # The row's exact height stays in ``_exact``, so the list doesn't fall back to an estimate.
        while len(self._content) > CONTENT_CACHE_SIZE:
            message_id, docs = self._content.popitem(last=False)
            self._rows.pop(message_id, None)
            self._reasoning.pop(message_id, None)
            self._renderers[message_id] = docs.renderer
        while len(self._renderers) > RENDER_CACHE_SIZE:
            self._renderers.popitem(last=False)

    # --- painting ----------------------------------------------------------------------

    def _paint_bubble(self, painter: QPainter, message: Message, layout: RowLayout, theme: Theme, selected: bool,
                      visible: QRect) -> None:
        color = theme.bubble_user if message.role == "user" else theme.bubble_assistant
        if message.role == "system":
            color = _blend(theme.bubble_assistant, theme.muted, 0.1)
        border = theme.bubble_user_border if message.role == "user" else theme.border
        painter.setPen(QPen(theme.accent, 1.5) if selected else border)
        painter.setBrush(color)
        bubble = QRect(layout.bubble)
        # A long reply's bubble can be tens of thousands of pixels tall: antialiasing all of it costs
        # ~1 ms per paint. Cut it to the visible part; the cut corners fall outside the view.
        margin = 2 * theme.radius + 2
        bubble.setTop(max(bubble.top(), visible.top() - margin))
        bubble.setBottom(min(bubble.bottom(), visible.bottom() + margin))
        if bubble.height() > 0:
            painter.drawRoundedRect(QRectF(bubble).adjusted(0.5, 0.5, -0.5, -0.5), theme.radius, theme.radius)

    def _draw_document(self, painter: QPainter, doc: QTextDocument, origin: QPoint, color: QColor,
                       visible: QRect, theme: Theme) -> None:
        size = doc.size()
        doc_rect = QRectF(origin.x(), origin.y(), size.width(), size.height())
        if not doc_rect.intersects(QRectF(visible)):
            return
        painter.save()
        painter.translate(origin)
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = QPalette(self._view.palette())
        palette.setColor(QPalette.ColorRole.Text, color)
        context.palette = palette
        context.clip = QRectF(visible.translated(-origin))
        if self.find_term:
            context.selections = self._find_selections(doc, theme)
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def _find_selections(self, doc: QTextDocument, theme: Theme) -> list[QAbstractTextDocumentLayout.Selection]:
        selections = []
        fmt = QTextCharFormat()
        fmt.setBackground(theme.find_back)
        cursor = doc.find(self.find_term, 0)
        while not cursor.isNull() and len(selections) < 500:
            selection = QAbstractTextDocumentLayout.Selection()
            selection.cursor = QTextCursor(cursor)
            selection.format = fmt
            selections.append(selection)
            cursor = doc.find(self.find_term, cursor)
        return selections

    def _paint_reasoning(self, painter: QPainter, layout: RowLayout, theme: Theme, visible: QRect) -> None:
        if layout.reasoning_header is None:
            return
        small = QFont(self._font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.chip)
        painter.drawRoundedRect(QRectF(layout.reasoning_header), theme.radius_small, theme.radius_small)
        painter.setPen(theme.muted)
        painter.drawText(layout.reasoning_header.adjusted(6, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, layout.reasoning_label)
        if layout.reasoning_doc is not None and layout.reasoning_origin is not None:
            bar_top = layout.reasoning_origin.y()
            bar_height = math.ceil(layout.reasoning_doc.size().height())
            painter.fillRect(QRect(layout.reasoning_origin.x() - 9, bar_top, 2, bar_height), theme.border)
            self._draw_document(painter, layout.reasoning_doc, layout.reasoning_origin, theme.muted, visible, theme)

    def _paint_tools(self, painter: QPainter, layout: RowLayout, theme: Theme, visible: QRect) -> None:
        if layout.tools_header is None:
            return
        small = QFont(self._font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.chip)
        painter.drawRoundedRect(QRectF(layout.tools_header), theme.radius_small, theme.radius_small)
        painter.setPen(theme.muted)
        painter.drawText(layout.tools_header.adjusted(6, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, layout.tools_label)
        if layout.tools_doc is not None and layout.tools_origin is not None:
            bar_height = math.ceil(layout.tools_doc.size().height())
            painter.fillRect(QRect(layout.tools_origin.x() - 9, layout.tools_origin.y(), 2, bar_height), theme.border)
            self._draw_document(painter, layout.tools_doc, layout.tools_origin, theme.text, visible, theme)

    def _paint_content(self, painter: QPainter, message: Message, layout: RowLayout, theme: Theme, visible: QRect) -> None:
        docs = self._content.get(message.id)
        if docs is not None:
            for doc, offset in zip(docs.documents(), layout.doc_offsets, strict=False):
                origin = layout.content_origin + QPoint(0, offset)
                self._draw_document(painter, doc, origin, theme.text, visible, theme)
        if layout.placeholder is not None:
            painter.setFont(self._font())
            painter.setPen(theme.muted)
            painter.drawText(
                layout.placeholder, Qt.AlignmentFlag.AlignVCenter, translate("MessageDelegate", SENT_TEXT)
            )

    def _paint_status(self, painter: QPainter, message: Message, layout: RowLayout, theme: Theme, index: ModelIndex) -> None:
        font = self._font()
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        if layout.badge is not None:
            rect, text = layout.badge
            painter.setFont(small)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.chip)
            painter.drawRoundedRect(QRectF(rect), rect.height() / 2, rect.height() / 2)
            painter.setPen(theme.text)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        if layout.error_box is not None:
            painter.setPen(_blend(theme.error_back, theme.error_text, 0.35))
            painter.setBrush(theme.error_back)
            painter.drawRoundedRect(QRectF(layout.error_box), theme.radius, theme.radius)
            if layout.error_text is not None:
                bold = QFont(font)
                bold.setBold(True)
                painter.setFont(bold)
                painter.setPen(theme.error_text)
                painter.drawText(layout.error_text[0], Qt.TextFlag.TextWordWrap, layout.error_text[1])
            if layout.hint_text is not None:
                painter.setFont(small)
                painter.setPen(_blend(theme.error_text, theme.text, 0.5))
                painter.drawText(layout.hint_text[0], Qt.TextFlag.TextWordWrap, layout.hint_text[1])
            if layout.retry_button is not None:
                self._paint_button(painter, layout.retry_button, translate("MessageDelegate", "Retry"), theme,
                                   primary=True, icon="refresh")
        waiting: Waiting | None = index.data(MessageRole.WAITING)
        if layout.waiting_line is not None and waiting is not None:
            rect = layout.waiting_line
            painter.setFont(small)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.chip)
            painter.drawRoundedRect(QRectF(rect), theme.radius_small, theme.radius_small)
            painter.setPen(theme.text)
            text_rect = rect.adjusted(10, 0, -(layout.cancel_button.width() + 8 if layout.cancel_button else 0), 0)
            text = QFontMetrics(small).elidedText(waiting_text(waiting, self._clock()),
                                                  Qt.TextElideMode.ElideRight, text_rect.width())
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, text)
            if layout.cancel_button is not None:
                self._paint_button(
                    painter,
                    layout.cancel_button,
                    translate("MessageDelegate", "Cancel"),
                    theme,
                    primary=False,
                )
        if layout.versions is not None:
            previous, label_rect, following, label = layout.versions
            painter.setFont(small)
            painter.setPen(theme.muted)
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignCenter, label)
            for rect, arrow, enabled in (
                (previous, "‹", message.version > 1),
                (following, "›", message.version < message.version_count),
            ):
                painter.setPen(theme.text if enabled else _blend(theme.muted, theme.bubble_assistant, 0.5))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, arrow)
        if layout.facts is not None:
            painter.setFont(small)
            painter.setPen(theme.muted)
            painter.drawText(layout.facts[0], Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextDontClip, layout.facts[1])
            if layout.request_id is not None:
                rect, text = layout.request_id
                painter.setPen(theme.link)
                painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextDontClip, text)

    def _paint_action_bar(self, painter: QPainter, index: ModelIndex, theme: Theme) -> None:
        buttons = self.action_bar(index)
        if not buttons:
            return
        small = QFont(self._font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        back = self._view.palette().color(QPalette.ColorRole.Button)
        pen = self._view.palette().color(QPalette.ColorRole.ButtonText)
        for button in buttons:
            painter.setPen(theme.border)
            painter.setBrush(back)
            painter.drawRoundedRect(QRectF(button.rect).adjusted(0.5, 0.5, -0.5, -0.5), theme.radius_small,
                                    theme.radius_small)
            self._draw_label(painter, button.rect, button.label, button.icon, pen)

    def _paint_button(self, painter: QPainter, rect: QRect, text: str, theme: Theme, *, primary: bool,
                      icon: str = "") -> None:
        painter.setFont(self._font())
        if primary:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.accent)
            painter.drawRoundedRect(QRectF(rect), theme.radius_small, theme.radius_small)
            pen = theme.on_accent
        else:
            painter.setPen(theme.border)
            painter.setBrush(self._view.palette().color(QPalette.ColorRole.Button))
            painter.drawRoundedRect(
                QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), theme.radius_small, theme.radius_small
            )
            pen = self._view.palette().color(QPalette.ColorRole.ButtonText)
        self._draw_label(painter, rect, text, icon, pen)

    @staticmethod
    def _draw_label(painter: QPainter, rect: QRect, text: str, icon: str, colour: QColor) -> None:
        """``text`` centred in ``rect``, after the glyph ``icon`` (Codicons) when there is one."""
        painter.setPen(colour)
        if not icon:
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            return
        metrics = painter.fontMetrics()
        size = metrics.height() - 2
        width = size + 4 + metrics.horizontalAdvance(text)
        left = rect.left() + (rect.width() - width) // 2
        glyph = QRect(left, rect.top() + (rect.height() - size) // 2, size, size)
        icons.icon(icon, colour).paint(painter, glyph)
        painter.drawText(
            QRect(glyph.right() + 5, rect.top(), rect.right() - glyph.right() - 4, rect.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
