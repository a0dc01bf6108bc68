"""Clock alerts become notifications on the tick: a deadline soon due goes to the people
assigned, an overdue one to the division heads too; each once per deadline and state.

Most tests stub `tenants.clocks.selectors.clock_alerts` with chosen alerts, so the producer is
tested apart from what the clocks compute; the last one runs the real clocks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hub.accounts.roles import Role
from tenants.clocks.selectors import ClockAlert
from tenants.notifications import producers
from tenants.notifications.models import Notification
from tenants.notifications.services import notifications_tick
from tests.builders import in_schema, registered_case
from tests.tenants.clocks.facts import registered, taken, wib


@pytest.fixture
def alerts(monkeypatch):
    """What the clocks say, per organisation schema: {schema_name: [ClockAlert, ...]}."""
    said: dict[str, list[ClockAlert]] = {}

    def stub(*, now=None):
        from django.db import connection

        return said.get(connection.schema_name, [])

    monkeypatch.setattr(producers, "clock_alerts", stub)
    return said


def _rows(org) -> list[tuple[str, int]]:
    with in_schema(org.organisation):
        return sorted(Notification.objects.values_list("kind", "recipient_user_id"))


def test_due_soon_goes_to_the_assignees_and_overdue_to_the_division_heads_too(org_a, org_b, alerts):
    case = registered_case(org_a.organisation)
    lawyer, assistant = org_a.users[Role.CASE_LAWYER], org_a.users[Role.CASE_ASSISTANT]
    head = org_a.users[Role.DIVISION_HEAD]
    due = timezone.now() + timedelta(hours=3)
    alerts[org_a.organisation.schema_name] = [
        ClockAlert(case.pk, "disposition", "due_soon", due, {lawyer.pk, assistant.pk}),
        ClockAlert(
            case.pk, "chronology", "overdue", due - timedelta(days=2), frozenset({lawyer.pk})
        ),
    ]
    notifications_tick()
    assert _rows(org_a) == sorted(
        [
            ("clock.due_soon", lawyer.pk),
            ("clock.due_soon", assistant.pk),
            ("clock.overdue", lawyer.pk),
            ("clock.overdue", head.pk),
        ]
    )
    assert _rows(org_b) == []
    with in_schema(org_a.organisation):
        row = Notification.objects.filter(kind="clock.overdue").first()
        assert case.number in row.subject and row.case_id == case.pk
        assert "Kronologi" in row.subject  # the clock's name, in Indonesian


def test_the_same_alert_on_every_tick_notifies_once_and_a_new_deadline_again(org_a, alerts):
    case = registered_case(org_a.organisation)
    lawyer = org_a.users[Role.CASE_LAWYER]
    due = timezone.now() + timedelta(hours=3)
    alert = ClockAlert(case.pk, "disposition", "due_soon", due, frozenset({lawyer.pk}))
    alerts[org_a.organisation.schema_name] = [alert]
    notifications_tick()
    notifications_tick()
    assert _rows(org_a) == [("clock.due_soon", lawyer.pk)]
    # The same clock turning overdue, and a later deadline of it, are news again.
    alerts[org_a.organisation.schema_name] = [
        ClockAlert(case.pk, "disposition", "overdue", due, frozenset({lawyer.pk})),
        ClockAlert(
            case.pk, "disposition", "due_soon", due + timedelta(days=30), frozenset({lawyer.pk})
        ),
    ]
    notifications_tick()
    head = org_a.users[Role.DIVISION_HEAD]
    assert _rows(org_a) == sorted(
        [
            ("clock.due_soon", lawyer.pk),
            ("clock.due_soon", lawyer.pk),
            ("clock.overdue", lawyer.pk),
            ("clock.overdue", head.pk),
        ]
    )


def test_an_alert_for_a_case_that_is_not_there_records_nothing(org_a, alerts):
    alerts[org_a.organisation.schema_name] = [
        ClockAlert(999999, "disposition", "overdue", timezone.now(), frozenset({1}))
    ]
    notifications_tick()
    assert _rows(org_a) == []


def test_the_real_clocks_warn_the_assigned_lawyer_and_the_division_head(org_a, mailoutbox):
    late = registered(org_a, wib(2026, 8, 7, 9, 0))
    taken(org_a, late, wib(2026, 8, 7, 9, 30))  # no service since: overdue on Monday
    monday = wib(2026, 8, 10, 10, 0)
    notifications_tick(now=monday)
    lawyer = org_a.users[Role.CONSULTATION_LAWYER].pk
    head = org_a.users[Role.DIVISION_HEAD].pk
    with in_schema(org_a.organisation):
        service = Notification.objects.filter(
            kind="clock.overdue", case_id=late.pk, dedupe_key__contains=":service:"
        )
        assert sorted(service.values_list("recipient_user_id", flat=True)) == sorted([lawyer, head])
        count = Notification.objects.count()
    notifications_tick(now=monday + timedelta(minutes=1))
    with in_schema(org_a.organisation):
        assert Notification.objects.count() == count
    assert len(mailoutbox) == count
