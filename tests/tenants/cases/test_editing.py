"""Editing a case's general data with a version check (service, edit page, PATCH) and
restricting access to it; refusals change nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html
import pytest

from hub.accounts.models import Membership, User
from hub.accounts.roles import CASE_WORKER_ROLES, ORGANISATION_ROLES, Role
from hub.core.errors import DomainError
from hub.core.models import AuditEvent
from tenants.cases.models import Case
from tenants.cases.registration import Intake, case_register
from tenants.cases.services import assignment_add, case_restrict, case_update
from tests.builders import actor, in_schema, member

# Who may edit the general data (policy CASE_EDIT): the Kabid always; the lawyers who own the
# case (consultation lawyer, case lawyer) when assigned.
OWNERS = {Role.CONSULTATION_LAWYER, Role.CASE_LAWYER}
ASSIGNABLE = sorted(CASE_WORKER_ROLES)  # every role that works on a case


@pytest.fixture
def head(in_a):
    return actor(in_a, Role.DIVISION_HEAD)


@pytest.fixture
def case(in_a):
    return case_register(
        actor=actor(in_a, Role.RECEPTIONIST),
        title="Gaji tidak dibayar",
        summary="Lima bulan",
        case_types=["unpaid_wages"],
    )


def _assign(org, case, role, user=None):
    user = user or org.users[role]
    assignment_add(
        case=case,
        user_id=user.pk,
        user_label=user.email,
        role=role,
        by=actor(org.organisation, Role.DIVISION_HEAD),
    )


def _state(case_id):
    case = Case.objects.get(pk=case_id)
    return (
        case.title,
        case.summary,
        case.case_types,
        case.arrival_channel,
        case.restricted,
        case.version,
        AuditEvent.objects.count(),
    )


def _refused(case, call, *, field=None, status=400, code=None):
    before = _state(case.pk)
    with pytest.raises(DomainError) as refused:
        call()
    assert refused.value.status == status
    assert refused.value.message
    if field is not None:
        assert field in refused.value.fields, refused.value.fields
    if code is not None:
        assert refused.value.code == code
    assert _state(case.pk) == before


# The service


def test_the_kabid_edits_the_general_data_and_the_trail_keeps_before_and_after(head, case):
    arrived = datetime(2026, 1, 5, 2, 30, tzinfo=UTC)
    updated = case_update(
        actor=head,
        case_id=case.pk,
        version=1,
        changes={
            "title": "Gaji tidak dibayar, Johor Bahru",
            "summary": "Lima bulan",
            "arrival_channel": "referral",
            "arrived_at": arrived,
            "legal_aid_eligible": True,
        },
    )
    assert (updated.title, updated.arrival_channel, updated.version) == (
        "Gaji tidak dibayar, Johor Bahru",
        "referral",
        2,
    )
    audit = AuditEvent.objects.get(action="case.updated")
    assert audit.detail == {
        "before": {
            "title": "Gaji tidak dibayar",
            "arrival_channel": "",
            "arrived_at": None,
            "legal_aid_eligible": None,
        },
        "after": {
            "title": "Gaji tidak dibayar, Johor Bahru",
            "arrival_channel": "referral",
            "arrived_at": "2026-01-05T02:30:00+00:00",
            "legal_aid_eligible": True,
        },
    }


def test_a_stale_edit_is_409_stale_version_and_changes_nothing(head, case):
    case_update(actor=head, case_id=case.pk, version=1, changes={"summary": "Enam bulan"})
    _refused(
        case,
        lambda: case_update(actor=head, case_id=case.pk, version=1, changes={"title": "Lain"}),
        status=409,
        code="stale_version",
    )


@pytest.mark.parametrize("field", ["stage", "status", "number", "restricted", "version", "nope"])
def test_a_field_outside_the_general_data_is_400_naming_it(head, case, field):
    _refused(
        case,
        lambda: case_update(actor=head, case_id=case.pk, version=1, changes={field: "x"}),
        field=field,
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "   "}, "title"),
        ({"case_types": ["unpaid_wages", "piracy"]}, "case_types"),
        ({"arrival_channel": "carrier_pigeon"}, "arrival_channel"),
    ],
)
def test_a_wrong_value_is_400_naming_the_field_and_changes_nothing(head, case, changes, field):
    _refused(
        case,
        lambda: case_update(actor=head, case_id=case.pk, version=1, changes=changes),
        field=field,
    )


@pytest.mark.parametrize(
    ("role", "assigned"),
    [(role, False) for role in sorted(ORGANISATION_ROLES)] + [(role, True) for role in ASSIGNABLE],
)
def test_only_the_owning_lawyer_or_the_kabid_edits(org_a, case, role, assigned):
    if assigned:
        _assign(org_a, case, role)
    who = member(org_a, role)
    call = lambda: case_update(  # noqa: E731
        actor=who, case_id=case.pk, version=1, changes={"title": "Judul baru"}
    )
    if role == Role.DIVISION_HEAD or (assigned and role in OWNERS):
        assert call().title == "Judul baru"
    elif role == Role.ANALYST:
        _refused(case, call, status=404)  # the analyst may not even read the case
    else:
        _refused(case, call, status=403, code="role_not_allowed")


def test_the_system_edits_any_case(in_a, case):
    updated = case_update(
        actor=actor(in_a, Role.SYSTEM), case_id=case.pk, version=1, changes={"title": "Dari API"}
    )
    assert updated.title == "Dari API"


# Restriction


def test_the_owning_consultation_lawyer_restricts_the_case(org_a, case):
    _assign(org_a, case, Role.CONSULTATION_LAWYER)
    restricted = case_restrict(
        actor=member(org_a, Role.CONSULTATION_LAWYER), case_id=case.pk, restricted=True
    )
    assert (restricted.restricted, restricted.version) == (True, 2)
    event = AuditEvent.objects.get(action="case.restriction_changed")
    assert event.detail == {"before": {"restricted": False}, "after": {"restricted": True}}


def test_the_kabid_restricts_and_lifts_any_case(head, case):
    case_restrict(actor=head, case_id=case.pk, restricted=True)
    lifted = case_restrict(actor=head, case_id=case.pk, restricted=False)
    assert (lifted.restricted, lifted.version) == (False, 3)
    assert AuditEvent.objects.filter(action="case.restriction_changed").count() == 2


def test_restricting_a_restricted_case_again_changes_nothing(head, case):
    case_restrict(actor=head, case_id=case.pk, restricted=True)
    before = _state(case.pk)
    case_restrict(actor=head, case_id=case.pk, restricted=True)
    assert _state(case.pk) == before


@pytest.mark.parametrize(
    ("role", "assigned"),
    [
        (Role.RECEPTIONIST, False),
        (Role.CASE_LAWYER, False),
        (Role.CONSULTATION_LAWYER, False),
        (Role.CASE_ASSISTANT, True),
        (Role.PARALEGAL, True),
    ],
)
def test_anyone_but_the_owner_or_the_kabid_is_refused_restricting(org_a, case, role, assigned):
    if assigned:
        _assign(org_a, case, role)
    who = member(org_a, role)
    _refused(
        case,
        lambda: case_restrict(actor=who, case_id=case.pk, restricted=True),
        status=403,
        code="role_not_allowed",
    )


# Over HTTP: restriction hides the case from staff not assigned to it


def _second_consultation_lawyer(org) -> User:
    user = User.objects.create_user(
        f"consultation_lawyer_2@{org.organisation.slug}.test", "x", full_name="Second lawyer"
    )
    Membership.objects.create(
        user=user, organisation=org.organisation, role=Role.CONSULTATION_LAWYER
    )
    return user


def _api(org, path="") -> str:
    return f"/org/{org.organisation.slug}/api/v1/cases/{path}"


def _listed(client, org) -> list[int]:
    response = client.get(_api(org))
    assert response.status_code == 200, response.content
    return [c["id"] for c in response.json()["results"]]


def test_restricting_hides_the_case_from_an_unassigned_consultation_lawyer_until_lifted(
    client, org_a
):
    a = org_a.organisation
    with in_schema(a):
        case = case_register(actor=actor(a, Role.RECEPTIONIST), title="Kekerasan seksual")
        _assign(org_a, case, Role.CONSULTATION_LAWYER)
    other = _second_consultation_lawyer(org_a)

    client.force_login(other)
    assert client.get(_api(org_a, f"{case.pk}/")).status_code == 200
    assert case.pk in _listed(client, org_a)

    client.force_login(org_a.users[Role.CONSULTATION_LAWYER])
    response = client.post(
        _api(org_a, f"{case.pk}/restriction/"),
        {"restricted": True},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["restricted"] is True
    assert client.get(_api(org_a, f"{case.pk}/")).status_code == 200  # the owner keeps it

    client.force_login(other)
    assert client.get(_api(org_a, f"{case.pk}/")).status_code == 404
    assert case.pk not in _listed(client, org_a)

    client.force_login(org_a.users[Role.DIVISION_HEAD])
    lifted = client.post(
        _api(org_a, f"{case.pk}/restriction/"),
        {"restricted": False},
        content_type="application/json",
    )
    assert lifted.status_code == 200, lifted.content

    client.force_login(other)
    assert client.get(_api(org_a, f"{case.pk}/")).status_code == 200
    assert case.pk in _listed(client, org_a)


def test_a_receptionist_restricting_over_the_api_is_403_and_changes_nothing(client, org_a):
    a = org_a.organisation
    with in_schema(a):
        case = case_register(actor=actor(a, Role.RECEPTIONIST), title="Kasus")
    client.force_login(org_a.users[Role.RECEPTIONIST])
    response = client.post(
        _api(org_a, f"{case.pk}/restriction/"),
        {"restricted": True},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "role_not_allowed"
    with in_schema(a):
        assert Case.objects.get(pk=case.pk).restricted is False


def test_the_restrict_button_on_the_case_page_restricts(client, org_a):
    a = org_a.organisation
    with in_schema(a):
        case = case_register(actor=actor(a, Role.RECEPTIONIST), title="Kasus anak")
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(f"/org/{a.slug}/cases/{case.pk}/restrict/", {"restricted": "1"})
    assert response.status_code == 302
    with in_schema(a):
        assert Case.objects.get(pk=case.pk).restricted is True


# The edit page


def _edit(org, case) -> str:
    return f"/org/{org.organisation.slug}/cases/{case.pk}/edit/"


def _form_as_rendered(client, url, **overrides) -> dict:
    """What a browser would send back: the form's own values, with the user's changes."""
    page = client.get(url)
    assert page.status_code == 200
    [form] = [f for f in lxml.html.fromstring(page.content.decode()).forms if "version" in f.inputs]
    values: dict[str, list[str]] = {}
    for name, value in form.form_values():
        values.setdefault(name, []).append(value)
    values.pop("csrfmiddlewaretoken", None)
    return {**values, **overrides}


def _registered(org, **intake) -> Case:
    a = org.organisation
    with in_schema(a):
        return case_register(
            actor=actor(a, Role.RECEPTIONIST),
            title="Gaji tidak dibayar",
            summary="Lima bulan",
            case_types=["unpaid_wages"],
            intake=Intake(**intake),
        )


def _stored(org, case) -> Case:
    with in_schema(org.organisation):
        return Case.objects.get(pk=case.pk)


def test_the_edit_page_saves_the_general_data_and_returns_to_the_case(client, org_a):
    case = _registered(org_a, arrival_channel="walk_in")
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    url = _edit(org_a, case)
    form = _form_as_rendered(client, url, title="Gaji tidak dibayar, Johor Bahru")
    response = client.post(url, form)
    assert response.status_code == 302
    assert response["Location"] == f"/org/{org_a.organisation.slug}/cases/{case.pk}/"
    saved = _stored(org_a, case)
    assert (saved.title, saved.summary, saved.case_types, saved.version) == (
        "Gaji tidak dibayar, Johor Bahru",
        "Lima bulan",
        ["unpaid_wages"],
        2,
    )


def test_the_assigned_consultation_lawyer_opens_the_edit_page(client, org_a):
    case = _registered(org_a)
    with in_schema(org_a.organisation):
        _assign(org_a, case, Role.CONSULTATION_LAWYER)
    client.force_login(org_a.users[Role.CONSULTATION_LAWYER])
    assert client.get(_edit(org_a, case)).status_code == 200


def test_a_stale_edit_form_says_so_in_indonesian_and_overwrites_nothing(client, org_a):
    case = _registered(org_a)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    url = _edit(org_a, case)
    opened = _form_as_rendered(client, url, title="Judul saya")
    with in_schema(org_a.organisation):
        case_update(
            actor=actor(org_a.organisation, Role.DIVISION_HEAD),
            case_id=case.pk,
            version=1,
            changes={"title": "Judul rekan"},
        )
    response = client.post(url, opened)
    assert response.status_code == 400
    assert "Orang lain sudah menyimpan kasus ini" in response.content.decode()
    saved = _stored(org_a, case)
    assert (saved.title, saved.version) == ("Judul rekan", 2)


def test_a_receptionist_is_refused_the_edit_page_and_changes_nothing(client, org_a):
    case = _registered(org_a)
    client.force_login(org_a.users[Role.RECEPTIONIST])
    assert client.get(_edit(org_a, case)).status_code == 403
    response = client.post(_edit(org_a, case), {"version": "1", "title": "Lain"})
    assert response.status_code == 403
    assert "Hanya PBH penanggung jawab kasus atau Kabid" in response.content.decode()
    assert _stored(org_a, case).version == 1


def test_saving_the_edit_form_keeps_an_arrival_time_with_seconds_untouched(client, org_a):
    """The arrival time shows to the minute; a save that did not touch it must keep it."""
    arrived = datetime(2026, 1, 5, 2, 30, 45, tzinfo=UTC)
    case = _registered(org_a, arrival_channel="phone", arrived_at=arrived)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    url = _edit(org_a, case)
    assert client.post(url, _form_as_rendered(client, url, title="Judul baru")).status_code == 302
    assert _stored(org_a, case).arrived_at == arrived


# PATCH over the API


def test_a_json_patch_with_the_version_saves(client, org_a):
    case = _registered(org_a)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.patch(
        _api(org_a, f"{case.pk}/"),
        {"version": 1, "title": "Judul baru", "legal_aid_eligible": False},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert (response.json()["title"], response.json()["version"]) == ("Judul baru", 2)


def test_a_form_encoded_patch_is_415_and_changes_nothing(client, org_a):
    case = _registered(org_a)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.patch(
        _api(org_a, f"{case.pk}/"),
        "version=1&title=Lain",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 415
    assert _stored(org_a, case).version == 1


def test_a_stale_patch_is_409_and_changes_nothing(client, org_a):
    case = _registered(org_a)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    url = _api(org_a, f"{case.pk}/")
    first = client.patch(url, {"version": 1, "summary": "X"}, content_type="application/json")
    assert first.status_code == 200
    response = client.patch(url, {"version": 1, "title": "Y"}, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "stale_version"
    saved = _stored(org_a, case)
    assert (saved.title, saved.version) == ("Gaji tidak dibayar", 2)


def test_a_patch_without_a_version_is_400_naming_version(client, org_a):
    case = _registered(org_a)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.patch(
        _api(org_a, f"{case.pk}/"), {"title": "Y"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "version" in response.json()["error"]["fields"]
    assert _stored(org_a, case).title == "Gaji tidak dibayar"


def test_a_patch_cannot_move_the_stage_or_lift_a_restriction(client, org_a):
    case = _registered(org_a, restricted=True)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    client.patch(
        _api(org_a, f"{case.pk}/"),
        {"version": 1, "stage": "termination", "restricted": False},
        content_type="application/json",
    )
    saved = _stored(org_a, case)
    assert (saved.stage, saved.restricted) == ("registration", True)


def test_a_receptionist_patch_is_403_and_changes_nothing(client, org_a):
    case = _registered(org_a)
    client.force_login(org_a.users[Role.RECEPTIONIST])
    response = client.patch(
        _api(org_a, f"{case.pk}/"), {"version": 1, "title": "Y"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "role_not_allowed"
    assert _stored(org_a, case).version == 1
