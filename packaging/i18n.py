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
            plural = ["-pluralonly"] if language == "en" else []
            subprocess.run(
                [tool("lupdate"), "-locations", "none", "-no-obsolete", "-source-language", "en",
                 "-target-language", language, *plural, *map(str, area_files(area)), "-ts", str(target)],
                check=True, capture_output=True, text=True,
            )


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
