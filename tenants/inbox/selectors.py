"""Reads of the organisation's inbox: what a list shows, in a fixed number of queries."""

from __future__ import annotations

from hub.accounts.access import Actor
from hub.intake.selectors import inbox_for_actor

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
)


def inbox_rows(*, actor: Actor, limit: int = 50):
    """The oldest complaints waiting in the actor's organisation's inbox (policy-checked)."""
    return inbox_for_actor(actor=actor).only(*INBOX_FIELDS)[:limit]
