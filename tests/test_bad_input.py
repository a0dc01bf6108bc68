"""Malformed, mistyped and oversized bodies on every POST endpoint: a 4xx with the error shape."""

from __future__ import annotations

import pytest

from hub.accounts.roles import Role
from hub.core.models import AuditEvent
from hub.intake.models import Complaint
from sharing.models import ShareGrant
from tenants.cases.models import Case
from tests.builders import in_schema
from tests.routes import MISSING_IDS, all_routes, fill

BODIES = [
    ("{broken json", "application/json"),
    ("[1, 2, 3]", "application/json"),
    (
        '{"title": 12, "to": [], "reason": {}, "case_id": "x", "sections": "all"}',
        "application/json",
    ),
    ("\x00\xff binary", "application/octet-stream"),
]


@pytest.mark.parametrize(("body", "content_type"), BODIES)
def test_no_post_endpoint_answers_5xx_to_bad_bodies(client, org_a, body, content_type):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    samples = {**MISSING_IDS, "org_slug": org_a.organisation.slug}
    before = _written(org_a)
    for route in (r for r in all_routes() if "api/v1/" in r):
        url = fill(route, samples)
        response = client.post(url, body, content_type=content_type)
        assert 400 <= response.status_code < 500, (url, response.status_code)
        if response["Content-Type"].startswith("application/json"):
            assert "error" in response.json(), url
    assert _written(org_a) == before


def _written(org):
    with in_schema(org.organisation):
        return (
            Complaint.objects.count(),
            ShareGrant.objects.count(),
            Case.objects.count(),
            AuditEvent.objects.count(),
        )


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"grant_type": "client_credentials"},
        {"grant_type": "client_credentials", "client_id": "nobody", "client_secret": "x"},
        {"grant_type": "password", "username": "a", "password": "b"},
        {"grant_type": "no_such_grant"},
    ],
)
def test_token_endpoint_refuses_bad_requests_with_4xx(client, world, db, data):
    response = client.post("/o/token/", data)
    assert 400 <= response.status_code < 500
    assert "error" in response.json()


def test_oversized_body_is_refused_on_organisation_api(client, org_a):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    big = '{"title": "' + "x" * (2 * 1024 * 1024) + '"}'
    response = client.post(
        f"/org/{org_a.organisation.slug}/api/v1/cases/", big, content_type="application/json"
    )
    assert response.status_code == 413


def test_healthz_is_503_when_the_database_is_down(client, world, db):
    from unittest import mock

    from django.db import OperationalError

    from hub.core import views

    with mock.patch.object(views, "connection") as down:
        down.cursor.side_effect = OperationalError("connection refused")
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_post_without_trailing_slash_gets_a_404_that_says_why(client, world, db):
    response = client.post("/api/v1/public/complaints", "{}", content_type="application/json")
    assert response.status_code == 404
    assert "/api/v1/public/complaints/" in response.json()["error"]["message"]
