"""The transition table through the one service: allowed moves, refused ones change nothing."""

from __future__ import annotations

import pytest

from hub.accounts import policy
from hub.accounts.roles import ORGANISATION_ROLES, Role
from hub.core.models import AuditEvent
from tenants.cases.lifecycle import TRANSITIONS, Stage
from tenants.cases.models import Case
from tenants.cases.services import TransitionNotAllowed, case_register, case_transition
from tests.builders import actor, in_schema, registered_case


@pytest.fixture
def in_a(org_a):
    with in_schema(org_a.organisation) as organisation:
        yield organisation


def _case_at(organisation, stage):
    case = case_register(actor=actor(organisation, Role.RECEPTIONIST), title="Uji")
    Case.objects.filter(pk=case.pk).update(stage=stage)
    return Case.objects.get(pk=case.pk)


@pytest.mark.parametrize("from_stage", Stage.values)
@pytest.mark.parametrize("to_stage", Stage.values)
@pytest.mark.parametrize("role", sorted(ORGANISATION_ROLES))
def test_every_stage_pair_and_role_follows_the_table(in_a, from_stage, to_stage, role):
    case = _case_at(in_a, from_stage)
    rule = TRANSITIONS.get((from_stage, to_stage))
    audit_before = AuditEvent.objects.count()
    allowed = rule is not None and policy.allows(actor(in_a, role), rule.action)
    if allowed:
        moved = case_transition(
            actor=actor(in_a, role), case_id=case.pk, to=to_stage, reason="alasan"
        )
        assert moved.stage == to_stage
        assert AuditEvent.objects.count() == audit_before + 1
    else:
        with pytest.raises(TransitionNotAllowed):
            case_transition(actor=actor(in_a, role), case_id=case.pk, to=to_stage, reason="x")
        assert Case.objects.get(pk=case.pk).stage == from_stage
        assert AuditEvent.objects.count() == audit_before


def test_termination_without_reason_is_refused_and_changes_nothing(in_a):
    case = _case_at(in_a, Stage.ACCOMPANIMENT)
    with pytest.raises(TransitionNotAllowed) as refused:
        case_transition(
            actor=actor(in_a, Role.DIVISION_HEAD),
            case_id=case.pk,
            to=Stage.TERMINATION,
            reason="  ",
        )
    assert refused.value.code == "reason_required"
    assert Case.objects.get(pk=case.pk).stage == Stage.ACCOMPANIMENT


def test_case_numbers_are_sequential_per_organisation(in_a):
    first = case_register(actor=actor(in_a, Role.RECEPTIONIST), title="Satu")
    second = case_register(actor=actor(in_a, Role.RECEPTIONIST), title="Dua")
    prefix, year, seq = first.number.split("/")
    assert prefix == in_a.slug.upper()
    assert second.number == f"{prefix}/{year}/{int(seq) + 1:04d}"


def test_api_refusal_is_409_with_message_and_nothing_changes(client, org_a):
    a = org_a.organisation
    client.force_login(org_a.users[Role.RECEPTIONIST])
    case_id = registered_case(a, "Uji API").pk
    response = client.post(
        f"/org/{a.slug}/api/v1/cases/{case_id}/transitions/",
        {"to": "accompaniment"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "transition_not_allowed"
    assert client.get(f"/org/{a.slug}/api/v1/cases/{case_id}/").json()["stage"] == "registration"


def test_api_unknown_stage_is_400(client, org_a):
    a = org_a.organisation
    client.force_login(org_a.users[Role.RECEPTIONIST])
    case_id = registered_case(a, "Uji").pk
    response = client.post(
        f"/org/{a.slug}/api/v1/cases/{case_id}/transitions/",
        {"to": "heaven"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "to" in response.json()["error"]["fields"]


def test_analyst_sees_no_case_records(client, org_a):
    client.force_login(org_a.users[Role.ANALYST])
    response = client.get(f"/org/{org_a.organisation.slug}/api/v1/cases/")
    assert response.status_code == 403
    assert response.json()["error"]["message"]


def test_anonymous_api_request_is_401_and_staff_page_redirects_to_login(client, org_a):
    slug = org_a.organisation.slug
    assert client.get(f"/org/{slug}/api/v1/cases/").status_code == 401
    response = client.get(f"/org/{slug}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_own_api_client_lists_cases_with_a_client_credentials_token(client, org_a):
    token = client.post(
        "/o/token/",
        {
            "grant_type": "client_credentials",
            "client_id": org_a.application.client_id,
            "client_secret": org_a.client_secret,
        },
    ).json()["access_token"]
    response = client.get(
        f"/org/{org_a.organisation.slug}/api/v1/cases/", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 200
    created = client.post(
        f"/org/{org_a.organisation.slug}/api/v1/cases/",
        {"title": "Via API"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert created.status_code == 201


def test_staff_pages_render_for_a_member(client, org_a):
    a = org_a.organisation
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    with in_schema(a):
        case = case_register(actor=actor(a, Role.DIVISION_HEAD), title="Halaman kasus")
    assert client.get(f"/org/{a.slug}/").status_code == 200
    page = client.get(f"/org/{a.slug}/cases/{case.pk}/")
    assert page.status_code == 200 and "Halaman kasus" in page.content.decode()
