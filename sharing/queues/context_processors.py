"""The work queue's summary for the staff pages that show it ("my cases"), read only when a
template asks for it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import cached_property

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from sharing.queues.selectors import WorkQueue, work_queue


class WorkQueueSummary:
    def __init__(self, actor: Actor):
        self.actor = actor

    @cached_property
    def queue(self) -> WorkQueue:
        return work_queue(actor=self.actor)

    @property
    def total(self) -> int:
        return self.queue.total

    @property
    def overdue(self) -> int:
        return self.queue.overdue

    @property
    def kinds(self) -> list[tuple[str, str, int]]:
        return [(kind, label, n) for kind, label, n in self.queue.kinds if n]

    @cached_property
    def url(self) -> str:
        return reverse("org:work-queue", kwargs={"org_slug": self.actor.organisation.slug})


def work_queue_summary(request) -> dict:
    """For pages of an organisation shown to one of its members (they set `request.actor`)."""
    actor = getattr(request, "actor", None)
    if actor is None or actor.organisation is None or not policy.allows(actor, Action.QUEUE_READ):
        return {}
    return {"work_queue_summary": WorkQueueSummary(actor)}
