"""The worker withdraws consent from the portal, with the receipt code and the PIN they set.

For an accepted complaint it acts on the case's consent (in the organisation's schema, so the
case's trail records it); before that, on the complaint's own record. A group complaint's
listed workers are not touched: each answers for themself (their own consent links).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from hub.consent.models import ConsentRecord, WithdrawnVia
from hub.consent.selectors import consent_for_case
from hub.consent.services import consent_withdraw_for_case, consent_withdraw_purposes
from hub.core.errors import DomainError, NotFound
from hub.core.ids import normalise_receipt_code
from hub.core.outbox import domain_event_record
from hub.intake.models import Complaint, ComplaintStatus
from hub.intake.pin import PORTAL, WrongPin, complaint_pin_check
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation


class PinMissing(DomainError):
    """No PIN was ever set: withdrawing needs one (only the holder of the code could set it
    now, which proves nothing), so the worker asks their organisation instead."""

    status = 409
    code = "pin_missing"


@dataclass(frozen=True)
class PortalConsent:
    """What the worker allows now, as the withdrawal page shows it."""

    receipt_code: str
    pin_set: bool
    purposes: tuple[str, ...]
    share_with: tuple[str, ...]  # names of the members sharing is limited to (none: any)


def _accepted(complaint: Complaint) -> bool:
    return (
        complaint.status == ComplaintStatus.ACCEPTED
        and complaint.handling_organisation_id is not None
        and complaint.accepted_case_id is not None
    )


def _consent_now(complaint: Complaint) -> ConsentRecord | None:
    if _accepted(complaint):
        return consent_for_case(
            organisation=complaint.handling_organisation, case_id=complaint.accepted_case_id
        )
    return complaint.consent


def _portal_consent(complaint: Complaint) -> PortalConsent:
    record = _consent_now(complaint)
    live = record is not None and record.withdrawn_at is None
    slugs = list(record.share_with) if live else []
    names = dict(Organisation.objects.filter(slug__in=slugs).values_list("slug", "name"))
    return PortalConsent(
        receipt_code=complaint.receipt_code,
        pin_set=bool(complaint.pin_hash),
        purposes=tuple(record.purposes) if live else (),
        share_with=tuple(names.get(slug, slug) for slug in slugs),
    )


def complaint_consent_now(*, receipt_code: str) -> PortalConsent | None:
    """What the complaint's worker allows now; None for an unknown code."""
    code = normalise_receipt_code(receipt_code or "")
    complaint = (
        Complaint.objects.select_related("handling_organisation", "consent")
        .filter(receipt_code=code)
        .first()
        if code
        else None
    )
    return _portal_consent(complaint) if complaint is not None else None


@transaction.atomic
def complaint_consent_withdraw(
    *, receipt_code: str, pin: str, purposes: Sequence[str]
) -> PortalConsent:
    """Withdraw the chosen purposes. Refuses an unknown code (NotFound), a complaint without
    a PIN (PinMissing) and a wrong PIN (WrongPin, which callers count as a failed guess)."""
    known = Complaint.objects.filter(receipt_code=normalise_receipt_code(receipt_code or ""))
    found = known.only("pk", "pin_hash").first()
    if found is None:
        raise NotFound(_("We found no complaint with this receipt code."))
    if not found.pin_hash:
        raise PinMissing(
            _(
                "No PIN was set for this complaint, so it cannot be withdrawn here. Ask the "
                "organisation handling your complaint: they will record your withdrawal."
            )
        )
    complaint = complaint_pin_check(receipt_code=receipt_code, pin=pin)
    if complaint is None:
        message = _("The receipt code and PIN do not match.")
        raise WrongPin(message, fields={"pin": [message]})
    complaint = (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("handling_organisation")
        .get(pk=complaint.pk)
    )
    if _accepted(complaint):
        with organisation_context(complaint.handling_organisation):
            consent_withdraw_for_case(
                organisation=complaint.handling_organisation,
                case_id=complaint.accepted_case_id,
                purposes=purposes,
                via=WithdrawnVia.PORTAL,
                by=PORTAL,
            )
    else:
        current = ConsentRecord.objects.select_for_update().get(pk=complaint.consent_id)
        withdrawal = consent_withdraw_purposes(
            current=current,
            records=ConsentRecord.objects.filter(pk=current.pk),
            purposes=purposes,
            via=WithdrawnVia.PORTAL,
            by=PORTAL,
        )
        if withdrawal.current is not None:
            # What remains is the complaint's consent from now on (and the case's, later).
            complaint.consent = withdrawal.current
            complaint.save(update_fields=["consent", "updated_at"])
        with organisation_context(None):
            domain_event_record(
                actor=PORTAL,
                name="complaint.consent_withdrawn",
                object_type="complaint",
                object_id=complaint.receipt_code,
                detail={"purposes": list(withdrawal.purposes)},
            )
    complaint.refresh_from_db()
    return _portal_consent(complaint)
