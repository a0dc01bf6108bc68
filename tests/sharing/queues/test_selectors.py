"""The work queue: each kind for the right organisation only, counts, age, deadline, order."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hub.accounts.roles import Role
from hub.consent.models import ConsentRecord
from hub.core.errors import PermissionDenied
from sharing.access.models import AccessRequest, AccessStatus
from sharing.models import ShareGrant
from sharing.queues.selectors import Kind, work_queue
from sharing.referrals.models import Referral, ReferralStatus
from sharing.transfers.models import Transfer, TransferStatus
from tests.builders import in_schema, member, registered_case


def _consent(org, case) -> ConsentRecord:
    return ConsentRecord.objects.create(
        given_by="worker", source="portal", share=True, organisation=org, case_id=case.pk
    )


def referral(
    sender, receiver, case, *, status=ReferralStatus.SENT, days_ago=0, agency=None
) -> Referral:
    row = Referral.objects.create(
        sender=sender,
        case_id=case.pk,
        case_number=case.number,
        receiver=receiver,
        agency=agency,
        service="psychosocial",
        reason="Pendampingan psikososial",
        sections=["summary"],
        consent=_consent(sender, case),
        package=b"<case-package/>",
        created_by="kabid@test",
        status=status,
    )
    Referral.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return row


def transfer(sender, receiver, case, *, due_in_days: int, status=TransferStatus.DELIVERED):
    now = timezone.now()
    return Transfer.objects.create(
        sender=sender,
        case_id=case.pk,
        case_number=case.number,
        receiver=receiver,
        consent=_consent(sender, case),
        decided_by="kabid@test",
        decided_at=now - timedelta(days=3),
        delivered_at=now - timedelta(days=3),
        note="Klien pindah ke Indramayu",
        status=status,
        due_on=timezone.localdate() + timedelta(days=due_in_days),
    )


def share(owner, recipient, case, *, expires_in_days: int | None = None) -> ShareGrant:
    expires = timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None
    return ShareGrant.objects.create(
        owner=owner,
        case_id=case.pk,
        case_number=case.number,
        recipient=recipient,
        sections=["summary", "events"],
        consent=_consent(owner, case),
        granted_by="kabid@test",
        expires_at=expires,
    )


def access_request(requester, owner, case, *, status=AccessStatus.PENDING) -> AccessRequest:
    return AccessRequest.objects.create(
        requester=requester,
        owner=owner,
        case_number=case.number,
        reason="Pemantauan kasus nasional",
        sections=["summary"],
        created_by="kabid@test",
        status=status,
    )


def _queue(org, role=Role.DIVISION_HEAD):
    with in_schema(org.organisation):
        return work_queue(actor=member(org, role))


def _counts(org, role=Role.DIVISION_HEAD):
    return _queue(org, role).counts


@pytest.fixture
def waiting(org_a, org_b):
    """A refers, transfers and shares cases to B; B (a national office) asks A for access."""
    a, b = org_a.organisation, org_b.organisation
    cases = [registered_case(a, f"Kasus {n}") for n in range(4)]
    return {
        "referral": referral(a, b, cases[0], days_ago=5),
        "transfer": transfer(a, b, cases[1], due_in_days=-2),
        "share": share(a, b, cases[2], expires_in_days=1),
        "access": access_request(b, a, cases[3]),
    }


def test_each_kind_appears_for_the_right_organisation_only(waiting, org_a, org_b):
    b_queue = _queue(org_b)
    assert b_queue.counts == {
        Kind.REFERRAL_IN: 1,
        Kind.TRANSFER_IN: 1,
        Kind.ACCESS_IN: 0,
        Kind.ACCESS_OUT: 1,
        Kind.SHARE_IN: 1,
        Kind.REFERRAL_OUT: 0,
        Kind.TRANSFER_OUT: 0,
    }
    assert {item.counterpart for item in b_queue.items} == {org_a.organisation.name}
    a_queue = _queue(org_a)
    assert a_queue.counts == {
        Kind.REFERRAL_IN: 0,
        Kind.TRANSFER_IN: 0,
        Kind.ACCESS_IN: 1,
        Kind.ACCESS_OUT: 0,
        Kind.SHARE_IN: 0,
        Kind.REFERRAL_OUT: 1,
        Kind.TRANSFER_OUT: 1,
    }
    assert {item.counterpart for item in a_queue.items} == {org_b.organisation.name}


def test_settled_items_leave_the_queue(org_a, org_b):
    a, b = org_a.organisation, org_b.organisation
    referral(a, b, registered_case(a), status=ReferralStatus.ACCEPTED)
    transfer(a, b, registered_case(a), due_in_days=5, status=TransferStatus.ACCEPTED)
    access_request(b, a, registered_case(a), status=AccessStatus.DECLINED)
    grant = share(a, b, registered_case(a))
    grant.revoked_at = timezone.now()
    grant.save()
    assert _queue(org_b).total == 0 and _queue(org_a).total == 0


def test_age_and_deadlines(waiting, org_b):
    queue = _queue(org_b)
    by_kind = {item.kind: item for item in queue.items}
    assert by_kind[Kind.REFERRAL_IN].age_days(queue.now) == 5
    assert by_kind[Kind.REFERRAL_IN].due_on is None
    overdue = by_kind[Kind.TRANSFER_IN]
    assert overdue.working_days and overdue.tone == "danger" and overdue.days_left <= 0
    expiring = by_kind[Kind.SHARE_IN]
    assert expiring.days_left in (0, 1, 2) and expiring.tone == "soon"
    assert not expiring.working_days


def test_most_urgent_first(waiting, org_b):
    kinds = [item.kind for item in _queue(org_b).items]
    # Overdue transfer, share ending soon, then what we must answer, then the rest.
    assert kinds == [Kind.TRANSFER_IN, Kind.SHARE_IN, Kind.REFERRAL_IN, Kind.ACCESS_OUT]


def test_a_transfer_with_time_left_is_running(org_a, org_b):
    transfer(
        org_a.organisation, org_b.organisation, registered_case(org_a.organisation), due_in_days=30
    )
    (item,) = _queue(org_b).items
    assert item.tone == "run" and item.days_left > 2


def test_a_lawyer_sees_no_access_requests(waiting, org_a, org_b):
    counts = _counts(org_b, Role.CONSULTATION_LAWYER)
    assert Kind.ACCESS_OUT not in counts and Kind.ACCESS_IN not in counts
    assert counts[Kind.REFERRAL_IN] == 1
    assert Kind.ACCESS_IN not in _queue(org_a, Role.CASE_LAWYER).counts


def test_an_analyst_has_no_queue(org_a):
    with in_schema(org_a.organisation), pytest.raises(PermissionDenied):
        work_queue(actor=member(org_a, Role.ANALYST))


def test_each_item_links_to_its_page_in_our_space(waiting, org_a, org_b):
    for org in (org_a, org_b):
        prefix = f"/org/{org.organisation.slug}/"
        for item in _queue(org).items:
            assert item.url.startswith(prefix), (item.kind, item.url)
    urls = {item.kind: item.url for item in _queue(org_b).items}
    assert urls[Kind.REFERRAL_IN].endswith(f"/referrals/{waiting['referral'].pk}/")
    assert urls[Kind.SHARE_IN].endswith(f"/shared-with-us/{waiting['share'].pk}/")


def test_our_referral_to_an_outside_agency_waits_under_its_name(org_a):
    from sharing.referrals.models import ServiceAgency

    a = org_a.organisation
    agency = ServiceAgency.objects.create(
        name="UPTD PPA Kabupaten Indramayu", services=["psychosocial"], authority="regional"
    )
    referral(a, None, registered_case(a), agency=agency)
    (item,) = _queue(org_a).items
    assert item.kind == Kind.REFERRAL_OUT and item.counterpart == agency.name
    assert not item.ours_to_answer
