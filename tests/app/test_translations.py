"""Every string the user reads is translatable, and the Turkish catalogue is complete and well-formed."""

from __future__ import annotations

import ast
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings

from groq_desktop import i18n
from groq_desktop.app import language
from groq_desktop.app.composition import Services, build_services
from groq_desktop.app.main_window import MainWindow
from groq_desktop.app.settings import AppSettings
from groq_desktop.core.config import load_config
from tests.app.translatable import is_untranslated, pseudo_translation, untranslated_texts
from tests.conftest import save_screenshot

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import i18n as catalogues  # noqa: E402  (packaging/i18n.py: the build tool)

_FIELDS = re.compile(r"\{[^{}]*\}|%n|%L?\d")


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped .ts files brought up to date with the sources (what ``packaging/i18n.py update`` would write)."""
    copy = tmp_path_factory.mktemp("i18n") / "sources"
    shutil.copytree(catalogues.SOURCES, copy)
    catalogues.update(copy)
    return copy


def messages(ts: Path) -> Iterator[tuple[str, ET.Element]]:
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield name, message


def problems(sources: Path, language_code: str, area: str) -> list[str]:
    found = []
    for context, message in messages(catalogues.ts_path(language_code, area, sources)):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        where = f"{area}.ts {context}: {source!r}"
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(f.strip() for f in forms):
            found.append(f"{where} has no finished translation")
            continue
        for form in forms:
            if set(_FIELDS.findall(form)) != set(_FIELDS.findall(source)) and not (
                message.get("numerus") == "yes" and "%n" not in form
            ):
                found.append(f"{where} -> {form!r}: the placeholders differ")
    return found


@pytest.mark.parametrize("area", catalogues.AREAS)
def test_every_string_has_a_finished_turkish_translation_with_the_same_placeholders(
    fresh_catalogues: Path, area: str
) -> None:
    assert problems(fresh_catalogues, "tr", area) == []


@pytest.mark.parametrize("area", catalogues.AREAS)
def test_english_plural_forms_are_written(fresh_catalogues: Path, area: str) -> None:
    assert problems(fresh_catalogues, "en", area) == []


def translate_calls(path: Path) -> Iterator[tuple[int, list[ast.expr]]]:
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) >= 2:
            yield node.lineno, [*node.args, *(k.value for k in node.keywords)]


def test_every_translate_call_is_one_lupdate_reads_into_the_catalogue() -> None:
    """lupdate silently drops a call with a nested call or an operator among its arguments."""
    shipped = {
        (context, message.findtext("source") or "")
        for area in catalogues.AREAS
        for context, message in messages(catalogues.ts_path("tr", area))
    }
    simple = (ast.Constant, ast.Name, ast.Attribute)
    found = []
    for area in catalogues.AREAS:
        for path in catalogues.area_files(area):
            for line, args in translate_calls(path):
                where = f"{path.relative_to(ROOT)}:{line}"
                context, source = args[0], args[1]
                if isinstance(source, ast.Constant) and not all(isinstance(arg, simple) for arg in args):
                    found.append(f"{where}: lupdate skips a call whose arguments are not names or literals")
                if not isinstance(context, ast.Constant):
                    found.append(f"{where}: the context must be a literal")
                elif isinstance(source, ast.Constant) and (context.value, source.value) not in shipped:
                    found.append(f"{where}: {source.value!r} is not in the catalogue (./dev i18n)")
    assert found == []


def test_the_pseudo_translation_finds_a_plain_string() -> None:
    assert is_untranslated("Send the message")
    assert not is_untranslated("⟦Send the message⟧")
    assert not is_untranslated("llama-3.3-70b-versatile · 1,024 · report.mp3")


@pytest.fixture
def demo_services() -> Iterator[Services]:
    services = build_services(load_config({}))
    yield services
    services.close()


PANELS = ("chat_panel", "transcription_panel", "models_panel", "monitor_panel", "bulk_panel")


@pytest.mark.parametrize("area", [*PANELS, "window"])
def test_no_widget_shows_text_that_cannot_be_translated(
    qtbot: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path, area: str
) -> None:
    with pseudo_translation():
        window = MainWindow(demo_services, AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
        qtbot.addWidget(window)
        panels = tuple(getattr(window, name) for name in PANELS)
        window.show()
        qtbot.waitUntil(lambda: window.chat_panel.models_ready)
        if area == "window":  # menus, navigation, banner and status bar: all but the panels
            assert untranslated_texts(window, exclude=panels) == []
        else:
            assert untranslated_texts(getattr(window, area)) == []
        window.close()


def test_turkish_is_used_for_our_strings_qt_s_own_and_numbers(turkish: QLocale) -> None:
    assert turkish.language() == QLocale.Language.Turkish
    assert i18n.number(1234567.5, 1) == "1.234.567,5"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "İptal"


def test_the_window_in_turkish(
    qtbot: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path, turkish: QLocale
) -> None:
    window = MainWindow(demo_services, AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.show()
    qtbot.waitUntil(lambda: window.chat_panel.models_ready)
    assert window.nav.item(0).text() == "Sohbet"
    save_screenshot(window, "chat-tr.png", tmp_path)
    window.show_area(window.monitor_panel)
    save_screenshot(window, "monitor-tr.png", tmp_path)
    window.close()


def test_the_system_language_is_the_default_and_english_the_fallback() -> None:
    assert language.resolve("system", QLocale("tr_TR")).language() == QLocale.Language.Turkish
    assert language.resolve("system", QLocale("de_DE")).language() == QLocale.Language.English
    assert language.resolve("en", QLocale("tr_TR")).language() == QLocale.Language.English
