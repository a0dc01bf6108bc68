"""The work queue page, its API, and its summary on "my cases"."""

from __future__ import annotations

from hub.accounts.roles import Role
from sharing.queues.selectors import Kind
from tests.builders import org_api, registered_case
from tests.sharing.queues.test_selectors import referral, transfer


def _waiting(org_a, org_b):
    a, b = org_a.organisation, org_b.organisation
    referral(a, b, registered_case(a), days_ago=3)
    transfer(a, b, registered_case(a), due_in_days=-1)


def test_the_page_lists_what_waits_with_links(client, org_a, org_b):
    _waiting(org_a, org_b)
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    response = client.get(f"/org/{org_b.organisation.slug}/queue/")
    assert response.status_code == 200
    page = response.content.decode()
    assert org_a.organisation.name in page
    assert page.count(f"/org/{org_b.organisation.slug}/") >= 2


def test_the_api_gives_counts_and_items_most_urgent_first(client, org_a, org_b):
    _waiting(org_a, org_b)
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    body = client.get(org_api(org_b, "work-queue/")).json()
    assert body["counts"][Kind.REFERRAL_IN] == 1 and body["counts"][Kind.TRANSFER_IN] == 1
    first, second = body["items"]
    assert first["kind"] == Kind.TRANSFER_IN and first["state"] == "danger"
    assert first["working_days"] is True and first["days_left"] <= 0
    assert second["kind"] == Kind.REFERRAL_IN and second["age_days"] == 3
    assert second["due_on"] is None and second["ours_to_answer"] is True


def test_the_sender_sees_nothing_of_the_receivers_side(client, org_a, org_b):
    _waiting(org_a, org_b)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    body = client.get(org_api(org_a, "work-queue/")).json()
    assert body["counts"][Kind.REFERRAL_IN] == 0
    # Its own side: the overdue transfer first, then the referral not yet answered.
    assert [item["kind"] for item in body["items"]] == [Kind.TRANSFER_OUT, Kind.REFERRAL_OUT]
    assert body["items"][1]["counterpart"] == org_b.organisation.name


def test_an_analyst_is_refused(client, org_a):
    client.force_login(org_a.users[Role.ANALYST])
    response = client.get(org_api(org_a, "work-queue/"))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "role_not_allowed"
    assert client.get(f"/org/{org_a.organisation.slug}/queue/").status_code == 403


def test_a_member_of_another_organisation_gets_404(client, org_a, org_b):
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    assert client.get(org_api(org_a, "work-queue/")).status_code == 404
    assert client.get(f"/org/{org_a.organisation.slug}/queue/").status_code == 404


def test_my_cases_shows_the_summary_with_a_link(client, org_a, org_b):
    _waiting(org_a, org_b)
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    page = client.get(f"/org/{org_b.organisation.slug}/my/").content.decode()
    assert f'href="/org/{org_b.organisation.slug}/queue/"' in page
    box = page[page.index('id="work-queue-title"') :]
    box = box[: box.index("</section>")]
    assert '<span class="badge danger">' in box  # the overdue transfer
    assert box.count("<li>") == 3  # overdue, referrals to answer, transfers to answer


def test_the_home_page_links_to_the_queue(client, org_a):
    client.force_login(org_a.users[Role.CASE_LAWYER])
    page = client.get(f"/org/{org_a.organisation.slug}/").content.decode()
    assert f'href="/org/{org_a.organisation.slug}/queue/"' in page


def test_the_api_limits_the_items_to_one_kind_and_keeps_every_count(client, org_a, org_b):
    _waiting(org_a, org_b)
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    body = client.get(org_api(org_b, "work-queue/", kind=Kind.REFERRAL_IN)).json()
    assert [item["kind"] for item in body["items"]] == [Kind.REFERRAL_IN]
    assert body["kind"] == Kind.REFERRAL_IN and body["overdue"] == 1
    assert body["counts"][Kind.TRANSFER_IN] == 1


def test_an_unknown_kind_is_a_400_in_the_api_and_ignored_on_the_page(client, org_a, org_b):
    _waiting(org_a, org_b)
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    response = client.get(org_api(org_b, "work-queue/", kind="nonsense"))
    assert response.status_code == 400 and "kind" in response.json()["error"]["fields"]
    page = client.get(f"/org/{org_b.organisation.slug}/queue/?kind=nonsense")
    assert page.status_code == 200
    assert page.content.decode().count("/referrals/") >= 1


def test_the_page_filters_by_kind(client, org_a, org_b):
    _waiting(org_a, org_b)
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    page = client.get(f"/org/{org_b.organisation.slug}/queue/?kind={Kind.TRANSFER_IN}")
    body = page.content.decode()
    assert "/transfers/" in body and "/referrals/" not in body.split("<tbody>")[1]
