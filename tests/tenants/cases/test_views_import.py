"""The staff page that imports a case package (XML) uploaded in the browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hub.accounts.roles import Role
from hub.demo import seed_projection
from interchange.xml import package_to_xml
from tenants.cases.models import Case
from tests.builders import in_schema

GOLDEN = Path(__file__).resolve().parents[2] / "interchange" / "golden"


def _url(org) -> str:
    return f"/org/{org.organisation.slug}/cases/import/"


def _cases(org) -> int:
    with in_schema(org.organisation):
        return Case.objects.count()


def _upload(client, org, data: bytes, role=Role.RECEPTIONIST):
    client.force_login(org.users[role])
    return client.post(_url(org), {"package": SimpleUploadedFile("kasus.xml", data)})


def test_reception_sees_the_form_linked_from_home(client, org_b):
    client.force_login(org_b.users[Role.RECEPTIONIST])
    assert client.get(_url(org_b)).status_code == 200
    home = client.get(f"/org/{org_b.organisation.slug}/").content.decode()
    assert _url(org_b) in home


def test_a_package_becomes_a_case_and_the_page_goes_to_it(client, org_b):
    before = _cases(org_b)
    package = seed_projection.demo_package()
    response = _upload(client, org_b, package_to_xml(package))
    assert response.status_code == 302, response.content.decode()
    with in_schema(org_b.organisation):
        case = Case.objects.get(uid=package.case.uid)
        assert case.received_from == seed_projection.POSKO
    assert response["Location"].endswith(f"/cases/{case.pk}/")
    assert _cases(org_b) == before + 1


def test_an_invalid_package_shows_its_lines_and_changes_nothing(client, org_b):
    data = (GOLDEN / "minimal-case.xml").read_bytes().replace(b"registration", b"finished")
    before = _cases(org_b)
    response = _upload(client, org_b, data)
    assert response.status_code == 400
    assert "line 20" in response.content.decode()
    assert _cases(org_b) == before


@pytest.mark.parametrize("data", [b"<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>", b"not xml"])
def test_hostile_uploads_are_refused(client, org_b, data):
    before = _cases(org_b)
    assert _upload(client, org_b, data).status_code == 400
    assert _cases(org_b) == before


def test_a_role_that_does_not_register_cases_is_refused(client, org_b):
    before = _cases(org_b)
    response = _upload(
        client, org_b, (GOLDEN / "minimal-case.xml").read_bytes(), role=Role.CASE_LAWYER
    )
    assert response.status_code == 403
    assert _cases(org_b) == before
