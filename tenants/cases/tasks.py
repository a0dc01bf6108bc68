"""Background work for cases; thin tasks that call services inside the organisation's schema."""

from __future__ import annotations

from django.db import connection

from hub.celery import app
from tenants.cases.services import case_rollup_refresh


@app.task(name="cases.rollup_refresh")
def case_rollup_refresh_task() -> str:
    """Runs in the schema it was enqueued from (tenant-schemas-celery carries it)."""
    organisation = connection.tenant
    case_rollup_refresh(organisation=organisation)
    return organisation.schema_name
