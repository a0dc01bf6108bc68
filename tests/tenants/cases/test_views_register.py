"""Registration page: before a new person is added, staff see who may already be recorded."""

from __future__ import annotations

from hub.accounts.roles import Role
from tenants.cases.models import Case, CasePerson
from tenants.people.models import Person
from tests.builders import in_schema

FORM = {
    "client_name": "Siti Aminah",
    "client_role": "complainant",
    "phone": "+62 812-3456-7890",
    "title": "Gaji tidak dibayar",
}


def _counts(org):
    with in_schema(org.organisation):
        return Case.objects.count(), Person.objects.count()


def _register(client, org, **extra):
    return client.post(f"/org/{org.organisation.slug}/register/", {**FORM, **extra})


def test_a_client_who_resembles_someone_recorded_is_shown_before_anything_is_written(client, org_a):
    client.force_login(org_a.users[Role.RECEPTIONIST])
    first = _register(client, org_a)
    assert first.status_code == 302
    before = _counts(org_a)
    hinted = _register(client, org_a, client_name="Siti Aminnah", phone="081234567890")
    assert hinted.status_code == 200
    page = hinted.content.decode()
    assert "Siti Aminah" in page and 'name="client_choice"' in page
    assert _counts(org_a) == before


def test_staff_can_pick_the_recorded_person_as_the_client_of_the_new_case(client, org_a):
    client.force_login(org_a.users[Role.RECEPTIONIST])
    _register(client, org_a)
    with in_schema(org_a.organisation):
        siti = Person.objects.get(display_name="Siti Aminah")
    response = _register(client, org_a, client_name="Siti Aminnah", client_choice=str(siti.pk))
    assert response.status_code == 302
    with in_schema(org_a.organisation):
        assert Person.objects.filter(display_name__startswith="Siti").count() == 1
        assert CasePerson.objects.filter(person=siti, role="complainant").count() == 2


def test_staff_can_say_it_is_someone_new(client, org_a):
    client.force_login(org_a.users[Role.RECEPTIONIST])
    _register(client, org_a)
    response = _register(client, org_a, client_name="Siti Aminnah", client_choice="new")
    assert response.status_code == 302
    with in_schema(org_a.organisation):
        assert Person.objects.filter(display_name__startswith="Siti").count() == 2


def test_a_choice_of_someone_the_office_cannot_see_is_refused_and_writes_nothing(client, org_a):
    client.force_login(org_a.users[Role.RECEPTIONIST])
    before = _counts(org_a)
    response = _register(client, org_a, client_choice="999999")
    assert response.status_code == 400
    assert "Tidak ditemukan" in response.content.decode()
    assert _counts(org_a) == before
