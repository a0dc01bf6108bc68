"""The people API: the picker, duplicate hints, a person and their edits, placements,
relations, and a case's people; refusals answer 4xx with the field named and write nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from hub.accounts.roles import Role
from hub.core.models import AuditEvent
from tenants.cases.models import CasePerson
from tenants.cases.registration import Intake, case_register
from tenants.cases.services import assignment_add
from tenants.people.models import Person, PersonRelation, Placement
from tenants.people.services import PersonData, relation_add
from tests.builders import actor, in_schema


@dataclass(frozen=True)
class Scene:
    org: object
    case_id: int
    person_id: int  # the client, "Siti Aminah", complainant of the case

    def url(self, path: str, **params) -> str:
        query = f"?{urlencode(params)}" if params else ""
        return f"/org/{self.org.organisation.slug}/api/v1/{path}{query}"

    def rows(self):
        with in_schema(self.org.organisation):
            return (
                Person.objects.count(),
                CasePerson.objects.count(),
                Placement.objects.count(),
                PersonRelation.objects.count(),
                AuditEvent.objects.count(),
                list(Person.objects.order_by("id").values_list("id", "display_name", "version")),
            )


@pytest.fixture
def scene(client, org_a) -> Scene:
    a = org_a.organisation
    with in_schema(a):
        case = case_register(
            actor=actor(a, Role.RECEPTIONIST),
            title="Gaji tidak dibayar",
            complainant=PersonData(display_name="Siti Aminah", phone="+62 812-3456-7890"),
        )
        person_id = case.roles.get().person_id
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    return Scene(org_a, case.pk, person_id)


def _error(response, status: int, *, field: str | None = None, code: str | None = None):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["message"]
    if field is not None:
        assert field in error["fields"], error
    if code is not None:
        assert error["code"] == code, error
    return error


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def _patch(client, url, body):
    return client.patch(url, body, content_type="application/json")


def _add_to_case(client, scene, body):
    return _post(client, scene.url(f"cases/{scene.case_id}/people/"), body)


def _login(client, org, role):
    client.force_login(org.users[role])


# The picker and duplicate hints


def test_the_people_list_without_a_search_is_newest_first(client, scene):
    _add_to_case(client, scene, {"person": {"display_name": "Budi Santoso"}, "role": "witness"})
    response = client.get(scene.url("people/"))
    assert response.status_code == 200, response.content
    assert [p["display_name"] for p in response.json()["results"]] == [
        "Budi Santoso",
        "Siti Aminah",
    ]


def test_the_people_list_searched_by_name_finds_the_person(client, scene):
    _add_to_case(client, scene, {"person": {"display_name": "Budi Santoso"}, "role": "witness"})
    found = client.get(scene.url("people/", q="aminah")).json()["results"]
    assert [p["id"] for p in found] == [scene.person_id]


def test_duplicate_hints_match_a_phone_written_differently(client, scene):
    hints = client.get(scene.url("people/duplicates/", phone="081234567890"))
    assert hints.status_code == 200, hints.content
    assert [p["id"] for p in hints.json()] == [scene.person_id]


def test_duplicate_hints_with_a_malformed_nik_are_400_naming_nik(client, scene):
    _error(client.get(scene.url("people/duplicates/", nik="12ab")), 400, field="nik")


# One person


def test_a_person_reads_with_placements_and_relations(client, scene):
    other = _add_to_case(client, scene, {"person": {"display_name": "Rina"}, "role": "witness"})
    other_id = other.json()["person"]["id"]
    _post(client, scene.url(f"people/{scene.person_id}/placements/"), {"destination_country": "MY"})
    _post(
        client,
        scene.url(f"people/{scene.person_id}/relations/"),
        {"kind": "sibling", "other_id": other_id},
    )
    person = client.get(scene.url(f"people/{scene.person_id}/")).json()
    assert (person["display_name"], person["version"]) == ("Siti Aminah", 1)
    assert [p["destination_country"] for p in person["placements"]] == ["MY"]
    assert [(r["kind"], r["other_id"], r["other_name"]) for r in person["relations"]] == [
        ("sibling", other_id, "Rina")
    ]


def test_a_person_read_leaves_out_relations_to_people_the_caller_may_not_see(client, scene):
    a = scene.org.organisation
    head = actor(a, Role.DIVISION_HEAD)
    with in_schema(a):
        hidden = case_register(
            actor=head,
            title="Kasus anak",
            complainant=PersonData(display_name="Anak Rahasia"),
            intake=Intake(restricted=True),
        )
        relation_add(
            actor=head,
            person_id=scene.person_id,
            kind="parent",
            other_id=hidden.roles.get().person_id,
        )
    _login(client, scene.org, Role.CASE_LAWYER)
    person = client.get(scene.url(f"people/{scene.person_id}/"))
    assert person.status_code == 200
    assert "Anak Rahasia" not in person.content.decode()


def test_a_patch_with_the_current_version_saves_and_returns_the_next_version(client, scene):
    response = _patch(
        client,
        scene.url(f"people/{scene.person_id}/"),
        {"version": 1, "domicile": "Indramayu", "name_variants": ["Siti binti Karim"]},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["domicile"], body["name_variants"], body["version"]) == (
        "Indramayu",
        ["Siti binti Karim"],
        2,
    )


def test_a_stale_patch_is_409_stale_version_and_changes_nothing(client, scene):
    url = scene.url(f"people/{scene.person_id}/")
    assert _patch(client, url, {"version": 1, "domicile": "Indramayu"}).status_code == 200
    before = scene.rows()
    _error(_patch(client, url, {"version": 1, "display_name": "Sri"}), 409, code="stale_version")
    assert scene.rows() == before


def test_a_patch_without_a_version_is_400_naming_version(client, scene):
    before = scene.rows()
    _error(
        _patch(client, scene.url(f"people/{scene.person_id}/"), {"display_name": "Sri"}),
        400,
        field="version",
    )
    assert scene.rows() == before


def test_a_form_encoded_patch_is_415_and_changes_nothing(client, scene):
    before = scene.rows()
    response = client.patch(
        scene.url(f"people/{scene.person_id}/"),
        "version=1&display_name=Sri",
        content_type="application/x-www-form-urlencoded",
    )
    _error(response, 415)
    assert scene.rows() == before


def test_a_receptionist_patch_is_403_and_changes_nothing(client, scene):
    _login(client, scene.org, Role.RECEPTIONIST)
    before = scene.rows()
    response = _patch(
        client, scene.url(f"people/{scene.person_id}/"), {"version": 1, "display_name": "Sri"}
    )
    _error(response, 403, code="role_not_allowed")
    assert scene.rows() == before


# Placements and relations


def test_a_placement_is_recorded(client, scene):
    response = _post(
        client,
        scene.url(f"people/{scene.person_id}/placements/"),
        {
            "destination_country": "MY",
            "destination_city": "Johor Bahru",
            "agency_name": "PT Maju Jaya",
            "procedural": False,
            "departed_on": "2023-01-10",
            "returned_on": "2024-02-01",
            "document_status": "overstaying",
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["document_status"] == "overstaying"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            {"destination_country": "MY", "departed_on": "2024-01-10", "returned_on": "2023-01-01"},
            "returned_on",
        ),
        ({"destination_country": "MY", "document_status": "lost"}, "document_status"),
        ({"destination_country": "Malaysia"}, "destination_country"),
    ],
)
def test_a_wrong_placement_is_400_naming_the_field_and_writes_nothing(client, scene, body, field):
    before = scene.rows()
    _error(
        _post(client, scene.url(f"people/{scene.person_id}/placements/"), body), 400, field=field
    )
    assert scene.rows() == before


def _other(client, scene) -> int:
    other = _add_to_case(client, scene, {"person": {"display_name": "Rina"}, "role": "witness"})
    return other.json()["person"]["id"]


def test_a_relation_is_recorded(client, scene):
    response = _post(
        client,
        scene.url(f"people/{scene.person_id}/relations/"),
        {"kind": "sibling", "other_id": _other(client, scene), "note": "kakak"},
    )
    assert response.status_code == 201, response.content
    assert (response.json()["kind"], response.json()["other_name"]) == ("sibling", "Rina")


def test_a_relation_to_oneself_is_400_naming_other_id(client, scene):
    before = scene.rows()
    response = _post(
        client,
        scene.url(f"people/{scene.person_id}/relations/"),
        {"kind": "sibling", "other_id": scene.person_id},
    )
    _error(response, 400, field="other_id")
    assert scene.rows() == before


def test_an_unknown_relation_kind_is_400_naming_kind(client, scene):
    other_id = _other(client, scene)
    before = scene.rows()
    response = _post(
        client,
        scene.url(f"people/{scene.person_id}/relations/"),
        {"kind": "nemesis", "other_id": other_id},
    )
    _error(response, 400, field="kind", code="unknown_code")
    assert scene.rows() == before


def test_the_same_relation_twice_is_409(client, scene):
    body = {"kind": "sibling", "other_id": _other(client, scene)}
    url = scene.url(f"people/{scene.person_id}/relations/")
    assert _post(client, url, body).status_code == 201
    before = scene.rows()
    _error(_post(client, url, body), 409)
    assert scene.rows() == before


# A case's people


def test_the_case_people_list_gives_each_link_in_the_order_added(client, scene):
    _add_to_case(
        client,
        scene,
        {"person": {}, "role": "perpetrator", "perpetrator_type": "recruiter"},
    )
    links = client.get(scene.url(f"cases/{scene.case_id}/people/")).json()
    assert [(link["person"]["display_name"], link["role"]) for link in links] == [
        ("Siti Aminah", "complainant"),
        ("", "perpetrator"),
    ]
    assert links[1]["perpetrator_type"] == "recruiter"


def test_a_new_victim_is_added_to_the_case(client, scene):
    response = _add_to_case(
        client,
        scene,
        {
            "person": {"display_name": "Rina", "gender": "female", "occupation": "domestic_worker"},
            "role": "victim",
            "legal_status": "undocumented",
            "willingness": "willing",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["role"], body["legal_status"], body["person"]["occupation"]) == (
        "victim",
        "undocumented",
        "domestic_worker",
    )


def test_a_person_picked_from_the_list_is_added_in_another_role(client, scene):
    response = _add_to_case(client, scene, {"person_id": scene.person_id, "role": "victim"})
    assert response.status_code == 201, response.content
    assert response.json()["person"]["id"] == scene.person_id


def test_an_unknown_perpetrator_is_added_with_an_empty_description(client, scene):
    response = _add_to_case(
        client, scene, {"person": {}, "role": "perpetrator", "perpetrator_type": "recruiter"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["person"]["display_name"] == ""


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"person": {"display_name": " "}, "role": "victim"}, "display_name"),
        ({"person": {}, "role": "witness"}, "display_name"),
        (
            {"person": {"display_name": "Rina"}, "role": "victim", "perpetrator_type": "employer"},
            "perpetrator_type",
        ),
        ({"person": {"display_name": "Rina"}, "person_id": 1, "role": "victim"}, "person"),
        ({"role": "victim"}, "person"),
        ({"person": {"display_name": "Rina"}, "role": "bystander"}, "role"),
        ({"person": {"display_name": "Rina", "nik": "1234"}, "role": "victim"}, "person.nik"),
        (
            {"person": {"display_name": "Rina", "birth_date": "2999-01-01"}, "role": "victim"},
            "birth_date",
        ),
    ],
    ids=[
        "blank-name-victim",
        "blank-name-witness",
        "perpetrator-type-on-victim",
        "picked-and-described",
        "neither",
        "unknown-role",
        "short-nik",
        "future-birth-date",
    ],
)
def test_a_refused_case_person_is_400_naming_the_field_and_writes_nothing(
    client, scene, body, field
):
    before = scene.rows()
    _error(_add_to_case(client, scene, body), 400, field=field)
    assert scene.rows() == before


@pytest.mark.parametrize(
    ("person", "link", "field"),
    [
        ({"occupation": "astronaut"}, {}, "occupation"),
        ({"education": "phd_in_nothing"}, {}, "education"),
        ({"income_band": "billions"}, {}, "income_band"),
        ({"disabilities": ["physical", "invisible"]}, {}, "disabilities"),
        ({}, {"legal_status": "royalty"}, "legal_status"),
        ({}, {"role": "perpetrator", "perpetrator_type": "alien"}, "perpetrator_type"),
    ],
)
def test_an_unknown_code_is_400_naming_the_field_and_writes_nothing(
    client, scene, person, link, field
):
    before = scene.rows()
    body = {"person": {"display_name": "Rina", **person}, "role": "victim", **link}
    _error(_add_to_case(client, scene, body), 400, field=field, code="unknown_code")
    assert scene.rows() == before


def test_a_person_already_in_that_role_is_409_and_writes_nothing(client, scene):
    before = scene.rows()
    response = _add_to_case(client, scene, {"person_id": scene.person_id, "role": "complainant"})
    _error(response, 409)
    assert scene.rows() == before


@pytest.mark.parametrize("role", [Role.RECEPTIONIST, Role.CASE_LAWYER, Role.OFFICE_ADMIN])
def test_staff_not_assigned_to_the_case_get_403_and_nothing_is_written(client, scene, role):
    _login(client, scene.org, role)
    before = scene.rows()
    response = _add_to_case(client, scene, {"person": {"display_name": "Rina"}, "role": "victim"})
    _error(response, 403, code="role_not_allowed")
    assert scene.rows() == before


def test_the_assigned_case_lawyer_adds_people(client, scene):
    a = scene.org.organisation
    lawyer = scene.org.users[Role.CASE_LAWYER]
    with in_schema(a):
        from tenants.cases.models import Case

        assignment_add(
            case=Case.objects.get(pk=scene.case_id),
            user_id=lawyer.pk,
            user_label=lawyer.email,
            role=Role.CASE_LAWYER,
            by=actor(a, Role.DIVISION_HEAD),
        )
    client.force_login(lawyer)
    response = _add_to_case(client, scene, {"person": {"display_name": "Rina"}, "role": "victim"})
    assert response.status_code == 201, response.content


def test_a_form_encoded_case_person_is_415_and_writes_nothing(client, scene):
    before = scene.rows()
    response = client.post(
        scene.url(f"cases/{scene.case_id}/people/"), {"role": "victim", "person_id": 1}
    )
    _error(response, 415)
    assert scene.rows() == before


def test_a_birth_date_in_the_future_is_refused_on_edit_too(client, scene):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    before = scene.rows()
    response = _patch(
        client, scene.url(f"people/{scene.person_id}/"), {"version": 1, "birth_date": tomorrow}
    )
    _error(response, 400, field="birth_date")
    assert scene.rows() == before
