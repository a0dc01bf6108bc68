"""The "possible same person" page and API of a case."""

from __future__ import annotations

import pytest

from hub.accounts.roles import Role
from tests.builders import org_api
from tests.sharing.identity.test_services import KEYS, NIK, _case, _consent


@pytest.fixture(autouse=True)
def _keys(settings):
    settings.IDENTITY_HASH_KEYS = KEYS
    settings.IDENTITY_HASH_KEY_ID = "k1"


def test_the_page_names_the_other_member_only_with_consent_on_both_sides(client, org_a, org_b):
    ours = _case(org_a, nik=NIK)
    theirs = _case(org_b, nik=NIK)
    url = f"/org/{org_a.organisation.slug}/cases/{ours.pk}/matches/"
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.get(url)
    assert response.status_code == 200
    assert org_b.organisation.name not in response.content.decode()
    _consent(org_a, ours)
    _consent(org_b, theirs)
    response = client.get(url)
    assert response.status_code == 200
    assert org_b.organisation.name in response.content.decode()


def test_the_case_page_links_to_the_matches(client, org_a):
    case = _case(org_a, nik=NIK)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    page = client.get(f"/org/{org_a.organisation.slug}/cases/{case.pk}/").content.decode()
    assert f"/org/{org_a.organisation.slug}/cases/{case.pk}/matches/" in page


def test_the_api_answers_the_report(client, org_a, org_b):
    ours = _case(org_a, nik=NIK)
    theirs = _case(org_b, nik=NIK)
    _consent(org_a, ours)
    _consent(org_b, theirs)
    client.force_login(org_a.users[Role.CASE_LAWYER])
    body = client.get(org_api(org_a, f"cases/{ours.pk}/matches/")).json()
    assert body["compared"] is True and body["unconnected"] is False
    assert [(m["slug"], m["kinds"]) for m in body["connected"]] == [
        (org_b.organisation.slug, ["nik", "phone"])
    ]


def test_the_api_refuses_an_analyst_and_hides_unknown_cases(client, org_a):
    case = _case(org_a, nik=NIK)
    client.force_login(org_a.users[Role.ANALYST])
    response = client.get(org_api(org_a, f"cases/{case.pk}/matches/"))
    assert response.status_code == 403
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.get(org_api(org_a, "cases/999999/matches/"))
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_a_restricted_case_is_not_found_for_staff_not_assigned_to_it(client, org_a):
    from tenants.cases.services import case_restrict
    from tests.builders import in_schema, member

    case = _case(org_a, nik=NIK)
    with in_schema(org_a.organisation):
        case_restrict(actor=member(org_a, Role.DIVISION_HEAD), case_id=case.pk, restricted=True)
    client.force_login(org_a.users[Role.CASE_LAWYER])
    assert client.get(f"/org/{org_a.organisation.slug}/cases/{case.pk}/matches/").status_code == 404
    assert client.get(org_api(org_a, f"cases/{case.pk}/matches/")).status_code == 404
