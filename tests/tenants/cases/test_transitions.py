"""The lifecycle table through the one service: every stage x move x role, and the refusals
(missing or unknown reason, missing note, no case lawyer) that change nothing."""

from __future__ import annotations

import pytest

from hub.accounts import policy
from hub.accounts.roles import ORGANISATION_ROLES, Role
from hub.core.errors import DomainError
from hub.core.models import AuditEvent
from hub.vocab.selectors import active_terms
from hub.vocab.stages import Status
from tenants.cases.lifecycle import TRANSITIONS, Move, Stage
from tenants.cases.models import Case
from tenants.cases.registration import case_register
from tenants.cases.selectors import case_subject
from tenants.cases.services import assignment_add, case_transition
from tests.builders import actor

ROLES = sorted(ORGANISATION_ROLES | {Role.SYSTEM})


def _case_at(organisation, stage, *, case_lawyer=None):
    case = case_register(actor=actor(organisation, Role.RECEPTIONIST), title="Uji")
    Case.objects.filter(pk=case.pk).update(stage=stage)
    if case_lawyer is not None:
        assignment_add(
            case=case,
            user_id=case_lawyer.pk,
            user_label=case_lawyer.email,
            role=Role.CASE_LAWYER,
            by=actor(organisation, Role.DIVISION_HEAD),
        )
    return Case.objects.get(pk=case.pk)


def _inputs(rule) -> dict:
    """A valid reason code and note for the rule, as a careful user would give them."""
    code = active_terms(rule.reasons).first().code if rule and rule.reasons else ""
    return {"reason_code": code, "note": "Dirujuk ke LBH APIK Jakarta" if rule else ""}


def _snapshot(case_id):
    case = Case.objects.get(pk=case_id)
    return (case.stage, case.status, case.version, AuditEvent.objects.count())


def _org_actor(org, role):
    user = org.users.get(role)
    return actor(org.organisation, role, user=user)


@pytest.mark.parametrize("stage", Stage.values)
@pytest.mark.parametrize("move", Move.values)
@pytest.mark.parametrize("role", ROLES)
def test_every_stage_move_and_role_follows_the_table(org_a, in_a, stage, move, role):
    case = _case_at(in_a, stage, case_lawyer=org_a.users[Role.CASE_LAWYER])
    rule = TRANSITIONS.get((stage, move))
    who = _org_actor(org_a, role)
    before = _snapshot(case.pk)
    allowed = (
        rule is not None
        and policy.allows(who, rule.action, case_subject(case))
        and (move != Move.TAKE or who.user_id is not None)
    )
    if allowed:
        moved = case_transition(actor=who, case_id=case.pk, move=move, **_inputs(rule))
        assert moved.stage == rule.to
        assert moved.status == (rule.status or Status.OPEN)
        assert moved.version == before[2] + 1
        actions = list(AuditEvent.objects.values_list("action", flat=True)[:2])
        assert "case.transition" in actions
    else:
        with pytest.raises(DomainError):
            case_transition(actor=who, case_id=case.pk, move=move, **_inputs(rule))
        assert _snapshot(case.pk) == before


def test_every_move_into_termination_sets_a_status_and_reason_rules_are_consistent():
    for (_stage, move), rule in TRANSITIONS.items():
        if rule.to == Stage.TERMINATION:
            assert rule.status not in (None, Status.OPEN), move
        if rule.status == Status.NOT_ACCOMPANIED:
            assert rule.reasons, "not accompanied always carries its reason"


def test_taking_from_the_queue_makes_the_lawyer_owner_of_the_consultation(org_a, in_a):
    case = _case_at(in_a, Stage.REGISTRATION)
    lawyer = _org_actor(org_a, Role.CONSULTATION_LAWYER)
    case_transition(actor=lawyer, case_id=case.pk, move=Move.TAKE)
    assignment = case.assignments.get()
    assert (assignment.user_id, assignment.role) == (lawyer.user_id, Role.CONSULTATION_LAWYER)
    assert assignment.assigned_by_label == lawyer.label


@pytest.mark.parametrize(
    ("stage", "move", "inputs", "code"),
    [
        (Stage.CONSULTATION, Move.REJECT, {}, "reason_required"),
        (Stage.CONSULTATION, Move.REJECT, {"reason_code": "no_such_reason"}, "unknown_code"),
        (Stage.ACCOMPANIMENT, Move.TERMINATE, {"reason_code": "outside_mandate"}, "unknown_code"),
        (Stage.CONSULTATION, Move.REFER, {"note": "   "}, "note_required"),
        (Stage.CASE_MEETING, Move.ACCOMPANY, {}, "case_lawyer_required"),
        (Stage.CONSULTATION, Move.CASE_MEETING, {"reason_code": "other"}, "invalid"),
        (Stage.TERMINATION, Move.TERMINATE, {"reason_code": "other"}, "transition_not_allowed"),
        (Stage.CONSULTATION, "fly", {}, "transition_not_allowed"),
    ],
)
def test_refused_steps_say_why_and_change_nothing(org_a, in_a, stage, move, inputs, code):
    case = _case_at(in_a, stage)
    before = _snapshot(case.pk)
    with pytest.raises(DomainError) as refused:
        case_transition(
            actor=_org_actor(org_a, Role.DIVISION_HEAD), case_id=case.pk, move=move, **inputs
        )
    assert refused.value.code == code
    assert refused.value.message
    assert _snapshot(case.pk) == before


def test_a_rejected_case_is_not_accompanied_with_its_reason_never_open(org_a, in_a):
    case = _case_at(in_a, Stage.CONSULTATION)
    rejected = case_transition(
        actor=_org_actor(org_a, Role.DIVISION_HEAD),
        case_id=case.pk,
        move=Move.REJECT,
        reason_code="outside_mandate",
        note="Di luar wilayah kerja",
    )
    assert (rejected.stage, rejected.status) == (Stage.TERMINATION, Status.NOT_ACCOMPANIED)
    assert (rejected.status_reason, rejected.status_note) == (
        "outside_mandate",
        "Di luar wilayah kerja",
    )
    assert rejected.closed_at is not None
