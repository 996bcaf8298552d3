"""Issue 10 on the Models panel: compact limits with the name frozen, an empty result said, speech models in
words, and where each limit figure comes from."""

# ruff: noqa: F811
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from groq_desktop.app.composition import Services
from groq_desktop.app.models.model_table_model import Column, audio_duration, compact_limits, short_number
from groq_desktop.app.models.panel import ModelsPanel
from groq_desktop.core.quota.headers import parse_rate_limit_headers
from groq_desktop.core.quota.limits import Dimension, ModelLimits
from tests.app.test_models_panel import panel, refresh, services, settings  # noqa: F401
from tests.conftest import save_screenshot


def test_compact_limit_figures() -> None:
    assert [short_number(v) for v in (30, 6000, 14400, 500000, 1_000_000)] == ["30", "6K", "14.4K", "500K", "1M"]
    assert [audio_duration(v) for v in (7200, 28800, 90, 20)] == ["2 h", "8 h", "1.5 min", "20 s"]
    limits = ModelLimits({Dimension.RPM: 30, Dimension.TPM: 6000, Dimension.RPD: 14400, Dimension.ASH: 7200})
    assert compact_limits(limits, 60) == "30 req · 6K tok"
    assert compact_limits(limits, 3600) == "2 h audio"
    assert compact_limits(limits, 86400) == "14.4K req"
    assert compact_limits(ModelLimits({}), 60) == "—"


def test_limits_fit_at_1440_with_the_name_frozen(qtbot: Any, panel: ModelsPanel, tmp_path: Path) -> None:
    refresh(qtbot, panel)
    panel.resize(1440 - 176, 700)  # the panel's share of a 1,440 px window
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: panel.view.horizontalScrollBar().maximum() == 0)  # no sideways scrolling
    # in a narrow window the limits scroll sideways, the model column stays put over them
    panel.resize(720, 600)
    qtbot.waitUntil(lambda: panel.view.horizontalScrollBar().maximum() > 0)
    panel.view.horizontalScrollBar().setValue(panel.view.horizontalScrollBar().maximum())
    frozen = panel.view.frozen
    assert frozen.isVisible() and frozen.width() == panel.view.columnWidth(Column.ID)
    assert frozen.model() is panel.view.model() and frozen.selectionModel() is panel.view.selectionModel()
    assert all(frozen.isColumnHidden(c) for c in range(1, len(Column))) and not frozen.isColumnHidden(0)
    assert frozen.geometry().left() <= panel.view.viewport().geometry().left()
    save_screenshot(panel, "models_narrow.png", tmp_path)


def test_an_empty_filter_result_says_so(qtbot: Any, panel: ModelsPanel) -> None:
    refresh(qtbot, panel)
    panel.show()
    assert panel.empty_note.isHidden()
    panel.search.setText("canal")
    assert panel.proxy.rowCount() == 0 and not panel.empty_note.isHidden()
    assert "No models match" in panel.empty_note.text()
    panel.empty_note.linkActivated.emit("clear")
    assert panel.search.text() == "" and panel.proxy.rowCount() > 0 and panel.empty_note.isHidden()


def test_speech_models_show_audio_terms_and_limits_show_their_source(
    qtbot: Any, panel: ModelsPanel, services: Services
) -> None:
    refresh(qtbot, panel)
    model = panel.table_model
    speech = [r for r in range(model.rowCount()) if model.model_at(r).is_transcription and model.model_at(r).usable]
    assert speech
    row = speech[0]
    assert model.index(row, Column.CONTEXT).data().startswith("audio ≤ ")
    assert model.index(row, Column.MAX_COMPLETION).data() == "audio length"
    assert " h audio" in model.index(row, Column.PER_HOUR).data()  # hours of audio, not "7,200"

    chat = services.registry.chat_models()[0].id
    headers = parse_rate_limit_headers(
        {"x-ratelimit-limit-tokens": "7000", "x-ratelimit-remaining-tokens": "6500", "x-ratelimit-reset-tokens": "5s"}
    )
    services.limiter.observe_headers(chat, headers)
    panel.reload()
    chat_row = model.row_of(chat)
    assert "7K tok" in model.index(chat_row, Column.PER_MINUTE).data()  # the learned figure, not the table's
    tip = model.index(chat_row, Column.PER_MINUTE).data(Qt.ItemDataRole.ToolTipRole)
    assert "tokens per minute: 7,000 — from Groq's rate-limit headers" in tip
    assert "requests per minute" in tip and "published limits" in tip
