"""The thin spine over HTTP: complaint → inbox → case → stage → share → exchange → stats."""

from __future__ import annotations

from io import BytesIO

import pytest
from lxml import etree
from pypdf import PdfReader

from hub.accounts.roles import Role
from hub.core.models import AuditEvent
from interchange.xml import validate_package
from tests.builders import in_schema

COMPLAINT = {
    "reporter_type": "worker",
    "reporter_name": "Siti Aminah",
    "contact_phone": "+852 5123 4567",
    "country_of_work": "hk",
    "work_city": "Hong Kong",
    "home_region": "Jawa Barat",
    "employer_name": "Chan Family",
    "agency_name": "PT Maju Jaya",
    "issue_types": ["documents_withheld", "unpaid_wages"],
    "narrative": "Paspor saya ditahan majikan dan gaji tiga bulan belum dibayar.",
    "consent": {"contact": True, "share": True, "refer": False, "statistics": True},
}


@pytest.mark.django_db(transaction=False)
def test_spine_from_complaint_to_network_stats(
    client, org_a, org_b, coordinator, django_capture_on_commit_callbacks
):
    a, b = org_a.organisation, org_b.organisation
    api_a = f"/org/{a.slug}/api/v1"
    api_b = f"/org/{b.slug}/api/v1"

    # 1. The worker files a complaint choosing organisation A and gets a receipt code.
    response = client.post(
        "/api/v1/public/complaints/",
        {**COMPLAINT, "organisation": a.slug},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    code = response.json()["receipt_code"]
    status_url = f"/api/v1/public/complaints/{code}/"
    assert client.get(status_url).json()["status"] == "inbox"

    # 2. It appears in A's inbox.
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    inbox = client.get(f"{api_a}/inbox/").json()
    assert [c["receipt_code"] for c in inbox] == [code]

    # 3. The division head accepts: a case exists in A's schema; the public status changes.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{api_a}/inbox/{code}/accept/")
    assert response.status_code == 201, response.content
    case = response.json()
    assert case["stage"] == "registration" and case["complaint_receipt_code"] == code
    public = client.get(status_url).json()
    assert public["status"] == "accepted"
    assert "Siti" not in str(public) and "+852" not in str(public)

    # 4. A consultation lawyer takes it from the queue (one move through the transition
    #    service, with an audit event), asks for a case meeting; the Kabid discusses and
    #    approves, then appoints the case lawyer, which starts accompaniment.
    client.force_login(org_a.users[Role.CONSULTATION_LAWYER])
    queue = client.get(f"{api_a}/queue/").json()["results"]
    assert [c["id"] for c in queue] == [case["id"]]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{api_a}/cases/{case['id']}/take/")
    assert response.status_code == 200, response.content
    assert response.json()["stage"] == "consultation"
    mine = client.get(f"{api_a}/my-cases/").json()["results"]
    assert [c["id"] for c in mine] == [case["id"]]
    asked = client.post(
        f"{api_a}/cases/{case['id']}/decision-requests/",
        {"move": "case_meeting", "reason": "Dugaan TPPO: perlu rapat kasus."},
        content_type="application/json",
    )
    assert asked.status_code == 201, asked.content
    request_id = asked.json()["id"]

    client.force_login(org_a.users[Role.DIVISION_HEAD])
    pending = client.get(f"{api_a}/decision-requests/").json()
    assert [r["id"] for r in pending] == [request_id]
    commented = client.post(
        f"{api_a}/decision-requests/{request_id}/comments/",
        {"body": "Sudah ada bukti transfer gaji?"},
        content_type="application/json",
    )
    assert commented.status_code == 201, commented.content
    with django_capture_on_commit_callbacks(execute=True):
        approved = client.post(
            f"{api_a}/decision-requests/{request_id}/settle/",
            {"outcome": "approved", "comment": "Setuju."},
            content_type="application/json",
        )
    assert approved.status_code == 200, approved.content
    with django_capture_on_commit_callbacks(execute=True):
        appointed = client.post(
            f"{api_a}/cases/{case['id']}/assignments/",
            {
                "user_id": org_a.users[Role.CASE_LAWYER].pk,
                "role": "case_lawyer",
                "instruction": "Dampingi.",
            },
            content_type="application/json",
        )
    assert appointed.status_code == 201, appointed.content
    moved = client.get(f"{api_a}/cases/{case['id']}/").json()
    assert (moved["stage"], moved["status"]) == ("accompaniment", "accompanied")
    trail = [e["action"] for e in client.get(f"{api_a}/cases/{case['id']}/audit/").json()]
    for action in (
        "case.transition",
        "decision.requested",
        "decision.commented",
        "decision.approved",
        "case.assigned",
    ):
        assert action in trail, action

    # 5. Shared read-only with B under the consent record; B reads it; the read is audited in A.
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(
        f"{api_a}/shares/",
        {"case_id": case["id"], "recipient": b.slug, "sections": ["summary", "people"]},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    grant_id = response.json()["id"]

    client.force_login(org_b.users[Role.CASE_LAWYER])
    shared = client.get(f"{api_b}/shared-with-us/{grant_id}/")
    assert shared.status_code == 200, shared.content
    assert shared.json()["case"]["number"] == case["number"]
    assert client.get(f"{api_b}/cases/{case['id']}/").status_code in (404,)  # not B's own case
    with in_schema(a):
        assert AuditEvent.objects.filter(
            action="case.read_by_member", object_id=str(case["id"])
        ).exists()

    # ...then cannot after revocation.
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    assert client.post(f"{api_a}/shares/{grant_id}/revoke/").status_code == 200
    client.force_login(org_b.users[Role.CASE_LAWYER])
    assert client.get(f"{api_b}/shared-with-us/{grant_id}/").status_code == 404

    # 6. Exchange formats: a valid package and a real PDF.
    client.force_login(org_a.users[Role.CASE_LAWYER])
    package = client.get(f"{api_a}/cases/{case['id']}/package.xml")
    assert package.status_code == 200 and package["Content-Type"] == "application/xml"
    validate_package(package.content)
    root = etree.fromstring(package.content)
    assert root.find(".//{*}number").text == case["number"]
    assert [p.findtext("{*}displayName") for p in root.iter("{*}person")] == ["Siti Aminah"]
    dossier = client.get(f"{api_a}/cases/{case['id']}/dossier.pdf")
    assert dossier.status_code == 200 and dossier.content.startswith(b"%PDF")
    pages = PdfReader(BytesIO(dossier.content)).pages
    assert len(pages) >= 1 and case["number"] in pages[0].extract_text()

    # 7. The network view counts the case (rollup refreshed by the Celery task on commit).
    client.force_login(coordinator)
    stats = client.get("/api/v1/network/stats/").json()
    assert stats["cases_by_organisation"].get(a.slug) == 1
    assert stats["cases_by_stage"].get("accompaniment") == 1
    assert "Siti" not in str(stats)
