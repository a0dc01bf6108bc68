"""Reads of the service-level clocks, computed from recorded facts when asked: a case's clocks,
many cases' clocks in one query, and the alerts for notifications. Nothing is stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import ngettext

from hub.organisations.context import organisation_active
from hub.organisations.service_levels import (
    ClockTarget,
    ServiceLevels,
    Unit,
    service_levels_of,
    target_window,
)
from hub.organisations.worktime import WorkCalendar
from tenants.cases.lifecycle import Stage
from tenants.cases.models import Assignment, Case
from tenants.clocks.definitions import (
    ALERT_STATES,
    CLOCKS,
    FACT_PREFIX,
    TONE,
    URGENCY,
    ClockDefinition,
    ClockState,
    facts_annotation,
)


@dataclass(frozen=True)
class CaseClock:
    """One clock of one case; moments are in the organisation's time zone (`zone`)."""

    code: str
    label: str
    state: str
    started_at: datetime | None
    due_at: datetime | None
    stopped_at: datetime | None
    soon_at: datetime | None = None
    working: bool = False
    target: str = ""  # what it allows, for people: "1 working day"
    zone: str = "Asia/Jakarta"

    @property
    def state_label(self) -> str:
        return str(ClockState(self.state).label)

    @property
    def tone(self) -> str:
        return TONE[ClockState(self.state)]

    @property
    def alerting(self) -> bool:
        return self.state in ALERT_STATES


@dataclass(frozen=True)
class CaseClocks:
    """A case with its clocks, for lists."""

    case: Case
    clocks: tuple[CaseClock, ...]

    @property
    def alerts(self) -> tuple[CaseClock, ...]:
        return tuple(sorted((c for c in self.clocks if c.alerting), key=lambda c: c.due_at))

    @property
    def urgency(self) -> int:
        """0 overdue, 1 due soon, 2 running, 3 nothing running: a list sorts by it."""
        return min((URGENCY.get(ClockState(c.state), 3) for c in self.clocks), default=3)

    @property
    def next_due(self) -> datetime | None:
        running = [c.due_at for c in self.clocks if ClockState(c.state) in URGENCY]
        return min(running, default=None)


@dataclass(frozen=True)
class ClockAlert:
    """A clock that needs someone now (notifications read these)."""

    case_id: int
    clock: str
    state: str  # "due_soon" or "overdue"
    due_at: datetime
    assignee_user_ids: frozenset[int]


def _describe(target: ClockTarget) -> str:
    n = target.amount
    if target.working:
        text = {
            Unit.MINUTES: ngettext("%(n)d working minute", "%(n)d working minutes", n),
            Unit.HOURS: ngettext("%(n)d working hour", "%(n)d working hours", n),
            Unit.DAYS: ngettext("%(n)d working day", "%(n)d working days", n),
            Unit.MONTHS: ngettext("%(n)d month", "%(n)d months", n),
        }[target.unit]
    else:
        text = {
            Unit.MINUTES: ngettext("%(n)d minute", "%(n)d minutes", n),
            Unit.HOURS: ngettext("%(n)d hour", "%(n)d hours", n),
            Unit.DAYS: ngettext("%(n)d day", "%(n)d days", n),
            Unit.MONTHS: ngettext("%(n)d month", "%(n)d months", n),
        }[target.unit]
    return text % {"n": n}


def _day_after(day: date, calendar: WorkCalendar) -> datetime:
    """A fact recorded as a date counts from the end of that day (the office's midnight)."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=calendar.zone)


def _start(definition: ClockDefinition, facts: dict, calendar: WorkCalendar) -> datetime | None:
    if definition.starts != "monitoring":
        return facts.get(definition.starts)
    # Monitoring runs from the plan the client agreed to, or from the last review if later.
    moments = [facts.get("plan_agreed")]
    if facts.get("last_review") is not None:
        moments.append(_day_after(facts["last_review"], calendar))
    return max((m for m in moments if m is not None), default=None)


def _clock(
    definition: ClockDefinition, case: Case, facts: dict, levels: ServiceLevels, now: datetime
) -> CaseClock:
    calendar = levels.calendar
    target = levels.target(definition.code)
    start = _start(definition, facts, calendar)
    stop = facts.get(definition.stops) if definition.stops else None
    closed = case.stage == Stage.TERMINATION
    soon = due = None
    if not target.on:
        state = ClockState.NOT_APPLICABLE
    elif start is None:
        if definition.needs_start:
            state = ClockState.NOT_APPLICABLE
        elif stop is not None:
            state = ClockState.MET  # done before the clock had a reason to start
        else:
            state = ClockState.NOT_APPLICABLE if closed else ClockState.WAITING
    else:
        soon, due = target_window(calendar, start, target)
        if stop is not None:
            state = ClockState.MET if stop <= due else ClockState.MISSED
        elif closed:
            state = ClockState.NOT_APPLICABLE  # ended with the case, never done: no result
        elif now >= due:
            state = ClockState.OVERDUE
        elif now >= soon:
            state = ClockState.DUE_SOON
        else:
            state = ClockState.RUNNING

    def local(moment):
        return calendar.local(moment) if isinstance(moment, datetime) else None

    if state == ClockState.NOT_APPLICABLE:
        start = soon = due = stop = None  # a clock that does not apply has no times to show

    return CaseClock(
        code=definition.code,
        label=str(definition.label),
        state=state.value,
        started_at=local(start),
        due_at=local(due),
        stopped_at=local(stop),
        soon_at=local(soon),
        working=target.working,
        target=_describe(target),
        zone=calendar.timezone,
    )


def _facts(case: Case) -> dict:
    return {
        name[len(FACT_PREFIX) :]: value
        for name, value in vars(case).items()
        if name.startswith(FACT_PREFIX)
    }


def _levels() -> ServiceLevels:
    organisation = organisation_active()
    if organisation is None:
        raise RuntimeError("clocks are read inside an organisation's schema")
    return service_levels_of(organisation)


def clocks_for_cases(
    *,
    cases: QuerySet[Case],
    now: datetime | None = None,
    hidden_sections: frozenset[str] = frozenset(),
    limit: int | None = None,
) -> list[CaseClocks]:
    """Every case of `cases` (the first `limit`) with its clocks: one query for all their
    facts, in the queryset's order."""
    levels = _levels()
    now = now or timezone.now()
    definitions = [d for d in CLOCKS if d.section not in hidden_sections]
    annotated = cases.annotate(**facts_annotation())
    return [
        CaseClocks(
            case=case,
            clocks=tuple(_clock(d, case, _facts(case), levels, now) for d in definitions),
        )
        for case in (annotated[:limit] if limit is not None else annotated)
    ]


def case_clocks(
    *, case: Case, now: datetime | None = None, hidden_sections: frozenset[str] = frozenset()
) -> list[CaseClock]:
    """The case's clocks (the caller has opened the case for the actor); clocks that tell of a
    section the actor may not read are left out."""
    rows = clocks_for_cases(
        cases=Case.objects.filter(pk=case.pk), now=now, hidden_sections=hidden_sections
    )
    return list(rows[0].clocks) if rows else []


def open_cases(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Cases whose clocks can still run: not at termination."""
    return cases.exclude(stage=Stage.TERMINATION)


def clock_alerts(*, now: datetime | None = None) -> list[ClockAlert]:
    """Every clock of the current organisation that is due soon or overdue, with whom to tell
    (the staff assigned to its case now), earliest due first."""
    rows = clocks_for_cases(cases=open_cases(Case.objects.all()), now=now)
    alerting = [(row.case.pk, clock) for row in rows for clock in row.clocks if clock.alerting]
    assignees: dict[int, set[int]] = {}
    pairs = Assignment.objects.filter(
        case_id__in={case_id for case_id, _clock in alerting}, ended_at__isnull=True
    ).values_list("case_id", "user_id")
    for case_id, user_id in pairs:
        assignees.setdefault(case_id, set()).add(user_id)
    alerts = [
        ClockAlert(
            case_id=case_id,
            clock=clock.code,
            state=clock.state,
            due_at=clock.due_at,
            assignee_user_ids=frozenset(assignees.get(case_id, ())),
        )
        for case_id, clock in alerting
    ]
    return sorted(alerts, key=lambda a: (a.due_at, a.case_id, a.clock))
