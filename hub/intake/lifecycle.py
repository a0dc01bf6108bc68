"""The complaint lifecycle as one table, like the case lifecycle (tenants.cases.lifecycle):
from which status, by which move, to where, allowed by which policy action, on which side,
with what the move needs (a reason, an organisation, a case, the complaint it duplicates).

A complaint is always in exactly one place: one organisation's inbox, triage (the network
places it), accepted by one organisation with a case, closed as out of scope, or merged into
another complaint. Filing is the first move (`route` from `new`): the worker's chosen
organisation's inbox, else whichever inbox the router picks, else triage. Declining and
escalating go back to the router, which skips every organisation that already had it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from hub.accounts import policy
from hub.accounts.policy import Action

__all__ = [
    "NEW",
    "ROUTED",
    "TRANSITIONS",
    "ComplaintStatus",
    "Move",
    "Rule",
    "Side",
    "moves_for",
    "rule_for",
]


class ComplaintStatus(models.TextChoices):
    INBOX = "inbox", _("Waiting for an organisation")
    TRIAGE = "triage", _("Being placed by the network")
    ACCEPTED = "accepted", _("Accepted")
    CLOSED = "closed", _("Closed: outside what the network handles")
    MERGED = "merged", _("Joined with another complaint")


# Where a complaint sits with an organisation (the check constraint in models says the same).
WITH_ORGANISATION = (ComplaintStatus.INBOX, ComplaintStatus.ACCEPTED)
WITHOUT_ORGANISATION = (ComplaintStatus.TRIAGE, ComplaintStatus.CLOSED, ComplaintStatus.MERGED)

NEW = "new"  # not a status: a complaint being filed
ROUTED = "routed"  # not a status: the chosen organisation's inbox, or the router's pick, or triage


class Move(models.TextChoices):
    ROUTE = "route", _("File and route")
    ACCEPT = "accept", _("Accept")
    DECLINE = "decline", _("Decline")
    ESCALATE = "escalate", _("Escalate")
    ASSIGN = "assign", _("Assign to an organisation")
    CLOSE = "close", _("Close as out of scope")
    MERGE = "merge", _("Merge as a duplicate")


class Side(models.TextChoices):
    PORTAL = "portal"  # the worker filing
    ORGANISATION = "organisation"  # the organisation whose inbox holds the complaint
    NETWORK = "network"  # coordinators, and the network's own escalation task


@dataclass(frozen=True)
class Rule:
    to: str  # a ComplaintStatus, or ROUTED
    action: Action | None  # who may make the move (None: the portal's filing)
    side: str
    event: str  # the domain event (and audit action) the move records
    reason_required: bool = False  # decline, close: the reason (close: the worker reads it)
    organisation_required: bool = False  # assign: the organisation chosen
    case_required: bool = False  # accept: the case the organisation opened
    duplicate_required: bool = False  # merge: the complaint it duplicates


_ASSIGN = Rule(
    ComplaintStatus.INBOX,
    Action.COMPLAINT_TRIAGE,
    Side.NETWORK,
    "complaint.assigned",
    organisation_required=True,
)
_CLOSE = Rule(
    ComplaintStatus.CLOSED,
    Action.COMPLAINT_TRIAGE,
    Side.NETWORK,
    "complaint.closed",
    reason_required=True,
)
_MERGE = Rule(
    ComplaintStatus.MERGED,
    Action.COMPLAINT_TRIAGE,
    Side.NETWORK,
    "complaint.merged",
    duplicate_required=True,
)

TRANSITIONS: dict[tuple[str, str], Rule] = {
    (NEW, Move.ROUTE): Rule(ROUTED, None, Side.PORTAL, "complaint.submitted"),
    (ComplaintStatus.INBOX, Move.ACCEPT): Rule(
        ComplaintStatus.ACCEPTED,
        Action.COMPLAINT_DECIDE,
        Side.ORGANISATION,
        "complaint.accepted",
        case_required=True,
    ),
    (ComplaintStatus.INBOX, Move.DECLINE): Rule(
        ROUTED,
        Action.COMPLAINT_DECIDE,
        Side.ORGANISATION,
        "complaint.declined",
        reason_required=True,
    ),
    # Not accepted within the network's service level: the next organisation, or triage.
    (ComplaintStatus.INBOX, Move.ESCALATE): Rule(
        ROUTED, Action.COMPLAINT_ESCALATE, Side.NETWORK, "complaint.escalated"
    ),
    (ComplaintStatus.INBOX, Move.ASSIGN): _ASSIGN,
    (ComplaintStatus.INBOX, Move.CLOSE): _CLOSE,
    (ComplaintStatus.INBOX, Move.MERGE): _MERGE,
    (ComplaintStatus.TRIAGE, Move.ASSIGN): _ASSIGN,
    (ComplaintStatus.TRIAGE, Move.CLOSE): _CLOSE,
    (ComplaintStatus.TRIAGE, Move.MERGE): _MERGE,
}


def rule_for(status: str, move: str) -> Rule | None:
    return TRANSITIONS.get((status, move))


def moves_for(*, status: str, actor) -> list[tuple[str, Rule]]:
    """The moves this actor may make from `status`, in the table's order."""
    return [
        (move, rule)
        for (from_status, move), rule in TRANSITIONS.items()
        if from_status == status
        and rule.action is not None
        and policy.allows(actor, rule.action)
        and (actor.organisation is None) == (rule.side == Side.NETWORK)
    ]
