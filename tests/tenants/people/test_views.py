"""Staff pages for people: a person's page and its edit form (version-checked), adding a person
to a case from the case page, and recording a placement."""

from __future__ import annotations

from dataclasses import dataclass
from html import unescape

import pytest

from hub.accounts.roles import Role
from hub.core.models import AuditEvent
from tenants.cases.models import Case, CasePerson, PersonRole
from tenants.cases.registration import Intake, case_register
from tenants.people.models import Person, Placement
from tenants.people.services import (
    CaseRoleData,
    PersonData,
    PlacementData,
    person_add_to_case,
    person_update,
    placement_add,
    relation_add,
)
from tests.builders import actor, in_schema


@dataclass(frozen=True)
class Scene:
    org: object
    case_id: int
    person_id: int  # the client "Siti Aminah"

    def page(self, path: str) -> str:
        return f"/org/{self.org.organisation.slug}/{path}"

    def person(self) -> Person:
        with in_schema(self.org.organisation):
            return Person.objects.get(pk=self.person_id)

    def rows(self):
        with in_schema(self.org.organisation):
            return (
                list(Person.objects.order_by("id").values_list("id", "display_name", "version")),
                list(CasePerson.objects.order_by("id").values_list("person_id", "role")),
                Placement.objects.count(),
                AuditEvent.objects.count(),
            )


@pytest.fixture
def scene(client, org_a) -> Scene:
    a = org_a.organisation
    with in_schema(a):
        case = case_register(
            actor=actor(a, Role.RECEPTIONIST),
            title="Paspor ditahan",
            complainant=PersonData(
                display_name="Siti Aminah", phone="081234567890", domicile="Indramayu"
            ),
        )
        person_id = case.roles.get().person_id
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    return Scene(org_a, case.pk, person_id)


def _text(response) -> str:
    return unescape(response.content.decode())


def _edit_form(person: Person, **overrides) -> dict:
    """The edit form as the browser sends it: every field, as the page filled it in."""
    form = {
        "version": person.version,
        "display_name": person.display_name,
        "name_variants": "\n".join(person.name_variants),
        "gender": person.gender,
        "birth_date": person.birth_date.isoformat() if person.birth_date else "",
        "age": "" if person.age is None else person.age,
        "phone": person.phone,
        "safe_contact": person.safe_contact,
        "domicile": person.domicile,
        "occupation": person.occupation,
        "education": person.education,
        "income_band": person.income_band,
        "disabilities": list(person.disabilities),
        "language": person.language,
        "nik": person.nik,
        "passport_number": person.passport_number,
        "passport_holder": person.passport_holder,
    }
    if person.needs_interpreter:
        form["needs_interpreter"] = "on"
    return {**form, **overrides}


# A person's page


def test_the_person_page_shows_their_cases_placements_and_relations(client, scene):
    a = scene.org.organisation
    head = actor(a, Role.DIVISION_HEAD)
    with in_schema(a):
        placement_add(
            actor=head,
            person_id=scene.person_id,
            data=PlacementData(destination_country="MY", agency_name="PT Maju Jaya"),
        )
        brother = person_add_to_case(
            actor=head,
            case_id=scene.case_id,
            link=CaseRoleData(role="witness"),
            person=PersonData(display_name="Ahmad Karim"),
        ).person
        relation_add(actor=head, person_id=scene.person_id, kind="sibling", other_id=brother.pk)
        number = Case.objects.get(pk=scene.case_id).number
    page = client.get(scene.page(f"people/{scene.person_id}/"))
    assert page.status_code == 200
    text = _text(page)
    for shown in ("Siti Aminah", number, "PT Maju Jaya", "Ahmad Karim", "Saudara kandung dari"):
        assert shown in text, shown


@pytest.mark.parametrize(
    ("role", "editable"), [(Role.DIVISION_HEAD, True), (Role.RECEPTIONIST, False)]
)
def test_the_edit_form_is_offered_only_to_who_may_edit(client, scene, role, editable):
    client.force_login(scene.org.users[role])
    page = client.get(scene.page(f"people/{scene.person_id}/"))
    assert page.status_code == 200
    assert ('name="version"' in page.content.decode()) is editable


def test_a_person_of_a_restricted_case_is_404_to_unassigned_staff(client, scene):
    a = scene.org.organisation
    with in_schema(a):
        hidden = case_register(
            actor=actor(a, Role.DIVISION_HEAD),
            title="Kasus anak",
            complainant=PersonData(display_name="Anak"),
            intake=Intake(restricted=True),
        )
        hidden_id = hidden.roles.get().person_id
    client.force_login(scene.org.users[Role.CASE_LAWYER])
    assert client.get(scene.page(f"people/{hidden_id}/")).status_code == 404


def _also_in_a_restricted_case(scene) -> str:
    """The client is also family of a child in a restricted case; returns that case's number."""
    a = scene.org.organisation
    head = actor(a, Role.DIVISION_HEAD)
    with in_schema(a):
        hidden = case_register(
            actor=head,
            title="Kasus anak",
            complainant=PersonData(display_name="Anak Rahasia"),
            intake=Intake(restricted=True),
        )
        child = hidden.roles.get().person
        CasePerson.objects.create(
            case=hidden, person_id=scene.person_id, role=PersonRole.FAMILY_MEMBER
        )
        relation_add(actor=head, person_id=scene.person_id, kind="parent", other_id=child.pk)
        return hidden.number


def test_the_person_page_hides_restricted_cases_the_viewer_may_not_open(client, scene):
    number = _also_in_a_restricted_case(scene)
    client.force_login(scene.org.users[Role.CASE_LAWYER])
    page = client.get(scene.page(f"people/{scene.person_id}/"))
    assert page.status_code == 200
    assert number not in _text(page)


def test_the_person_page_hides_relations_to_people_the_viewer_may_not_see(client, scene):
    _also_in_a_restricted_case(scene)
    client.force_login(scene.org.users[Role.CASE_LAWYER])
    page = client.get(scene.page(f"people/{scene.person_id}/"))
    assert page.status_code == 200
    assert "Anak Rahasia" not in _text(page)


def test_saving_the_edit_form_updates_the_person_and_returns_to_the_page(client, scene):
    person = scene.person()
    response = client.post(
        scene.page(f"people/{person.pk}/"),
        _edit_form(person, display_name="Siti Aminah binti Karim", name_variants="Siti\nAminah"),
    )
    assert response.status_code == 302
    assert response["Location"] == scene.page(f"people/{person.pk}/")
    saved = scene.person()
    assert (saved.display_name, saved.name_variants, saved.version) == (
        "Siti Aminah binti Karim",
        ["Siti", "Aminah"],
        2,
    )
    assert (saved.phone, saved.domicile) == ("081234567890", "Indramayu")


def test_a_stale_edit_form_says_so_in_indonesian_and_overwrites_nothing(client, scene):
    opened = scene.person()
    with in_schema(scene.org.organisation):
        person_update(
            actor=actor(scene.org.organisation, Role.DIVISION_HEAD),
            person_id=opened.pk,
            version=1,
            changes={"domicile": "Cirebon"},
        )
    before = scene.rows()
    response = client.post(
        scene.page(f"people/{opened.pk}/"), _edit_form(opened, display_name="Sri")
    )
    assert response.status_code == 400
    assert "Orang lain sudah menyimpan data orang ini" in _text(response)
    assert scene.rows() == before
    assert scene.person().domicile == "Cirebon"


def test_an_invalid_nik_on_the_edit_form_is_400_and_changes_nothing(client, scene):
    person = scene.person()
    before = scene.rows()
    response = client.post(scene.page(f"people/{person.pk}/"), _edit_form(person, nik="12345"))
    assert response.status_code == 400
    assert scene.rows() == before


def test_a_receptionist_posting_the_edit_form_gets_403_and_nothing_changes(client, scene):
    person = scene.person()
    client.force_login(scene.org.users[Role.RECEPTIONIST])
    before = scene.rows()
    response = client.post(scene.page(f"people/{person.pk}/"), _edit_form(person, display_name="X"))
    assert response.status_code == 403
    assert scene.rows() == before


# Adding a person to the case from the case page


def _add(client, scene, **form):
    return client.post(scene.page(f"cases/{scene.case_id}/people/add/"), form, follow=True)


def test_the_case_page_offers_the_add_form_only_to_who_may_add(client, scene):
    add_url = f'action="{scene.page(f"cases/{scene.case_id}/people/add/")}"'
    assert add_url in client.get(scene.page(f"cases/{scene.case_id}/")).content.decode()
    client.force_login(scene.org.users[Role.RECEPTIONIST])
    assert add_url not in client.get(scene.page(f"cases/{scene.case_id}/")).content.decode()


def test_the_kabid_adds_a_new_victim_from_the_case_page(client, scene):
    response = _add(
        client,
        scene,
        role="victim",
        display_name="Rina",
        gender="female",
        age="19",
        occupation="domestic_worker",
        legal_status="undocumented",
    )
    assert response.redirect_chain[-1][0] == scene.page(f"cases/{scene.case_id}/")
    assert "Orang ditambahkan ke kasus." in _text(response)
    with in_schema(scene.org.organisation):
        link = CasePerson.objects.get(role="victim")
        assert (link.person.display_name, link.person.age, link.legal_status) == (
            "Rina",
            19,
            "undocumented",
        )


def test_a_person_picked_from_the_list_is_linked_not_copied(client, scene):
    _add(client, scene, role="victim", person_id=str(scene.person_id), display_name="ignored")
    with in_schema(scene.org.organisation):
        assert Person.objects.count() == 1
        assert sorted(CasePerson.objects.values_list("role", flat=True)) == [
            "complainant",
            "victim",
        ]


def test_an_unknown_perpetrator_is_added_from_the_case_page(client, scene):
    response = _add(client, scene, role="perpetrator", perpetrator_type="recruiter")
    assert "Orang ditambahkan ke kasus." in _text(response)
    assert "tidak diketahui" in _text(response).lower()
    with in_schema(scene.org.organisation):
        link = CasePerson.objects.get(role="perpetrator")
        assert (link.person.display_name, link.perpetrator_type) == ("", "recruiter")


def test_a_victim_without_a_name_is_refused_with_the_reason_and_nothing_is_written(client, scene):
    before = scene.rows()
    response = _add(client, scene, role="victim", display_name="")
    assert "Nama wajib diisi (hanya pelaku yang boleh tidak diketahui)." in _text(response)
    assert scene.rows() == before


def test_a_receptionist_is_refused_with_the_reason_and_nothing_is_written(client, scene):
    client.force_login(scene.org.users[Role.RECEPTIONIST])
    before = scene.rows()
    response = _add(client, scene, role="victim", display_name="Rina")
    assert "Hanya staf yang ditugaskan pada kasus ini yang dapat menambahkan orang." in _text(
        response
    )
    assert scene.rows() == before


def test_an_unknown_occupation_on_the_add_form_is_refused_and_nothing_is_written(client, scene):
    before = scene.rows()
    response = _add(client, scene, role="victim", display_name="Rina", occupation="astronaut")
    assert "Periksa data orang tersebut." in _text(response)
    assert scene.rows() == before


# Placements from the person page


def test_a_placement_is_recorded_from_the_person_page(client, scene):
    response = client.post(
        scene.page(f"people/{scene.person_id}/placements/add/"),
        {"destination_country": "HK", "agency_name": "PT Sejahtera", "departed_on": "2022-03-01"},
        follow=True,
    )
    assert "Penempatan tercatat." in _text(response)
    assert "PT Sejahtera" in _text(response)
    with in_schema(scene.org.organisation):
        assert list(Placement.objects.values_list("destination_country", flat=True)) == ["HK"]


def test_a_placement_returning_before_departure_is_refused_from_the_page(client, scene):
    before = scene.rows()
    response = client.post(
        scene.page(f"people/{scene.person_id}/placements/add/"),
        {"destination_country": "HK", "departed_on": "2022-03-01", "returned_on": "2021-01-01"},
        follow=True,
    )
    assert "Tanggal kepulangan tidak boleh sebelum keberangkatan." in _text(response)
    assert scene.rows() == before


def test_the_person_page_records_a_relation_and_work_abroad(client, scene):
    org = scene.org
    with in_schema(org.organisation):
        father = person_add_to_case(
            actor=actor(org.organisation, Role.DIVISION_HEAD),
            case_id=scene.case_id,
            link=CaseRoleData(role=PersonRole.PERPETRATOR, perpetrator_type="family_member"),
            person=PersonData(display_name="Karta"),
        ).person
    client.force_login(org.users[Role.DIVISION_HEAD])
    client.post(
        scene.page(f"people/{father.pk}/relations/add/"),
        {"kind": "parent", "other_id": scene.person_id, "note": "Ayah kandung"},
    )
    client.post(
        scene.page(f"people/{scene.person_id}/placements/add/"),
        {"destination_country": "MY", "agency_name": "PT Maju Jaya", "procedural": "false"},
    )
    page = client.get(scene.page(f"people/{father.pk}/")).content.decode()
    assert "Siti Aminah" in page and "Ayah kandung" in page
    with in_schema(org.organisation):
        placement = Placement.objects.get(person_id=scene.person_id)
    assert (placement.agency_name, placement.procedural) == ("PT Maju Jaya", False)


def test_a_relation_with_an_unknown_kind_is_refused_with_a_message_and_writes_nothing(
    client, scene
):
    client.force_login(scene.org.users[Role.DIVISION_HEAD])
    before = scene.rows()
    response = client.post(
        scene.page(f"people/{scene.person_id}/relations/add/"),
        {"kind": "enemy_of", "other_id": scene.person_id},
        follow=True,
    )
    assert response.status_code == 200
    assert scene.rows() == before


def test_a_group_is_added_to_a_case_from_the_case_page(client, scene):
    client.force_login(scene.org.users[Role.DIVISION_HEAD])
    client.post(
        scene.page(f"cases/{scene.case_id}/people/add/"),
        {
            "display_name": "Serikat Buruh Migran Desa Juntinyuat",
            "is_group": "on",
            "role": "applicant",
        },
    )
    with in_schema(scene.org.organisation):
        group = Person.objects.get(display_name__startswith="Serikat")
    assert group.is_group
