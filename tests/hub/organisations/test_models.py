"""The national office setting: an office names an organisation marked as a national office,
never itself, and a national office is nobody's office."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from hub.accounts.models import Membership, User
from hub.accounts.roles import Role
from hub.organisations.models import Organisation


def _fresh(org) -> Organisation:
    return Organisation.objects.get(pk=org.organisation.pk)


def test_an_office_names_a_national_office(org_a, org_b):
    office, national = _fresh(org_a), _fresh(org_b)
    national.is_national_office = True
    national.full_clean()
    national.save()
    office.national_office = national
    office.full_clean()  # no error


def test_an_organisation_not_marked_as_national_office_cannot_be_named(org_a, org_b):
    office, other = _fresh(org_a), _fresh(org_b)
    office.national_office = other
    with pytest.raises(ValidationError) as refused:
        office.full_clean()
    assert "national_office" in refused.value.message_dict


def test_an_organisation_is_not_its_own_national_office(org_a):
    office = _fresh(org_a)
    Organisation.objects.filter(pk=office.pk).update(is_national_office=True)
    office.is_national_office = True
    office.national_office = office
    with pytest.raises(ValidationError):
        office.full_clean()


def test_a_national_office_is_no_office_of_another(org_a, org_b):
    first, second = _fresh(org_a), _fresh(org_b)
    Organisation.objects.filter(pk__in=[first.pk, second.pk]).update(is_national_office=True)
    second.refresh_from_db()
    first.is_national_office = True
    first.national_office = second
    with pytest.raises(ValidationError):
        first.full_clean()


def test_the_admin_edits_the_setting(client, org_a):
    admin = User.objects.create_user("netadmin@network.test", "pw-123456789", is_staff=True)
    Membership.objects.create(user=admin, role=Role.NETWORK_ADMIN)
    client.force_login(admin)
    page = client.get(f"/admin/organisations/organisation/{org_a.organisation.pk}/change/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="is_national_office"' in body and 'name="national_office"' in body
