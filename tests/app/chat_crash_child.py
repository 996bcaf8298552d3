"""Child process of the kill-and-reopen test: streams a long, slow reply and waits to be SIGKILLed.

Usage: python chat_crash_child.py <GROQ_DESKTOP_HOME> <emulator base url> <api key>
Prints "STREAMING" once part of the reply is saved in storage (then the parent kills it).
"""

from __future__ import annotations

import asyncio
import os
import sys

MODEL = "openai/gpt-oss-20b"


def main() -> None:
    home, base_url, key = sys.argv[1:4]
    os.environ["GROQ_DESKTOP_HOME"] = home

    from groq_desktop.app.composition import build_services
    from groq_desktop.core.config import load_config
    from groq_desktop.services.chat import ChatEvent, ChatService

    services = build_services(load_config({"GROQ_API_KEY": key, "GROQ_BASE_URL": base_url}))
    chat = ChatService.from_services(services)

    async def run() -> None:
        conversation = chat.create_conversation(MODEL, "Crash test")
        chat.update_settings(conversation.id, params={"max_completion_tokens": 5000})
        announced = False

        def on_event(event: ChatEvent) -> None:
            nonlocal announced
            if event.kind != "delta" or announced:
                return
            saved = services.storage.get_message(event.message_id)
            if saved is not None and saved.content:
                announced = True
                print("STREAMING", flush=True)

        reply_id = await chat.send(conversation.id, "[[emulator reply_tokens=5000]] A long story, please.", on_event)
        await chat.wait_finished(reply_id)
        print("FINISHED", flush=True)

    asyncio.run(run())


if __name__ == "__main__":
    main()
