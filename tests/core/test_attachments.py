"""Attachment preparation without Qt: images fitted to limits, file text, scanned PDFs, blob storage."""

from __future__ import annotations

from pathlib import Path

import pytest

from groq_desktop.core.attachments import AttachmentError, AttachmentKind, ImageLimits
from groq_desktop.core.attachments.files import extract_text, kind_of
from groq_desktop.core.attachments.images import prepare_image
from groq_desktop.core.attachments.prepare import path_attachment
from groq_desktop.core.attachments.store import BlobStore
from groq_desktop.core.store.storage import Storage
from tests.attachment_fixtures import png, scanned_pdf, text_pdf


def test_an_image_that_fits_is_kept_as_is() -> None:
    data = png(320, 200)
    prepared = prepare_image(data, ImageLimits())
    assert (prepared.data, prepared.mime, prepared.width, prepared.height, prepared.note) == (
        data, "image/png", 320, 200, ""
    )


def test_an_image_over_the_pixel_limit_is_downscaled_to_jpeg_and_says_so() -> None:
    prepared = prepare_image(png(1200, 900), ImageLimits(max_pixels=100_000))
    assert prepared.mime == "image/jpeg" and prepared.data[:2] == b"\xff\xd8"
    assert prepared.width * prepared.height <= 100_000
    assert prepared.width / prepared.height == pytest.approx(4 / 3, rel=0.03)
    assert "1200 x 900" in prepared.note and f"{prepared.width} x {prepared.height}" in prepared.note


def test_an_image_over_the_byte_budget_is_shrunk_until_it_fits() -> None:
    limits = ImageLimits(max_images=3, max_base64_bytes=60_000)
    prepared = prepare_image(png(1600, 1600), limits)
    assert len(prepared.data) <= limits.bytes_per_image
    assert prepared.original_width == 1600


def test_not_an_image_is_refused() -> None:
    with pytest.raises(AttachmentError, match="not an image"):
        prepare_image(b"hello, not a picture" * 10, ImageLimits())


def test_pdf_text_has_its_pages_and_a_scanned_pdf_says_it_has_no_text() -> None:
    text = extract_text("report.pdf", text_pdf(["Quarterly numbers", "Second page"]))
    assert "[page 1]\nQuarterly numbers" in text and "[page 2]\nSecond page" in text
    with pytest.raises(AttachmentError, match=r"scan\.pdf has no text \(4 page\(s\)\).*scanned"):
        extract_text("scan.pdf", scanned_pdf(4))


def test_text_files_and_refusals() -> None:
    assert extract_text("data.csv", "\ufeffa,b\n1,2\n".encode()) == "a,b\n1,2\n"
    with pytest.raises(AttachmentError, match="not a text file"):
        extract_text("x.json", b"\x00\x01binary")
    assert [kind_of(Path(n)) for n in ("a.PNG", "b.py", "c.mp3", "d.exe")] == ["image", "file", "media", None]


def test_images_are_stored_once_by_content_and_listed_with_their_message(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path / "attachments")
    (tmp_path / "a.png").write_bytes(png(64, 48))
    (tmp_path / "notes.md").write_text("# Notes\nremember", encoding="utf-8")
    image = path_attachment(tmp_path / "a.png", blobs, ImageLimits())
    again = path_attachment(tmp_path / "a.png", blobs, ImageLimits())
    assert image.digest == again.digest and blobs.get(image.digest) == png(64, 48)
    assert len(list((tmp_path / "attachments").rglob("*"))) == 2  # one folder, one blob
    note = path_attachment(tmp_path / "notes.md", blobs, ImageLimits())
    assert (note.kind, note.text) == (AttachmentKind.FILE, "# Notes\nremember")

    storage = Storage(tmp_path / "db.sqlite3")
    conversation = storage.create_conversation("title", "m")
    user = storage.add_message(conversation.id, "user", "look")
    storage.add_attachments(user.id, [image, note])
    storage.add_message(conversation.id, "assistant", "ok")
    listed = storage.list_messages(conversation.id)
    assert listed[0].attachments == (image, note) and listed[1].attachments == ()
    assert storage.get_message(user.id).attachments == (image, note)  # type: ignore[union-attr]
    assert storage.list_last_messages(conversation.id, 2)[0].attachments == (image, note)
    storage.close()
