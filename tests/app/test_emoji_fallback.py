"""Emoji without a font that can draw them are shown by name, never as a missing-glyph box."""

from __future__ import annotations

from typing import Any

import pytest

from groq_desktop.app.chat import emoji_fallback
from groq_desktop.app.chat.message_model import MessageListModel
from groq_desktop.app.chat.message_view import MessageView
from tests.app.test_message_model import make_message

TEXT = "Done 🙂 ★ 👍🏽 🇹🇷!"


@pytest.fixture
def no_emoji_font(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fonts that draw the old symbols (★) but no pictographs, as on a machine with no emoji font."""
    monkeypatch.setattr(emoji_fallback, "drawable", lambda char: ord(char) < 0x1F000)


def test_without_an_emoji_font_emoji_are_named(qapp: Any, no_emoji_font: None) -> None:
    assert emoji_fallback.displayable(TEXT) == "Done [slightly smiling face] ★ [thumbs up sign] [flag TR]!"
    assert emoji_fallback.displayable("plain text") == "plain text"


def test_with_an_emoji_font_the_text_is_left_alone(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(emoji_fallback, "drawable", lambda char: True)
    assert emoji_fallback.displayable(TEXT) == TEXT


def test_the_real_font_check_runs_and_agrees_with_itself(qapp: Any) -> None:
    shown = emoji_fallback.displayable(TEXT)
    # Either the emoji are drawable here (kept) or they are named: never kept when no font has them.
    assert ("🙂" in shown) == emoji_fallback.drawable("🙂")
    assert "★" in shown or not emoji_fallback.drawable("★")


def test_a_reply_with_emoji_is_drawn_without_missing_glyphs(qtbot: Any, no_emoji_font: None) -> None:
    model = MessageListModel(flush_ms=10)
    view = MessageView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.set_messages([make_message(1, "assistant", content=f"Sure. {TEXT}")])
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.grab()
    docs = view.delegate._content[1].documents()
    shown = "".join(doc.toPlainText() for doc in docs)
    assert "[slightly smiling face]" in shown and "🙂" not in shown
    assert model.message(0).content.endswith(TEXT)  # only the drawing changed; copying keeps the emoji
