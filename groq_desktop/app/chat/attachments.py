"""Attachments in the composer (a strip of thumbnails and chips, each with remove) and their images.

Everything heavy runs on a worker thread: reading files, PDF text, decoding, scaling and re-encoding
images, and decoding thumbnails (lazily, when a row that shows one is painted; cached).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from groq_desktop import i18n
from groq_desktop.app import icons
from groq_desktop.core.attachments import Attachment, AttachmentError, AttachmentKind, ImageLimits
from groq_desktop.core.attachments.files import kind_of
from groq_desktop.core.attachments.prepare import image_attachment, path_attachment
from groq_desktop.core.attachments.store import BlobStore
from groq_desktop.i18n import translate

log = logging.getLogger(__name__)

THUMB_HEIGHT = 56
"""Thumbnails in the composer's strip."""
BUBBLE_THUMB_HEIGHT = 96
"""Thumbnails in a message's bubble."""
THUMB_CACHE_SIZE = 120

_pool = ThreadPoolExecutor(2, thread_name_prefix="attachments")


def scaled_image(data: bytes, height: int) -> QImage:
    """Decode and scale (QImage is safe off the UI thread)."""
    image = QImage.fromData(QByteArray(data))
    if image.isNull() or image.height() <= height:
        return image
    return image.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)


def png_bytes(image: QImage) -> bytes:
    """A pasted image as PNG (lossless: screenshots of text stay sharp); call it off the UI thread."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


class ThumbnailCache(QObject):
    """Thumbnails by (digest, height): decoded on a worker the first time one is asked for."""

    ready = Signal(str)  # digest
    _arrived = Signal(object, object)  # emitted on the worker, delivered (queued) on the UI thread

    def __init__(self, blobs: BlobStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.blobs = blobs
        self._images: OrderedDict[tuple[str, int], QImage] = OrderedDict()
        self._loading: set[tuple[str, int]] = set()
        self.decoded = 0
        self._arrived.connect(self._store)

    def get(self, digest: str, height: int) -> QImage | None:
        key = (digest, height)
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
            return image
        if key not in self._loading:
            self._loading.add(key)
            _pool.submit(self._decode, key)
        return None

    def _decode(self, key: tuple[str, int]) -> None:
        try:
            image = scaled_image(self.blobs.get(key[0]), key[1])
        except OSError as exc:
            log.warning("thumbnail of %s: %s", key[0], exc)
            image = QImage()
        self._arrived.emit(key, image)

    def _store(self, key: tuple[str, int], image: QImage) -> None:
        self._loading.discard(key)
        self.decoded += 1
        self._images[key] = image
        while len(self._images) > THUMB_CACHE_SIZE:
            self._images.popitem(last=False)
        self.ready.emit(key[0])


@dataclass
class _Item:
    name: str
    is_image: bool
    attachment: Attachment | None = None
    thumbnail: QImage | None = None


class AttachmentStrip(QWidget):
    """The composer's attachments: one chip each (thumbnail or file name, ✕ to remove), notes and refusals."""

    changed = Signal()
    switch_model_requested = Signal(str)
    _prepared = Signal(object, object, object)  # item, attachment or error text, thumbnail

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentStrip")
        self.blobs: BlobStore | None = None
        self.limits: Callable[[], ImageLimits] = ImageLimits
        self._items: list[_Item] = []
        self._row = QHBoxLayout()
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addStretch(1)
        self.notice = QLabel()
        self.notice.setObjectName("attachmentNotice")
        self.notice.setWordWrap(True)
        self.notice.setProperty("role", "error")
        self.switch_button = QPushButton()
        self.switch_button.setObjectName("switchToVision")
        self.switch_button.clicked.connect(self._on_switch)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.notice, 1)
        bar.addWidget(self.switch_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self._row)
        column.addLayout(bar)
        self._refusal = ""
        self._errors: list[str] = []
        self._offer = ""
        self._prepared.connect(self._on_prepared)
        self._refresh()

    # --- what is attached ---------------------------------------------------------

    def attachments(self) -> list[Attachment]:
        return [i.attachment for i in self._items if i.attachment is not None]

    def for_counting(self) -> list[Attachment]:
        """Ready attachments, plus images still being prepared (an image's token count is known at once)."""
        return [
            i.attachment if i.attachment is not None else Attachment(AttachmentKind.IMAGE, i.name)
            for i in self._items
            if i.attachment is not None or i.is_image
        ]

    @property
    def pending(self) -> int:
        return sum(1 for i in self._items if i.attachment is None)

    def clear(self) -> None:
        self._items.clear()
        self._errors.clear()
        self._rebuild()

    # --- adding -------------------------------------------------------------------

    def add_paths(self, paths: list[Path]) -> None:
        for path in paths:
            self._start(_Item(path.name, kind_of(path) == "image"), lambda p=path: self._from_path(p))

    def add_image(self, image: QImage, name: str = "pasted image.png") -> None:
        self._start(_Item(name, True), lambda: self._from_image(image, name))

    def _start(self, item: _Item, work: Callable[[], Attachment]) -> None:
        if self.blobs is None:
            raise RuntimeError("the strip has no blob store")
        self._items.append(item)
        self._rebuild()
        _pool.submit(self._run, item, work)

    def _run(self, item: _Item, work: Callable[[], Attachment]) -> None:
        """On a worker thread: prepare, and a thumbnail for images."""
        try:
            attachment = work()
            thumb = None
            if attachment.is_image and self.blobs is not None:
                thumb = scaled_image(self.blobs.get(attachment.digest), THUMB_HEIGHT)
            self._prepared.emit(item, attachment, thumb)
        except AttachmentError as exc:
            self._prepared.emit(item, str(exc), None)
        except Exception as exc:  # a bug must not leave a chip spinning
            log.exception("preparing %s failed", item.name)
            self._prepared.emit(item, f"{item.name}: {type(exc).__name__}: {exc}", None)

    def _from_path(self, path: Path) -> Attachment:
        assert self.blobs is not None
        return path_attachment(path, self.blobs, self.limits())

    def _from_image(self, image: QImage, name: str) -> Attachment:
        assert self.blobs is not None
        return image_attachment(png_bytes(image), name, self.blobs, self.limits())

    def _on_prepared(self, item: _Item, result: Attachment | str, thumb: QImage | None) -> None:
        if item not in self._items:
            return  # removed while it was being prepared
        if isinstance(result, str):
            self._items.remove(item)
            self._errors.append(result)
        else:
            item.attachment, item.thumbnail = result, thumb
        self._rebuild()

    def remove(self, index: int) -> None:
        if 0 <= index < len(self._items):
            del self._items[index]
            self._errors.clear()
            self._rebuild()

    # --- notices ------------------------------------------------------------------

    def set_refusal(self, text: str, offer_model: str = "") -> None:
        """Why these attachments cannot be sent as they are, and a model to switch to in one click."""
        if (text, offer_model) != (self._refusal, self._offer):
            self._refusal, self._offer = text, offer_model
            self._refresh()

    @property
    def refusal(self) -> str:
        return self._refusal

    def _on_switch(self) -> None:
        if self._offer:
            self.switch_model_requested.emit(self._offer)

    # --- widgets ------------------------------------------------------------------

    def _rebuild(self) -> None:
        while self._row.count() > 1:
            widget = self._row.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for index, item in enumerate(self._items):
            self._row.insertWidget(index, self._chip(index, item))
        self._refresh()
        self.changed.emit()

    def _chip(self, index: int, item: _Item) -> QWidget:
        chip = QWidget()
        chip.setObjectName("attachmentChip")
        row = QHBoxLayout(chip)
        row.setContentsMargins(2, 2, 2, 2)
        row.setSpacing(2)
        label = QLabel()
        label.setProperty("showsData", True)  # the file's name
        attachment = item.attachment
        if attachment is None:
            label.setText(f"⏳ {item.name}")
            label.setToolTip(translate("AttachmentStrip", "Being prepared…"))
        elif item.thumbnail is not None and not item.thumbnail.isNull():
            label.setPixmap(QPixmap.fromImage(item.thumbnail))
            label.setToolTip(f"{attachment.name} · {attachment.width} x {attachment.height}"
                             + (f"\n{attachment.note}" if attachment.note else ""))
        else:
            label.setText(f"📄 {attachment.name}")
            label.setToolTip(translate("AttachmentStrip", "{name} · {size} bytes of text").format(
                name=attachment.name, size=i18n.number(attachment.size)))
        row.addWidget(label)
        remove = QToolButton()
        remove.setIcon(icons.icon("close"))
        remove.setAutoRaise(True)
        remove.setObjectName("removeAttachment")
        remove.setToolTip(translate("AttachmentStrip", "Remove {name}").format(name=item.name))
        remove.setAccessibleName(translate("AttachmentStrip", "Remove {name}").format(name=item.name))
        remove.clicked.connect(lambda _=False, i=index: self.remove(i))
        row.addWidget(remove)
        return chip

    def _refresh(self) -> None:
        notes = [a.note and f"{a.name}: {a.note}" for a in self.attachments()]
        lines = [*self._errors, self._refusal, *filter(None, notes)]
        text = "\n".join(line for line in lines if line)
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        self.switch_button.setVisible(bool(self._offer))
        if self._offer:
            self.switch_button.setText(
                translate("AttachmentStrip", "Switch to {model}").format(model=self._offer)
            )
        self.setVisible(bool(self._items or text))


class ImageViewer(QDialog):
    """An attached image at full size (scrolls when larger than the screen)."""

    def __init__(self, data: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.label = QLabel()
        self.label.setPixmap(QPixmap.fromImage(QImage.fromData(QByteArray(data))))
        scroll = QScrollArea()
        scroll.setWidget(self.label)
        column = QVBoxLayout(self)
        column.addWidget(scroll)
        self.resize(min(1200, self.label.sizeHint().width() + 40), min(900, self.label.sizeHint().height() + 40))
