"""Transfer actions: the division head's decision (which delivers the complete file), the
receiver's answer, the sender's withdrawal, and the audited read of the delivered package.

The transfer's own lifecycle is one table (STEPS) with one door (`_transfer_step`): lock the
row, check the step and who takes it, save, record the event in BOTH organisations' schemas
(the sender's trail on the case, the receiver's on the transfer).

How a case comes to be transferred: only by the division head (CASE_DECIDE). On the transfer
page they name the receiving member and say why; `transfer_decide` then approves the lawyer's
pending "transfer" request if there is one (decision_settle carries the move out), or makes the
move itself (case_transition), unless the case is already closed as transferred (the move was
decided on the case page, or an earlier receiver declined): then it only names the receiver.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.consent.models import ConsentRecord, Purpose
from hub.consent.selectors import consent_for_case
from hub.consent.services import GivenByWhom, consent_record_for_case
from hub.core.audit import audit_events_for
from hub.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from hub.core.outbox import domain_event_record
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation, OrganisationKind
from hub.vocab.stages import Stage, Status
from interchange.xml import PackageError, package_from_xml, package_to_xml
from sharing.services import ConsentMissing, case_restriction_carry
from sharing.transfers.clock import due_on_for, receiver_calendar
from sharing.transfers.models import LIVE_STATUSES, Transfer, TransferStatus
from sharing.transfers.selectors import transfer_for_actor
from tenants.cases.decisions import decision_request_create, decision_settle
from tenants.cases.imports import case_import
from tenants.cases.lifecycle import Move
from tenants.cases.models import Case, DecisionRequest
from tenants.cases.projection import ALL_SECTIONS, case_projection
from tenants.cases.selectors import case_for_actor, case_hidden_sections, case_subject
from tenants.cases.services import TransitionNotAllowed, case_transition

NOTE_LENGTH = 2000
SENDER, RECEIVER = "sender", "receiver"


@dataclass(frozen=True)
class Step:
    to: str
    side: str  # whose staff take the step: the sender's or the receiver's
    action: Action
    event: str


STEPS: dict[tuple[str, str], Step] = {
    (TransferStatus.DECIDED, "deliver"): Step(
        TransferStatus.DELIVERED, SENDER, Action.CASE_DECIDE, event="transfer.delivered"
    ),
    (TransferStatus.DELIVERED, "accept"): Step(
        TransferStatus.ACCEPTED, RECEIVER, Action.TRANSFER_ANSWER, event="transfer.accepted"
    ),
    (TransferStatus.DELIVERED, "decline"): Step(
        TransferStatus.DECLINED, RECEIVER, Action.TRANSFER_ANSWER, event="transfer.declined"
    ),
    (TransferStatus.DECIDED, "withdraw"): Step(
        TransferStatus.WITHDRAWN, SENDER, Action.CASE_DECIDE, event="transfer.withdrawn"
    ),
    (TransferStatus.DELIVERED, "withdraw"): Step(
        TransferStatus.WITHDRAWN, SENDER, Action.CASE_DECIDE, event="transfer.withdrawn"
    ),
}


def transfer_receivers(*, sender: Organisation):
    """The members a case may be transferred to: every other member office (not the network's
    secretariat, which keeps no cases)."""
    return (
        Organisation.objects.members()
        .exclude(kind=OrganisationKind.NETWORK)
        .exclude(pk=sender.pk)
        .order_by("name")
    )


def _receiver(sender: Organisation, receiver: Organisation | str) -> Organisation:
    slug = receiver.slug if isinstance(receiver, Organisation) else str(receiver or "")
    if slug == sender.slug:
        raise DomainError(
            _("A case cannot be transferred to its own organisation."),
            code="same_organisation",
            fields={"receiver": [_("Choose another member.")]},
        )
    found = transfer_receivers(sender=sender).filter(slug=slug).first()
    if found is None:
        raise DomainError(
            _("Name the member the case goes to."),
            code="unknown_receiver",
            fields={"receiver": [_("No member organisation with this identifier.")]},
        )
    return found


def _consent_check(
    organisation: Organisation, case_id: int, receiver: Organisation, *, lock: bool = False
):
    consent = consent_for_case(organisation=organisation, case_id=case_id)
    if consent is not None and lock:
        # A withdrawal at the same moment either comes first (and we refuse) or waits until
        # we are done, instead of both going through unseen by each other (as share_grant).
        consent = ConsentRecord.objects.select_for_update().get(pk=consent.pk)
    if consent is None or not consent.covers(Purpose.SHARE, recipient_slug=receiver.slug):
        raise ConsentMissing(
            _(
                "The client has not consented to sharing this case with %(receiver)s: a "
                "transfer sends them the whole file."
            )
            % {"receiver": receiver.name}
        )
    return consent


def _record(actor: Actor, transfer: Transfer, name: str, **detail) -> None:
    """The event in both trails: the sender's on its case, the receiver's on the transfer."""
    detail = {
        "transfer": transfer.pk,
        "sender": transfer.sender.slug,
        "receiver": transfer.receiver.slug,
        "case_number": transfer.case_number,
        **detail,
    }
    with organisation_context(transfer.sender):
        domain_event_record(
            actor=actor.audit,
            name=name,
            object_type="case",
            object_id=transfer.case_id,
            detail=detail,
        )
    with organisation_context(transfer.receiver):
        domain_event_record(
            actor=actor.audit,
            name=name,
            object_type="transfer",
            object_id=transfer.pk,
            detail=detail,
        )


def _transfer_step(
    *,
    actor: Actor,
    transfer_id: object,
    step_name: str,
    event_detail: dict | None = None,
    **changes,
) -> Transfer:
    """The one door a transfer changes status through (in the acting side's schema)."""
    found = transfer_for_actor(actor=actor, transfer_id=transfer_id)
    transfer = (
        Transfer.objects.select_for_update().select_related("sender", "receiver").get(pk=found.pk)
    )
    step = STEPS.get((transfer.status, step_name))
    side = SENDER if transfer.sender_id == actor.organisation.pk else RECEIVER
    if step is not None and step.side != side:
        raise NotFound(_("Not found."))  # the other side's step: as if there were no such thing
    subject = None
    if side == SENDER:
        subject = case_subject(case_for_actor(actor=actor, case_id=transfer.case_id))
    policy.require(actor, (step or _any_step(step_name)).action, subject)
    if step is None:
        raise Conflict(
            _("This transfer is already %(status)s.")
            % {"status": TransferStatus(transfer.status).label.lower()},
            code="already_answered" if side == RECEIVER else "transfer_closed",
        )
    for name, value in changes.items():
        setattr(transfer, name, value)
    transfer.status = step.to
    transfer.save()
    detail = {"status": step.to}
    if transfer.decline_reason and step.to == TransferStatus.DECLINED:
        detail["reason"] = transfer.decline_reason
    if transfer.withdrawal_reason and step.to == TransferStatus.WITHDRAWN:
        detail["reason"] = transfer.withdrawal_reason
    if transfer.receiver_case_number and step.to == TransferStatus.ACCEPTED:
        detail["receiver_case_number"] = transfer.receiver_case_number
        detail["receiver_case_id"] = transfer.receiver_case_id
        # What the trail prints as the note: the stub's case page then says where it went.
        detail["reason"] = f"{transfer.receiver.name}, {transfer.receiver_case_number}"
    _record(actor, transfer, step.event, **detail, **(event_detail or {}))
    return transfer


def transfer_live(transfer: Transfer, case: Case) -> bool:
    """The transfer still holds the case: under way, or accepted while our case is the closed
    stub (a case that came back to us by a later transfer is ours to transfer again)."""
    if transfer.status == TransferStatus.ACCEPTED:
        return case.stage == Stage.TERMINATION
    return transfer.status in LIVE_STATUSES


def _any_step(step_name: str) -> Step:
    return next(step for (_status, name), step in STEPS.items() if name == step_name)


def _approved_transfer_request(case: Case) -> int | None:
    return (
        case.decision_requests.filter(state=DecisionRequest.State.APPROVED, move=Move.TRANSFER)
        .order_by("-decided_at", "-id")
        .values_list("pk", flat=True)
        .first()
    )


@transaction.atomic
def transfer_decide(
    *, actor: Actor, case_id: object, receiver: Organisation | str, note: str
) -> Transfer:
    """The division head transfers the case to `receiver`: the move (or the lawyer's request
    approved), the transfer, and the complete file delivered. Run in the sender's schema."""
    case = case_for_actor(actor=actor, case_id=case_id)
    policy.require(actor, Action.CASE_DECIDE, case_subject(case))
    case = Case.objects.select_for_update().get(pk=case.pk)
    note = (note or "").strip()
    if not note:
        raise DomainError(
            _("Say why the case is transferred."),
            code="note_required",
            fields={"note": [_("This field is required.")]},
        )
    if len(note) > NOTE_LENGTH:
        raise DomainError(
            _("Keep the note under %(n)d characters.") % {"n": NOTE_LENGTH},
            fields={"note": [_("Too long.")]},
        )
    sender = actor.organisation
    target = _receiver(sender, receiver)
    consent = _consent_check(sender, case.pk, target, lock=True)
    transfers = Transfer.objects.filter(sender=sender, case_id=case.pk)
    if any(transfer_live(t, case) for t in transfers.filter(status__in=LIVE_STATUSES)):
        raise Conflict(
            _("This case already has a transfer under way or accepted."), code="transfer_live"
        )
    if case.stage == Stage.TERMINATION:
        if case.status != Status.TRANSFERRED:
            raise TransitionNotAllowed(
                _("A closed case is transferred only if it was closed as transferred.")
            )
        request_id = _approved_transfer_request(case)  # decided before: the receiver named now
    else:
        stated = f"{target.name}: {note}"  # the move's note says to whom and why
        pending = case.decision_requests.filter(
            state=DecisionRequest.State.PENDING, move=Move.TRANSFER
        ).first()
        if pending is not None:
            decision_settle(
                actor=actor,
                request_id=pending.pk,
                outcome=DecisionRequest.State.APPROVED,
                comment=stated,
            )
            request_id = pending.pk
        else:
            case_transition(actor=actor, case_id=case.pk, move=Move.TRANSFER, note=stated)
            request_id = None
    now = timezone.now()
    transfer = Transfer(
        sender=sender,
        case_id=case.pk,
        case_number=case.number,
        receiver=target,
        consent=consent,
        decision_request_id=request_id,
        decided_by=actor.name,
        decided_by_user_id=actor.user_id,
        decided_at=now,
        note=note,
    )
    transfer.due_on = due_on_for(receiver_calendar(transfer), now)
    transfer.save()
    _record(actor, transfer, "transfer.decided", reason=note, due_on=transfer.due_on.isoformat())
    package = _package(case=Case.objects.get(pk=case.pk), organisation=sender)
    return _transfer_step(
        actor=actor,
        transfer_id=transfer.pk,
        step_name="deliver",
        package=package,
        package_sha256=hashlib.sha256(package).hexdigest(),
        delivered_at=timezone.now(),
    )


@transaction.atomic
def transfer_ask(
    *, actor: Actor, case_id: object, receiver: Organisation | str, reason: str
) -> DecisionRequest:
    """The lawyer who owns the case asks the division head to transfer it to a named member:
    a decision request (move "transfer") whose reason starts with the member's name. Refused
    at once when the client's consent does not cover sharing with that member."""
    case = case_for_actor(actor=actor, case_id=case_id)
    target = _receiver(actor.organisation, receiver)
    _consent_check(actor.organisation, case.pk, target)
    reason = (reason or "").strip()
    return decision_request_create(
        actor=actor,
        case_id=case.pk,
        move=Move.TRANSFER,
        reason=f"{target.name}: {reason}" if reason else "",
    )


def transfer_proposed_receiver(*, sender: Organisation, request: DecisionRequest | None):
    """The member a pending transfer request names (its reason mentions exactly one)."""
    if request is None:
        return None
    named = [o for o in transfer_receivers(sender=sender) if o.name in request.reason]
    return named[0] if len(named) == 1 else None


def _package(*, case: Case, organisation: Organisation) -> bytes:
    """The complete file: every section of the one projection, as case-package XML, with the
    case's progress as it stood before the transfer closed it here (the receiver carries on
    from there; the sender's termination is the sender's alone)."""
    package = case_projection(case=case, organisation=organisation, sections=ALL_SECTIONS)
    moved = (
        audit_events_for(object_type="case", object_id=case.pk)
        .filter(action="case.transition", detail__move=Move.TRANSFER)
        .order_by("-at", "-id")
        .first()
    )
    if moved is not None and moved.detail.get("from"):
        entry = replace(
            package.case,
            stage=moved.detail["from"],
            status=moved.detail.get("from_status") or package.case.status,
            closed_on=None,
        )
        package = replace(package, case=entry)
    return package_to_xml(package)


@transaction.atomic
def transfer_answer(
    *, actor: Actor, transfer_id: object, outcome: str, reason: str = ""
) -> Transfer:
    """The receiver's division head accepts (the case is made in our schema from the delivered
    file, documents included, and the clock stops) or declines with a reason."""
    if outcome not in ("accept", "decline"):
        raise DomainError(_("Unknown outcome."), fields={"outcome": [_("Unknown outcome.")]})
    policy.require(actor, Action.TRANSFER_ANSWER)
    transfer = transfer_for_actor(actor=actor, transfer_id=transfer_id)
    if transfer.receiver_id != actor.organisation.pk:
        raise NotFound(_("Not found."))
    reason = (reason or "").strip()
    now = timezone.now()
    answered = {"answered_by": actor.name, "answered_by_user_id": actor.user_id, "answered_at": now}
    if outcome == "decline":
        if not reason:
            raise DomainError(
                _("Tell the sender why the transfer is declined."),
                code="reason_required",
                fields={"reason": [_("This field is required.")]},
            )
        return _transfer_step(
            actor=actor,
            transfer_id=transfer.pk,
            step_name="decline",
            decline_reason=reason[:NOTE_LENGTH],
            **answered,
        )
    locked = Transfer.objects.select_for_update().get(pk=transfer.pk)
    if locked.status != TransferStatus.DELIVERED:
        return _transfer_step(actor=actor, transfer_id=transfer.pk, step_name="accept")  # refuses
    consent = _consent_check(locked.sender, locked.case_id, locked.receiver, lock=True)
    case = _import(actor=actor, transfer=locked)
    _consent_carry(actor=actor, consent=consent, case=case)
    case_restriction_carry(
        actor=actor, source=locked.sender, source_case_id=locked.case_id, case=case
    )
    return _transfer_step(
        actor=actor,
        transfer_id=transfer.pk,
        step_name="accept",
        # Where the case now stands: the worker's status page follows it there.
        event_detail={"receiver_case_stage": case.stage, "receiver_case_status": case.status},
        receiver_case_id=case.pk,
        receiver_case_number=case.number,
        **answered,
    )


def _import(*, actor: Actor, transfer: Transfer) -> Case:
    try:
        package = package_from_xml(bytes(transfer.package))
    except PackageError:
        raise Conflict(
            _("The delivered file cannot be read; ask the sender to transfer the case again."),
            code="invalid_package",
        ) from None
    return case_import(
        actor=actor,
        package=package,
        received_via="transfer",
        source_organisation=transfer.sender,
    )


def _consent_carry(*, actor: Actor, consent: ConsentRecord, case: Case) -> None:
    """The client's consent goes with the case: the receiver's case holds the same answers
    (who gave them, how, which members sharing is limited to), so that it is shared, referred
    and counted as the client said, and a later withdrawal reaches it."""
    consent_record_for_case(
        organisation=actor.organisation,
        case_id=case.pk,
        answers={purpose: getattr(consent, purpose) for purpose in Purpose.values},
        source=consent.source,
        by=actor.audit,
        given_by=consent.given_by,
        who=GivenByWhom(kind=consent.given_by_kind, name=consent.given_by_name),
        share_with=list(consent.share_with),
    )


@transaction.atomic
def transfer_withdraw(*, actor: Actor, transfer_id: object, reason: str) -> Transfer:
    """The sender's division head takes back a transfer not yet answered (e.g. the client
    chose another office); the case stays closed as transferred, ready for another receiver."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            _("Say why the transfer is withdrawn."),
            code="reason_required",
            fields={"reason": [_("This field is required.")]},
        )
    return _transfer_step(
        actor=actor,
        transfer_id=transfer_id,
        step_name="withdraw",
        withdrawn_by=actor.name,
        withdrawn_at=timezone.now(),
        withdrawal_reason=reason[:NOTE_LENGTH],
    )


def transfer_package_readable(*, actor: Actor, transfer: Transfer) -> bool:
    """The file holds every section: on the receiver's side its division head reads it; on the
    sender's, whoever may open the case and read all of its restricted parts."""
    if transfer.receiver_id == actor.organisation.pk:
        return policy.allows(actor, Action.TRANSFER_ANSWER)
    case = case_for_actor(actor=actor, case_id=transfer.case_id)
    return not case_hidden_sections(actor=actor, subject=case_subject(case))


@transaction.atomic
def transfer_package_read(*, actor: Actor, transfer_id: object) -> tuple[Transfer, bytes]:
    """The delivered file, read by the sender's staff who may open the case or by the
    receiver's division head; every read is in both trails."""
    transfer = transfer_for_actor(actor=actor, transfer_id=transfer_id)
    if not transfer_package_readable(actor=actor, transfer=transfer):
        raise PermissionDenied(
            _(
                "Only the receiver's division head, and the sender's staff who may read every "
                "part of the case, read the complete file."
            ),
            code="section_restricted",
        )
    if not transfer.package:
        raise NotFound(_("Not found."))
    if transfer.receiver_id == actor.organisation.pk:
        # The receiver reads the file while it waits for its answer under the client's
        # consent (and once the case is its own), not after a withdrawal or a decline.
        if transfer.status in (TransferStatus.DECLINED, TransferStatus.WITHDRAWN):
            raise NotFound(_("Not found."))
        if transfer.status != TransferStatus.ACCEPTED:
            _consent_check(transfer.sender, transfer.case_id, transfer.receiver)
    _record(actor, transfer, "transfer.package_read", reader=actor.organisation.name)
    return transfer, bytes(transfer.package)
