"""The periodic task behind the transfer clock's warnings (Celery beat, or `run_ticker`)."""

from __future__ import annotations

from hub.celery import app
from sharing.transfers.alerts import transfer_clock_alerts

CLOCK_TASK = "transfers.clock_alerts"


@app.task(name=CLOCK_TASK)
def transfer_clock_alerts_task() -> int:
    """Runs from the public schema; enters each side's schema itself. Idempotent (the
    notifications' dedupe keys)."""
    return transfer_clock_alerts()
