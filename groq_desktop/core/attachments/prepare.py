"""From a picked, dropped or pasted thing to an ``Attachment`` ready to store (blocking: run off the UI)."""

from __future__ import annotations

from pathlib import Path

from groq_desktop.core.attachments.files import (
    MAX_FILE_BYTES,
    extract_text,
    kind_of,
    not_attachable,
    too_large,
)
from groq_desktop.core.attachments.images import prepare_image
from groq_desktop.core.attachments.model import Attachment, AttachmentError, AttachmentKind, ImageLimits
from groq_desktop.core.attachments.store import BlobStore
from groq_desktop.i18n import translate


def image_attachment(data: bytes, name: str, blobs: BlobStore, limits: ImageLimits) -> Attachment:
    prepared = prepare_image(data, limits)
    digest = blobs.put(prepared.data)
    return Attachment(
        AttachmentKind.IMAGE, name, prepared.mime, digest, len(prepared.data), prepared.width, prepared.height,
        note=prepared.note,
    )


def file_attachment(data: bytes, name: str) -> Attachment:
    text = extract_text(name, data)
    return Attachment(AttachmentKind.FILE, name, "text/plain", size=len(text.encode("utf-8")), text=text)


def path_attachment(path: Path, blobs: BlobStore, limits: ImageLimits) -> Attachment:
    kind = kind_of(path)
    if kind not in ("image", "file"):
        raise not_attachable(path.name)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise too_large(path.name, size)
        data = path.read_bytes()
    except OSError as exc:
        raise AttachmentError(
            translate("attachments", "{name} could not be read: {error}").format(
                name=path.name, error=exc.strerror or exc
            )
        ) from exc
    if kind == "image":
        return image_attachment(data, path.name, blobs, limits)
    return file_attachment(data, path.name)
