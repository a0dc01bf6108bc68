"""The unread count in the staff header: one query, and only when a page shows it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import cached_property

from hub.accounts.access import Actor
from tenants.notifications.selectors import notifications_unread_count


class NotificationBadge:
    def __init__(self, actor: Actor):
        self.actor = actor

    @cached_property
    def unread(self) -> int:
        return notifications_unread_count(actor=self.actor)

    @cached_property
    def url(self) -> str:
        return reverse("org:notifications", kwargs={"org_slug": self.actor.organisation.slug})


def notification_badge(request) -> dict:
    """For pages of an organisation shown to one of its members (they set `request.actor`)."""
    actor = getattr(request, "actor", None)
    if actor is None or actor.user_id is None or actor.organisation is None:
        return {}
    return {"notification_badge": NotificationBadge(actor)}
