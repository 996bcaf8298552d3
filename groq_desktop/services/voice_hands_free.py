"""Hands-free conversation: listen, detect the end of speech, transcribe, send, read the reply, listen again.

Speaking while the reply is read stops the reading (barge-in) and that speech becomes the next turn.
One microphone stream runs for the whole session; what is heard while thinking is ignored.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from groq_desktop.core.voice.ports import AudioInput, AudioOutput
from groq_desktop.core.voice.vad import VadSettings, VoiceActivityDetector
from groq_desktop.errors import GroqDesktopError
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate
from groq_desktop.services.voice import VoiceService
from groq_desktop.services.voice_reading import Reading, ReadingCallbacks, ReadingState

log = logging.getLogger(__name__)

# ask(text, on_text_so_far) sends a user turn and returns the whole reply; on_text_so_far streams it.
Ask = Callable[[str, Callable[[str], None]], Awaitable[str]]


class HandsFreeState(StrEnum):
    LISTENING = "listening"
    THINKING = "thinking"
    SPEAKING = "speaking"
    STOPPED = "stopped"

    def label(self) -> str:
        """The state in the user's language (the value stays the English key)."""
        return translate("HandsFreeState", _HANDS_FREE_LABELS[self])


_HANDS_FREE_LABELS = {
    HandsFreeState.LISTENING: QT_TRANSLATE_NOOP("HandsFreeState", "Listening…"),
    HandsFreeState.THINKING: QT_TRANSLATE_NOOP("HandsFreeState", "Thinking…"),
    HandsFreeState.SPEAKING: QT_TRANSLATE_NOOP("HandsFreeState", "Speaking…"),
    HandsFreeState.STOPPED: QT_TRANSLATE_NOOP("HandsFreeState", "Stopped"),
}


@dataclass
class Turn:
    heard: str
    reply: str = ""
    reading: ReadingState | None = None
    interrupted: bool = False


@dataclass
class HandsFreeCallbacks:
    state: Callable[[HandsFreeState], None] = lambda state: None
    turn: Callable[[Turn], None] = lambda turn: None
    error: Callable[[str], None] = lambda message: None
    reading: ReadingCallbacks = field(default_factory=ReadingCallbacks)


class HandsFree:
    def __init__(
        self,
        service: VoiceService,
        mic: AudioInput,
        speaker: AudioOutput,
        ask: Ask,
        callbacks: HandsFreeCallbacks | None = None,
        *,
        max_turns: int | None = None,
    ) -> None:
        self.service = service
        self.mic = mic
        self.speaker = speaker
        self.ask = ask
        self.callbacks = callbacks or HandsFreeCallbacks()
        self.max_turns = max_turns
        self.turns: list[Turn] = []
        self.state = HandsFreeState.STOPPED
        settings = service.settings
        self.vad = VoiceActivityDetector(VadSettings(settings.threshold_db, settings.end_silence))
        self._reading: Reading | None = None
        self._utterances: asyncio.Queue[bytes] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> asyncio.Task[None]:
        frames = self.mic.frames()  # MicrophoneUnavailable here, before the mode starts
        loop = asyncio.get_running_loop()
        self._listener = loop.create_task(self._listen(frames))
        self._task = loop.create_task(self._converse())
        self._task.add_done_callback(lambda _t: self._wind_down())
        return self._task

    def leave(self) -> None:
        """The one key that ends the mode (Esc): stops listening, thinking and speaking at once."""
        if self._task is not None:
            self._task.cancel()

    def _wind_down(self) -> None:
        self.mic.stop()
        self._listener.cancel()
        if self._reading is not None:
            self._reading.stop()
        self._set(HandsFreeState.STOPPED)

    def _set(self, state: HandsFreeState) -> None:
        if state is not self.state:
            self.state = state
            self.callbacks.state(state)

    async def _listen(self, frames: object) -> None:
        async for frame in frames:  # type: ignore[attr-defined]
            if self.state is HandsFreeState.THINKING:
                continue  # the app is busy; what is said now is not a turn
            event = self.vad.feed(frame)
            if event == "start" and self.state is HandsFreeState.SPEAKING and self._reading is not None:
                self._reading.stop(translate("HandsFree", "Interrupted"))  # barge-in
                if self.turns:
                    self.turns[-1].interrupted = True
            elif event == "end":
                self._utterances.put_nowait(self.vad.take())

    async def _converse(self) -> None:
        self._set(HandsFreeState.LISTENING)
        while self.max_turns is None or len(self.turns) < self.max_turns:
            self._set(HandsFreeState.LISTENING)
            pcm = await self._utterances.get()
            self._set(HandsFreeState.THINKING)
            try:
                heard = (
                    await self.service.transcribe_pcm(pcm, label=translate("HandsFree", "Hands-free"))
                ).text.strip()
            except GroqDesktopError as exc:
                self.callbacks.error(exc.message)
                continue
            if not heard:
                continue
            turn = Turn(heard)
            self.turns.append(turn)
            await self._answer(turn)
            self.callbacks.turn(turn)

    async def _answer(self, turn: Turn) -> None:
        reading = Reading(self.service, self.speaker, self._reading_callbacks())
        self._reading = reading
        try:
            turn.reply = await self.ask(turn.heard, reading.feed)
        except GroqDesktopError as exc:
            self.callbacks.error(exc.message)
            reading.stop()
            return
        except asyncio.CancelledError:
            reading.stop()
            raise
        reading.finish(turn.reply)
        turn.reading = await reading.wait()
        self._reading = None

    def _reading_callbacks(self) -> ReadingCallbacks:
        outer = self.callbacks.reading

        def state(value: ReadingState, message: str) -> None:
            if value is ReadingState.PLAYING:
                self._set(HandsFreeState.SPEAKING)
            outer.state(value, message)

        return ReadingCallbacks(state=state, sentence=outer.sentence, budget=outer.budget)


def chat_asker(chat: object, conversation_id: int, also: Callable[[Any], None] | None = None) -> Ask:
    """``Ask`` for a ChatService conversation: sends the turn, streams the reply's text; ``also`` sees every
    chat event (the chat panel, so the turn shows as if typed)."""
    from groq_desktop.services.chat import ChatEvent

    async def ask(text: str, on_text: Callable[[str], None]) -> str:
        done: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        parts: list[str] = []

        def on_event(event: ChatEvent) -> None:
            if also is not None:
                also(event)
            if event.content_delta:
                parts.append(event.content_delta)
                on_text("".join(parts))
            if event.kind in ("done", "stopped", "error") and not done.done():
                if event.kind == "error" and event.error is not None:
                    done.set_exception(event.error)
                else:
                    done.set_result("".join(parts))

        message_id = await chat.send(conversation_id, text, on_event)  # type: ignore[attr-defined]
        try:
            return await done
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                chat.stop(message_id)  # type: ignore[attr-defined]
            raise

    return ask
