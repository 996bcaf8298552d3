"""The application style sheet: every role and surface styled in light and dark, restyled live on a switch."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, qInstallMessageHandler
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from groq_desktop.app import appearance, settings_dialog, theme
from groq_desktop.app.composition import Services, build_services
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.app.settings_dialog import SettingsDialog
from groq_desktop.core.config import load_config

APP_DIR = Path(__file__).resolve().parents[2] / "groq_desktop" / "app"


@pytest.fixture
def app() -> Iterator[QApplication]:
    instance: QApplication = QApplication.instance()  # type: ignore[assignment]
    yield instance
    appearance.apply_theme(instance, "system")  # the look is global: leave it as found
    appearance.apply_font_size(instance, 0)


class Gallery(QWidget):
    """One widget of each role and surface the sheet styles."""

    def __init__(self) -> None:
        super().__init__()
        self.resize(420, 420)
        column = QVBoxLayout(self)
        self.normal = QPushButton("Normal")
        self.primary = QPushButton("Send")
        self.primary.setProperty("role", "primary")
        self.danger = QPushButton("Delete")
        self.danger.setProperty("role", "danger")
        self.subtle = QPushButton("Details")
        self.subtle.setProperty("role", "subtle")
        self.title = QLabel("A title")
        self.title.setProperty("role", "title")
        self.caption = QLabel("A caption")
        self.caption.setProperty("role", "caption")
        self.error = QLabel("An error")
        self.error.setProperty("role", "error")
        self.success = QLabel("Done")
        self.success.setProperty("role", "success")
        self.card = QFrame()
        self.card.setProperty("surface", "card")
        self.card.setMinimumHeight(30)
        self.notice = QFrame()
        self.notice.setProperty("surface", "notice")
        self.notice.setMinimumHeight(30)
        self.edit = QLineEdit("text")
        self.combo = QComboBox()
        self.combo.addItems(["one", "two"])
        self.spin = QSpinBox()
        self.meter = QProgressBar()
        self.meter.setValue(100)
        self.low = QProgressBar()
        self.low.setValue(100)
        self.low.setProperty("role", "danger")
        for widget in (self.normal, self.primary, self.danger, self.subtle, self.title, self.caption, self.error,
                       self.success, self.card, self.notice, self.edit, self.combo, self.spin, self.meter, self.low):
            column.addWidget(widget)


def centre(widget: QWidget, dx: int = 0) -> QColor:
    image = widget.grab().toImage()
    return image.pixelColor(QPoint(image.width() // 2 + dx, image.height() // 2))


def near(a: QColor, b: QColor, tolerance: int = 14) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_role_and_surface_is_styled(qtbot: Any, app: QApplication, scheme: str) -> None:
    appearance.apply_theme(app, scheme)
    tokens = theme.tokens()
    assert tokens.dark is (scheme == "dark")
    gallery = Gallery()
    qtbot.addWidget(gallery)
    gallery.show()
    qtbot.waitExposed(gallery)

    # the primary button is filled with the accent; a plain one keeps the native look
    assert near(centre(gallery.primary, dx=gallery.primary.width() // 3), tokens.accent)
    assert not near(centre(gallery.normal, dx=gallery.normal.width() // 3), tokens.accent, 60)
    assert gallery.primary.font().bold() or gallery.primary.font().weight() >= QFont.Weight.DemiBold
    # the surfaces paint their token backgrounds
    assert near(centre(gallery.card), tokens.surface, 3)
    assert near(centre(gallery.notice), tokens.notice_background, 3)
    # the meters' chunks: accent, and the danger variant in the danger colour
    assert near(centre(gallery.meter, dx=gallery.meter.width() // 4), tokens.accent)
    assert near(centre(gallery.low, dx=gallery.low.width() // 4), tokens.danger)
    # labels: colours and type sizes relative to the application font
    text_of = lambda label: label.palette().color(QPalette.ColorRole.WindowText)  # noqa: E731
    assert near(text_of(gallery.error), tokens.danger, 0) and near(text_of(gallery.success), tokens.success, 0)
    assert near(text_of(gallery.caption), tokens.muted_text, 0)
    base = app.font().pointSizeF()
    assert gallery.title.font().pointSizeF() == pytest.approx(base * tokens.title_scale, abs=0.1)
    assert gallery.caption.font().pointSizeF() == pytest.approx(base * tokens.caption_scale, abs=0.1)
    # inputs sit on the surface colour in both schemes
    assert near(centre(gallery.edit, dx=gallery.edit.width() // 3), tokens.surface, 3)


def test_the_sheet_parses_without_warnings(qtbot: Any, app: QApplication) -> None:
    messages: list[str] = []
    previous = qInstallMessageHandler(lambda _mode, _context, message: messages.append(message))
    try:
        for scheme in ("light", "dark"):
            appearance.apply_theme(app, scheme)
            gallery = Gallery()
            qtbot.addWidget(gallery)
            gallery.show()
            gallery.grab()
    finally:
        qInstallMessageHandler(previous)
    assert not [m for m in messages if "stylesheet" in m.lower() or "parse" in m.lower()], messages


def card_background(sheet: str) -> str:
    found = re.search(r'QFrame\[surface="card"\] \{\s*background: (#[0-9a-f]{6})', sheet)
    return found.group(1) if found else ""


def test_a_palette_change_restyles_live(qtbot: Any, app: QApplication) -> None:
    appearance.apply_theme(app, "light")
    appearance.watch(app)
    assert card_background(app.styleSheet()) == theme.tokens().surface.name()
    # a palette set by someone else (the platform's live switch) is caught by the event filter
    app.setPalette(appearance.dark_palette())
    dark_surface = theme.tokens().surface.name()
    assert theme.tokens().dark
    qtbot.waitUntil(lambda: card_background(app.styleSheet()) == dark_surface)
    # and the font: type sizes follow it
    font = QFont(app.font())
    font.setPointSize(17)
    app.setFont(font)
    qtbot.waitUntil(lambda: f"{17 * 1.2:.1f}pt" in app.styleSheet())


@pytest.fixture
def services() -> Iterator[Services]:
    built = build_services(load_config({}))
    built.key_store._persistent = False
    yield built
    built.close()


def test_switching_the_theme_in_settings_restyles_live(
    qtbot: Any, app: QApplication, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings_dialog, "offer_restart", lambda *_a, **_k: None)
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    settings.set(Key.THEME, "light")
    appearance.apply(settings)
    gallery = Gallery()
    qtbot.addWidget(gallery)
    gallery.show()
    qtbot.waitExposed(gallery)
    light_card = centre(gallery.card)
    assert light_card.lightnessF() > 0.8

    dialog = SettingsDialog(services, settings)
    qtbot.addWidget(dialog)
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    dialog.save()
    dark = theme.tokens()
    assert dark.dark and card_background(app.styleSheet()) == dark.surface.name()
    qtbot.waitUntil(lambda: near(centre(gallery.card), dark.surface, 3))
    assert near(centre(gallery.primary, dx=gallery.primary.width() // 3), dark.accent)
    assert near(gallery.caption.palette().color(QPalette.ColorRole.WindowText), dark.muted_text, 0)


# --- no hard-coded colours: widgets paint with theme.tokens() or take their look from the sheet -------------------

COLOUR = re.compile(
    r"""["'][^"'\n]*#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?(?:[0-9a-fA-F]{2})?\b"""  # "#c62828" in a string or QSS
    r"""|QColor\(\s*(?:["']|\d)"""  # QColor("#..."), QColor("red"), QColor(128, 128, 128)
    r"""|Qt\.GlobalColor\.(?!transparent\b)\w+|QColorConstants"""
    r"""|\b(?:color|background(?:-color)?)\s*:\s*(?:red|green|blue|white|black|gray|grey|orange|yellow)\b"""
)
# The palettes themselves are defined here: the only places a colour is written down.
ALLOWED = {"theme.py", "appearance.py"}
# Colours still written down outside the theme, file -> how many (none left: a new one fails at once).
TO_CLEAR: dict[str, int] = {}


def hard_coded_colours(path: Path) -> list[str]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        code = line.split("  #", 1)[0]  # a comment may name a colour
        if COLOUR.search(code):
            found.append(f"{path.relative_to(APP_DIR)}:{number}: {line.strip()}")
    return found


def test_the_colour_finder_finds_colours() -> None:
    for line in ('label.setStyleSheet("color: #c62828;")', 'x = QColor("#fff")', "QColor(128, 128, 128, 90)",
                 "painter.setPen(Qt.GlobalColor.red)", 'w.setStyleSheet("background: white")'):
        assert COLOUR.search(line), line
    for line in ("pixmap.fill(Qt.GlobalColor.transparent)", "QColor(tokens.accent)", 'find("#section")',
                 'setStyleSheet("color: palette(link);")'):
        assert not COLOUR.search(line), line


def test_no_new_hard_coded_colours_in_the_app() -> None:
    over = []
    for path in sorted(APP_DIR.rglob("*.py")):
        name = path.relative_to(APP_DIR).as_posix()
        if name in ALLOWED:
            continue
        found = hard_coded_colours(path)
        if len(found) > TO_CLEAR.get(name, 0):
            over.extend(found)
    assert not over, "paint with theme.tokens() or set a role/surface property instead:\n" + "\n".join(over)
