"""Start a panel's coroutine on the app's qasync loop, its failure shown as a message instead of lost."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import qasync

log = logging.getLogger(__name__)


def spawn_guarded(
    make: Callable[[], Coroutine[Any, Any, Any]],
    tasks: set[asyncio.Task[Any]],
    show_message: Callable[[str], object],
    what: str,
    after: Callable[[], object] | None = None,
) -> asyncio.Task[Any] | None:
    """Run ``make()`` as a task kept in ``tasks``; an error becomes ``show_message``, ``after`` runs last.

    None when no qasync loop exists (a widget built outside the app, e.g. in a test without one).
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = asyncio.get_event_loop_policy().get_event_loop()
        if not isinstance(loop, qasync.QEventLoop):
            log.warning("no qasync event loop: %s is not running", what)
            return None

    async def guarded() -> None:
        try:
            await make()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("%s failed", what)
            show_message(exc.user_text() if hasattr(exc, "user_text") else str(exc))
        finally:
            if after is not None:
                after()

    task = loop.create_task(guarded())
    tasks.add(task)
    task.add_done_callback(tasks.discard)
    return task
