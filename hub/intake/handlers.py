"""What intake does when a case moves: the accepted complaint's public status follows the
case's stage (outbox subscriber). The portal reads these public fields, never the case."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q

from hub.core.models import OutboxEvent
from hub.intake.models import Complaint, ComplaintStatus
from hub.organisations.context import organisation_active
from hub.organisations.models import Organisation


def complaint_follow_case(events: Sequence[OutboxEvent]) -> None:
    """`case.transition` events are dispatched in the organisation's schema; the complaint
    table is public. Idempotent: an event applies only if no later one was applied."""
    organisation = organisation_active()
    if organisation is None:
        return
    for event in sorted(events, key=lambda e: (e.occurred_at, e.pk)):
        if event.name != "case.transition" or not str(event.object_id).isdigit():
            continue
        Complaint.objects.filter(
            Q(case_updated_at__isnull=True) | Q(case_updated_at__lte=event.occurred_at),
            handling_organisation=organisation,
            status=ComplaintStatus.ACCEPTED,
            accepted_case_id=int(event.object_id),
        ).update(
            case_stage=str(event.payload.get("to", ""))[:20],
            case_status=str(event.payload.get("status", ""))[:20],
            case_updated_at=event.occurred_at,
            updated_at=event.occurred_at,
        )


def complaint_follow_transfer(events: Sequence[OutboxEvent]) -> None:
    """A transferred case has a new owner: the complaint now points at the receiver's case, so
    the worker's status page and a withdrawal on the portal reach the case where it lives.
    `transfer.accepted` is dispatched in both schemas; the sender's (about its case) applies."""
    organisation = organisation_active()
    if organisation is None:
        return
    for event in events:
        payload = event.payload or {}
        receiver_case_id = payload.get("receiver_case_id")
        if (
            event.name != "transfer.accepted"
            or event.object_type != "case"
            or not str(event.object_id).isdigit()
            or not isinstance(receiver_case_id, int)
        ):
            continue
        receiver = Organisation.objects.filter(slug=payload.get("receiver", "")).first()
        if receiver is None:
            continue
        Complaint.objects.filter(
            handling_organisation=organisation,
            status=ComplaintStatus.ACCEPTED,
            accepted_case_id=int(event.object_id),
        ).update(
            handling_organisation=receiver,
            accepted_case_id=receiver_case_id,
            case_stage=str(payload.get("receiver_case_stage", ""))[:20],
            case_status=str(payload.get("receiver_case_status", ""))[:20],
            case_updated_at=event.occurred_at,
            updated_at=event.occurred_at,
        )
