"""Notifications of referrals: the receiver's division heads hear of a referral sent to them;
the sender's division heads and the person who sent it hear of the answer and the outcome,
each once, with the case number and the service only."""

from __future__ import annotations

from hub.accounts.roles import Role
from hub.core.outbox import outbox_dispatch
from sharing.referrals.services import referral_answer, referral_complete, referral_send
from tenants.notifications.models import Notification
from tests.builders import in_schema, member
from tests.sharing.referrals.conftest import consented_case

REASON = "Klien mengalami trauma setelah kekerasan majikan."


def _notified(org) -> list[tuple[int, str]]:
    with in_schema(org.organisation):
        outbox_dispatch()
        return sorted(Notification.objects.values_list("recipient_user_id", "kind"))


def test_the_receiver_hears_of_the_referral_and_the_sender_of_its_answer(org_a, org_b):
    case = consented_case(org_a, share=True)
    lawyer = org_a.users[Role.CASE_LAWYER]
    with in_schema(org_a.organisation):
        referral = referral_send(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=case.pk,
            receiver=org_b.organisation,
            service="psychosocial",
            reason=REASON,
            sections=["summary"],
        )
    head_a = org_a.users[Role.DIVISION_HEAD]
    head_b = org_b.users[Role.DIVISION_HEAD]
    assert _notified(org_b) == [(head_b.pk, "referral.received")]
    assert _notified(org_a) == []
    with in_schema(org_b.organisation):
        referral_answer(
            actor=member(org_b, Role.DIVISION_HEAD), referral_id=referral.pk, accept=True
        )
    assert _notified(org_a) == [(head_a.pk, "referral.accepted")]
    with in_schema(org_b.organisation):
        referral_complete(
            actor=member(org_b, Role.DIVISION_HEAD),
            referral_id=referral.pk,
            outcome="Empat sesi konseling selesai.",
        )
    assert _notified(org_a) == sorted(
        [(head_a.pk, "referral.accepted"), (head_a.pk, "referral.completed")]
    )
    assert _notified(org_b) == [(head_b.pk, "referral.received")]  # nothing more
    with in_schema(org_b.organisation):
        told = Notification.objects.get()
    assert case.number in told.subject
    assert REASON not in told.body  # mail carries no reason or story
    assert lawyer.pk not in {user for user, _kind in _notified(org_a)}
