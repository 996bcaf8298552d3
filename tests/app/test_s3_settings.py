"""Settings: the bulk-audio bucket (bucket, prefix, endpoint, region) is saved, and "Test bucket" asks
a local S3 server (moto) off the UI thread and shows its answer."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from groq_desktop.app.composition import Services, build_services
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.app.settings_dialog import SettingsDialog
from groq_desktop.core.config import load_config
from tests.services.test_bulk_audio_s3 import s3_server  # noqa: F401 - the fixture


@pytest.fixture
def services() -> Iterator[Services]:
    built = build_services(load_config({}))
    built.key_store._persistent = False  # never touch a real keychain from tests
    yield built
    built.close()


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """Credentials only from the environment, as a user would set them; no real ~/.aws, no metadata service."""
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    return monkeypatch


def _test(qtbot: Any, dialog: SettingsDialog) -> str:
    group = dialog.s3_group
    worker = group.test_bucket()
    assert isinstance(worker, threading.Thread)
    assert not group.test_button.isEnabled()  # the UI thread returned at once; the worker asks
    qtbot.waitUntil(group.test_button.isEnabled, timeout=10_000)
    return group.test_result.text()


def test_the_bucket_is_tested_off_the_ui_thread_and_saved(
    qtbot: Any, services: Services, s3_server: str, aws_env: pytest.MonkeyPatch, tmp_path: Path  # noqa: F811
) -> None:
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    dialog = SettingsDialog(services, settings)
    qtbot.addWidget(dialog)
    group = dialog.s3_group
    assert "~/.aws" in group.findChild(type(group.test_result)).text()  # says where credentials come from
    group.test_bucket()
    assert group.test_result.text() == "Name a bucket to test it."
    group.bucket_edit.setText("audio")
    group.endpoint_edit.setText(s3_server)
    group.region_edit.setText("us-east-1")
    assert _test(qtbot, dialog).startswith("OK")
    group.bucket_edit.setText("no-such-bucket")
    assert "No bucket named 'no-such-bucket'" in _test(qtbot, dialog)
    aws_env.delenv("AWS_ACCESS_KEY_ID")
    aws_env.delenv("AWS_SECRET_ACCESS_KEY")
    assert _test(qtbot, dialog).startswith("No credentials found")

    group.bucket_edit.setText(" audio ")
    group.prefix_edit.setText("")
    dialog.save()
    assert settings.get(Key.S3_BUCKET) == "audio" and settings.get(Key.S3_PREFIX) == "groq-desktop/"
    assert settings.get(Key.S3_ENDPOINT) == s3_server and settings.get(Key.S3_REGION) == "us-east-1"
    again = SettingsDialog(services, settings)
    qtbot.addWidget(again)
    assert (again.s3_group.bucket_edit.text(), again.s3_group.endpoint_edit.text()) == ("audio", s3_server)
