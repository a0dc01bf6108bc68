"""Reads of transfers: one access helper, the lists of both sides, each row with its clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.errors import NotFound
from hub.organisations.service_levels import service_levels_of
from sharing.transfers.clock import TransferClock, transfer_clock
from sharing.transfers.models import OPEN_STATUSES, Transfer
from tenants.cases.selectors import case_for_actor, cases_for_actor


def transfer_for_actor(*, actor: Actor, transfer_id: object) -> Transfer:
    """A transfer our organisation sent (of a case the actor may open) or received; anything
    else, and a missing one, is the same 404."""
    try:
        pk = int(transfer_id)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None
    organisation = actor.organisation
    transfer = Transfer.objects.select_related("sender", "receiver").filter(pk=pk).first()
    if transfer is None or organisation is None:
        raise NotFound(_("Not found."))
    if transfer.sender_id == organisation.pk:
        case_for_actor(actor=actor, case_id=transfer.case_id)  # 404 for a case they can't open
    elif transfer.receiver_id == organisation.pk:
        policy.require(actor, Action.QUEUE_READ)
    else:
        raise NotFound(_("Not found."))
    return transfer


def transfers_incoming(*, actor: Actor) -> QuerySet[Transfer]:
    """Transfers to our organisation (delivered ones first, oldest deadline first)."""
    policy.require(actor, Action.QUEUE_READ)
    return (
        Transfer.objects.filter(receiver=actor.organisation)
        .exclude(status="decided")
        .select_related("sender", "receiver")
        .order_by("due_on", "id")
    )


def transfers_awaiting_answer(*, actor: Actor) -> QuerySet[Transfer]:
    """What waits for our division head's answer (the work queue reads this)."""
    return transfers_incoming(actor=actor).filter(status__in=OPEN_STATUSES)


def transfers_outgoing(*, actor: Actor) -> QuerySet[Transfer]:
    """Transfers of our cases the actor may open, newest decision first."""
    cases = cases_for_actor(actor=actor).values("pk")
    return (
        Transfer.objects.filter(sender=actor.organisation, case_id__in=cases)
        .select_related("sender", "receiver")
        .order_by("-decided_at", "-id")
    )


def transfers_of_case(*, actor: Actor, case_id: int) -> QuerySet[Transfer]:
    return transfers_outgoing(actor=actor).filter(case_id=case_id)


@dataclass(frozen=True)
class TransferRow:
    transfer: Transfer
    clock: TransferClock


def with_clocks(transfers, *, now: datetime | None = None) -> list[TransferRow]:
    """Each transfer with its clock (the receiver's calendar, read once per receiver)."""
    now = now or timezone.now()
    calendars: dict[int, object] = {}
    rows = []
    for transfer in transfers:
        calendar = calendars.get(transfer.receiver_id)
        if calendar is None:
            calendar = calendars[transfer.receiver_id] = service_levels_of(
                transfer.receiver
            ).calendar
        rows.append(TransferRow(transfer, transfer_clock(transfer, now=now, calendar=calendar)))
    return rows
