"""A case of A with the consent a test asks for, an outside agency, and a network admin."""

from __future__ import annotations

import pytest

from hub.accounts.models import Membership, User
from hub.accounts.roles import Role
from hub.consent.models import ConsentRecord
from sharing.referrals.models import Authority, ServiceAgency
from tenants.cases.registration import case_open_from_complaint
from tests.builders import complaint, in_schema, member


def consented_case(org, *, share: bool = False, refer: bool = False, share_with=()):
    """A case of `org` opened from a complaint whose client consented as asked."""
    filed = complaint(org.organisation, share=share, reporter_name="Dewi Lestari")
    ConsentRecord.objects.filter(pk=filed.consent.pk).update(
        refer=refer, share_with=list(share_with)
    )
    with in_schema(org.organisation):
        return case_open_from_complaint(
            actor=member(org, Role.DIVISION_HEAD), receipt_code=filed.receipt_code
        )


@pytest.fixture
def agency(db) -> ServiceAgency:
    return ServiceAgency.objects.create(
        name="UPTD PPA Kabupaten Indramayu",
        services=["psychosocial", "shelter"],
        regions=["Indramayu"],
        authority=Authority.REGIONAL,
        phone="(0234) 000 000",
        address="Jl. Contoh No. 1, Indramayu",
    )


@pytest.fixture
def network_admin(db) -> User:
    user = User.objects.create_user("admin@network.test", "test-password-1234")
    Membership.objects.create(user=user, role=Role.NETWORK_ADMIN)
    return user
