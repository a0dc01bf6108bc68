"""Filing, routing, accepting and declining complaints: a complaint is always in one place."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.consent.services import ConsentChoices, consent_attach_case, consent_record_create
from hub.core.audit import AuditActor
from hub.core.errors import Conflict, DomainError, NotFound
from hub.core.ids import new_receipt_code, normalise_receipt_code
from hub.core.outbox import domain_event_record
from hub.intake.models import Complaint, ComplaintDecision, ComplaintStatus
from hub.intake.routing import route_complaint
from hub.intake.selectors import complaints_in_inbox
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation
from hub.vocab.selectors import unknown_codes


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
    extra: dict = field(default_factory=dict)


@transaction.atomic
def complaint_submit(*, data: ComplaintInput) -> Complaint:
    unknown = unknown_codes(list(data.issue_types))
    if unknown:
        raise DomainError(
            _("Unknown issue type: %(codes)s.") % {"codes": ", ".join(unknown)},
            fields={"issue_types": [_("Unknown code.")]},
        )
    if data.organisation is not None and not data.organisation.accepts_complaints:
        raise DomainError(
            _("This organisation does not take complaints."),
            fields={"organisation": [_("Choose another organisation.")]},
        )
    consent = consent_record_create(given_by=data.reporter_type, choices=data.consent)
    handler = data.organisation or route_complaint(
        country_of_work=data.country_of_work,
        home_region=data.home_region,
        issue_types=list(data.issue_types),
        language=data.language,
        excluded_ids=set(),
    )
    complaint = Complaint(
        reporter_type=data.reporter_type,
        reporter_name=data.reporter_name,
        contact_phone=data.contact_phone,
        contact_email=data.contact_email,
        country_of_work=data.country_of_work,
        work_city=data.work_city,
        home_region=data.home_region,
        employer_name=data.employer_name,
        agency_name=data.agency_name,
        issue_types=list(data.issue_types),
        narrative=data.narrative,
        language=data.language,
        chosen_organisation=data.organisation,
        handling_organisation=handler,
        status=ComplaintStatus.INBOX if handler else ComplaintStatus.TRIAGE,
        consent=consent,
    )
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
    ComplaintDecision.objects.create(
        complaint=complaint,
        organisation=handler,
        kind=ComplaintDecision.Kind.ROUTED,
        reason="chosen by the reporter" if data.organisation else "network routing",
        actor_label="portal",
    )
    _complaint_event(
        complaint, "complaint.submitted", AuditActor(label="portal"), routed_to=_slug(handler)
    )
    return complaint


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


def complaint_lock_in_inbox(*, organisation: Organisation, receipt_code: str) -> Complaint:
    """The complaint, locked, if it waits in this organisation's inbox; else 404."""
    receipt_code = normalise_receipt_code(receipt_code)
    if receipt_code is None:
        raise NotFound(_("Not found."))
    complaint = (
        complaints_in_inbox(organisation=organisation)
        .select_for_update()
        .filter(receipt_code=receipt_code)
        .first()
    )
    if complaint is None:
        raise NotFound(_("Not found."))
    return complaint


def complaint_mark_accepted(
    *, complaint: Complaint, organisation: Organisation, case_id: int, actor: AuditActor
) -> Complaint:
    """Called inside the acceptance transaction that created the case."""
    complaint.status = ComplaintStatus.ACCEPTED
    complaint.accepted_case_id = case_id
    complaint.save(update_fields=["status", "accepted_case_id", "updated_at"])
    consent_attach_case(consent=complaint.consent, organisation=organisation, case_id=case_id)
    ComplaintDecision.objects.create(
        complaint=complaint,
        organisation=organisation,
        kind=ComplaintDecision.Kind.ACCEPTED,
        actor_label=actor.label,
    )
    _complaint_event(
        complaint, "complaint.accepted", actor, organisation=organisation.slug, case_id=case_id
    )
    return complaint


@transaction.atomic
def complaint_decline(*, actor: Actor, receipt_code: str, reason: str) -> Complaint:
    """Decline with a reason; the complaint goes back to routing (next organisation or triage)."""
    policy.require(actor, Action.COMPLAINT_DECIDE)
    organisation = actor.organisation
    if not reason.strip():
        raise DomainError(
            _("A reason is required to decline."),
            code="reason_required",
            fields={"reason": [_("This field is required.")]},
        )
    complaint = complaint_lock_in_inbox(organisation=organisation, receipt_code=receipt_code)
    ComplaintDecision.objects.create(
        complaint=complaint,
        organisation=organisation,
        kind=ComplaintDecision.Kind.DECLINED,
        reason=reason.strip(),
        actor_label=actor.label,
    )
    declined = set(
        complaint.decisions.filter(kind=ComplaintDecision.Kind.DECLINED).values_list(
            "organisation_id", flat=True
        )
    )
    handler = route_complaint(
        country_of_work=complaint.country_of_work,
        home_region=complaint.home_region,
        issue_types=complaint.issue_types,
        language=complaint.language,
        excluded_ids=declined,
    )
    complaint.handling_organisation = handler
    complaint.status = ComplaintStatus.INBOX if handler else ComplaintStatus.TRIAGE
    complaint.save(update_fields=["handling_organisation", "status", "updated_at"])
    ComplaintDecision.objects.create(
        complaint=complaint,
        organisation=handler,
        kind=ComplaintDecision.Kind.ROUTED,
        reason="re-routed after decline",
        actor_label="routing",
    )
    _complaint_event(
        complaint,
        "complaint.declined",
        actor.audit,
        organisation=organisation.slug,
        reason=reason.strip(),
        routed_to=_slug(handler),
    )
    return complaint
