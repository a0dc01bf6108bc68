"""Reads of complaints: an organisation's inbox, and the public status a receipt code shows."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.intake.models import Complaint, ComplaintMember, ComplaintStatus
from hub.organisations.models import Organisation
from hub.vocab.stages import Stage, Status


def complaints_in_inbox(*, organisation: Organisation):
    return Complaint.objects.filter(
        handling_organisation=organisation, status=ComplaintStatus.INBOX
    ).order_by("submitted_at")


def complaints_in_triage():
    return Complaint.objects.filter(status=ComplaintStatus.TRIAGE).order_by("submitted_at")


def triage_rows():
    """What the coordinators' triage page lists: each complaint with the number of a group
    complaint's other workers (`member_count`), never their names: coordinators see no person."""
    return complaints_in_triage().annotate(member_count=Count("members"))


def inbox_for_actor(*, actor: Actor):
    """The actor's organisation's inbox (policy-checked), with the names of a group
    complaint's other workers in one query for all rows (not their contact details)."""
    policy.require(actor, Action.INBOX_READ)
    members = ComplaintMember.objects.only("complaint_id", "position", "name")
    return complaints_in_inbox(organisation=actor.organisation).prefetch_related(
        Prefetch("members", queryset=members)
    )


@dataclass(frozen=True)
class PublicStatus:
    """What the holder of a receipt code may see: where the complaint is and, once accepted,
    the case's stage and next step; never personal data, never an organisation that let it go.
    Read from the complaint's public fields only (the case's events keep them current)."""

    receipt_code: str
    status: str
    status_label: str
    next_step: str
    organisation_name: str
    submitted_on: str
    updated_at: str
    case_stage: str = ""
    case_stage_label: str = ""
    verified: bool = False  # the worker confirmed the data through the verification link
    pin_set_on: str = ""  # the day the worker set a PIN on the receipt page (ISO), if they did


def _case_next_step(stage: str, status: str) -> str:
    """The accepted case's stage and its next step, in plain words for the worker."""
    if stage == Stage.TERMINATION:
        return {
            Status.REFERRED: _(
                "Your case was referred to another service that can help further. "
                "The organisation will tell you where."
            ),
            Status.TRANSFERRED: _(
                "Your case was handed to another organisation that will continue to help you."
            ),
            Status.NOT_ACCOMPANIED: _(
                "The organisation has finished with your case and will not accompany it "
                "further. Contact them if you have questions."
            ),
        }.get(status, _("The organisation's help with your case has ended."))
    return {
        Stage.CONSULTATION: _("A lawyer is studying your case and will talk with you."),
        Stage.CASE_MEETING: _("The organisation's team is meeting to decide how to help you."),
        Stage.ACCOMPANIMENT: _(
            "The organisation is accompanying your case, for example with the employer, "
            "the agency or the authorities."
        ),
    }.get(
        stage,
        _(
            "An organisation has accepted your complaint and opened a case. "
            "They will contact you if you allowed it."
        ),
    )


def complaint_public_status(*, receipt_code: str) -> PublicStatus | None:
    complaint = (
        Complaint.objects.select_related("handling_organisation", "merged_into")
        .filter(receipt_code=receipt_code)
        .first()
    )
    if complaint is None:
        return None
    status = ComplaintStatus(complaint.status)
    organisation = complaint.handling_organisation
    # An inbox may still decline: its name shows only when the worker chose it themself.
    named = status == ComplaintStatus.ACCEPTED or (
        status == ComplaintStatus.INBOX
        and organisation is not None
        and organisation.pk == complaint.chosen_organisation_id
    )
    if status == ComplaintStatus.ACCEPTED:
        next_step = _case_next_step(complaint.case_stage, complaint.case_status)
    elif status == ComplaintStatus.CLOSED:
        next_step = _(
            "The network closed your complaint because it is outside what its organisations "
            "handle: %(reason)s"
        ) % {"reason": complaint.closed_reason}
    elif status == ComplaintStatus.MERGED:
        next_step = _(
            "Your complaint was joined with complaint %(code)s about the same matter. "
            "Follow that code."
        ) % {"code": complaint.merged_into.receipt_code}
    elif status == ComplaintStatus.TRIAGE:
        next_step = _("The network is finding the right organisation for your complaint.")
    else:
        next_step = _(
            "Your complaint is waiting for the organisation to review it. "
            "They will contact you if you allowed it."
        )
    stage = complaint.case_stage if status == ComplaintStatus.ACCEPTED else ""
    return PublicStatus(
        receipt_code=complaint.receipt_code,
        status=complaint.status,
        status_label=str(status.label),
        next_step=str(next_step),
        organisation_name=organisation.name if named else "",
        submitted_on=complaint.submitted_at.date().isoformat(),
        updated_at=complaint.updated_at.isoformat(),
        case_stage=stage,
        case_stage_label=str(Stage(stage).label) if stage in Stage.values else "",
        verified=complaint.verified_at is not None,
        pin_set_on=(
            timezone.localtime(complaint.pin_set_at).date().isoformat()
            if complaint.pin_set_at
            else ""
        ),
    )
