"""Requests for a decision and their short thread: a lawyer asks, the division head
discusses and approves (the move is carried out by `case_transition`) or declines.

A request has its own small lifecycle, as a table: pending → approved | declined (the
division head) or withdrawn (the lawyer who asked); a request lapses when the case leaves the
stage it was asked at (so an old request never carries out a different decision later).
A settled request stays settled.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from hub.core.outbox import domain_event_record
from tenants.cases.lifecycle import Move, Stage, rule_for
from tenants.cases.models import Case, DecisionComment, DecisionRequest
from tenants.cases.selectors import case_for_actor, case_subject, cases_for_actor
from tenants.cases.services import (
    TransitionNotAllowed,
    case_transition,
    transition_reason_check,
)

State = DecisionRequest.State

SETTLEMENTS: dict[str, Action] = {
    State.APPROVED: Action.CASE_DECIDE,
    State.DECLINED: Action.CASE_DECIDE,
    State.WITHDRAWN: Action.DECISION_REQUEST,
}


def decision_requests_pending(*, actor: Actor) -> QuerySet[DecisionRequest]:
    """The division head's list: pending requests, oldest first, with their cases."""
    policy.require(actor, Action.DECISIONS_PENDING)
    return (
        DecisionRequest.objects.filter(state=State.PENDING, case__in=cases_for_actor(actor=actor))
        .select_related("case")
        .annotate(comment_count=Count("comments"))
        .order_by("requested_at", "id")
    )


def decision_requests_of(*, case: Case) -> QuerySet[DecisionRequest]:
    return case.decision_requests.prefetch_related("comments")


def decision_request_for_actor(*, actor: Actor, request_id: object) -> DecisionRequest:
    """The request if the actor may open its case; otherwise the same 404 as a missing one."""
    try:
        pk = int(request_id)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None
    request = (
        DecisionRequest.objects.filter(pk=pk, case__in=cases_for_actor(actor=actor))
        .select_related("case")
        .first()
    )
    if request is None:
        raise NotFound(_("Not found."))
    return request


@transaction.atomic
def decision_request_create(
    *, actor: Actor, case_id: object, move: str, reason: str, reason_code: str = ""
) -> DecisionRequest:
    case = case_for_actor(actor=actor, case_id=case_id)
    case = Case.objects.select_for_update().get(pk=case.pk)
    policy.require(actor, Action.DECISION_REQUEST, case_subject(case))
    rule = rule_for(case.stage, move) if move in Move.values else None
    if rule is None or not rule.requestable:
        raise TransitionNotAllowed(
            _("This decision cannot be asked for a case in %(stage)s.")
            % {"stage": Stage(case.stage).label},
            fields={"move": [_("Not possible at this stage.")]},
        )
    if not reason.strip():
        raise DomainError(
            _("Give the division head your reasons."),
            code="reason_required",
            fields={"reason": [_("This field is required.")]},
        )
    transition_reason_check(rule, reason_code)
    if case.decision_requests.filter(state=State.PENDING).exists():
        raise Conflict(
            _("A request on this case is already waiting for the division head."),
            code="request_pending",
        )
    request = DecisionRequest.objects.create(
        case=case,
        stage=case.stage,
        move=move,
        reason_code=reason_code,
        reason=reason.strip(),
        requested_by_user_id=actor.user_id,
        requested_by_label=actor.name,
    )
    _event(actor, request, "decision.requested", reason=request.reason)
    return request


@transaction.atomic
def decision_comment_add(*, actor: Actor, request_id: object, body: str) -> DecisionComment:
    request = decision_request_for_actor(actor=actor, request_id=request_id)
    policy.require(actor, Action.DECISION_DISCUSS, case_subject(request.case))
    if not body.strip():
        raise DomainError(
            _("Write a comment first."), fields={"body": [_("This field is required.")]}
        )
    comment = DecisionComment.objects.create(
        request=request, author_user_id=actor.user_id, author_label=actor.name, body=body.strip()
    )
    _event(actor, request, "decision.commented", comment=comment.pk)
    return comment


@transaction.atomic
def decision_settle(
    *, actor: Actor, request_id: object, outcome: str, comment: str = ""
) -> DecisionRequest:
    """The one door a request leaves `pending` through; approval carries the move out."""
    found = decision_request_for_actor(actor=actor, request_id=request_id)
    request = DecisionRequest.objects.select_for_update().get(pk=found.pk)
    if outcome not in SETTLEMENTS:
        raise DomainError(_("Unknown outcome."), fields={"outcome": [_("Unknown outcome.")]})
    subject = case_subject(request.case)
    policy.require(actor, SETTLEMENTS[outcome], subject)
    if request.state != State.PENDING:
        raise Conflict(
            _("This request was already settled (%(state)s).")
            % {"state": State(request.state).label},
            code="already_settled",
        )
    if outcome == State.WITHDRAWN and actor.user_id != request.requested_by_user_id:
        raise PermissionDenied(
            _("Only the lawyer who asked withdraws a request."), code="role_not_allowed"
        )
    if outcome == State.DECLINED and not comment.strip():
        raise DomainError(
            _("Tell the lawyer why the request is declined."),
            code="reason_required",
            fields={"comment": [_("This field is required.")]},
        )
    # Settled first, so the move it carries out does not count it among the requests it lapses;
    # a refused move rolls the settlement back with it.
    request.state = outcome
    request.decided_by_label = actor.name
    request.decided_at = timezone.now()
    request.decision_comment = comment.strip()
    request.save(update_fields=["state", "decided_by_label", "decided_at", "decision_comment"])
    _event(actor, request, f"decision.{outcome}", comment=request.decision_comment)
    if outcome == State.APPROVED:
        case_transition(
            actor=actor,
            case_id=request.case_id,
            move=request.move,
            reason_code=request.reason_code,
            note=comment.strip() or request.reason,
        )
    return request


def _event(actor: Actor, request: DecisionRequest, name: str, **detail) -> None:
    domain_event_record(
        actor=actor.audit,
        name=name,
        object_type="case",
        object_id=request.case_id,
        detail={"request": request.pk, "move": request.move, **detail},
    )
