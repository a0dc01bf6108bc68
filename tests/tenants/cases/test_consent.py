"""The case page's consent panel and the client's withdrawal recorded at the office: who may
record it (policy consent.withdraw), what it ends (shares, statistics), and what a refusal
leaves (nothing changed)."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from hub.accounts.roles import Role
from hub.consent.models import ConsentRecord, ConsentSource, GivenBy
from hub.consent.selectors import consent_for_case
from hub.consent.services import GivenByWhom, consent_record_for_case
from hub.core.audit import AuditActor
from hub.core.models import AuditEvent
from hub.network.models import CaseRollup
from sharing.models import RevokeReason, ShareGrant
from sharing.services import share_grant
from tenants.cases.projection import Section
from tenants.cases.services import case_rollup_refresh
from tests.builders import client_case, in_schema, member, org_api

STAFF = AuditActor(label="kabid@test")
ALL = {"contact": True, "share": True, "refer": True, "statistics": True}


@pytest.fixture
def case(org_a):
    case = client_case(org_a)  # taken by the consultation lawyer, who is assigned
    with in_schema(org_a.organisation):
        consent_record_for_case(
            organisation=org_a.organisation,
            case_id=case.pk,
            answers=ALL,
            source=ConsentSource.SIGNED_FORM,
            by=STAFF,
            who=GivenByWhom(kind=GivenBy.GUARDIAN, name="Pak Darso"),
        )
    return case


def _url(org, case_id) -> str:
    return f"/org/{org.organisation.slug}/cases/{case_id}/consent/withdraw/"


def _state(org, case):
    return list(
        ConsentRecord.objects.filter(organisation=org.organisation, case_id=case.pk)
        .order_by("pk")
        .values_list("pk", "withdrawn_at", "contact", "share", "refer", "statistics")
    )


def test_the_case_page_shows_the_consent_and_who_gave_it(client, org_a, case):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    page = client.get(f"/org/{org_a.organisation.slug}/cases/{case.pk}/").content.decode()
    assert 'id="consent"' in page and "Pak Darso" in page
    assert f'action="{_url(org_a, case.pk)}"' in page
    client.force_login(org_a.users[Role.RECEPTIONIST])
    page = client.get(f"/org/{org_a.organisation.slug}/cases/{case.pk}/").content.decode()
    assert "Pak Darso" in page and f'action="{_url(org_a, case.pk)}"' not in page


@pytest.mark.parametrize("role", [Role.DIVISION_HEAD, Role.CONSULTATION_LAWYER])
def test_the_division_head_or_assigned_staff_record_a_withdrawal(client, org_a, case, role):
    client.force_login(org_a.users[role])
    response = client.post(
        _url(org_a, case.pk), {"purposes": ["share", "refer"], "note": "Klien datang ke kantor"}
    )
    assert response.status_code == 302 and response["Location"].endswith("#consent")
    now = consent_for_case(organisation=org_a.organisation, case_id=case.pk)
    assert now.purposes == ["contact", "statistics"] and now.source == "withdrawal"
    assert (now.given_by_kind, now.given_by_name) == ("guardian", "Pak Darso")
    old = ConsentRecord.objects.get(superseded_by=now)
    assert old.withdrawn_via == "organisation"
    assert old.withdrawn_by == org_a.users[role].email
    with in_schema(org_a.organisation):
        event = AuditEvent.objects.get(action="case.consent_withdrawn")
    assert event.detail["note"] == "Klien datang ke kantor"
    assert event.actor_user_id == org_a.users[role].pk


@pytest.mark.parametrize(
    "role", [Role.RECEPTIONIST, Role.CASE_LAWYER, Role.PARALEGAL, Role.ANALYST]
)
def test_roles_that_may_not_record_a_withdrawal_are_refused_and_nothing_changes(
    client, org_a, case, role
):
    before = _state(org_a, case)
    client.force_login(org_a.users[role])
    response = client.post(_url(org_a, case.pk), {"purposes": ["share"]})
    assert response.status_code in (403, 404)
    assert _state(org_a, case) == before


def test_another_organisation_gets_404_and_nothing_changes(client, org_a, org_b, case):
    before = _state(org_a, case)
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    assert client.post(_url(org_a, case.pk), {"purposes": ["share"]}).status_code == 404
    assert client.post(_url(org_b, case.pk), {"purposes": ["share"]}).status_code == 404
    assert _state(org_a, case) == before


@pytest.mark.parametrize("data", [{}, {"purposes": ["nonsense"]}, {"purposes": ["share"]}])
def test_bad_input_or_a_purpose_not_allowed_changes_nothing(client, org_a, data):
    case = client_case(org_a)
    with in_schema(org_a.organisation):
        consent_record_for_case(
            organisation=org_a.organisation,
            case_id=case.pk,
            answers={"contact": True, "share": False},
            source=ConsentSource.SIGNED_FORM,
            by=STAFF,
        )
    before = _state(org_a, case)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(_url(org_a, case.pk), data, follow=True)
    assert response.status_code == 200
    assert _state(org_a, case) == before


def test_withdrawal_at_the_office_ends_shares_and_counting(
    client, org_a, org_b, case, django_capture_on_commit_callbacks
):
    organisation = org_a.organisation
    with in_schema(organisation):
        grant = share_grant(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=case.pk,
            recipient=org_b.organisation,
            sections=[Section.SUMMARY],
        )
        case_rollup_refresh(organisation=organisation)

    def counted() -> int:
        return sum(
            CaseRollup.objects.filter(organisation=organisation).values_list("cases", flat=True)
        )

    assert counted() == 1
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(org_a, case.pk), {"purposes": ["contact", "share", "refer", "statistics"]})
    grant.refresh_from_db()
    assert grant.revoked_reason == RevokeReason.CONSENT_WITHDRAWN
    assert counted() == 0
    client.force_login(org_b.users[Role.CASE_LAWYER])
    read = client.get(f"/org/{org_b.organisation.slug}/api/v1/shared-with-us/{grant.pk}/")
    assert read.status_code == 404
    assert ShareGrant.objects.filter(revoked_at__isnull=True).count() == 0


def _png() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_signed_form_says_who_signed_and_which_members_may_see_it(client, org_a, org_b):
    case = client_case(org_a)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(
        f"/org/{org_a.organisation.slug}/cases/{case.pk}/consent/signed-form/",
        {
            "file": SimpleUploadedFile("formulir.png", _png()),
            "given_by_kind": "representative",
            "given_by_name": "Ibu Warsini",
            "share": "on",
            "share_with": [org_b.organisation.slug],
        },
    )
    assert response.status_code == 302
    record = consent_for_case(organisation=org_a.organisation, case_id=case.pk)
    assert (record.given_by_kind, record.given_by_name) == ("representative", "Ibu Warsini")
    assert record.share_with == [org_b.organisation.slug]


def test_a_signed_form_by_an_unnamed_guardian_records_nothing(client, org_a):
    case = client_case(org_a)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    client.post(
        f"/org/{org_a.organisation.slug}/cases/{case.pk}/consent/signed-form/",
        {"file": SimpleUploadedFile("f.png", _png()), "given_by_kind": "guardian", "share": "on"},
    )
    assert consent_for_case(organisation=org_a.organisation, case_id=case.pk) is None


def test_the_api_lists_the_consent_records_newest_first(client, org_a, case):
    client.force_login(org_a.users[Role.CASE_LAWYER])
    body = client.get(org_api(org_a, f"cases/{case.pk}/consent/")).json()
    assert [r["given_by_name"] for r in body] == ["Pak Darso"]
    assert body[0]["purposes"] == ["contact", "share", "refer", "statistics"]
    assert body[0]["withdrawn_at"] is None


def test_the_api_records_a_withdrawal_and_answers_what_stands(client, org_a, case):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(
        org_api(org_a, f"cases/{case.pk}/consent/withdraw/"),
        {"purposes": ["refer"], "note": "Lewat telepon"},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["purposes"] == ["refer"]
    assert body["consent"]["purposes"] == ["contact", "share", "statistics"]
    assert body["consent"]["source"] == "withdrawal"


@pytest.mark.parametrize(
    ("role", "body", "status", "code"),
    [
        (Role.RECEPTIONIST, {"purposes": ["share"]}, 403, "role_not_allowed"),
        (Role.DIVISION_HEAD, {"purposes": []}, 400, None),
        (Role.DIVISION_HEAD, {"purposes": ["nonsense"]}, 400, None),
        (Role.DIVISION_HEAD, {"purposes": "share"}, 400, None),
    ],
)
def test_the_api_refuses_and_changes_nothing(client, org_a, case, role, body, status, code):
    before = _state(org_a, case)
    client.force_login(org_a.users[role])
    response = client.post(
        org_api(org_a, f"cases/{case.pk}/consent/withdraw/"), body, content_type="application/json"
    )
    assert response.status_code == status
    assert "error" in response.json()
    if code:
        assert response.json()["error"]["code"] == code
    assert _state(org_a, case) == before


def test_the_api_says_when_nothing_is_left_to_withdraw(client, org_a):
    bare = client_case(org_a)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(
        org_api(org_a, f"cases/{bare.pk}/consent/withdraw/"),
        {"purposes": ["share"]},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "nothing_to_withdraw"
