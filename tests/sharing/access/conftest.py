"""Organisation B as a national office and A as its office, for the access request tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from hub.accounts.access import Actor
from hub.accounts.roles import Role
from hub.organisations.models import Organisation
from hub.organisations.selectors import organisation_cache_clear
from tenants.cases.registration import case_open_from_complaint
from tests.builders import complaint, in_schema


@dataclass(frozen=True)
class NationalWorld:
    office: Organisation  # A, an office of B
    national: Organisation  # B, the national office
    office_world: object
    national_world: object

    def office_actor(self, role: str = Role.DIVISION_HEAD) -> Actor:
        return _actor(self.office, self.office_world, role)

    def national_actor(self, role: str = Role.DIVISION_HEAD) -> Actor:
        return _actor(self.national, self.national_world, role)


def _actor(organisation: Organisation, world, role: str) -> Actor:
    user = world.users[role]
    return Actor(
        label=user.email, roles=frozenset({role}), organisation=organisation, user_id=user.pk
    )


@pytest.fixture
def national(org_a, org_b) -> NationalWorld:
    """Fresh rows (the session's instances stay untouched); rolled back with the test."""
    Organisation.objects.filter(pk=org_b.organisation.pk).update(is_national_office=True)
    Organisation.objects.filter(pk=org_a.organisation.pk).update(national_office=org_b.organisation)
    organisation_cache_clear()
    return NationalWorld(
        office=Organisation.objects.get(pk=org_a.organisation.pk),
        national=Organisation.objects.get(pk=org_b.organisation.pk),
        office_world=org_a,
        national_world=org_b,
    )


def consented_case(organisation: Organisation, *, share: bool = True, **fields):
    """A case of `organisation` opened from a portal complaint whose consent covers sharing
    (or not)."""
    filed = complaint(organisation, share=share, reporter_name="Dewi", **fields)
    with in_schema(organisation):
        head = Actor(
            label="kabid@test", roles=frozenset({Role.DIVISION_HEAD}), organisation=organisation
        )
        return case_open_from_complaint(actor=head, receipt_code=filed.receipt_code)
