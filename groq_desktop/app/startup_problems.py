"""Start-up never exits silently: a bad database, a read-only data folder or an unreadable settings
file gets a dialog that says what is wrong and offers the safe ways out (move the file aside and
start fresh, open its folder, quit). The original file is never deleted, only renamed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from groq_desktop.app import icons
from groq_desktop.core import paths
from groq_desktop.core.config import AppConfig
from groq_desktop.core.startup_checks import (
    ProblemKind,
    StartupProblem,
    check_database,
    check_json_file,
    check_limits_file,
    check_writable,
    first_problem,
    move_aside,
    problem_from_error,
)
from groq_desktop.i18n import translate

if TYPE_CHECKING:
    from groq_desktop.app.composition import Services
    from groq_desktop.core.secrets import KeyStore

log = logging.getLogger(__name__)


class Choice(Enum):
    MOVE_ASIDE = "move aside"
    OPEN_FOLDER = "open folder"
    QUIT = "quit"


def ask(problem: StartupProblem) -> Choice:
    """The dialog (modal, before the event loop runs); tests replace this function."""
    box = QMessageBox(QMessageBox.Icon.Warning, translate("startup_problems", "Groq Desktop cannot start"),
                      problem.message())
    move = None
    if problem.can_move_aside:
        move = box.addButton(translate("startup_problems", "Move aside and start fresh"),
                             QMessageBox.ButtonRole.AcceptRole)
        move.setIcon(icons.icon("archive"))
    folder = box.addButton(translate("startup_problems", "Open folder"), QMessageBox.ButtonRole.ActionRole)
    folder.setIcon(icons.icon("folder-opened"))
    quit_button = box.addButton(translate("startup_problems", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(quit_button)
    box.exec()
    clicked = box.clickedButton()
    if move is not None and clicked is move:
        return Choice.MOVE_ASIDE
    return Choice.OPEN_FOLDER if clicked is folder else Choice.QUIT


def open_folder(problem: StartupProblem) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(problem.folder)))


def settle(problem: StartupProblem) -> bool:
    """Show the problem; True to try again (the file was moved aside, or the folder opened), False to quit."""
    log.error("start-up problem (%s): %s", problem.kind.value, problem.detail)
    choice = ask(problem)
    if choice is Choice.MOVE_ASIDE and problem.can_move_aside:
        try:
            moved = move_aside(problem.path)
        except OSError as exc:
            detail = translate("startup_problems", "Cannot rename: {error}").format(error=exc)
            return settle(StartupProblem(ProblemKind.READ_ONLY_FOLDER, problem.folder, detail))
        log.warning("moved %s aside to %s; starting fresh", problem.path, moved)
        return True
    if choice is Choice.OPEN_FOLDER:
        open_folder(problem)
        return True  # checked again: the same dialog, unless the user fixed it meanwhile
    return False


def own_data_folder(acquire: Callable[[], StartupProblem | None]) -> bool:
    """Make sure the data folder is writable, then run ``acquire``; False when the user quits."""
    while True:
        try:
            folder = paths.data_dir()
        except OSError as exc:
            where = Path(exc.filename) if exc.filename else Path.home()
            problem: StartupProblem | None = StartupProblem(
                ProblemKind.READ_ONLY_FOLDER, where, exc.strerror or str(exc)
            )
        else:
            problem = check_writable(folder) or acquire()
        if problem is None:
            return True
        if not settle(problem):
            return False


def start_services(config: AppConfig, key_store: KeyStore) -> Services | None:
    """The services, once the data they open is sound; None when the user chose to quit."""
    # Heavy: only the owning instance needs them, after the first paint.
    from groq_desktop.app.composition import build_services
    from groq_desktop.app.monitor.price_table import PRICES_FILE_NAME
    from groq_desktop.core.store.migrations import MIGRATIONS

    while True:
        data = paths.data_dir()
        problem = first_problem((
            check_writable(data),
            check_database(paths.database_path(config.demo), MIGRATIONS[-1].version),
            check_limits_file(paths.limits_path()),
            check_json_file(data / PRICES_FILE_NAME),
        ))
        if problem is None:
            try:
                return build_services(config, key_store=key_store)
            except Exception as exc:  # noqa: BLE001 - every failure gets a dialog, never a silent exit
                log.exception("start-up failed")
                problem = problem_from_error(exc, paths.database_path(config.demo))
        if not settle(problem):
            return None
