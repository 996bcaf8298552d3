"""Settings for bulk audio: the S3-compatible bucket where transcription batches stage their files.

Credentials are not kept here: boto3 finds them as usual (environment, ~/.aws, instance roles).
"""

from __future__ import annotations

import contextlib
import threading

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QWidget

from groq_desktop.app import icons, theme
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.core.bulk.s3 import S3Settings, S3Staging
from groq_desktop.i18n import translate

DEFAULT_PREFIX = "groq-desktop/"


def check_bucket(s3: S3Settings) -> str:
    """One HEAD request on the bucket; the answer in words (runs in a worker thread)."""
    try:
        S3Staging(s3).check()
    except ImportError:
        return translate("S3SettingsGroup", "boto3 is not installed: {command}").format(
            command="pip install 'groq-desktop[s3]'")
    except Exception as exc:  # noqa: BLE001 - whatever went wrong is the answer to show
        if type(exc).__name__ == "NoCredentialsError":
            return translate("S3SettingsGroup", "No credentials found: set AWS_ACCESS_KEY_ID and "
                             "AWS_SECRET_ACCESS_KEY, or configure ~/.aws.")
        response = getattr(exc, "response", None)
        code = str((response or {}).get("Error", {}).get("Code", "")) if isinstance(response, dict) else ""
        if code in ("404", "NoSuchBucket"):
            return translate("S3SettingsGroup", "No bucket named {bucket} at this endpoint.").format(
                bucket=repr(s3.bucket))
        if code in ("403", "AccessDenied"):
            return translate("S3SettingsGroup", "Access denied to {bucket}: check the credentials boto3 finds "
                             "(environment, ~/.aws).").format(bucket=repr(s3.bucket))
        return translate("S3SettingsGroup", "Could not reach the bucket: {error}").format(
            error=f"{type(exc).__name__}: {exc}")
    return translate("S3SettingsGroup", "OK: the bucket {bucket} is reachable with these credentials.").format(
        bucket=repr(s3.bucket))


class S3SettingsGroup(QGroupBox):
    """Bucket, prefix, endpoint and region, and a "Test bucket" button that asks off the UI thread."""

    tested = Signal(str)  # the answer of "Test bucket", from its worker thread

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(translate("S3SettingsGroup", "Bulk audio (S3-compatible bucket)"), parent)
        self._settings = settings
        form = QFormLayout(self)
        spacing = theme.tokens()
        form.setHorizontalSpacing(spacing.space_l)
        form.setVerticalSpacing(spacing.space_m)
        note = QLabel(translate(
            "S3SettingsGroup",
            "Transcription batches need audio at a URL Groq can fetch: local files are uploaded here and passed "
            "as presigned links. Credentials come from boto3's usual places (AWS_ACCESS_KEY_ID / "
            "AWS_SECRET_ACCESS_KEY in the environment, ~/.aws/credentials, a profile); none are stored here.",
        ))
        note.setProperty("role", "caption")
        note.setWordWrap(True)
        form.addRow(note)
        self.bucket_edit = QLineEdit(str(settings.get(Key.S3_BUCKET) or ""))
        self.bucket_edit.setPlaceholderText(
            translate("S3SettingsGroup", "empty: bulk audio goes through the transcription queue"))
        form.addRow(translate("S3SettingsGroup", "Bucket"), self.bucket_edit)
        self.prefix_edit = QLineEdit(str(settings.get(Key.S3_PREFIX) or DEFAULT_PREFIX))
        form.addRow(translate("S3SettingsGroup", "Key prefix"), self.prefix_edit)
        self.endpoint_edit = QLineEdit(str(settings.get(Key.S3_ENDPOINT) or ""))
        self.endpoint_edit.setPlaceholderText(
            translate("S3SettingsGroup", "optional: https://… for MinIO, Cloudflare R2, Backblaze B2…"))
        form.addRow(translate("S3SettingsGroup", "Endpoint URL"), self.endpoint_edit)
        self.region_edit = QLineEdit(str(settings.get(Key.S3_REGION) or ""))
        self.region_edit.setPlaceholderText(translate("S3SettingsGroup", "optional, e.g. us-east-1"))
        form.addRow(translate("S3SettingsGroup", "Region"), self.region_edit)
        self.test_button = QPushButton(icons.icon("pass"), translate("S3SettingsGroup", "Test bucket"))
        self.test_button.setToolTip(
            translate("S3SettingsGroup", "Ask the bucket whether it exists and these credentials may use it"))
        self.test_button.clicked.connect(self.test_bucket)
        form.addRow("", self.test_button)
        self.test_result = QLabel("")
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("", self.test_result)
        self.tested.connect(self._show_test_result)

    def focus_chain(self) -> list[QWidget]:
        """The fields in the order they are shown, for the dialog's tab order."""
        return [self.bucket_edit, self.prefix_edit, self.endpoint_edit, self.region_edit, self.test_button]

    def s3_settings(self) -> S3Settings:
        return S3Settings(
            bucket=self.bucket_edit.text().strip(),
            prefix=self.prefix_edit.text().strip() or DEFAULT_PREFIX,
            endpoint_url=self.endpoint_edit.text().strip() or None,
            region=self.region_edit.text().strip() or None,
        )

    def test_bucket(self) -> threading.Thread | None:
        s3 = self.s3_settings()
        if not s3.configured:
            self.test_result.setText(translate("S3SettingsGroup", "Name a bucket to test it."))
            return None
        self.test_button.setEnabled(False)
        self.test_result.setText(translate("S3SettingsGroup", "Testing {bucket}…").format(bucket=repr(s3.bucket)))
        worker = threading.Thread(target=self._run_test, args=(s3,), name="test-bucket", daemon=True)
        worker.start()
        return worker

    def _run_test(self, s3: S3Settings) -> None:
        answer = check_bucket(s3)
        with contextlib.suppress(RuntimeError):  # the dialog was closed meanwhile
            self.tested.emit(answer)

    def _show_test_result(self, answer: str) -> None:
        self.test_result.setText(answer)
        self.test_button.setEnabled(True)

    def save(self) -> None:
        s3 = self.s3_settings()
        self._settings.set(Key.S3_BUCKET, s3.bucket)
        self._settings.set(Key.S3_PREFIX, s3.prefix)
        self._settings.set(Key.S3_ENDPOINT, s3.endpoint_url or "")
        self._settings.set(Key.S3_REGION, s3.region or "")
