"""Who is told about access requests (an outbox subscriber, run in each side's schema): a new
request goes to the office's division heads; the decision goes back to the person who asked.
Each notification's dedupe key holds the event's id, so a second delivery records nothing."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from hub.accounts.roles import Role
from hub.accounts.selectors import users_with_role
from hub.core.models import OutboxEvent
from hub.organisations.context import organisation_active
from sharing.access.models import AccessRequest
from tenants.notifications.delivery import (
    NotificationDraft,
    notifications_record,
    recipient_language,
)

TOLD = ("access.requested", "access.approved", "access.declined")


def _pk(value: object) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def notify_access_requests(events: Sequence[OutboxEvent]) -> None:
    organisation = organisation_active()
    if organisation is None:
        return
    mine = [event for event in events if event.name in TOLD]
    found = AccessRequest.objects.select_related("requester", "owner").in_bulk(
        {pk for event in mine if (pk := _pk(event.payload.get("access_request")))}
    )
    heads: set[int] | None = None
    drafts: list[NotificationDraft] = []
    for event in mine:
        request = found.get(_pk(event.payload.get("access_request")))
        if request is None:
            continue
        if event.name == "access.requested" and request.owner_id == organisation.pk:
            if heads is None:
                heads = set(
                    users_with_role(organisation=organisation, role=Role.DIVISION_HEAD).values_list(
                        "pk", flat=True
                    )
                )
            recipients, page = heads, "org:access-requests-received"
        elif event.name != "access.requested" and request.requester_id == organisation.pk:
            recipients, page = {request.created_by_user_id} - {None}, "org:access-requests"
        else:
            continue  # the other side's copy of the event: told there
        url = reverse(page, kwargs={"org_slug": organisation.slug})
        for user_id in sorted(recipients):
            with translation.override(recipient_language(user_id)):
                subject, body = _text(event.name, request)
            drafts.append(
                NotificationDraft(
                    recipient_user_id=user_id,
                    kind=event.name,
                    dedupe_key=f"{event.name}:{event.pk}:{user_id}",
                    subject=f"[{organisation.name}] {subject}",
                    body=body,
                    url=url,
                )
            )
    notifications_record(drafts=drafts)


def _text(name: str, request: AccessRequest) -> tuple[str, str]:
    """The case number and who: never the reason or anything of the case (mail leaves)."""
    values = {
        "number": request.case_number,
        "national": request.requester.name,
        "office": request.owner.name,
    }
    if name == "access.requested":
        return (
            _("%(number)s: %(national)s asks for access") % values,
            _("%(national)s asks for access to case %(number)s. Approve or decline it.") % values,
        )
    if name == "access.approved":
        return (
            _("%(number)s: access approved") % values,
            _("%(office)s approved your request for access to case %(number)s.") % values,
        )
    return (
        _("%(number)s: access declined") % values,
        _("%(office)s declined your request for access to case %(number)s.") % values,
    )
