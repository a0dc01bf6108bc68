"""Domain events: recorded with the change in one transaction, dispatched after commit.

A service says what happened with `domain_event_record`: one call writes the audit row (what
people read) and the outbox row (what code reacts to) in the schema the change was made in.
After commit, one Celery task per schema dispatches the pending rows to the handlers that
apps subscribed in their `ready()`. A service never imports what reacts to it.

Delivery is at least once: a handler that fails rolls the batch back, and the rows wait for
the next dispatch. Handlers must therefore be idempotent (a rollup recount is).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.db import connection, transaction
from django.utils import timezone

from hub.celery import app
from hub.core.audit import AuditActor, audit_record
from hub.core.models import OutboxEvent

Handler = Callable[[Sequence[OutboxEvent]], None]

_handlers: list[tuple[str, Handler]] = []

BATCH = 500


def subscribe(prefix: str, handler: Handler) -> None:
    """Call `handler` with each dispatched batch's events whose name starts with `prefix`."""
    if (prefix, handler) not in _handlers:
        _handlers.append((prefix, handler))


def domain_event_record(
    *,
    actor: AuditActor,
    name: str,
    object_type: str,
    object_id: object,
    detail: dict | None = None,
) -> OutboxEvent:
    """Audit row and outbox row for one thing that happened, in the current transaction."""
    audit_record(
        actor=actor, action=name, object_type=object_type, object_id=object_id, detail=detail
    )
    event = OutboxEvent.objects.create(
        name=name, object_type=object_type, object_id=str(object_id), payload=detail or {}
    )
    # Capture the schema now: the callback may run after the request has left it.
    headers = {"_schema_name": connection.schema_name}
    transaction.on_commit(lambda: outbox_dispatch_task.apply_async(headers=headers))
    return event


@transaction.atomic
def outbox_dispatch() -> int:
    """Hand this schema's pending events to their handlers; returns how many were dispatched."""
    events = list(
        OutboxEvent.objects.select_for_update(skip_locked=True)
        .filter(dispatched_at__isnull=True)
        .order_by("id")[:BATCH]
    )
    if not events:
        return 0
    for prefix, handler in _handlers:
        matching = [event for event in events if event.name.startswith(prefix)]
        if matching:
            handler(matching)
    OutboxEvent.objects.filter(pk__in=[event.pk for event in events]).update(
        dispatched_at=timezone.now()
    )
    return len(events)


@app.task(name="core.outbox_dispatch")
def outbox_dispatch_task() -> int:
    """Runs in the schema it was enqueued from (tenant-schemas-celery carries it)."""
    return outbox_dispatch()
