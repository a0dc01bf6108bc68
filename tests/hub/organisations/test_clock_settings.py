"""The office's clock settings page: who may change them, what a change records, and bad input
answered with a 400 that saves nothing."""

from __future__ import annotations

from datetime import date, time

import pytest

from hub.accounts.roles import Role
from hub.core.errors import DomainError, PermissionDenied
from hub.core.models import AuditEvent
from hub.organisations.models import ServiceLevelSettings
from hub.organisations.service_levels import (
    TARGETS,
    ClockTarget,
    ServiceLevelInput,
    service_levels_of,
    service_levels_update,
)
from tests.builders import in_schema, member


def _url(org) -> str:
    return f"/org/{org.organisation.slug}/settings/clocks/"


def _form(**changes) -> dict:
    """The page's form as the defaults fill it, with `changes` on top."""
    data = {
        "timezone": "Asia/Jakarta",
        "holiday_country": "ID",
        "optional_holidays": "on",
        "workdays": ["0", "1", "2", "3", "4"],
        "opens": "08:00",
        "closes": "16:00",
        "closed_days": "",
    }
    for spec in TARGETS:
        target = spec.default
        data.update(
            {
                f"{spec.code}-on": "on",
                f"{spec.code}-amount": str(target.amount),
                f"{spec.code}-unit": target.unit,
                f"{spec.code}-soon_percent": str(target.soon_percent),
            }
        )
        if target.working:
            data[f"{spec.code}-working"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _audited(org) -> int:
    with in_schema(org.organisation):
        return AuditEvent.objects.filter(action="organisation.service_levels_changed").count()


def test_the_office_admin_sees_the_defaults_of_seed_004(client, org_a):
    client.force_login(org_a.users[Role.OFFICE_ADMIN])
    page = client.get(_url(org_a))
    text = page.content.decode()
    assert page.status_code == 200
    assert '<option value="Asia/Jakarta" selected>' in text
    assert 'name="data_entry-amount" value="20"' in text
    assert not ServiceLevelSettings.objects.filter(organisation=org_a.organisation).exists()


def test_the_office_admin_makes_the_office_a_hong_kong_office(client, org_a):
    client.force_login(org_a.users[Role.OFFICE_ADMIN])
    response = client.post(
        _url(org_a),
        _form(
            timezone="Asia/Hong_Kong",
            holiday_country="HK",
            closes="17:30",
            closed_days="2026-12-31\n2026-12-30",
            **{"service-amount": "4", "monitoring-on": None},
        ),
    )
    assert response.status_code == 302
    levels = service_levels_of(org_a.organisation)
    assert levels.calendar.timezone == "Asia/Hong_Kong"
    assert levels.calendar.holidays == "HK"
    assert levels.calendar.closes == time(17, 30)
    assert levels.target("service").amount == 4
    assert levels.target("monitoring").on is False
    assert not levels.calendar.is_working_day(date(2026, 12, 30))
    assert _audited(org_a) == 1


def test_the_division_head_may_change_them_too(client, org_a):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    assert client.post(_url(org_a), _form(opens="07:30")).status_code == 302
    assert service_levels_of(org_a.organisation).calendar.opens == time(7, 30)


def test_saving_the_defaults_unchanged_records_nothing(client, org_a):
    client.force_login(org_a.users[Role.OFFICE_ADMIN])
    assert client.post(_url(org_a), _form()).status_code == 302
    assert _audited(org_a) == 0


@pytest.mark.parametrize("role", [Role.CASE_LAWYER, Role.RECEPTIONIST, Role.ANALYST])
def test_other_roles_are_refused_and_nothing_changes(client, org_a, role):
    client.force_login(org_a.users[role])
    assert client.get(_url(org_a)).status_code == 403
    response = client.post(_url(org_a), _form(timezone="Asia/Hong_Kong"))
    assert response.status_code == 403
    assert not ServiceLevelSettings.objects.filter(organisation=org_a.organisation).exists()
    assert _audited(org_a) == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"timezone": "Mars/Olympus_Mons"},
        {"holiday_country": "XX"},
        {"workdays": []},
        {"workdays": ["9"]},
        {"opens": "16:00", "closes": "08:00"},
        {"opens": "nine"},
        {"closed_days": "tomorrow"},
        {"disposition-amount": "0"},
        {"disposition-amount": "-3"},
        {"disposition-amount": "x" * 50},
        {"service-unit": "fortnights"},
        {"service-soon_percent": "150"},
        {"data_entry-amount": "99999999999"},
        {"monitoring-unit": "months", "monitoring-amount": "500"},
    ],
)
def test_bad_input_is_a_400_and_saves_nothing(client, org_a, changes):
    ServiceLevelSettings.objects.create(organisation=org_a.organisation, closes=time(15))
    client.force_login(org_a.users[Role.OFFICE_ADMIN])
    response = client.post(_url(org_a), _form(**{"closes": "15:00", **changes}))
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
    row = ServiceLevelSettings.objects.get(organisation=org_a.organisation)
    assert (row.timezone, row.closes, row.targets) == ("Asia/Jakarta", time(15), {})
    assert _audited(org_a) == 0


def _input(**changes) -> ServiceLevelInput:
    values = {
        "timezone": "Asia/Jakarta",
        "holiday_country": "ID",
        "optional_holidays": True,
        "workdays": frozenset(range(5)),
        "opens": time(8),
        "closes": time(16),
        "closed_days": (),
        "targets": {spec.code: spec.default for spec in TARGETS},
    }
    return ServiceLevelInput(**{**values, **changes})


def test_the_service_refuses_a_lawyer_before_looking_at_the_input(org_a):
    with in_schema(org_a.organisation), pytest.raises(PermissionDenied):
        service_levels_update(actor=member(org_a, Role.CASE_LAWYER), data=_input())


def test_the_service_names_every_bad_field(org_a):
    bad = _input(
        timezone="Nowhere/City",
        targets={
            "service": ClockTarget(True, 0, "hours", True),
            "plan": ClockTarget(True, 1, "weeks", True),
            "unknown": ClockTarget(True, 1, "hours", True),
        },
    )
    with in_schema(org_a.organisation), pytest.raises(DomainError) as refused:
        service_levels_update(actor=member(org_a, Role.OFFICE_ADMIN), data=bad)
    assert set(refused.value.fields) == {
        "timezone",
        "targets.service.amount",
        "targets.plan.unit",
        "targets.unknown",
    }
    assert not ServiceLevelSettings.objects.filter(organisation=org_a.organisation).exists()
