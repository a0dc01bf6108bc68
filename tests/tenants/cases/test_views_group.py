"""A group complaint's cases on the staff pages and the API: each case links to the others of
its group, and a listed worker's case says that their consent is not yet given until they
answer their consent link."""

from __future__ import annotations

import pytest
from django.core import mail

from hub.accounts.roles import Role
from tenants.cases.models import Case
from tests.builders import in_schema, org_api, registered_case
from tests.tenants.cases.test_registration_group import _accept, _answer, group_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(org_a, django_capture_on_commit_callbacks):
    filed = group_complaint(org_a.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        case = _accept(org_a, filed)
    dewi, ani = filed.members.order_by("position")
    return case, dewi.case_id, ani.case_id


def _page(client, org, case_id) -> str:
    response = client.get(f"/org/{org.organisation.slug}/cases/{case_id}/?lang=en")
    assert response.status_code == 200
    return response.content.decode()


def test_each_case_of_the_group_links_to_the_others(client, org_a, group):
    case, dewi, ani = group
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    page = _page(client, org_a, case.pk)
    assert "Related cases (group complaint)" in page
    for case_id, name in ((dewi, "Dewi Lestari"), (ani, "Ani Suryani")):
        assert f'href="/org/{org_a.organisation.slug}/cases/{case_id}/"' in page
        assert name in page
    assert "Consent not yet given" not in page, "the filer answered for themself"
    member_page = _page(client, org_a, ani)
    assert f'href="/org/{org_a.organisation.slug}/cases/{case.pk}/"' in member_page
    assert "Siti Aminah" in member_page and "Dewi Lestari" in member_page
    assert "Consent not yet given" in member_page
    assert f"/org/{org_a.organisation.slug}/cases/{ani}/links/" in member_page


def test_the_badge_goes_when_the_member_answers(client, org_a, group):
    _case, dewi, _ani = group
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    assert "Consent not yet given" in _page(client, org_a, dewi)
    _answer(mail.outbox[0].body, agree=False)  # an answer, even a refusal, is given
    assert "Consent not yet given" not in _page(client, org_a, dewi)


def test_case_lists_mark_the_cases_waiting_for_a_members_consent(client, org_a, group):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    home = client.get(f"/org/{org_a.organisation.slug}/?lang=en").content.decode()
    cases = home.split("<h2>Cases</h2>", 1)[1]
    assert cases.count("Consent not yet given") == 2


def test_a_case_of_its_own_shows_no_group(client, org_a):
    case = registered_case(org_a.organisation)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    page = _page(client, org_a, case.pk)
    assert "Related cases" not in page and "Consent not yet given" not in page
    data = client.get(org_api(org_a, f"cases/{case.pk}/")).json()
    assert (data["group_code"], data["group_cases"], data["consent_pending"]) == ("", [], False)


def test_the_case_api_gives_the_group_and_the_consent_state(client, org_a, group):
    case, dewi, ani = group
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    data = client.get(org_api(org_a, f"cases/{case.pk}/")).json()
    assert data["group_code"] == case.complaint_receipt_code != ""
    assert [(g["id"], g["client_name"]) for g in data["group_cases"]] == [
        (dewi, "Dewi Lestari"),
        (ani, "Ani Suryani"),
    ]
    assert data["consent_pending"] is False
    member = client.get(org_api(org_a, f"cases/{ani}/")).json()
    assert member["consent_pending"] is True
    assert [g["id"] for g in member["group_cases"]] == [case.pk, dewi]
    listing = client.get(org_api(org_a, "cases/")).json()["results"]
    assert {row["group_code"] for row in listing} == {data["group_code"]}


def test_a_restricted_case_of_the_group_is_not_listed_to_those_who_may_not_open_it(
    client, org_a, group
):
    case, dewi, _ani = group
    with in_schema(org_a.organisation):
        Case.objects.filter(pk=dewi).update(restricted=True)
    client.force_login(org_a.users[Role.RECEPTIONIST])
    page = _page(client, org_a, case.pk)
    assert "Dewi Lestari" not in page and f"/cases/{dewi}/" not in page


def test_another_organisation_cannot_open_the_groups_cases(client, org_b, group):
    _case, dewi, _ani = group
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    assert client.get(org_api(org_b, f"cases/{dewi}/")).status_code == 404
    page = client.get(f"/org/{org_b.organisation.slug}/cases/{dewi}/")
    assert page.status_code == 404
