"""What cases do when things happen: keep the network rollup current (outbox subscribers)."""

from __future__ import annotations

from collections.abc import Sequence

from hub.consent.models import ConsentRecord
from hub.core.models import OutboxEvent
from hub.organisations.context import organisation_active, organisation_context
from tenants.cases.services import case_rollup_refresh


def rollup_after_case_events(events: Sequence[OutboxEvent]) -> None:
    """Case events are dispatched in the organisation's schema: recount it once per batch."""
    organisation = organisation_active()
    if organisation is not None:
        case_rollup_refresh(organisation=organisation)


def rollup_after_consent_withdrawn(events: Sequence[OutboxEvent]) -> None:
    """Consent lives in the public schema; recount each organisation whose case lost it."""
    consents = ConsentRecord.objects.filter(
        pk__in=[event.object_id for event in events], organisation__isnull=False
    ).select_related("organisation")
    for organisation in {consent.organisation for consent in consents}:
        with organisation_context(organisation):
            case_rollup_refresh(organisation=organisation)
