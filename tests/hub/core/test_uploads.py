"""Upload checks on real files made here: what passes, what is refused and why, the previews."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib

import pytest
from django.conf import settings
from django.core.files.uploadedfile import (
    SimpleUploadedFile,
    TemporaryUploadedFile,
    UploadedFile,
)
from django.utils import translation
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import NameObject, NumberObject

from hub.core import uploads
from hub.core.uploads import CheckedUpload, UploadRefused, upload_check, upload_thumbnail

# ---------------------------------------------------------------- builders


def pdf_bytes(pages: int = 1, *, width: float = 595, height: float = 842, rotate: int = 0) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        page = writer.add_blank_page(width=width, height=height)
        if rotate:
            page[NameObject("/Rotate")] = NumberObject(rotate)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_bytes(fmt: str, size=(640, 480), mode: str = "RGB", **save) -> bytes:
    # Noise, so lossy encoders write real scan data that truncation can cut into.
    noise = Image.effect_noise(size, 64)
    if mode == "I;16":
        image = noise.convert("I").point(lambda v: v * 256).convert("I;16")
    else:
        flipped = noise.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        image = Image.merge("RGB", (noise, flipped, noise)).convert(mode)
    out = io.BytesIO()
    image.save(out, format=fmt, **save)
    return out.getvalue()


def png_bomb(width: int, height: int) -> bytes:
    """A 1-bit PNG whose pixels are all zero: tiny on disk, width x height once decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\x00" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


class CountingFile(io.BytesIO):
    """Records how many bytes were handed out, to prove the check streams and stops."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.bytes_read = 0
        self.reads = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.bytes_read += len(data)
        self.reads += 1
        return data


def refused(data: bytes, name: str = "upload.pdf", **kwargs) -> UploadRefused:
    with pytest.raises(UploadRefused) as caught:
        upload_check(SimpleUploadedFile(name, data, content_type="application/pdf"), **kwargs)
    return caught.value


# ---------------------------------------------------------------- accepted files


def test_pdf_passes_with_its_page_count_size_and_hash():
    data = pdf_bytes(pages=3)
    checked = upload_check(SimpleUploadedFile("surat.pdf", data))
    assert checked == CheckedUpload(
        kind="pdf",
        mime="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        pages=3,
        width=None,
        height=None,
    )


@pytest.mark.parametrize(
    ("fmt", "mime", "save"),
    [
        ("JPEG", "image/jpeg", {"quality": 85}),
        ("PNG", "image/png", {}),
        ("WEBP", "image/webp", {"quality": 80}),
    ],
)
def test_image_passes_with_its_type_dimensions_size_and_hash(fmt, mime, save):
    data = image_bytes(fmt, size=(640, 480), **save)
    checked = upload_check(SimpleUploadedFile("foto.bin", data, content_type="text/plain"))
    assert checked == CheckedUpload(
        kind="image",
        mime=mime,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        pages=None,
        width=640,
        height=480,
    )


def test_type_comes_from_content_not_from_name_or_content_type():
    data = image_bytes("PNG", size=(20, 10))
    upload = SimpleUploadedFile("scan.pdf", data, content_type="application/pdf")
    assert upload_check(upload).mime == "image/png"


def test_file_is_back_at_the_start_after_the_check():
    upload = SimpleUploadedFile("surat.pdf", pdf_bytes())
    upload_check(upload)
    assert upload.tell() == 0


def test_temporary_uploaded_file_on_disk_is_checked_the_same_way():
    data = pdf_bytes(pages=2)
    upload = TemporaryUploadedFile("surat.pdf", "application/pdf", len(data), None)
    try:
        upload.write(data)
        upload.flush()
        checked = upload_check(upload)
    finally:
        upload.close()
    assert (checked.pages, checked.size) == (2, len(data))


def test_plain_binary_file_without_size_is_accepted():
    data = image_bytes("JPEG", size=(100, 50))
    checked = upload_check(io.BytesIO(data))
    assert (checked.mime, checked.width, checked.height) == ("image/jpeg", 100, 50)


def test_exif_rotated_photo_reports_the_size_as_shown():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    data = image_bytes("JPEG", size=(400, 300), exif=exif.tobytes())
    checked = upload_check(io.BytesIO(data))
    assert (checked.width, checked.height) == (300, 400)
    thumbnail = Image.open(io.BytesIO(upload_thumbnail(io.BytesIO(data), checked, width=150)))
    assert thumbnail.size == (150, 200)


def test_default_limit_is_the_30_mb_setting():
    assert settings.UPLOAD_MAX_BYTES == 30 * 1024 * 1024 == 31457280


# ---------------------------------------------------------------- refused files


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("invoice.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200),
        ("invoice.pdf", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200),
        ("photo.png", b"<html><body><script>alert(1)</script></body></html>"),
        (
            "photo.png",
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script/></svg>',
        ),
        ("photo.jpg", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04;"),
        ("surat.docx", b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 200),
        ("tiny.pdf", b"%PD"),
    ],
    ids=["exe", "elf", "html", "svg", "gif-bytes", "zip", "too-short"],
)
def test_disguised_file_is_refused_as_not_allowed_type(name, data):
    with translation.override("en"):
        error = refused(data, name)
    assert (error.code, error.status) == ("not_allowed_type", 400)
    assert error.message == "Only PDF files and images (JPEG, PNG, WebP) can be uploaded."


def test_real_gif_is_refused_as_not_allowed_type():
    assert refused(image_bytes("GIF", size=(20, 20)), "animation.png").code == "not_allowed_type"


def test_real_zip_is_refused_as_not_allowed_type():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert refused(out.getvalue(), "surat.pdf").code == "not_allowed_type"


def test_empty_file_is_refused():
    error = refused(b"", "kosong.pdf")
    assert (error.code, error.status) == ("empty", 400)


def test_truncated_pdf_is_refused_as_damaged():
    data = pdf_bytes(pages=2)
    assert refused(data[: len(data) // 2]).code == "damaged"


def test_truncated_pdf_with_an_end_marker_glued_on_is_refused_as_damaged():
    data = pdf_bytes(pages=2)
    assert refused(data[: len(data) // 2] + b"\n%%EOF\n").code == "damaged"


def test_pdf_header_followed_by_junk_is_refused_as_damaged():
    junk = bytes((i * 37) % 251 for i in range(4000))
    assert refused(b"%PDF-1.7\n" + junk).code == "damaged"
    assert refused(b"%PDF-1.7\n" + junk + b"\n%%EOF\n").code == "damaged"


def test_a_pdf_that_needs_a_password_is_refused_saying_so():
    with translation.override("en"):
        error = refused(encrypted_pdf_bytes())
    assert (error.code, error.status) == ("encrypted", 400)
    assert "password" in error.message


def test_a_print_restricted_pdf_opening_without_a_password_is_accepted_and_previewed():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="", owner_password="bank", permissions_flag=0)
    buffer = io.BytesIO()
    writer.write(buffer)
    upload = io.BytesIO(buffer.getvalue())
    checked = upload_check(upload)
    assert (checked.kind, checked.pages) == ("pdf", 1)
    assert upload_thumbnail(upload, checked)[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_truncated_image_is_refused_as_damaged(fmt):
    data = image_bytes(fmt, size=(400, 300))
    assert refused(data[: len(data) // 2], "foto.jpg").code == "damaged"


def test_decompression_bomb_is_refused_as_damaged():
    data = png_bomb(20000, 20000)  # 400 megapixels in a few dozen kilobytes
    assert len(data) < 1024 * 1024
    assert refused(data, "foto.png").code == "damaged"


def test_image_over_the_pixel_limit_is_refused_before_decoding(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_IMAGE_PIXELS", 100 * 100)
    assert refused(image_bytes("PNG", size=(101, 100)), "foto.png").code == "damaged"
    assert upload_check(io.BytesIO(image_bytes("PNG", size=(100, 100)))).width == 100


def test_file_over_the_limit_is_refused_while_streaming_and_reading_stops():
    data = pdf_bytes() + b"%" * 300_000
    counting = CountingFile(data)
    with translation.override("en"), pytest.raises(UploadRefused) as caught:
        upload_check(counting, max_bytes=1024)
    assert (caught.value.code, caught.value.status) == ("too_large", 413)
    assert counting.bytes_read <= 1025
    assert caught.value.message == "The file is larger than 1.0\xa0KB."


def test_file_exactly_at_the_limit_passes():
    data = pdf_bytes()
    assert upload_check(io.BytesIO(data), max_bytes=len(data)).size == len(data)
    assert refused(data, max_bytes=len(data) - 1).code == "too_large"


def test_upload_declared_too_large_is_refused_before_any_read():
    counting = CountingFile(pdf_bytes())
    upload = UploadedFile(counting, "besar.pdf", "application/pdf", size=31457281)
    with translation.override("en"), pytest.raises(UploadRefused) as caught:
        upload_check(upload)
    assert (caught.value.code, caught.value.status) == ("too_large", 413)
    assert caught.value.message == "The file is larger than 30 MB."
    assert counting.reads == 0


# ---------------------------------------------------------------- thumbnails


def _png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        return image.size


def test_pdf_thumbnail_is_the_first_page_as_png_of_the_requested_width():
    upload = SimpleUploadedFile("surat.pdf", pdf_bytes(pages=2, width=600, height=800))
    checked = upload_check(upload)
    assert _png_size(upload_thumbnail(upload, checked)) == (320, 427)
    assert _png_size(upload_thumbnail(upload, checked, width=120)) == (120, 160)
    assert upload.tell() == 0


def test_rotated_pdf_page_thumbnail_is_the_page_as_shown():
    upload = io.BytesIO(pdf_bytes(width=600, height=800, rotate=90))
    checked = upload_check(upload)
    assert _png_size(upload_thumbnail(upload, checked, width=200)) == (200, 150)


def test_very_tall_pdf_page_thumbnail_is_cut_from_the_top():
    upload = io.BytesIO(pdf_bytes(width=100, height=5000))
    checked = upload_check(upload)
    assert _png_size(upload_thumbnail(upload, checked, width=100)) == (100, 400)


@pytest.mark.parametrize(
    ("fmt", "mode", "save"),
    [
        ("JPEG", "RGB", {}),
        ("JPEG", "CMYK", {}),
        ("PNG", "RGBA", {}),
        ("PNG", "P", {"transparency": 0}),
        ("PNG", "I;16", {}),
        ("WEBP", "RGB", {}),
    ],
)
def test_image_thumbnail_is_a_png_of_the_requested_width(fmt, mode, save):
    upload = io.BytesIO(image_bytes(fmt, size=(640, 480), mode=mode, **save))
    checked = upload_check(upload)
    assert _png_size(upload_thumbnail(upload, checked)) == (320, 240)


def test_small_image_thumbnail_is_scaled_up_to_the_width():
    upload = io.BytesIO(image_bytes("PNG", size=(40, 20)))
    assert _png_size(upload_thumbnail(upload, upload_check(upload), width=320)) == (320, 160)


def test_image_thumbnail_carries_no_metadata():
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {2: (6.0, 10.0, 0.0)}  # GPS latitude
    data = image_bytes("JPEG", size=(200, 100), exif=exif.tobytes())
    thumbnail = upload_thumbnail(io.BytesIO(data), upload_check(io.BytesIO(data)), width=100)
    with Image.open(io.BytesIO(thumbnail)) as image:
        assert not image.getexif()
        assert "icc_profile" not in image.info
    assert b"Camera maker" not in thumbnail


def test_pdf_that_cannot_be_rendered_is_refused_as_damaged():
    # The checker accepted it; the file changed (or lied) before the preview was made.
    checked = upload_check(io.BytesIO(pdf_bytes()))
    with pytest.raises(UploadRefused) as caught:
        upload_thumbnail(io.BytesIO(b"%PDF-1.7\n" + b"\x00" * 500), checked)
    assert caught.value.code == "damaged"
