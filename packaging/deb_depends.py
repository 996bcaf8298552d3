"""The .deb's Depends: the Debian packages of every system library the frozen tree links against.

Like ``dpkg-shlibdeps``, but for a PyInstaller tree: ``ldd`` every shared object and the launcher,
keep the libraries found outside the tree (and not bundled in it under the same name), ask ``dpkg -S``
which package owns each, and add the libraries Qt opens at run time with ``dlopen`` (never in ``ldd``).

Usage: ``python packaging/deb_depends.py TREE`` prints one Depends value.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

# Opened with dlopen, so invisible to ldd: D-Bus (Qt's D-Bus module), PulseAudio (sound), and the
# libraries the brief names for every Qt desktop session (EGL/GL, xkbcommon, fontconfig, xcb-cursor).
DLOPENED = ("libdbus-1-3", "libpulse0", "libegl1", "libgl1", "libxkbcommon0", "libfontconfig1", "libxcb-cursor0")
_LDD_LINE = re.compile(r"^\s*(\S+)\s+=>\s+(/\S+)\s+\(0x[0-9a-f]+\)\s*$")
_NOT_SHIPPED = re.compile(r"^(libc6|libgcc-s1|libstdc\+\+6)$")  # base system: versioned below or always there


def elf_files(tree: Path) -> list[Path]:
    out = []
    for path in tree.rglob("*"):
        if path.is_file() and not path.is_symlink() and (".so" in path.name or os.access(path, os.X_OK)):
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    out.append(path)
    return out


def system_libraries(ldd_output: str, tree: Path, bundled: set[str]) -> set[str]:
    """Paths from ``ldd`` output that lie outside ``tree`` and are not shipped inside it."""
    found: set[str] = set()
    root = str(tree.resolve())
    for line in ldd_output.splitlines():
        match = _LDD_LINE.match(line)
        if not match:
            continue
        name, path = match.groups()
        if path.startswith(root) or name in bundled:
            continue
        found.add(path)
    return found


def owning_packages(paths: Iterable[str]) -> set[str]:
    packages: set[str] = set()
    for path in sorted(paths):
        candidates = [path, os.path.realpath(path)]
        candidates += [c.removeprefix("/usr") for c in candidates if c.startswith("/usr/lib")]
        candidates += ["/usr" + c for c in candidates if c.startswith("/lib")]
        for candidate in dict.fromkeys(candidates):
            result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
            if result.returncode == 0:
                packages.add(result.stdout.split(":", 1)[0].split(",")[0].strip())
                break
    return packages


def glibc_version() -> str:
    return os.confstr("CS_GNU_LIBC_VERSION").split()[-1]  # the build machine's: the oldest the tree runs on


def depends(tree: Path) -> str:
    files = elf_files(tree)
    bundled = {f.name for f in tree.rglob("*.so*")}
    output = ""
    for start in range(0, len(files), 50):
        batch = [str(f) for f in files[start : start + 50]]
        output += subprocess.run(["ldd", *batch], capture_output=True, text=True, check=False).stdout
    packages = owning_packages(system_libraries(output, tree, bundled)) | set(DLOPENED)
    packages = {p for p in packages if not _NOT_SHIPPED.match(p)}
    return ", ".join([f"libc6 (>= {glibc_version()})", *sorted(packages)])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    print(depends(Path(sys.argv[1])))
