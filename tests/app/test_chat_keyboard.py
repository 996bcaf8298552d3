"""Tab walks the chat in the order it is laid out, and the icon-only buttons say what they do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from tests.app import test_chat_panel
from tests.app.test_chat_panel import PanelEnv

make_panel = test_chat_panel.make_panel  # the fixture: the real panel against the emulator


def tab_chain(start: QWidget, root: QWidget, steps: int) -> list[QWidget]:
    chain, widget = [start], start
    for _ in range(steps):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(root)):
            widget = widget.nextInFocusChain()
        chain.append(widget)
    return chain


def test_tab_follows_the_header_and_the_composer_from_left_to_right(
    qtbot: Any, make_panel: Callable[..., PanelEnv]
) -> None:
    panel = make_panel().panel
    header = tab_chain(panel.model_picker, panel, 3)
    assert header == [panel.model_picker, panel.parameters_button, panel.export_button, panel.compare_button]
    composer = panel.composer
    row = tab_chain(composer.attach_button, panel, 8)
    assert row.index(composer.regenerate_button) + 1 == row.index(composer.send_button)
    tools = row[1 : row.index(composer.regenerate_button)]  # the voice tools, in the row's order
    xs = [tool.mapTo(composer, tool.rect().topLeft()).x() for tool in tools]
    assert xs == sorted(xs)


def test_icon_only_buttons_have_a_tooltip_and_an_accessible_name(
    qtbot: Any, make_panel: Callable[..., PanelEnv]
) -> None:
    panel = make_panel().panel
    panel.open_find()
    chat_owned = [
        panel.export_button,
        panel.find_prev_button,
        panel.find_next_button,
        panel.find_close_button,
        panel.parameters_sheet.close_button,
        *panel.parameters_sheet.reset_buttons.values(),
    ]
    for button in chat_owned:
        assert isinstance(button, QAbstractButton) and not button.icon().isNull()
        assert button.toolTip() and button.accessibleName(), button.objectName()
