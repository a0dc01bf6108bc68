"""The periodic task (Celery beat, or `run_ticker` without a broker) behind notifications."""

from __future__ import annotations

from hub.celery import app
from tenants.notifications.services import notifications_tick

TICK_TASK = "notifications.tick"


@app.task(name=TICK_TASK)
def notifications_tick_task() -> int:
    """Runs from the public schema and enters each organisation itself; returns e-mails sent."""
    return notifications_tick().sent
