"""The demo's transfers: one waiting for SBMI Indramayu's answer with its working days left,
one accepted (SBMI owns the case; LBH Jakarta keeps the closed stub)."""

from __future__ import annotations

from django.utils import timezone

from hub.demo.seed import seed_demo
from sharing.transfers.clock import transfer_clock
from sharing.transfers.models import Transfer, TransferStatus
from tenants.cases.models import Case
from tests.builders import in_schema


def test_the_demo_has_a_waiting_and_an_accepted_transfer(world, db):
    seed_demo(seed=7)
    waiting = Transfer.objects.get(sender__slug="migrant-aid-hk")
    assert waiting.status == TransferStatus.DELIVERED
    assert waiting.receiver.slug == "sbmi-indramayu"
    clock = transfer_clock(waiting, now=timezone.now())
    assert 0 < clock.days_left < 10
    accepted = Transfer.objects.get(sender__slug="lbh-jakarta")
    assert accepted.status == TransferStatus.ACCEPTED
    with in_schema(accepted.receiver):
        received = Case.objects.get(pk=accepted.receiver_case_id)
        assert received.received_via == "transfer"
    with in_schema(accepted.sender):
        stub = Case.objects.get(pk=accepted.case_id)
        assert (stub.stage, stub.status) == ("termination", "transferred")
