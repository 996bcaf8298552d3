"""Audio for transcription batches: Groq fetches batch audio by URL, so local files are uploaded to
the user's S3-compatible bucket and passed as presigned GET URLs that outlive the batch window.

boto3 is an optional extra (``pip install groq-desktop[s3]``), imported only when a bucket is set.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# SigV4 presigned URLs live at most 7 days, which is also the longest batch window.
MAX_PRESIGN_SECONDS = 7 * 24 * 3600
# Groq may start a line late in its window and then fetch the audio: an hour to spare.
PRESIGN_MARGIN_SECONDS = 3600


@dataclass(frozen=True)
class S3Settings:
    bucket: str
    prefix: str = "groq-desktop/"
    endpoint_url: str | None = None  # None: AWS; set for MinIO, R2, Backblaze...
    region: str | None = None
    access_key_id: str | None = None  # None: boto3's usual chain (env, ~/.aws)
    secret_access_key: str | None = None

    @property
    def configured(self) -> bool:
        return bool(self.bucket.strip())


def presign_seconds(window_seconds: float) -> int:
    return int(min(MAX_PRESIGN_SECONDS, window_seconds + PRESIGN_MARGIN_SECONDS))


class S3Staging:
    def __init__(self, settings: S3Settings, client: Any = None) -> None:
        self.settings = settings
        if client is None:
            import boto3  # the optional extra
            from botocore.config import Config

            # A fresh session: credentials the user fixed since the last try are found (the default one caches).
            client = boto3.session.Session().client(
                "s3", endpoint_url=settings.endpoint_url, region_name=settings.region,
                config=Config(signature_version="s3v4"),
                aws_access_key_id=settings.access_key_id, aws_secret_access_key=settings.secret_access_key,
            )
        self._client = client

    def upload(self, path: Path, expires_seconds: int) -> str:
        """Upload ``path`` under a fresh key; the presigned GET URL for it."""
        key = f"{self.settings.prefix}{uuid.uuid4().hex}/{path.name}"
        self._client.upload_file(str(path), self.settings.bucket, key)
        return str(self._client.generate_presigned_url(
            "get_object", Params={"Bucket": self.settings.bucket, "Key": key},
            ExpiresIn=min(expires_seconds, MAX_PRESIGN_SECONDS)))

    def check(self) -> None:
        """One cheap call (HEAD on the bucket): raises what boto3 raises when the bucket is unusable."""
        self._client.head_bucket(Bucket=self.settings.bucket)
