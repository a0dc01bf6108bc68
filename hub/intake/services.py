"""Filing a complaint, and the one transition service for every move after it (accept,
decline, escalate, assign, close, merge): a complaint is always in exactly one place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.roles import Role
from hub.consent.models import GivenBy
from hub.consent.services import (
    ConsentChoices,
    GivenByWhom,
    consent_attach_case,
    consent_record_create,
)
from hub.core.audit import AuditActor
from hub.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from hub.core.ids import new_receipt_code, normalise_receipt_code
from hub.core.outbox import domain_event_record
from hub.intake.attachments import complaint_attachments_claim
from hub.intake.lifecycle import NEW, ROUTED, TRANSITIONS, Move, Rule, Side, rule_for
from hub.intake.models import (
    Complaint,
    ComplaintDecision,
    ComplaintMember,
    ComplaintStatus,
    ReporterType,
)
from hub.intake.routing import route_complaint
from hub.intake.rules import complaint_input_errors, complaint_input_message, contact_channel_of
from hub.intake.selectors import complaints_in_inbox
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation
from hub.vocab.stages import Stage, Status


@dataclass(frozen=True)
class MemberInput:
    """One more worker of a group complaint, as the filer lists them."""

    name: str
    contact_phone: str = ""
    contact_email: str = ""
    home_region: str = ""
    note: str = ""


@dataclass(frozen=True)
class ComplaintInput:
    reporter_type: str
    reporter_name: str
    country_of_work: str
    narrative: str
    issue_types: tuple[str, ...]
    consent: ConsentChoices
    contact_phone: str = ""
    contact_email: str = ""
    work_city: str = ""
    home_region: str = ""
    employer_name: str = ""
    agency_name: str = ""
    language: str = "id"
    organisation: Organisation | None = None  # None: let the network choose
    filer_name: str = ""  # who files it, when not the worker themself
    filer_relation: str = ""
    contact_channel: str = ""  # a ContactChannel; empty: the first address given
    contact_safety: str = ""  # when and how it is safe to reach them
    happened_from: date | None = None
    happened_until: date | None = None
    members: tuple[MemberInput, ...] = ()  # a group complaint's other workers
    draft_key: str = ""  # the form's token: attachments uploaded under it join the complaint


@transaction.atomic
def complaint_submit(*, data: ComplaintInput) -> Complaint:
    errors = complaint_input_errors(data)
    if errors:
        raise DomainError(complaint_input_message(data, errors), fields=errors)
    # Filed by family or a paralegal: they answered the consent questions for the worker.
    on_behalf = data.reporter_type != ReporterType.WORKER and data.filer_name.strip()
    consent = consent_record_create(
        given_by=data.reporter_type,
        choices=data.consent,
        who=GivenByWhom(kind=GivenBy.REPRESENTATIVE, name=data.filer_name[:200])
        if on_behalf
        else None,
    )
    handler = data.organisation or route_complaint(
        country_of_work=data.country_of_work,
        home_region=data.home_region,
        issue_types=list(dict.fromkeys(data.issue_types)),
        language=data.language,
        excluded_ids=set(),
    )
    complaint = Complaint(
        reporter_type=data.reporter_type,
        reporter_name=data.reporter_name,
        filer_name=data.filer_name,
        filer_relation=data.filer_relation,
        contact_channel=contact_channel_of(data),
        contact_safety=data.contact_safety,
        contact_phone=data.contact_phone,
        contact_email=data.contact_email,
        country_of_work=data.country_of_work,
        work_city=data.work_city,
        home_region=data.home_region,
        employer_name=data.employer_name,
        agency_name=data.agency_name,
        issue_types=list(dict.fromkeys(data.issue_types)),
        narrative=data.narrative,
        happened_from=data.happened_from,
        happened_until=data.happened_until,
        language=data.language,
        chosen_organisation=data.organisation,
        handling_organisation=handler,
        consent=consent,
    )
    rule = TRANSITIONS[(NEW, Move.ROUTE)]
    _place(complaint, rule, handler)
    for _attempt in range(5):
        complaint.receipt_code = new_receipt_code()
        try:
            with transaction.atomic():
                complaint.save()
            break
        except IntegrityError:
            complaint.pk = None
    else:  # pragma: no cover - 5 collisions in 6.6e11 codes
        raise Conflict(_("Please try again."))
    _members_save(complaint, data.members)
    ComplaintDecision.objects.create(
        complaint=complaint,
        organisation=handler,
        kind=ComplaintDecision.Kind.ROUTED,
        reason="chosen by the reporter" if data.organisation else "network routing",
        actor_label="portal",
    )
    complaint_attachments_claim(complaint=complaint, draft_key=data.draft_key)
    _complaint_event(
        complaint,
        rule.event,
        AuditActor(label="portal"),
        move=Move.ROUTE,
        to=complaint.status,
        routed_to=_slug(handler),
    )
    return complaint


def _members_save(complaint: Complaint, members: tuple[MemberInput, ...]) -> None:
    """A group complaint's other workers, in the filer's order, each with a consent record of
    their own that allows nothing: the filer answers only for themself."""
    if not members:
        return
    consents = [
        consent_record_create(given_by="worker", choices=ConsentChoices()) for _member in members
    ]
    ComplaintMember.objects.bulk_create(
        ComplaintMember(
            complaint=complaint,
            position=position,
            name=member.name.strip(),
            contact_phone=member.contact_phone.strip(),
            contact_email=member.contact_email.strip(),
            home_region=member.home_region.strip(),
            note=member.note.strip(),
            consent=consent,
        )
        for position, (member, consent) in enumerate(zip(members, consents, strict=True), 1)
    )


def _slug(organisation: Organisation | None) -> str | None:
    return organisation.slug if organisation else None


def _complaint_event(complaint: Complaint, name: str, actor: AuditActor, **detail) -> None:
    """Complaints live in the public schema, and so does their trail, whoever acts on them."""
    with organisation_context(None):
        domain_event_record(
            actor=actor,
            name=name,
            object_type="complaint",
            object_id=complaint.receipt_code,
            detail=detail,
        )


class TransitionNotAllowed(DomainError):
    status = 409
    code = "transition_not_allowed"


def _place(complaint: Complaint, rule: Rule, handler: Organisation | None) -> None:
    """Put the complaint where the rule sends it: ROUTED is the handler's inbox, or triage."""
    if rule.to == ROUTED:
        complaint.status = ComplaintStatus.INBOX if handler else ComplaintStatus.TRIAGE
    else:
        complaint.status = rule.to
    complaint.handling_organisation = (
        handler if complaint.status in (ComplaintStatus.INBOX, ComplaintStatus.ACCEPTED) else None
    )
    complaint.placed_at = timezone.now()


def _complaint_locked(*, actor: Actor, receipt_code: str) -> Complaint:
    """The complaint, locked until commit. An organisation sees only its own inbox: anything
    else is the 404 of a missing complaint; the network sees every complaint."""
    code = normalise_receipt_code(receipt_code or "")
    complaints = (
        complaints_in_inbox(organisation=actor.organisation)
        if actor.organisation is not None
        else Complaint.objects.all()
    )
    complaint = (
        complaints.select_for_update(of=("self",)).filter(receipt_code=code).first()
        if code
        else None
    )
    if complaint is None:
        raise NotFound(_("Not found."))
    return complaint


def complaint_for_move(*, actor: Actor, receipt_code: str, move: str) -> tuple[Complaint, Rule]:
    """The locked complaint and the rule of `move`, if the table and the policy allow the
    actor to make it; else the refusal, before anything is written."""
    if move not in Move.values or move == Move.ROUTE:
        raise TransitionNotAllowed(
            _("Unknown move: %(move)s.") % {"move": move}, fields={"move": [_("Unknown move.")]}
        )
    complaint = _complaint_locked(actor=actor, receipt_code=receipt_code)
    rule = rule_for(complaint.status, move)
    if rule is None:
        raise TransitionNotAllowed(
            _("A complaint that is “%(status)s” cannot be moved by “%(move)s”.")
            % {"status": ComplaintStatus(complaint.status).label, "move": Move(move).label}
        )
    policy.require(actor, rule.action)
    if (rule.side == Side.NETWORK) != (actor.organisation is None):
        raise PermissionDenied(str(policy.POLICY[rule.action].message), code="role_not_allowed")
    return complaint, rule


def _excluded(complaint: Complaint) -> set[int]:
    """The organisations that had the complaint and let it go (declined, or escalated away)."""
    return set(
        complaint.decisions.filter(
            kind__in=[ComplaintDecision.Kind.DECLINED, ComplaintDecision.Kind.ESCALATED],
            organisation__isnull=False,
        ).values_list("organisation_id", flat=True)
    )


def _route(complaint: Complaint) -> Organisation | None:
    return route_complaint(
        country_of_work=complaint.country_of_work,
        home_region=complaint.home_region,
        issue_types=list(complaint.issue_types),
        language=complaint.language,
        excluded_ids=_excluded(complaint),
    )


def _merge_target(complaint: Complaint, duplicate_of: str | None) -> Complaint:
    """The complaint it duplicates (the one that one was merged into, if it was), never itself."""
    code = normalise_receipt_code(duplicate_of or "")
    target = Complaint.objects.filter(receipt_code=code).first() if code else None
    while target is not None and target.merged_into_id is not None:
        target = target.merged_into
    if target is None or target.pk == complaint.pk:
        raise DomainError(
            _("Give the receipt code of the other complaint about the same matter."),
            code="duplicate_required",
            fields={"duplicate_of": [_("Another complaint's receipt code.")]},
        )
    return target


def _decision(complaint, kind, organisation, actor: Actor, reason: str = "") -> None:
    ComplaintDecision.objects.create(
        complaint=complaint,
        organisation=organisation,
        kind=kind,
        reason=reason,
        actor_label=actor.label,
    )


@transaction.atomic
def complaint_transition(
    *,
    actor: Actor,
    receipt_code: str,
    move: str,
    organisation: Organisation | None = None,
    reason: str = "",
    case_id: int | None = None,
    duplicate_of: str | None = None,
    member_case_ids: dict[int, int] | None = None,
) -> Complaint:
    """The only door through which a filed complaint changes place: lock the row, check the
    table (hub.intake.lifecycle) and the policy, move it, write its history and the domain
    event; refusals change nothing. Accepting a group complaint takes the case of each member
    too (`member_case_ids`: member id → case id)."""
    complaint, rule = complaint_for_move(actor=actor, receipt_code=receipt_code, move=move)
    reason = (reason or "").strip()
    if rule.reason_required and not reason:
        raise DomainError(
            _("A reason is required."),
            code="reason_required",
            fields={"reason": [_("This field is required.")]},
        )
    if rule.case_required and not case_id:
        raise DomainError(_("The case is missing."), fields={"case_id": [_("Required.")]})
    if rule.organisation_required:
        if organisation is None or not organisation.accepts_complaints:
            raise DomainError(
                _("Choose an organisation that takes complaints."),
                code="organisation_required",
                fields={"organisation": [_("Choose another organisation.")]},
            )
        if organisation.pk == complaint.handling_organisation_id:
            raise DomainError(
                _("The complaint is already in this organisation's inbox."),
                fields={"organisation": [_("Choose another organisation.")]},
            )
    target = _merge_target(complaint, duplicate_of) if rule.duplicate_required else None
    members = list(complaint.members.select_related("consent")) if move == Move.ACCEPT else []
    if any(m.pk not in (member_case_ids or {}) for m in members):
        raise DomainError(_("Each worker of the group complaint needs a case of their own."))

    from_status, previous = complaint.status, complaint.handling_organisation
    detail: dict = {"move": move, "from": from_status, "organisation": _slug(previous)}
    fields = ["status", "handling_organisation", "placed_at", "updated_at"]
    Kind = ComplaintDecision.Kind
    if move == Move.ACCEPT:
        _place(complaint, rule, previous)
        complaint.accepted_case_id = case_id
        complaint.case_stage, complaint.case_status = Stage.REGISTRATION, Status.OPEN
        complaint.case_updated_at = complaint.placed_at
        fields += ["accepted_case_id", "case_stage", "case_status", "case_updated_at"]
        consent_attach_case(consent=complaint.consent, organisation=previous, case_id=case_id)
        _members_accept(members, previous, member_case_ids or {})
        _decision(complaint, Kind.ACCEPTED, previous, actor)
        detail["case_id"] = case_id
        if members:
            detail["member_case_ids"] = [m.case_id for m in members]
    elif move in (Move.DECLINE, Move.ESCALATE):
        kind = Kind.DECLINED if move == Move.DECLINE else Kind.ESCALATED
        _decision(complaint, kind, previous, actor, reason)
        _place(complaint, rule, _route(complaint))
        _decision(complaint, Kind.ROUTED, complaint.handling_organisation, actor, f"after {move}")
    elif move == Move.ASSIGN:
        _place(complaint, rule, organisation)
        _decision(complaint, Kind.ASSIGNED, organisation, actor, reason)
    elif move == Move.CLOSE:
        _place(complaint, rule, None)
        complaint.closed_reason = reason
        fields.append("closed_reason")
        _decision(complaint, Kind.CLOSED, previous, actor, reason)
    elif move == Move.MERGE:
        _place(complaint, rule, None)
        complaint.merged_into = target
        fields.append("merged_into")
        _decision(complaint, Kind.MERGED, previous, actor, reason or target.receipt_code)
        detail["duplicate_of"] = target.receipt_code
    complaint.save(update_fields=fields)
    detail.update(
        to=complaint.status, routed_to=_slug(complaint.handling_organisation), reason=reason
    )
    _complaint_event(complaint, rule.event, actor.audit, **detail)
    return complaint


def _members_accept(members, organisation: Organisation, case_ids: dict[int, int]) -> None:
    """Each member's own case, and their own (empty until they answer) consent now covers it."""
    for member in members:
        member.case_id = case_ids[member.pk]
        member.save(update_fields=["case_id"])
        consent_attach_case(
            consent=member.consent, organisation=organisation, case_id=member.case_id
        )


def complaint_decline(*, actor: Actor, receipt_code: str, reason: str) -> Complaint:
    """Decline with a reason; the complaint goes back to routing (next organisation or triage)."""
    return complaint_transition(
        actor=actor, receipt_code=receipt_code, move=Move.DECLINE, reason=reason
    )


# The network's escalation task acts as the network's own system, not as any organisation.
ESCALATION_ACTOR = Actor(label="system:escalation", roles=frozenset({Role.SYSTEM}))


def complaints_escalate_overdue(*, now=None) -> list[str]:
    """Escalate every complaint waiting in an inbox longer than the network's service level
    (INTAKE_ACCEPT_HOURS) to the next organisation or triage; returns their receipt codes."""
    now = now or timezone.now()
    deadline = now - timedelta(hours=settings.INTAKE_ACCEPT_HOURS)
    codes = list(
        Complaint.objects.filter(status=ComplaintStatus.INBOX, placed_at__lt=deadline)
        .order_by("placed_at")
        .values_list("receipt_code", flat=True)
    )
    moved = []
    for code in codes:
        try:
            complaint_transition(actor=ESCALATION_ACTOR, receipt_code=code, move=Move.ESCALATE)
        except (NotFound, TransitionNotAllowed):
            continue  # accepted or moved meanwhile
        moved.append(code)
    return moved
