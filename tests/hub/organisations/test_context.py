"""One way into an organisation's schema, and services that refuse to act in the wrong one."""

from __future__ import annotations

import pytest
from django.db import connection

from hub.accounts.roles import Role
from hub.organisations.context import WrongOrganisation, organisation_context
from tenants.cases.models import Case
from tenants.cases.registration import case_register
from tests.builders import actor, in_schema


def test_context_enters_and_returns_to_where_it_was(org_a, org_b):
    a, b = org_a.organisation, org_b.organisation
    with organisation_context(a):
        assert connection.schema_name == a.schema_name
        with organisation_context(b):
            assert connection.schema_name == b.schema_name
        assert connection.schema_name == a.schema_name
        with organisation_context(None):
            assert connection.schema_name == "public"
        assert connection.schema_name == a.schema_name
    assert connection.schema_name == "public"


def test_context_returns_even_when_the_work_fails(org_a):
    with pytest.raises(ValueError), organisation_context(org_a.organisation):
        raise ValueError
    assert connection.schema_name == "public"


def test_a_service_acting_for_a_in_bs_schema_raises_and_writes_nothing(org_a, org_b):
    a, b = org_a.organisation, org_b.organisation
    with in_schema(b):
        before = Case.objects.count()
        with pytest.raises(WrongOrganisation):
            case_register(actor=actor(a, Role.RECEPTIONIST), title="Salah skema")
        assert Case.objects.count() == before
    with in_schema(a):
        assert not Case.objects.filter(title="Salah skema").exists()


def test_a_service_acting_for_an_organisation_in_the_public_schema_raises(org_a):
    with pytest.raises(WrongOrganisation):
        case_register(actor=actor(org_a.organisation, Role.RECEPTIONIST), title="Publik")
