"""Voice in the chat panel: the mic button on the composer, "Read aloud" on replies (and, if set, as they
arrive), the read-aloud bar and hands-free mode. The panel calls ``attach`` once and forwards Esc and its
chat events; everything else is wired here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut

from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.app.voice.hands_free_bar import HandsFreeBar
from groq_desktop.app.voice.mic_button import MicButton
from groq_desktop.app.voice.options_menu import VoiceOptionsButton
from groq_desktop.app.voice.read_aloud_bar import ReadAloudBar
from groq_desktop.services.voice import VoiceService
from groq_desktop.services.voice_hands_free import Ask, chat_asker
from groq_desktop.services.voice_reading import Reading

if TYPE_CHECKING:
    from groq_desktop.app.chat.panel import ChatPanel
    from groq_desktop.services.chat import ChatEvent

DICTATE_KEYS = "Ctrl+Shift+M"


def apply_voice_settings(voice: VoiceService, settings: AppSettings) -> None:
    voice.settings.voice = str(settings.get(Key.VOICE) or "")
    voice.settings.language = str(settings.get(Key.VOICE_LANGUAGE) or "")
    voice.settings.read_as_they_arrive = bool(settings.get(Key.READ_AS_THEY_ARRIVE))
    voice.settings.end_silence = float(settings.get(Key.SILENCE_SECONDS))
    voice.settings.threshold_db = float(settings.get(Key.SILENCE_THRESHOLD_DB))


class ChatVoice(QObject):
    def __init__(self, panel: ChatPanel, voice: VoiceService, settings: AppSettings) -> None:
        super().__init__(panel)
        self.panel = panel
        self.voice = voice
        self.settings = settings
        apply_voice_settings(voice, settings)
        self.mic = MicButton(voice, hold_to_talk=bool(settings.get(Key.DICTATION_HOLD)))
        self.hands_free = HandsFreeBar(voice)
        self.bar = ReadAloudBar(voice)
        self.bar.hide()
        self.options = VoiceOptionsButton(voice, settings, self.mic)
        panel.composer.add_tool(self.options)
        panel.composer.add_tool(self.hands_free)
        panel.composer.add_tool(self.mic)
        panel.composer.layout().insertWidget(0, self.bar)  # type: ignore[union-attr]
        self.mic.text_ready.connect(panel.composer.insert_at_cursor)
        self.mic.failed.connect(panel._notify)
        self.hands_free.failed.connect(panel._notify)
        self.hands_free.ask_factory = self._ask
        self.hands_free.reading_callbacks = self._bar_callbacks()
        self.bar.voice_changed.connect(lambda name: settings.set(Key.VOICE, name))
        panel.view.read_aloud_requested.connect(self.read_message)
        shortcut = QShortcut(QKeySequence(DICTATE_KEYS), panel)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.mic.toggle)
        self._arriving: tuple[int, Reading, list[str]] | None = None  # message id, reading, text so far

    # --- read aloud -----------------------------------------------------------------------------

    def read_message(self, message_id: int) -> None:
        message = self.panel.messages.message_by_id(message_id)
        if message is None or not message.content.strip():
            return
        self.bar.show()
        reading = self.bar.start(message_id)
        if reading is not None:
            self.bar.markdown = message.content
            reading.finish(message.content)

    def on_chat_event(self, current: bool, event: ChatEvent) -> None:
        """Read replies as they arrive (a setting): reading starts with the first complete sentence."""
        if not self.voice.settings.read_as_they_arrive or self.hands_free.active or not current:
            return
        if event.kind == "delta" and event.content_delta:
            if self._arriving is None or self._arriving[0] != event.message_id:
                self.bar.show()
                reading = self.bar.start(event.message_id)
                if reading is None:
                    return
                self._arriving = (event.message_id, reading, [])
            _, reading, parts = self._arriving
            parts.append(event.content_delta)
            reading.feed("".join(parts))
        elif event.kind in ("done", "stopped", "error") and self._arriving and self._arriving[0] == event.message_id:
            _, reading, parts = self._arriving
            self._arriving = None
            self.bar.markdown = event.message.content if event.message is not None else "".join(parts)
            reading.finish(self.bar.markdown)

    # --- hands-free -----------------------------------------------------------------------------

    def _ask(self) -> Ask | None:
        conversation_id = self.panel.conversation_id
        if conversation_id is None:
            return None
        self.bar.show()
        return chat_asker(self.panel.chat, conversation_id, also=self.panel._handler(conversation_id))

    def _bar_callbacks(self) -> Any:
        from groq_desktop.services.voice_reading import ReadingCallbacks

        return ReadingCallbacks(self.bar._on_state, self.bar._on_sentence, self.bar.budget.setText)

    # --- keys -----------------------------------------------------------------------------------

    def escape(self) -> bool:
        """Esc leaves hands-free, else stops reading, else cancels dictation; False if none was on."""
        if self.hands_free.active:
            self.hands_free.leave()
        elif self.bar.active:
            self.bar.stop()
        elif self.mic.recording:
            self.mic.cancel()
        else:
            return False
        return True


def attach(panel: ChatPanel, settings: AppSettings) -> ChatVoice | None:
    voice = getattr(panel.services, "voice", None)
    return ChatVoice(panel, voice, settings) if voice is not None else None
