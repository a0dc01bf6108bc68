"""Who is told about transfers: the receiver's division heads of a transfer delivered or
withdrawn, the sender's of the answer (outbox subscriber, in the schema the event was
recorded in); both sides' division heads (and the sender's decider) when the working-day clock
is due soon or overdue (periodic). Notification rows of tenants.notifications, deduplicated."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hub.core.models import OutboxEvent
from hub.organisations.context import organisation_active, organisation_context
from hub.organisations.models import Organisation
from sharing.transfers.clock import TransferClock, TransferClockState
from sharing.transfers.models import OPEN_STATUSES, Transfer
from sharing.transfers.selectors import with_clocks
from tenants.notifications.delivery import (
    NotificationDraft,
    division_heads,
    notification_drafts,
    notification_subject,
    notifications_record,
)

logger = logging.getLogger(__name__)

# Which side is told of which event.
TOLD = {
    "transfer.delivered": "receiver",
    "transfer.withdrawn": "receiver",
    "transfer.accepted": "sender",
    "transfer.declined": "sender",
}


def _url(organisation: Organisation, transfer: Transfer) -> str:
    return reverse(
        "org:transfer", kwargs={"org_slug": organisation.slug, "transfer_id": transfer.pk}
    )


def _event_text(name: str, transfer: Transfer, here: Organisation) -> tuple[str, str]:
    values = {
        "number": transfer.case_number,
        "sender": transfer.sender.name,
        "receiver": transfer.receiver.name,
        "due": date_format(transfer.due_on, "j F Y"),
    }
    if name == "transfer.delivered":
        subject = _("%(number)s: a case is transferred to you") % values
        body = (
            _(
                "%(sender)s transfers case %(number)s to you with its complete file. Accept or "
                "decline it by %(due)s."
            )
            % values
        )
    elif name == "transfer.withdrawn":
        subject = _("%(number)s: the transfer was withdrawn") % values
        body = _("%(sender)s withdrew the transfer of case %(number)s.") % values
    elif name == "transfer.accepted":
        subject = _("%(number)s: the transfer was accepted") % values
        body = _("%(receiver)s accepted case %(number)s: it is now their case.") % values
    else:
        subject = _("%(number)s: the transfer was declined") % values
        body = _("%(receiver)s declined case %(number)s. Open the transfer to read why.") % values
    return notification_subject(here, subject), body


def notify_transfer_events(events: Sequence[OutboxEvent]) -> None:
    here = organisation_active()
    if here is None:
        return
    mine = [e for e in events if e.name in TOLD and e.object_type in ("case", "transfer")]
    found = Transfer.objects.select_related("sender", "receiver").in_bulk(
        {int(e.payload["transfer"]) for e in mine if str(e.payload.get("transfer", "")).isdigit()}
    )
    drafts: list[NotificationDraft] = []
    for event in mine:
        transfer = found.get(int(event.payload.get("transfer") or 0))
        if transfer is None:
            continue
        side = transfer.receiver if TOLD[event.name] == "receiver" else transfer.sender
        if side.pk != here.pk:
            continue  # the event is recorded on both sides; each side tells its own people
        recipients = division_heads(here)
        if side == transfer.sender and transfer.decided_by_user_id:
            recipients.add(transfer.decided_by_user_id)
        drafts += notification_drafts(
            recipients,
            kind=event.name,
            key=f"{event.name}:{transfer.pk}",
            case_id=transfer.case_id if side == transfer.sender else transfer.receiver_case_id,
            url=_url(here, transfer),
            render=lambda name=event.name, transfer=transfer: _event_text(name, transfer, here),
        )
    notifications_record(drafts=drafts)


def notify_receiver_to_name(events: Sequence[OutboxEvent]) -> None:
    """A case closed as transferred without a transfer (the move taken on the case page, or
    the lawyer's request approved there): its division heads are asked to name the receiving
    member, so that the complete file is delivered."""
    here = organisation_active()
    if here is None:
        return
    moved = {
        int(e.object_id): e
        for e in events
        if e.name == "case.transition"
        and e.payload.get("move") == "transfer"
        and e.object_type == "case"
        and e.object_id.isdigit()
    }
    named = set(
        Transfer.objects.filter(sender=here, case_id__in=moved).values_list("case_id", flat=True)
    )
    drafts: list[NotificationDraft] = []
    for case_id, event in moved.items():
        if case_id in named:
            continue
        url = reverse("org:case-transfer", kwargs={"org_slug": here.slug, "case_id": case_id})

        def render():
            subject = _("A case closed as transferred: name the receiving member")
            body = _(
                "A case was closed as transferred without naming the member it goes to. Name "
                "the receiving member on its transfer page so that its complete file is "
                "delivered."
            )
            return notification_subject(here, subject), body

        drafts += notification_drafts(
            division_heads(here),
            kind="transfer.unnamed",
            key=f"transfer.unnamed:{event.pk}",
            case_id=case_id,
            url=url,
            render=render,
        )
    notifications_record(drafts=drafts)


def _clock_text(transfer: Transfer, clock: TransferClock, here: Organisation) -> tuple[str, str]:
    values = {
        "number": transfer.case_number,
        "receiver": transfer.receiver.name,
        "due": date_format(clock.due_on, "j F Y"),
    }
    if clock.state == TransferClockState.OVERDUE:
        subject = _("%(number)s: the transfer's complete file is overdue") % values
        body = (
            _(
                "The complete file of case %(number)s was due at %(receiver)s on %(due)s and "
                "is not yet accepted."
            )
            % values
        )
    else:
        subject = _("%(number)s: the transfer's complete file is due soon") % values
        body = _("The complete file of case %(number)s is due at %(receiver)s on %(due)s.") % values
    return notification_subject(here, subject), body


def transfer_clock_alerts(*, now: datetime | None = None) -> int:
    """Every open transfer whose clock is due soon or overdue: its division heads told on both
    sides, once per (transfer, state, deadline, person). Returns how many transfers alert.
    Run from the public schema; enters each side's schema to record."""
    now = now or timezone.now()
    open_transfers = Transfer.objects.filter(status__in=OPEN_STATUSES).select_related(
        "sender", "receiver"
    )
    alerting = [row for row in with_clocks(open_transfers, now=now) if row.clock.alerting]
    for row in alerting:
        transfer, clock = row.transfer, row.clock
        for here in (transfer.sender, transfer.receiver):
            try:
                _clock_notify(here, transfer, clock)
            except Exception:  # one side's failure does not keep the others' warnings back
                logger.exception("transfer clock alert failed for %s in %s", transfer.pk, here)
    return len(alerting)


def _clock_notify(here: Organisation, transfer: Transfer, clock: TransferClock) -> None:
    with transaction.atomic(), organisation_context(here):
        recipients = division_heads(here)
        if here == transfer.sender and transfer.decided_by_user_id:
            recipients.add(transfer.decided_by_user_id)
        notifications_record(
            drafts=notification_drafts(
                recipients,
                kind=f"transfer.{clock.state}",
                key=f"transfer:{transfer.pk}:{clock.state}:{clock.due_on.isoformat()}",
                case_id=transfer.case_id if here == transfer.sender else None,
                url=_url(here, transfer),
                render=lambda: _clock_text(transfer, clock, here),
            )
        )
