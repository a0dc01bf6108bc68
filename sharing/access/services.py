"""Asking for, deciding and withdrawing access requests; approval grants a time-limited share.

A national office names an office's case by its number. Whether the number exists is never
told to the national office: every well-formed request is sent, and only the office sees that
no case of its own matches (its division head then declines, saying so or not). Each change is
recorded on both sides: a domain event in the acting organisation's schema and in the other's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.errors import Conflict, DomainError, PermissionDenied
from hub.core.outbox import domain_event_record
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation
from sharing.access.lifecycle import Side, rule_for
from sharing.access.models import MAX_DAYS, AccessRequest, AccessStatus
from sharing.access.selectors import access_request_for_actor
from sharing.services import share_grant
from tenants.cases.projection import Section
from tenants.cases.selectors import cases_for_actor

CASE_NUMBER_LENGTH = 60
REASON_LENGTH = 2000
NOTE_LENGTH = 2000

DECISIONS = (AccessStatus.APPROVED, AccessStatus.DECLINED)


class NotNationalOffice(PermissionDenied):
    code = "not_national_office"


class NotItsOffice(PermissionDenied):
    code = "not_its_office"


def access_national_office_check(organisation: Organisation) -> None:
    """Refuse (403) unless the organisation is marked as a national office."""
    if not organisation.is_national_office:
        raise NotNationalOffice(
            _("Only an organisation marked as a national office asks its offices for access.")
        )


def _required(errors: dict, field: str, value: str, limit: int) -> None:
    if not value:
        errors[field] = [_("This field is required.")]
    elif len(value) > limit:
        errors[field] = [_("At most %(limit)d characters.") % {"limit": limit}]


@transaction.atomic
def access_request_create(
    *,
    actor: Actor,
    owner: Organisation,
    case_number: str,
    reason: str,
    sections: Sequence[str],
    duration_days: int = 30,
) -> AccessRequest:
    """Run in the national office's schema. Sent whether or not the number exists."""
    policy.require(actor, Action.ACCESS_REQUEST)
    requester = actor.organisation
    access_national_office_check(requester)
    office = Organisation.objects.members().filter(pk=owner.pk).first()
    if office is None or office.national_office_id != requester.pk:
        raise NotItsOffice(
            _("%(name)s is not an office of your organisation: ask only your own offices.")
            % {"name": owner.name},
            fields={"owner": [_("Not one of your offices.")]},
        )
    number = " ".join(case_number.split()).upper()
    reason = reason.strip()
    errors: dict[str, list[str]] = {}
    _required(errors, "case_number", number, CASE_NUMBER_LENGTH)
    _required(errors, "reason", reason, REASON_LENGTH)
    chosen = sorted(set(sections))
    if not chosen or any(s not in Section.values for s in chosen):
        errors["sections"] = [_("Choose at least one known section.")]
    if isinstance(duration_days, bool) or not isinstance(duration_days, int):
        errors["duration_days"] = [_("A whole number of days.")]
    elif not 1 <= duration_days <= MAX_DAYS:
        errors["duration_days"] = [_("Between 1 and %(max)d days.") % {"max": MAX_DAYS}]
    if errors:
        raise DomainError(_("Some fields are missing or invalid."), fields=errors)
    pending = AccessRequest.objects.filter(
        requester=requester, owner=office, case_number=number, status=AccessStatus.PENDING
    )
    if pending.exists():
        raise _already_pending()
    try:
        with transaction.atomic():
            request = AccessRequest.objects.create(
                requester=requester,
                owner=office,
                case_number=number,
                reason=reason,
                sections=chosen,
                duration_days=duration_days,
                created_by=actor.name,
                created_by_user_id=actor.user_id,
            )
    except IntegrityError:  # the same request sent twice at once
        raise _already_pending() from None
    _event(actor, request, "access.requested", sections=chosen, duration_days=duration_days)
    return request


def _already_pending() -> Conflict:
    return Conflict(
        _("A request for this case is already waiting for the office."), code="request_pending"
    )


@transaction.atomic
def access_request_transition(
    *, actor: Actor, request_id: object, to: str, note: str = ""
) -> AccessRequest:
    """The one door a request leaves `pending` through (the table in lifecycle.py); approval
    grants the share in the office's schema, and a refused share leaves the request pending."""
    found = access_request_for_actor(actor=actor, request_id=request_id)
    if to not in AccessStatus.values or to == AccessStatus.PENDING:
        raise DomainError(_("Unknown decision."), fields={"decision": [_("Unknown decision.")]})
    request = (
        AccessRequest.objects.select_for_update(of=("self",))
        .select_related("requester", "owner")
        .get(pk=found.pk)
    )
    if request.status != AccessStatus.PENDING:
        raise Conflict(
            _("This request was already settled (%(status)s).")
            % {"status": AccessStatus(request.status).label},
            code="already_settled",
        )
    rule = rule_for(request.status, to)
    if rule is None:  # pragma: no cover - every status but pending is refused above
        raise Conflict(_("This request cannot be settled so."), code="not_allowed")
    policy.require(actor, rule.action)
    side = request.owner_id if rule.side == Side.OWNER else request.requester_id
    if side != actor.organisation.pk:
        message = (
            _("Only the office that holds the case approves or declines this request.")
            if rule.side == Side.OWNER
            else _("Only the national office that asked withdraws this request.")
        )
        raise PermissionDenied(message, code="wrong_side")
    note = note.strip()
    if rule.note_required and not note:
        raise DomainError(
            _("Tell the national office why the request is declined."),
            code="reason_required",
            fields={"note": [_("This field is required.")]},
        )
    if len(note) > NOTE_LENGTH:
        raise DomainError(
            _("The note is too long."),
            fields={"note": [_("At most %(limit)d characters.") % {"limit": NOTE_LENGTH}]},
        )
    now = timezone.now()
    if to == AccessStatus.APPROVED:
        _approve(actor=actor, request=request, now=now)
    request.status = to
    request.decided_by = actor.name
    request.decided_at = now
    request.decision_note = note
    request.save(
        update_fields=["status", "decided_by", "decided_at", "decision_note", "case_id", "share"]
    )
    _event(actor, request, f"access.{to}", note=note, grant=request.share_id)
    return request


def _approve(*, actor: Actor, request: AccessRequest, now) -> None:
    office, national = request.owner, request.requester
    if office.national_office_id != national.pk or not national.is_national_office:
        raise Conflict(
            _("%(name)s is no longer your national office; decline the request.")
            % {"name": national.name},
            code="not_its_office",
        )
    case = cases_for_actor(actor=actor).filter(number=request.case_number).first()
    if case is None:
        raise Conflict(
            _("No case of this office has the number %(number)s: decline the request.")
            % {"number": request.case_number},
            code="case_not_matching",
        )
    # The share is the one door for consent, restriction and sections: its refusal (e.g. the
    # client has not consented) rolls this decision back with it.
    grant = share_grant(
        actor=actor,
        case_id=case.pk,
        recipient=national,
        sections=list(request.sections),
        expires_at=now + timedelta(days=request.duration_days),
    )
    request.case_id = case.pk
    request.share = grant


def access_request_decide(
    *, actor: Actor, request_id: object, decision: str, note: str = ""
) -> AccessRequest:
    """The office's division head approves (a share for the days asked) or declines."""
    if decision not in DECISIONS:
        raise DomainError(
            _("Choose approve or decline."), fields={"decision": [_("Unknown decision.")]}
        )
    return access_request_transition(actor=actor, request_id=request_id, to=decision, note=note)


def access_request_withdraw(*, actor: Actor, request_id: object, note: str = "") -> AccessRequest:
    """The national office takes its question back before the office decides."""
    return access_request_transition(
        actor=actor, request_id=request_id, to=AccessStatus.WITHDRAWN, note=note
    )


def _event(actor: Actor, request: AccessRequest, name: str, **detail) -> None:
    """The same event in both organisations' trails (and outboxes): the acting one's, then the
    other side's."""
    detail = {
        "access_request": request.pk,
        "requester": request.requester.slug,
        "owner": request.owner.slug,
        "case_number": request.case_number,
        **detail,
    }
    here = actor.organisation
    other = request.owner if request.requester_id == here.pk else request.requester
    for organisation in {here.pk: here, other.pk: other}.values():
        with organisation_context(organisation):
            domain_event_record(
                actor=actor.audit,
                name=name,
                object_type="access_request",
                object_id=request.pk,
                detail=detail,
            )
