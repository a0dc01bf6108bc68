"""The periodic work on complaints (Celery beat, or `run_ticker`): escalating those no
organisation accepted in time (each goes to the next organisation, or to triage), and
sweeping the attachments of forms never sent."""

from __future__ import annotations

from hub.celery import app
from hub.intake.attachments import draft_attachments_sweep
from hub.intake.services import complaints_escalate_overdue

ESCALATE_TASK = "intake.escalate"
ATTACHMENTS_SWEEP_TASK = "intake.attachments_sweep"


@app.task(name=ESCALATE_TASK)
def complaints_escalate_task() -> int:
    """Runs in the public schema, where complaints live; returns how many moved."""
    return len(complaints_escalate_overdue())


@app.task(name=ATTACHMENTS_SWEEP_TASK)
def draft_attachments_sweep_task() -> int:
    """Runs in the public schema; returns how many draft files were deleted."""
    return draft_attachments_sweep()
