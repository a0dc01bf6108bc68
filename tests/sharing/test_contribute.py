"""A recipient with a contribute share adds notes, events and activities to the owner's
case, marked with its origin; read-only, revoked, expired, withdrawn, wrong role and foreign
organisation are refused and nothing is written."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hub.accounts import policy
from hub.accounts.policy import Action
from hub.accounts.roles import ORGANISATION_ROLES, Role
from hub.consent.services import consent_withdraw
from hub.core.audit import AuditActor
from hub.core.errors import NotFound, PermissionDenied
from hub.core.models import AuditEvent
from sharing.contribute import shared_case_contribute, shared_case_contributions
from sharing.models import ShareGrant
from sharing.services import share_grant, share_revoke
from tenants.cases.models import Case
from tenants.cases.registration import case_open_from_complaint
from tenants.contributions.models import Contribution, ContributionStatus
from tenants.contributions.services import ContributionInput
from tests.builders import complaint, in_schema, member

VISIT = ContributionInput(
    kind="activity",
    body="Kunjungan ke keluarga di Juntinyuat: orang tua klien belum menerima gaji.",
    place="Indramayu",
)


@pytest.fixture
def shared(org_a, org_b):
    """A case of A (consent to share) and a contribute share to B."""
    filed = complaint(org_a.organisation, share=True, reporter_name="Dewi")
    with in_schema(org_a.organisation):
        head = member(org_a, Role.DIVISION_HEAD)
        case = case_open_from_complaint(actor=head, receipt_code=filed.receipt_code)
        grant = share_grant(
            actor=head,
            case_id=case.pk,
            recipient=org_b.organisation,
            sections=["summary"],
            permission="contribute",
        )
    return case, grant, filed.consent


def _rows(org):
    with in_schema(org.organisation):
        return list(Contribution.objects.values_list("id", "body", "status", "hidden_at"))


def _contribute(org, grant, role=Role.CASE_LAWYER, data=VISIT):
    with in_schema(org.organisation):
        return shared_case_contribute(actor=member(org, role), grant_id=grant.pk, data=data)


def test_a_contribution_joins_the_owners_case_marked_with_its_origin(org_a, org_b, shared):
    case, grant, _consent = shared
    added = _contribute(org_b, grant)
    assert added.status == ContributionStatus.ACCEPTED
    with in_schema(org_a.organisation):
        stored = Contribution.objects.get()
        event = AuditEvent.objects.get(action="contribution.added")
    assert (stored.case_id, stored.origin_slug, stored.origin_name, stored.grant_id) == (
        case.pk,
        org_b.organisation.slug,
        org_b.organisation.name,
        grant.pk,
    )
    assert event.actor_organisation == org_b.organisation.slug
    with in_schema(org_b.organisation):
        assert not Contribution.objects.exists()  # nothing in the recipient's schema
        assert not AuditEvent.objects.filter(action="contribution.added").exists()


def test_the_recipient_sees_its_own_contributions_only(org_a, org_b, shared):
    case, grant, _consent = shared
    _contribute(org_b, grant)
    from tenants.contributions.services import ContributionOrigin, contribution_add

    with in_schema(org_a.organisation):
        contribution_add(
            owner=org_a.organisation,
            case_id=case.pk,
            data=ContributionInput(kind="note", body="Dari tautan"),
            origin=ContributionOrigin(kind="link", author_label="Pak Darto", link_id=1),
            by=AuditActor(label="client"),
        )
    with in_schema(org_b.organisation):
        ours = shared_case_contributions(actor=member(org_b, Role.CASE_LAWYER), grant_id=grant.pk)
    assert [c.body for c in ours.contributions] == [VISIT.body]


def test_a_read_only_share_takes_no_contribution(org_a, org_b, shared):
    _case, grant, _consent = shared
    ShareGrant.objects.filter(pk=grant.pk).update(permission="read")
    with pytest.raises(PermissionDenied) as refused:
        _contribute(org_b, grant)
    assert refused.value.code == "share_read_only"
    assert _rows(org_a) == []


def test_a_revoked_share_takes_no_contribution(org_a, org_b, shared):
    _case, grant, _consent = shared
    with in_schema(org_a.organisation):
        share_revoke(actor=member(org_a, Role.DIVISION_HEAD), grant_id=grant.pk)
    with pytest.raises(NotFound):
        _contribute(org_b, grant)
    assert _rows(org_a) == []


def test_an_expired_share_takes_no_contribution(org_a, org_b, shared):
    _case, grant, _consent = shared
    ShareGrant.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(NotFound):
        _contribute(org_b, grant)
    assert _rows(org_a) == []


def test_withdrawn_consent_stops_contributions_at_once(org_a, org_b, shared):
    _case, grant, consent = shared
    consent_withdraw(consent=consent, by=AuditActor(label="worker by phone"))
    with pytest.raises(NotFound):
        _contribute(org_b, grant)
    assert _rows(org_a) == []


def test_a_case_restricted_after_sharing_takes_no_contribution(org_a, org_b, shared):
    case, grant, _consent = shared
    with in_schema(org_a.organisation):
        Case.objects.filter(pk=case.pk).update(restricted=True)
    with pytest.raises(NotFound):
        _contribute(org_b, grant)
    assert _rows(org_a) == []


def test_an_analyst_of_the_recipient_may_not_contribute(org_a, org_b, shared):
    _case, grant, _consent = shared
    with pytest.raises(PermissionDenied):
        _contribute(org_b, grant, role=Role.ANALYST)
    assert _rows(org_a) == []


def test_a_third_party_or_the_owner_cannot_contribute_through_anothers_share(org_a, org_b, shared):
    _case, grant, _consent = shared
    # The owner's own staff, acting as if they were the recipient: not their grant.
    with pytest.raises(NotFound):
        _contribute(org_a, grant)
    assert _rows(org_a) == []


def test_bad_input_is_refused_and_nothing_is_written(org_a, org_b, shared):
    from hub.core.errors import DomainError

    _case, grant, _consent = shared
    with pytest.raises(DomainError) as refused:
        _contribute(org_b, grant, data=ContributionInput(kind="note", body=""))
    assert "body" in refused.value.fields
    assert _rows(org_a) == []


# The API and the pages


def _api(org, grant) -> str:
    return f"/org/{org.organisation.slug}/api/v1/shared-with-us/{grant.pk}/contributions/"


def test_api_post_and_list(client, org_a, org_b, shared):
    _case, grant, _consent = shared
    client.force_login(org_b.users[Role.CASE_LAWYER])
    made = client.post(
        _api(org_b, grant),
        {"kind": "event", "body": "Majikan menelepon keluarga", "occurred_on": "2026-11-01"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    assert made.json()["status"] == "accepted"
    listed = client.get(_api(org_b, grant)).json()
    assert [c["body"] for c in listed] == ["Majikan menelepon keluarga"]


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "note"},
        {"kind": "gossip", "body": "x"},
        {"kind": "note", "body": 12},
        {"kind": "note", "body": "x", "occurred_on": "kemarin"},
        {"kind": "note", "body": "x" * 4001},
    ],
)
def test_api_bad_input_is_400_and_nothing_changes(client, org_a, org_b, shared, body):
    _case, grant, _consent = shared
    client.force_login(org_b.users[Role.CASE_LAWYER])
    response = client.post(_api(org_b, grant), body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert _rows(org_a) == []


def test_api_read_only_share_is_403_and_revoked_is_404(client, org_a, org_b, shared):
    _case, grant, _consent = shared
    client.force_login(org_b.users[Role.CASE_LAWYER])
    ShareGrant.objects.filter(pk=grant.pk).update(permission="read")
    body = {"kind": "note", "body": "x"}
    response = client.post(_api(org_b, grant), body, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "share_read_only"
    ShareGrant.objects.filter(pk=grant.pk).update(revoked_at=timezone.now())
    assert client.post(_api(org_b, grant), body, content_type="application/json").status_code == 404
    assert client.get(_api(org_b, grant)).status_code == 404
    assert _rows(org_a) == []


def test_the_contribute_page_adds_and_lists(client, org_a, org_b, shared):
    _case, grant, _consent = shared
    client.force_login(org_b.users[Role.CASE_LAWYER])
    url = f"/org/{org_b.organisation.slug}/shared-with-us/{grant.pk}/contribute/"
    page = client.get(url)
    assert page.status_code == 200 and 'name="body"' in page.content.decode()
    added = client.post(url, {"kind": "activity", "body": VISIT.body, "place": "Indramayu"})
    assert added.status_code == 302
    assert VISIT.body in client.get(url).content.decode()
    refused = client.post(url, {"kind": "activity", "body": ""})
    assert refused.status_code == 400
    assert len(_rows(org_a)) == 1


def test_the_owners_case_page_shows_the_origin_and_hiding_keeps_it_collapsed(
    client, org_a, org_b, shared
):
    case, grant, _consent = shared
    added = _contribute(org_b, grant)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    page_url = f"/org/{org_a.organisation.slug}/cases/{case.pk}/"
    page = client.get(page_url).content.decode()
    assert org_b.organisation.name in page and VISIT.body in page
    hide = client.post(
        f"{page_url}contributions/{added.pk}/hide/", {"reason": "Salah kasus, milik kasus lain"}
    )
    assert hide.status_code == 302
    page = client.get(page_url).content.decode()
    assert "Salah kasus, milik kasus lain" in page and "<details" in page
    with in_schema(org_a.organisation):
        assert Contribution.objects.get().body == VISIT.body


def test_owner_api_lists_and_hides_and_has_no_edit(client, org_a, org_b, shared):
    case, grant, _consent = shared
    added = _contribute(org_b, grant)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    base = f"/org/{org_a.organisation.slug}/api/v1/cases/{case.pk}/contributions/"
    listed = client.get(base).json()
    assert [(c["origin_slug"], c["body"]) for c in listed] == [
        (org_b.organisation.slug, VISIT.body)
    ]
    no_reason = client.post(f"{base}{added.pk}/hide/", {}, content_type="application/json")
    assert no_reason.status_code == 400
    edit = client.patch(
        f"{base}{added.pk}/hide/", {"body": "ubah"}, content_type="application/json"
    )
    assert edit.status_code == 405
    hidden = client.post(
        f"{base}{added.pk}/hide/", {"reason": "Duplikat"}, content_type="application/json"
    )
    assert hidden.status_code == 200 and hidden.json()["hidden_reason"] == "Duplikat"
    again = client.post(
        f"{base}{added.pk}/hide/", {"reason": "Lagi"}, content_type="application/json"
    )
    assert again.status_code == 409
    with in_schema(org_a.organisation):
        assert Contribution.objects.get().body == VISIT.body


def test_owner_api_receptionist_may_not_hide(client, org_a, org_b, shared):
    case, grant, _consent = shared
    added = _contribute(org_b, grant)
    before = _rows(org_a)
    client.force_login(org_a.users[Role.RECEPTIONIST])
    url = f"/org/{org_a.organisation.slug}/api/v1/cases/{case.pk}/contributions/{added.pk}/hide/"
    response = client.post(url, {"reason": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert _rows(org_a) == before


def test_the_shared_case_page_leads_to_our_contributions(client, org_b, shared):
    _case, grant, _consent = shared
    client.force_login(org_b.users[Role.CASE_LAWYER])
    base = f"/org/{org_b.organisation.slug}/shared-with-us/{grant.pk}/"
    assert f"{base}contribute/" in client.get(base).content.decode()


def test_a_receptionist_of_the_owner_sees_contributions_but_no_hide_form(
    client, org_a, org_b, shared
):
    case, grant, _consent = shared
    added = _contribute(org_b, grant)
    client.force_login(org_a.users[Role.RECEPTIONIST])
    page = client.get(f"/org/{org_a.organisation.slug}/cases/{case.pk}/").content.decode()
    assert VISIT.body in page
    assert f"contributions/{added.pk}/hide/" not in page
    refused = client.post(
        f"/org/{org_a.organisation.slug}/cases/{case.pk}/contributions/{added.pk}/hide/",
        {"reason": "x"},
    )
    assert refused.status_code == 302  # back to the case page with the refusal said
    with in_schema(org_a.organisation):
        assert Contribution.objects.get().hidden_at is None


def test_a_read_only_share_shows_our_list_without_a_form_and_refuses_a_post(
    client, org_a, org_b, shared
):
    _case, grant, _consent = shared
    ShareGrant.objects.filter(pk=grant.pk).update(permission="read")
    client.force_login(org_b.users[Role.CASE_LAWYER])
    url = f"/org/{org_b.organisation.slug}/shared-with-us/{grant.pk}/contribute/"
    page = client.get(url)
    assert page.status_code == 200 and 'name="body"' not in page.content.decode()
    assert client.post(url, {"kind": "note", "body": "x"}).status_code == 403
    assert _rows(org_a) == []


def test_pages_answer_404_once_the_share_is_revoked(client, org_a, org_b, shared):
    _case, grant, _consent = shared
    ShareGrant.objects.filter(pk=grant.pk).update(revoked_at=timezone.now())
    client.force_login(org_b.users[Role.CASE_LAWYER])
    url = f"/org/{org_b.organisation.slug}/shared-with-us/{grant.pk}/contribute/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"kind": "note", "body": "x"}).status_code == 404
    assert _rows(org_a) == []


def test_the_owner_sees_how_many_wait_for_review(client, org_a, shared):
    from tenants.contributions.services import ContributionOrigin, contribution_add

    case, _grant, _consent = shared
    with in_schema(org_a.organisation):
        contribution_add(
            owner=org_a.organisation,
            case_id=case.pk,
            data=ContributionInput(kind="note", body="Dari paralegal desa"),
            origin=ContributionOrigin(kind="link", author_label="Pak Darto", link_id=1),
            by=AuditActor(label="client"),
        )
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    page = client.get(f"/org/{org_a.organisation.slug}/cases/{case.pk}/").content.decode()
    heading = page.split('id="contributions"', 1)[1].split("</h2>", 1)[0]
    assert "Dari paralegal desa" in page
    assert "badge warn" in heading and "1" in heading


@pytest.mark.parametrize("role", sorted(ORGANISATION_ROLES))
def test_every_recipient_role_is_allowed_or_refused_as_the_policy_says(org_a, org_b, shared, role):
    _case, grant, _consent = shared
    allowed = policy.allows(member(org_b, role), Action.SHARE_CONTRIBUTE)
    if allowed:
        _contribute(org_b, grant, role=role)
        assert len(_rows(org_a)) == 1
    else:
        with pytest.raises(PermissionDenied):
            _contribute(org_b, grant, role=role)
        assert _rows(org_a) == []
    assert allowed == (role != Role.ANALYST)


def test_ids_beyond_the_database_range_are_404(client, org_a, org_b, shared):
    case, _grant, _consent = shared
    huge = "9" * 25
    client.force_login(org_b.users[Role.CASE_LAWYER])
    assert client.get(_api(org_b, type("G", (), {"pk": huge}))).status_code == 404
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    url = f"/org/{org_a.organisation.slug}/api/v1/cases/{case.pk}/contributions/{huge}/hide/"
    response = client.post(url, {"reason": "x"}, content_type="application/json")
    assert response.status_code == 404


def test_contributions_are_restricted_with_the_chronology(client, org_a, org_b, shared):
    case, grant, _consent = shared
    _contribute(org_b, grant)
    with in_schema(org_a.organisation):
        Case.objects.filter(pk=case.pk).update(restricted_sections=["chronology"])
    page_url = f"/org/{org_a.organisation.slug}/cases/{case.pk}/"
    api_url = f"/org/{org_a.organisation.slug}/api/v1/cases/{case.pk}/contributions/"
    client.force_login(org_a.users[Role.RECEPTIONIST])
    assert VISIT.body not in client.get(page_url).content.decode()
    refused = client.get(api_url)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "section_restricted"
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    assert VISIT.body in client.get(page_url).content.decode()
    assert client.get(api_url).status_code == 200
