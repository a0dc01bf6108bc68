"""The lifecycle as one table (seed 000, SMK YLBHI-LBH): from which stage, by which move, to
which stage and handling status, allowed by which policy action, with which reason.

registration → consultation → case meeting → accompaniment → termination. The consultation
lawyer takes a registered case from the queue; every other move is the division head's
decision (Kabid), taken directly or by approving a lawyer's request. A case that ends before
accompaniment is "not accompanied" with its reason, never left "in process".

Moka Online (seed 002) maps onto the same table: the supervisor's "Open" is `accompany`
(with a case manager, the case lawyer, appointed), "Closed" is `reject`; the case manager's
termination request is a `terminate` request.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from hub.accounts import policy
from hub.accounts.policy import Action
from hub.vocab.models import Vocabulary
from hub.vocab.stages import Stage, Status

__all__ = ["TRANSITIONS", "Move", "Rule", "Stage", "Status", "moves_for", "rule_for"]


class Move(models.TextChoices):
    TAKE = "take", _("Take from the consultation queue")
    CASE_MEETING = "case_meeting", _("Hold a case meeting")
    ACCOMPANY = "accompany", _("Accompany the case")
    REJECT = "reject", _("Reject")
    REFER = "refer", _("Refer")
    TRANSFER = "transfer", _("Transfer")
    TERMINATE = "terminate", _("Terminate")


@dataclass(frozen=True)
class Rule:
    to: str  # the stage the case moves to
    action: Action  # who may make the move: the policy table says
    status: str | None = None  # the handling status the case takes, if the move sets one
    reasons: str | None = None  # the vocabulary a reason code must come from (then required)
    note_required: bool = False  # e.g. to whom a case is referred or transferred
    requestable: bool = False  # a lawyer may ask the division head for it


_DECIDE = Action.CASE_DECIDE
_REJECT = Rule(
    Stage.TERMINATION,
    _DECIDE,
    Status.NOT_ACCOMPANIED,
    reasons=Vocabulary.REJECTION_REASON,
    requestable=True,
)
_NOT_ACCOMPANIED = Rule(
    Stage.TERMINATION,
    _DECIDE,
    Status.NOT_ACCOMPANIED,
    reasons=Vocabulary.NOT_ACCOMPANIED_REASON,
    requestable=True,
)
_REFER = Rule(Stage.TERMINATION, _DECIDE, Status.REFERRED, note_required=True, requestable=True)
_TRANSFER = Rule(
    Stage.TERMINATION, _DECIDE, Status.TRANSFERRED, note_required=True, requestable=True
)

TRANSITIONS: dict[tuple[str, str], Rule] = {
    (Stage.REGISTRATION, Move.TAKE): Rule(Stage.CONSULTATION, Action.CASE_TAKE),
    (Stage.REGISTRATION, Move.REJECT): _REJECT,
    (Stage.CONSULTATION, Move.CASE_MEETING): Rule(Stage.CASE_MEETING, _DECIDE, requestable=True),
    (Stage.CONSULTATION, Move.REJECT): _REJECT,
    (Stage.CONSULTATION, Move.TERMINATE): _NOT_ACCOMPANIED,  # the consultation was enough
    (Stage.CONSULTATION, Move.REFER): _REFER,
    (Stage.CONSULTATION, Move.TRANSFER): _TRANSFER,
    # Taken when the division head appoints the case lawyer (tenants.cases.assignments).
    (Stage.CASE_MEETING, Move.ACCOMPANY): Rule(Stage.ACCOMPANIMENT, _DECIDE, Status.ACCOMPANIED),
    (Stage.CASE_MEETING, Move.TERMINATE): _NOT_ACCOMPANIED,  # the meeting decided not to
    (Stage.CASE_MEETING, Move.REFER): _REFER,
    (Stage.CASE_MEETING, Move.TRANSFER): _TRANSFER,
    (Stage.ACCOMPANIMENT, Move.REFER): _REFER,
    (Stage.ACCOMPANIMENT, Move.TRANSFER): _TRANSFER,
    (Stage.ACCOMPANIMENT, Move.TERMINATE): Rule(
        Stage.TERMINATION,
        _DECIDE,
        Status.CLOSED,
        reasons=Vocabulary.TERMINATION_REASON,
        requestable=True,
    ),
}


def rule_for(stage: str, move: str) -> Rule | None:
    return TRANSITIONS.get((stage, move))


def moves_for(*, stage: str, actor, subject=None) -> list[tuple[str, Rule]]:
    """The moves this actor may make from `stage` itself, in the table's order."""
    return [
        (move, rule)
        for (from_stage, move), rule in TRANSITIONS.items()
        if from_stage == stage and policy.allows(actor, rule.action, subject)
    ]


def requestable_moves(*, stage: str) -> list[tuple[str, Rule]]:
    """The decisions a lawyer may ask the division head for, from `stage`."""
    return [
        (move, rule)
        for (from_stage, move), rule in TRANSITIONS.items()
        if from_stage == stage and rule.requestable
    ]
