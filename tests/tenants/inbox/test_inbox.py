"""The inbox: the division head accepts or declines; other roles are refused; nothing is lost."""

from __future__ import annotations

from hub.accounts.roles import Role
from hub.intake.models import Complaint, ComplaintStatus
from tests.builders import complaint


def _complaint(organisation):
    return complaint(organisation)


def test_receptionist_cannot_accept_and_nothing_changes(client, org_a):
    complaint = _complaint(org_a.organisation)
    client.force_login(org_a.users[Role.RECEPTIONIST])
    url = f"/org/{org_a.organisation.slug}/api/v1/inbox/{complaint.receipt_code}/accept/"
    response = client.post(url)
    assert response.status_code == 403
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.INBOX and complaint.accepted_case_id is None


def test_decline_needs_a_reason(client, org_a):
    complaint = _complaint(org_a.organisation)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    url = f"/org/{org_a.organisation.slug}/api/v1/inbox/{complaint.receipt_code}/decline/"
    response = client.post(url, {}, content_type="application/json")
    assert response.status_code == 400 and "reason" in response.json()["error"]["fields"]
    complaint.refresh_from_db()
    assert complaint.handling_organisation == org_a.organisation


def test_declined_complaint_goes_to_the_next_organisation_or_triage_never_lost(
    client, org_a, org_b
):
    complaint = _complaint(org_a.organisation)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    url = f"/org/{org_a.organisation.slug}/api/v1/inbox/{complaint.receipt_code}/decline/"
    response = client.post(url, {"reason": "Di luar wilayah kami"}, content_type="application/json")
    assert response.status_code == 200
    complaint.refresh_from_db()
    assert complaint.handling_organisation != org_a.organisation
    assert complaint.status in {ComplaintStatus.INBOX, ComplaintStatus.TRIAGE}
    assert Complaint.objects.filter(pk=complaint.pk).exists()
    # declining again from A is now a 404: it is no longer in A's inbox
    assert client.post(url, {"reason": "lagi"}, content_type="application/json").status_code == 404


def test_accepting_twice_is_404_the_second_time(client, org_a):
    complaint = _complaint(org_a.organisation)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    url = f"/org/{org_a.organisation.slug}/api/v1/inbox/{complaint.receipt_code}/accept/"
    assert client.post(url).status_code == 201
    assert client.post(url).status_code == 404
