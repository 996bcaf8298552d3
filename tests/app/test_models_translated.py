"""The model browser in another language: the table's headers and cells, the details, the limits editor
(built on demand, so the window-wide walk never sees it) all go through the translator."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from groq_desktop.app.bridge import CoreSignals
from groq_desktop.app.composition import Services
from groq_desktop.app.models.model_table_model import Column
from groq_desktop.app.models.panel import ModelsPanel
from groq_desktop.app.settings import AppSettings
from tests.app.test_models_panel import refresh, services, settings  # noqa: F401 - fixtures
from tests.app.translatable import MARK_OPEN, is_untranslated, pseudo_translation, untranslated_texts

# Columns whose every text is ours (the id, owner and context figures are Groq's data or numbers).
OUR_COLUMNS = (Column.CATEGORY, Column.ACTIVE, Column.PER_MINUTE, Column.PER_HOUR, Column.PER_DAY)


def cell_texts(model: Any, columns: tuple[int, ...], roles: tuple[int, ...]) -> list[str]:
    return [str(text) for row in range(model.rowCount()) for column in columns for role in roles
            if (text := model.index(row, column).data(role))]


def test_the_table_details_and_limits_editor_are_translated(
    qtbot: Any, services: Services, settings: AppSettings, event_loop_checked: Any  # noqa: F811
) -> None:
    with pseudo_translation():
        signals = CoreSignals(services)
        panel = ModelsPanel(services, signals, settings)
        qtbot.addWidget(panel)
        panel.show()
        refresh(qtbot, panel)
        model = panel.table_model
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        assert all(h.startswith(MARK_OPEN) for h in headers)
        texts = cell_texts(model, OUR_COLUMNS, (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole))
        speech = [r for r in range(model.rowCount()) if model.model_at(r).is_transcription]
        texts += [model.index(r, c).data() for r in speech for c in (Column.CONTEXT, Column.MAX_COMPLETION)]
        assert texts and [t for t in texts if is_untranslated(t)] == []
        assert untranslated_texts(panel) == []  # filters, buttons, the age line after a refresh

        chat_model = services.registry.chat_models()[0].id
        assert panel.select_model(chat_model)
        details = panel.details.toPlainText()
        assert "⟦Owner⟧" in details and "⟦Limits (" in details

        editor = panel.edit_limits()
        assert editor is not None
        assert untranslated_texts(editor) == []
        editor.reject()
        signals.disconnect_core()
