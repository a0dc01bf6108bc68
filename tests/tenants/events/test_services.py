"""Events and acts: dates that make sense, acts coded with known rights and legal bases, victims
and perpetrators who are people of the case in those roles, and the chronology's order."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from hub.accounts.roles import ORGANISATION_ROLES, Role
from hub.core.errors import DomainError
from hub.core.models import AuditEvent
from tenants.cases.models import CasePerson, PersonRole
from tenants.cases.registration import case_register
from tenants.cases.services import assignment_add
from tenants.events.models import Act, DatePrecision, Event
from tenants.events.selectors import case_chronology
from tenants.events.services import ActData, EventData, act_record, event_record
from tenants.people.models import Person
from tests.builders import actor

# Who may record events (policy EVENT_ADD): the Kabid always; case workers when assigned.
ALWAYS = {Role.DIVISION_HEAD}
WHEN_ASSIGNED = {
    Role.CONSULTATION_LAWYER,
    Role.CONSULTATION_ASSISTANT,
    Role.CASE_LAWYER,
    Role.CASE_ASSISTANT,
    Role.PARALEGAL,
    Role.COUNSELLOR,
    Role.MEDIATOR,
    Role.COMPANION,
}


@pytest.fixture
def head(in_a):
    return actor(in_a, Role.DIVISION_HEAD)


@pytest.fixture
def case(in_a):
    return case_register(actor=actor(in_a, Role.RECEPTIONIST), title="Kasus peristiwa")


def _person(case, name, role):
    person = Person.objects.create(display_name=name)
    CasePerson.objects.create(case=case, person=person, role=role)
    return person


def _rows():
    return (
        list(Event.objects.values_list("id", "description")),
        Act.objects.count(),
        Act.victims.through.objects.count(),
        Act.perpetrators.through.objects.count(),
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


def _event(who, case, **data):
    return event_record(actor=who, case=case, data=EventData(**{"description": "Terjadi", **data}))


# Events


def test_an_event_is_recorded_with_its_date_precision_place_and_recorder(org_a, case):
    lawyer = actor(org_a.organisation, Role.DIVISION_HEAD, user=org_a.users[Role.DIVISION_HEAD])
    event = _event(
        lawyer,
        case,
        title=" Paspor ditahan ",
        description=" Majikan menyimpan paspor. ",
        occurred_on=date(2024, 3, 1),
        date_precision=DatePrecision.MONTH,
        place="Kuala Lumpur",
        country="MY",
    )
    assert (event.title, event.description, event.date_precision, event.country) == (
        "Paspor ditahan",
        "Majikan menyimpan paspor.",
        "month",
        "MY",
    )
    assert event.recorded_by == lawyer.label
    assert AuditEvent.objects.get(action="event.recorded").detail == {"event": event.pk}


def test_an_event_lasting_a_while_keeps_its_end(head, case):
    event = _event(head, case, occurred_on=date(2024, 1, 1), occurred_until=date(2024, 6, 30))
    assert (event.occurred_on, event.occurred_until) == (date(2024, 1, 1), date(2024, 6, 30))


@pytest.mark.parametrize("precision", [DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR])
def test_an_event_without_a_date_has_an_unknown_date_whatever_precision_was_given(
    head, case, precision
):
    assert _event(head, case, date_precision=precision).date_precision == DatePrecision.UNKNOWN


def test_an_event_in_the_future_is_refused(head, case):
    tomorrow = timezone.localdate() + timedelta(days=1)
    _refused(lambda: _event(head, case, occurred_on=tomorrow), field="occurred_on")


def test_an_event_of_today_is_allowed(head, case):
    assert _event(head, case, occurred_on=timezone.localdate()).pk


def test_an_event_ending_in_the_future_is_refused(head, case):
    next_week = timezone.localdate() + timedelta(days=7)
    _refused(
        lambda: _event(head, case, occurred_on=date(2024, 1, 1), occurred_until=next_week),
        field="occurred_until",
    )


def test_an_event_ending_before_it_starts_is_refused(head, case):
    _refused(
        lambda: _event(head, case, occurred_on=date(2024, 5, 1), occurred_until=date(2024, 4, 1)),
        field="occurred_until",
    )


def test_an_end_without_a_start_is_refused(head, case):
    _refused(lambda: _event(head, case, occurred_until=date(2024, 4, 1)), field="occurred_until")


def test_an_event_without_a_description_is_refused(head, case):
    _refused(lambda: _event(head, case, description="   "), field="description")


def test_an_unknown_date_precision_is_refused(head, case):
    _refused(
        lambda: _event(head, case, occurred_on=date(2024, 1, 1), date_precision="decade"),
        field="date_precision",
    )


@pytest.mark.parametrize("country", ["my", "MYS", "1A"])
def test_an_event_country_that_is_not_a_code_is_refused(head, case, country):
    _refused(lambda: _event(head, case, country=country), field="country")


@pytest.mark.parametrize(
    ("role", "assigned"),
    [(role, False) for role in sorted(ORGANISATION_ROLES)]
    + [(role, True) for role in sorted(WHEN_ASSIGNED)],
)
def test_only_the_kabid_or_assigned_staff_record_events(org_a, head, case, role, assigned):
    user = org_a.users[role]
    if assigned:
        assignment_add(case=case, user_id=user.pk, user_label=user.email, role=role, by=head)
    who = actor(org_a.organisation, role, user=user)
    if role in ALWAYS or (assigned and role in WHEN_ASSIGNED):
        assert _event(who, case).case_id == case.pk
    else:
        _refused(lambda: _event(who, case), status=403, code="role_not_allowed")


def test_the_system_records_events(in_a, case):
    assert _event(actor(in_a, Role.SYSTEM), case).pk


# Acts


@pytest.fixture
def event(head, case):
    return _event(head, case, occurred_on=date(2024, 3, 1))


def _act(who, case, event, **data):
    return act_record(actor=who, case_id=case.pk, event_id=event.pk, data=ActData(**data))


def test_an_act_is_coded_with_its_rights_legal_basis_victims_and_perpetrators(head, case, event):
    victim = _person(case, "Rina", PersonRole.VICTIM)
    employer = _person(case, "Majikan", PersonRole.PERPETRATOR)
    act = _act(
        head,
        case,
        event,
        description=" Paspor ditahan ",
        rights_violated=("freedom_of_movement", "freedom_of_movement"),
        legal_basis=("uu_18_2017_ppmi",),
        victim_ids=(victim.pk,),
        perpetrator_ids=(employer.pk,),
    )
    assert act.description == "Paspor ditahan"
    assert act.rights_violated == ["freedom_of_movement"]
    assert act.legal_basis == ["uu_18_2017_ppmi"]
    assert list(act.victims.all()) == [victim]
    assert list(act.perpetrators.all()) == [employer]
    assert AuditEvent.objects.filter(action="event.act_recorded").count() == 1


def test_an_act_without_perpetrators_has_an_unknown_perpetrator(head, case, event):
    victim = _person(case, "Rina", PersonRole.VICTIM)
    act = _act(head, case, event, rights_violated=("right_to_security",), victim_ids=(victim.pk,))
    assert list(act.perpetrators.all()) == []


def test_an_act_is_described_or_names_a_right(head, case, event):
    assert _act(head, case, event, description="Dipukul").rights_violated == []
    _refused(lambda: _act(head, case, event, description="  "), field="rights_violated")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"rights_violated": ("right_to_fly",)}, "rights_violated"),
        ({"rights_violated": ("right_to_work",), "legal_basis": ("uu_99_2099",)}, "legal_basis"),
    ],
)
def test_an_unknown_right_or_legal_basis_is_refused_naming_the_field(
    head, case, event, data, field
):
    _refused(lambda: _act(head, case, event, **data), field=field, code="unknown_code")


def test_a_victim_who_is_not_a_victim_of_the_case_is_refused_naming_victim_ids(head, case, event):
    perpetrator = _person(case, "Majikan", PersonRole.PERPETRATOR)
    _refused(
        lambda: _act(
            head, case, event, rights_violated=("right_to_work",), victim_ids=(perpetrator.pk,)
        ),
        field="victim_ids",
    )


def test_a_perpetrator_who_is_not_a_perpetrator_of_the_case_is_refused(head, case, event):
    victim = _person(case, "Rina", PersonRole.VICTIM)
    _refused(
        lambda: _act(
            head, case, event, rights_violated=("right_to_work",), perpetrator_ids=(victim.pk,)
        ),
        field="perpetrator_ids",
    )


def test_a_victim_of_another_case_is_refused(in_a, head, case, event):
    other_case = case_register(actor=head, title="Kasus lain")
    stranger = _person(other_case, "Orang lain", PersonRole.VICTIM)
    _refused(
        lambda: _act(
            head, case, event, rights_violated=("right_to_work",), victim_ids=(stranger.pk,)
        ),
        field="victim_ids",
    )


def test_an_act_on_an_event_of_another_case_is_404(in_a, head, case):
    other_case = case_register(actor=head, title="Kasus lain")
    foreign_event = _event(head, other_case)
    _refused(
        lambda: _act(head, case, foreign_event, rights_violated=("right_to_work",)), status=404
    )


def test_staff_not_assigned_cannot_record_acts(org_a, case, event):
    lawyer = actor(org_a.organisation, Role.CASE_LAWYER, user=org_a.users[Role.CASE_LAWYER])
    _refused(
        lambda: _act(lawyer, case, event, rights_violated=("right_to_work",)),
        status=403,
        code="role_not_allowed",
    )


# The chronology


def test_the_chronology_is_dated_events_ascending_then_undated_ones(head, case):
    _event(head, case, description="Tanpa tanggal")
    _event(head, case, description="Maret", occurred_on=date(2024, 3, 1))
    _event(head, case, description="Januari", occurred_on=date(2024, 1, 5))
    _event(head, case, description="Tanpa tanggal juga")
    _event(head, case, description="Februari", occurred_on=date(2024, 2, 1))
    assert [e.description for e in case_chronology(case=case)] == [
        "Januari",
        "Februari",
        "Maret",
        "Tanpa tanggal",
        "Tanpa tanggal juga",
    ]


def test_the_chronology_holds_only_this_cases_events(in_a, head, case):
    _event(head, case, description="Milik kasus ini")
    _event(head, case_register(actor=head, title="Lain"), description="Milik kasus lain")
    assert [e.description for e in case_chronology(case=case)] == ["Milik kasus ini"]
