"""Who is told about referrals (an outbox subscriber, run in each side's schema): a referral
sent to a member goes to its division heads; the answer and the outcome go back to the
sender's division heads and the person who sent it. Each notification's dedupe key holds the
event's id, so a second delivery records nothing. Mail carries the case number and the
service only, never the reason or anything of the case."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext as _

from hub.accounts.models import User
from hub.core.models import OutboxEvent
from hub.organisations.context import organisation_active
from hub.organisations.models import Organisation
from hub.vocab.models import Vocabulary
from hub.vocab.selectors import term_labels
from sharing.referrals.models import Referral
from tenants.notifications.delivery import (
    NotificationDraft,
    division_heads,
    notification_drafts,
    notification_subject,
    notifications_record,
)

TOLD_RECEIVER = ("referral.received",)
TOLD_SENDER = ("referral.accepted", "referral.declined", "referral.completed")


def _pk(value: object) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def notify_referrals(events: Sequence[OutboxEvent]) -> None:
    organisation = organisation_active()
    if organisation is None:
        return
    mine = [e for e in events if e.name in TOLD_RECEIVER + TOLD_SENDER]
    if not mine:
        return
    found = Referral.objects.select_related("sender", "receiver").in_bulk(
        {pk for event in mine if (pk := _pk(event.payload.get("referral")))}
    )
    heads = division_heads(organisation)
    drafts: list[NotificationDraft] = []
    for event in mine:
        referral = found.get(_pk(event.payload.get("referral")))
        if referral is None:
            continue
        if event.name in TOLD_RECEIVER and referral.receiver_id == organisation.pk:
            recipients = heads
        elif event.name in TOLD_SENDER and referral.sender_id == organisation.pk:
            sender = User.objects.filter(email=referral.created_by).values_list("pk", flat=True)
            recipients = heads | set(sender)
        else:
            continue  # the other side's copy of the event: told there
        drafts += notification_drafts(
            recipients,
            kind=event.name,
            key=f"{event.name}:{event.pk}",
            case_id=None,
            url=reverse(
                "org:referral",
                kwargs={"org_slug": organisation.slug, "referral_id": referral.pk},
            ),
            render=lambda name=event.name, referral=referral: _text(organisation, name, referral),
        )
    notifications_record(drafts=drafts)


def _text(organisation: Organisation, name: str, referral: Referral) -> tuple[str, str]:
    (service,) = term_labels([referral.service], Vocabulary.SERVICE_TYPE)
    values = {
        "number": referral.case_number,
        "service": service,
        "sender": referral.sender.name,
        "receiver": referral.receiver.name if referral.receiver else "",
    }
    if name == "referral.received":
        subject = _("%(number)s: a referral from %(sender)s")
        body = _("%(sender)s refers case %(number)s to you for %(service)s. Accept or decline it.")
    elif name == "referral.accepted":
        subject = _("%(number)s: referral accepted")
        body = _("%(receiver)s accepted your referral of case %(number)s (%(service)s).")
    elif name == "referral.declined":
        subject = _("%(number)s: referral declined")
        body = _("%(receiver)s declined your referral of case %(number)s (%(service)s).")
    else:
        subject = _("%(number)s: referral completed")
        body = _(
            "%(receiver)s completed your referral of case %(number)s and recorded its outcome."
        )
    return notification_subject(organisation, subject % values), body % values
