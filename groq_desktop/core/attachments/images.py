"""Decode, downscale and re-encode images with PyAV (no Qt, no Pillow) so they fit a model's limits."""

from __future__ import annotations

import fractions
import io
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from groq_desktop.core.attachments.model import AttachmentError, ImageLimits
from groq_desktop.i18n import number, translate

if TYPE_CHECKING:
    import av

_KEPT_AS_IS = {"png_pipe": "image/png", "jpeg_pipe": "image/jpeg", "webp_pipe": "image/webp"}
# Long side of a downscaled image: vision models tile images far smaller than this, so nothing is lost.
_MAX_SIDE = 2048


@dataclass(frozen=True)
class PreparedImage:
    data: bytes
    mime: str
    width: int
    height: int
    original_width: int
    original_height: int
    original_size: int
    note: str = ""


def prepare_image(data: bytes, limits: ImageLimits) -> PreparedImage:
    """The image as it will be sent: kept when it fits, else scaled down and re-encoded as JPEG."""
    import av  # PyAV loads on first use: the first screen never needs it
    try:
        with av.open(io.BytesIO(data)) as container:
            kind = container.format.name
            frame = next(container.decode(video=0))
    except (av.FFmpegError, StopIteration, ValueError) as exc:
        raise AttachmentError(translate("attachments", "This file is not an image that can be read.")) from exc
    width, height = frame.width, frame.height
    if kind in _KEPT_AS_IS and len(data) <= limits.bytes_per_image and width * height <= limits.max_pixels:
        return PreparedImage(data, _KEPT_AS_IS[kind], width, height, width, height, len(data))
    scale = min(1.0, _MAX_SIDE / max(width, height), math.sqrt(limits.max_pixels / (width * height)))
    while True:
        w, h = max(16, int(width * scale)) & ~1, max(16, int(height * scale)) & ~1
        encoded = _jpeg(frame, w, h)
        if len(encoded) <= limits.bytes_per_image:
            break
        if w <= 64:
            raise AttachmentError(
                translate("attachments", "The image cannot be made smaller than {limit} bytes.").format(
                    limit=number(limits.bytes_per_image)
                )
            )
        scale *= 0.7
    note = translate(
        "attachments", "sent as {width} x {height} JPEG ({size}); the original is {original_width} x {original_height} "
        "({original_size})"
    ).format(
        width=w, height=h, size=format_size(len(encoded)), original_width=width, original_height=height,
        original_size=format_size(len(data)),
    )
    return PreparedImage(encoded, "image/jpeg", w, h, width, height, len(data), note)


def thumbnail(data: bytes, side: int) -> bytes:
    """A small JPEG of the image (for views that want one without decoding the full image)."""
    import av
    with av.open(io.BytesIO(data)) as container:
        frame = next(container.decode(video=0))
    scale = min(1.0, side / max(frame.width, frame.height))
    return _jpeg(frame, max(16, int(frame.width * scale)) & ~1, max(16, int(frame.height * scale)) & ~1)


def _jpeg(frame: av.VideoFrame, width: int, height: int) -> bytes:
    import av
    scaled = frame.reformat(width=width, height=height, format="yuvj420p", interpolation="AREA")
    encoder = av.CodecContext.create("mjpeg", "w")
    encoder.width, encoder.height, encoder.pix_fmt = width, height, "yuvj420p"
    encoder.time_base = fractions.Fraction(1, 25)
    encoder.options = {"qscale": "3"}
    encoder.flags |= av.codec.context.Flags.qscale
    encoder.global_quality = 3 * 118  # FF_QP2LAMBDA: quality 3, a good JPEG
    packets = encoder.encode(scaled) + encoder.encode(None)
    return b"".join(bytes(p) for p in packets)


def format_size(n: int) -> str:
    """A file size for people, in the user's number format: ``3.2 MB``, ``850 kB``."""
    if n >= 100_000:
        return translate("format_size", "{size} MB").format(size=number(n / 1_000_000, 1))
    return translate("format_size", "{size} kB").format(size=number(n / 1000))
