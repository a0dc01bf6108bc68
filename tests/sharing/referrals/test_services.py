"""Referrals: sending needs the client's consent for that receiver, the lifecycle table has one
door, acceptance makes exactly one case at the receiver from the sections sent, and status and
outcome flow back to the sender; every refusal changes nothing."""

from __future__ import annotations

import pytest

from hub.accounts.roles import ORGANISATION_ROLES, Role
from hub.consent.models import ConsentRecord
from hub.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from hub.core.models import AuditEvent
from sharing.referrals.models import Referral, ReferralStatus
from sharing.referrals.selectors import (
    referral_for_actor,
    referrals_awaiting_answer,
    referrals_of_case,
)
from sharing.referrals.services import (
    referral_answer,
    referral_complete,
    referral_move,
    referral_send,
    referral_withdraw,
)
from tenants.cases.models import Case, CasePerson
from tenants.events.models import Event
from tenants.events.services import EventData, event_record
from tests.builders import in_schema, member
from tests.sharing.referrals.conftest import consented_case


def _send(org_a, case, *, role=Role.DIVISION_HEAD, **kwargs):
    values = {
        "service": "psychosocial",
        "reason": "Klien mengalami trauma setelah kekerasan majikan.",
        "sections": ["summary"],
        **kwargs,
    }
    with in_schema(org_a.organisation):
        return referral_send(actor=member(org_a, role), case_id=case.pk, **values)


def _as(org, work, role=Role.DIVISION_HEAD):
    with in_schema(org.organisation):
        return work(member(org, role))


def _snapshot(org_b):
    with in_schema(org_b.organisation):
        cases = Case.objects.count()
    return (
        list(Referral.objects.values_list("id", "status", "decided_at", "outcome")),
        cases,
    )


# Sending ---------------------------------------------------------------------------------


def test_send_to_a_member_with_consent_to_share_keeps_the_package_and_audits_both_sides(
    org_a, org_b
):
    case = consented_case(org_a, share=True)
    referral = _send(org_a, case, receiver=org_b.organisation)
    assert referral.status == ReferralStatus.SENT
    assert referral.case_number == case.number and referral.sections == ["summary"]
    assert b"<?xml" in bytes(referral.package)[:100]
    with in_schema(org_a.organisation):
        assert AuditEvent.objects.filter(
            action="referral.sent", object_type="case", object_id=str(case.pk)
        ).exists()
    with in_schema(org_b.organisation):
        assert AuditEvent.objects.filter(action="referral.received").exists()


def test_send_to_an_agency_needs_consent_to_refer(org_a, agency):
    case = consented_case(org_a, refer=True)
    referral = _send(org_a, case, agency=agency)
    assert referral.agency == agency and referral.receiver is None


def test_send_without_consent_is_refused_with_409(org_a, org_b):
    case = consented_case(org_a)
    with pytest.raises(Conflict) as refused:
        _send(org_a, case, receiver=org_b.organisation)
    assert refused.value.code == "consent_missing"
    assert not Referral.objects.exists()


def test_consent_to_refer_only_does_not_cover_a_member(org_a, org_b):
    case = consented_case(org_a, refer=True)
    with pytest.raises(Conflict):
        _send(org_a, case, receiver=org_b.organisation)
    assert not Referral.objects.exists()


def test_consent_to_share_only_does_not_cover_an_agency(org_a, agency):
    case = consented_case(org_a, share=True)
    with pytest.raises(Conflict):
        _send(org_a, case, agency=agency)
    assert not Referral.objects.exists()


def test_consent_limited_to_other_members_does_not_cover_this_one(org_a, org_b):
    case = consented_case(org_a, share=True, share_with=["another-member"])
    with pytest.raises(Conflict):
        _send(org_a, case, receiver=org_b.organisation)
    assert not Referral.objects.exists()


def test_withdrawn_consent_stops_new_referrals(org_a, org_b):
    case = consented_case(org_a, share=True)
    ConsentRecord.objects.filter(case_id=case.pk).update(withdrawn_at="2026-01-01T00:00Z")
    with pytest.raises(Conflict):
        _send(org_a, case, receiver=org_b.organisation)
    assert not Referral.objects.exists()


@pytest.mark.parametrize("role", [Role.RECEPTIONIST, Role.ANALYST, Role.CASE_LAWYER])
def test_roles_not_assigned_to_the_case_may_not_refer_it(org_a, org_b, role):
    case = consented_case(org_a, share=True)
    with pytest.raises(PermissionDenied):
        _send(org_a, case, role=role, receiver=org_b.organisation)
    assert not Referral.objects.exists()


def test_a_case_of_another_organisation_is_not_found(org_a, org_b):
    case = consented_case(org_a, share=True)
    with in_schema(org_b.organisation), pytest.raises(NotFound):
        referral_send(
            actor=member(org_b, Role.DIVISION_HEAD),
            case_id=case.pk + 100000,
            service="legal",
            reason="x",
            sections=["summary"],
            receiver=org_a.organisation,
        )
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"service": "no-such-service"},
        {"sections": []},
        {"sections": ["summary", "secrets"]},
        {"reason": "   "},
        {"reason": "x" * 5000},
    ],
)
def test_bad_input_is_refused_with_400(org_a, org_b, change):
    case = consented_case(org_a, share=True)
    with pytest.raises(DomainError) as refused:
        _send(org_a, case, receiver=org_b.organisation, **change)
    assert refused.value.status == 400
    assert not Referral.objects.exists()


def test_a_case_is_not_referred_to_its_own_organisation_nor_to_two_receivers(org_a, org_b, agency):
    case = consented_case(org_a, share=True, refer=True)
    for receivers in (
        {"receiver": org_a.organisation},
        {},
        {"receiver": org_b.organisation, "agency": agency},
    ):
        with pytest.raises(DomainError) as refused:
            _send(org_a, case, **receivers)
        assert refused.value.status == 400
    assert not Referral.objects.exists()


def test_an_agency_is_asked_only_for_a_service_it_gives(org_a, agency):
    case = consented_case(org_a, refer=True)
    with pytest.raises(DomainError):
        _send(org_a, case, agency=agency, service="legal")
    agency.active = False
    agency.save()
    with pytest.raises(DomainError):
        _send(org_a, case, agency=agency)
    assert not Referral.objects.exists()


def test_the_same_open_referral_is_not_sent_twice(org_a, org_b):
    case = consented_case(org_a, share=True)
    _send(org_a, case, receiver=org_b.organisation)
    with pytest.raises(Conflict):
        _send(org_a, case, receiver=org_b.organisation)
    assert Referral.objects.count() == 1


# Answering -------------------------------------------------------------------------------


def test_acceptance_makes_exactly_one_case_at_the_receiver_with_the_sections_sent(org_a, org_b):
    case = consented_case(org_a, share=True)
    with in_schema(org_a.organisation):
        event_record(
            actor=member(org_a, Role.DIVISION_HEAD),
            case=case,
            data=EventData(description="Dipukul majikan"),
        )
    referral = _send(org_a, case, receiver=org_b.organisation, sections=["summary"])
    with in_schema(org_b.organisation):
        before = Case.objects.count()
    accepted = _as(org_b, lambda a: referral_answer(actor=a, referral_id=referral.pk, accept=True))
    assert accepted.status == ReferralStatus.ACCEPTED and accepted.decided_at is not None
    with in_schema(org_b.organisation):
        assert Case.objects.count() == before + 1
        new = Case.objects.get(pk=accepted.receiver_case_id)
        assert new.number == accepted.receiver_case_number
        assert new.received_via == "referral"
        assert new.title == case.title
        # Only the summary was sent: no people and no events came with it.
        assert not CasePerson.objects.filter(case=new).exists()
        assert not Event.objects.filter(case=new).exists()
        assert AuditEvent.objects.filter(action="referral.accepted").exists()
    with in_schema(org_a.organisation):
        assert AuditEvent.objects.filter(
            action="referral.accepted", object_type="case", object_id=str(case.pk)
        ).exists()


def test_people_and_events_travel_when_those_sections_are_sent(org_a, org_b):
    case = consented_case(org_a, share=True)
    with in_schema(org_a.organisation):
        event_record(
            actor=member(org_a, Role.DIVISION_HEAD),
            case=case,
            data=EventData(description="Dipukul majikan"),
        )
    referral = _send(
        org_a, case, receiver=org_b.organisation, sections=["summary", "people", "events"]
    )
    accepted = _as(org_b, lambda a: referral_answer(actor=a, referral_id=referral.pk, accept=True))
    with in_schema(org_b.organisation):
        new = Case.objects.get(pk=accepted.receiver_case_id)
        assert CasePerson.objects.filter(case=new).exists()
        assert Event.objects.filter(case=new, description="Dipukul majikan").exists()


@pytest.mark.parametrize("role", [Role.CASE_LAWYER, Role.RECEPTIONIST, Role.OFFICE_ADMIN])
def test_only_the_receivers_division_head_answers(org_a, org_b, role):
    case = consented_case(org_a, share=True)
    referral = _send(org_a, case, receiver=org_b.organisation)
    before = _snapshot(org_b)
    with pytest.raises(PermissionDenied):
        _as(org_b, lambda a: referral_answer(actor=a, referral_id=referral.pk, accept=True), role)
    assert _snapshot(org_b) == before


def test_the_sender_does_not_answer_its_own_referral_to_a_member(org_a, org_b):
    case = consented_case(org_a, share=True)
    referral = _send(org_a, case, receiver=org_b.organisation)
    before = _snapshot(org_b)
    with pytest.raises(PermissionDenied) as refused:
        _as(org_a, lambda a: referral_answer(actor=a, referral_id=referral.pk, accept=True))
    assert refused.value.code == "wrong_side"
    assert _snapshot(org_b) == before


def test_a_referral_is_answered_once(org_a, org_b):
    case = consented_case(org_a, share=True)
    referral = _send(org_a, case, receiver=org_b.organisation)
    _as(org_b, lambda a: referral_answer(actor=a, referral_id=referral.pk, accept=True))
    before = _snapshot(org_b)
    for accept in (True, False):
        with pytest.raises(Conflict):
            _as(
                org_b,
                lambda a, accept=accept: referral_answer(
                    actor=a, referral_id=referral.pk, accept=accept, reason="Penuh"
                ),
            )
    assert _snapshot(org_b) == before


def test_a_withdrawn_referral_cannot_be_answered(org_a, org_b):
    case = consented_case(org_a, share=True)
    referral = _send(org_a, case, receiver=org_b.organisation)
    withdrawn = _as(org_a, lambda a: referral_withdraw(actor=a, referral_id=referral.pk))
    assert withdrawn.status == ReferralStatus.WITHDRAWN and withdrawn.withdrawn_at
    before = _snapshot(org_b)
    with pytest.raises(Conflict):
        _as(org_b, lambda a: referral_answer(actor=a, referral_id=referral.pk, accept=True))
    assert _snapshot(org_b) == before


def test_declining_needs_a_reason_and_makes_no_case(org_a, org_b):
    case = consented_case(org_a, share=True)
    referral = _send(org_a, case, receiver=org_b.organisation)
    before = _snapshot(org_b)
    with pytest.raises(DomainError) as refused:
        _as(org_b, lambda a: referral_answer(actor=a, referral_id=referral.pk, accept=False))
    assert refused.value.status == 400
    assert _snapshot(org_b) == before
    declined = _as(
        org_b,
        lambda a: referral_answer(
            actor=a, referral_id=referral.pk, accept=False, reason="Kuota konselor penuh"
        ),
    )
    assert declined.status == ReferralStatus.DECLINED
    assert declined.decline_reason == "Kuota konselor penuh"
    assert _snapshot(org_b)[1] == before[1]


def test_acceptance_is_refused_once_consent_is_withdrawn(org_a, org_b):
    case = consented_case(org_a, share=True)
    referral = _send(org_a, case, receiver=org_b.organisation)
    ConsentRecord.objects.filter(case_id=case.pk).update(withdrawn_at="2026-01-01T00:00Z")
    before = _snapshot(org_b)
    with pytest.raises(Conflict):
        _as(org_b, lambda a: referral_answer(actor=a, referral_id=referral.pk, accept=True))
    assert _snapshot(org_b) == before


def test_outcome_flows_back_to_the_sender(org_a, org_b):
    case = consented_case(org_a, share=True)
    referral = _send(org_a, case, receiver=org_b.organisation)
    with pytest.raises(Conflict):  # not accepted yet
        _as(org_b, lambda a: referral_complete(actor=a, referral_id=referral.pk, outcome="x"))
    _as(org_b, lambda a: referral_answer(actor=a, referral_id=referral.pk, accept=True))
    with pytest.raises(DomainError):  # an outcome is required
        _as(org_b, lambda a: referral_complete(actor=a, referral_id=referral.pk, outcome=" "))
    _as(
        org_b,
        lambda a: referral_complete(
            actor=a, referral_id=referral.pk, outcome="Konseling 4 sesi, klien stabil."
        ),
    )
    with in_schema(org_a.organisation):
        seen = referrals_of_case(actor=member(org_a, Role.DIVISION_HEAD), case=case).get()
        assert seen.status == ReferralStatus.COMPLETED
        assert seen.outcome == "Konseling 4 sesi, klien stabil."
        assert AuditEvent.objects.filter(action="referral.completed").exists()


def test_withdrawal_is_the_senders_and_only_while_sent(org_a, org_b):
    case = consented_case(org_a, share=True)
    referral = _send(org_a, case, receiver=org_b.organisation)
    with pytest.raises(PermissionDenied):
        _as(org_b, lambda a: referral_withdraw(actor=a, referral_id=referral.pk))
    _as(org_b, lambda a: referral_answer(actor=a, referral_id=referral.pk, accept=True))
    with pytest.raises(Conflict):
        _as(org_a, lambda a: referral_withdraw(actor=a, referral_id=referral.pk))
    assert Referral.objects.get().status == ReferralStatus.ACCEPTED


def test_the_sender_records_an_agencys_answer_and_outcome_by_hand(org_a, agency):
    case = consented_case(org_a, refer=True)
    referral = _send(org_a, case, agency=agency)
    _as(org_a, lambda a: referral_answer(actor=a, referral_id=referral.pk, accept=True))
    done = _as(
        org_a,
        lambda a: referral_complete(actor=a, referral_id=referral.pk, outcome="Ditampung 2 minggu"),
    )
    assert done.status == ReferralStatus.COMPLETED and done.receiver_case_id is None


def test_unknown_moves_and_foreign_referrals_are_refused(org_a, org_b, agency):
    case = consented_case(org_a, refer=True)
    referral = _send(org_a, case, agency=agency)
    with pytest.raises(Conflict):
        _as(org_a, lambda a: referral_move(actor=a, referral_id=referral.pk, move="approve"))
    for referral_id in (referral.pk, "abc", 999999):
        with pytest.raises(NotFound):
            _as(org_b, lambda a, rid=referral_id: referral_withdraw(actor=a, referral_id=rid))
        with pytest.raises(NotFound):
            _as(org_b, lambda a, rid=referral_id: referral_for_actor(actor=a, referral_id=rid))
    assert Referral.objects.get().status == ReferralStatus.SENT


def test_the_receivers_queue_lists_what_waits_for_its_answer(org_a, org_b):
    case = consented_case(org_a, share=True)
    referral = _send(org_a, case, receiver=org_b.organisation)
    waiting = _as(org_b, lambda a: list(referrals_awaiting_answer(actor=a)))
    assert [r.pk for r in waiting] == [referral.pk]
    assert _as(org_a, lambda a: list(referrals_awaiting_answer(actor=a))) == []


def test_withdrawing_consent_withdraws_the_referrals_waiting_for_an_answer(org_a, org_b, agency):
    from hub.consent.services import consent_withdraw
    from hub.core.audit import AuditActor
    from hub.core.outbox import outbox_dispatch
    from hub.organisations.context import organisation_context

    case = consented_case(org_a, share=True, refer=True)
    waiting = _send(org_a, case, receiver=org_b.organisation)
    answered = _send(org_a, case, agency=agency)
    _as(org_a, lambda a: referral_answer(actor=a, referral_id=answered.pk, accept=True))
    consent = ConsentRecord.objects.get(case_id=case.pk, organisation=org_a.organisation)
    consent_withdraw(consent=consent, by=AuditActor(label="worker by phone"))
    with organisation_context(None):
        outbox_dispatch()
    waiting.refresh_from_db()
    answered.refresh_from_db()
    assert waiting.status == ReferralStatus.WITHDRAWN and waiting.withdrawn_by == "withdrawal"
    assert answered.status == ReferralStatus.ACCEPTED
    with in_schema(org_b.organisation):
        assert AuditEvent.objects.filter(action="referral.withdrawn").exists()
    with pytest.raises(Conflict):
        _as(org_b, lambda a: referral_answer(actor=a, referral_id=waiting.pk, accept=True))


def test_an_unreadable_package_is_a_409_and_makes_no_case(org_a, org_b):
    case = consented_case(org_a, share=True)
    referral = _send(org_a, case, receiver=org_b.organisation)
    Referral.objects.filter(pk=referral.pk).update(package=b"<not-a-package/>")
    before = _snapshot(org_b)
    with pytest.raises(Conflict) as refused:
        _as(org_b, lambda a: referral_answer(actor=a, referral_id=referral.pk, accept=True))
    assert refused.value.code == "invalid_package"
    assert _snapshot(org_b) == before


CONSENTS = {
    "none": {},
    "share": {"share": True},
    "share_with_b": {"share": True, "share_with": ["sbmi-uji"]},
    "share_with_other": {"share": True, "share_with": ["another-member"]},
    "refer": {"refer": True},
    "share_and_refer": {"share": True, "refer": True},
}
# (consent, receiver) → may the case be referred there?
ALLOWED = {
    ("share", "member"),
    ("share_with_b", "member"),
    ("share_and_refer", "member"),
    ("refer", "agency"),
    ("share_and_refer", "agency"),
}


@pytest.mark.parametrize("receiver", ["member", "agency"])
@pytest.mark.parametrize("consent", sorted(CONSENTS))
def test_consent_by_receiver_matrix(org_a, org_b, agency, consent, receiver):
    case = consented_case(org_a, **CONSENTS[consent])
    to = {"receiver": org_b.organisation} if receiver == "member" else {"agency": agency}
    if (consent, receiver) in ALLOWED:
        assert _send(org_a, case, **to).status == ReferralStatus.SENT
    else:
        with pytest.raises(Conflict):
            _send(org_a, case, **to)
        assert not Referral.objects.exists()


@pytest.mark.parametrize("role", sorted(ORGANISATION_ROLES))
def test_role_matrix_for_sending_and_answering(org_a, org_b, role):
    """Nobody is assigned to this case: only the division heads send and answer."""
    case = consented_case(org_a, share=True)
    if role == Role.DIVISION_HEAD:
        referral = _send(org_a, case, role=role, receiver=org_b.organisation)
        _as(
            org_b,
            lambda a: referral_answer(actor=a, referral_id=referral.pk, accept=False, reason="x"),
            role,
        )
        assert Referral.objects.get().status == ReferralStatus.DECLINED
        return
    with pytest.raises(PermissionDenied):
        _send(org_a, case, role=role, receiver=org_b.organisation)
    referral = _send(org_a, case, receiver=org_b.organisation)
    with pytest.raises(PermissionDenied):
        _as(org_b, lambda a: referral_answer(actor=a, referral_id=referral.pk, accept=True), role)
    assert Referral.objects.get().status == ReferralStatus.SENT


def test_a_referral_sent_before_a_partial_withdrawal_is_withdrawn_with_sharing_later(org_a, org_b):
    """The client first withdraws statistics (the referral's consent record is superseded, the
    referral stays), then sharing: the referral still waiting must be withdrawn too, although
    it was sent under the first record."""
    from hub.consent.models import WithdrawnVia
    from hub.consent.services import consent_withdraw_for_case
    from hub.core.audit import AuditActor
    from hub.core.outbox import outbox_dispatch
    from hub.organisations.context import organisation_context

    case = consented_case(org_a, share=True)
    ConsentRecord.objects.filter(case_id=case.pk, organisation=org_a.organisation).update(
        statistics=True
    )
    referral = _send(org_a, case, receiver=org_b.organisation)
    for purposes in (["statistics"], ["share"]):
        with in_schema(org_a.organisation):
            consent_withdraw_for_case(
                organisation=org_a.organisation,
                case_id=case.pk,
                purposes=purposes,
                via=WithdrawnVia.ORGANISATION,
                by=AuditActor(label="worker by phone"),
            )
        with organisation_context(None):
            outbox_dispatch()
        referral.refresh_from_db()
        if purposes == ["statistics"]:
            assert referral.status == ReferralStatus.SENT
    assert referral.status == ReferralStatus.WITHDRAWN
    with pytest.raises(Conflict):
        _as(org_b, lambda a: referral_answer(actor=a, referral_id=referral.pk, accept=True))


@pytest.mark.parametrize(
    ("restricted", "sections"), [(True, []), (False, ["chronology"])], ids=["case", "chronology"]
)
def test_a_restricted_case_stays_restricted_at_the_receiver(org_a, org_b, restricted, sections):
    """A case restricted to its assigned staff (sexual violence, children), or a part of it,
    referred and accepted: the receiver's new case is restricted the same way, not open to
    all of the receiver's staff."""
    from tenants.cases.services import case_restrict

    case = consented_case(org_a, share=True)
    _as(
        org_a,
        lambda a: case_restrict(actor=a, case_id=case.pk, restricted=restricted, sections=sections),
    )
    referral = _send(org_a, case, receiver=org_b.organisation, sections=["summary", "events"])
    accepted = _as(org_b, lambda a: referral_answer(actor=a, referral_id=referral.pk, accept=True))
    with in_schema(org_b.organisation):
        received = Case.objects.get(pk=accepted.receiver_case_id)
    assert (received.restricted, received.restricted_sections) == (restricted, sections)
