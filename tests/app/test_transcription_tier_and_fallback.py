"""Issue 9 on the Transcribe panel: the service tier for paid plans (hidden on the free plan), and a note when
a model Groq no longer offers falls back to its replacement."""

# ruff: noqa: F811
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.app.transcription.options import OptionsWidget
from groq_desktop.app.transcription.panel import TranscriptionPanel
from groq_desktop.services.transcription import TranscriptionOptions
from tests.app.test_transcription_panel import audio_dir, panel, status_of  # noqa: F401


def test_service_tier_is_offered_on_paid_plans_only_and_remembered(qtbot: Any, tmp_path: Path) -> None:
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    plan = ["free"]
    options = OptionsWidget(settings, None, plan_of=lambda: plan[0])
    qtbot.addWidget(options)
    options.show()
    assert options.tier_box.isHidden() and options.tier_label.isHidden()
    assert options.options().service_tier is None

    plan[0] = "developer"
    options.update_plan()
    assert not options.tier_box.isHidden()
    assert [options.tier_box.itemData(i) for i in range(options.tier_box.count())] == [None, "on_demand", "flex", "auto"]
    options.tier_box.setCurrentIndex(options.tier_box.findData("flex"))
    assert options.options().service_tier == "flex"
    assert settings.get(Key.TRANSCRIPTION_SERVICE_TIER) == "flex"

    again = OptionsWidget(settings, None, plan_of=lambda: plan[0])  # the next start keeps the choice
    qtbot.addWidget(again)
    assert again.options().service_tier == "flex"
    plan[0] = "free"  # back on the free plan: hidden, and not sent
    again.update_plan()
    assert again.tier_box.isHidden() and again.options().service_tier is None


def test_a_gone_model_falls_back_with_a_note_when_files_are_added(
    qtbot: Any, panel: TranscriptionPanel, audio_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = panel.services.registry
    registry.refresh(force=True)
    panel.options.refresh_models()
    speech = [m.id for m in registry.transcription_models()]
    assert len(speech) >= 2
    gone = speech[0]
    registry.mark_retired(gone)  # Groq said it is gone (the pick-list follows at once)...
    assert panel.options.options().model != gone
    # ...but options made before that (a stale list, a saved default) still name it
    monkeypatch.setattr(panel.options, "options", lambda: TranscriptionOptions(model=gone))
    panel.add_paths([audio_dir / "memo.mp3"])
    assert gone in panel.message.text() and "retired" in panel.message.text().lower()
    qtbot.waitUntil(lambda: "queued" in panel.message.text() or "Queue finished" in panel.message.text())
    if "queued" in panel.message.text():  # the count keeps the note beside it
        assert gone in panel.message.text()
    qtbot.waitUntil(lambda: status_of(panel, "memo.mp3") == "Done", timeout=15_000)
    job = next(j for j in panel.service.jobs() if j.name == "memo.mp3")
    assert job.options.model != gone and job.options.model in speech
