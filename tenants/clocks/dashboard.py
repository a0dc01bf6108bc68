""" "My cases": what one person has to do now, by their roles: their cases' clocks, the
decisions they are asked for, the cases they may take, the client answers they must review;
and for the division head, every overdue clock of the office."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.utils import timezone

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from tenants.cases.assignments import cases_assigned_to, consultation_queue
from tenants.cases.decisions import decision_requests_pending
from tenants.cases.models import Case, DecisionRequest
from tenants.cases.selectors import cases_for_actor
from tenants.clocks.definitions import ClockState
from tenants.clocks.selectors import CaseClock, CaseClocks, clocks_for_cases, open_cases

LIMIT = 200  # rows a list shows; the counts say how many there are


@dataclass(frozen=True)
class ClockRow:
    """One clock of one case, for a list of what is due."""

    case: Case
    clock: CaseClock


@dataclass(frozen=True)
class Dashboard:
    mine: list[CaseClocks]  # the open cases assigned to me, most urgent first
    attention: list[ClockRow]  # their clocks due soon or overdue, earliest due first
    decisions: list[DecisionRequest] | None  # None: not one's role
    queue: list[CaseClocks] | None
    answers: list | None  # hub.links ClientLink answers waiting for review
    office_overdue: list[ClockRow] | None  # the division head's view of the whole office
    office_overdue_count: int = 0

    @property
    def mine_due(self) -> list[CaseClocks]:
        """My cases with a clock due soon or overdue, most urgent first."""
        return [row for row in self.mine if row.alerts]

    @property
    def mine_quiet(self) -> list[CaseClocks]:
        return [row for row in self.mine if not row.alerts]

    @property
    def overdue_count(self) -> int:
        return sum(1 for row in self.attention if row.clock.state == ClockState.OVERDUE)

    @property
    def due_soon_count(self) -> int:
        return sum(1 for row in self.attention if row.clock.state == ClockState.DUE_SOON)

    @property
    def waiting_count(self) -> int:
        return sum(len(rows or ()) for rows in (self.decisions, self.queue, self.answers))


def _by_urgency(rows: list[CaseClocks]) -> list[CaseClocks]:
    far = timezone.now().replace(year=9999)
    return sorted(rows, key=lambda r: (r.urgency, r.next_due or far, r.case.pk))


def _due_rows(rows: list[CaseClocks], states: set[str]) -> list[ClockRow]:
    found = [ClockRow(r.case, c) for r in rows for c in r.clocks if c.state in states]
    return sorted(found, key=lambda row: (row.clock.due_at, row.case.pk, row.clock.code))


def _answers(actor: Actor, case_ids: list[int] | None) -> list:
    """Client answers waiting for review (tenants.clientlinks; none while it is not installed)."""
    if not apps.is_installed("tenants.clientlinks"):
        return []
    from tenants.clientlinks.selectors import answers_to_review

    return list(answers_to_review(actor=actor, case_ids=case_ids)[:LIMIT])


def my_dashboard(*, actor: Actor, now: datetime | None = None) -> Dashboard:
    """The signed-in person's dashboard; every list is scoped by the policy (restricted cases
    only for their own staff and the division head)."""
    policy.require(actor, Action.CASE_READ)
    can = policy.permitted(actor)
    now = now or timezone.now()
    mine = clocks_for_cases(cases=open_cases(cases_assigned_to(actor=actor)), now=now, limit=LIMIT)
    mine_ids = [row.case.pk for row in mine]
    office_overdue = None
    office_overdue_count = 0
    if Action.CLOCKS_OVERSEE in can:
        everything = clocks_for_cases(cases=open_cases(cases_for_actor(actor=actor)), now=now)
        overdue = _due_rows(everything, {ClockState.OVERDUE})
        office_overdue, office_overdue_count = overdue[:LIMIT], len(overdue)
    queue = None
    if Action.CASE_TAKE in can:
        queue = clocks_for_cases(cases=consultation_queue(actor=actor), now=now, limit=LIMIT)
    decisions = None
    if Action.DECISIONS_PENDING in can:
        decisions = list(decision_requests_pending(actor=actor)[:LIMIT])
    # The head reviews answers on every case; everyone else on the cases they work on.
    answers = _answers(actor, None if Action.CLOCKS_OVERSEE in can else mine_ids)
    return Dashboard(
        mine=_by_urgency(mine),
        attention=_due_rows(mine, {ClockState.OVERDUE, ClockState.DUE_SOON}),
        decisions=decisions,
        queue=queue,
        answers=answers,
        office_overdue=office_overdue,
        office_overdue_count=office_overdue_count,
    )
