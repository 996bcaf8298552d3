"""The chat's texts that the window walk never sees are translated too: dialogs, menus, painted text, notes.

Under ``pseudo_translation()`` every translated text carries ⟦…⟧; anything shown without it did not go
through Qt's translation system. And the delegate's look follows the light/dark tokens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from groq_desktop.app import theme
from groq_desktop.app.appearance import dark_palette
from groq_desktop.app.chat.compare import CompareDialog, stats_text
from groq_desktop.app.chat.markdown_render import render_markdown
from groq_desktop.app.chat.message_delegate import Theme, facts_text
from groq_desktop.app.chat.message_model import MessageListModel
from groq_desktop.app.chat.message_view import MessageView
from groq_desktop.app.chat.parameters import ParametersWidget
from groq_desktop.app.chat.too_large import TooLargeBar
from groq_desktop.app.composition import Services, build_services
from groq_desktop.core.config import load_config
from groq_desktop.core.store.storage import MessageStatus
from groq_desktop.errors import RequestTooLargeError
from tests.app import test_chat_panel
from tests.app.test_chat_panel import PanelEnv, type_and_send, wait_reply
from tests.app.test_message_model import make_message
from tests.app.test_message_view import FACTS, FakeClock, demo_conversation
from tests.app.translatable import is_untranslated, pseudo_translation, untranslated_texts
from tests.conftest import save_screenshot

make_panel = test_chat_panel.make_panel  # the fixture: the real panel against the emulator


@pytest.fixture
def demo_services() -> Iterator[Services]:
    services = build_services(load_config({}))
    yield services
    services.close()


def untranslated(*texts: str) -> list[str]:
    return [text for text in texts if text and is_untranslated(text)]


def test_the_compare_dialog_is_translated(qtbot: Any, demo_services: Services) -> None:
    with pseudo_translation():
        dialog = CompareDialog(demo_services.chat, ["llama-3.3-70b-versatile", "openai/gpt-oss-20b"])
        qtbot.addWidget(dialog)
        assert untranslated_texts(dialog) == []
        assert untranslated(stats_text({"ttft": 0.1, "tokens_per_second": 900, "prompt_tokens": 10,
                                        "completion_tokens": 20, "cached_tokens": 5})) == []


def _view(qtbot: Any, palette: QPalette | None = None) -> tuple[MessageListModel, MessageView]:
    model = MessageListModel(flush_ms=10)
    clock = FakeClock()
    view = MessageView(clock=clock)
    qtbot.addWidget(view)
    if palette is not None:
        view.setPalette(palette)
    view.setModel(model)
    model.set_messages(
        [
            *demo_conversation(),
            make_message(7, "assistant", "Cut", status="stopped", model="m", reasoning="Thinking it over"),
            make_message(
                8,
                "assistant",
                "Search",
                model="m",
                facts={
                    "executed_tools": [
                        {
                            "type": "browser_search",
                            "arguments": '{"query": "q"}',
                            "search_results": {"results": [{"title": "T", "url": "https://e.com"}]},
                        }
                    ],
                    "tool_calls": [{"type": "browser_search", "cost": 0.005}],
                    "waited": 2.0,
                    "waited_for": ["TPM", "RPM"],
                },
            ),
        ]
    )
    model.set_waiting(4, "TPM", clock.now + 12)
    view.resize(900, 1400)
    view.show()
    qtbot.waitExposed(view)
    view.grab()  # paint every visible row once
    view.settle_layout()
    return model, view


def test_the_message_view_paints_and_offers_translated_texts(qtbot: Any) -> None:
    with pseudo_translation():
        model, view = _view(qtbot)
        delegate = view.delegate
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            layout = delegate.row_layout(index)
            bar = delegate.action_bar(index)
            assert untranslated(*(b.label for b in bar), *(b.tooltip for b in bar)) == []
            # The error itself is Groq's text, shown as Groq wrote it.
            assert (
                untranslated(layout.reasoning_label, layout.tools_label, *(layout.badge or ("", ""))[1:])
                == []
            )
            menu = view.build_context_menu(model.message_by_id(row + 1).id)
            assert untranslated_texts(menu) == []
            menu.deleteLater()
        assert untranslated(view.waiting_text(4) or "") == []
        assert untranslated(facts_text("m", {**FACTS, "waited": 1.0, "cached_tokens": 3,
                                             "tool_calls": [{"type": "x"}]})[0]) == []
        assert untranslated(render_markdown("```\nx\n```\n").html.split("<pre")[0]) == []


def test_the_parameters_and_the_too_large_bar_are_translated(qtbot: Any) -> None:
    with pseudo_translation():
        parameters = ParametersWidget()
        qtbot.addWidget(parameters)
        parameters.set_model("openai/gpt-oss-120b")  # reasoning choices, tools and JSON modes
        parameters.set_plan("developer")
        parameters.schema_edit.setPlainText("{not json")
        assert untranslated_texts(parameters) == []
        assert untranslated(parameters.schema_status.text()) == []
        bar = TooLargeBar()
        qtbot.addWidget(bar)
        bar.show_error(RequestTooLargeError("too large", dimension="ITPM", requested=9000, limit=6000,
                                            max_tokens_fit=512), can_drop=True)
        assert untranslated_texts(bar) == []


def test_the_panel_s_notes_and_bars_are_translated(qtbot: Any, make_panel: Callable[..., PanelEnv]) -> None:
    with pseudo_translation():
        env = make_panel()
        panel = env.panel
        type_and_send(qtbot, panel, "Hello there")
        wait_reply(qtbot, env, MessageStatus.COMPLETE)
        panel.begin_edit(env.storage.list_messages(panel.conversation_id)[0].id)
        panel.open_find()
        panel.find_box.setText("zzzz-nothing")
        panel.find_next(False)
        panel.copy_last_reply()
        assert untranslated(panel.edit_label.text(), panel.find_status.text(), panel.status_label.text(),
                            panel.title_label.text() if panel.conversation_id is None else "") == []
        panel.delete_current()
        assert untranslated(panel.undo_label.text().split("“")[0]) == []


def test_the_chat_is_painted_from_the_theme_tokens_in_light_and_dark(qtbot: Any, tmp_path: Path) -> None:
    light = QGuiApplication.palette()
    dark = dark_palette()
    for name, palette in (("light", light), ("dark", dark)):
        tokens = theme.tokens(palette)
        painted = Theme.from_palette(palette)
        assert (
            painted.bubble_user == tokens.user_bubble and painted.bubble_assistant == tokens.assistant_bubble
        )
        assert painted.radius == tokens.radius_large and painted.dark == tokens.dark
        code = render_markdown("```python\nx = 1\n```\n").html
        assert tokens.code_background.name() in painted.stylesheet_for(code)
        assert tokens.link.name() in painted.stylesheet
        assert tokens.code_background.name() not in painted.stylesheet_for("<p>x</p>")  # rules only where used
        _, view = _view(qtbot, palette)
        assert view.delegate.theme().dark == tokens.dark
        save_screenshot(view, f"chat-bubbles-{name}.png", tmp_path)
        view.close()
    QApplication.processEvents()


def test_an_untitled_conversation_is_named_in_the_user_s_language(qtbot: Any, demo_services: Services) -> None:
    from groq_desktop.app.chat.conversation_model import ConversationListModel
    from groq_desktop.services.chat import NEW_CONVERSATION_TITLE

    demo_services.storage.create_conversation(NEW_CONVERSATION_TITLE, "any-model")
    with pseudo_translation():
        model = ConversationListModel(demo_services.storage)
        shown = model.index(0, 0).data()
    assert shown == f"⟦{NEW_CONVERSATION_TITLE}⟧"
    assert demo_services.storage.list_conversations()[0].title == NEW_CONVERSATION_TITLE  # stored as it was
