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
from groq_desktop.errors import RequestTooLargeError
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
    assert "tokens per minute (TPM): 7,000 — from headers" in tip
    assert "requests per minute (RPM)" in tip and "published table" in tip


def test_each_limit_figure_says_its_source_in_words_for_all_eight_dimensions(
    qtbot: Any, panel: ModelsPanel, services: Services
) -> None:
    refresh(qtbot, panel)
    chat = services.registry.chat_models()[0].id
    # a user's edit sets OTPM, then a 413 teaches ITPM
    services.limiter.set_limits(chat, services.limit_table.limits_for(chat, services.limiter.plan).with_value(
        Dimension.OTPM, 900))
    services.limiter.observe_too_large(
        chat, RequestTooLargeError("too large", dimension="ITPM", limit=8000, requested=12300)
    )
    panel.reload()
    model = panel.table_model
    row = model.row_of(chat)
    tip = model.index(row, Column.PER_MINUTE).data(Qt.ItemDataRole.ToolTipRole)
    assert "output tokens per minute (OTPM): 900 — your edit" in tip
    assert "input tokens per minute (ITPM): 8,000 — learned from the server on 20" in tip
    unused = next(m.id for m in services.registry.chat_models() if m.id not in services.limiter.models())
    assert "— published table" in model.index(model.row_of(unused), Column.PER_MINUTE).data(Qt.ItemDataRole.ToolTipRole)
    panel.select_model(chat)
    details = panel.details.toPlainText()
    for dimension in Dimension:  # all eight, known or not, in words
        assert dimension.value in details and dimension.label in details
    assert "input tokens per minute" in details and "output tokens per minute" in details
    assert "your edit" in details and "learned from the server on 20" in details
    # the quota monitor's tooltip and column speak the same words
    from groq_desktop.app.monitor.quota_model import QuotaColumn, QuotaModel

    quota = QuotaModel()
    quota.set_snapshots(services.limiter.snapshot(chat))
    otpm = quota.row_of(chat, "OTPM")
    assert quota.index(otpm, QuotaColumn.SOURCE).data() == "your edit"
    assert "Source: your edit" in quota.index(otpm, 0).data(Qt.ItemDataRole.ToolTipRole)
