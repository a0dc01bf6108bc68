"""The demo's national office: YLBHI with its staff, LBH Jakarta its office, and requests in
each state (an approved one with a live share)."""

from __future__ import annotations

from hub.accounts.models import Membership
from hub.accounts.roles import Role
from hub.demo.seed import seed_demo
from hub.organisations.models import Organisation
from sharing.access.models import AccessRequest, AccessStatus
from tenants.cases.models import Case
from tests.builders import in_schema


def test_the_demo_national_office_has_staff_an_office_and_requests_in_each_state(world, db):
    result = seed_demo(seed=7)
    national = Organisation.objects.get(slug="ylbhi")
    assert national.is_national_office and not national.accepts_complaints
    assert Organisation.objects.get(slug="lbh-jakarta").national_office == national
    assert "ylbhi" in [o["slug"] for o in result.organisations]
    assert Membership.objects.filter(organisation=national, role=Role.DIVISION_HEAD).exists()
    requests = list(AccessRequest.objects.filter(requester=national).select_related("share"))
    statuses = sorted(r.status for r in requests)
    assert statuses == sorted(
        [AccessStatus.APPROVED, AccessStatus.DECLINED, AccessStatus.PENDING, AccessStatus.PENDING]
    )
    [approved] = [r for r in requests if r.status == AccessStatus.APPROVED]
    assert approved.share.is_live and approved.share.recipient_id == national.pk
    with in_schema(national):
        assert not Case.objects.exists()  # its own schema: it asks, it holds no case here
