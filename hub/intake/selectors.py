"""Reads of complaints: an organisation's inbox, and the public status a receipt code shows."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.intake.models import Complaint, ComplaintStatus
from hub.organisations.models import Organisation


def complaints_in_inbox(*, organisation: Organisation):
    return Complaint.objects.filter(
        handling_organisation=organisation, status=ComplaintStatus.INBOX
    ).order_by("submitted_at")


def inbox_for_actor(*, actor: Actor):
    policy.require(actor, Action.INBOX_READ)
    return complaints_in_inbox(organisation=actor.organisation)


@dataclass(frozen=True)
class PublicStatus:
    """What the holder of a receipt code may see: stage and next step, never personal data."""

    receipt_code: str
    status: str
    status_label: str
    next_step: str
    organisation_name: str
    submitted_on: str
    updated_at: str


def complaint_public_status(*, receipt_code: str) -> PublicStatus | None:
    complaint = (
        Complaint.objects.select_related("handling_organisation")
        .filter(receipt_code=receipt_code)
        .first()
    )
    if complaint is None:
        return None
    next_steps = {
        ComplaintStatus.INBOX: _(
            "Your complaint is waiting for the organisation to review it. "
            "They will contact you if you allowed it."
        ),
        ComplaintStatus.TRIAGE: _(
            "The network is finding the right organisation for your complaint."
        ),
        ComplaintStatus.ACCEPTED: _(
            "An organisation has accepted your complaint and opened a case. "
            "They will contact you if you allowed it."
        ),
    }
    organisation = complaint.handling_organisation
    return PublicStatus(
        receipt_code=complaint.receipt_code,
        status=complaint.status,
        status_label=str(ComplaintStatus(complaint.status).label),
        next_step=str(next_steps[ComplaintStatus(complaint.status)]),
        organisation_name=organisation.name if organisation else "",
        submitted_on=complaint.submitted_at.date().isoformat(),
        updated_at=complaint.updated_at.isoformat(),
    )
