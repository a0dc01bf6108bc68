"""Staff pages of the chronology: reading it in time order, recording an event and an act from
the page; refusals come back as a message and write nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from html import unescape

import pytest
from django.utils import timezone

from hub.accounts.roles import Role
from tenants.cases.models import CasePerson, PersonRole
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

    def page(self, path: str = "") -> str:
        return f"/org/{self.org.organisation.slug}/cases/{self.case_id}/{path}"

    def rows(self):
        with in_schema(self.org.organisation):
            return (
                list(Event.objects.values_list("id", "description")),
                list(Act.objects.values_list("id", "rights_violated")),
            )

    def event(self, **data) -> Event:
        a = self.org.organisation
        with in_schema(a):
            return event_record(
                actor=actor(a, Role.DIVISION_HEAD),
                case=self.case_id,
                data=EventData(**{"description": "Terjadi", **data}),
            )

    def act(self, event: Event, **data) -> Act:
        a = self.org.organisation
        with in_schema(a):
            return act_record(
                actor=actor(a, Role.DIVISION_HEAD),
                case_id=self.case_id,
                event_id=event.pk,
                data=ActData(**data),
            )


@pytest.fixture
def scene(client, org_a) -> Scene:
    a = org_a.organisation
    with in_schema(a):
        case = case_register(actor=actor(a, Role.RECEPTIONIST), title="Paspor ditahan")
        ids = {}
        for name, role in (("Rina Korban", PersonRole.VICTIM), ("Tuan Majikan", "perpetrator")):
            person = Person.objects.create(display_name=name)
            CasePerson.objects.create(case=case, person=person, role=role)
            ids[role] = person.pk
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    return Scene(org_a, case.pk, ids[PersonRole.VICTIM], ids[PersonRole.PERPETRATOR])


def _text(response) -> str:
    return unescape(response.content.decode())


# Reading the chronology


def test_the_chronology_shows_events_in_time_order_with_undated_ones_last(client, scene):
    scene.event(description="Tanpa tanggal")
    scene.event(description="Bulan Maret", occurred_on=date(2024, 3, 1))
    scene.event(description="Bulan Januari", occurred_on=date(2024, 1, 1))
    text = _text(client.get(scene.page("chronology/")))
    positions = [text.index(d) for d in ("Bulan Januari", "Bulan Maret", "Tanpa tanggal")]
    assert positions == sorted(positions)
    assert "tanggal tidak diketahui" in text


def test_an_act_without_perpetrator_shows_the_perpetrator_as_unknown(client, scene):
    event = scene.event(description="Gaji ditahan", occurred_on=date(2024, 3, 1))
    scene.act(event, rights_violated=("right_to_fair_wages",), victim_ids=(scene.victim_id,))
    text = _text(client.get(scene.page("chronology/")))
    assert "<strong>Pelaku:</strong> tidak diketahui" in text
    assert "Rina Korban" in text


def test_an_act_with_a_perpetrator_names_them(client, scene):
    event = scene.event(description="Gaji ditahan", occurred_on=date(2024, 3, 1))
    scene.act(
        event,
        rights_violated=("right_to_fair_wages",),
        victim_ids=(scene.victim_id,),
        perpetrator_ids=(scene.perpetrator_id,),
    )
    text = _text(client.get(scene.page("chronology/")))
    assert "<strong>Pelaku:</strong> Tuan Majikan" in text
    assert "Hak atas upah yang adil dan layak" in text


def test_a_month_precise_event_shows_only_its_month(client, scene):
    scene.event(description="Sekitar Maret", occurred_on=date(2024, 3, 17), date_precision="month")
    text = _text(client.get(scene.page("chronology/")))
    assert "Maret 2024" in text
    assert "17 Mar 2024" not in text


@pytest.mark.parametrize(
    ("role", "offered"), [(Role.DIVISION_HEAD, True), (Role.RECEPTIONIST, False)]
)
def test_the_event_form_is_offered_only_to_who_may_record(client, scene, role, offered):
    client.force_login(scene.org.users[role])
    page = client.get(scene.page("chronology/"))
    assert page.status_code == 200
    assert ("Catat peristiwa" in _text(page)) is offered


# Recording from the page


def test_an_event_recorded_from_the_page_returns_to_the_chronology(client, scene):
    response = client.post(
        scene.page("events/add/"),
        {
            "title": "Paspor ditahan",
            "occurred_on": "2024-03-01",
            "date_precision": "month",
            "place": "Kuala Lumpur",
            "country": "MY",
            "description": "Majikan menyimpan paspor.",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == scene.page("chronology/")
    assert "Peristiwa tercatat." in _text(response)
    with in_schema(scene.org.organisation):
        event = Event.objects.get()
    assert (event.occurred_on, event.date_precision, event.place) == (
        date(2024, 3, 1),
        "month",
        "Kuala Lumpur",
    )


def test_an_event_without_a_precision_from_the_page_is_day_precise(client, scene):
    client.post(scene.page("events/add/"), {"occurred_on": "2024-03-01", "description": "X"})
    with in_schema(scene.org.organisation):
        assert Event.objects.get().date_precision == "day"


def test_a_future_event_from_the_page_is_refused_with_the_reason(client, scene):
    before = scene.rows()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        scene.page("events/add/"), {"occurred_on": tomorrow, "description": "X"}, follow=True
    )
    assert "Peristiwa tidak mungkin terjadi di masa depan." in _text(response)
    assert scene.rows() == before


def test_an_invalid_event_form_names_the_field_in_its_message(client, scene):
    response = client.post(
        scene.page("events/add/"), {"occurred_on": "2024-02-30", "description": "X"}, follow=True
    )
    text = _text(response)
    assert "Periksa isian peristiwa." in text
    assert "None:" not in text


def test_a_receptionist_cannot_record_an_event_from_the_page(client, scene):
    client.force_login(scene.org.users[Role.RECEPTIONIST])
    before = scene.rows()
    response = client.post(scene.page("events/add/"), {"description": "X"}, follow=True)
    assert "Hanya staf yang ditugaskan pada kasus ini yang dapat mencatat peristiwanya" in _text(
        response
    )
    assert scene.rows() == before


def test_an_act_recorded_from_the_page_keeps_its_codes_and_people(client, scene):
    event = scene.event(description="Gaji ditahan", occurred_on=date(2024, 3, 1))
    response = client.post(
        scene.page(f"events/{event.pk}/acts/add/"),
        {
            "rights_violated": ["right_to_fair_wages", "just_conditions_of_work"],
            "legal_basis": ["uu_18_2017_ppmi"],
            "victim_ids": [str(scene.victim_id)],
            "perpetrator_ids": [str(scene.perpetrator_id)],
            "description": "Gaji 5 bulan tidak dibayar",
        },
        follow=True,
    )
    assert "Tindakan tercatat." in _text(response)
    with in_schema(scene.org.organisation):
        act = Act.objects.get()
        assert act.rights_violated == ["right_to_fair_wages", "just_conditions_of_work"]
        assert [p.pk for p in act.victims.all()] == [scene.victim_id]
        assert [p.pk for p in act.perpetrators.all()] == [scene.perpetrator_id]


def test_a_victim_ticked_as_perpetrator_on_the_page_is_refused(client, scene):
    event = scene.event()
    before = scene.rows()
    response = client.post(
        scene.page(f"events/{event.pk}/acts/add/"),
        {"rights_violated": ["right_to_work"], "perpetrator_ids": [str(scene.victim_id)]},
        follow=True,
    )
    assert "Periksa isian tindakan." in _text(response)
    assert scene.rows() == before


def test_an_act_with_neither_right_nor_description_is_refused_from_the_page(client, scene):
    event = scene.event()
    before = scene.rows()
    response = client.post(scene.page(f"events/{event.pk}/acts/add/"), {}, follow=True)
    assert "Sebutkan hak yang dilanggar atau uraikan tindakannya." in _text(response)
    assert scene.rows() == before
