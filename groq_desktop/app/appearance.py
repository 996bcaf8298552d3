"""Theme (system / light / dark) and font size, applied to the whole application at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from groq_desktop.app.settings import AppSettings, Key

THEMES: tuple[tuple[str, str], ...] = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))
_SCHEMES = {"system": Qt.ColorScheme.Unknown, "light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
_system_font: QFont | None = None


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#2b2b2e"), (roles.WindowText, "#e8e8e8"), (roles.Base, "#1f1f22"),
        (roles.AlternateBase, "#29292d"), (roles.ToolTipBase, "#3a3a3e"), (roles.ToolTipText, "#e8e8e8"),
        (roles.Text, "#e8e8e8"), (roles.Button, "#35353a"), (roles.ButtonText, "#e8e8e8"),
        (roles.BrightText, "#ff6b5a"), (roles.Highlight, "#f55036"), (roles.HighlightedText, "#ffffff"),
        (roles.Link, "#7fb4ff"), (roles.PlaceholderText, "#9a9a9f"), (roles.Mid, "#45454a"),
        (roles.Midlight, "#3c3c41"), (roles.Dark, "#1a1a1c"), (roles.Light, "#4a4a50"),
    ):
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.Text, QColor("#7a7a7f"))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.WindowText, QColor("#7a7a7f"))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.ButtonText, QColor("#7a7a7f"))
    return palette


def apply(settings: AppSettings, app: QApplication | None = None) -> None:
    app = app or QApplication.instance()  # type: ignore[assignment]
    if app is None:
        return
    apply_theme(app, str(settings.get(Key.THEME) or "system"))
    apply_font_size(app, int(settings.get(Key.FONT_SIZE) or 0))


def apply_theme(app: QApplication, theme: str) -> None:
    app.styleHints().setColorScheme(_SCHEMES.get(theme, Qt.ColorScheme.Unknown))
    # An explicit palette too: not every platform theme honours a requested scheme.
    if theme == "dark":
        app.setPalette(dark_palette())
    elif theme == "light":
        app.setPalette(QPalette(QColor("#efefef"), QColor("#f5f5f5")))  # derives the other roles
    else:
        app.setPalette(QPalette())  # an empty palette hands the colours back to the platform, live


def apply_font_size(app: QApplication, points: int) -> None:
    global _system_font
    if _system_font is None:
        _system_font = QFont(app.font())
    font = QFont(_system_font)
    if points > 0:
        font.setPointSize(points)
    app.setFont(font)
