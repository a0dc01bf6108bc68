"""Both sides are told: the receiver of a delivered transfer, the sender of the answer, and both
division heads when the complete file is due soon or overdue (once per state and deadline)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from hub.accounts.roles import Role
from hub.core.outbox import outbox_dispatch
from hub.organisations.worktime import WorkCalendar
from sharing.transfers.alerts import transfer_clock_alerts
from sharing.transfers.models import Transfer
from tenants.cases.services import case_transition
from tenants.notifications.models import Notification
from tests.builders import in_schema, member
from tests.sharing.transfers.test_services import _answer, _case, _decide


def _kinds(org) -> list[tuple[int, str]]:
    with in_schema(org.organisation):
        return sorted(Notification.objects.values_list("recipient_user_id", "kind"))


def test_the_receivers_division_head_is_told_of_a_delivered_transfer(org_a, org_b):
    transfer = _decide(org_a, org_b, _case(org_a))
    with in_schema(org_b.organisation):
        outbox_dispatch()
        outbox_dispatch()  # delivered again: nothing new
    head = org_b.users[Role.DIVISION_HEAD].pk
    assert (head, "transfer.delivered") in _kinds(org_b)
    assert _kinds(org_b).count((head, "transfer.delivered")) == 1
    with in_schema(org_b.organisation):
        told = Notification.objects.get(kind="transfer.delivered")
    assert transfer.case_number in told.subject
    assert told.url == f"/org/{org_b.organisation.slug}/transfers/{transfer.pk}/"


def test_the_sender_is_told_of_the_answer(org_a, org_b):
    _answer(org_b, _decide(org_a, org_b, _case(org_a)), outcome="decline", reason="Penuh")
    with in_schema(org_a.organisation):
        outbox_dispatch()
    assert (org_a.users[Role.DIVISION_HEAD].pk, "transfer.declined") in _kinds(org_a)
    assert not any(kind == "transfer.declined" for _user, kind in _kinds(org_b))


def _noon(day) -> datetime:
    return datetime.combine(day, time(12), tzinfo=WorkCalendar().zone)


def test_due_soon_then_overdue_warns_both_sides_once_each(org_a, org_b):
    transfer = _decide(org_a, org_b, _case(org_a))
    transfer_clock_alerts(now=_noon(transfer.due_on))
    transfer_clock_alerts(now=_noon(transfer.due_on))
    head_a, head_b = org_a.users[Role.DIVISION_HEAD].pk, org_b.users[Role.DIVISION_HEAD].pk
    assert _kinds(org_a).count((head_a, "transfer.due_soon")) == 1
    assert _kinds(org_b).count((head_b, "transfer.due_soon")) == 1
    transfer_clock_alerts(now=_noon(transfer.due_on) + timedelta(days=3))
    assert (head_a, "transfer.overdue") in _kinds(org_a)
    assert (head_b, "transfer.overdue") in _kinds(org_b)


def test_an_answered_transfer_warns_no_one(org_a, org_b):
    transfer = _answer(org_b, _decide(org_a, org_b, _case(org_a)))
    assert transfer_clock_alerts(now=_noon(transfer.due_on)) == 0
    assert Transfer.objects.get(pk=transfer.pk).status == "accepted"
    assert not any(kind.startswith("transfer.due") for _u, kind in _kinds(org_a))


def test_a_case_closed_as_transferred_without_a_receiver_asks_to_name_one(org_a, org_b):
    named = _case(org_a)
    _decide(org_a, org_b, named)
    unnamed = _case(org_a)
    with in_schema(org_a.organisation):
        case_transition(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=unnamed.pk,
            move="transfer",
            note="Ke anggota lain",
        )
        outbox_dispatch()
        asked = list(
            Notification.objects.filter(kind="transfer.unnamed").values_list("case_id", "url")
        )
    url = f"/org/{org_a.organisation.slug}/cases/{unnamed.pk}/transfer/"
    assert asked == [(unnamed.pk, url)]
