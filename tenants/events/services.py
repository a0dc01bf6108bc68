"""Recording events on a case."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from hub.accounts.access import Actor
from hub.core.outbox import domain_event_record
from tenants.events.models import Event


@transaction.atomic
def event_record(
    *, actor: Actor, case, description: str, occurred_on: date | None = None, place: str = ""
) -> Event:
    event = Event.objects.create(
        case=case, description=description, occurred_on=occurred_on, place=place
    )
    domain_event_record(
        actor=actor.audit,
        name="event.recorded",
        object_type="case",
        object_id=case.pk,
        detail={"event": event.pk},
    )
    return event
