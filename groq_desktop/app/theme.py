"""One place for the look: colours, spacing, radii and type sizes, derived from the palette, and the QSS.

Widgets never hard-code a colour: they paint with ``tokens()`` (which follows light/dark) or take their look
from the application style sheet through a dynamic property:
- ``role``: on buttons (QPushButton, QToolButton), ``"primary"`` (the one main action of a view), ``"danger"``
  (deletes/stops), ``"subtle"`` (flat, secondary); on labels, ``"title"``, ``"heading"``, ``"caption"`` (small,
  muted), ``"muted"``, ``"error"``, ``"warning"``, ``"success"``; on progress bars, ``"warning"``, ``"danger"``,
  ``"success"`` (the chunk's colour; the accent otherwise).
- ``surface``: on frames, ``"card"`` (a raised box with a border) or ``"notice"`` (an information strip).
Set the property before the widget is first shown; a later change needs ``style().unpolish(w); style().polish(w)``.
``apply(app)`` rebuilds the style sheet; ``appearance`` calls it at start and whenever the palette changes.
Spin boxes and scroll bars keep Fusion's look; selections in item views keep the palette's highlight.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

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


def _hex(colour: QColor) -> str:
    return colour.name(QColor.NameFormat.HexRgb)


def _rgba(colour: QColor, alpha: float) -> str:
    return f"rgba({colour.red()}, {colour.green()}, {colour.blue()}, {round(alpha * 255)})"


def _base_points(font: QFont | None) -> float:
    font = font or QGuiApplication.font()
    if font.pointSizeF() > 0:
        return font.pointSizeF()
    return max(6.0, font.pixelSize() * 0.75)  # a pixel-sized font: 96 dpi's 4 px = 3 pt


_arrow_dir: Path | None = None


def _arrow(direction: str, colour: QColor) -> str:
    """A chevron as an SVG file, for the combo boxes' drop-down (a style sheet's ``image`` is a file)."""
    global _arrow_dir
    if _arrow_dir is None:
        _arrow_dir = Path(tempfile.mkdtemp(prefix="groq-desktop-theme-"))
        atexit.register(shutil.rmtree, _arrow_dir, True)
    points = {"down": "2,4 6,8 10,4", "up": "2,8 6,4 10,8"}[direction]
    path = _arrow_dir / f"{direction}-{_hex(colour)[1:]}.svg"
    if not path.exists():
        path.write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" width="12" height="12" viewBox="0 0 12 12">'
            f'<polyline points="{points}" fill="none" stroke="{_hex(colour)}" stroke-width="1.6"'
            ' stroke-linecap="round" stroke-linejoin="round"/></svg>'
        )
    return path.as_posix()


def stylesheet(t: Tokens, font: QFont | None = None) -> str:
    """The application style sheet for ``t``; type sizes relative to ``font`` (the application's by default)."""
    points = _base_points(font)
    pt = lambda scale: f"{points * scale:.1f}pt"  # noqa: E731
    text, muted, surface, window, border = _hex(t.text), _hex(t.muted_text), _hex(t.surface), _hex(t.window), _hex(
        t.border
    )
    accent, on_accent = _hex(t.accent), _hex(t.on_accent)
    accent_hover = _hex(t.accent.lighter(112) if t.dark else t.accent.darker(108))
    accent_pressed = _hex(t.accent.darker(118))
    accent_disabled = _hex(_mix(t.accent, t.window, 0.55))
    # A tint of the accent for selections: the text stays readable on it in light and dark.
    selection = _hex(_mix(t.surface, t.accent, 0.30 if t.dark else 0.20))
    nav_selected = _hex(_mix(t.window, t.accent, 0.26 if t.dark else 0.16))
    hover = _hex(_mix(t.window, t.text, 0.08 if t.dark else 0.06))
    ring = _hex(t.accent.lighter(125) if t.dark else t.accent)
    danger, warning, success = _hex(t.danger), _hex(t.warning), _hex(t.success)
    danger_tint = _hex(_mix(t.surface, t.danger, 0.14))
    danger_pressed = _hex(_mix(t.surface, t.danger, 0.26))
    gridline = _hex(_mix(t.surface, t.border, 0.55))
    header = _hex(t.raised)
    notice_border = _hex(_mix(t.notice_background, t.link, 0.45))
    s, m, lg, r = t.space_s, t.space_m, t.space_l, t.radius
    down = _arrow("down", t.muted_text)
    return f"""
/* Buttons: the look comes from their role; plain buttons stay the native Fusion ones. */
QPushButton[role="primary"], QToolButton[role="primary"] {{
    background: {accent}; color: {on_accent}; border: 1px solid {accent}; border-radius: {r}px;
    padding: {s}px {lg}px; font-weight: 600; min-height: 1.4em;
}}
QPushButton[role="primary"]:hover, QToolButton[role="primary"]:hover {{
    background: {accent_hover}; border-color: {accent_hover};
}}
QPushButton[role="primary"]:pressed, QToolButton[role="primary"]:pressed {{
    background: {accent_pressed}; border-color: {accent_pressed};
}}
QPushButton[role="primary"]:focus, QToolButton[role="primary"]:focus {{
    border: 2px solid {text}; padding: {s - 1}px {lg - 1}px;
}}
QPushButton[role="primary"]:disabled, QToolButton[role="primary"]:disabled {{
    background: {accent_disabled}; border-color: {accent_disabled}; color: {_rgba(t.on_accent, 0.75)};
}}
QPushButton[role="danger"], QToolButton[role="danger"] {{
    background: {surface}; color: {danger}; border: 1px solid {_hex(_mix(t.border, t.danger, 0.55))};
    border-radius: {r}px; padding: {s}px {lg}px; min-height: 1.4em;
}}
QPushButton[role="danger"]:hover, QToolButton[role="danger"]:hover {{ background: {danger_tint}; }}
QPushButton[role="danger"]:pressed, QToolButton[role="danger"]:pressed {{ background: {danger_pressed}; }}
QPushButton[role="danger"]:focus, QToolButton[role="danger"]:focus {{
    border: 2px solid {danger}; padding: {s - 1}px {lg - 1}px;
}}
QPushButton[role="danger"]:disabled, QToolButton[role="danger"]:disabled {{
    color: {muted}; border-color: {border};
}}
QPushButton[role="subtle"], QToolButton[role="subtle"] {{
    background: transparent; color: {text}; border: 1px solid transparent; border-radius: {r}px;
    padding: {s}px {m}px;
}}
QPushButton[role="subtle"]:hover, QToolButton[role="subtle"]:hover {{ background: {hover}; }}
QPushButton[role="subtle"]:pressed, QToolButton[role="subtle"]:pressed,
QPushButton[role="subtle"]:checked, QToolButton[role="subtle"]:checked {{
    background: {_hex(_mix(t.window, t.text, 0.14))};
}}
QPushButton[role="subtle"]:focus, QToolButton[role="subtle"]:focus {{ border-color: {ring}; }}
QPushButton[role="subtle"]:disabled, QToolButton[role="subtle"]:disabled {{ color: {muted}; }}

/* Labels */
QLabel[role="title"] {{ font-size: {pt(t.title_scale)}; font-weight: 600; }}
QLabel[role="heading"] {{ font-size: {pt(t.heading_scale)}; font-weight: 600; }}
QLabel[role="caption"] {{ font-size: {pt(t.caption_scale)}; color: {muted}; }}
QLabel[role="muted"] {{ color: {muted}; }}
QLabel[role="error"] {{ color: {danger}; }}
QLabel[role="warning"] {{ color: {warning}; }}
QLabel[role="success"] {{ color: {success}; }}

/* Surfaces */
QFrame[surface="card"] {{
    background: {surface}; border: 1px solid {border}; border-radius: {t.radius_large}px;
}}
QFrame[surface="notice"] {{
    background: {_hex(t.notice_background)}; color: {text}; border: 1px solid {notice_border};
    border-radius: {r}px;
}}
QFrame[surface="card"] > QLabel, QFrame[surface="notice"] > QLabel {{ background: transparent; border: none; }}

/* Inputs: the token border and radius, an accent ring when focused (2 px, the padding gives the pixel back).
   Spin boxes stay native: Qt's style sheet ignores their padding and border (the text would touch the edge). */
QLineEdit, QPlainTextEdit[readOnly="false"], QTextEdit[readOnly="false"], QComboBox {{
    background: {surface}; color: {text}; border: 1px solid {border}; border-radius: {r}px;
    padding: {s}px {m}px; selection-background-color: {selection}; selection-color: {text};
}}
QLineEdit:focus, QPlainTextEdit[readOnly="false"]:focus, QTextEdit[readOnly="false"]:focus, QComboBox:focus {{
    border: 2px solid {ring}; padding: {s - 1}px {m - 1}px;
}}
QLineEdit:disabled, QPlainTextEdit:disabled, QTextEdit:disabled, QComboBox:disabled {{
    background: {window}; color: {muted};
}}
QLineEdit[frame="false"], QComboBox[frame="false"] {{
    border: none; border-radius: 0; padding: 0 {s}px;
}}
QComboBox QLineEdit, QComboBox QLineEdit:focus, QAbstractSpinBox QLineEdit, QAbstractSpinBox QLineEdit:focus {{
    border: none; padding: 0; background: transparent;
}}
/* As narrow as Fusion's: the drop-down's width is added to the padding when Qt sizes the box. */
QComboBox {{ padding: {s - 1}px 2px {s - 1}px {s + 2}px; }}
QComboBox:focus {{ padding: {s - 2}px 1px {s - 2}px {s + 1}px; }}
QComboBox::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right; width: 16px; border: none; }}
QComboBox::down-arrow {{ image: url("{down}"); width: 10px; height: 10px; }}
QComboBox QAbstractItemView {{
    background: {surface}; color: {text}; border: 1px solid {border}; selection-background-color: {selection};
    selection-color: {text}; outline: 0;
}}

/* Meters */
QProgressBar {{
    background: {header}; color: {text}; border: 1px solid {border}; border-radius: {r}px; text-align: center;
}}
QProgressBar::chunk {{ background: {accent}; border-radius: {max(1, r - 1)}px; }}
QProgressBar[role="warning"]::chunk {{ background: {warning}; }}
QProgressBar[role="danger"]::chunk {{ background: {danger}; }}
QProgressBar[role="success"]::chunk {{ background: {success}; }}

/* Tables and lists */
/* Selections keep the palette's highlight: delegates paint their accents with it too. */
QAbstractItemView {{ alternate-background-color: {header}; }}
QTableView {{ gridline-color: {gridline}; }}
QHeaderView::section {{
    background: {header}; color: {text}; border: none; border-right: 1px solid {gridline};
    border-bottom: 1px solid {border}; padding: {s}px {s - 1}px;  /* Fusion's width: tables sized to fit keep fitting */
}}
QHeaderView::section:last {{ border-right: none; }}
QTableCornerButton::section {{ background: {header}; border: none; border-bottom: 1px solid {border}; }}

/* The main window's navigation and demo banner */
QListWidget#navigation {{
    background: {window}; border: none; padding-top: {m}px; font-size: {pt(1.08)}; outline: 0;
}}
QListWidget#navigation::item {{
    color: {text}; padding: {m + 1}px {lg + 2}px; margin: {s // 2}px {m}px; border-radius: {r}px;
}}
QListWidget#navigation::item:selected {{ background: {nav_selected}; color: {text}; }}
QListWidget#navigation::item:hover:!selected {{ background: {hover}; }}
QFrame#demoBanner {{
    background: {_hex(t.notice_background)}; border: none; border-bottom: 1px solid {border};
    border-left: 4px solid {notice_border};
}}
QFrame#demoBanner QLabel {{ color: {text}; background: transparent; }}

/* Pop-ups */
QToolTip {{
    background: {surface}; color: {text}; border: 1px solid {border}; padding: {s}px {m}px;
}}
QMenu {{ background: {surface}; color: {text}; border: 1px solid {border}; padding: {s}px 0; }}
QMenu::item {{ padding: {s}px {lg + m}px {s}px {m}px; }}
QMenu::icon {{ padding-left: {m}px; }}
QMenu::item:selected {{ background: {selection}; color: {text}; }}
QMenu::item:disabled {{ color: {muted}; }}
QMenu::separator {{ height: 1px; background: {border}; margin: {s}px {m}px; }}
"""


def apply(app: QApplication | None = None) -> None:
    """Give the application the style sheet of its current palette and font (a no-op if it has it already)."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    if app is None:
        return
    sheet = stylesheet(tokens(app.palette()), app.font())
    if app.styleSheet() != sheet:  # re-polishing every widget is not free, and a changed sheet may re-trigger
        app.setStyleSheet(sheet)
