"""Keeping identifier hashes current as cases and people change (outbox subscribers).

Events are dispatched in the organisation's schema they were recorded in, so the cases and
people they name are read there; the hashes are written to the public schema.
"""

from __future__ import annotations

from collections.abc import Sequence

from hub.core.models import OutboxEvent
from hub.organisations.context import organisation_active
from sharing.identity.notices import matches_notify
from sharing.identity.services import identity_hashes_for_people, identity_hashes_refresh


def _ids(events: Sequence[OutboxEvent], object_type: str) -> set[int]:
    return {
        int(event.object_id)
        for event in events
        if event.object_type == object_type and event.object_id.isdigit()
    }


def hashes_after_case_events(events: Sequence[OutboxEvent]) -> None:
    """A case registered, imported, a client added, restricted, transferred: recompute."""
    organisation = organisation_active()
    if organisation is not None:
        rows = identity_hashes_refresh(organisation=organisation, case_ids=_ids(events, "case"))
        matches_notify(organisation=organisation, rows=rows)


def hashes_after_person_events(events: Sequence[OutboxEvent]) -> None:
    """A person's identifiers edited: recompute the cases where they are the client."""
    organisation = organisation_active()
    if organisation is not None:
        rows = identity_hashes_for_people(
            organisation=organisation, person_ids=_ids(events, "person")
        )
        matches_notify(organisation=organisation, rows=rows)
