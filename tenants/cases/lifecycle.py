"""The lifecycle as one table: stages, statuses, and who may move a case from where to where."""

from __future__ import annotations

from dataclasses import dataclass

from hub.accounts.roles import Role
from hub.vocab.stages import Stage, Status

__all__ = ["TRANSITIONS", "Rule", "Stage", "Status", "moves_for", "rule_for"]


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str]
    reason_required: bool = False
    status: str | None = None  # the status the case takes, if the move sets one


_HEAD = frozenset({Role.DIVISION_HEAD})
_TERMINATE = Rule(roles=_HEAD, reason_required=True)

TRANSITIONS: dict[tuple[str, str], Rule] = {
    (Stage.REGISTRATION, Stage.CONSULTATION): Rule(
        roles=frozenset({Role.RECEPTIONIST, Role.OFFICE_ADMIN, Role.DIVISION_HEAD})
    ),
    (Stage.CONSULTATION, Stage.CASE_MEETING): Rule(
        roles=frozenset({Role.CONSULTATION_LAWYER, Role.DIVISION_HEAD})
    ),
    (Stage.CASE_MEETING, Stage.ACCOMPANIMENT): Rule(roles=_HEAD, status=Status.ACCOMPANIED),
    (Stage.CONSULTATION, Stage.TERMINATION): Rule(
        roles=_HEAD, reason_required=True, status=Status.NOT_ACCOMPANIED
    ),
    (Stage.CASE_MEETING, Stage.TERMINATION): Rule(
        roles=_HEAD, reason_required=True, status=Status.NOT_ACCOMPANIED
    ),
    (Stage.REGISTRATION, Stage.TERMINATION): _TERMINATE,
    (Stage.ACCOMPANIMENT, Stage.TERMINATION): _TERMINATE,
}


def rule_for(from_stage: str, to_stage: str) -> Rule | None:
    return TRANSITIONS.get((from_stage, to_stage))


def moves_for(*, from_stage: str, roles: frozenset[str]) -> list[tuple[str, Rule]]:
    """The stages these roles may move a case to from `from_stage`, in lifecycle order."""
    return [
        (to, rule)
        for to in Stage.values
        if (rule := rule_for(from_stage, to)) is not None and roles & rule.roles
    ]
