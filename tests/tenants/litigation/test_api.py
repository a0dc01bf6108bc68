"""Proceedings over HTTP: the API (list, record, edit with a version, hearings) and the two staff
forms on the case page; refusals answer 4xx or a message and write nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import unescape

import pytest

from hub.accounts.roles import Role
from hub.core.models import AuditEvent
from tenants.cases.models import Case
from tenants.cases.registration import case_register
from tenants.cases.services import assignment_add
from tenants.litigation.models import Hearing, Proceeding
from tenants.litigation.services import ProceedingData, proceeding_record
from tests.builders import actor, in_schema

CRIMINAL = {
    "kind": "criminal",
    "body": "PN Indramayu",
    "register_number": "45/Pid.Sus/2026/PN Idm",
    "stage": "first_instance",
    "started_on": "2026-01-12",
}


@dataclass(frozen=True)
class Scene:
    org: object
    case_id: int

    def url(self, path: str = "") -> str:
        slug = self.org.organisation.slug
        return f"/org/{slug}/api/v1/cases/{self.case_id}/proceedings/{path}"

    def page(self, path: str = "") -> str:
        return f"/org/{self.org.organisation.slug}/cases/{self.case_id}/{path}"

    def rows(self):
        with in_schema(self.org.organisation):
            return (
                list(Proceeding.objects.values_list("id", "kind", "stage", "body", "version")),
                list(Hearing.objects.values_list("id", "held_on")),
                AuditEvent.objects.count(),
            )

    def proceeding(self, **data) -> Proceeding:
        a = self.org.organisation
        with in_schema(a):
            return proceeding_record(
                actor=actor(a, Role.DIVISION_HEAD),
                case_id=self.case_id,
                data=ProceedingData(
                    **{"kind": "police_report", "body": "Polres Indramayu", **data}
                ),
            )


@pytest.fixture
def scene(client, org_a) -> Scene:
    a = org_a.organisation
    with in_schema(a):
        case = case_register(actor=actor(a, Role.RECEPTIONIST), title="Perdagangan orang")
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    return Scene(org_a, case.pk)


def _assign(scene, role):
    a = scene.org.organisation
    user = scene.org.users[role]
    with in_schema(a):
        assignment_add(
            case=Case.objects.get(pk=scene.case_id),
            user_id=user.pk,
            user_label=user.email,
            role=role,
            by=actor(a, Role.DIVISION_HEAD),
        )


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def _patch(client, url, body):
    return client.patch(url, body, content_type="application/json")


def _error(response, status: int, *, field: str | None = None, code: str | None = None):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["message"]
    if field is not None:
        assert field in error["fields"], error
    if code is not None:
        assert error["code"] == code, error
    return error


def _text(response) -> str:
    return unescape(response.content.decode())


# The API


def test_a_proceeding_is_recorded_and_listed_with_its_hearings(client, scene):
    response = _post(client, scene.url(), CRIMINAL)
    assert response.status_code == 201, response.content
    proceeding = response.json()
    assert (proceeding["kind"], proceeding["stage"], proceeding["version"]) == (
        "criminal",
        "first_instance",
        1,
    )
    hearing = _post(
        client,
        scene.url(f"{proceeding['id']}/hearings/"),
        {"held_on": "2026-02-03", "agenda": "Pembacaan dakwaan"},
    )
    assert hearing.status_code == 201, hearing.content
    [listed] = client.get(scene.url()).json()
    assert [(h["held_on"], h["agenda"]) for h in listed["hearings"]] == [
        ("2026-02-03", "Pembacaan dakwaan")
    ]


def test_the_list_is_in_order_of_start(client, scene):
    scene.proceeding(body="Kedua", started_on=date(2026, 3, 1))
    scene.proceeding(body="Pertama", started_on=date(2025, 3, 1))
    assert [p["body"] for p in client.get(scene.url()).json()] == ["Pertama", "Kedua"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**CRIMINAL, "kind": "duel"}, "kind"),
        ({**CRIMINAL, "stage": "halftime"}, "stage"),
        ({k: v for k, v in CRIMINAL.items() if k != "body"}, "body"),
        ({**CRIMINAL, "body": ""}, "body"),
        ({**CRIMINAL, "ended_on": "2025-12-31"}, "ended_on"),
        ({k: v for k, v in CRIMINAL.items() if k != "kind"}, "kind"),
    ],
    ids=["unknown-kind", "unknown-stage", "no-body", "blank-body", "ends-before-start", "no-kind"],
)
def test_a_wrong_proceeding_is_400_naming_the_field_and_writes_nothing(client, scene, body, field):
    before = scene.rows()
    _error(_post(client, scene.url(), body), 400, field=field)
    assert scene.rows() == before


def test_a_patch_with_the_version_moves_the_stage(client, scene):
    proceeding = scene.proceeding(stage="report")
    response = _patch(
        client,
        scene.url(f"{proceeding.pk}/"),
        {"version": 1, "stage": "investigation", "register_number": "LP/B/12/2026"},
    )
    assert response.status_code == 200, response.content
    assert (response.json()["stage"], response.json()["version"]) == ("investigation", 2)


def test_a_stale_patch_is_409_stale_version_and_changes_nothing(client, scene):
    proceeding = scene.proceeding(stage="report")
    url = scene.url(f"{proceeding.pk}/")
    assert _patch(client, url, {"version": 1, "stage": "investigation"}).status_code == 200
    before = scene.rows()
    _error(_patch(client, url, {"version": 1, "stage": "prosecution"}), 409, code="stale_version")
    assert scene.rows() == before


def test_a_patch_without_a_version_is_400_naming_version(client, scene):
    proceeding = scene.proceeding()
    before = scene.rows()
    _error(
        _patch(client, scene.url(f"{proceeding.pk}/"), {"stage": "appeal"}), 400, field="version"
    )
    assert scene.rows() == before


def test_a_form_encoded_patch_is_415_and_changes_nothing(client, scene):
    proceeding = scene.proceeding()
    before = scene.rows()
    response = client.patch(
        scene.url(f"{proceeding.pk}/"),
        "version=1&stage=appeal",
        content_type="application/x-www-form-urlencoded",
    )
    _error(response, 415)
    assert scene.rows() == before


def test_a_patch_ending_before_the_start_is_400_and_changes_nothing(client, scene):
    proceeding = scene.proceeding(started_on=date(2026, 1, 1))
    before = scene.rows()
    response = _patch(
        client, scene.url(f"{proceeding.pk}/"), {"version": 1, "ended_on": "2025-06-01"}
    )
    _error(response, 400, field="ended_on")
    assert scene.rows() == before


def test_a_hearing_without_a_date_is_400_and_writes_nothing(client, scene):
    proceeding = scene.proceeding()
    before = scene.rows()
    _error(
        _post(client, scene.url(f"{proceeding.pk}/hearings/"), {"agenda": "X"}),
        400,
        field="held_on",
    )
    assert scene.rows() == before


def test_a_hearing_on_a_missing_proceeding_is_404(client, scene):
    _error(_post(client, scene.url("999999/hearings/"), {"held_on": "2026-02-03"}), 404)


@pytest.mark.parametrize(
    ("role", "assigned", "status"),
    [
        (Role.RECEPTIONIST, False, 403),
        (Role.CASE_LAWYER, False, 403),
        (Role.CONSULTATION_LAWYER, True, 403),
        (Role.COUNSELLOR, True, 403),
        (Role.CASE_LAWYER, True, 201),
        (Role.CASE_ASSISTANT, True, 201),
        (Role.PARALEGAL, True, 201),
    ],
)
def test_who_may_record_a_proceeding_over_the_api(client, scene, role, assigned, status):
    if assigned:
        _assign(scene, role)
    client.force_login(scene.org.users[role])
    before = scene.rows()
    response = _post(client, scene.url(), CRIMINAL)
    assert response.status_code == status, response.content
    if status == 403:
        _error(response, 403, code="role_not_allowed")
        assert scene.rows() == before


def test_a_receptionist_patch_and_hearing_are_403_and_change_nothing(client, scene):
    proceeding = scene.proceeding()
    client.force_login(scene.org.users[Role.RECEPTIONIST])
    before = scene.rows()
    _error(_patch(client, scene.url(f"{proceeding.pk}/"), {"version": 1, "stage": "appeal"}), 403)
    _error(_post(client, scene.url(f"{proceeding.pk}/hearings/"), {"held_on": "2026-02-03"}), 403)
    assert scene.rows() == before


# The staff forms on the case page


def test_a_proceeding_recorded_from_the_case_page_is_shown_there(client, scene):
    response = client.post(
        scene.page("proceedings/add/"),
        {"kind": "criminal", "body": "PN Indramayu", "stage": "first_instance"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == scene.page()
    text = _text(response)
    assert "Proses hukum tercatat." in text
    assert "PN Indramayu" in text
    with in_schema(scene.org.organisation):
        assert Proceeding.objects.get().kind == "criminal"


def test_a_proceeding_without_a_body_from_the_page_is_refused_and_writes_nothing(client, scene):
    before = scene.rows()
    response = client.post(
        scene.page("proceedings/add/"), {"kind": "criminal", "body": ""}, follow=True
    )
    assert "Periksa isian proses hukum." in _text(response)
    assert scene.rows() == before


def test_a_receptionist_recording_from_the_page_is_refused_and_writes_nothing(client, scene):
    client.force_login(scene.org.users[Role.RECEPTIONIST])
    before = scene.rows()
    response = client.post(
        scene.page("proceedings/add/"), {"kind": "criminal", "body": "PN Indramayu"}, follow=True
    )
    assert "Hanya PBH Kasus, asistennya, atau Kabid yang dapat mencatat proses hukum." in _text(
        response
    )
    assert scene.rows() == before


def test_a_hearing_added_from_the_case_page_is_listed_under_its_proceeding(client, scene):
    proceeding = scene.proceeding()
    response = client.post(
        scene.page(f"proceedings/{proceeding.pk}/hearings/add/"),
        {"held_on": "2026-02-03", "agenda": "Pemeriksaan saksi"},
        follow=True,
    )
    text = _text(response)
    assert "Persidangan ditambahkan." in text
    assert "Pemeriksaan saksi" in text
    with in_schema(scene.org.organisation):
        assert list(proceeding.hearings.values_list("held_on", flat=True)) == [date(2026, 2, 3)]


def test_a_hearing_without_a_date_from_the_page_is_refused_and_writes_nothing(client, scene):
    proceeding = scene.proceeding()
    before = scene.rows()
    response = client.post(
        scene.page(f"proceedings/{proceeding.pk}/hearings/add/"), {"agenda": "X"}, follow=True
    )
    assert "Periksa isian persidangan." in _text(response)
    assert scene.rows() == before


def test_a_hearing_on_another_cases_proceeding_from_the_page_writes_nothing(client, scene):
    a = scene.org.organisation
    with in_schema(a):
        other = case_register(actor=actor(a, Role.DIVISION_HEAD), title="Lain")
        foreign = proceeding_record(
            actor=actor(a, Role.DIVISION_HEAD),
            case_id=other.pk,
            data=ProceedingData(kind="civil", body="PN Jakarta"),
        )
        hearing_count = Hearing.objects.count()
    client.post(scene.page(f"proceedings/{foreign.pk}/hearings/add/"), {"held_on": "2026-02-03"})
    with in_schema(a):
        assert Hearing.objects.count() == hearing_count
