"""The periodic escalation of complaints no organisation accepted in time (Celery beat, or
`run_ticker`): each goes to the next organisation, or to triage."""

from __future__ import annotations

from hub.celery import app
from hub.intake.services import complaints_escalate_overdue

ESCALATE_TASK = "intake.escalate"


@app.task(name=ESCALATE_TASK)
def complaints_escalate_task() -> int:
    """Runs in the public schema, where complaints live; returns how many moved."""
    return len(complaints_escalate_overdue())
