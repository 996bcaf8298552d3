"""Stop on a stalled reply (the server goes silent mid-stream, as when Wi-Fi drops) never freezes the
window, and quitting with stalled replies is quick: the real ChatPanel against the emulator's stall."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer

from groq_desktop.core.store.storage import MessageStatus
from groq_desktop.emulator.models import find_model
from groq_desktop.emulator.server import EmulatorConfig, plan_reply
from tests.app.test_chat_panel import PanelEnv, make_panel, type_and_send, wait_reply  # noqa: F401 (fixture)

STALL_SECONDS = 30.0  # far beyond every wait below: a test that waited for the stall fails
PROMPT = "[[emulator reply_tokens=400]] Tell me a story"


class StallMeter:
    """Ticks every few ms on the UI thread and keeps the longest gap between two ticks."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(4)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def stop(self) -> float:
        self._tick()  # a freeze that lasts until the end counts too
        self._timer.stop()
        return self.longest


def text_before_the_stall(conversation_model: str) -> str:
    """The emulator stalls halfway through the (deterministic) reply: the text it sends before that."""
    request = {"model": conversation_model, "messages": [{"role": "user", "content": PROMPT}],
               "max_completion_tokens": 1024}
    reply = plan_reply(find_model(conversation_model), request, EmulatorConfig(reasoning=False))
    assert not reply.reasoning and len(reply.content) == 400
    return "".join(reply.content[:200])


def send_and_wait_for_the_stall(qtbot: Any, env: PanelEnv) -> int:
    panel = env.panel
    panel.new_conversation()
    # Today's default models reason: hide it, so the stall falls in the reply's text.
    panel.parameters.include_reasoning.setCurrentIndex(panel.parameters.include_reasoning.findData(False))
    # Three replies stream at once: each asks for 1,024 tokens, not the whole TPM the default would ask for.
    panel.parameters.max_tokens.setValue(1024)
    type_and_send(qtbot, panel, PROMPT)
    reply_id = env.reply().id
    model = env.storage.get_conversation(panel.conversation_id).model
    expected = text_before_the_stall(model)
    # Everything before the stall is on screen: the worker now blocks in the silent read.
    qtbot.waitUntil(lambda: (env.shown(reply_id) is not None and env.shown(reply_id).content == expected),
                    timeout=10_000)
    return reply_id


def test_escape_on_a_stalled_reply_never_freezes_the_window(qtbot: Any, make_panel: Callable[..., PanelEnv]) -> None:  # noqa: F811
    env = make_panel(stall_seconds=STALL_SECONDS)
    env.emulator.inject("STALL", times=1)
    reply_id = send_and_wait_for_the_stall(qtbot, env)
    partial = env.shown(reply_id).content
    meter = StallMeter()
    qtbot.keyClick(env.panel.composer.edit, Qt.Key.Key_Escape)
    reply = wait_reply(qtbot, env, MessageStatus.STOPPED, timeout=5_000)
    qtbot.wait(100)  # keep measuring while the stop settles
    longest = meter.stop()
    # Before: Esc waited on the worker's blocked read until the stall ended (30 s here, 60 s by default).
    assert longest < 0.100, f"the event loop stalled for {longest * 1000:.0f} ms"
    assert reply.id == reply_id and reply.content == partial
    assert env.shown(reply_id).status == MessageStatus.STOPPED and env.shown(reply_id).content == partial


def test_quitting_with_stalled_replies_is_quick(qtbot: Any, make_panel: Callable[..., PanelEnv]) -> None:  # noqa: F811
    env = make_panel(stall_seconds=STALL_SECONDS)
    env.emulator.inject("STALL", times=3)
    replies = [send_and_wait_for_the_stall(qtbot, env) for _ in range(3)]
    meter = StallMeter()
    env.panel.shutdown()  # what the main window does on quit, before the services close
    closing = asyncio.ensure_future(env.services.scheduler.aclose())
    qtbot.waitUntil(closing.done, timeout=5_000)  # before: about 3 x 30 s, each Stop waiting on a read
    longest = meter.stop()
    assert longest < 0.100, f"the event loop stalled for {longest * 1000:.0f} ms"
    for reply_id in replies:
        message = env.storage.get_message(reply_id)
        assert message.status == MessageStatus.STOPPED and message.content
