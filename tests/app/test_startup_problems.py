"""Start-up never exits silently: each bad-data case gets the dialog, and the original file is kept."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from groq_desktop.app import startup_problems
from groq_desktop.app.composition import Services
from groq_desktop.app.startup_problems import Choice
from groq_desktop.core import paths, startup_checks
from groq_desktop.core.config import load_config
from groq_desktop.core.quota.limits import LimitTable, ModelLimits
from groq_desktop.core.secrets import KeyStore
from groq_desktop.core.startup_checks import ProblemKind, StartupProblem
from groq_desktop.core.store.storage import Storage


class Dialog:
    """Stands in for the modal dialog: records each problem, answers from a script."""

    def __init__(self, *answers: Choice) -> None:
        self.answers = list(answers)
        self.problems: list[StartupProblem] = []
        self.opened: list[Path] = []

    def ask(self, problem: StartupProblem) -> Choice:
        self.problems.append(problem)
        return self.answers.pop(0)

    def open_folder(self, problem: StartupProblem) -> None:
        self.opened.append(problem.folder)


@pytest.fixture
def dialog(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Dialog]:
    def install(*answers: Choice) -> Dialog:
        fake = Dialog(*answers)
        monkeypatch.setattr(startup_problems, "ask", fake.ask)
        monkeypatch.setattr(startup_problems, "open_folder", fake.open_folder)
        return fake

    return install


@pytest.fixture
def started() -> Iterator[list[Services]]:
    built: list[Services] = []
    yield built
    for services in built:
        services.close()


def start(started: list[Services]) -> Services | None:
    services = startup_problems.start_services(load_config({"GROQ_DEMO": "1"}), KeyStore(_persistent=False))
    if services is not None:
        started.append(services)
    return services


def database_with_a_conversation() -> tuple[Path, bytes]:
    path = paths.database_path(demo=True)
    with Storage(path) as store:
        for n in range(200):
            store.create_conversation("llama-3.1-8b-instant", f"conversation {n}")
    return path, path.read_bytes()


def kept_aside(original: Path) -> list[Path]:
    return sorted(original.parent.glob(original.name + ".broken-*"))


def test_a_file_that_is_not_a_database_is_moved_aside_and_the_app_starts_fresh(
    dialog: Callable[..., Dialog], started: list[Services]
) -> None:
    path = paths.database_path(demo=True)
    path.write_bytes(b"this is not sqlite at all" * 100)
    fake = dialog(Choice.MOVE_ASIDE)
    services = start(started)
    assert services is not None and services.storage.list_conversations() == []
    assert [p.kind for p in fake.problems] == [ProblemKind.CORRUPT_DATABASE]
    assert str(path) in fake.problems[0].message() and "Move it aside" in fake.problems[0].message()
    [aside] = [p for p in kept_aside(path) if not p.name.endswith(("-wal", "-shm"))]
    assert aside.read_bytes() == b"this is not sqlite at all" * 100


def test_a_truncated_database_shows_the_dialog_and_quit_leaves_it_untouched(
    dialog: Callable[..., Dialog], started: list[Services]
) -> None:
    path, content = database_with_a_conversation()
    path.write_bytes(content[: len(content) // 2])
    fake = dialog(Choice.QUIT)
    assert start(started) is None
    assert [p.kind for p in fake.problems] == [ProblemKind.CORRUPT_DATABASE]
    assert "cut short" in fake.problems[0].detail
    assert path.read_bytes() == content[: len(content) // 2] and not kept_aside(path)


def test_damage_only_sqlite_finds_is_named_too(dialog: Callable[..., Dialog], started: list[Services]) -> None:
    path, content = database_with_a_conversation()
    damaged = content[:100] + b"\xff" * 3996 + content[4096:]  # header intact, the schema page destroyed
    path.write_bytes(damaged)
    fake = dialog(Choice.MOVE_ASIDE)
    assert start(started) is not None
    assert [p.kind for p in fake.problems] == [ProblemKind.CORRUPT_DATABASE]
    assert "SQLite says" in fake.problems[0].detail
    assert any(p.read_bytes() == damaged for p in kept_aside(path))


def test_a_database_from_a_newer_version_can_be_opened_in_its_folder_then_moved_aside(
    dialog: Callable[..., Dialog], started: list[Services]
) -> None:
    path, _ = database_with_a_conversation()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 999")
    conn.close()
    fake = dialog(Choice.OPEN_FOLDER, Choice.MOVE_ASIDE)
    services = start(started)
    assert [p.kind for p in fake.problems] == [ProblemKind.NEWER_DATABASE] * 2
    assert "newer Groq Desktop" in fake.problems[0].message() and "999" in fake.problems[0].detail
    assert fake.opened == [path.parent]
    assert services is not None and services.storage.list_conversations() == []
    [aside] = [p for p in kept_aside(path) if not p.name.endswith(("-wal", "-shm"))]
    with sqlite3.connect(aside) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 999
        assert conn.execute("SELECT count(*) FROM conversations").fetchone()[0] == 200
    conn.close()


def test_a_corrupt_limits_file_is_named_and_moved_aside_to_the_shipped_limits(
    dialog: Callable[..., Dialog], started: list[Services]
) -> None:
    limits = paths.limits_path()
    limits.write_text('{"plans": {"free": {"models": {"llama-3.1-8b-instant": {"RPM": ')  # cut short
    fake = dialog(Choice.MOVE_ASIDE)
    services = start(started)
    assert [p.kind for p in fake.problems] == [ProblemKind.CORRUPT_CONFIG]
    assert "limits.json" in fake.problems[0].detail
    assert services is not None and not limits.exists()
    [aside] = kept_aside(limits)
    assert aside.read_text().endswith('"RPM": ')
    assert services.limit_table.plans == LimitTable.load(None).plans


def test_a_read_only_data_folder_offers_no_move_only_the_folder_and_quit(
    dialog: Callable[..., Dialog], started: list[Services], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # Tests run as root here, for whom chmod does not take writing away: the OS's refusal is simulated.
    monkeypatch.setattr(startup_checks.tempfile, "mkstemp", refuse)
    fake = dialog(Choice.OPEN_FOLDER, Choice.QUIT)
    before = sorted(os.listdir(paths.data_dir()))
    assert start(started) is None
    assert [p.kind for p in fake.problems] == [ProblemKind.READ_ONLY_FOLDER] * 2
    assert not fake.problems[0].can_move_aside and "Permission denied" in fake.problems[0].detail
    assert fake.opened == [paths.data_dir()]
    assert sorted(os.listdir(paths.data_dir())) == before


@pytest.mark.parametrize(("kind", "buttons"), [
    (ProblemKind.CORRUPT_DATABASE, ["Move aside and start fresh", "Open folder", "Quit"]),
    (ProblemKind.READ_ONLY_FOLDER, ["Open folder", "Quit"]),
])
def test_the_dialog_offers_the_ways_out_that_apply(
    qtbot: object, monkeypatch: pytest.MonkeyPatch, kind: ProblemKind, buttons: list[str]
) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, list[str]]] = []

    def exec_(box: QMessageBox) -> int:
        shown.append((box.text(), [b.text() for b in box.buttons()]))
        next(b for b in box.buttons() if b.text() == "Open folder").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    problem = StartupProblem(kind, Path("/nowhere/groq_desktop.sqlite3"), "detail")
    assert startup_problems.ask(problem) is Choice.OPEN_FOLDER
    [(text, shown_buttons)] = shown
    assert sorted(shown_buttons) == sorted(buttons) and "/nowhere" in text


def test_sqlite_refusing_to_write_is_a_read_only_folder() -> None:
    problem = startup_checks.problem_from_error(
        sqlite3.OperationalError("attempt to write a readonly database"), Path("/data/db.sqlite3")
    )
    assert problem.kind is ProblemKind.READ_ONLY_FOLDER and problem.path == Path("/data")


def test_limits_are_written_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "limits.json"
    table = LimitTable.load(None)
    edit = ModelLimits.from_mapping({"RPM": 7})
    table.set_limits("openai/gpt-oss-20b", edit)
    table.save(target)  # the user's edits only: the published rest follows models.json
    assert LimitTable.read_override(target).plans["free"] == {"openai/gpt-oss-20b": edit}
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    before = target.read_bytes()

    def crash(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        table.save(target)
    assert synced, "the new content is flushed to disk before the rename"
    assert target.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["limits.json"]
    json.loads(before)
