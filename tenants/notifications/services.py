"""Notification actions: reading them, and the periodic tick that records and sends them."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from hub.accounts.access import Actor
from hub.core.outbox import outbox_dispatch
from hub.organisations.context import organisation_context
from hub.organisations.selectors import organisations_members
from tenants.notifications.delivery import notifications_send
from tenants.notifications.models import Notification
from tenants.notifications.producers import notify_clocks
from tenants.notifications.selectors import notification_for_actor, notifications_for

logger = logging.getLogger(__name__)


def notifications_mark_read(*, actor: Actor, up_to: int) -> int:
    """Mark the actor's unread notifications read, up to the newest they were shown (`up_to`,
    its id): one that arrived since stays unread. Returns how many."""
    return (
        notifications_for(actor=actor)
        .filter(read_at__isnull=True, pk__lte=up_to)
        .update(read_at=timezone.now())
    )


def notification_open(*, actor: Actor, notification_id: object) -> Notification:
    """The actor opens one of their notifications: it is read from now on."""
    notification = notification_for_actor(actor=actor, notification_id=notification_id)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk).update(read_at=notification.read_at)
    return notification


@dataclass(frozen=True)
class TickResult:
    organisations: int
    sent: int
    failed: tuple[str, ...]  # slugs of organisations whose turn raised (logged)


def notifications_tick(*, now: datetime | None = None) -> TickResult:
    """Every minute, in each member organisation's schema: dispatch events a failed dispatch
    left behind, record what the clocks say, then send what is pending. One organisation's
    failure is logged and does not keep the others waiting."""
    count, sent, failed = 0, 0, []
    for organisation in organisations_members():
        count += 1
        try:
            with organisation_context(organisation):
                outbox_dispatch()
                notify_clocks(now=now)
                sent += notifications_send(now=now)
        except Exception:
            logger.exception("notification tick failed for %s", organisation.slug)
            failed.append(organisation.slug)
    return TickResult(organisations=count, sent=sent, failed=tuple(failed))
