"""Pictures the newsroom uploads (into the editor, or as an article's cover): what is accepted,
and what is stored.

Accepted: real raster images in JPEG, PNG, WebP or GIF, recognised by opening them with Pillow
limited to those four formats, never by their name or the type the browser claims. Refused,
with a message the journalist can act on:

- anything else (SVG, HTML or a script renamed .jpg, PDF, TIFF…);
- a file carrying HTML or script text in its bytes, or (PNG, GIF, WebP) anything after the
  picture's end: an image/HTML or image/script polyglot, which a browser could be tricked into
  running if it were ever served as something else;
- a decompression bomb: more than ``MAX_PIXELS`` pixels (a small PNG can declare 30,000 ×
  30,000 pixels and take gigabytes to decode), checked from the header before decoding;
- a broken or truncated file;
- a file over ``UPLOAD_MAX_BYTES`` (settings, default 10 MB).

Stored: the picture re-encoded from its decoded pixels in its own format, so nothing of the
original file survives but the picture (and its colour profile): no EXIF (camera, GPS location
of the photographer), no comments, no XMP, no trailing bytes. Photos are first turned upright
as their EXIF orientation says, since that tag goes too, and made at most ``MAX_SIDE`` pixels
on their long side (a camera's 6000 × 4000 photo is 8 MB that no screen needs; the pages show
smaller renditions of it, articles/body_images.py). The name is generated (the time of the
upload, random letters and the format's extension), never the uploader's, so no name can reach
outside ``MEDIA_ROOT``.
"""

import io
import re
import struct
import uuid
import warnings
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from .library import LibraryImage

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
# 50 megapixels: a 45-megapixel camera's photo passes; decoding one takes about 150 MB of
# memory. For an animated GIF, the pixels of all its frames count.
MAX_PIXELS = 50_000_000
JPEG_QUALITY = 88
# The long side of a stored picture: twice the widest place a picture is shown on a page (the
# 42rem column, 672 CSS pixels, on a 3x screen is 2016), rounded up.
MAX_SIDE = 2400
# Text that has no business in a picture and that browsers act on (an image/HTML or image/script
# polyglot). Only markers long enough not to turn up by chance in compressed picture data are
# looked for in the whole file; the short ones only where browsers sniff for HTML, at the start.
_MARKUP_ANYWHERE = re.compile(rb"<script|<iframe|<!doctype|<\?php|javascript:", re.IGNORECASE)
_MARKUP_AT_START = re.compile(rb"<(?:html|head|body|svg|img|a)[\s>/]", re.IGNORECASE)
_SNIFFED_BYTES = 1024


@dataclass(frozen=True)
class CleanImage:
    """A checked, re-encoded picture, ready to store."""

    content: bytes
    format: str  # one of FORMATS
    width: int
    height: int

    @property
    def extension(self) -> str:
        return FORMATS[self.format]

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]


def _png_end(data: bytes) -> int:
    """Where a PNG's last chunk (IEND) ends."""
    position = 8
    while position + 8 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        position += 12 + length
        if kind == b"IEND":
            return position
    return len(data)


def _gif_sub_blocks_end(data: bytes, position: int) -> int:
    while position < len(data) and data[position] != 0:
        position += 1 + data[position]
    return position + 1


def _gif_end(data: bytes) -> int:
    """Where a GIF's trailer byte (0x3B) ends."""
    flags = data[10]
    position = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    while position < len(data):
        block = data[position]
        if block == 0x3B:
            return position + 1
        if block == 0x21:  # extension: label, then sub-blocks
            position = _gif_sub_blocks_end(data, position + 2)
        elif block == 0x2C:  # image: descriptor, local colour table, LZW code size, sub-blocks
            local = data[position + 9]
            position += 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0)
            position = _gif_sub_blocks_end(data, position + 1)
        else:
            return len(data)
    return len(data)


def _webp_end(data: bytes) -> int:
    (size,) = struct.unpack("<I", data[4:8])
    return 8 + size + (size & 1)


# JPEG is left out on purpose: phones append data after a photo's end (a "motion photo" video,
# a second picture), and those photos must upload; the re-encoding drops it anyway.
_END_OF = {"PNG": _png_end, "GIF": _gif_end, "WEBP": _webp_end}


def _has_hidden_tail(data: bytes, fmt: str) -> bool:
    """Whether bytes follow the end of the picture: how a file is made to be a picture and
    something else at once."""
    end_of = _END_OF.get(fmt)
    if end_of is None:
        return False
    try:
        end = end_of(data)
    except (IndexError, struct.error):
        return False  # malformed: Pillow's full decode below has the last word
    return bool(data[end:].strip(b"\x00\t\r\n "))


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _open(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data), formats=list(FORMATS))


def clean_image(upload) -> CleanImage:
    """Check ``upload`` (an uploaded file) and re-encode it; raise ValidationError if refused.

    The one check behind the editor's uploader and the cover image field.
    """
    max_bytes = settings.UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > max_bytes:
        raise _refuse(
            _("The file is too large: pictures may be at most %(size)s.")
            % {"size": filesizeformat(max_bytes)},
            "too_large",
        )
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _refuse(
            _("The file is too large: pictures may be at most %(size)s.")
            % {"size": filesizeformat(max_bytes)},
            "too_large",
        )
    not_a_picture = _refuse(
        _("This file is not a picture. Upload a JPEG, PNG, WebP or GIF image."), "not_an_image"
    )
    if _MARKUP_ANYWHERE.search(data) or _MARKUP_AT_START.search(data, 0, _SNIFFED_BYTES):
        raise not_a_picture
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that: make it an error.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with _open(data) as image:
                frames = getattr(image, "n_frames", 1)
                if image.width * image.height * frames > MAX_PIXELS:
                    raise Image.DecompressionBombError("too many pixels")
                image.verify()
                fmt = image.format
            if _has_hidden_tail(data, fmt):
                raise _refuse(
                    _(
                        "This picture has extra data hidden after its end. Open it in an image "
                        "editor, save a copy and upload the copy."
                    ),
                    "hidden_data",
                )
            with _open(data) as image:
                return _reencode(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(
            _("This picture is too large: at most %(megapixels)d megapixels.")
            % {"megapixels": MAX_PIXELS // 1_000_000},
            "too_many_pixels",
        ) from None
    except UnidentifiedImageError:
        raise not_a_picture from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError) as exc:
        raise _refuse(
            _("This picture is damaged or incomplete and cannot be read."), "broken"
        ) from exc


def _pixels_only(frame: Image.Image) -> Image.Image:
    """A copy of ``frame`` without any of the original file's metadata."""
    copy = frame.copy()
    copy.info = {}
    return copy


def _reencode(image: Image.Image) -> CleanImage:
    fmt = image.format
    icc_profile = image.info.get("icc_profile")
    output = io.BytesIO()
    if getattr(image, "n_frames", 1) > 1:
        frames, durations = [], []
        for frame in ImageSequence.Iterator(image):
            durations.append(frame.info.get("duration", 100))
            frames.append(_pixels_only(frame.convert("RGBA")))
        frames[0].save(
            output,
            format=fmt,
            save_all=True,
            append_images=frames[1:],
            duration=durations,
            loop=image.info.get("loop", 0),
        )
        picture = frames[0]
    else:
        image.load()
        transparency = image.info.get("transparency")
        picture = _pixels_only(ImageOps.exif_transpose(image))
        if max(picture.size) > MAX_SIDE:
            picture.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        options = {}
        if icc_profile:
            options["icc_profile"] = icc_profile
        if fmt == "JPEG":
            options.update(quality=JPEG_QUALITY, optimize=True)
        elif fmt == "WEBP":
            options.update(quality=JPEG_QUALITY)
        elif fmt == "PNG":
            options.update(optimize=True)
        if transparency is not None and fmt in {"PNG", "GIF"}:
            options["transparency"] = transparency
        picture.save(output, format=fmt, **options)
    return CleanImage(
        content=output.getvalue(), format=fmt, width=picture.width, height=picture.height
    )


def generated_name(image: CleanImage) -> str:
    """Time first, so that names sort newest last; then 64 random bits nobody can guess."""
    return f"{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:16]}.{image.extension}"


def clean_upload(upload) -> SimpleUploadedFile:
    """``upload`` checked and re-encoded, as a new upload with a generated name."""
    image = clean_image(upload)
    return SimpleUploadedFile(generated_name(image), image.content, image.content_type)


class PictureField(forms.FileField):
    """A form field for a picture: the upload is checked and re-encoded by ``clean_image`` and
    given a generated name (used for the article's cover image)."""

    widget = forms.ClearableFileInput(attrs={"accept": ",".join(CONTENT_TYPES.values())})

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return clean_upload(upload)


def store_editor_image(upload, *, uploaded_by=None) -> LibraryImage:
    """Check, re-encode and store a picture uploaded into the editor, recorded in the media
    library; return its record.

    Stored as ``<CKEDITOR_UPLOAD_PATH>/<year>/<month>/<time>-<random>.<ext>``.
    """
    image = clean_image(upload)
    folder = f"{settings.CKEDITOR_UPLOAD_PATH.strip('/')}/{timezone.localdate():%Y/%m}"
    name = default_storage.save(f"{folder}/{generated_name(image)}", ContentFile(image.content))
    record = LibraryImage(width=image.width, height=image.height, uploaded_by=uploaded_by)
    record.file.name = name
    record.save()
    return record
