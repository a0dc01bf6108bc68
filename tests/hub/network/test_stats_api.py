"""Network stats: coordinators only; figures without persons."""

from __future__ import annotations

from hub.accounts.roles import Role


def test_member_of_an_organisation_is_refused(client, org_a):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.get("/api/v1/network/stats/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_anonymous_is_refused(client, world, db):
    assert client.get("/api/v1/network/stats/").status_code == 403


def test_coordinator_gets_aggregates(client, coordinator):
    client.force_login(coordinator)
    body = client.get("/api/v1/network/stats/").json()
    assert set(body) == {
        "cases_total",
        "cases_by_stage",
        "cases_by_status",
        "cases_by_organisation",
        "complaints_by_status",
    }
