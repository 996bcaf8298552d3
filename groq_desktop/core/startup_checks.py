"""What can stop the app from starting on its data, found before it is opened (or named after it failed).

Each problem says what is wrong and whether moving the file aside (and starting fresh) is a way out.
Nothing here deletes a file: ``move_aside`` renames it, with a timestamp, next to where it was.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from groq_desktop.i18n import QT_TRANSLATE_NOOP, number, translate

SQLITE_MAGIC = b"SQLite format 3\x00"
# SQLite keeps these beside the database; they belong to it and move with it.
_DATABASE_COMPANIONS = ("-wal", "-shm", "-journal")


class ProblemKind(Enum):
    CORRUPT_DATABASE = "corrupt database"
    NEWER_DATABASE = "database from a newer version"
    READ_ONLY_FOLDER = "read-only data folder"
    CORRUPT_CONFIG = "unreadable settings file"
    OTHER = "start-up failure"

    def label(self) -> str:
        """The kind in the user's language (the value, logged, stays English)."""
        return translate("ProblemKind", _KIND_LABELS[self])


_KIND_LABELS = {
    ProblemKind.CORRUPT_DATABASE: QT_TRANSLATE_NOOP("ProblemKind", "corrupt database"),
    ProblemKind.NEWER_DATABASE: QT_TRANSLATE_NOOP("ProblemKind", "database from a newer version"),
    ProblemKind.READ_ONLY_FOLDER: QT_TRANSLATE_NOOP("ProblemKind", "read-only data folder"),
    ProblemKind.CORRUPT_CONFIG: QT_TRANSLATE_NOOP("ProblemKind", "unreadable settings file"),
    ProblemKind.OTHER: QT_TRANSLATE_NOOP("ProblemKind", "start-up failure"),
}


@dataclass(frozen=True)
class StartupProblem:
    kind: ProblemKind
    path: Path
    detail: str

    @property
    def can_move_aside(self) -> bool:
        return self.kind in (ProblemKind.CORRUPT_DATABASE, ProblemKind.NEWER_DATABASE, ProblemKind.CORRUPT_CONFIG)

    @property
    def folder(self) -> Path:
        return self.path if self.path.is_dir() else self.path.parent

    def message(self) -> str:
        what = translate("StartupProblem", _WHAT[self.kind]).format(path=self.path)
        way_out = translate("StartupProblem", _WAY_OUT[self.kind])
        return f"{what}\n\n{self.detail}\n\n{way_out}"


_WHAT = {
    ProblemKind.CORRUPT_DATABASE: QT_TRANSLATE_NOOP(
        "StartupProblem", "The history database {path} is damaged and cannot be opened."
    ),
    ProblemKind.NEWER_DATABASE: QT_TRANSLATE_NOOP(
        "StartupProblem", "The history database {path} was written by a newer Groq Desktop."
    ),
    ProblemKind.READ_ONLY_FOLDER: QT_TRANSLATE_NOOP("StartupProblem", "Groq Desktop cannot write to its data folder {path}."),
    ProblemKind.CORRUPT_CONFIG: QT_TRANSLATE_NOOP("StartupProblem", "The file {path} cannot be read."),
    ProblemKind.OTHER: QT_TRANSLATE_NOOP("StartupProblem", "Groq Desktop could not start."),
}
_WAY_OUT = {
    ProblemKind.CORRUPT_DATABASE: QT_TRANSLATE_NOOP(
        "StartupProblem",
        "Move it aside to start with an empty history (the file is kept, renamed, for recovery), open its folder, "
        "or quit.",
    ),
    ProblemKind.NEWER_DATABASE: QT_TRANSLATE_NOOP(
        "StartupProblem",
        "Update Groq Desktop to open it. Or move it aside to start with an empty history here (the file is kept, "
        "renamed, for the newer version), open its folder, or quit.",
    ),
    ProblemKind.READ_ONLY_FOLDER: QT_TRANSLATE_NOOP(
        "StartupProblem", "Make the folder writable (or set GROQ_DESKTOP_HOME to another folder) and start again."
    ),
    ProblemKind.CORRUPT_CONFIG: QT_TRANSLATE_NOOP(
        "StartupProblem",
        "Move it aside to go back to the built-in values (the file is kept, renamed), open its folder, or quit.",
    ),
    ProblemKind.OTHER: QT_TRANSLATE_NOOP("StartupProblem", "The log has the details."),
}


def check_writable(folder: Path) -> StartupProblem | None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".write-test-", dir=folder)
        os.close(fd)
        os.unlink(name)
    except OSError as exc:
        return StartupProblem(ProblemKind.READ_ONLY_FOLDER, folder, exc.strerror or str(exc))
    return None


def check_database(path: Path, known_version: int) -> StartupProblem | None:
    """Cheap checks of the file's header: not SQLite, cut short, or from a newer schema."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    except OSError as exc:
        return StartupProblem(
            ProblemKind.CORRUPT_DATABASE,
            path,
            translate("check_database", "It cannot be read: {error}.").format(error=exc.strerror or exc),
        )
    if size == 0:
        return None  # SQLite's own empty database
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return StartupProblem(
            ProblemKind.CORRUPT_DATABASE, path, translate("check_database", "It is not an SQLite database.")
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    header_count_valid = header[24:28] == header[92:96]  # SQLite's rule for trusting the page count
    if header_count_valid and pages and size < pages * page_size:
        return StartupProblem(
            ProblemKind.CORRUPT_DATABASE, path,
            translate("check_database", "It is cut short: {size} bytes of the {expected} its header announces.").format(
                size=number(size), expected=number(pages * page_size)
            ),
        )
    version = int.from_bytes(header[60:64], "big")  # PRAGMA user_version, our schema number
    if version > known_version:
        return StartupProblem(
            ProblemKind.NEWER_DATABASE,
            path,
            translate("check_database", "Its schema is version {version}; this app knows up to {known}.").format(
                version=version, known=known_version
            ),
        )
    return None


def check_limits_file(path: Path) -> StartupProblem | None:
    if not path.exists():
        return None
    try:
        from groq_desktop.core.quota.limits import LimitTable  # not needed to paint the first window

        LimitTable.read_override(path)
    except (OSError, ValueError) as exc:
        return StartupProblem(ProblemKind.CORRUPT_CONFIG, path, str(exc))
    return None


def check_json_file(path: Path) -> StartupProblem | None:
    if not path.exists():
        return None
    try:
        if not isinstance(json.loads(path.read_text("utf-8")), dict):
            raise ValueError("the top level is not an object")
    except (OSError, ValueError) as exc:
        return StartupProblem(
            ProblemKind.CORRUPT_CONFIG,
            path,
            translate("check_json_file", "{name} is not valid JSON: {error}").format(name=path.name, error=exc),
        )
    return None


def problem_from_error(exc: BaseException, database: Path) -> StartupProblem:
    """Name the failure of an open that passed the checks (SQLite finds more than the header shows)."""
    from groq_desktop.core.store.storage import DatabaseVersionError

    if isinstance(exc, DatabaseVersionError):
        return StartupProblem(ProblemKind.NEWER_DATABASE, database, str(exc))
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
        return StartupProblem(
            ProblemKind.CORRUPT_DATABASE, database, translate("problem_from_error", "SQLite says: {error}.").format(error=exc)
        )
    if isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc).replace(" ", "").lower():
        return StartupProblem(
            ProblemKind.READ_ONLY_FOLDER,
            database.parent,
            translate("problem_from_error", "SQLite says: {error}.").format(error=exc),
        )
    if isinstance(exc, PermissionError):
        return StartupProblem(ProblemKind.READ_ONLY_FOLDER, Path(exc.filename or database).parent, str(exc))
    return StartupProblem(ProblemKind.OTHER, database.parent, f"{type(exc).__name__}: {exc}")


def first_problem(checks: Iterable[StartupProblem | None]) -> StartupProblem | None:
    return next((p for p in checks if p is not None), None)


def move_aside(path: Path, now: float | None = None) -> Path:
    """Rename ``path`` (and a database's -wal/-shm) to ``<name>.broken-<timestamp>``; returns the new path."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(time.time() if now is None else now))
    target = path.with_name(f"{path.name}.broken-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.broken-{stamp}-{counter}")
    os.replace(path, target)
    for suffix in _DATABASE_COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if companion.exists():  # a WAL left behind would be replayed into the fresh database
            os.replace(companion, target.with_name(target.name + suffix))
    return target
