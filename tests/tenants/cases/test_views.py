"""Staff pages: the division head decides on the inbox and moves cases in the browser."""

from __future__ import annotations

from hub.accounts.roles import Role
from hub.intake.models import ComplaintStatus
from tenants.cases.models import Case
from tests.builders import complaint, in_schema, registered_case


def _complaint(organisation):
    return complaint(
        organisation,
        work_city="Penang",
        narrative="Paspor ditahan",
        issue_types=("documents_withheld",),
    )


def _cases(organisation) -> int:
    with in_schema(organisation):
        return Case.objects.count()


def test_division_head_accepts_from_the_inbox_page(client, org_a):
    a = org_a.organisation
    complaint = _complaint(a)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    home = client.get(f"/org/{a.slug}/").content.decode()
    assert complaint.receipt_code in home and "Terima" in home
    response = client.post(f"/org/{a.slug}/inbox/{complaint.receipt_code}/accept/", follow=True)
    assert response.status_code == 200
    assert "Dokumen ditahan" in response.content.decode()  # case title from the issue label
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ACCEPTED


def test_receptionist_cannot_accept_from_the_page_and_nothing_changes(client, org_a):
    a = org_a.organisation
    complaint = _complaint(a)
    before = _cases(a)
    client.force_login(org_a.users[Role.RECEPTIONIST])
    response = client.post(f"/org/{a.slug}/inbox/{complaint.receipt_code}/accept/", follow=True)
    assert "Hanya Kabid" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.INBOX and _cases(a) == before


def test_decline_without_reason_keeps_the_complaint(client, org_a):
    a = org_a.organisation
    complaint = _complaint(a)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(
        f"/org/{a.slug}/inbox/{complaint.receipt_code}/decline/", {"reason": ""}, follow=True
    )
    assert "Alasan penolakan wajib diisi" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.handling_organisation == a


def test_case_page_takes_and_moves_the_case_and_shows_refusals(client, org_a):
    a = org_a.organisation
    case_id = registered_case(a, "Kasus halaman").pk
    client.force_login(org_a.users[Role.CONSULTATION_LAWYER])
    page = client.post(f"/org/{a.slug}/cases/{case_id}/take/", follow=True).content.decode()
    assert "Konsultasi" in page
    refused = client.post(
        f"/org/{a.slug}/cases/{case_id}/move/",
        {"move": "reject", "reason_code": "outside_mandate"},
        follow=True,
    ).content.decode()
    assert "Hanya Kabid" in refused
    moved = client.get(f"/org/{a.slug}/api/v1/cases/{case_id}/").json()
    assert (moved["stage"], moved["status"]) == ("consultation", "open")


def test_analyst_gets_a_clear_refusal_on_a_case_page(client, org_a):
    a = org_a.organisation
    client.force_login(org_a.users[Role.RECEPTIONIST])
    case_id = registered_case(a, "Rahasia").pk
    client.force_login(org_a.users[Role.ANALYST])
    response = client.get(f"/org/{a.slug}/cases/{case_id}/")
    assert response.status_code == 403
    assert "Rahasia" not in response.content.decode()
