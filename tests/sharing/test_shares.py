"""Shares: consent required, reads audited for the owner, revocation and withdrawal end access."""

from __future__ import annotations

import pytest

from hub.accounts.access import Actor
from hub.accounts.roles import Role
from hub.consent.services import ConsentChoices, consent_withdraw
from hub.core.models import AuditEvent
from hub.intake.services import ComplaintInput, complaint_submit
from sharing.models import ShareGrant
from tenants.cases.services import case_open_from_complaint


def _accepted_case(organisation, *, share: bool):
    complaint = complaint_submit(
        data=ComplaintInput(
            reporter_type="worker",
            reporter_name="Dewi",
            country_of_work="MY",
            narrative="n",
            issue_types=("unpaid_wages",),
            organisation=organisation,
            consent=ConsentChoices(contact=True, share=share, refer=False, statistics=True),
        )
    )
    head = Actor(label="kabid", roles=frozenset({Role.DIVISION_HEAD}), organisation=organisation)
    organisation.activate()
    case = case_open_from_complaint(actor=head, receipt_code=complaint.receipt_code)
    organisation.deactivate()
    return case, complaint.consent


def _grant(client, org, case, recipient, sections=("summary",)):
    client.force_login(org.users[Role.DIVISION_HEAD])
    return client.post(
        f"/org/{org.organisation.slug}/api/v1/shares/",
        {"case_id": case.pk, "recipient": recipient.slug, "sections": list(sections)},
        content_type="application/json",
    )


def test_share_without_consent_is_refused_and_nothing_is_written(client, org_a, org_b):
    case, _consent = _accepted_case(org_a.organisation, share=False)
    response = _grant(client, org_a, case, org_b.organisation)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "consent_missing"
    assert not ShareGrant.objects.exists()


@pytest.mark.parametrize("role", [Role.RECEPTIONIST, Role.ANALYST, Role.CONSULTATION_ASSISTANT])
def test_roles_that_may_not_share_are_refused(client, org_a, org_b, role):
    case, _consent = _accepted_case(org_a.organisation, share=True)
    client.force_login(org_a.users[role])
    response = client.post(
        f"/org/{org_a.organisation.slug}/api/v1/shares/",
        {"case_id": case.pk, "recipient": org_b.organisation.slug, "sections": ["summary"]},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not ShareGrant.objects.exists()


def test_recipient_sees_only_the_shared_sections(client, org_a, org_b):
    case, _consent = _accepted_case(org_a.organisation, share=True)
    grant = _grant(client, org_a, case, org_b.organisation, sections=("people",)).json()
    client.force_login(org_b.users[Role.CASE_LAWYER])
    body = client.get(f"/org/{org_b.organisation.slug}/api/v1/shared-with-us/{grant['id']}/").json()
    assert body["summary"] == "" and body["title"] == ""
    assert body["people"][0]["display_name"] == "Dewi"
    assert "phone" not in body["people"][0]


def test_withdrawn_consent_ends_access_at_once(client, org_a, org_b):
    case, consent = _accepted_case(org_a.organisation, share=True)
    grant = _grant(client, org_a, case, org_b.organisation).json()
    consent_withdraw(consent=consent)
    client.force_login(org_b.users[Role.CASE_LAWYER])
    url = f"/org/{org_b.organisation.slug}/api/v1/shared-with-us/{grant['id']}/"
    assert client.get(url).status_code == 404
    listing = client.get(f"/org/{org_b.organisation.slug}/api/v1/shared-with-us/").json()
    assert listing == []


def test_a_third_organisation_cannot_read_a_share_meant_for_another(client, org_a, org_b):
    case, _consent = _accepted_case(org_a.organisation, share=True)
    grant = _grant(client, org_a, case, org_b.organisation).json()
    # A's own staff reading "shared with us" for a grant A made: not theirs to read that way
    client.force_login(org_a.users[Role.CASE_LAWYER])
    url = f"/org/{org_a.organisation.slug}/api/v1/shared-with-us/{grant['id']}/"
    assert client.get(url).status_code == 404
    org_a.organisation.activate()
    assert not AuditEvent.objects.filter(action="case.read_by_member").exists()
    org_a.organisation.deactivate()


def test_only_the_owner_revokes(client, org_a, org_b):
    case, _consent = _accepted_case(org_a.organisation, share=True)
    grant = _grant(client, org_a, case, org_b.organisation).json()
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    response = client.post(f"/org/{org_b.organisation.slug}/api/v1/shares/{grant['id']}/revoke/")
    assert response.status_code == 404
    assert ShareGrant.objects.get(pk=grant["id"]).revoked_at is None
