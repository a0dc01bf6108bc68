"""Every staff page answers each role as the policy table says (200, or the refusal page), and
the pages that list rows run as many queries for many rows as for a few."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub.accounts.roles import ORGANISATION_ROLES, Role
from tenants.cases.assignments import case_take
from tenants.cases.models import Case, CasePerson, PersonRole
from tenants.cases.registration import Intake, case_register
from tenants.cases.services import assignment_add
from tenants.events.services import ActData, EventData, act_record, event_record
from tenants.people.models import Person
from tenants.people.services import PersonData
from tests.builders import actor, in_schema

ROLES = sorted(ORGANISATION_ROLES)
EVERYONE = set(ROLES)
CASE_STAFF = EVERYONE - {Role.ANALYST}
REGISTRARS = {Role.RECEPTIONIST, Role.OFFICE_ADMIN, Role.DIVISION_HEAD, Role.PARALEGAL}


@dataclass
class Scene:
    org: object
    case_id: int
    person_id: int
    grown: int = 0

    def page(self, path: str = "") -> str:
        return f"/org/{self.org.organisation.slug}/{path}"

    def head(self):
        return actor(self.org.organisation, Role.DIVISION_HEAD)


@pytest.fixture
def scene(org_a) -> Scene:
    """A case taken by the consultation lawyer, with a case assistant appointed and a client."""
    a = org_a.organisation
    with in_schema(a):
        case = case_register(
            actor=actor(a, Role.RECEPTIONIST),
            title="Kasus halaman",
            complainant=PersonData(display_name="Siti Aminah"),
        )
        lawyer = org_a.users[Role.CONSULTATION_LAWYER]
        case_take(actor=actor(a, Role.CONSULTATION_LAWYER, user=lawyer), case_id=case.pk)
        assistant = org_a.users[Role.CASE_ASSISTANT]
        assignment_add(
            case=case,
            user_id=assistant.pk,
            user_label=assistant.email,
            role=Role.CASE_ASSISTANT,
            by=actor(a, Role.DIVISION_HEAD),
        )
        person_id = case.roles.get().person_id
    return Scene(org_a, case.pk, person_id)


# Who sees which page

PAGES = {
    "home": ("", EVERYONE),
    "register": ("register/", REGISTRARS),
    "decisions": ("decisions/", {Role.DIVISION_HEAD}),
    "case": ("cases/{case}/", CASE_STAFF),
    # The Kabid, and the lawyer who owns the case (the consultation lawyer took it); an
    # assistant appointed to the case does not edit its general data.
    "case-edit": ("cases/{case}/edit/", {Role.DIVISION_HEAD, Role.CONSULTATION_LAWYER}),
    "chronology": ("cases/{case}/chronology/", CASE_STAFF),
    "person": ("people/{person}/", CASE_STAFF),
}


def _path(scene, name) -> str:
    return scene.page(PAGES[name][0].format(case=scene.case_id, person=scene.person_id))


@pytest.mark.parametrize("name", list(PAGES))
def test_every_staff_page_answers_each_role_as_the_policy_says(client, scene, name):
    url = _path(scene, name)
    expected = {role: 200 if role in PAGES[name][1] else 403 for role in ROLES}
    answered = {}
    for role in ROLES:
        client.force_login(scene.org.users[role])
        response = client.get(url)
        answered[role] = response.status_code
        if response.status_code == 403:
            assert 'role="alert"' in response.content.decode(), (role, "no reason shown")
    assert answered == expected


@pytest.mark.parametrize("name", list(PAGES))
def test_every_staff_page_sends_an_anonymous_visitor_to_the_login(client, scene, name):
    response = client.get(_path(scene, name))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_analyst_home_page_says_it_shows_figures_only(client, scene):
    client.force_login(scene.org.users[Role.ANALYST])
    page = client.get(scene.page())
    assert "Peran Anda hanya melihat angka agregat, bukan catatan kasus." in page.content.decode()


def test_the_pages_of_a_restricted_case_are_404_to_staff_not_assigned_to_it(client, org_a):
    a = org_a.organisation
    with in_schema(a):
        case = case_register(
            actor=actor(a, Role.RECEPTIONIST),
            title="Kasus anak",
            complainant=PersonData(display_name="Anak"),
            intake=Intake(restricted=True),
        )
        person_id = case.roles.get().person_id
    scene = Scene(org_a, case.pk, person_id)
    pages = ["case", "case-edit", "chronology", "person"]
    client.force_login(org_a.users[Role.CASE_LAWYER])
    assert {n: client.get(_path(scene, n)).status_code for n in pages} == dict.fromkeys(pages, 404)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    assert {n: client.get(_path(scene, n)).status_code for n in pages} == dict.fromkeys(pages, 200)


def test_a_missing_case_or_person_is_404_on_every_page(client, scene):
    client.force_login(scene.org.users[Role.DIVISION_HEAD])
    for path in (
        "cases/999999/",
        "cases/999999/edit/",
        "cases/999999/chronology/",
        "people/999999/",
    ):
        assert client.get(scene.page(path)).status_code == 404, path


# Query counts: no query per row


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries), response.content.decode()


def _grow_cases(scene, count: int) -> None:
    with in_schema(scene.org.organisation):
        Case.objects.bulk_create(
            Case(number=f"MASSAL/{scene.grown + i:04d}", title=f"Kasus massal {scene.grown + i}")
            for i in range(count)
        )
    scene.grown += count


def _grow_people_and_events(scene, count: int) -> None:
    """`count` more people (victims and perpetrators, coded) and events with an act each."""
    with in_schema(scene.org.organisation):
        case = Case.objects.get(pk=scene.case_id)
        for i in range(count):
            n = scene.grown + i
            victim = Person.objects.create(
                display_name=f"Korban {n}", occupation="domestic_worker", gender="female"
            )
            perpetrator = Person.objects.create(display_name=f"Pelaku {n}")
            CasePerson.objects.create(
                case=case, person=victim, role=PersonRole.VICTIM, legal_status="undocumented"
            )
            CasePerson.objects.create(
                case=case,
                person=perpetrator,
                role=PersonRole.PERPETRATOR,
                perpetrator_type="employer",
                willingness="unwilling",
            )
            event = event_record(
                actor=scene.head(),
                case=case,
                data=EventData(
                    description=f"Peristiwa {n}",
                    occurred_on=date(2020, 1, 1) + timedelta(days=n),
                    place="Kuala Lumpur",
                ),
            )
            act_record(
                actor=scene.head(),
                case_id=case.pk,
                event_id=event.pk,
                data=ActData(
                    rights_violated=("right_to_fair_wages",),
                    legal_basis=("uu_18_2017_ppmi",),
                    victim_ids=(victim.pk,),
                    perpetrator_ids=(perpetrator.pk,) if n % 2 else (),
                ),
            )
    scene.grown += count


def _compare(client, scene, url, grow, marker, few: int, many: int) -> None:
    client.force_login(scene.org.users[Role.DIVISION_HEAD])
    counts = []
    for rows in (few, many - few):
        grow(scene, rows)
        if not counts:
            client.get(url)  # warm what a first request caches (vocabulary labels)
        queries, content = _queries(client, url)
        assert content.count(marker) >= scene.grown, (marker, scene.grown)
        counts.append(queries)
    assert counts[0] == counts[1], f"{counts[0]} queries for {few} rows, {counts[1]} for {many}"


def test_the_home_page_runs_as_many_queries_for_30_cases_as_for_3(client, scene):
    _compare(client, scene, scene.page(), _grow_cases, "Kasus massal", 3, 30)


def test_the_case_page_runs_as_many_queries_for_12_people_and_events_as_for_2(client, scene):
    url = _path(scene, "case")
    _compare(client, scene, url, _grow_people_and_events, "Peristiwa ", 2, 12)


def test_the_chronology_runs_as_many_queries_for_12_events_as_for_2(client, scene):
    url = _path(scene, "chronology")
    _compare(client, scene, url, _grow_people_and_events, "Peristiwa ", 2, 12)


def test_the_growers_write_what_the_pages_show(client, scene):
    _grow_people_and_events(scene, 2)
    client.force_login(scene.org.users[Role.DIVISION_HEAD])
    case_page = client.get(_path(scene, "case")).content.decode()
    chronology = client.get(_path(scene, "chronology")).content.decode()
    for shown in ("Korban 0", "Pelaku 1", "Peristiwa 0", "Peristiwa 1"):
        assert shown in case_page, shown
    assert "Pelaku 1" in chronology and "tidak diketahui" in chronology
