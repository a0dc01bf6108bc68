"""The complaint lifecycle: one table, one transition service. Every move is audited and
leaves a decision in the complaint's history; every refusal changes nothing."""

from __future__ import annotations

import pytest

from hub.accounts.access import Actor
from hub.accounts.roles import Role
from hub.core.errors import DomainError, NotFound, PermissionDenied
from hub.core.models import ACTION_LABELS, AuditEvent
from hub.core.outbox import outbox_dispatch
from hub.intake.lifecycle import TRANSITIONS, ComplaintStatus, Move, moves_for
from hub.intake.models import Complaint, ComplaintDecision
from hub.intake.selectors import complaint_public_status
from hub.intake.services import (
    TransitionNotAllowed,
    complaint_transition,
    complaints_escalate_overdue,
)
from hub.organisations.context import organisation_context
from tenants.cases.lifecycle import Move as CaseMove
from tenants.cases.registration import case_open_from_complaint
from tenants.cases.services import case_transition
from tests.builders import complaint, in_schema, member

pytestmark = pytest.mark.django_db


def _network(role: str = Role.COORDINATOR) -> Actor:
    return Actor(label=f"{role}@network.test", roles=frozenset({role}))


def _snapshot(receipt_code: str) -> tuple:
    c = Complaint.objects.get(receipt_code=receipt_code)
    return (
        c.status,
        c.handling_organisation_id,
        c.accepted_case_id,
        c.merged_into_id,
        c.closed_reason,
        c.decisions.count(),
        AuditEvent.objects.filter(object_type="complaint", object_id=receipt_code).count(),
    )


def _refused(exc_type, receipt_code: str, **kwargs) -> None:
    before = _snapshot(receipt_code)
    with pytest.raises(exc_type):
        complaint_transition(receipt_code=receipt_code, **kwargs)
    assert _snapshot(receipt_code) == before


def test_every_event_of_the_table_has_an_audit_label():
    assert {rule.event for rule in TRANSITIONS.values()} <= set(ACTION_LABELS)


def test_submit_places_the_complaint_through_the_table(org_a):
    chosen = complaint(org_a.organisation)
    assert chosen.status == ComplaintStatus.INBOX and chosen.placed_at is not None
    nowhere = complaint(None, country_of_work="JP", issue_types=("other",))
    assert nowhere.status == ComplaintStatus.TRIAGE and nowhere.handling_organisation is None
    event = AuditEvent.objects.get(object_id=chosen.receipt_code, action="complaint.submitted")
    assert event.detail["to"] == "inbox" and event.detail["routed_to"] == org_a.organisation.slug


def test_decline_reroutes_skipping_who_declined_and_is_audited(org_a, org_b):
    c = complaint(org_a.organisation, country_of_work="HK", issue_types=("documents_withheld",))
    with in_schema(org_a.organisation):
        moved = complaint_transition(
            actor=member(org_a, Role.DIVISION_HEAD),
            receipt_code=c.receipt_code,
            move=Move.DECLINE,
            reason="Di luar wilayah kami",
        )
    assert moved.status == ComplaintStatus.INBOX
    assert moved.handling_organisation == org_b.organisation
    kinds = list(moved.decisions.values_list("kind", flat=True))
    assert kinds == ["routed", "declined", "routed"]
    event = AuditEvent.objects.get(object_id=c.receipt_code, action="complaint.declined")
    assert event.detail["from"] == "inbox" and event.detail["routed_to"] == "sbmi-uji"
    # B declines too: nobody else matches, so the network places it.
    with in_schema(org_b.organisation):
        moved = complaint_transition(
            actor=member(org_b, Role.DIVISION_HEAD),
            receipt_code=c.receipt_code,
            move=Move.DECLINE,
            reason="Penuh",
        )
    assert moved.status == ComplaintStatus.TRIAGE and moved.handling_organisation is None


def test_decline_refusals_change_nothing(org_a, org_b):
    c = complaint(org_a.organisation)
    with in_schema(org_a.organisation):
        _refused(
            DomainError,
            c.receipt_code,
            actor=member(org_a, Role.DIVISION_HEAD),
            move=Move.DECLINE,
            reason="  ",
        )
        _refused(
            PermissionDenied,
            c.receipt_code,
            actor=member(org_a, Role.RECEPTIONIST),
            move=Move.DECLINE,
            reason="Tidak",
        )
        _refused(
            TransitionNotAllowed,
            c.receipt_code,
            actor=member(org_a, Role.DIVISION_HEAD),
            move="fly",
        )
        # The organisation's own API client may not escalate: that is the network's move.
        _refused(
            PermissionDenied,
            c.receipt_code,
            actor=Actor(
                label="api", roles=frozenset({Role.SYSTEM}), organisation=org_a.organisation
            ),
            move=Move.ESCALATE,
        )
    with in_schema(org_b.organisation):  # another organisation's inbox: not found
        _refused(
            NotFound,
            c.receipt_code,
            actor=member(org_b, Role.DIVISION_HEAD),
            move=Move.DECLINE,
            reason="Bukan milik kami",
        )


def test_accept_needs_the_case_and_happens_once(org_a):
    c = complaint(org_a.organisation)
    head = member(org_a, Role.DIVISION_HEAD)
    with in_schema(org_a.organisation):
        _refused(DomainError, c.receipt_code, actor=head, move=Move.ACCEPT)
        case = case_open_from_complaint(actor=head, receipt_code=c.receipt_code)
        c.refresh_from_db()
        assert c.status == ComplaintStatus.ACCEPTED and c.accepted_case_id == case.pk
        assert c.handling_organisation == org_a.organisation and c.case_stage == "registration"
        _refused(NotFound, c.receipt_code, actor=head, move=Move.ACCEPT, case_id=case.pk)
    # The network cannot move an accepted complaint either.
    _refused(TransitionNotAllowed, c.receipt_code, actor=_network(), move=Move.CLOSE, reason="x")


def test_network_moves_and_their_refusals(org_a, org_b):
    triaged = complaint(None, country_of_work="JP", issue_types=("other",))
    coordinator = _network()
    code = triaged.receipt_code
    _refused(PermissionDenied, code, actor=_network(Role.NETWORK_ANALYST), move=Move.ASSIGN)
    _refused(DomainError, code, actor=coordinator, move=Move.ASSIGN)  # no organisation
    _refused(DomainError, code, actor=coordinator, move=Move.CLOSE, reason="")
    _refused(DomainError, code, actor=coordinator, move=Move.MERGE, duplicate_of=code)
    _refused(DomainError, code, actor=coordinator, move=Move.MERGE, duplicate_of="ZZZZ-ZZZZ")
    _refused(TransitionNotAllowed, code, actor=coordinator, move=Move.ESCALATE)  # from triage
    _refused(TransitionNotAllowed, code, actor=coordinator, move=Move.ACCEPT, case_id=1)
    with in_schema(org_a.organisation):  # an organisation cannot triage, even its head
        _refused(
            NotFound,
            code,
            actor=member(org_a, Role.DIVISION_HEAD),
            move=Move.ASSIGN,
            organisation=org_a.organisation,
        )

    assigned = complaint_transition(
        actor=coordinator, receipt_code=code, move=Move.ASSIGN, organisation=org_b.organisation
    )
    assert assigned.status == ComplaintStatus.INBOX
    assert assigned.handling_organisation == org_b.organisation
    _refused(
        DomainError, code, actor=coordinator, move=Move.ASSIGN, organisation=org_b.organisation
    )

    original = complaint(org_a.organisation)
    merged = complaint_transition(
        actor=coordinator, receipt_code=code, move=Move.MERGE, duplicate_of=original.receipt_code
    )
    assert merged.status == ComplaintStatus.MERGED and merged.merged_into == original
    assert merged.handling_organisation is None
    status = complaint_public_status(receipt_code=code)
    assert original.receipt_code in status.next_step and status.organisation_name == ""

    # A duplicate of the merged one joins the one it was merged into.
    third = complaint(None, country_of_work="JP", issue_types=("other",))
    joined = complaint_transition(
        actor=coordinator, receipt_code=third.receipt_code, move=Move.MERGE, duplicate_of=code
    )
    assert joined.merged_into == original

    closed = complaint_transition(
        actor=coordinator,
        receipt_code=original.receipt_code,
        move=Move.CLOSE,
        reason="Masalah ini bukan soal kerja di luar negeri.",
    )
    assert closed.status == ComplaintStatus.CLOSED and closed.handling_organisation is None
    status = complaint_public_status(receipt_code=original.receipt_code)
    assert "bukan soal kerja" in status.next_step
    kinds = set(ComplaintDecision.objects.values_list("kind", flat=True))
    assert {"assigned", "merged", "closed"} <= kinds


def test_escalation_moves_what_waited_too_long(org_a, org_b, settings):
    from datetime import timedelta

    from django.utils import timezone

    c = complaint(org_a.organisation, country_of_work="HK", issue_types=("documents_withheld",))
    fresh = complaint(org_a.organisation)
    Complaint.objects.filter(pk=c.pk).update(placed_at=timezone.now() - timedelta(hours=25))
    assert complaints_escalate_overdue() == [c.receipt_code]
    c.refresh_from_db()
    fresh.refresh_from_db()
    assert c.handling_organisation == org_b.organisation and c.status == ComplaintStatus.INBOX
    assert fresh.handling_organisation == org_a.organisation
    assert AuditEvent.objects.filter(object_id=c.receipt_code, action="complaint.escalated")
    assert "intake-escalate" in settings.CELERY_BEAT_SCHEDULE


def test_moves_for_follows_the_policy(org_a):
    head = member(org_a, Role.DIVISION_HEAD)
    assert [m for m, _r in moves_for(status="inbox", actor=head)] == ["accept", "decline"]
    assert [m for m, _r in moves_for(status="triage", actor=_network())] == [
        "assign",
        "close",
        "merge",
    ]
    assert moves_for(status="inbox", actor=member(org_a, Role.RECEPTIONIST)) == []


def test_the_public_status_follows_the_case_through_its_events(org_a):
    c = complaint(org_a.organisation)
    status = complaint_public_status(receipt_code=c.receipt_code)
    assert status.organisation_name == org_a.organisation.name  # the worker chose it
    with in_schema(org_a.organisation):
        case = case_open_from_complaint(
            actor=member(org_a, Role.DIVISION_HEAD), receipt_code=c.receipt_code
        )
        case_transition(
            actor=member(org_a, Role.CONSULTATION_LAWYER), case_id=case.pk, move=CaseMove.TAKE
        )
        outbox_dispatch()
        outbox_dispatch()  # nothing left; and a redelivery would change nothing
    c.refresh_from_db()
    assert (c.case_stage, c.case_status) == ("consultation", "open")
    first = c.case_updated_at
    status = complaint_public_status(receipt_code=c.receipt_code)
    assert status.case_stage == "consultation" and status.case_stage_label
    assert status.organisation_name == org_a.organisation.name
    assert "Rina" not in str(status) and "Gaji" not in str(status)
    # Another organisation's case with the same id never touches this complaint.
    from hub.intake.handlers import complaint_follow_case

    with organisation_context(None):
        complaint_follow_case([])
    assert Complaint.objects.get(pk=c.pk).case_updated_at == first


def test_routed_complaint_does_not_name_the_organisation_until_it_accepts(org_a):
    c = complaint(None)  # the network routes it (to A: Malaysia, unpaid wages)
    assert c.handling_organisation == org_a.organisation
    assert complaint_public_status(receipt_code=c.receipt_code).organisation_name == ""
    with in_schema(org_a.organisation):
        case_open_from_complaint(
            actor=member(org_a, Role.DIVISION_HEAD), receipt_code=c.receipt_code
        )
    assert complaint_public_status(receipt_code=c.receipt_code).organisation_name
