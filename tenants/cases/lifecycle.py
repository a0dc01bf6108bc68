"""The lifecycle as one table: stages, statuses, and who may move a case from where to where."""

from __future__ import annotations

from dataclasses import dataclass

from hub.accounts import policy
from hub.accounts.policy import Action
from hub.vocab.stages import Stage, Status

__all__ = ["TRANSITIONS", "Rule", "Stage", "Status", "moves_for", "rule_for"]


@dataclass(frozen=True)
class Rule:
    action: Action  # who may make the move: the policy table says
    reason_required: bool = False
    status: str | None = None  # the status the case takes, if the move sets one


_DECIDE = Action.CASE_DECIDE
_TERMINATE = Rule(action=_DECIDE, reason_required=True)

TRANSITIONS: dict[tuple[str, str], Rule] = {
    (Stage.REGISTRATION, Stage.CONSULTATION): Rule(action=Action.CASE_TAKE),
    (Stage.CONSULTATION, Stage.CASE_MEETING): Rule(action=_DECIDE),
    (Stage.CASE_MEETING, Stage.ACCOMPANIMENT): Rule(action=_DECIDE, status=Status.ACCOMPANIED),
    (Stage.CONSULTATION, Stage.TERMINATION): Rule(
        action=_DECIDE, reason_required=True, status=Status.NOT_ACCOMPANIED
    ),
    (Stage.CASE_MEETING, Stage.TERMINATION): Rule(
        action=_DECIDE, reason_required=True, status=Status.NOT_ACCOMPANIED
    ),
    (Stage.REGISTRATION, Stage.TERMINATION): _TERMINATE,
    (Stage.ACCOMPANIMENT, Stage.TERMINATION): _TERMINATE,
}


def rule_for(from_stage: str, to_stage: str) -> Rule | None:
    return TRANSITIONS.get((from_stage, to_stage))


def moves_for(*, from_stage: str, actor) -> list[tuple[str, Rule]]:
    """The stages this actor may move a case to from `from_stage`, in lifecycle order."""
    return [
        (to, rule)
        for to in Stage.values
        if (rule := rule_for(from_stage, to)) is not None and policy.allows(actor, rule.action)
    ]
