"""Translation catalogues: ``update`` re-reads the sources into the .ts files, ``release`` builds the .qm.

The sources are split into areas, one Turkish .ts per area (``resources/i18n/tr/<area>.ts``), so work
on different parts of the app never edits the same catalogue. English ships only its plural forms
("1 file" / "2 files"). ``release`` joins the areas into ``groq_desktop/resources/i18n/groq_desktop_<lang>.qm``.
Run: ``python packaging/i18n.py update`` (after changing strings), ``python packaging/i18n.py release``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "groq_desktop"
SOURCES = ROOT / "resources" / "i18n"
QM_DIR = PACKAGE / "resources" / "i18n"
LANGUAGES = ("tr", "en")

# Each area: the folders and modules (relative to groq_desktop/) whose strings it holds.
AREAS: dict[str, tuple[str, ...]] = {
    "chat": ("app/chat",),
    "transcription": ("app/transcription", "app/voice"),
    "bulk_models_monitor": ("app/bulk", "app/models", "app/monitor"),
    "shell": ("app/*.py", "!app/main_window.py", "!app/main.py"),
    "window": ("app/main_window.py", "app/main.py"),
    "core": ("core", "services", "errors.py"),
}


def area_files(area: str) -> list[Path]:
    files: list[Path] = []
    excluded = {PACKAGE / p[1:] for p in AREAS[area] if p.startswith("!")}
    for pattern in (p for p in AREAS[area] if not p.startswith("!")):
        target = PACKAGE / pattern
        if "*" in pattern:
            files.extend(sorted(PACKAGE.glob(pattern)))
        elif target.is_dir():
            files.extend(sorted(target.rglob("*.py")))
        else:
            files.append(target)
    return [f for f in files if f not in excluded]


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent)) or shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found: it comes with the PySide6 wheels (./dev sets them up)")
    return found


def ts_path(language: str, area: str, sources: Path = SOURCES) -> Path:
    return sources / language / f"{area}.ts"


def update(sources: Path = SOURCES) -> None:
    for language in LANGUAGES:
        for area in AREAS:
            target = ts_path(language, area, sources)
            target.parent.mkdir(parents=True, exist_ok=True)
            previous = finished_translations(target) if target.exists() else {}
            subprocess.run(
                [tool("lupdate"), "-locations", "none", "-no-obsolete", "-source-language", "en",
                 "-target-language", language, *map(str, area_files(area)), "-ts", str(target)],
                check=True, capture_output=True, text=True,
            )
            mark_plurals(target, previous, english=language == "en")


Key = tuple[str, str]


def finished_translations(ts: Path) -> dict[Key, list[str]]:
    """(context, source) -> the finished translation's forms (one, or one per plural form)."""
    found: dict[Key, list[str]] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type"):
                continue
            forms = [form.text or "" for form in translation.iter("numerusform")] or [translation.text or ""]
            found[(context.findtext("name") or "", message.findtext("source") or "")] = forms
    return found


def mark_plurals(ts: Path, previous: dict[Key, list[str]], english: bool) -> None:
    """Every message with %n is a plural (lupdate marks only those counted by a literal number).

    English keeps only its plurals ("1 file" / "%n files"); the other messages are their own translation.
    """
    tree = ET.parse(ts)
    root = tree.getroot()
    for context in list(root.iter("context")):
        name = context.findtext("name") or ""
        for message in list(context.iter("message")):
            source = message.findtext("source") or ""
            if "%n" not in source:
                if english:
                    context.remove(message)
                continue
            message.set("numerus", "yes")
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            forms = previous.get((name, source))
            translation.clear()
            if forms is None or (english and len(forms) < 2):
                translation.set("type", "unfinished")
                forms = [""] * (2 if english else 1)
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
        if english and context.find("message") is None:
            root.remove(context)
    ET.indent(tree, "    ")
    body = ET.tostring(root, encoding="unicode").splitlines()
    # lupdate's own layout (contexts at the margin, the DOCTYPE), so its next run changes nothing.
    lines = [body[0], *(line[4:] if line.startswith("    ") else line for line in body[1:])]
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + "\n".join(lines) + "\n", "utf-8")


def release(sources: Path = SOURCES, out_dir: Path = QM_DIR) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    built = []
    for language in LANGUAGES:
        ts_files = [str(ts_path(language, area, sources)) for area in AREAS if ts_path(language, area, sources).exists()]
        if not ts_files:
            continue
        qm = out_dir / f"groq_desktop_{language}.qm"
        subprocess.run([tool("lrelease"), "-silent", *ts_files, "-qm", str(qm)], check=True)
        built.append(qm)
    return built


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        update()
        release()
    elif command == "release":
        release()
    else:
        raise SystemExit(__doc__)
