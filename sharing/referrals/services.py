"""Sending a referral and its small lifecycle, as a table with one door.

sent → accepted | declined (the receiving member's division head) or withdrawn (the sender);
accepted → completed with an outcome. For an outside agency, which has no account here, the
sender records the agency's answer and outcome by hand: the same moves, the other side.

On acceptance by a member the receiver gets the sections the sender chose, as they were sent,
as a new case in its own schema (tenants.cases.imports.case_import), linked back. Every
move is audited in both organisations' schemas.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.consent.models import ConsentRecord, Purpose
from hub.consent.selectors import consent_for_case
from hub.core.audit import AuditActor, audit_record
from hub.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from hub.core.outbox import domain_event_record
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation, OrganisationKind
from hub.vocab.models import Vocabulary
from hub.vocab.selectors import require_known_codes
from interchange.xml import PackageError, package_from_xml, package_to_xml
from sharing.referrals.models import Referral, ReferralStatus, ServiceAgency
from sharing.services import (
    case_restriction_carry,
    case_transferred_away,
    transferred_away_refusal,
)
from tenants.cases.imports import case_import
from tenants.cases.models import Case
from tenants.cases.projection import Section, case_projection
from tenants.cases.selectors import case_for_actor, case_hidden_sections, case_subject

REASON_LENGTH = 4000
OUTCOME_LENGTH = 4000


class Move(models.TextChoices):
    ACCEPT = "accept", gettext_lazy("Accept")
    DECLINE = "decline", gettext_lazy("Decline")
    COMPLETE = "complete", gettext_lazy("Complete with the outcome")
    WITHDRAW = "withdraw", gettext_lazy("Withdraw")


class Side(StrEnum):
    SENDER = "sender"
    RECEIVER = "receiver"


@dataclass(frozen=True)
class Rule:
    to: str
    by_member: Side  # who makes the move when the receiver is a member
    by_agency: Side  # ... when it is an outside agency (the sender, recording it by hand)
    needs: str = ""  # the text the move must carry: "reason" or "outcome"


TRANSITIONS: dict[tuple[str, str], Rule] = {
    (ReferralStatus.SENT, Move.ACCEPT): Rule(ReferralStatus.ACCEPTED, Side.RECEIVER, Side.SENDER),
    (ReferralStatus.SENT, Move.DECLINE): Rule(
        ReferralStatus.DECLINED, Side.RECEIVER, Side.SENDER, needs="reason"
    ),
    (ReferralStatus.SENT, Move.WITHDRAW): Rule(ReferralStatus.WITHDRAWN, Side.SENDER, Side.SENDER),
    (ReferralStatus.ACCEPTED, Move.COMPLETE): Rule(
        ReferralStatus.COMPLETED, Side.RECEIVER, Side.SENDER, needs="outcome"
    ),
}

# The policy action each side's moves need (the sender's, on its case).
SIDE_ACTIONS = {Side.SENDER: Action.REFERRAL_SEND, Side.RECEIVER: Action.REFERRAL_ANSWER}


def moves_for(referral: Referral, side: Side) -> list[str]:
    """The moves `side` may make on the referral now (what pages offer as buttons)."""
    return [
        move
        for (status, move), rule in TRANSITIONS.items()
        if status == referral.status
        and (rule.by_agency if referral.to_agency else rule.by_member) == side
    ]


def _locked_consent(consent: ConsentRecord | None) -> ConsentRecord | None:
    """The record row-locked (a withdrawal locks it too): a withdrawal at the same moment
    either comes first and we refuse, or waits until we are done (as share_grant)."""
    if consent is None:
        return None
    return ConsentRecord.objects.select_for_update().get(pk=consent.pk)


def _consent_for(*, sender: Organisation, case_id: int, receiver, agency) -> ConsentRecord:
    """The client's consent that covers this referral, or a 409 that says what is missing."""
    consent = _locked_consent(consent_for_case(organisation=sender, case_id=case_id))
    if agency is not None:
        if consent is None or not consent.covers(Purpose.REFER):
            raise Conflict(
                _("The client has not consented to a referral to government or other agencies."),
                code="consent_missing",
            )
        return consent
    if consent is None or not consent.covers(Purpose.SHARE, recipient_slug=receiver.slug):
        raise Conflict(
            _("The client has not consented to sharing this case with %(name)s.")
            % {"name": receiver.name},
            code="consent_missing",
        )
    return consent


def _check_text(value: str, *, field: str, limit: int, required: bool) -> str:
    value = value.strip()
    if required and not value:
        raise DomainError(
            _("Please fill in this field."), fields={field: [_("This field is required.")]}
        )
    if len(value) > limit:
        raise DomainError(
            _("At most %(count)s characters.") % {"count": limit},
            fields={field: [_("At most %(count)s characters.") % {"count": limit}]},
        )
    return value


def _check_sections(sections) -> list[str]:
    chosen = set(sections)
    if not chosen or any(s not in Section.values for s in chosen):
        raise DomainError(
            _("Choose at least one known section."), fields={"sections": [_("Unknown section.")]}
        )
    return [s for s in Section.values if s in chosen]  # in the projection's order


def _package(*, actor: Actor, case: Case, sections: list[str]) -> bytes:
    """The case as the receiver will get it: the chosen sections, less what the sender may
    not read itself (a restricted section stays with the staff assigned to it)."""
    hidden = case_hidden_sections(actor=actor, subject=case_subject(case))
    package = case_projection(
        case=case,
        organisation=actor.organisation,
        sections=frozenset(sections),
        hidden_sections=hidden,
    )
    return package_to_xml(package)


@transaction.atomic
def referral_send(
    *,
    actor: Actor,
    case_id: object,
    service: str,
    reason: str,
    sections: list[str],
    receiver: Organisation | None = None,
    agency: ServiceAgency | None = None,
) -> Referral:
    """Refer the case (of the actor's organisation, the active schema) for one service."""
    case = case_for_actor(actor=actor, case_id=case_id)
    case = Case.objects.select_for_update().get(pk=case.pk)
    policy.require(actor, Action.REFERRAL_SEND, case_subject(case))
    if case_transferred_away(organisation=actor.organisation, case=case):
        raise transferred_away_refusal()
    if (receiver is None) == (agency is None):
        raise DomainError(
            _("Refer to one member organisation or to one agency."),
            code="one_receiver",
            fields={"receiver": [_("Choose a member or an agency, not both.")]},
        )
    if receiver is not None and (
        receiver.pk == actor.organisation.pk or receiver.kind == OrganisationKind.TEMPLATE
    ):
        raise DomainError(
            _("A case is referred to another member organisation."),
            code="same_organisation",
            fields={"receiver": [_("Choose another member organisation.")]},
        )
    if agency is not None and not agency.active:
        raise DomainError(
            _("This agency is no longer in the directory."),
            fields={"agency": [_("Choose an active agency.")]},
        )
    require_known_codes(vocabulary=Vocabulary.SERVICE_TYPE, codes=[service], field="service")
    if agency is not None and service not in agency.services:
        raise DomainError(
            _("%(name)s does not give this service.") % {"name": agency.name},
            fields={"service": [_("Choose a service the agency gives.")]},
        )
    reason = _check_text(reason, field="reason", limit=REASON_LENGTH, required=True)
    sections = _check_sections(sections)
    consent = _consent_for(
        sender=actor.organisation, case_id=case.pk, receiver=receiver, agency=agency
    )
    open_already = Referral.objects.filter(
        sender=actor.organisation,
        case_id=case.pk,
        service=service,
        status__in=[ReferralStatus.SENT, ReferralStatus.ACCEPTED],
    ).filter(Q(receiver=receiver) if receiver is not None else Q(agency=agency))
    if open_already.exists():
        raise Conflict(
            _("This case is already referred there for this service."), code="already_referred"
        )
    referral = Referral.objects.create(
        sender=actor.organisation,
        case_id=case.pk,
        case_number=case.number,
        receiver=receiver,
        agency=agency,
        service=service,
        reason=reason,
        sections=sections,
        consent=consent,
        package=_package(actor=actor, case=case, sections=sections),
        created_by=actor.label,
        created_by_name=actor.name,
    )
    detail = {
        "referral": referral.pk,
        "service": service,
        "sections": sections,
        "receiver": receiver.slug if receiver is not None else "",
        "agency": agency.name if agency is not None else "",
    }
    domain_event_record(
        actor=actor.audit,
        name="referral.sent",
        object_type="case",
        object_id=case.pk,
        detail=detail,
    )
    if receiver is not None:
        with organisation_context(receiver):
            domain_event_record(
                actor=actor.audit,
                name="referral.received",
                object_type="referral",
                object_id=referral.pk,
                detail={**detail, "sender": actor.organisation.slug, "case": case.number},
            )
    return referral


def _locked(*, actor: Actor, referral_id: object) -> tuple[Referral, Side]:
    """The referral, row-locked, and the actor's side of it; anyone else's: 404."""
    try:
        pk = int(referral_id)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None
    organisation = actor.organisation
    referral = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("sender", "receiver", "agency")
        .filter(Q(sender=organisation) | Q(receiver=organisation), pk=pk)
        .first()
        if organisation is not None
        else None
    )
    if referral is None:
        raise NotFound(_("Not found."))
    if referral.sender_id == organisation.pk:
        # The sender's side is its case's: a case it may not open is a referral it cannot see.
        case_for_actor(actor=actor, case_id=referral.case_id)
        return referral, Side.SENDER
    return referral, Side.RECEIVER


def _require_side(*, actor: Actor, referral: Referral, side: Side) -> None:
    if side == Side.SENDER:
        case = case_for_actor(actor=actor, case_id=referral.case_id)
        policy.require(actor, Action.REFERRAL_SEND, case_subject(case))
    else:
        policy.require(actor, Action.REFERRAL_ANSWER)


@transaction.atomic
def referral_move(
    *, actor: Actor, referral_id: object, move: str, reason: str = "", outcome: str = ""
) -> Referral:
    """The one door every change of a referral's status goes through."""
    referral, side = _locked(actor=actor, referral_id=referral_id)
    _require_side(actor=actor, referral=referral, side=side)
    rule = TRANSITIONS.get((referral.status, move)) if move in Move.values else None
    if rule is None:
        raise Conflict(
            _("This referral is %(status)s: it cannot be changed that way now.")
            % {"status": ReferralStatus(referral.status).label.lower()},
            code="referral_move_not_allowed",
        )
    if (rule.by_agency if referral.to_agency else rule.by_member) != side:
        raise PermissionDenied(
            _("Only the organisation that received the referral answers it.")
            if side == Side.SENDER
            else _("Only the organisation that sent the referral can do this."),
            code="wrong_side",
        )
    reason = _check_text(
        reason, field="reason", limit=REASON_LENGTH, required=rule.needs == "reason"
    )
    outcome = _check_text(
        outcome, field="outcome", limit=OUTCOME_LENGTH, required=rule.needs == "outcome"
    )
    now = timezone.now()
    if move == Move.ACCEPT and not referral.to_agency:
        _accept_into_receiver(actor=actor, referral=referral)
    if move in (Move.ACCEPT, Move.DECLINE):
        referral.decided_by = actor.label
        referral.decided_at = now
        referral.decline_reason = reason if move == Move.DECLINE else ""
    elif move == Move.COMPLETE:
        referral.outcome = outcome
        referral.completed_by = actor.label
        referral.completed_at = now
    elif move == Move.WITHDRAW:
        referral.withdrawn_by = actor.label
        referral.withdrawn_at = now
        referral.withdrawal_reason = reason
    referral.status = rule.to
    referral.save()
    _record_both_sides(actor=actor.audit, referral=referral, move=move)
    return referral


def _accept_into_receiver(*, actor: Actor, referral: Referral) -> None:
    """The receiver's new case, from the package as it was sent, if consent still allows."""
    consent = _locked_consent(
        consent_for_case(organisation=referral.sender, case_id=referral.case_id)
    )
    if consent is None or not consent.covers(Purpose.SHARE, recipient_slug=actor.organisation.slug):
        raise Conflict(
            _("The client no longer consents to sharing this case with your organisation."),
            code="consent_missing",
        )
    try:
        package = package_from_xml(bytes(referral.package))
    except PackageError:
        raise Conflict(
            _("What was sent with this referral cannot be read; ask the sender to send it again."),
            code="invalid_package",
        ) from None
    case = case_import(
        actor=actor,
        package=package,
        received_via="referral",
        source_organisation=referral.sender,
    )
    case_restriction_carry(
        actor=actor, source=referral.sender, source_case_id=referral.case_id, case=case
    )
    referral.receiver_case_id = case.pk
    referral.receiver_case_number = case.number


def _record_both_sides(*, actor: AuditActor, referral: Referral, move: str) -> None:
    name = f"referral.{referral.status}"
    detail = {
        "referral": referral.pk,
        "move": move,
        "service": referral.service,
        "by": actor.organisation_slug,
    }
    if referral.receiver_case_id:
        detail["receiver_case"] = referral.receiver_case_number
    with organisation_context(referral.sender):
        domain_event_record(
            actor=actor,
            name=name,
            object_type="case",
            object_id=referral.case_id,
            detail=detail,
        )
    if referral.receiver is not None:
        with organisation_context(referral.receiver):
            domain_event_record(
                actor=actor,
                name=name,
                object_type="case" if referral.receiver_case_id else "referral",
                object_id=referral.receiver_case_id or referral.pk,
                detail=detail,
            )


WITHDRAWAL = AuditActor(label="withdrawal")


@transaction.atomic
def referrals_withdraw_for_consent(*, consent_ids: set[int]) -> list[Referral]:
    """The client withdrew consent: referrals still waiting for an answer that the case's
    consent no longer covers are withdrawn (the table's sent → withdrawn), so the receiver
    can neither accept them nor read what was sent. Idempotent (only `sent` ones move)."""
    withdrawn = []
    # A referral keeps the record it was sent under, which an earlier partial withdrawal may
    # have superseded: the referrals of the withdrawn records' cases are looked at too.
    of_cases = Q(consent_id__in=consent_ids)
    for organisation_id, case_id in ConsentRecord.objects.filter(
        pk__in=consent_ids, organisation__isnull=False, case_id__isnull=False
    ).values_list("organisation_id", "case_id"):
        of_cases |= Q(sender_id=organisation_id, case_id=case_id)
    referrals = (
        Referral.objects.select_for_update(of=("self",))
        .filter(of_cases, status=ReferralStatus.SENT)
        .select_related("sender", "receiver", "agency")
        .order_by("pk")
    )
    rule = TRANSITIONS[(ReferralStatus.SENT, Move.WITHDRAW)]
    for referral in referrals:
        consent = consent_for_case(organisation=referral.sender, case_id=referral.case_id)
        if consent is not None and _covers(consent, referral):
            continue
        referral.status = rule.to
        referral.withdrawn_by = WITHDRAWAL.label
        referral.withdrawn_at = timezone.now()
        referral.withdrawal_reason = "consent_withdrawn"
        referral.save()
        _record_both_sides(actor=WITHDRAWAL, referral=referral, move=Move.WITHDRAW)
        withdrawn.append(referral)
    return withdrawn


def _covers(consent: ConsentRecord, referral: Referral) -> bool:
    if referral.to_agency:
        return consent.covers(Purpose.REFER)
    return consent.covers(Purpose.SHARE, recipient_slug=referral.receiver.slug)


def referral_answer(
    *, actor: Actor, referral_id: object, accept: bool, reason: str = ""
) -> Referral:
    """Accept or decline (the receiving member's Kabid, or the sender for an agency)."""
    move = Move.ACCEPT if accept else Move.DECLINE
    return referral_move(actor=actor, referral_id=referral_id, move=move, reason=reason)


def referral_complete(*, actor: Actor, referral_id: object, outcome: str) -> Referral:
    return referral_move(actor=actor, referral_id=referral_id, move=Move.COMPLETE, outcome=outcome)


def referral_withdraw(*, actor: Actor, referral_id: object, reason: str = "") -> Referral:
    return referral_move(actor=actor, referral_id=referral_id, move=Move.WITHDRAW, reason=reason)


def referral_receiver_may_read(*, actor: Actor, referral: Referral) -> bool:
    """May this actor read what was sent (the package, the letter naming the client)? The
    sender's side: whoever may open the referral. The receiver's: its staff, except for a case
    the sender restricted to its assigned staff (sexual violence, children), which only the
    division head who answers reads."""
    if referral.receiver_id is None or referral.receiver_id != actor.organisation.pk:
        return True
    with organisation_context(referral.sender):
        restricted = Case.objects.filter(pk=referral.case_id, restricted=True).exists()
    return not restricted or policy.allows(actor, Action.REFERRAL_ANSWER)


def referral_read_by_receiver(*, actor: Actor, referral: Referral, read: str) -> None:
    """The receiving member reads what was sent (`read`: "package" on the referral's page, or
    "letter"): the sender's case trail records it, as every read of a case by another member."""
    if referral.receiver_id is None or referral.receiver_id != actor.organisation.pk:
        return
    with organisation_context(referral.sender):
        audit_record(
            actor=actor.audit,
            action="referral.read_by_receiver",
            object_type="case",
            object_id=referral.case_id,
            detail={
                "referral": referral.pk,
                "reader": actor.organisation.slug,
                "reader_name": actor.organisation.name,
                "user": actor.label,
                "read": read,
            },
        )
