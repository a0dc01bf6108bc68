"""The chronology API: a case's events with their acts, recording events and acts; refusals
answer 4xx naming the field and write nothing; the list's query count does not grow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hub.accounts.roles import Role
from hub.core.models import AuditEvent
from tenants.cases.models import Case, CasePerson, PersonRole
from tenants.cases.registration import case_register
from tenants.events.models import Act, Event
from tenants.events.services import ActData, EventData, act_record, event_record
from tenants.people.models import Person
from tests.builders import actor, in_schema


@dataclass(frozen=True)
class Scene:
    org: object
    case_id: int
    victim_id: int
    perpetrator_id: int

    def url(self, path: str = "") -> str:
        return f"/org/{self.org.organisation.slug}/api/v1/cases/{self.case_id}/events/{path}"

    def rows(self):
        with in_schema(self.org.organisation):
            return (
                list(Event.objects.values_list("id", "description")),
                Act.objects.count(),
                AuditEvent.objects.count(),
            )

    def record(self, count: int, *, start: date = date(2020, 1, 1)) -> None:
        """`count` more events, each with an act naming the victim and the perpetrator."""
        a = self.org.organisation
        head = actor(a, Role.DIVISION_HEAD)
        with in_schema(a):
            for i in range(count):
                event = event_record(
                    actor=head,
                    case=self.case_id,
                    data=EventData(description=f"Peristiwa {i}", occurred_on=start + timedelta(i)),
                )
                act_record(
                    actor=head,
                    case_id=self.case_id,
                    event_id=event.pk,
                    data=ActData(
                        rights_violated=("right_to_fair_wages",),
                        legal_basis=("uu_18_2017_ppmi",),
                        victim_ids=(self.victim_id,),
                        perpetrator_ids=(self.perpetrator_id,),
                    ),
                )


@pytest.fixture
def scene(client, org_a) -> Scene:
    a = org_a.organisation
    with in_schema(a):
        case = case_register(actor=actor(a, Role.RECEPTIONIST), title="Gaji tidak dibayar")
        people = {}
        for name, role in (("Rina", PersonRole.VICTIM), ("Majikan", PersonRole.PERPETRATOR)):
            person = Person.objects.create(display_name=name)
            CasePerson.objects.create(case=case, person=person, role=role)
            people[role] = person.pk
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    return Scene(org_a, case.pk, people[PersonRole.VICTIM], people[PersonRole.PERPETRATOR])


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def _error(response, status: int, *, field: str | None = None, code: str | None = None):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["message"]
    if field is not None:
        assert field in error["fields"], error
    if code is not None:
        assert error["code"] == code, error
    return error


def _event_id(client, scene, **body) -> int:
    response = _post(client, scene.url(), {"description": "Paspor ditahan", **body})
    assert response.status_code == 201, response.content
    return response.json()["id"]


# Events


def test_an_event_is_recorded_and_listed_with_its_acts(client, scene):
    event_id = _event_id(
        client,
        scene,
        title="Paspor ditahan majikan",
        occurred_on="2024-03-01",
        date_precision="month",
        place="Kuala Lumpur",
        country="MY",
    )
    act = _post(
        client,
        scene.url(f"{event_id}/acts/"),
        {
            "rights_violated": ["freedom_of_movement"],
            "victim_ids": [scene.victim_id],
            "perpetrator_ids": [scene.perpetrator_id],
        },
    )
    assert act.status_code == 201, act.content
    [event] = client.get(scene.url()).json()
    assert (event["title"], event["occurred_on"], event["date_precision"]) == (
        "Paspor ditahan majikan",
        "2024-03-01",
        "month",
    )
    [listed] = event["acts"]
    assert listed["rights_violated"] == ["freedom_of_movement"]
    assert [p["display_name"] for p in listed["victims"]] == ["Rina"]
    assert [p["display_name"] for p in listed["perpetrators"]] == ["Majikan"]


def test_an_event_without_a_date_is_listed_with_an_unknown_date(client, scene):
    _event_id(client, scene, date_precision="day")
    [event] = client.get(scene.url()).json()
    assert (event["occurred_on"], event["date_precision"]) == (None, "unknown")


def test_the_list_is_dated_events_ascending_then_undated_ones(client, scene):
    _event_id(client, scene, description="Tanpa tanggal")
    _event_id(client, scene, description="Maret", occurred_on="2024-03-01")
    _event_id(client, scene, description="Januari", occurred_on="2024-01-01")
    listed = [e["description"] for e in client.get(scene.url()).json()]
    assert listed == ["Januari", "Maret", "Tanpa tanggal"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"occurred_on": (timezone.localdate() + timedelta(days=2)).isoformat()}, "occurred_on"),
        ({"occurred_on": "2024-05-01", "occurred_until": "2024-04-01"}, "occurred_until"),
        ({"occurred_until": "2024-04-01"}, "occurred_until"),
        ({"date_precision": "decade"}, "date_precision"),
        ({"country": "Malaysia"}, "country"),
        ({"description": ""}, "description"),
        ({"occurred_on": "2024-02-30"}, "occurred_on"),
    ],
    ids=[
        "future",
        "ends-before-start",
        "end-without-start",
        "unknown-precision",
        "bad-country",
        "no-description",
        "no-such-day",
    ],
)
def test_a_wrong_event_is_400_naming_the_field_and_writes_nothing(client, scene, body, field):
    before = scene.rows()
    _error(_post(client, scene.url(), {"description": "Terjadi", **body}), 400, field=field)
    assert scene.rows() == before


def test_a_form_encoded_event_is_415_and_writes_nothing(client, scene):
    before = scene.rows()
    _error(client.post(scene.url(), {"description": "Terjadi"}), 415)
    assert scene.rows() == before


@pytest.mark.parametrize("role", [Role.RECEPTIONIST, Role.CASE_LAWYER])
def test_staff_not_assigned_get_403_recording_an_event_and_nothing_is_written(client, scene, role):
    client.force_login(scene.org.users[role])
    before = scene.rows()
    _error(_post(client, scene.url(), {"description": "Terjadi"}), 403, code="role_not_allowed")
    assert scene.rows() == before


def test_an_analyst_reads_no_chronology(client, scene):
    client.force_login(scene.org.users[Role.ANALYST])
    _error(client.get(scene.url()), 403)


# Acts


def test_an_act_without_perpetrators_is_listed_with_none(client, scene):
    event_id = _event_id(client, scene)
    response = _post(
        client,
        scene.url(f"{event_id}/acts/"),
        {"rights_violated": ["right_to_fair_wages"], "victim_ids": [scene.victim_id]},
    )
    assert response.status_code == 201, response.content
    assert response.json()["perpetrators"] == []


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"rights_violated": ["right_to_fly"]}, "rights_violated", "unknown_code"),
        ({"rights_violated": ["right_to_work"], "legal_basis": ["uu_0_0"]}, "legal_basis", None),
        ({"description": ""}, "rights_violated", None),
        ({"rights_violated": ["right_to_work"], "victim_ids": ["perp"]}, "victim_ids", None),
        (
            {"rights_violated": ["right_to_work"], "perpetrator_ids": ["victim"]},
            "perpetrator_ids",
            None,
        ),
    ],
    ids=[
        "unknown-right",
        "unknown-legal-basis",
        "no-right-no-description",
        "perpetrator-as-victim",
        "victim-as-perpetrator",
    ],
)
def test_a_wrong_act_is_400_naming_the_field_and_writes_nothing(client, scene, body, field, code):
    ids = {"perp": scene.perpetrator_id, "victim": scene.victim_id}
    for key in ("victim_ids", "perpetrator_ids"):
        if key in body:
            body = {**body, key: [ids[v] for v in body[key]]}
    event_id = _event_id(client, scene)
    before = scene.rows()
    _error(_post(client, scene.url(f"{event_id}/acts/"), body), 400, field=field, code=code)
    assert scene.rows() == before


def test_an_act_on_an_event_of_another_case_is_404_and_writes_nothing(client, scene):
    a = scene.org.organisation
    with in_schema(a):
        other = case_register(actor=actor(a, Role.DIVISION_HEAD), title="Lain")
        foreign = event_record(
            actor=actor(a, Role.DIVISION_HEAD), case=other, data=EventData(description="Lain")
        )
    before = scene.rows()
    _error(
        _post(client, scene.url(f"{foreign.pk}/acts/"), {"rights_violated": ["right_to_work"]}),
        404,
    )
    assert scene.rows() == before


def test_staff_not_assigned_get_403_recording_an_act_and_nothing_is_written(client, scene):
    event_id = _event_id(client, scene)
    client.force_login(scene.org.users[Role.RECEPTIONIST])
    before = scene.rows()
    response = _post(client, scene.url(f"{event_id}/acts/"), {"rights_violated": ["right_to_work"]})
    _error(response, 403, code="role_not_allowed")
    assert scene.rows() == before


# Query count


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured.captured_queries), len(response.json())


def test_the_event_list_runs_as_many_queries_for_12_events_as_for_2(client, scene):
    scene.record(2)
    client.get(scene.url())  # warm what a first request caches
    few = _queries(client, scene.url())
    scene.record(10, start=date(2021, 1, 1))
    many = _queries(client, scene.url())
    assert (few[1], many[1]) == (2, 12)
    assert few[0] == many[0], f"{few[0]} queries for 2 events, {many[0]} for 12"


def test_the_scene_records_acts_with_both_people(scene):
    scene.record(1)
    with in_schema(scene.org.organisation):
        act = Act.objects.get()
        assert act.event.case_id == scene.case_id
        assert Case.objects.get(pk=scene.case_id).events.count() == 1
        assert [p.pk for p in act.victims.all()] == [scene.victim_id]
        assert [p.pk for p in act.perpetrators.all()] == [scene.perpetrator_id]
