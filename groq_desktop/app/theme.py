"""One place for the look: colours, spacing, radii and type sizes, derived from the palette, and the QSS.

Widgets never hard-code a colour: they paint with ``tokens()`` (which follows light/dark) or take their look
from the application style sheet through a dynamic property:
- ``role``: on buttons, ``"primary"`` (the one main action of a view), ``"danger"`` (deletes/stops), ``"subtle"``
  (flat, secondary); on labels, ``"title"``, ``"caption"`` (small, muted), ``"muted"``, ``"error"``, ``"success"``.
- ``surface``: on frames, ``"card"`` (a raised box with a border) or ``"notice"`` (an information strip).
``apply(app)`` rebuilds the style sheet; ``appearance`` calls it at start and whenever the palette changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette

ACCENT = "#f55036"  # Groq's orange-red


@dataclass(frozen=True)
class Tokens:
    dark: bool
    accent: QColor
    on_accent: QColor
    text: QColor
    muted_text: QColor
    window: QColor
    surface: QColor
    """Text areas, lists, cards."""
    raised: QColor
    """A surface a step away from ``surface`` (headers, alternate rows, the assistant's bubble)."""
    border: QColor
    user_bubble: QColor
    assistant_bubble: QColor
    code_background: QColor
    code_border: QColor
    link: QColor
    success: QColor
    warning: QColor
    danger: QColor
    notice_background: QColor
    space_xs: int = 2
    space_s: int = 4
    space_m: int = 8
    space_l: int = 12
    space_xl: int = 20
    radius: int = 6
    radius_large: int = 10
    caption_scale: float = 0.88
    title_scale: float = 1.2
    heading_scale: float = 1.45


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0..1) of the way towards ``b``."""
    return QColor.fromRgbF(*(x + (y - x) * amount for x, y in zip(a.getRgbF()[:3], b.getRgbF()[:3], strict=True)))


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def tokens(palette: QPalette | None = None) -> Tokens:
    palette = palette or QGuiApplication.palette()
    role = QPalette.ColorRole
    dark = is_dark(palette)
    text, base, window = palette.color(role.Text), palette.color(role.Base), palette.color(role.Window)
    accent = QColor(ACCENT)
    return Tokens(
        dark=dark,
        accent=accent,
        on_accent=QColor("#ffffff"),
        text=text,
        muted_text=_mix(text, base, 0.42),
        window=window,
        surface=base,
        raised=_mix(base, text, 0.05 if not dark else 0.07),
        border=_mix(base, text, 0.16),
        user_bubble=_mix(base, accent, 0.12 if not dark else 0.22),
        assistant_bubble=_mix(base, text, 0.04 if not dark else 0.06),
        code_background=QColor("#f6f8fa") if not dark else QColor("#161619"),
        code_border=_mix(base, text, 0.12),
        link=palette.color(role.Link),
        success=QColor("#2e7d32") if not dark else QColor("#66bb6a"),
        warning=QColor("#b26a00") if not dark else QColor("#ffb74d"),
        danger=QColor("#c62828") if not dark else QColor("#ef7070"),
        notice_background=_mix(base, QColor("#2f6fde"), 0.10 if not dark else 0.20),
    )
