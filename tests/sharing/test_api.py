"""Shares API: sections, permission and the time window in and out, status in the lists, the
projection's sections in the detail, 4xx for bad input, and the OpenAPI document."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hub.accounts.roles import Role
from hub.core.models import AuditEvent
from sharing.models import ShareGrant
from tenants.cases.registration import case_open_from_complaint
from tenants.events.services import EventData, event_record
from tests.builders import actor, complaint, in_schema, org_api


def _case(organisation, *, share: bool = True):
    filed = complaint(organisation, share=share, reporter_name="Dewi Lestari")
    with in_schema(organisation):
        case = case_open_from_complaint(
            actor=actor(organisation, Role.DIVISION_HEAD), receipt_code=filed.receipt_code
        )
        event_record(
            actor=actor(organisation, Role.DIVISION_HEAD),
            case=case,
            data=EventData(description="Paspor ditahan majikan", place="Ipoh"),
        )
    return case


def _post(client, org, body):
    client.force_login(org.users[Role.DIVISION_HEAD])
    return client.post(org_api(org, "shares/"), body, content_type="application/json")


def test_a_grant_takes_and_returns_sections_permission_and_window(client, org_a, org_b):
    case = _case(org_a.organisation)
    starts = timezone.now().replace(microsecond=0) - timedelta(minutes=5)
    until = timezone.now().replace(microsecond=0) + timedelta(days=14)
    response = _post(
        client,
        org_a,
        {
            "case_id": case.pk,
            "recipient": org_b.organisation.slug,
            "sections": ["events", "people"],
            "permission": "contribute",
            "starts_at": starts.isoformat(),
            "expires_at": until.isoformat(),
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["sections"] == ["events", "people"]
    assert body["permission"] == "contribute" and body["status"] == "active"
    assert body["expires_at"] is not None and body["starts_at"] is not None
    grant = ShareGrant.objects.get(pk=body["id"])
    assert grant.expires_at == until and grant.starts_at == starts


def test_a_grant_is_read_only_unless_asked(client, org_a, org_b):
    case = _case(org_a.organisation)
    body = _post(
        client,
        org_a,
        {"case_id": case.pk, "recipient": org_b.organisation.slug, "sections": ["summary"]},
    ).json()
    assert body["permission"] == "read" and body["expires_at"] is None


@pytest.mark.parametrize(
    "change",
    [
        {"sections": ["contracts"]},
        {"sections": []},
        {"permission": "owner"},
        {"recipient": "tidak-ada"},
        {"expires_at": "kemarin"},
        {"case_id": "satu"},
    ],
)
def test_bad_input_is_a_400_and_writes_nothing(client, org_a, org_b, change):
    case = _case(org_a.organisation)
    body = {"case_id": case.pk, "recipient": org_b.organisation.slug, "sections": ["summary"]}
    response = _post(client, org_a, {**body, **change})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert not ShareGrant.objects.exists()


def test_an_end_in_the_past_is_refused(client, org_a, org_b):
    case = _case(org_a.organisation)
    past = (timezone.now() - timedelta(days=1)).isoformat()
    response = _post(
        client,
        org_a,
        {
            "case_id": case.pk,
            "recipient": org_b.organisation.slug,
            "sections": ["summary"],
            "expires_at": past,
        },
    )
    assert response.status_code == 400
    assert "expires_at" in response.json()["error"]["fields"]
    assert not ShareGrant.objects.exists()


def test_the_owner_lists_its_grants_with_their_status(client, org_a, org_b):
    case = _case(org_a.organisation)
    grant = _post(
        client,
        org_a,
        {"case_id": case.pk, "recipient": org_b.organisation.slug, "sections": ["summary"]},
    ).json()
    client.post(org_api(org_a, f"shares/{grant['id']}/revoke/"))
    listing = client.get(org_api(org_a, "shares/")).json()
    assert [(g["id"], g["status"]) for g in listing] == [(grant["id"], "revoked")]


def test_the_detail_returns_the_projection_of_the_granted_sections(client, org_a, org_b):
    case = _case(org_a.organisation)
    grant = _post(
        client,
        org_a,
        {"case_id": case.pk, "recipient": org_b.organisation.slug, "sections": ["events"]},
    ).json()
    client.force_login(org_b.users[Role.CASE_LAWYER])
    response = client.get(org_api(org_b, f"shared-with-us/{grant['id']}/"))
    assert response.status_code == 200
    body = response.json()
    assert body["grant"]["id"] == grant["id"] and body["owner_name"] == org_a.organisation.name
    assert body["sections"] == ["events"]
    assert body["case"]["number"] == case.number and body["case"]["summary"] == ""
    assert [e["description"] for e in body["events"]] == ["Paspor ditahan majikan"]
    assert body["people"] == [] and body["services"] == [] and body["documents"] == []
    assert "Dewi Lestari" not in response.content.decode()
    with in_schema(org_a.organisation):
        read = AuditEvent.objects.get(action="case.read_by_member")
    assert read.detail["sections"] == ["events"]
    assert read.actor_user_id == org_b.users[Role.CASE_LAWYER].pk


def test_the_recipient_lists_live_shares_only(client, org_a, org_b):
    case = _case(org_a.organisation)
    live = _post(
        client,
        org_a,
        {"case_id": case.pk, "recipient": org_b.organisation.slug, "sections": ["summary"]},
    ).json()
    ended = _post(
        client,
        org_a,
        {"case_id": case.pk, "recipient": org_b.organisation.slug, "sections": ["events"]},
    ).json()
    client.post(org_api(org_a, f"shares/{ended['id']}/revoke/"))
    client.force_login(org_b.users[Role.CASE_LAWYER])
    listing = client.get(org_api(org_b, "shared-with-us/")).json()
    assert [g["id"] for g in listing] == [live["id"]]
    assert listing[0]["owner_name"] == org_a.organisation.name
    assert listing[0]["case_number"] == case.number
    assert client.get(org_api(org_b, f"shared-with-us/{ended['id']}/")).status_code == 404


def test_an_analyst_may_not_read_shared_cases(client, org_a, org_b):
    case = _case(org_a.organisation)
    grant = _post(
        client,
        org_a,
        {"case_id": case.pk, "recipient": org_b.organisation.slug, "sections": ["summary"]},
    ).json()
    client.force_login(org_b.users[Role.ANALYST])
    assert client.get(org_api(org_b, f"shared-with-us/{grant['id']}/")).status_code == 403
    with in_schema(org_a.organisation):
        assert not AuditEvent.objects.filter(action="case.read_by_member").exists()


def test_the_openapi_document_describes_the_share_fields(client, world, db):
    document = client.get("/api/schema/?format=json").json()
    schemas = document["components"]["schemas"]
    grant_in = schemas["ShareGrantInputRequest"]["properties"]
    assert {"sections", "permission", "starts_at", "expires_at"} <= set(grant_in)
    assert {"permission", "status", "starts_at", "expires_at"} <= set(
        schemas["ShareGrantOutput"]["properties"]
    )
    shared = schemas["SharedCaseOutput"]["properties"]
    assert {"grant", "sections", "case", "people", "events", "services", "documents"} <= set(shared)
    paths = [p for p in document["paths"] if "shared-with-us/{grant_id}/" in p]
    assert paths


@pytest.mark.parametrize(
    ("section", "phone"), [("people", None), ("people_contact", "+62 812 3333 4444")]
)
def test_contact_details_travel_only_with_the_people_contact_section(
    client, org_a, org_b, section, phone
):
    from tenants.people.models import Person

    case = _case(org_a.organisation)
    with in_schema(org_a.organisation):
        Person.objects.filter(cases=case).update(phone="+62 812 3333 4444")
    grant = _post(
        client,
        org_a,
        {"case_id": case.pk, "recipient": org_b.organisation.slug, "sections": [section]},
    ).json()
    client.force_login(org_b.users[Role.CASE_LAWYER])
    body = client.get(org_api(org_b, f"shared-with-us/{grant['id']}/")).json()
    person = body["people"][0]
    assert person["display_name"] == "Dewi Lestari"
    assert (person["contact"] or {}).get("phone") == phone
