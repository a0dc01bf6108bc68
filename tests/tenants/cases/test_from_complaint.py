"""What acceptance brings into the organisation besides the cases: the worker's attachments
become documents of the filer's case (through the documents' own upload, in the acceptance's
transaction), and a member's consent link explains why a stranger to the form is asked."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation
from PIL import Image
from pypdf import PdfWriter

from hub.accounts.roles import Role
from hub.core.errors import DomainError
from hub.intake.models import ComplaintAttachment, ComplaintStatus
from tenants.cases.models import Case
from tenants.cases.registration import case_open_from_complaint
from tenants.documents.models import Document
from tests.builders import complaint, in_schema, member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 90), (30, 120, 200)).save(out, format="JPEG")
    return out.getvalue()


def _attach(filed, content: bytes, name: str, kind: str, mime: str) -> ComplaintAttachment:
    stored = default_storage.save(f"complaints/test/{name}", ContentFile(content))
    return ComplaintAttachment.objects.create(
        complaint=filed,
        draft_key="draft-test",
        file=stored,
        original_name=name,
        kind=kind,
        mime=mime,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )


def _accept(org, filed) -> Case:
    with in_schema(org.organisation):
        return case_open_from_complaint(
            actor=member(org, Role.DIVISION_HEAD), receipt_code=filed.receipt_code
        )


def test_a_pdf_and_a_jpeg_attached_become_documents_of_the_case(org_a):
    filed = complaint(org_a.organisation)
    pdf, jpeg = _pdf(), _jpeg()
    _attach(filed, pdf, "kontrak kerja.pdf", "pdf", "application/pdf")
    _attach(filed, jpeg, "paspor.jpg", "image", "image/jpeg")
    case = _accept(org_a, filed)
    with in_schema(org_a.organisation):
        documents = list(Document.objects.filter(case=case).order_by("id"))
        assert [(d.title, d.original_name, d.kind) for d in documents] == [
            ("Complaint attachment: kontrak kerja.pdf", "kontrak kerja.pdf", "pdf"),
            ("Complaint attachment: paspor.jpg", "paspor.jpg", "image"),
        ]
        assert [d.mime for d in documents] == ["application/pdf", "image/jpeg"]
        assert [d.sha256 for d in documents] == [
            hashlib.sha256(pdf).hexdigest(),
            hashlib.sha256(jpeg).hexdigest(),
        ]
        assert documents[0].pages == 1
        for document in documents:
            assert document.storage_folder == org_a.organisation.schema_name
            assert document.thumbnail
            with document.file.open("rb") as stored:
                assert hashlib.sha256(stored.read()).hexdigest() == document.sha256


def test_attachments_of_other_complaints_stay_where_they_are(org_a):
    filed, other = complaint(org_a.organisation), complaint(org_a.organisation)
    _attach(other, _jpeg(), "lain.jpg", "image", "image/jpeg")
    case = _accept(org_a, filed)
    with in_schema(org_a.organisation):
        assert not Document.objects.filter(case=case).exists()


def test_an_attachment_that_fails_its_check_undoes_the_acceptance(org_a):
    filed = complaint(org_a.organisation)
    _attach(filed, _jpeg(), "paspor.jpg", "image", "image/jpeg")
    _attach(filed, b"MZ\x90\x00 not a pdf at all", "kontrak.pdf", "pdf", "application/pdf")
    with pytest.raises(DomainError):
        _accept(org_a, filed)
    filed.refresh_from_db()
    assert filed.status == ComplaintStatus.INBOX
    with in_schema(org_a.organisation):
        assert not Case.objects.exists() and not Document.objects.exists()


def test_an_attachment_missing_from_storage_is_named_and_nothing_is_accepted(org_a):
    filed = complaint(org_a.organisation)
    attachment = _attach(filed, _jpeg(), "slip-gaji.jpg", "image", "image/jpeg")
    default_storage.delete(attachment.file.name)
    with pytest.raises(DomainError) as refused:
        _accept(org_a, filed)
    assert "slip-gaji.jpg" in refused.value.message
    filed.refresh_from_db()
    assert filed.status == ComplaintStatus.INBOX
    with in_schema(org_a.organisation):
        assert not Case.objects.exists()
