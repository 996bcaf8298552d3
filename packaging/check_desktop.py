"""Built-in checks of the installed desktop integration (desktop-file-validate is not everywhere).

Usage: ``python packaging/check_desktop.py DESKTOP_FILE ROOT`` (ROOT: "" for /, or a scratch root).
Checks that the entry launches ``groq-desktop`` with files (%F), that its icon exists in every hicolor
size and as SVG, and that it claims audio and video types, so file managers offer "Open with".
"""

from __future__ import annotations

import configparser
import sys
from pathlib import Path

ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
REQUIRED_TYPES = ("audio/mpeg", "audio/flac", "audio/wav", "audio/ogg", "audio/mp4", "video/mp4", "video/webm")


def read_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment, method-assign] # keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    return dict(parser["Desktop Entry"])


def problems(entry: dict[str, str], root: Path) -> list[str]:
    out: list[str] = []
    for key in ("Type", "Name", "Exec", "Icon", "MimeType", "Categories"):
        if not entry.get(key):
            out.append(f"{key}= is missing")
    exec_words = entry.get("Exec", "").split()
    if not exec_words or Path(exec_words[0]).name != "groq-desktop":
        out.append(f"Exec= does not start groq-desktop: {entry.get('Exec')!r}")
    elif "%F" not in exec_words and "%U" not in exec_words:
        out.append("Exec= takes no files (%F), so 'Open with' would open nothing")
    else:
        command = exec_words[0]
        binary = root / command.lstrip("/") if command.startswith("/") else root / "usr/bin" / command
        if not binary.exists():
            out.append(f"Exec= names {command}, which is not installed at {binary}")
    mime = entry.get("MimeType", "")
    if mime and not mime.endswith(";"):
        out.append("MimeType= must end with ';'")
    types = set(filter(None, mime.split(";")))
    out += [f"MimeType= lacks {t}" for t in REQUIRED_TYPES if t not in types]
    icon = entry.get("Icon", "")
    hicolor = root / "usr/share/icons/hicolor"
    for size in ICON_SIZES:
        if not (hicolor / f"{size}x{size}/apps/{icon}.png").is_file():
            out.append(f"no {size}x{size} icon")
    if not (hicolor / f"scalable/apps/{icon}.svg").is_file():
        out.append("no scalable icon")
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        raise SystemExit(__doc__)
    desktop, root = Path(argv[0]), Path(argv[1] or "/")
    found = problems(read_entry(desktop), root)
    for problem in found:
        print(f"FAIL desktop entry: {problem}")
    if not found:
        print(f"ok   desktop entry, {len(ICON_SIZES)} icon sizes + SVG, audio and video MIME types")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
