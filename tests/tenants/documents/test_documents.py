"""Documents on a case: checked by content, stored, previewed, downloaded only by those who
may open the case, every download audited; a refused file stores nothing."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from hub.accounts.roles import Role
from hub.core.models import AuditEvent
from tenants.documents.models import Document
from tests.builders import in_schema, org_api, registered_case


def _png(width=400, height=300) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def case(org_a):
    return registered_case(org_a.organisation, "Gaji tidak dibayar")


def _upload(client, org, case, content: bytes, name="slip-gaji.png", **extra):
    return client.post(
        org_api(org, f"cases/{case.pk}/documents/"),
        {"file": SimpleUploadedFile(name, content), "title": "Slip gaji", **extra},
    )


def _stored(org) -> int:
    with in_schema(org.organisation):
        return Document.objects.count()


def test_a_payslip_photo_is_stored_with_its_hash_and_a_preview(client, org_a, case):
    client.force_login(org_a.users[Role.RECEPTIONIST])
    response = _upload(client, org_a, case, _png())
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["mime"], body["title"]) == ("image", "image/png", "Slip gaji")
    assert len(body["sha256"]) == 64
    preview = client.get(org_api(org_a, f"cases/{case.pk}/documents/{body['id']}/preview.png"))
    assert preview.status_code == 200 and preview["Content-Type"] == "image/png"
    image = Image.open(BytesIO(b"".join(preview.streaming_content)))
    assert image.width == 320


def test_a_download_is_audited_in_the_cases_trail(client, org_a, case):
    client.force_login(org_a.users[Role.RECEPTIONIST])
    document_id = _upload(client, org_a, case, _png()).json()["id"]
    download = client.get(org_api(org_a, f"cases/{case.pk}/documents/{document_id}/download"))
    assert download.status_code == 200
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == _png()
    with in_schema(org_a.organisation):
        assert AuditEvent.objects.filter(action="document.downloaded").count() == 1


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"MZ\x90\x00" + b"\x00" * 200, "slip.pdf"),
        (b"<html><script>alert(1)</script></html>", "foto.png"),
        (b"%PDF-1.7\n" + b"rubbish" * 50, "surat.pdf"),
        (b"", "kosong.pdf"),
    ],
    ids=["executable-as-pdf", "html-as-png", "pdf-header-then-junk", "empty"],
)
def test_a_disguised_or_empty_file_is_refused_and_nothing_is_stored(
    client, org_a, case, content, name
):
    client.force_login(org_a.users[Role.RECEPTIONIST])
    before = _stored(org_a)
    response = _upload(client, org_a, case, content, name=name)
    assert response.status_code == 400
    assert response.json()["error"]["message"]
    assert _stored(org_a) == before


def test_roles_that_may_not_add_documents_are_refused(client, org_a, case):
    client.force_login(org_a.users[Role.ANALYST])
    assert _upload(client, org_a, case, _png()).status_code == 403
    client.force_login(org_a.users[Role.CASE_LAWYER])  # not assigned to this case
    assert _upload(client, org_a, case, _png()).status_code == 403
    assert _stored(org_a) == 0


def test_another_organisation_gets_404_for_the_document(client, org_a, org_b, case):
    client.force_login(org_a.users[Role.RECEPTIONIST])
    document_id = _upload(client, org_a, case, _png()).json()["id"]
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    url = f"/org/{org_a.organisation.slug}/api/v1/cases/{case.pk}/documents/{document_id}/download"
    assert client.get(url).status_code == 404


def test_the_case_page_shows_the_preview_and_uploads_from_its_form(client, org_a, case):
    client.force_login(org_a.users[Role.RECEPTIONIST])
    page_url = f"/org/{org_a.organisation.slug}/cases/{case.pk}/"
    client.post(
        f"{page_url}documents/add/",
        {"file": SimpleUploadedFile("paspor.png", _png()), "title": "Salinan paspor"},
    )
    page = client.get(page_url).content.decode()
    assert "Salinan paspor" in page and "preview.png" in page


def test_a_document_can_belong_to_an_event_of_the_case_and_not_to_anothers(client, org_a, case):
    from tenants.events.services import EventData, event_record
    from tests.builders import member

    with in_schema(org_a.organisation):
        event = event_record(
            actor=member(org_a, Role.DIVISION_HEAD),
            case=case,
            data=EventData(description="Visum di RS"),
        )
    client.force_login(org_a.users[Role.RECEPTIONIST])
    page_url = f"/org/{org_a.organisation.slug}/cases/{case.pk}/"
    client.post(
        f"{page_url}documents/add/",
        {"file": SimpleUploadedFile("visum.png", _png()), "event_id": event.pk},
    )
    with in_schema(org_a.organisation):
        assert Document.objects.get().event_id == event.pk
    refused = _upload(client, org_a, case, _png(), event_id=999999)
    assert refused.status_code == 400 and "event_id" in refused.json()["error"]["fields"]


def test_a_file_left_by_a_rolled_back_transaction_is_swept_and_kept_files_stay(org_a, case):
    from datetime import timedelta

    from django.db import transaction

    from hub.core.errors import DomainError
    from tenants.documents.services import document_orphans_sweep, document_upload
    from tests.builders import actor

    with in_schema(org_a.organisation):
        head = actor(org_a.organisation, Role.DIVISION_HEAD)
        kept = document_upload(
            actor=head, case_id=case.pk, file=SimpleUploadedFile("a.png", _png())
        )
        try:
            with transaction.atomic():
                orphan = document_upload(
                    actor=head, case_id=case.pk, file=SimpleUploadedFile("b.png", _png())
                )
                raise DomainError("refused later in the same transaction")
        except DomainError:
            pass
        assert orphan.file.storage.exists(orphan.file.name)
        assert document_orphans_sweep() == []  # young files are left alone
        swept = document_orphans_sweep(older_than=timedelta(seconds=-1))
        assert {orphan.file.name, orphan.thumbnail.name} <= set(swept)
        assert not orphan.file.storage.exists(orphan.file.name)
        kept.refresh_from_db()
        assert kept.file.storage.exists(kept.file.name)
        assert kept.thumbnail.storage.exists(kept.thumbnail.name)


def test_the_periodic_sweep_visits_every_organisation(org_a, org_b, case):
    from django.db import connection, transaction

    from hub.core.errors import DomainError
    from tenants.documents.services import document_upload
    from tenants.documents.tasks import documents_sweep_task
    from tests.builders import actor

    with in_schema(org_a.organisation):
        try:
            with transaction.atomic():
                orphan = document_upload(
                    actor=actor(org_a.organisation, Role.DIVISION_HEAD),
                    case_id=case.pk,
                    file=SimpleUploadedFile("c.png", _png()),
                )
                raise DomainError("refused later")
        except DomainError:
            pass
    connection.set_schema_to_public()
    assert documents_sweep_task.apply(kwargs={"older_than_seconds": -1}).get() >= 2
    assert not orphan.file.storage.exists(orphan.file.name)
