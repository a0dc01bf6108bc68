"""Network stats: coordinators only; figures without persons."""

from __future__ import annotations

from hub.accounts.roles import Role


def test_member_of_an_organisation_is_refused(client, org_a):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.get("/api/v1/network/stats/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_anonymous_is_refused(client, world, db):
    response = client.get("/api/v1/network/stats/")
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")


def test_an_organisation_client_token_is_forbidden(client, org_a):
    token = client.post(
        "/o/token/",
        {
            "grant_type": "client_credentials",
            "client_id": org_a.application.client_id,
            "client_secret": org_a.client_secret,
        },
    ).json()["access_token"]
    response = client.get("/api/v1/network/stats/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 403


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


def test_coordinator_page_shows_charts_and_no_person(
    client, org_a, coordinator, django_capture_on_commit_callbacks
):
    from tests.builders import complaint

    filed = complaint(org_a.organisation, reporter_name="Nama Rahasia")
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/org/{org_a.organisation.slug}/api/v1/inbox/{filed.receipt_code}/accept/")
    client.force_login(coordinator)
    page = client.get("/network/")
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "<script" not in html
    assert "Nama Rahasia" not in html and filed.receipt_code not in html


def test_coordinator_lands_on_the_network_page_after_login(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/accounts/home/")["Location"] == "/network/"


def test_organisation_member_cannot_open_the_network_page(client, org_a):
    client.force_login(org_a.users[Role.OFFICE_ADMIN])
    assert client.get("/network/").status_code == 404
    client.logout()
    assert client.get("/network/").status_code == 302
