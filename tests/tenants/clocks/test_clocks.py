"""Each clock's state from the facts a case records, with the time frozen at chosen moments
across weekends and Indonesian (and Hong Kong) holidays. 7 August 2026 is a Friday; Monday
17 August is Independence Day; 1 July is Hong Kong's Establishment Day."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub.accounts.roles import Role
from hub.organisations.models import ServiceLevelSettings
from tenants.cases.lifecycle import Stage
from tenants.cases.models import Case, CaseSection
from tenants.clocks.selectors import clock_alerts, clocks_for_cases
from tests.builders import in_schema
from tests.tenants.clocks.facts import (
    clocks_at,
    event_at,
    hkt,
    hong_kong,
    plan_at,
    registered,
    review_on,
    service_at,
    states_at,
    taken,
    wib,
)


def test_disposition_runs_over_the_weekend_and_falls_due_on_monday(org_a):
    case = registered(org_a, wib(2026, 8, 7, 15, 0))
    clocks = clocks_at(org_a, case, wib(2026, 8, 8, 12, 0))  # Saturday noon
    disposition = clocks["disposition"]
    assert disposition.state == "running"
    assert disposition.due_at == wib(2026, 8, 10, 15, 0)
    # Half a working day (the seed's 12 of 24 hours) after registration it warns.
    assert disposition.soon_at == wib(2026, 8, 10, 11, 0)
    assert states_at(org_a, case, wib(2026, 8, 10, 11, 30))["disposition"] == "due_soon"
    assert states_at(org_a, case, wib(2026, 8, 10, 15, 0))["disposition"] == "overdue"


def test_independence_day_is_not_a_working_day_for_the_disposition(org_a):
    case = registered(org_a, wib(2026, 8, 14, 15, 0))
    assert clocks_at(org_a, case, wib(2026, 8, 17, 15, 30))["disposition"].state == "running"
    assert clocks_at(org_a, case, wib(2026, 8, 17, 15, 30))["disposition"].due_at == wib(
        2026, 8, 18, 15, 0
    )
    taken(org_a, case, wib(2026, 8, 18, 10, 0))
    clock = clocks_at(org_a, case, wib(2026, 8, 20, 9, 0))["disposition"]
    assert clock.state == "met"
    assert clock.stopped_at == wib(2026, 8, 18, 10, 0)


def test_a_disposition_after_the_deadline_is_met_late(org_a):
    case = registered(org_a, wib(2026, 8, 14, 15, 0))
    taken(org_a, case, wib(2026, 8, 18, 15, 1))
    assert states_at(org_a, case, wib(2026, 9, 1, 9, 0))["disposition"] == "missed"


def test_a_hong_kong_office_counts_in_its_own_zone_and_holidays(org_a, org_b):
    hong_kong(org_b)
    jakarta_case = registered(org_a, wib(2026, 6, 30, 15, 0))
    hk_case = registered(org_b, hkt(2026, 6, 30, 15, 0))
    jakarta = clocks_at(org_a, jakarta_case, wib(2026, 7, 1, 9, 0))["disposition"]
    hong = clocks_at(org_b, hk_case, hkt(2026, 7, 1, 9, 0))["disposition"]
    assert jakarta.due_at == wib(2026, 7, 1, 15, 0)
    assert hong.due_at == hkt(2026, 7, 2, 15, 0)  # 1 July is a holiday there
    assert (jakarta.zone, hong.zone) == ("Asia/Jakarta", "Asia/Hong_Kong")
    assert hong.due_at.tzinfo.key == "Asia/Hong_Kong"


def test_data_entry_counts_twenty_working_minutes_from_arrival(org_a):
    # Arrived 15:50 on Friday: ten minutes that day, ten more from Monday 08:00.
    on_time = registered(org_a, wib(2026, 8, 10, 8, 5), arrived=wib(2026, 8, 7, 15, 50))
    clock = clocks_at(org_a, on_time, wib(2026, 8, 10, 9, 0))["data_entry"]
    assert (clock.state, clock.due_at) == ("met", wib(2026, 8, 10, 8, 10))
    late = registered(org_a, wib(2026, 8, 10, 9, 0), arrived=wib(2026, 8, 10, 8, 30))
    assert states_at(org_a, late, wib(2026, 8, 10, 9, 0))["data_entry"] == "missed"


def test_data_entry_does_not_apply_without_an_arrival_or_to_a_portal_complaint(org_a):
    no_arrival = registered(org_a, wib(2026, 8, 10, 9, 0))
    assert states_at(org_a, no_arrival, wib(2026, 8, 10, 9, 0))["data_entry"] == "not_applicable"
    portal = registered(
        org_a, wib(2026, 8, 10, 9, 0), arrived=wib(2026, 8, 9, 22, 0), channel="portal"
    )
    assert states_at(org_a, portal, wib(2026, 8, 10, 9, 0))["data_entry"] == "not_applicable"


def test_clocks_after_the_disposition_wait_for_it_then_run_from_it(org_a):
    case = registered(org_a, wib(2026, 8, 7, 9, 0))
    before = states_at(org_a, case, wib(2026, 8, 7, 9, 30))
    assert before["service"] == before["chronology"] == before["plan"] == "waiting"
    taken(org_a, case, wib(2026, 8, 7, 13, 0))
    clocks = clocks_at(org_a, case, wib(2026, 8, 7, 14, 0))
    # Six working hours from Friday 13:00: three on Friday, three on Monday.
    assert clocks["service"].due_at == wib(2026, 8, 10, 11, 0)
    assert clocks["chronology"].due_at == clocks["plan"].due_at == wib(2026, 8, 10, 13, 0)
    assert {clocks[c].state for c in ("service", "chronology", "plan")} == {"running"}
    later = states_at(org_a, case, wib(2026, 8, 10, 12, 0))
    assert later["service"] == "overdue"
    assert later["chronology"] == later["plan"] == "due_soon"


def test_service_chronology_and_plan_stop_at_their_first_record(org_a):
    case = registered(org_a, wib(2026, 8, 7, 9, 0))
    taken(org_a, case, wib(2026, 8, 7, 13, 0))
    service_at(org_a, case, wib(2026, 8, 10, 10, 0))
    event_at(org_a, case, wib(2026, 8, 10, 14, 0))  # after Monday 13:00: late
    plan_at(org_a, case, wib(2026, 8, 10, 12, 0))
    event_at(org_a, case, wib(2026, 8, 11, 9, 0))  # a later event changes nothing
    states = states_at(org_a, case, wib(2026, 8, 20, 9, 0))
    assert states["service"] == "met"
    assert states["chronology"] == "missed"
    assert states["plan"] == "met"
    assert clocks_at(org_a, case, wib(2026, 8, 20, 9, 0))["chronology"].stopped_at == wib(
        2026, 8, 10, 14, 0
    )


def test_a_chronology_written_before_the_disposition_is_met(org_a):
    case = registered(org_a, wib(2026, 8, 7, 9, 0))
    event_at(org_a, case, wib(2026, 8, 7, 9, 10))
    assert states_at(org_a, case, wib(2026, 8, 7, 9, 30))["chronology"] == "met"
    taken(org_a, case, wib(2026, 8, 7, 13, 0))
    assert states_at(org_a, case, wib(2026, 8, 20, 9, 0))["chronology"] == "met"


def test_monitoring_runs_six_months_from_the_agreed_plan_then_from_the_last_review(org_a):
    case = registered(org_a, wib(2026, 1, 5, 9, 0))
    assert states_at(org_a, case, wib(2026, 1, 5, 10, 0))["monitoring"] == "waiting"
    plan_at(org_a, case, wib(2026, 1, 6, 9, 0), agreed_at=wib(2026, 1, 7, 10, 0))
    clock = clocks_at(org_a, case, wib(2026, 3, 1, 9, 0))["monitoring"]
    assert (clock.state, clock.due_at) == ("running", wib(2026, 7, 7, 10, 0))
    assert states_at(org_a, case, wib(2026, 7, 1, 9, 0))["monitoring"] == "due_soon"
    assert states_at(org_a, case, wib(2026, 7, 8, 9, 0))["monitoring"] == "overdue"
    review_on(org_a, case, date(2026, 7, 6))
    clock = clocks_at(org_a, case, wib(2026, 7, 8, 9, 0))["monitoring"]
    # From the end of the review's day: due by the end of 6 January 2027.
    assert (clock.state, clock.due_at) == ("running", wib(2027, 1, 7, 0, 0))


def test_a_closed_case_keeps_results_and_drops_clocks_that_never_stopped(org_a):
    case = registered(org_a, wib(2026, 8, 7, 9, 0))
    taken(org_a, case, wib(2026, 8, 7, 10, 0))
    with in_schema(org_a.organisation):
        Case.objects.filter(pk=case.pk).update(stage=Stage.TERMINATION)
    states = states_at(org_a, case, wib(2026, 9, 1, 9, 0))
    assert states["disposition"] == "met"
    assert states["service"] == states["chronology"] == states["plan"] == "not_applicable"
    assert states["monitoring"] == "not_applicable"


def test_a_clock_switched_off_does_not_apply(org_a):
    ServiceLevelSettings.objects.create(
        organisation=org_a.organisation,
        targets={"service": {"on": False}, "plan": {"on": False}},
    )
    case = registered(org_a, wib(2026, 8, 7, 9, 0))
    taken(org_a, case, wib(2026, 8, 7, 10, 0))
    states = states_at(org_a, case, wib(2026, 8, 20, 9, 0))
    assert states["service"] == states["plan"] == "not_applicable"
    assert states["chronology"] == "overdue"


def test_a_target_in_calendar_hours_counts_the_night(org_a):
    ServiceLevelSettings.objects.create(
        organisation=org_a.organisation,
        targets={"service": {"amount": 6, "unit": "hours", "working": False}},
    )
    case = registered(org_a, wib(2026, 8, 7, 9, 0))
    taken(org_a, case, wib(2026, 8, 7, 15, 0))
    clock = clocks_at(org_a, case, wib(2026, 8, 7, 16, 0))["service"]
    assert clock.due_at == wib(2026, 8, 7, 21, 0)
    assert not clock.working


def test_clocks_of_a_section_the_reader_may_not_see_are_left_out(org_a):
    case = registered(org_a, wib(2026, 8, 7, 9, 0))
    codes = clocks_at(
        org_a, case, wib(2026, 8, 7, 10, 0), hidden_sections=frozenset({CaseSection.CHRONOLOGY})
    )
    assert "chronology" not in codes
    assert "disposition" in codes


def _reads(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if not q["sql"].startswith("SET ")]


def test_many_cases_cost_the_same_queries_as_one(org_a):
    registered(org_a, wib(2026, 8, 7, 9, 0))
    with in_schema(org_a.organisation), CaptureQueriesContext(connection) as one:
        clocks_for_cases(cases=Case.objects.all(), now=wib(2026, 8, 7, 10, 0))
    for hour in range(10, 15):
        case = registered(org_a, wib(2026, 8, 7, hour, 0))
        taken(org_a, case, wib(2026, 8, 7, hour, 30))
    with in_schema(org_a.organisation), CaptureQueriesContext(connection) as six:
        rows = clocks_for_cases(cases=Case.objects.all(), now=wib(2026, 8, 7, 16, 0))
    assert len(rows) == 6
    # The settings, and one query for every case's facts.
    assert len(_reads(six)) == len(_reads(one)) == 2


def test_alerts_name_the_clock_its_state_and_the_assigned_staff(org_a):
    quiet = registered(org_a, wib(2026, 8, 10, 9, 0))
    late = registered(org_a, wib(2026, 8, 7, 9, 0))
    taken(org_a, late, wib(2026, 8, 7, 9, 30))
    lawyer = org_a.users[Role.CONSULTATION_LAWYER].pk
    with in_schema(org_a.organisation):
        alerts = clock_alerts(now=wib(2026, 8, 10, 10, 0))
    by_case = {(a.case_id, a.clock): a for a in alerts}
    assert by_case[(late.pk, "service")].state == "overdue"
    assert by_case[(late.pk, "service")].assignee_user_ids == frozenset({lawyer})
    assert by_case[(late.pk, "service")].due_at == wib(2026, 8, 7, 15, 30)
    assert (quiet.pk, "disposition") not in by_case  # registered an hour ago: running
    assert {a.state for a in alerts} <= {"due_soon", "overdue"}
    assert [a.due_at for a in alerts] == sorted(a.due_at for a in alerts)
    with in_schema(org_a.organisation):
        later = clock_alerts(now=wib(2026, 8, 10, 14, 0))
    unassigned = next(a for a in later if a.case_id == quiet.pk and a.clock == "disposition")
    assert unassigned.state == "due_soon"
    assert unassigned.assignee_user_ids == frozenset()
