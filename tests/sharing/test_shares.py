"""Shares: consent required, reads audited for the owner, revocation and withdrawal end access."""

from __future__ import annotations

import pytest

from hub.accounts.roles import Role
from hub.consent.services import consent_withdraw
from hub.core.audit import AuditActor
from hub.core.models import AuditEvent
from sharing.models import ShareGrant
from tenants.cases.models import Case
from tenants.cases.registration import case_open_from_complaint
from tenants.events.services import EventData, event_record
from tests.builders import actor, complaint, in_schema


def _accepted_case(organisation, *, share: bool):
    filed = complaint(organisation, share=share, reporter_name="Dewi")
    with in_schema(organisation):
        case = case_open_from_complaint(
            actor=actor(organisation, Role.DIVISION_HEAD), receipt_code=filed.receipt_code
        )
    return case, filed.consent


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
    assert body["case"]["summary"] == "" and body["case"]["title"] == ""
    assert body["sections"] == ["people"]
    assert body["people"][0]["display_name"] == "Dewi"
    assert "phone" not in body["people"][0]


def test_withdrawn_consent_ends_access_at_once(client, org_a, org_b):
    case, consent = _accepted_case(org_a.organisation, share=True)
    grant = _grant(client, org_a, case, org_b.organisation).json()
    consent_withdraw(consent=consent, by=AuditActor(label="worker by phone"))
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
    with in_schema(org_a.organisation):
        assert not AuditEvent.objects.filter(action="case.read_by_member").exists()


def test_only_the_owner_revokes(client, org_a, org_b):
    case, _consent = _accepted_case(org_a.organisation, share=True)
    grant = _grant(client, org_a, case, org_b.organisation).json()
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    response = client.post(f"/org/{org_b.organisation.slug}/api/v1/shares/{grant['id']}/revoke/")
    assert response.status_code == 404
    assert ShareGrant.objects.get(pk=grant["id"]).revoked_at is None


def test_events_section_shows_events_and_nothing_else(client, org_a, org_b):
    case, _consent = _accepted_case(org_a.organisation, share=True)
    with in_schema(org_a.organisation):
        event_record(
            actor=actor(org_a.organisation, Role.DIVISION_HEAD),
            case=case,
            data=EventData(description="Paspor diambil agensi", place="Ipoh"),
        )
    grant = _grant(client, org_a, case, org_b.organisation, sections=("events",)).json()
    client.force_login(org_b.users[Role.CASE_LAWYER])
    body = client.get(f"/org/{org_b.organisation.slug}/api/v1/shared-with-us/{grant['id']}/").json()
    assert [e["description"] for e in body["events"]] == ["Paspor diambil agensi"]
    assert body["people"] == [] and body["case"]["summary"] == ""


def test_a_restricted_case_is_not_shared_and_nothing_is_written(client, org_a, org_b):
    case, _consent = _accepted_case(org_a.organisation, share=True)
    with in_schema(org_a.organisation):
        Case.objects.filter(pk=case.pk).update(restricted=True)
    before = ShareGrant.objects.count()
    response = _grant(client, org_a, case, org_b.organisation)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "case_restricted"
    assert ShareGrant.objects.count() == before
