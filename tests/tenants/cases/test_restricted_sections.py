"""A section of an open case (the chronology, the proceedings) restricted to the staff
assigned to it: everyone else still finds the case, but not what is in that section."""

from __future__ import annotations

import pytest

from hub.accounts.roles import Role
from sharing.services import share_grant
from tenants.cases.assignments import case_take
from tenants.cases.models import Case
from tenants.cases.registration import case_open_from_complaint
from tenants.cases.services import case_restrict
from tenants.events.services import EventData, event_record
from tenants.litigation.services import ProceedingData, proceeding_record
from tests.builders import actor, complaint, in_schema, org_api

SECRET = "Korban diperkosa oleh majikan di kamar belakang."


@pytest.fixture
def case(org_a):
    a = org_a.organisation
    filed = complaint(a, share=True)
    head = actor(a, Role.DIVISION_HEAD, user=org_a.users[Role.DIVISION_HEAD])
    with in_schema(a):
        opened = case_open_from_complaint(actor=head, receipt_code=filed.receipt_code)
        lawyer = actor(a, Role.CONSULTATION_LAWYER, user=org_a.users[Role.CONSULTATION_LAWYER])
        case_take(actor=lawyer, case_id=opened.pk)
        event_record(actor=head, case=opened, data=EventData(description=SECRET))
        proceeding_record(
            actor=head,
            case_id=opened.pk,
            data=ProceedingData(kind="police_report", body="Polres Indramayu"),
        )
        case_restrict(
            actor=head, case_id=opened.pk, restricted=False, sections=["chronology", "proceedings"]
        )
    return opened


def test_unassigned_staff_find_the_case_but_not_its_restricted_sections(client, org_a, case):
    client.force_login(org_a.users[Role.RECEPTIONIST])
    slug = org_a.organisation.slug
    page = client.get(f"/org/{slug}/cases/{case.pk}/")
    assert page.status_code == 200
    assert SECRET not in page.content.decode() and "Polres Indramayu" not in page.content.decode()
    assert client.get(f"/org/{slug}/cases/{case.pk}/chronology/").status_code == 403
    for path in (f"cases/{case.pk}/events/", f"cases/{case.pk}/proceedings/"):
        response = client.get(org_api(org_a, path))
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "section_restricted"
    package = client.get(org_api(org_a, f"cases/{case.pk}/package.xml"))
    assert package.status_code == 200 and SECRET not in package.content.decode()
    printed = client.get(f"/org/{slug}/cases/{case.pk}/print/")
    assert printed.status_code == 200 and case.number in printed.content.decode()
    assert SECRET not in printed.content.decode()


@pytest.mark.parametrize("role", [Role.CONSULTATION_LAWYER, Role.DIVISION_HEAD])
def test_assigned_staff_and_the_kabid_read_the_restricted_sections(client, org_a, case, role):
    client.force_login(org_a.users[role])
    printed = client.get(f"/org/{org_a.organisation.slug}/cases/{case.pk}/print/")
    assert SECRET in printed.content.decode()
    events = client.get(org_api(org_a, f"cases/{case.pk}/events/"))
    assert events.status_code == 200 and SECRET in events.content.decode()
    page = client.get(f"/org/{org_a.organisation.slug}/cases/{case.pk}/").content.decode()
    assert SECRET in page


def test_a_restricted_chronology_is_never_shared(client, org_a, org_b, case):
    with in_schema(org_a.organisation):
        grant = share_grant(
            actor=actor(org_a.organisation, Role.DIVISION_HEAD),
            case_id=case.pk,
            recipient=org_b.organisation,
            sections=["summary", "events"],
        )
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    shared = client.get(f"/org/{org_b.organisation.slug}/api/v1/shared-with-us/{grant.pk}/")
    assert shared.status_code == 200
    assert shared.json()["events"] == []


def test_restricted_documents_are_neither_listed_nor_downloaded_by_unassigned_staff(
    client, org_a, case
):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from tenants.documents.services import document_upload

    buffer = BytesIO()
    Image.new("RGB", (40, 30)).save(buffer, format="PNG")
    head = actor(org_a.organisation, Role.DIVISION_HEAD)
    with in_schema(org_a.organisation):
        document = document_upload(
            actor=head, case_id=case.pk, file=SimpleUploadedFile("visum.png", buffer.getvalue())
        )
        case_restrict(actor=head, case_id=case.pk, restricted=False, sections=["documents"])
    client.force_login(org_a.users[Role.RECEPTIONIST])
    for path in (
        f"cases/{case.pk}/documents/",
        f"cases/{case.pk}/documents/{document.pk}/download",
        f"cases/{case.pk}/documents/{document.pk}/preview.png",
    ):
        assert client.get(org_api(org_a, path)).status_code == 403, path
    page = client.get(f"/org/{org_a.organisation.slug}/cases/{case.pk}/").content.decode()
    assert "preview.png" not in page


def test_an_unknown_section_is_refused_and_nothing_changes(client, org_a, case):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(
        org_api(org_a, f"cases/{case.pk}/restriction/"),
        {"restricted": False, "sections": ["diary"]},
        content_type="application/json",
    )
    assert response.status_code == 400
    with in_schema(org_a.organisation):
        assert Case.objects.get(pk=case.pk).restricted_sections == ["chronology", "proceedings"]


def test_sections_are_set_and_lifted_from_the_case_page(client, org_a, case):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    url = f"/org/{org_a.organisation.slug}/cases/{case.pk}/restrict/"
    client.post(url, {"sections_sent": "1", "sections": ["proceedings"]})
    with in_schema(org_a.organisation):
        assert Case.objects.get(pk=case.pk).restricted_sections == ["proceedings"]
    client.post(url, {"sections_sent": "1"})
    with in_schema(org_a.organisation):
        assert Case.objects.get(pk=case.pk).restricted_sections == []
