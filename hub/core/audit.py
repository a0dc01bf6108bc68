"""Writing and reading audit events in the current schema."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from hub.core.models import AuditEvent


@dataclass(frozen=True)
class AuditActor:
    """Who did something, as the audit trail records it."""

    label: str
    user_id: int | None = None
    organisation_slug: str = ""


def audit_record(
    *,
    actor: AuditActor,
    action: str,
    object_type: str,
    object_id: object,
    detail: dict | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        action=action,
        actor_label=actor.label,
        actor_user_id=actor.user_id,
        actor_organisation=actor.organisation_slug,
        object_type=object_type,
        object_id=str(object_id),
        detail=detail or {},
    )


def audit_events_for(*, object_type: str, object_id: object) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(object_type=object_type, object_id=str(object_id))


def audit_value(value):
    """A field's value as the trail stores it (JSON): dates and times as ISO text."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def audit_apply_changes(instance, changes: dict) -> dict:
    """Set the fields that really change on `instance`; return {"before", "after"} of those,
    as the trail stores them."""
    changed = {name: value for name, value in changes.items() if getattr(instance, name) != value}
    before = {name: audit_value(getattr(instance, name)) for name in changed}
    for name, value in changed.items():
        setattr(instance, name, value)
    return {"before": before, "after": {name: audit_value(v) for name, v in changed.items()}}
