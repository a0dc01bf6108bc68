"""Reads of notifications: a person sees their own, and nobody else's."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from hub.accounts.access import Actor
from hub.core.errors import NotFound
from hub.organisations.context import organisation_check
from tenants.notifications.models import Notification


def notifications_for(*, actor: Actor) -> QuerySet[Notification]:
    """The actor's notifications, newest first; none for an API client acting without a
    person."""
    organisation_check(actor.organisation)
    if actor.user_id is None:
        return Notification.objects.none()
    return Notification.objects.filter(recipient_user_id=actor.user_id).order_by(
        "-created_at", "-id"
    )


def notifications_unread_count(*, actor: Actor) -> int:
    return notifications_for(actor=actor).filter(read_at__isnull=True).count()


def notification_for_actor(*, actor: Actor, notification_id: object) -> Notification:
    """One of the actor's notifications; someone else's looks missing (404)."""
    try:
        pk = int(notification_id)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None
    found = notifications_for(actor=actor).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("Not found."))
    return found
