"""Upload checks shared by case work and the public portal: type by content, size, hash, preview."""

from __future__ import annotations

import hashlib
import io
import threading
from dataclasses import dataclass

import pypdfium2
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps
from pypdf import PdfReader

from hub.core.errors import DomainError

CHUNK_BYTES = 64 * 1024
# Checked before any pixel is decoded. Below Pillow's own warning threshold (~89 MP), so a
# DecompressionBombWarning never fires for an image we would accept.
MAX_IMAGE_PIXELS = 50_000_000
# Readers look for the end-of-file marker in the last 1024 bytes (PDF 1.7, 7.5.5); a file cut
# short has none, whatever a lenient parser might rebuild from it.
PDF_EOF_WINDOW = 1024
# A preview taller than this many widths is cut from the top (a long receipt, a banner page).
THUMBNAIL_MAX_ASPECT = 4

KIND_PDF = "pdf"
KIND_IMAGE = "image"
_PILLOW_FORMAT = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
_MAGIC_LENGTH = 12

# PDFium is not thread-safe; gunicorn threads and Celery threads share one library instance.
_pdfium_lock = threading.Lock()


class UploadRefused(DomainError):
    """A file that is not accepted; nothing about it should be stored."""

    code = "not_allowed_type"


class UploadTooLarge(UploadRefused):
    status = 413
    code = "too_large"


@dataclass(frozen=True)
class CheckedUpload:
    kind: str  # KIND_PDF or KIND_IMAGE
    mime: str
    size: int
    sha256: str
    pages: int | None
    width: int | None
    height: int | None


def upload_check(file, *, max_bytes: int | None = None) -> CheckedUpload:
    """Stream `file` once (hash, size, type by magic bytes), then decode it for real.

    Raises UploadRefused (or UploadTooLarge) with a code; on return the file is at offset 0.
    """
    limit = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    declared = getattr(file, "size", None)
    if isinstance(declared, int) and declared > limit:
        raise _too_large(limit)

    file.seek(0)
    digest = hashlib.sha256()
    size = 0
    head = b""
    tail = b""
    mime = None
    while True:
        # Never ask for more than one byte past the limit.
        chunk = file.read(min(CHUNK_BYTES, limit + 1 - size))
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        digest.update(chunk)
        tail = (tail + chunk)[-PDF_EOF_WINDOW:]
        if mime is None:
            head = (head + chunk)[:_MAGIC_LENGTH]
            if len(head) == _MAGIC_LENGTH:
                mime = _mime_from_magic(head)
    if size == 0:
        raise UploadRefused(_("The file is empty."), code="empty")
    if mime is None:
        mime = _mime_from_magic(head)

    file.seek(0)
    if mime == "application/pdf":
        if b"%%EOF" not in tail:
            raise _damaged()
        pages = _pdf_pages(file)
        checked = CheckedUpload(KIND_PDF, mime, size, digest.hexdigest(), pages, None, None)
    else:
        # Pillow forgives truncated images when any library sets its global (WeasyPrint did)
        # LOAD_TRUNCATED_IMAGES; the end marker of each format does not depend on it.
        if not _image_ends(mime, head, tail, size):
            raise _damaged()
        width, height = _image_size(file, mime)
        checked = CheckedUpload(KIND_IMAGE, mime, size, digest.hexdigest(), None, width, height)
    file.seek(0)
    return checked


def upload_thumbnail(file, checked: CheckedUpload, *, width: int = 320) -> bytes:
    """PNG bytes of a preview `width` pixels wide: the image, or the first page of the PDF."""
    if not 1 <= width <= 2000:
        raise ValueError(f"thumbnail width out of range: {width}")
    file.seek(0)
    try:
        if checked.kind == KIND_PDF:
            preview = _pdf_first_page(file, width)
        else:
            preview = _image_preview(file, checked.mime, width)
    except UploadRefused:
        raise
    except Exception as exc:  # a hostile file can make a decoder raise anything
        raise _damaged() from exc
    finally:
        file.seek(0)
    preview = _fit_width(preview, width)
    # A fresh image carries no EXIF, ICC profile or text chunks from the upload.
    clean = Image.new(preview.mode, preview.size)
    clean.paste(preview)
    out = io.BytesIO()
    clean.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _mime_from_magic(head: bytes) -> str:
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    raise UploadRefused(
        _("Only PDF files and images (JPEG, PNG, WebP) can be uploaded."), code="not_allowed_type"
    )


def _image_ends(mime: str, head: bytes, tail: bytes, size: int) -> bool:
    """Is the image whole? JPEG ends with its EOI marker, PNG with its IEND chunk, and a
    WebP file is as long as its RIFF header says (some writers pad a few bytes after)."""
    if mime == "image/jpeg":
        return b"\xff\xd9" in tail
    if mime == "image/png":
        return b"IEND" in tail
    if mime == "image/webp":
        return int.from_bytes(head[4:8], "little") + 8 <= size
    return False


def _too_large(limit: int) -> UploadTooLarge:
    return UploadTooLarge(_("The file is larger than %(limit)s.") % {"limit": _limit_text(limit)})


def _limit_text(limit: int) -> str:
    megabyte = 1024 * 1024
    if limit >= megabyte and limit % megabyte == 0:
        return f"{limit // megabyte} MB"
    return filesizeformat(limit)


def _damaged() -> UploadRefused:
    return UploadRefused(_("The file is damaged or not what its name says."), code="damaged")


def _pdf_pages(file) -> int:
    try:
        reader = PdfReader(file, strict=False)
        # Bank statements and e-payslips are often encrypted with an empty password, only to
        # forbid printing or copying: they open in any viewer, so they are accepted. A file
        # that needs a password to open cannot be checked or previewed.
        if reader.is_encrypted and not reader.decrypt(""):
            raise UploadRefused(
                _(
                    "The PDF is protected by a password. "
                    "Save it without the password and try again."
                ),
                code="encrypted",
            )
        pages = len(reader.pages)
        if pages:
            # Resolving the first page's box catches a page tree that points at nothing.
            reader.pages[0].mediabox.width  # noqa: B018 - resolving it is the check
    except UploadRefused:
        raise
    except Exception as exc:  # a hostile file can make a parser raise anything
        raise _damaged() from exc
    if pages < 1:
        raise _damaged()
    return pages


def _image_open(file, mime: str) -> Image.Image:
    file.seek(0)
    image = Image.open(file, formats=[_PILLOW_FORMAT[mime]])
    w, h = image.size
    if w < 1 or h < 1 or w * h > MAX_IMAGE_PIXELS:
        raise _damaged()
    return image


def _image_size(file, mime: str) -> tuple[int, int]:
    try:
        with _image_open(file, mime) as image:
            image.verify()  # structure and checksums (PNG CRCs)
        with _image_open(file, mime) as image:
            width, height = image.size
            if mime == "image/jpeg":
                # Decode every scan at 1/8 scale: a truncated file still fails, at 1/64 the memory.
                image.draft(image.mode, (1, 1))
            image.load()
            width, height = _oriented_size(image, width, height)
    except UploadRefused:
        raise
    except Exception as exc:  # includes Image.DecompressionBombError, OSError "truncated"
        raise _damaged() from exc
    return width, height


def _oriented_size(image: Image.Image, width: int, height: int) -> tuple[int, int]:
    """The size as shown: EXIF orientations 5 to 8 turn the picture a quarter."""
    if image.getexif().get(0x0112) in (5, 6, 7, 8):
        return height, width
    return width, height


def _image_preview(file, mime: str, width: int) -> Image.Image:
    image = _image_open(file, mime)
    if mime == "image/jpeg":
        w, h = image.size
        image.draft("RGB", (width, max(1, h * width // w)))
    image = ImageOps.exif_transpose(image)
    return _display_mode(image)


def _display_mode(image: Image.Image) -> Image.Image:
    if image.mode in ("RGB", "RGBA", "L", "LA"):
        return image
    if image.mode == "P":
        return image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        # Deep greyscale (scans): scale to 8 bits rather than clip everything to white.
        return image.convert("I").point(lambda v: v / 256).convert("L")
    if image.mode in ("PA", "RGBa", "La"):
        return image.convert("RGBA")
    return image.convert("RGB")  # CMYK, YCbCr, 1 and the rest


def _pdf_first_page(file, width: int) -> Image.Image:
    with _pdfium_lock:
        pdf = pypdfium2.PdfDocument(_Readable(file))
        try:
            page = pdf[0]
            try:
                page_w, page_h = page.get_size()
                if page_w <= 0 or page_h <= 0:
                    raise _damaged()
                scale = width / page_w
                # Render only the top of a very tall page: the preview is cut there anyway.
                keep_h = min(page_h, page_w * THUMBNAIL_MAX_ASPECT)
                bitmap = page.render(scale=scale, crop=(0, page_h - keep_h, 0, 0))
                return bitmap.to_pil().convert("RGB")
            finally:
                page.close()
        finally:
            pdf.close()


def _fit_width(image: Image.Image, width: int) -> Image.Image:
    w, h = image.size
    if w * THUMBNAIL_MAX_ASPECT < h:
        image = image.crop((0, 0, w, w * THUMBNAIL_MAX_ASPECT))
        h = w * THUMBNAIL_MAX_ASPECT
    height = max(1, round(h * width / w))
    if (w, h) == (width, height):
        return image
    return image.resize((width, height), Image.Resampling.LANCZOS)


class _Readable:
    """The four methods PDFium reads through, over any seekable binary file."""

    def __init__(self, file):
        self._file = file

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        position = self._file.seek(offset, whence)
        return self._file.tell() if position is None else position

    def tell(self) -> int:
        return self._file.tell()

    def read(self, size: int = -1) -> bytes:
        return self._file.read(size)

    def readinto(self, buffer) -> int:
        view = memoryview(buffer).cast("B")
        data = self._file.read(len(view))
        view[: len(data)] = data
        return len(data)
