"""Theme (system / light / dark) and font size, applied to the whole application at once.

The application style sheet (``theme.stylesheet``) is built from the palette: it is rebuilt whenever the
palette or the system's colour scheme changes, so a live switch (the desktop's or Settings') restyles all.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from groq_desktop.app import theme as look
from groq_desktop.app.settings import AppSettings, Key

THEMES: tuple[tuple[str, str], ...] = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))
_SCHEMES = {"system": Qt.ColorScheme.Unknown, "light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
_system_font: QFont | None = None
_watcher: _Restyler | None = None


class _Restyler(QObject):
    """Rebuilds the style sheet after a palette, font or colour-scheme change (once per burst of them)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.restyle)
        app.installEventFilter(self)
        app.styleHints().colorSchemeChanged.connect(self._schedule)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._app and event.type() in (
            QEvent.Type.ApplicationPaletteChange, QEvent.Type.ApplicationFontChange
        ):
            self._schedule()
        return False

    def _schedule(self) -> None:
        # The platform may deliver its new palette after the scheme signal: build from what is current then.
        self._pending.start()

    def restyle(self) -> None:
        look.apply(self._app)


def watch(app: QApplication) -> None:
    """Keep the style sheet in step with the palette from now on (idempotent)."""
    global _watcher
    if _watcher is None or _watcher.parent() is not app:
        _watcher = _Restyler(app)


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
    watch(app)
    look.apply(app)


def apply_theme(app: QApplication, theme: str) -> None:
    app.styleHints().setColorScheme(_SCHEMES.get(theme, Qt.ColorScheme.Unknown))
    # An explicit palette too: not every platform theme honours a requested scheme.
    if theme == "dark":
        app.setPalette(dark_palette())
    elif theme == "light":
        light = QPalette(QColor("#efefef"), QColor("#f5f5f5"))  # derives the other roles
        # The one accent, as in the dark palette: selections and the delegates' accents use the highlight.
        light.setColor(QPalette.ColorRole.Highlight, QColor(look.ACCENT))
        light.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
        app.setPalette(light)
    else:
        app.setPalette(QPalette())  # an empty palette hands the colours back to the platform, live
    look.apply(app)  # now, not after the next event: a caller may grab or measure at once


def apply_font_size(app: QApplication, points: int) -> None:
    global _system_font
    if _system_font is None:
        _system_font = QFont(app.font())
    font = QFont(_system_font)
    if points > 0:
        font.setPointSize(points)
    app.setFont(font)
    look.apply(app)  # the sheet's type sizes are relative to the application font
