"""The model browser against the emulator: listing, filters, offline cache, retired models, limits, actions."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette

from groq_desktop.app.bridge import CoreSignals
from groq_desktop.app.composition import Services, build_services
from groq_desktop.app.models.limits_editor import LimitsEditor
from groq_desktop.app.models.model_table_model import Column, ModelInfoRole, short_number
from groq_desktop.app.models.panel import ModelsPanel, refreshed_text
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.core import paths
from groq_desktop.core.config import load_config
from groq_desktop.core.model_registry import ModelCategory
from groq_desktop.core.quota.limits import Cost, Dimension, LimitTable
from groq_desktop.errors import RequestTooLargeError
from tests.conftest import TEST_KEY, save_screenshot

OLD_MODEL = "test-org/old-model-0001"


@pytest.fixture
def services(emulator: Any, tmp_path: Path) -> Iterator[Services]:
    built = build_services(
        load_config({"GROQ_API_KEY": TEST_KEY, "GROQ_BASE_URL": emulator.base_url, "GROQ_MAX_RETRIES": "0"})
    )
    built.limits_path = tmp_path / "limits.json"  # never touch the session's shared limits file
    yield built
    built.close()


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def panel(qtbot: Any, services: Services, settings: AppSettings, event_loop_checked: Any) -> Iterator[ModelsPanel]:
    signals = CoreSignals(services)
    widget = ModelsPanel(services, signals, settings)
    qtbot.addWidget(widget)
    widget.resize(1400, 700)
    yield widget
    signals.disconnect_core()


def refresh(qtbot: Any, panel: ModelsPanel) -> None:
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        panel.refresh()


def shown_ids(panel: ModelsPanel) -> list[str]:
    proxy = panel.proxy
    return [proxy.index(row, Column.ID).data() for row in range(proxy.rowCount())]


def active_ids(panel: ModelsPanel) -> set[str]:
    model = panel.table_model
    return {
        model.model_at(row).id for row in range(model.rowCount()) if not model.model_at(row).retired
    }


def test_lists_the_emulators_models_and_filters_them(qtbot: Any, panel: ModelsPanel, services: Services, qtmodeltester: Any) -> None:
    refresh(qtbot, panel)
    served = {m["id"]: m for m in services.client.list_models()}
    assert active_ids(panel) == set(served)
    qtmodeltester.check(panel.table_model)
    qtmodeltester.check(panel.proxy)

    panel.search.setText("whisper")
    assert shown_ids(panel) and all("whisper" in model_id for model_id in shown_ids(panel))
    assert set(shown_ids(panel)) >= {m for m in served if "whisper" in m}
    panel.search.clear()

    panel.category.setCurrentIndex(panel.category.findData(ModelCategory.SPEECH_TO_TEXT))
    speech = {m.id for m in services.registry.models() if m.is_transcription}
    assert set(shown_ids(panel)) == speech and speech
    panel.category.setCurrentIndex(0)

    panel.min_context.setCurrentIndex(panel.min_context.findData(131_072))
    big = {m.id for m in services.registry.models() if (m.context_window or 0) >= 131_072}
    assert set(shown_ids(panel)) == big
    assert 0 < len(big) < len(served)
    panel.min_context.setCurrentIndex(0)

    assert len(shown_ids(panel)) == panel.table_model.rowCount()


def test_capability_filter_uses_supported_features(qtbot: Any, panel: ModelsPanel, services: Services) -> None:
    refresh(qtbot, panel)
    features = [panel.feature.itemData(i) for i in range(1, panel.feature.count())]
    if not features:
        pytest.fail("the emulator's models list no supported_features to filter by")
    feature = features[0]
    panel.feature.setCurrentIndex(panel.feature.findData(feature))
    expected = {m.id for m in services.registry.models() if feature in m.supported_features}
    assert set(shown_ids(panel)) == expected


def test_sorting_by_context_window_is_numeric(qtbot: Any, panel: ModelsPanel) -> None:
    refresh(qtbot, panel)
    panel.view.sortByColumn(Column.CONTEXT, Qt.SortOrder.DescendingOrder)
    values = [panel.proxy.index(r, 0).data(ModelInfoRole).context_window or 0 for r in range(panel.proxy.rowCount())]
    assert values == sorted(values, reverse=True)


def test_works_offline_from_the_cache_and_keeps_retired_models(
    qtbot: Any, emulator: Any, services: Services, settings: AppSettings, event_loop_checked: Any
) -> None:
    served = services.client.list_models()
    retired_entry = {"id": OLD_MODEL, "object": "model", "owned_by": "Test Org", "active": True,
                     "context_window": 8192, "max_completion_tokens": 1024, "created": 1_700_000_000}
    cache = paths.cache_dir() / paths.MODEL_CACHE_FILE_NAME
    cache.write_text(json.dumps({"fetched_at": time.time() - 180, "models": [*served, retired_entry], "retired": []}))
    base_url = emulator.base_url
    emulator.stop()  # offline from here on
    fresh = build_services(load_config({"GROQ_API_KEY": TEST_KEY, "GROQ_BASE_URL": base_url, "GROQ_MAX_RETRIES": "0"}))
    signals = CoreSignals(fresh)
    try:
        panel = ModelsPanel(fresh, signals, settings)
        qtbot.addWidget(panel)
        assert panel.age_label.text() == "Last refreshed 3 min ago"
        assert OLD_MODEL in active_ids(panel)
        assert {m["id"] for m in served} <= active_ids(panel)

        refresh(qtbot, panel)  # the server is gone: the error shows inline, the list stays
        assert not panel.error_label.isHidden()
        assert "Could not refresh" in panel.error_label.text()
        assert OLD_MODEL in active_ids(panel)
    finally:
        signals.disconnect_core()
        fresh.close()


def test_a_model_missing_from_the_new_list_is_shown_retired(
    qtbot: Any, services: Services, settings: AppSettings, event_loop_checked: Any
) -> None:
    served = services.client.list_models()
    retired_entry = {"id": OLD_MODEL, "object": "model", "owned_by": "Test Org", "active": True,
                     "context_window": 8192, "max_completion_tokens": 1024, "created": 1_700_000_000}
    cache = paths.cache_dir() / paths.MODEL_CACHE_FILE_NAME
    cache.write_text(json.dumps({"fetched_at": time.time() - 60, "models": [*served, retired_entry], "retired": []}))
    fresh = build_services(services.config)
    signals = CoreSignals(fresh)
    try:
        panel = ModelsPanel(fresh, signals, settings)
        qtbot.addWidget(panel)
        refresh(qtbot, panel)
        row = panel.table_model.row_of(OLD_MODEL)
        assert row >= 0, "a retired model must stay in the table"
        model = panel.table_model
        assert model.index(row, Column.ACTIVE).data() == "retired"
        assert model.index(row, Column.ID).data(Qt.ItemDataRole.FontRole).italic()
        grey = panel.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        assert model.index(row, Column.ID).data(Qt.ItemDataRole.ForegroundRole) == grey
        assert panel.select_model(OLD_MODEL)
        assert "retired" in panel.details.toPlainText()
        assert not panel.chat_button.isEnabled()
    finally:
        signals.disconnect_core()
        fresh.close()


def test_actions_emit_the_chosen_model(qtbot: Any, panel: ModelsPanel, services: Services) -> None:
    refresh(qtbot, panel)
    chat_model = services.registry.chat_models()[0].id
    assert panel.select_model(chat_model)
    assert panel.chat_button.isEnabled() and not panel.transcribe_button.isEnabled()
    with qtbot.waitSignal(panel.chat_with_model) as blocker:
        panel.chat_button.click()
    assert blocker.args == [chat_model]

    speech_model = services.registry.transcription_models()[0].id
    assert panel.select_model(speech_model)
    assert panel.transcribe_button.isEnabled() and not panel.chat_button.isEnabled()
    with qtbot.waitSignal(panel.use_for_transcription) as blocker:
        panel.transcribe_button.click()
    assert blocker.args == [speech_model]


def test_details_show_the_remaining_quota(qtbot: Any, panel: ModelsPanel, services: Services) -> None:
    refresh(qtbot, panel)
    model = services.registry.chat_models()[0].id
    reservation = services.limiter.try_reserve(model, Cost(tokens=1000))
    assert panel.select_model(model)
    text = panel.details.toPlainText()
    remaining = {s.dimension: s.remaining for s in services.limiter.snapshot(model)}
    assert "Limits (" in text
    assert f"{remaining[Dimension.RPD]:,.0f} of" in text
    services.limiter.release(reservation)  # type: ignore[arg-type]


def test_limits_editor_writes_the_file_and_the_limiter_uses_it_at_once(
    qtbot: Any, panel: ModelsPanel, services: Services
) -> None:
    refresh(qtbot, panel)
    model = services.registry.chat_models()[0].id
    assert panel.select_model(model)
    editor = panel.edit_limits()
    assert isinstance(editor, LimitsEditor) and editor.isVisible() and editor.isModal()
    editor.set_value(Dimension.TPM, 1234)
    editor.set_value(Dimension.RPM, 7)
    editor.set_value(Dimension.TPD, None)
    with qtbot.waitSignal(editor.saved):
        editor.save()

    plan = services.limiter.plan
    saved = json.loads(services.limits_path.read_text())
    assert saved["plans"][plan]["models"][model]["TPM"] == 1234
    assert "TPD" not in saved["plans"][plan]["models"][model]
    reloaded = LimitTable.load(services.limits_path).limits_for(model, plan)
    assert reloaded.get(Dimension.RPM) == 7 and reloaded.get(Dimension.TPD) is None

    limits = {s.dimension: s.limit for s in services.limiter.snapshot(model)}
    assert limits[Dimension.TPM] == 1234 and Dimension.TPD not in limits
    with pytest.raises(RequestTooLargeError):
        services.limiter.check_admissible(model, Cost(tokens=2000))
    row = panel.table_model.row_of(model)
    assert set(panel.table_model.index(row, Column.PER_MINUTE).data().split(" · ")) == {"7 req", "1.2K tok"}
    assert "tokens per minute (TPM): 1,234 — your edit" in panel.table_model.index(row, Column.PER_MINUTE).data(Qt.ItemDataRole.ToolTipRole)
    assert "tok" not in panel.table_model.index(row, Column.PER_DAY).data()  # TPD removed


def test_plan_chooser_switches_the_limiters_plan(
    qtbot: Any, panel: ModelsPanel, services: Services, settings: AppSettings
) -> None:
    refresh(qtbot, panel)
    model = "openai/gpt-oss-20b"
    developer = services.limit_table.limits_for(model, "developer")
    panel.plan.setCurrentIndex(panel.plan.findData("developer"))
    assert services.limiter.plan == "developer"
    assert settings.get(Key.PLAN) == "developer"
    row = panel.table_model.row_of(model)
    assert row >= 0
    assert f"{short_number(developer.get(Dimension.RPM))} req" in panel.table_model.index(row, Column.PER_MINUTE).data()


def test_refreshed_text() -> None:
    assert refreshed_text(None, 100.0) == "Never refreshed"
    assert refreshed_text(1000.0, 1010.0) == "Last refreshed just now"
    assert refreshed_text(1000.0, 1000.0 + 180) == "Last refreshed 3 min ago"


def test_screenshot(qtbot: Any, panel: ModelsPanel, services: Services, tmp_path: Path) -> None:
    panel.show()
    refresh(qtbot, panel)
    assert panel.select_model(services.registry.chat_models()[0].id)
    save_screenshot(panel, "models.png", tmp_path)
