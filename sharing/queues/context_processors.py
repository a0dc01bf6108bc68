"""The work queue's counts for the staff pages that show them ("my cases"), read only when a
template asks for them."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import cached_property

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from sharing.queues.selectors import KIND_LABELS, OURS_TO_ANSWER, work_queue_counts


class WorkQueueSummary:
    def __init__(self, actor: Actor):
        self.actor = actor

    @cached_property
    def counts(self) -> dict[str, int]:
        return work_queue_counts(actor=self.actor)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def to_answer(self) -> int:
        return sum(self.counts.get(kind, 0) for kind in OURS_TO_ANSWER)

    @property
    def kinds(self) -> list[tuple[str, str, int]]:
        return [(kind, str(KIND_LABELS[kind]), n) for kind, n in self.counts.items() if n]

    @cached_property
    def url(self) -> str:
        return reverse("org:work-queue", kwargs={"org_slug": self.actor.organisation.slug})


def work_queue_summary(request) -> dict:
    """For pages of an organisation shown to one of its members (they set `request.actor`)."""
    actor = getattr(request, "actor", None)
    if actor is None or actor.organisation is None or not policy.allows(actor, Action.QUEUE_READ):
        return {}
    return {"work_queue_summary": WorkQueueSummary(actor)}
