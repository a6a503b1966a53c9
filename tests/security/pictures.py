"""Files for the upload tests: real pictures in each accepted format, and the attacks."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

# EXIF tags: the GPS block and the orientation.
GPS_IFD = 0x8825
ORIENTATION = 0x0112


def picture_bytes(fmt: str, size=(120, 80), color=(200, 30, 30), **save) -> bytes:
    buffer = io.BytesIO()
    mode = "RGBA" if fmt in {"PNG", "WEBP"} else "RGB"
    Image.new(mode, size, color).save(buffer, format=fmt, **save)
    return buffer.getvalue()


def photo_with_location(size=(120, 80), orientation: int | None = None) -> bytes:
    """A JPEG as a phone takes it: GPS position, camera, a comment, maybe a rotation."""
    exif = Image.Exif()
    exif[0x010F] = "Phone maker"  # Make
    exif[0x0110] = "Phone 15"  # Model
    exif.get_ifd(GPS_IFD).update(
        {1: "N", 2: (21.0, 1.0, 41.0), 3: "E", 4: (105.0, 51.0, 2.0)}  # Hoàn Kiếm
    )
    if orientation:
        exif[ORIENTATION] = orientation
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(
        buffer, format="JPEG", exif=exif, comment=b"taken at 21.0285,105.8542"
    )
    return buffer.getvalue()


def animated_gif() -> bytes:
    frames = [Image.new("RGB", (40, 30), color) for color in ((255, 0, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(
        buffer, format="GIF", save_all=True, append_images=frames[1:], duration=200, loop=0
    )
    return buffer.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def decompression_bomb(side: int = 30_000) -> bytes:
    """A valid PNG of side × side black pixels (1 bit each): about 100 KB on disk, gigabytes once
    decoded."""
    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row * 1000) for _ in range(side // 1000))
    body += compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", body)
        + _png_chunk(b"IEND", b"")
    )


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def png_with_html_after_its_end() -> bytes:
    """A valid PNG that is also an HTML page: the markup follows the image's last chunk."""
    return picture_bytes("PNG") + b"<html><script>alert(document.cookie)</script></html>"


def jpeg_with_script_in_its_comment() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40)).save(
        buffer, format="JPEG", comment=b"<script>alert(document.cookie)</script>"
    )
    return buffer.getvalue()


def gif_script_polyglot() -> bytes:
    """The classic GIF/JavaScript polyglot: the header doubles as the start of a script."""
    data = bytearray(picture_bytes("GIF", size=(10, 10)))
    return bytes(data) + b"*/=1;alert(document.cookie);/*"


def truncated_jpeg() -> bytes:
    data = picture_bytes("JPEG", size=(400, 300))
    return data[: len(data) // 2]


def upload(name: str, content: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def exif_of(data: bytes) -> dict:
    with Image.open(io.BytesIO(data)) as image:
        return dict(image.getexif())
