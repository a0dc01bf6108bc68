"""Who is told what: notifications recorded from case events and from the clocks.

Event producers are outbox subscribers (tenants.notifications.apps); they run in the
organisation's schema, inside the dispatch's transaction, and may see the same event twice:
each notification's dedupe key holds the event's id, so a second delivery records nothing.
The clock producer runs on every tick; its key holds the case, the clock, its state and the
due time, so a clock warns each person once per state for each deadline.

What goes out by e-mail is kept short on purpose: the case number and what happened, never
the client's name or the case's story; the link opens the case for those allowed to see it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hub.accounts.roles import Role
from hub.core.errors import DomainError
from hub.core.models import OutboxEvent
from hub.links.models import ClientLink
from hub.links.purposes import purpose_for
from hub.organisations.context import organisation_active
from hub.organisations.models import Organisation
from hub.organisations.service_levels import TARGETS
from tenants.cases.lifecycle import Move
from tenants.cases.models import Assignment, Case, DecisionRequest
from tenants.clocks.selectors import ClockAlert, clock_alerts
from tenants.notifications.delivery import (
    NotificationDraft,
    division_heads,
    notification_drafts,
    notification_subject,
    notifications_record,
)

DECISION_KINDS = ("decision.requested", "decision.approved", "decision.declined", "decision.lapsed")


def _pk(value: object) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _case_url(organisation: Organisation, case_id: int) -> str:
    return reverse("org:case", kwargs={"org_slug": organisation.slug, "case_id": case_id})


def notify_assigned(events: Sequence[OutboxEvent]) -> None:
    """The person appointed to a case is told (not when they took it themselves)."""
    organisation = organisation_active()
    if organisation is None:
        return
    mine = [event for event in events if event.name == "case.assigned"]
    found = Assignment.objects.select_related("case").in_bulk(
        {pk for event in mine if (pk := _pk(event.payload.get("assignment")))}
    )
    drafts: list[NotificationDraft] = []
    for event in mine:
        assignment = found.get(_pk(event.payload.get("assignment")))
        if (
            assignment is None
            or assignment.ended_at is not None
            or assignment.user_id == assignment.assigned_by_user_id
        ):
            continue

        def render(assignment=assignment):
            values = {
                "number": assignment.case.number,
                "role": Role(assignment.role).label,
                "by": assignment.assigned_by_label,
            }
            subject = _("%(number)s: you are assigned as %(role)s") % values
            body = _("%(by)s assigned you to case %(number)s as %(role)s.") % values
            if assignment.instruction:
                body += " " + _("Open the case to read the instruction.")
            return notification_subject(organisation, subject), body

        drafts += notification_drafts(
            [assignment.user_id],
            kind=event.name,
            key=f"{event.name}:{event.pk}",
            case_id=assignment.case_id,
            url=_case_url(organisation, assignment.case_id),
            render=render,
        )
    notifications_record(drafts=drafts)


def notify_decisions(events: Sequence[OutboxEvent]) -> None:
    """A request goes to the division heads; its outcome goes back to the lawyer who asked."""
    organisation = organisation_active()
    if organisation is None:
        return
    mine = [event for event in events if event.name in DECISION_KINDS]
    found = DecisionRequest.objects.select_related("case").in_bulk(
        {pk for event in mine if (pk := _pk(event.payload.get("request")))}
    )
    heads: set[int] | None = None
    drafts: list[NotificationDraft] = []
    for event in mine:
        request = found.get(_pk(event.payload.get("request")))
        if request is None:
            continue
        if event.name == "decision.requested":
            if heads is None:
                heads = division_heads(organisation)
            recipients = heads - {request.requested_by_user_id}
            url = reverse("org:decisions", kwargs={"org_slug": organisation.slug})
        else:
            recipients = {request.requested_by_user_id} - {None}
            url = _case_url(organisation, request.case_id)
        drafts += notification_drafts(
            recipients,
            kind=event.name,
            key=f"{event.name}:{event.pk}",
            case_id=request.case_id,
            url=url,
            render=lambda name=event.name, request=request: _decision_text(
                organisation, name, request
            ),
        )
    notifications_record(drafts=drafts)


def _decision_text(
    organisation: Organisation, name: str, request: DecisionRequest
) -> tuple[str, str]:
    values = {
        "number": request.case.number,
        "move": Move(request.move).label,
        "by": request.decided_by_label or request.requested_by_label,
    }
    if name == "decision.requested":
        values["by"] = request.requested_by_label
        subject = _("%(number)s: a decision waits for you") % values
        body = _("%(by)s asks for a decision on case %(number)s: %(move)s.") % values
    elif name == "decision.approved":
        subject = _("%(number)s: your request was approved") % values
        body = _("%(by)s approved your request on case %(number)s: %(move)s.") % values
    elif name == "decision.declined":
        subject = _("%(number)s: your request was declined") % values
        body = (
            _(
                "%(by)s declined your request on case %(number)s: %(move)s. "
                "Open the case to read why."
            )
            % values
        )
    else:
        subject = _("%(number)s: your request lapsed") % values
        body = (
            _(
                "Your request on case %(number)s (%(move)s) lapsed: the case moved on before it "
                "was decided."
            )
            % values
        )
    return notification_subject(organisation, subject), body


def notify_link_answered(events: Sequence[OutboxEvent]) -> None:
    """The staff member who sent a client a link is told when the client answers it."""
    organisation = organisation_active()
    if organisation is None:
        return
    mine = [event for event in events if event.name == "link.answered"]
    found = ClientLink.objects.filter(organisation=organisation).in_bulk(
        {pk for event in mine if (pk := _pk(event.payload.get("link")))}
    )
    numbers = dict(
        Case.objects.filter(pk__in={link.case_id for link in found.values()}).values_list(
            "pk", "number"
        )
    )
    drafts: list[NotificationDraft] = []
    for event in mine:
        link = found.get(_pk(event.payload.get("link")))
        if link is None or link.created_by_user_id is None or link.case_id not in numbers:
            continue

        def render(link=link):
            try:
                purpose = str(purpose_for(link.purpose).label)
            except DomainError:
                purpose = link.purpose
            values = {"number": numbers[link.case_id], "purpose": purpose}
            subject = _("%(number)s: the client answered your link") % values
            body = (
                _("The client answered the link you sent on case %(number)s (%(purpose)s).")
                % values
            )
            return notification_subject(organisation, subject), body

        drafts += notification_drafts(
            [link.created_by_user_id],
            kind=event.name,
            key=f"{event.name}:{event.pk}",
            case_id=link.case_id,
            url=_case_url(organisation, link.case_id),
            render=render,
        )
    notifications_record(drafts=drafts)


def notify_clocks(*, now: datetime | None = None) -> None:
    """Each alert (a deadline soon due, or passed) to the people assigned to the case; an
    overdue one to the division heads as well. Once per (case, clock, state, due time, person)."""
    organisation = organisation_active()
    if organisation is None:
        return
    alerts = clock_alerts(now=now)
    if not alerts:
        return
    numbers = dict(
        Case.objects.filter(pk__in={alert.case_id for alert in alerts}).values_list("pk", "number")
    )
    heads: set[int] | None = None
    drafts: list[NotificationDraft] = []
    for alert in alerts:
        if alert.case_id not in numbers:
            continue
        recipients = set(alert.assignee_user_ids)
        if alert.state == "overdue":
            if heads is None:
                heads = division_heads(organisation)
            recipients |= heads
        due = int(alert.due_at.timestamp())
        drafts += notification_drafts(
            recipients,
            kind=f"clock.{alert.state}",
            key=f"clock:{alert.case_id}:{alert.clock}:{alert.state}:{due}",
            case_id=alert.case_id,
            url=_case_url(organisation, alert.case_id),
            render=lambda alert=alert: _clock_text(organisation, alert, numbers[alert.case_id]),
        )
    notifications_record(drafts=drafts)


def _clock_label(code: str) -> str:
    return next((str(spec.label) for spec in TARGETS if spec.code == code), code)


def _clock_text(organisation: Organisation, alert: ClockAlert, number: str) -> tuple[str, str]:
    values = {
        "number": number,
        "clock": _clock_label(alert.clock),
        "due": date_format(timezone.localtime(alert.due_at), "j F Y H:i"),
    }
    if alert.state == "overdue":
        subject = _("%(number)s: %(clock)s is overdue") % values
        body = _("On case %(number)s, %(clock)s was due on %(due)s.") % values
    else:
        subject = _("%(number)s: %(clock)s is due soon") % values
        body = _("On case %(number)s, %(clock)s is due on %(due)s.") % values
    return notification_subject(organisation, subject), body
