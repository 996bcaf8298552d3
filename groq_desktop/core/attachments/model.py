"""What an attachment is, once prepared: an image stored as a blob, or a file's extracted text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from groq_desktop.errors import GroqDesktopError


class AttachmentKind(StrEnum):
    IMAGE = "image"
    FILE = "file"


class AttachmentError(GroqDesktopError):
    """An attachment that cannot be used: the message says why, with the numbers."""


@dataclass(frozen=True)
class Attachment:
    kind: AttachmentKind
    name: str
    mime: str = ""
    digest: str = ""
    """sha256 of the stored image bytes (images only)."""
    size: int = 0
    """Bytes as sent (the re-encoded image, or the extracted text in UTF-8)."""
    width: int = 0
    height: int = 0
    text: str = ""
    """A file's extracted text (files only)."""
    note: str = ""
    """What preparation did, shown to the user ("downscaled from 4000 x 3000 to ...")."""

    @property
    def is_image(self) -> bool:
        return self.kind is AttachmentKind.IMAGE


@dataclass(frozen=True)
class ImageLimits:
    """A vision model's limits (the catalogue's ``vision`` facts); defaults are Groq's published ones."""

    max_images: int = 3
    tokens_per_image: int = 2048
    max_base64_bytes: int = 4_000_000
    max_pixels: int = 33_000_000

    @classmethod
    def from_facts(cls, vision: Mapping[str, Any]) -> ImageLimits:
        default = cls()
        return cls(
            max_images=int(vision.get("max_images", default.max_images)),
            tokens_per_image=int(vision.get("tokens_per_image", default.tokens_per_image)),
            max_base64_bytes=int(vision.get("max_base64_bytes", default.max_base64_bytes)),
            max_pixels=int(vision.get("max_pixels", default.max_pixels)),
        )

    @property
    def bytes_per_image(self) -> int:
        """Raw bytes one image may take so that all of them, base64-encoded, fit one request."""
        return self.max_base64_bytes * 3 // 4 // max(1, self.max_images) - 1024
