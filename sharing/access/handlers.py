"""Who is told about access requests (an outbox subscriber, run in each side's schema): a new
request goes to the office's division heads; the decision goes back to the person who asked.
Each notification's dedupe key holds the event's id, so a second delivery records nothing."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext as _

from hub.core.models import OutboxEvent
from hub.organisations.context import organisation_active
from hub.organisations.models import Organisation
from sharing.access.models import AccessRequest
from tenants.notifications.delivery import (
    NotificationDraft,
    division_heads,
    notification_drafts,
    notification_subject,
    notifications_record,
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
    drafts: list[NotificationDraft] = []
    for event in mine:
        request = found.get(_pk(event.payload.get("access_request")))
        if request is None:
            continue
        if event.name == "access.requested" and request.owner_id == organisation.pk:
            recipients, page = division_heads(organisation), "org:access-requests-received"
        elif event.name != "access.requested" and request.requester_id == organisation.pk:
            recipients, page = {request.created_by_user_id} - {None}, "org:access-requests"
        else:
            continue  # the other side's copy of the event: told there
        drafts += notification_drafts(
            recipients,
            kind=event.name,
            key=f"{event.name}:{event.pk}",
            case_id=None,
            url=reverse(page, kwargs={"org_slug": organisation.slug}),
            render=lambda name=event.name, request=request: _text(organisation, name, request),
        )
    notifications_record(drafts=drafts)


def _text(organisation: Organisation, name: str, request: AccessRequest) -> tuple[str, str]:
    """The case number and who: never the reason or anything of the case (mail leaves)."""
    values = {
        "number": request.case_number,
        "national": request.requester.name,
        "office": request.owner.name,
    }
    if name == "access.requested":
        subject = _("%(number)s: %(national)s asks for access") % values
        body = _("%(national)s asks for access to case %(number)s. Approve or decline it.")
    elif name == "access.approved":
        subject = _("%(number)s: access approved") % values
        body = _("%(office)s approved your request for access to case %(number)s.")
    else:
        subject = _("%(number)s: access declined") % values
        body = _("%(office)s declined your request for access to case %(number)s.")
    return notification_subject(organisation, subject), body % values
