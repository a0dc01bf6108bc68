"""Reads of the organisation's inbox: what a list shows, in a fixed number of queries."""

from __future__ import annotations

from hub.accounts.access import Actor
from hub.intake.models import Complaint
from hub.intake.selectors import inbox_for_actor
from hub.intake.verification import complaint_corrections

# What the inbox page and API show of a complaint: nothing they don't (no contact details).
INBOX_FIELDS = (
    "receipt_code",
    "reporter_type",
    "reporter_name",
    "country_of_work",
    "work_city",
    "home_region",
    "issue_types",
    "narrative",
    "submitted_at",
    "verified_at",
)


def inbox_rows(*, actor: Actor, limit: int = 50) -> list[Complaint]:
    """The oldest complaints waiting in the actor's organisation's inbox (policy-checked),
    each with `verified` (the worker confirmed their data through the verification link) and
    `correction` (what the worker said is wrong, if they did): one more query, not one a row."""
    rows = list(inbox_for_actor(actor=actor).only(*INBOX_FIELDS)[:limit])
    corrections = complaint_corrections(complaint_ids=[row.pk for row in rows])
    for row in rows:
        row.verified = row.verified_at is not None
        row.correction = corrections.get(row.pk, "")
    return rows
