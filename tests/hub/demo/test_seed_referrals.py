"""The demo's referrals: a directory with agencies competent in several regions and abroad, a
referral waiting for the crisis centre's answer, and one the centre accepted as its own case
and completed."""

from __future__ import annotations

from hub.demo.seed import seed_demo
from hub.organisations.models import Organisation
from sharing.referrals.models import Authority, Referral, ReferralStatus, ServiceAgency
from tenants.cases.models import Case
from tests.builders import in_schema


def test_the_demo_has_a_directory_and_referrals_in_each_state(world, db):
    seed_demo(seed=7)
    agencies = ServiceAgency.objects.filter(active=True)
    assert agencies.count() >= 10
    assert agencies.filter(authority=Authority.CENTRAL).exists()
    assert agencies.filter(countries__contains=["MY"]).exists()
    lbh = Organisation.objects.get(slug="lbh-jakarta")
    waiting = Referral.objects.get(sender=lbh, receiver__slug="uptd-ppa-tangerang")
    assert waiting.status == ReferralStatus.SENT and waiting.service == "psychosocial"
    done = Referral.objects.get(sender__slug="sbmi-indramayu", status=ReferralStatus.COMPLETED)
    assert done.outcome and done.receiver.slug == "uptd-ppa-tangerang"
    with in_schema(done.receiver):
        case = Case.objects.get(pk=done.receiver_case_id)
    assert case.received_via == "referral"
