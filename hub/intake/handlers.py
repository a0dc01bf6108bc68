"""What intake does when a case moves: the accepted complaint's public status follows the
case's stage (outbox subscriber). The portal reads these public fields, never the case."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q

from hub.core.models import OutboxEvent
from hub.intake.models import Complaint, ComplaintStatus
from hub.organisations.context import organisation_active


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
