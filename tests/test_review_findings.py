"""Regressions from the isolation and bad-input review: each was a 500, a leak or a gap."""

from __future__ import annotations

import pytest

from hub.accounts.roles import Role
from hub.consent.services import ConsentChoices
from hub.network.models import CaseRollup
from tenants.cases.models import Case
from tenants.cases.registration import case_register
from tenants.cases.services import case_rollup_refresh
from tests.builders import actor, complaint, in_schema, registered_case
from tests.public_portal.complaint_walk import post_step
from tests.routes import MISSING_IDS, all_routes, fill

CONSENT = {"contact": True, "share": False, "refer": False, "statistics": True}


@pytest.mark.parametrize("text", ["x\x08y", "Gaji\x0btidak", "nul\x00byte", "\ufffe"])
def test_control_characters_are_refused_at_the_door(client, org_a, text):
    body = {
        "reporter_type": "worker",
        "reporter_name": "Ani",
        "country_of_work": "MY",
        "issue_types": ["unpaid_wages"],
        "narrative": text,
        "consent": CONSENT,
    }
    response = client.post("/api/v1/public/complaints/", body, content_type="application/json")
    assert response.status_code == 400 and "narrative" in response.json()["error"]["fields"]
    client.force_login(org_a.users[Role.RECEPTIONIST])
    response = client.post(
        f"/org/{org_a.organisation.slug}/api/v1/cases/",
        {"title": text},
        content_type="application/json",
    )
    assert response.status_code == 400


def test_portal_form_refuses_control_characters(client, world, db):
    first = client.get("/pengaduan/")
    response = post_step(client, first, {"reporter_type": "worker", "reporter_name": "A\x0cni"})
    assert response.status_code == 400


def test_a_case_that_cannot_be_exported_is_409_not_500(client, org_a):
    case = registered_case(org_a.organisation)
    with in_schema(org_a.organisation):
        Case.objects.filter(pk=case.pk).update(title="legacy\x08title")
    client.force_login(org_a.users[Role.CASE_LAWYER])
    response = client.get(f"/org/{org_a.organisation.slug}/api/v1/cases/{case.pk}/package.xml")
    assert response.status_code == 409 and response.json()["error"]["message"]


@pytest.mark.parametrize("code", ["RP%00X", "RP-2222-2222%00", "x" * 300])
def test_odd_receipt_codes_in_inbox_routes_are_404(client, org_a, code):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    slug = org_a.organisation.slug
    for url in [
        f"/org/{slug}/api/v1/inbox/{code}/accept/",
        f"/org/{slug}/api/v1/inbox/{code}/decline/",
        f"/org/{slug}/inbox/{code}/accept/",
        f"/org/{slug}/inbox/{code}/decline/",
    ]:
        response = client.post(url, {"reason": "r"})
        assert response.status_code in (302, 404), (url, response.status_code)


def test_receipt_code_in_lower_case_is_accepted_from_the_inbox(client, org_a):
    filed = complaint(org_a.organisation)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    url = f"/org/{org_a.organisation.slug}/api/v1/inbox/{filed.receipt_code.lower()}/accept/"
    assert client.post(url).status_code == 201


def _token(client, org, scope: str) -> str:
    response = client.post(
        "/o/token/",
        {
            "grant_type": "client_credentials",
            "client_id": org.application.client_id,
            "client_secret": org.client_secret,
            "scope": scope,
        },
    )
    assert response.status_code == 200, response.content
    return response.json()["access_token"]


def test_read_only_token_cannot_write(client, org_a):
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {_token(client, org_a, 'read')}"}
    url = f"/org/{org_a.organisation.slug}/api/v1/cases/"
    assert client.get(url, **bearer).status_code == 200
    response = client.post(url, {"title": "x"}, content_type="application/json", **bearer)
    assert response.status_code == 403 and "write" in response.json()["error"]["message"]
    with in_schema(org_a.organisation):
        assert not Case.objects.filter(title="x").exists()


def test_person_email_longer_than_the_column_is_400(client, org_a):
    client.force_login(org_a.users[Role.RECEPTIONIST])
    body = {"title": "t", "complainant": {"display_name": "A", "email": "a" * 250 + "@example.org"}}
    response = client.post(
        f"/org/{org_a.organisation.slug}/api/v1/cases/", body, content_type="application/json"
    )
    assert response.status_code == 400


def test_cases_without_statistics_consent_are_not_counted(org_a):
    a = org_a.organisation
    with in_schema(a):
        reception = actor(a, Role.RECEPTIONIST)
        case_register(actor=reception, title="Dihitung", consent=ConsentChoices(statistics=True))
        case_register(actor=reception, title="Tidak", consent=ConsentChoices(statistics=False))
        case_register(actor=reception, title="Tanpa persetujuan")
        case_rollup_refresh(organisation=a)
    assert sum(r.cases for r in CaseRollup.objects.filter(organisation=a)) == 1


def test_analyst_sees_no_share_list(client, org_a):
    client.force_login(org_a.users[Role.ANALYST])
    assert client.get(f"/org/{org_a.organisation.slug}/api/v1/shares/").status_code == 403


def test_unknown_and_foreign_organisations_answer_alike(client, org_a, org_b):
    samples = MISSING_IDS
    routes = [r for r in all_routes() if r.startswith("org/<slug:org_slug>/")]
    for login in (None, org_b.users[Role.DIVISION_HEAD]):
        client.logout()
        if login:
            client.force_login(login)
        for route in routes:
            real = client.get(fill(route, {**samples, "org_slug": org_a.organisation.slug}))
            unknown = client.get(fill(route, {**samples, "org_slug": "no-such-org"}))
            assert real.status_code == unknown.status_code, route
            assert real.has_header("Allow") == unknown.has_header("Allow"), route


def test_oauth_application_management_pages_are_not_exposed(client, org_a):
    client.force_login(org_a.users[Role.ANALYST])
    assert client.get("/o/applications/").status_code == 404
    assert client.get("/o/applications/register/").status_code == 404
