"""Reactions to contribution events: the staff working on a case are told when a member
organisation adds to it (a link's answer is already told to whoever sent the link)."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from hub.core.models import OutboxEvent
from hub.organisations.context import organisation_active
from tenants.cases.models import Assignment
from tenants.contributions.models import Contribution, OriginKind
from tenants.notifications.delivery import (
    NotificationDraft,
    notifications_record,
    recipient_language,
)

ADDED = "contribution.added"


def _pk(value: object) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def notify_contribution_added(events: Sequence[OutboxEvent]) -> None:
    """Idempotent: one notification per (event, person), whatever the number of deliveries."""
    organisation = organisation_active()
    if organisation is None:
        return
    mine = [event for event in events if event.name == ADDED]
    found = Contribution.objects.select_related("case").in_bulk(
        {pk for event in mine if (pk := _pk(event.payload.get("contribution")))}
    )
    drafts: list[NotificationDraft] = []
    for event in mine:
        contribution = found.get(_pk(event.payload.get("contribution")))
        if contribution is None or contribution.origin_kind != OriginKind.MEMBER:
            continue
        case = contribution.case
        staff = Assignment.objects.filter(case=case, ended_at__isnull=True).values_list(
            "user_id", flat=True
        )
        url = reverse("org:case", kwargs={"org_slug": organisation.slug, "case_id": case.pk})
        for user_id in sorted(set(staff)):
            with translation.override(recipient_language(user_id)):
                values = {
                    "number": case.number,
                    "member": contribution.origin_name,
                    "kind": contribution.get_kind_display(),
                }
                subject = _("%(number)s: %(member)s added to the case") % values
                body = (
                    _(
                        "%(member)s added to case %(number)s (%(kind)s). It is on the case page, "
                        "marked with where it came from."
                    )
                    % values
                )
            drafts.append(
                NotificationDraft(
                    recipient_user_id=user_id,
                    kind=ADDED,
                    dedupe_key=f"{ADDED}:{event.pk}:{user_id}",
                    subject=f"[{organisation.name}] {subject}",
                    body=body,
                    url=f"{url}#contributions",
                    case_id=case.pk,
                )
            )
    notifications_record(drafts=drafts)
