"""A complaint's attachments: drafts under the form's token, checked by content, at most five of
10 MB; claimed by the complaint when it is filed; drafts of forms never sent swept after a day."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from pypdf import PdfWriter

from hub.consent.services import ConsentChoices
from hub.core.errors import DomainError, NotFound
from hub.intake.attachments import (
    ATTACHMENT_MAX_FILES,
    attachment_remove,
    attachment_upload,
    draft_attachments,
    draft_attachments_sweep,
)
from hub.intake.models import ComplaintAttachment
from hub.intake.services import ComplaintInput, complaint_submit
from hub.intake.tasks import ATTACHMENTS_SWEEP_TASK, draft_attachments_sweep_task

KEY = "draft-key-0123456789abcdef"


def pdf_file(name: str = "kontrak.pdf") -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


def jpeg_file(name: str = "paspor.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.effect_noise((64, 48), 64).convert("RGB").save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def _stored(attachment: ComplaintAttachment) -> bool:
    return default_storage.exists(attachment.file.name)


def test_a_pdf_and_a_jpeg_are_kept_as_drafts_of_the_form(db):
    pdf = attachment_upload(draft_key=KEY, file=pdf_file())
    jpeg = attachment_upload(draft_key=KEY, file=jpeg_file())
    assert (pdf.kind, pdf.mime, pdf.original_name) == ("pdf", "application/pdf", "kontrak.pdf")
    assert (jpeg.kind, jpeg.mime) == ("image", "image/jpeg")
    assert list(draft_attachments(draft_key=KEY)) == [pdf, jpeg]
    assert pdf.complaint is None and _stored(pdf) and _stored(jpeg)
    # The stored name is random: the worker's file name is not on the disk.
    assert "kontrak" not in pdf.file.name


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("surat.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200),
        ("halaman.pdf", b"<!doctype html><html><script>alert(1)</script></html>"),
        ("foto.jpg", b"\xff\xd8\xff\xe0 this is not a whole picture"),
        ("kosong.pdf", b""),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused_and_nothing_is_stored(db, name, content):
    with pytest.raises(DomainError) as refused:
        attachment_upload(draft_key=KEY, file=SimpleUploadedFile(name, content))
    assert "attachments" in refused.value.fields
    assert not ComplaintAttachment.objects.exists()


def test_a_file_over_10_mb_is_refused(db):
    big = SimpleUploadedFile("besar.pdf", b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(DomainError) as refused:
        attachment_upload(draft_key=KEY, file=big)
    assert "10 MB" in refused.value.message
    assert not ComplaintAttachment.objects.exists()


def test_a_sixth_file_is_refused(db):
    for number in range(ATTACHMENT_MAX_FILES):
        attachment_upload(draft_key=KEY, file=jpeg_file(f"slip{number}.jpg"))
    with pytest.raises(DomainError) as refused:
        attachment_upload(draft_key=KEY, file=pdf_file())
    assert "5" in refused.value.message
    assert draft_attachments(draft_key=KEY).count() == ATTACHMENT_MAX_FILES
    # Another form has its own five.
    attachment_upload(draft_key=KEY + "x", file=pdf_file())


def test_a_draft_is_removed_with_its_file_only_by_its_own_form(
    db, django_capture_on_commit_callbacks
):
    attachment = attachment_upload(draft_key=KEY, file=pdf_file())
    with pytest.raises(NotFound):
        attachment_remove(draft_key=KEY + "other", attachment_id=attachment.pk)
    with pytest.raises(NotFound):
        attachment_remove(draft_key=KEY, attachment_id="not-a-number")
    with django_capture_on_commit_callbacks(execute=True):
        attachment_remove(draft_key=KEY, attachment_id=attachment.pk)
    assert not ComplaintAttachment.objects.exists()
    assert not _stored(attachment)


def test_a_malformed_draft_key_stores_nothing(db):
    with pytest.raises(DomainError):
        attachment_upload(draft_key="<x>", file=pdf_file())
    assert not draft_attachments(draft_key="<x>").exists()


def test_filing_the_complaint_claims_the_drafts_of_its_form(world, db):
    pdf = attachment_upload(draft_key=KEY, file=pdf_file())
    other = attachment_upload(draft_key=KEY + "x", file=jpeg_file())
    complaint = complaint_submit(
        data=ComplaintInput(
            reporter_type="worker",
            reporter_name="Rina",
            country_of_work="MY",
            narrative="Gaji tidak dibayar.",
            issue_types=("unpaid_wages",),
            consent=ConsentChoices(contact=True),
            contact_phone="+60 12 345 6789",
            draft_key=KEY,
        )
    )
    assert list(complaint.attachments.all()) == [pdf]
    assert not draft_attachments(draft_key=KEY).exists()
    other.refresh_from_db()
    assert other.complaint is None


def test_drafts_older_than_a_day_are_swept_with_their_files(
    world, db, django_capture_on_commit_callbacks
):
    old = attachment_upload(draft_key=KEY, file=pdf_file())
    young = attachment_upload(draft_key=KEY + "y", file=jpeg_file())
    ComplaintAttachment.objects.filter(pk=old.pk).update(
        uploaded_at=timezone.now() - timedelta(hours=25)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert draft_attachments_sweep_task.delay().get() == 1
    assert list(ComplaintAttachment.objects.all()) == [young]
    assert not _stored(old) and _stored(young)
    beat = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert ATTACHMENTS_SWEEP_TASK in beat


def test_claimed_attachments_are_never_swept(world, db):
    attachment = attachment_upload(draft_key=KEY, file=pdf_file())
    test_filing = complaint_submit(
        data=ComplaintInput(
            reporter_type="worker",
            reporter_name="Rina",
            country_of_work="MY",
            narrative="Gaji tidak dibayar.",
            issue_types=("unpaid_wages",),
            consent=ConsentChoices(),
            contact_channel="none",
            draft_key=KEY,
        )
    )
    ComplaintAttachment.objects.update(uploaded_at=timezone.now() - timedelta(days=3))
    assert draft_attachments_sweep() == 0
    attachment.refresh_from_db()
    assert attachment.complaint == test_filing
