"""Access requests through the organisation API: list, create, decide, withdraw, detail."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from hub.accounts.roles import Role
from sharing.access.models import AccessRequest, AccessStatus
from sharing.models import ShareGrant
from tests.sharing.access.conftest import consented_case


def _url(organisation, path: str = "") -> str:
    return f"/org/{organisation.slug}/api/v1/access-requests/{path}"


def _post(client, url: str, body: dict):
    return client.post(url, body, content_type="application/json")


def _ask(client, national, number: str, **fields):
    client.force_login(national.national_world.users[Role.CASE_LAWYER])
    body = {
        "owner": national.office.slug,
        "case_number": number,
        "reason": "Untuk laporan nasional",
        "sections": ["events"],
        **fields,
    }
    return _post(client, _url(national.national), body)


def test_create_list_and_detail_for_the_national_office(client, national):
    created = _ask(client, national, "LBH-UJI/2026/0001")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "pending" and body["duration_days"] == 30
    assert body["case_id"] is None and body["share_id"] is None
    assert body["share_expires_at"] is None
    listing = client.get(_url(national.national)).json()
    assert [r["id"] for r in listing] == [body["id"]]
    assert client.get(_url(national.national, f"{body['id']}/")).json()["owner"] == "lbh-uji"


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"sections": ["secrets"]}, "sections.0"),
        ({"sections": []}, "sections"),
        ({"duration_days": 181}, "duration_days"),
        ({"owner": "no-such-org"}, "owner"),
        ({"reason": ""}, "reason"),
        ({"reason": ["x"]}, "reason"),
    ],
)
def test_bad_input_is_400_with_the_field(client, national, fields, field):
    response = _ask(client, national, "LBH-UJI/2026/0001", **fields)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not AccessRequest.objects.exists()


def test_an_office_asking_is_403(client, national):
    client.force_login(national.office_world.users[Role.DIVISION_HEAD])
    body = {"owner": national.national.slug, "case_number": "X/1", "reason": "x"}
    response = _post(client, _url(national.office), {**body, "sections": ["summary"]})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_national_office"
    assert not AccessRequest.objects.exists()


def test_a_form_encoded_body_is_415(client, national):
    client.force_login(national.national_world.users[Role.DIVISION_HEAD])
    response = client.post(_url(national.national), {"owner": national.office.slug})
    assert response.status_code == 415


def test_the_office_lists_and_approves(client, national):
    case = consented_case(national.office)
    asked = _ask(client, national, case.number, duration_days=10).json()
    client.force_login(national.office_world.users[Role.DIVISION_HEAD])
    [waiting] = client.get(_url(national.office, "received/")).json()
    assert waiting["matched_case_id"] == case.pk
    response = _post(
        client, _url(national.office, f"{asked['id']}/decide/"), {"decision": "approved"}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    grant = ShareGrant.objects.get()
    assert body["status"] == "approved" and body["share_id"] == grant.pk
    decided = datetime.fromisoformat(body["decided_at"])
    assert datetime.fromisoformat(body["share_expires_at"]) == decided + timedelta(days=10)
    again = _post(
        client,
        _url(national.office, f"{asked['id']}/decide/"),
        {"decision": "declined", "note": "x"},
    )
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_settled"


def test_no_consent_is_409_and_the_request_waits(client, national):
    case = consented_case(national.office, share=False)
    asked = _ask(client, national, case.number).json()
    client.force_login(national.office_world.users[Role.DIVISION_HEAD])
    response = _post(
        client, _url(national.office, f"{asked['id']}/decide/"), {"decision": "approved"}
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "consent_missing"
    assert AccessRequest.objects.get().status == AccessStatus.PENDING
    assert not ShareGrant.objects.exists()


def test_decline_without_note_is_400(client, national):
    asked = _ask(client, national, "LBH-UJI/2026/0001").json()
    client.force_login(national.office_world.users[Role.DIVISION_HEAD])
    url = _url(national.office, f"{asked['id']}/decide/")
    response = _post(client, url, {"decision": "declined"})
    assert response.status_code == 400 and "note" in response.json()["error"]["fields"]
    response = _post(client, url, {"decision": "declined", "note": "Nomor tidak ada"})
    assert response.status_code == 200 and response.json()["status"] == "declined"
    assert not ShareGrant.objects.exists()


def test_withdraw_by_the_national_office(client, national):
    asked = _ask(client, national, "LBH-UJI/2026/0001").json()
    response = _post(client, _url(national.national, f"{asked['id']}/withdraw/"), {})
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"


@pytest.mark.parametrize("role", [Role.CASE_LAWYER, Role.RECEPTIONIST])
def test_the_office_roles_that_may_not_decide_get_403(client, national, role):
    asked = _ask(client, national, "LBH-UJI/2026/0001").json()
    client.force_login(national.office_world.users[role])
    assert client.get(_url(national.office, "received/")).status_code == 403
    response = _post(
        client, _url(national.office, f"{asked['id']}/decide/"), {"decision": "approved"}
    )
    assert response.status_code == 403
    assert AccessRequest.objects.get().status == AccessStatus.PENDING


def test_a_request_the_organisation_is_no_side_of_is_404(client, national):
    other = AccessRequest.objects.create(
        requester=national.office,
        owner=national.office,
        case_number="X/1",
        reason="x",
        sections=["summary"],
        created_by="test",
    )
    client.force_login(national.national_world.users[Role.DIVISION_HEAD])
    assert client.get(_url(national.national, f"{other.pk}/")).status_code == 404
    response = _post(client, _url(national.national, f"{other.pk}/withdraw/"), {})
    assert response.status_code == 404
    assert AccessRequest.objects.get().status == AccessStatus.PENDING


def test_the_schema_documents_the_endpoints(client, national):
    client.force_login(national.national_world.users[Role.DIVISION_HEAD])
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    paths = schema["paths"]
    assert "/org/{org_slug}/api/v1/access-requests/" in paths
    assert "post" in paths["/org/{org_slug}/api/v1/access-requests/{access_request_id}/decide/"]


@pytest.mark.parametrize("side", ["office", "national"])
def test_one_request_is_read_only_by_the_roles_that_see_the_lists(client, national, side):
    """The detail answers to the roles the lists answer to (the office's division head, the
    national office's division head and case lawyers), not to a receptionist of either side."""
    asked = _ask(client, national, "LBH-UJI/2026/0001").json()
    organisation = national.office if side == "office" else national.national
    world = national.office_world if side == "office" else national.national_world
    client.force_login(world.users[Role.RECEPTIONIST])
    assert client.get(_url(organisation, f"{asked['id']}/")).status_code == 403
    client.force_login(world.users[Role.DIVISION_HEAD])
    assert client.get(_url(organisation, f"{asked['id']}/")).status_code == 200
