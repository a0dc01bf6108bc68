"""Registering a walk-in client: the intake (how they came, eligibility, client role), opposing
parties as perpetrators, the conflict-of-interest check that stops the registration (writing
nothing, not even a case number) until acknowledged, and restriction at registration; by
service, on the registration page and over the API."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import unescape

import pytest
from django.utils import timezone

from hub.accounts.roles import ORGANISATION_ROLES, Role
from hub.core.errors import DomainError
from hub.core.models import AuditEvent, OutboxEvent
from tenants.cases.models import Case, CaseNumberCounter, CasePerson
from tenants.cases.registration import Intake, case_register
from tenants.cases.selectors import cases_for_actor
from tenants.people.models import Person
from tenants.people.services import PersonData
from tests.builders import actor, in_schema

REGISTRARS = {Role.RECEPTIONIST, Role.OFFICE_ADMIN, Role.DIVISION_HEAD, Role.PARALEGAL}


@pytest.fixture
def desk(in_a):
    """The receptionist at the front desk."""
    return actor(in_a, Role.RECEPTIONIST)


def _world():
    """Everything a registration writes."""
    return (
        Case.objects.count(),
        Person.objects.count(),
        CasePerson.objects.count(),
        list(CaseNumberCounter.objects.values_list("year", "last")),
        AuditEvent.objects.count(),
        OutboxEvent.objects.count(),
    )


def _register(who, *, client="Rina Wulandari", title="Gaji tidak dibayar", **intake):
    return case_register(
        actor=who,
        title=title,
        complainant=PersonData(display_name=client) if client is not None else None,
        intake=Intake(**intake),
    )


def _refused(call, *, field=None, status=400, code=None) -> DomainError:
    before = _world()
    with pytest.raises(DomainError) as refused:
        call()
    assert refused.value.status == status
    assert refused.value.message
    if field is not None:
        assert field in refused.value.fields, refused.value.fields
    if code is not None:
        assert refused.value.code == code
    assert _world() == before
    return refused.value


# The intake


def test_a_walk_in_is_registered_with_its_intake_and_client(desk):
    arrived = timezone.now() - timedelta(hours=1)
    case = _register(
        desk,
        arrival_channel="walk_in",
        arrived_at=arrived,
        legal_aid_eligible=True,
        eligibility_document=" SKTM Kelurahan Kampung Melayu No. 12/2026 ",
    )
    assert (case.arrival_channel, case.arrived_at, case.legal_aid_eligible) == (
        "walk_in",
        arrived,
        True,
    )
    assert case.eligibility_document == "SKTM Kelurahan Kampung Melayu No. 12/2026"
    assert [(r.person.display_name, r.role) for r in case.roles.all()] == [
        ("Rina Wulandari", "complainant")
    ]
    assert AuditEvent.objects.get(action="case.registered").detail["number"] == case.number


def test_case_numbers_follow_each_other_per_organisation_and_year(in_a, desk):
    first, second = _register(desk), _register(desk)
    year = timezone.localdate().year
    prefix = f"{in_a.slug.upper()}/{year}/"
    assert first.number.startswith(prefix) and second.number.startswith(prefix)
    assert int(second.number.rsplit("/", 1)[1]) == int(first.number.rsplit("/", 1)[1]) + 1


def test_an_unknown_arrival_channel_is_refused_naming_arrival_channel(desk):
    _refused(lambda: _register(desk, arrival_channel="carrier_pigeon"), field="arrival_channel")


def test_an_arrival_in_the_future_is_refused_naming_arrived_at(desk):
    later = timezone.now() + timedelta(hours=2)
    _refused(lambda: _register(desk, arrived_at=later), field="arrived_at")


@pytest.mark.parametrize("role", ["complainant", "applicant", "victim"])
def test_the_client_is_recorded_in_the_role_given(desk, role):
    case = _register(desk, client_role=role)
    assert list(case.roles.values_list("role", flat=True)) == [role]


@pytest.mark.parametrize("role", ["perpetrator", "witness", "family_member", "king"])
def test_any_other_client_role_is_refused_naming_client_role(desk, role):
    _refused(lambda: _register(desk, client_role=role), field="client_role")


def test_a_blank_title_is_refused(desk):
    _refused(lambda: _register(desk, title="  "), field="title")


def test_a_client_without_a_name_is_refused(desk):
    _refused(lambda: _register(desk, client=" "), field="complainant.display_name")


def test_a_client_with_a_malformed_nik_is_refused_and_nothing_is_written(desk):
    call = lambda: case_register(  # noqa: E731
        actor=desk, title="Kasus", complainant=PersonData(display_name="Rina", nik="123")
    )
    _refused(call, field="nik")


def test_unknown_case_types_are_refused(desk):
    _refused(
        lambda: case_register(actor=desk, title="Kasus", case_types=["unpaid_wages", "piracy"]),
        field="case_types",
        code="unknown_code",
    )


@pytest.mark.parametrize("role", sorted(ORGANISATION_ROLES))
def test_only_reception_a_paralegal_the_office_admin_or_the_kabid_register(in_a, role):
    who = actor(in_a, role)
    if role in REGISTRARS:
        assert _register(who).pk
    else:
        _refused(lambda: _register(who), status=403, code="role_not_allowed")


def test_the_system_registers_cases(in_a):
    assert _register(actor(in_a, Role.SYSTEM)).pk


# Opposing parties and the conflict of interest


def test_opposing_parties_become_perpetrators_of_the_case(desk):
    case = _register(desk, opposing_parties=("PT Maju Jaya", "  ", "Tuan Lim"))
    perpetrators = case.roles.filter(role="perpetrator").order_by("person__display_name")
    assert [link.person.display_name for link in perpetrators] == ["PT Maju Jaya", "Tuan Lim"]


def test_an_opposing_party_resembling_a_client_stops_the_registration_and_writes_nothing(desk):
    existing = _register(desk, client="Siti Aminah")
    error = _refused(
        lambda: _register(desk, client="Budi Santoso", opposing_parties=("Sity Aminah",)),
        status=409,
        code="conflict_of_interest",
        field="opposing_parties",
    )
    [hint] = error.fields["opposing_parties"]
    assert "Sity Aminah" in hint and "Siti Aminah" in hint and existing.number in hint


def test_the_same_registration_acknowledging_the_conflict_registers(desk):
    _register(desk, client="Siti Aminah")
    case = _register(
        desk, client="Budi Santoso", opposing_parties=("Sity Aminah",), acknowledge_conflicts=True
    )
    assert sorted(case.roles.values_list("person__display_name", "role")) == [
        ("Budi Santoso", "complainant"),
        ("Sity Aminah", "perpetrator"),
    ]


def test_a_refused_registration_leaves_no_gap_in_the_case_numbers(desk):
    first = _register(desk, client="Siti Aminah")
    with pytest.raises(DomainError):
        _register(desk, client="Budi", opposing_parties=("Siti Aminah",))
    second = _register(desk, client="Budi")
    assert int(second.number.rsplit("/", 1)[1]) == int(first.number.rsplit("/", 1)[1]) + 1


def test_an_opposing_party_resembling_only_another_perpetrator_is_no_conflict(desk):
    _register(desk, client="Rina", opposing_parties=("PT Maju Jaya",))
    case = _register(desk, client="Budi", opposing_parties=("PT Maju Jaya",))
    assert case.pk


def test_an_unrelated_opposing_party_is_no_conflict(desk):
    _register(desk, client="Siti Aminah")
    assert _register(desk, client="Rina", opposing_parties=("Budi Santoso",)).pk


def test_the_hint_hides_the_number_of_a_restricted_case_the_registrar_may_not_open(in_a, desk):
    hidden = _register(actor(in_a, Role.DIVISION_HEAD), client="Siti Aminah", restricted=True)
    error = _refused(
        lambda: _register(desk, client="Budi", opposing_parties=("Siti Aminah",)),
        status=409,
        code="conflict_of_interest",
    )
    assert hidden.number not in " ".join(error.fields["opposing_parties"])


def test_a_case_restricted_at_registration_is_hidden_from_unassigned_staff(org_a, in_a, desk):
    case = _register(desk, restricted=True)
    assert case.restricted
    lawyer = actor(in_a, Role.CONSULTATION_LAWYER, user=org_a.users[Role.CONSULTATION_LAWYER])
    assert not cases_for_actor(actor=lawyer).filter(pk=case.pk).exists()
    assert cases_for_actor(actor=actor(in_a, Role.DIVISION_HEAD)).filter(pk=case.pk).exists()


# The registration page


def _form(**overrides) -> dict:
    form = {
        "title": "Gaji tidak dibayar, Johor Bahru",
        "summary": "Klien datang ke kantor.",
        "case_types": ["unpaid_wages"],
        "arrival_channel": "walk_in",
        "arrived_at": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "legal_aid_eligible": "yes",
        "eligibility_document": "SKTM Kelurahan Kampung Melayu No. 12/2026",
        "client_name": "Budi Santoso",
        "client_role": "complainant",
        "gender": "male",
        "phone": "081234567890",
        "domicile": "Jakarta Timur",
        "occupation": "ship_crew",
        "opposing_parties": "PT Samudra Jaya\r\nKapten Lee",
        "consent_contact": "on",
        "consent_statistics": "on",
    }
    return {**form, **overrides}


def _page(org) -> str:
    return f"/org/{org.organisation.slug}/register/"


def _outside(org):
    with in_schema(org.organisation):
        return _world()


def _text(response) -> str:
    return unescape(response.content.decode())


def test_the_registration_page_opens_for_the_receptionist(client, org_a):
    client.force_login(org_a.users[Role.RECEPTIONIST])
    page = client.get(_page(org_a))
    assert page.status_code == 200
    assert 'name="client_name"' in page.content.decode()


def test_the_registration_page_is_refused_to_an_analyst(client, org_a):
    client.force_login(org_a.users[Role.ANALYST])
    page = client.get(_page(org_a))
    assert page.status_code == 403
    assert "Hanya resepsionis, paralegal, admin kantor, atau Kabid" in _text(page)


def test_a_valid_registration_goes_to_the_new_case_page(client, org_a):
    client.force_login(org_a.users[Role.RECEPTIONIST])
    response = client.post(_page(org_a), _form())
    assert response.status_code == 302
    with in_schema(org_a.organisation):
        case = Case.objects.get()
        people = sorted(case.roles.values_list("person__display_name", "role"))
    assert response["Location"] == f"/org/{org_a.organisation.slug}/cases/{case.pk}/"
    assert (case.arrival_channel, case.legal_aid_eligible, case.case_types) == (
        "walk_in",
        True,
        ["unpaid_wages"],
    )
    assert people == [
        ("Budi Santoso", "complainant"),
        ("Kapten Lee", "perpetrator"),
        ("PT Samudra Jaya", "perpetrator"),
    ]
    landed = client.get(response["Location"])
    assert f"Terdaftar sebagai kasus {case.number}" in _text(landed)


def test_registering_a_restricted_case_lands_the_receptionist_on_a_page_they_may_open(
    client, org_a
):
    client.force_login(org_a.users[Role.RECEPTIONIST])
    response = client.post(_page(org_a), _form(restricted="on"), follow=True)
    with in_schema(org_a.organisation):
        assert Case.objects.get().restricted is True
    assert response.status_code == 200
    assert "Terdaftar sebagai kasus" in _text(response)


def test_a_conflict_on_the_page_warns_offers_to_register_anyway_and_writes_nothing(client, org_a):
    a = org_a.organisation
    with in_schema(a):
        existing = _register(actor(a, Role.RECEPTIONIST), client="Siti Aminah")
    client.force_login(org_a.users[Role.RECEPTIONIST])
    before = _outside(org_a)
    response = client.post(_page(org_a), _form(opposing_parties="Sity Aminah"))
    assert response.status_code == 400
    text = _text(response)
    assert "Kemungkinan benturan kepentingan" in text
    assert f"Sity Aminah mirip dengan klien Siti Aminah ({existing.number})" in text
    assert 'name="acknowledge_conflicts"' in text
    assert "Tetap daftarkan" in text
    assert _outside(org_a) == before


def test_acknowledging_the_conflict_on_the_page_registers(client, org_a):
    a = org_a.organisation
    with in_schema(a):
        _register(actor(a, Role.RECEPTIONIST), client="Siti Aminah")
    client.force_login(org_a.users[Role.RECEPTIONIST])
    response = client.post(
        _page(org_a), _form(opposing_parties="Sity Aminah", acknowledge_conflicts="on")
    )
    assert response.status_code == 302
    with in_schema(a):
        assert Case.objects.count() == 2


def test_a_future_arrival_on_the_page_is_shown_and_writes_nothing(client, org_a):
    client.force_login(org_a.users[Role.RECEPTIONIST])
    before = _outside(org_a)
    later = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(_page(org_a), _form(arrived_at=later))
    assert response.status_code == 400
    assert "Waktu kedatangan tidak boleh di masa depan" in _text(response)
    assert _outside(org_a) == before


# The API


def _api(org) -> str:
    return f"/org/{org.organisation.slug}/api/v1/cases/"


INTAKE = {
    "title": "Gaji tidak dibayar",
    "complainant": {"display_name": "Budi Santoso"},
    "client_role": "victim",
    "arrival_channel": "hotline_whatsapp",
    "arrived_at": "2026-01-05T09:30:00+07:00",
    "legal_aid_eligible": False,
    "eligibility_document": "",
    "opposing_parties": ["PT Samudra Jaya"],
    "restricted": True,
}


def test_the_api_registers_with_the_intake_fields(client, org_a):
    client.force_login(org_a.users[Role.RECEPTIONIST])
    response = client.post(_api(org_a), INTAKE, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["arrival_channel"], body["legal_aid_eligible"], body["restricted"]) == (
        "hotline_whatsapp",
        False,
        True,
    )
    assert datetime.fromisoformat(body["arrived_at"]) == datetime.fromisoformat(
        INTAKE["arrived_at"]
    )
    with in_schema(org_a.organisation):
        roles = sorted(Case.objects.get().roles.values_list("person__display_name", "role"))
    assert roles == [("Budi Santoso", "victim"), ("PT Samudra Jaya", "perpetrator")]


def test_a_conflict_over_the_api_is_409_naming_opposing_parties_then_acknowledged(client, org_a):
    a = org_a.organisation
    with in_schema(a):
        _register(actor(a, Role.RECEPTIONIST), client="PT Samudra Jaya Abadi")
    client.force_login(org_a.users[Role.RECEPTIONIST])
    before = _outside(org_a)
    refused = client.post(_api(org_a), INTAKE, content_type="application/json")
    assert refused.status_code == 409, refused.content
    error = refused.json()["error"]
    assert error["code"] == "conflict_of_interest" and "opposing_parties" in error["fields"]
    assert _outside(org_a) == before
    accepted = client.post(
        _api(org_a), {**INTAKE, "acknowledge_conflicts": True}, content_type="application/json"
    )
    assert accepted.status_code == 201, accepted.content


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"client_role": "perpetrator"}, "client_role"),
        ({"arrival_channel": "carrier_pigeon"}, "arrival_channel"),
        ({"arrived_at": "2999-01-01T00:00:00+07:00"}, "arrived_at"),
    ],
)
def test_a_wrong_intake_over_the_api_is_400_naming_the_field_and_writes_nothing(
    client, org_a, change, field
):
    client.force_login(org_a.users[Role.RECEPTIONIST])
    before = _outside(org_a)
    response = client.post(_api(org_a), {**INTAKE, **change}, content_type="application/json")
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    assert _outside(org_a) == before


def test_an_analyst_cannot_register_over_the_api(client, org_a):
    client.force_login(org_a.users[Role.ANALYST])
    before = _outside(org_a)
    response = client.post(_api(org_a), INTAKE, content_type="application/json")
    assert response.status_code == 403
    assert _outside(org_a) == before
