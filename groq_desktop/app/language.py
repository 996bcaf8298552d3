"""The user's language: Qt translators for our strings and Qt's own, and the locale's number format.

``install`` runs once, right after the QApplication exists and before any widget: texts are translated
when a widget is built, so a new language takes effect at the next start (Settings offers a restart).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from groq_desktop import i18n

I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
CATALOGUE = "groq_desktop"
SHIPPED = ("en", "tr")


@dataclass(frozen=True)
class Language:
    code: str
    """The setting's value: "system" or a language code."""
    name: str
    """In its own language, so a user who cannot read the current one still finds theirs."""


CHOICES: tuple[Language, ...] = (Language("system", ""), Language("en", "English"), Language("tr", "Türkçe"))
_installed: list[QTranslator] = []


def resolve(choice: str, system: QLocale | None = None) -> QLocale:
    """The locale for a setting: a shipped language, the system's when it is one, else English."""
    if choice in SHIPPED:
        return QLocale(choice)
    system = system or QLocale.system()
    code = system.name().split("_")[0]
    return system if code in SHIPPED else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def install(choice: str, catalogue_dir: Path = I18N_DIR) -> QLocale:
    """Translate from now on into the chosen language; returns the locale in use."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    locale = resolve(choice)
    QLocale.setDefault(locale)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((CATALOGUE, str(catalogue_dir)), ("qtbase", qt_dir)):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            _installed.append(translator)

    def number(value: float, decimals: int) -> str:
        return QLocale().toString(float(value), "f", decimals) if decimals else QLocale().toString(int(round(value)))

    i18n.install(QCoreApplication.translate, number)
    return locale


def language_name(choice: str) -> str:
    """How the Settings list names a choice ("Follow the system" is itself translated)."""
    for language in CHOICES:
        if language.code == choice and language.name:
            return language.name
    return QCoreApplication.translate("Language", "Follow the system")
