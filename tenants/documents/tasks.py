"""The periodic sweep of stored files no document refers to (Celery beat, or `run_ticker`)."""

from __future__ import annotations

import logging
from datetime import timedelta

from hub.celery import app
from hub.organisations.context import organisation_context
from hub.organisations.selectors import organisations_members
from tenants.documents.services import document_orphans_sweep

logger = logging.getLogger(__name__)

SWEEP_TASK = "documents.sweep"


@app.task(name=SWEEP_TASK)
def documents_sweep_task(older_than_seconds: int = 3600) -> int:
    """Runs from the public schema and enters each organisation; returns the files deleted."""
    deleted = 0
    for organisation in organisations_members():
        try:
            with organisation_context(organisation):
                swept = document_orphans_sweep(older_than=timedelta(seconds=older_than_seconds))
        except Exception:
            logger.exception("document sweep failed for %s", organisation.slug)
            continue
        if swept:
            logger.info("swept %d orphaned files of %s", len(swept), organisation.slug)
        deleted += len(swept)
    return deleted
