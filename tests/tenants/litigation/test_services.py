"""Proceedings and hearings: coded kinds and stages, a named body, dates in order, edits with a
version check and a before/after audit; only the lawyers on the case and the Kabid record them."""

from __future__ import annotations

from datetime import date

import pytest

from hub.accounts.roles import CASE_WORKER_ROLES, ORGANISATION_ROLES, Role
from hub.core.errors import DomainError
from hub.core.models import AuditEvent
from tenants.cases.registration import case_register
from tenants.cases.services import assignment_add
from tenants.litigation.models import Hearing, Proceeding
from tenants.litigation.services import (
    ProceedingData,
    hearing_add,
    proceeding_record,
    proceeding_update,
)
from tests.builders import actor

# Who may record proceedings (policy PROCEEDING_ADD).
ALWAYS = {Role.DIVISION_HEAD}
WHEN_ASSIGNED = {Role.CASE_LAWYER, Role.CASE_ASSISTANT, Role.PARALEGAL}
ASSIGNABLE = sorted(CASE_WORKER_ROLES)  # every role that works on a case


@pytest.fixture
def head(in_a):
    return actor(in_a, Role.DIVISION_HEAD)


@pytest.fixture
def case(in_a):
    return case_register(actor=actor(in_a, Role.RECEPTIONIST), title="Kasus pidana")


def _rows():
    return (
        list(Proceeding.objects.values_list("id", "kind", "stage", "version", "ended_on")),
        Hearing.objects.count(),
        AuditEvent.objects.count(),
    )


def _refused(call, *, field=None, status=400, code=None):
    before = _rows()
    with pytest.raises(DomainError) as refused:
        call()
    assert refused.value.status == status
    assert refused.value.message
    if field is not None:
        assert field in refused.value.fields, refused.value.fields
    if code is not None:
        assert refused.value.code == code
    assert _rows() == before


def _record(who, case, **data):
    values = {"kind": "criminal", "body": "PN Indramayu", **data}
    return proceeding_record(actor=who, case_id=case.pk, data=ProceedingData(**values))


# Recording


def test_a_proceeding_is_recorded_with_its_recorder_and_audited(head, case):
    proceeding = _record(
        head,
        case,
        register_number="45/Pid.Sus/2026/PN Idm",
        stage="first_instance",
        started_on=date(2026, 1, 12),
    )
    assert (proceeding.kind, proceeding.stage, proceeding.version) == (
        "criminal",
        "first_instance",
        1,
    )
    assert proceeding.recorded_by == head.name
    audit = AuditEvent.objects.get(action="case.proceeding_recorded")
    assert audit.detail == {"proceeding": proceeding.pk, "kind": "criminal", "body": "PN Indramayu"}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "duel"}, "kind"),
        ({"kind": ""}, "kind"),
        ({"stage": "halftime"}, "stage"),
        ({"body": "   "}, "body"),
        ({"started_on": date(2026, 2, 1), "ended_on": date(2026, 1, 1)}, "ended_on"),
    ],
    ids=["unknown-kind", "no-kind", "unknown-stage", "no-body", "ends-before-start"],
)
def test_a_wrong_proceeding_is_refused_naming_the_field(head, case, data, field):
    _refused(lambda: _record(head, case, **data), field=field)


def test_a_proceeding_ending_the_day_it_starts_is_allowed(head, case):
    same = date(2026, 1, 1)
    assert _record(head, case, started_on=same, ended_on=same).ended_on == same


@pytest.mark.parametrize(
    ("role", "assigned"),
    [(role, False) for role in sorted(ORGANISATION_ROLES)] + [(role, True) for role in ASSIGNABLE],
)
def test_only_the_kabid_or_the_assigned_lawyers_record_proceedings(
    org_a, head, case, role, assigned
):
    user = org_a.users[role]
    if assigned:
        assignment_add(case=case, user_id=user.pk, user_label=user.email, role=role, by=head)
    who = actor(org_a.organisation, role, user=user)
    if role in ALWAYS or (assigned and role in WHEN_ASSIGNED):
        assert _record(who, case).case_id == case.pk
    else:
        _refused(lambda: _record(who, case), status=403, code="role_not_allowed")


def test_the_system_records_proceedings(in_a, case):
    assert _record(actor(in_a, Role.SYSTEM), case).pk


# Editing


def test_an_update_bumps_the_version_and_audits_before_and_after(head, case):
    proceeding = _record(head, case, stage="investigation")
    updated = proceeding_update(
        actor=head,
        case_id=case.pk,
        proceeding_id=proceeding.pk,
        version=1,
        changes={"stage": "prosecution", "outcome": "", "ended_on": date(2026, 3, 1)},
    )
    assert (updated.stage, updated.ended_on, updated.version) == (
        "prosecution",
        date(2026, 3, 1),
        2,
    )
    audit = AuditEvent.objects.get(action="case.proceeding_updated")
    assert audit.detail == {
        "proceeding": proceeding.pk,
        "before": {"stage": "investigation", "ended_on": None},
        "after": {"stage": "prosecution", "ended_on": "2026-03-01"},
    }


def test_a_stale_update_is_409_stale_version_and_changes_nothing(head, case):
    proceeding = _record(head, case)
    proceeding_update(
        actor=head,
        case_id=case.pk,
        proceeding_id=proceeding.pk,
        version=1,
        changes={"stage": "appeal"},
    )
    _refused(
        lambda: proceeding_update(
            actor=head,
            case_id=case.pk,
            proceeding_id=proceeding.pk,
            version=1,
            changes={"stage": "cassation"},
        ),
        status=409,
        code="stale_version",
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"stage": "halftime"}, "stage"),
        ({"kind": "duel"}, "kind"),
        ({"body": ""}, "body"),
        ({"ended_on": date(2025, 1, 1)}, "ended_on"),
        ({"recorded_by": "someone"}, "recorded_by"),
        ({"case": None}, "case"),
    ],
)
def test_a_wrong_update_is_refused_naming_the_field(head, case, changes, field):
    proceeding = _record(head, case, started_on=date(2026, 1, 1))
    _refused(
        lambda: proceeding_update(
            actor=head, case_id=case.pk, proceeding_id=proceeding.pk, version=1, changes=changes
        ),
        field=field,
    )


def test_a_proceeding_of_another_case_is_404(in_a, head, case):
    other = _record(head, case_register(actor=head, title="Lain"))
    _refused(
        lambda: proceeding_update(
            actor=head, case_id=case.pk, proceeding_id=other.pk, version=1, changes={}
        ),
        status=404,
    )


def test_a_case_worker_without_the_right_cannot_update(org_a, head, case):
    proceeding = _record(head, case)
    user = org_a.users[Role.COUNSELLOR]
    assignment_add(case=case, user_id=user.pk, user_label=user.email, role=Role.COUNSELLOR, by=head)
    counsellor = actor(org_a.organisation, Role.COUNSELLOR, user=user)
    _refused(
        lambda: proceeding_update(
            actor=counsellor,
            case_id=case.pk,
            proceeding_id=proceeding.pk,
            version=1,
            changes={"stage": "appeal"},
        ),
        status=403,
        code="role_not_allowed",
    )


# Hearings


def test_a_hearing_is_added_to_the_proceeding(head, case):
    proceeding = _record(head, case)
    hearing = hearing_add(
        actor=head,
        case_id=case.pk,
        proceeding_id=proceeding.pk,
        held_on=date(2026, 2, 3),
        agenda=" Pembacaan dakwaan ",
    )
    assert (hearing.proceeding, hearing.agenda) == (proceeding, "Pembacaan dakwaan")
    assert AuditEvent.objects.get(action="case.hearing_added").detail["on"] == "2026-02-03"


def test_a_hearing_on_a_proceeding_of_another_case_is_404(in_a, head, case):
    other = _record(head, case_register(actor=head, title="Lain"))
    _refused(
        lambda: hearing_add(
            actor=head, case_id=case.pk, proceeding_id=other.pk, held_on=date(2026, 2, 3)
        ),
        status=404,
    )


def test_a_receptionist_cannot_add_a_hearing(org_a, head, case):
    proceeding = _record(head, case)
    receptionist = actor(org_a.organisation, Role.RECEPTIONIST, user=org_a.users[Role.RECEPTIONIST])
    _refused(
        lambda: hearing_add(
            actor=receptionist,
            case_id=case.pk,
            proceeding_id=proceeding.pk,
            held_on=date(2026, 2, 3),
        ),
        status=403,
    )
