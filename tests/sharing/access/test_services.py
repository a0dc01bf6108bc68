"""Access requests: a national office asks, the office's division head decides; approval is a
time-limited share under the client's consent, and every refusal leaves everything as it was."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hub.accounts.access import Actor
from hub.accounts.roles import Role
from hub.consent.models import ConsentRecord
from hub.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from hub.core.models import AuditEvent
from hub.organisations.models import Organisation
from sharing.access.models import AccessRequest, AccessStatus
from sharing.access.selectors import (
    access_request_for_actor,
    access_requests_awaiting,
    access_requests_received,
    access_requests_sent,
)
from sharing.access.services import (
    access_request_create,
    access_request_decide,
    access_request_withdraw,
)
from sharing.models import ShareGrant
from sharing.services import ConsentMissing
from tenants.cases.models import Case
from tests.builders import in_schema
from tests.sharing.access.conftest import consented_case


def _ask(world, number: str, *, role: str = Role.DIVISION_HEAD, **fields) -> AccessRequest:
    values = {
        "owner": world.office,
        "case_number": number,
        "reason": "Kasus strategis untuk advokasi nasional",
        "sections": ["summary", "events"],
        **fields,
    }
    with in_schema(world.national):
        return access_request_create(actor=world.national_actor(role), **values)


def _decide(world, request, decision: str, note: str = "", role: str = Role.DIVISION_HEAD):
    with in_schema(world.office):
        return access_request_decide(
            actor=world.office_actor(role), request_id=request.pk, decision=decision, note=note
        )


def _trail(organisation: Organisation, action: str) -> list[AuditEvent]:
    with in_schema(organisation):
        return list(AuditEvent.objects.filter(action=action, object_type="access_request"))


def _rows():
    return (
        list(AccessRequest.objects.values_list("id", "status", "case_id", "share_id")),
        ShareGrant.objects.count(),
    )


def test_a_national_office_asks_its_office_and_both_trails_record_it(national):
    case = consented_case(national.office)
    request = _ask(national, f"  {case.number.lower()} ")
    assert request.status == AccessStatus.PENDING
    assert request.case_number == case.number
    assert request.case_id is None  # filled in only when the office approves
    assert request.sections == ["events", "summary"] and request.duration_days == 30
    for organisation in (national.national, national.office):
        [event] = _trail(organisation, "access.requested")
        assert event.detail["case_number"] == case.number
        assert event.actor_organisation == national.national.slug


def test_a_number_no_case_has_is_sent_all_the_same_and_only_the_office_sees_no_match(national):
    request = _ask(national, "LBH-UJI/2020/9999")
    assert request.status == AccessStatus.PENDING
    with in_schema(national.national):
        [sent] = access_requests_sent(actor=national.national_actor())
    assert sent.pk == request.pk and sent.case_id is None
    with in_schema(national.office):
        [received] = access_requests_received(actor=national.office_actor())
    assert received.matched_case_id is None


def test_the_office_sees_the_case_a_request_names(national):
    case = consented_case(national.office)
    _ask(national, case.number)
    with in_schema(national.office):
        [waiting] = access_requests_awaiting(actor=national.office_actor())
    assert waiting.matched_case_id == case.pk


def test_an_organisation_that_is_not_a_national_office_may_not_ask(national, org_a):
    Organisation.objects.filter(pk=national.national.pk).update(is_national_office=False)
    national = type(national)(
        office=national.office,
        national=Organisation.objects.get(pk=national.national.pk),
        office_world=national.office_world,
        national_world=national.national_world,
    )
    with pytest.raises(PermissionDenied) as refused:
        _ask(national, "LBH-UJI/2026/0001")
    assert refused.value.code == "not_national_office"
    assert _rows() == ([], 0)


def test_a_national_office_may_not_ask_an_organisation_that_is_not_its_office(national):
    Organisation.objects.filter(pk=national.office.pk).update(national_office=None)
    with pytest.raises(PermissionDenied) as refused:
        _ask(national, "LBH-UJI/2026/0001")
    assert refused.value.code == "not_its_office"
    with pytest.raises(PermissionDenied):
        _ask(national, "LBH-UJI/2026/0001", owner=national.national)
    assert _rows() == ([], 0)


@pytest.mark.parametrize("role", [Role.RECEPTIONIST, Role.ANALYST, Role.CONSULTATION_LAWYER])
def test_roles_of_the_national_office_that_may_not_ask_are_refused(national, role):
    with pytest.raises(PermissionDenied) as refused:
        _ask(national, "LBH-UJI/2026/0001", role=role)
    assert refused.value.code == "role_not_allowed"
    assert _rows() == ([], 0)


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"reason": "   "}, "reason"),
        ({"case_number": ""}, "case_number"),
        ({"sections": []}, "sections"),
        ({"sections": ["summary", "secrets"]}, "sections"),
        ({"duration_days": 0}, "duration_days"),
        ({"duration_days": 181}, "duration_days"),
        ({"reason": "x" * 2001}, "reason"),
    ],
)
def test_a_request_with_bad_fields_is_refused(national, fields, field):
    number = fields.pop("case_number", "LBH-UJI/2026/0001")
    with pytest.raises(DomainError) as refused:
        _ask(national, number, **fields)
    assert refused.value.status == 400 and field in refused.value.fields
    assert _rows() == ([], 0)


def test_the_same_question_twice_while_it_waits_is_refused(national):
    _ask(national, "LBH-UJI/2026/0001")
    before = _rows()
    with pytest.raises(Conflict) as refused:
        _ask(national, "lbh-uji/2026/0001")
    assert refused.value.code == "request_pending"
    assert _rows() == before


def test_approval_grants_a_share_for_the_days_and_sections_asked(national):
    case = consented_case(national.office)
    request = _ask(national, case.number, duration_days=45, sections=["events"])
    approved = _decide(national, request, "approved", note="Silakan")
    grant = approved.share
    assert approved.status == AccessStatus.APPROVED and approved.case_id == case.pk
    assert grant.recipient_id == national.national.pk and grant.owner_id == national.office.pk
    assert grant.case_id == case.pk and grant.sections == ["events"]
    assert grant.expires_at == approved.decided_at + timedelta(days=45)
    assert grant.is_live
    for organisation in (national.national, national.office):
        [event] = _trail(organisation, "access.approved")
        assert event.detail["grant"] == grant.pk
    with in_schema(national.office):
        assert AuditEvent.objects.filter(
            action="share.granted", object_type="case", object_id=str(case.pk)
        ).exists()


def test_a_decline_says_why_and_creates_nothing(national):
    case = consented_case(national.office)
    request = _ask(national, case.number)
    with pytest.raises(DomainError) as refused:
        _decide(national, request, "declined", note=" ")
    assert refused.value.code == "reason_required"
    assert AccessRequest.objects.get().status == AccessStatus.PENDING
    declined = _decide(national, request, "declined", note="Klien belum setuju")
    assert declined.status == AccessStatus.DECLINED and declined.share is None
    assert declined.decision_note == "Klien belum setuju"
    assert not ShareGrant.objects.exists()
    assert len(_trail(national.national, "access.declined")) == 1


def test_without_the_clients_consent_approval_is_refused_and_the_request_waits(national):
    case = consented_case(national.office, share=False)
    request = _ask(national, case.number)
    before = _rows()
    with pytest.raises(ConsentMissing):
        _decide(national, request, "approved")
    assert _rows() == before
    assert AccessRequest.objects.get().status == AccessStatus.PENDING
    assert _trail(national.office, "access.approved") == []


def test_approving_a_number_that_matches_no_case_is_refused(national):
    request = _ask(national, "LBH-UJI/2020/9999")
    with pytest.raises(Conflict) as refused:
        _decide(national, request, "approved")
    assert refused.value.code == "case_not_matching"
    assert _rows() == ([(request.pk, AccessStatus.PENDING, None, None)], 0)


def test_a_second_decision_is_refused(national):
    case = consented_case(national.office)
    request = _ask(national, case.number)
    _decide(national, request, "approved")
    before = _rows()
    for decision, note in (("approved", ""), ("declined", "Tidak jadi")):
        with pytest.raises(Conflict) as refused:
            _decide(national, request, decision, note=note)
        assert refused.value.code == "already_settled"
    assert _rows() == before


@pytest.mark.parametrize("role", [Role.CASE_LAWYER, Role.RECEPTIONIST, Role.OFFICE_ADMIN])
def test_only_the_offices_division_head_decides(national, role):
    case = consented_case(national.office)
    request = _ask(national, case.number)
    before = _rows()
    with pytest.raises(PermissionDenied) as refused:
        _decide(national, request, "approved", role=role)
    assert refused.value.code == "role_not_allowed"
    assert _rows() == before


def test_the_national_office_may_not_approve_its_own_request(national):
    case = consented_case(national.office)
    request = _ask(national, case.number)
    before = _rows()
    with in_schema(national.national), pytest.raises(PermissionDenied) as refused:
        access_request_decide(
            actor=national.national_actor(), request_id=request.pk, decision="approved"
        )
    assert refused.value.code == "wrong_side"
    assert _rows() == before


def test_the_requester_withdraws_and_the_office_cannot(national):
    request = _ask(national, "LBH-UJI/2026/0001")
    with in_schema(national.office), pytest.raises(PermissionDenied) as refused:
        access_request_withdraw(actor=national.office_actor(), request_id=request.pk)
    assert refused.value.code == "wrong_side"
    with in_schema(national.national):
        withdrawn = access_request_withdraw(
            actor=national.national_actor(Role.CASE_LAWYER), request_id=request.pk
        )
    assert withdrawn.status == AccessStatus.WITHDRAWN
    assert len(_trail(national.office, "access.withdrawn")) == 1
    with pytest.raises(Conflict):
        _decide(national, request, "approved")
    assert not ShareGrant.objects.exists()


def test_an_organisation_that_is_no_side_of_a_request_gets_404(national):
    # A request between A and itself: B is no side of it.
    other = AccessRequest.objects.create(
        requester=national.office,
        owner=national.office,
        case_number="LBH-UJI/2026/0001",
        reason="x",
        sections=["summary"],
        created_by="test",
    )
    with in_schema(national.national):
        with pytest.raises(NotFound):
            access_request_for_actor(actor=national.national_actor(), request_id=other.pk)
        with pytest.raises(NotFound):
            access_request_withdraw(actor=national.national_actor(), request_id=other.pk)
    for bad in ("x", None, 2**70):
        with in_schema(national.office), pytest.raises(NotFound):
            access_request_for_actor(actor=national.office_actor(), request_id=bad)
    assert AccessRequest.objects.get().status == AccessStatus.PENDING


def test_network_coordinators_see_nothing_of_it(national, coordinator):
    request = _ask(national, "LBH-UJI/2026/0001")
    network = Actor(label="coordinator", roles=frozenset({Role.COORDINATOR}), user_id=1)
    with pytest.raises(PermissionDenied):
        access_requests_sent(actor=network)
    with pytest.raises(PermissionDenied):
        access_requests_received(actor=network)
    with pytest.raises(NotFound):
        access_request_for_actor(actor=network, request_id=request.pk)


def test_an_unknown_decision_is_refused(national):
    request = _ask(national, "LBH-UJI/2026/0001")
    for decision in ("withdrawn", "pending", "maybe"):
        with pytest.raises(DomainError):
            _decide(national, request, decision)
    assert AccessRequest.objects.get().status == AccessStatus.PENDING


def test_consent_limited_to_other_members_refuses_approval(national):
    case = consented_case(national.office)
    ConsentRecord.objects.filter(organisation=national.office, case_id=case.pk).update(
        share_with=["migrant-aid-hk"]
    )
    request = _ask(national, case.number)
    with pytest.raises(ConsentMissing):
        _decide(national, request, "approved")
    assert _rows() == ([(request.pk, AccessStatus.PENDING, None, None)], 0)


def test_consent_naming_the_national_office_allows_approval(national):
    case = consented_case(national.office)
    ConsentRecord.objects.filter(organisation=national.office, case_id=case.pk).update(
        share_with=[national.national.slug]
    )
    request = _ask(national, case.number)
    assert _decide(national, request, "approved").share.is_live


def test_a_restricted_case_is_not_shared_and_the_request_waits(national):
    case = consented_case(national.office)
    with in_schema(national.office):
        Case.objects.filter(pk=case.pk).update(restricted=True)
    request = _ask(national, case.number)
    with pytest.raises(DomainError) as refused:
        _decide(national, request, "approved")
    assert refused.value.code == "case_restricted"
    assert _rows() == ([(request.pk, AccessStatus.PENDING, None, None)], 0)
