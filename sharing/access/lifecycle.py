"""An access request's lifecycle as one table: from which status to which, by which side of
the request, allowed by which policy action, with or without a note.

pending → approved | declined (the office's division head) or withdrawn (the national office
that asked). A settled request stays settled: a new question is a new request.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hub.accounts.policy import Action
from sharing.access.models import AccessStatus

__all__ = ["TRANSITIONS", "AccessStatus", "Rule", "Side", "rule_for"]


class Side(StrEnum):
    REQUESTER = "requester"  # the national office that asked
    OWNER = "owner"  # the office that holds the case


@dataclass(frozen=True)
class Rule:
    side: Side  # whose member may make the move
    action: Action  # and which of them: the policy table says
    note_required: bool = False  # a decline says why


TRANSITIONS: dict[tuple[str, str], Rule] = {
    (AccessStatus.PENDING, AccessStatus.APPROVED): Rule(Side.OWNER, Action.ACCESS_DECIDE),
    (AccessStatus.PENDING, AccessStatus.DECLINED): Rule(
        Side.OWNER, Action.ACCESS_DECIDE, note_required=True
    ),
    (AccessStatus.PENDING, AccessStatus.WITHDRAWN): Rule(Side.REQUESTER, Action.ACCESS_REQUEST),
}


def rule_for(status: str, to: str) -> Rule | None:
    return TRANSITIONS.get((status, to))


def moves_for(*, status: str, side: Side) -> list[str]:
    """The statuses this side may move a request to from `status`, in the table's order."""
    return [
        to for (start, to), rule in TRANSITIONS.items() if start == status and rule.side == side
    ]
