"""One instance per data folder, with real processes: a second launch hands its files over and exits 0."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from groq_desktop.app.single_instance import server_name
from groq_desktop.core.logging_setup import LOG_FILE_NAME

LAUNCH_TIMEOUT = 60.0


def app_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GROQ_")}
    env.update(GROQ_DESKTOP_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return env


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "groq_desktop", "--demo", *args]


def log_text(home: Path) -> str:
    path = home / "logs" / LOG_FILE_NAME
    return path.read_text("utf-8", errors="replace") if path.exists() else ""


@pytest.fixture
def running(tmp_path: Path) -> Iterator[list[subprocess.Popen[bytes]]]:
    """Processes to stop at the end, whatever happened."""
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.terminate()
        process.wait(timeout=30)


def start_first(qtbot: Any, home: Path, running: list[subprocess.Popen[bytes]]) -> subprocess.Popen[bytes]:
    out = (home.parent / f"{home.name}-first.txt").open("wb")
    first = subprocess.Popen(command(), env=app_env(home), stdout=out, stderr=subprocess.STDOUT)
    running.append(first)
    qtbot.waitUntil(lambda: "window shown" in log_text(home) or first.poll() is not None,
                    timeout=int(LAUNCH_TIMEOUT * 1000))
    assert first.poll() is None, log_text(home)
    return first


def launch_again(home: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(*map(str, files)), env=app_env(home), capture_output=True, text=True,
                          timeout=LAUNCH_TIMEOUT)


def test_a_second_launch_hands_its_files_to_the_running_window_and_exits(
    qtbot: Any, tmp_path: Path, running: list[subprocess.Popen[bytes]]
) -> None:
    home = tmp_path / "home"
    first = start_first(qtbot, home, running)
    recording = tmp_path / "memo.mp3"
    recording.write_text("not really audio")

    second = launch_again(home, recording)
    assert second.returncode == 0, second.stderr
    qtbot.waitUntil(lambda: "1 file(s) queued" in log_text(home), timeout=10_000)
    assert "handed over 1 file(s): memo.mp3" in log_text(home)

    third = launch_again(home)  # no files: the window just comes to the front
    assert third.returncode == 0, third.stderr
    qtbot.waitUntil(lambda: "0 file(s) queued" in log_text(home), timeout=10_000)
    assert first.poll() is None
    assert log_text(home).count("Groq Desktop") == 1  # one start-up only: the others never opened the data


def test_a_crashed_owner_leaves_nothing_that_stops_the_next_start(
    qtbot: Any, tmp_path: Path, running: list[subprocess.Popen[bytes]]
) -> None:
    home = tmp_path / "home"
    name = server_name(home / "data")
    crashed_owner = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from groq_desktop.core import paths\n"
        "from groq_desktop.app.single_instance import InstanceGuard\n"
        "app = QCoreApplication([])\n"
        "guard = InstanceGuard(paths.data_dir())\n"
        "print(guard.acquire().value, flush=True)\n"
        "sys.stdin.read()\n"
    )
    owner = subprocess.Popen([sys.executable, "-c", crashed_owner], env=app_env(home), stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    running.append(owner)
    assert owner.stdout is not None and owner.stdout.readline().strip() == "owner"
    owner.kill()
    owner.wait(timeout=30)
    assert (home / "data" / "instance.lock").exists()
    assert Path(tempfile.gettempdir(), name).exists()  # the dead owner's socket is still there

    start_first(qtbot, home, running)  # takes the folder over instead of handing files to nobody
    recording = tmp_path / "call.ogg"
    recording.write_text("not really audio")
    second = launch_again(home, recording)
    assert second.returncode == 0, second.stderr
    qtbot.waitUntil(lambda: "handed over 1 file(s): call.ogg" in log_text(home), timeout=10_000)


def test_a_restarted_app_waits_for_the_quitting_owner_instead_of_handing_over(
    qtbot: Any, tmp_path: Path, running: list[subprocess.Popen[bytes]]
) -> None:
    from groq_desktop.app.single_instance import InstanceGuard, Ownership

    home = tmp_path / "home"
    holder = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from groq_desktop.core import paths\n"
        "from groq_desktop.app.single_instance import InstanceGuard\n"
        "app = QCoreApplication([])\n"
        "guard = InstanceGuard(paths.data_dir())\n"
        "print(guard.acquire().value, flush=True)\n"
        "sys.stdin.readline()\n"
        "guard.release()\n"
    )
    owner = subprocess.Popen([sys.executable, "-c", holder], env=app_env(home), stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    running.append(owner)
    assert owner.stdout is not None and owner.stdout.readline().strip() == "owner"
    guard = InstanceGuard(home / "data")
    assert guard.acquire() is Ownership.TAKEN
    assert owner.stdin is not None
    owner.stdin.write("quit\n")
    owner.stdin.flush()
    try:
        assert guard.acquire(wait_ms=20_000) is Ownership.OWNER  # what "--restarted" does
    finally:
        guard.release()
