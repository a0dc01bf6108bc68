"""A paralegal without an account, or the worker, adds information through a contribution
link: it waits for the owner's review, once, and the owner accepts or rejects it."""

from __future__ import annotations

import pytest

from hub.accounts.roles import Role
from hub.core.models import AuditEvent
from hub.links.models import ClientLink
from tenants.clientlinks.services import case_link_create
from tenants.contributions.models import Contribution, ContributionStatus
from tests.builders import client_case, in_schema, member

ANSWER = {
    "author": "Pak Darto",
    "relation": "paralegal desa Juntinyuat",
    "kind": "activity",
    "occurred_on": "2026-11-20",
    "place": "Juntinyuat",
    "body": "Kunjungan ke rumah orang tua klien: keluarga belum menerima kiriman gaji.",
}


@pytest.fixture
def case(org_a):
    return client_case(org_a)


def _issued(org, case, **asked):
    with in_schema(org.organisation):
        return case_link_create(
            actor=member(org, Role.DIVISION_HEAD),
            case_id=case.pk,
            purpose="contribution",
            asked=asked,
        )


def _contributions(org):
    with in_schema(org.organisation):
        return list(Contribution.objects.values_list("id", "status", "body", "link_id"))


def test_the_link_shows_the_staff_note_and_nothing_of_the_case(client, org_a, case):
    issued = _issued(org_a, case, explanation="Mohon catat kunjungan Bapak ke keluarga")
    page = client.get(f"/tautan/{issued.token}/").content.decode()
    assert "Mohon catat kunjungan Bapak ke keluarga" in page
    assert org_a.organisation.name in page
    assert case.title not in page and case.number not in page
    assert 'name="body"' in page and 'name="author"' in page


def test_an_answer_becomes_a_pending_contribution_once(client, org_a, case):
    issued = _issued(org_a, case)
    answered = client.post(f"/tautan/{issued.token}/", ANSWER)
    assert answered.status_code == 200, answered.content
    rows = _contributions(org_a)
    assert [(status, body, link_id) for _id, status, body, link_id in rows] == [
        (ContributionStatus.PENDING, ANSWER["body"], issued.link.pk)
    ]
    link = ClientLink.objects.get(pk=issued.link.pk)
    assert link.outcome == "submitted" and link.answer == {"contribution": rows[0][0]}
    with in_schema(org_a.organisation):
        stored = Contribution.objects.get()
        added = AuditEvent.objects.get(action="contribution.added")
    assert (stored.author_label, stored.origin_name) == ("Pak Darto", "paralegal desa Juntinyuat")
    assert added.actor_label == f"client (link #{link.pk})"
    again = client.post(f"/tautan/{issued.token}/", {**ANSWER, "body": "Lagi"})
    assert again.status_code == 410
    assert _contributions(org_a) == rows


@pytest.mark.parametrize(
    "change",
    [{"body": ""}, {"author": ""}, {"kind": "rumour"}, {"occurred_on": "2999-01-01"}],
)
def test_a_bad_answer_is_refused_and_nothing_is_written(client, org_a, case, change):
    issued = _issued(org_a, case)
    response = client.post(f"/tautan/{issued.token}/", {**ANSWER, **change})
    assert response.status_code == 400
    assert _contributions(org_a) == []
    assert ClientLink.objects.get(pk=issued.link.pk).used_at is None


def test_a_revoked_link_takes_nothing(client, org_a, case):
    from tenants.clientlinks.services import case_link_revoke

    issued = _issued(org_a, case)
    with in_schema(org_a.organisation):
        case_link_revoke(
            actor=member(org_a, Role.DIVISION_HEAD), case_id=case.pk, link_id=issued.link.pk
        )
    assert client.post(f"/tautan/{issued.token}/", ANSWER).status_code == 410
    assert _contributions(org_a) == []


def test_staff_make_the_link_from_the_case_page_form(client, org_a, case):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(
        f"/org/{org_a.organisation.slug}/cases/{case.pk}/links/",
        {"purpose": "contribution", "explanation": "Untuk paralegal desa"},
    )
    assert response.status_code == 200
    assert "/tautan/" in response.content.decode()
    link = ClientLink.objects.get()
    assert (link.purpose, link.request) == ("contribution", {"explanation": "Untuk paralegal desa"})


def test_the_owner_reviews_what_came_through_the_link_on_the_case_page(client, org_a, case):
    issued = _issued(org_a, case)
    client.post(f"/tautan/{issued.token}/", ANSWER)
    contribution_id = _contributions(org_a)[0][0]
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    page = f"/org/{org_a.organisation.slug}/cases/{case.pk}/"
    shown = client.get(page).content.decode()
    assert ANSWER["body"] in shown and "Pak Darto" in shown
    assert f"contributions/{contribution_id}/review/" in shown
    links_page = client.get(f"{page}links/").content.decode()
    assert "Pak Darto" in links_page  # the link's row says whose contribution came in
    response = client.post(
        f"{page}contributions/{contribution_id}/review/", {"decision": "accept", "note": ""}
    )
    assert response.status_code == 302
    assert _contributions(org_a)[0][1] == ContributionStatus.ACCEPTED


def test_a_rejection_without_a_reason_changes_nothing(client, org_a, case):
    issued = _issued(org_a, case)
    client.post(f"/tautan/{issued.token}/", ANSWER)
    before = _contributions(org_a)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    url = f"/org/{org_a.organisation.slug}/cases/{case.pk}/contributions/{before[0][0]}/review/"
    client.post(url, {"decision": "reject", "note": ""})
    assert _contributions(org_a) == before


def test_the_api_makes_a_contribution_link(client, org_a, case):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    made = client.post(
        f"/org/{org_a.organisation.slug}/api/v1/cases/{case.pk}/links/",
        {"purpose": "contribution", "explanation": "Untuk paralegal desa"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    assert made.json()["purpose"] == "contribution" and "/tautan/" in made.json()["url"]
    too_long = client.post(
        f"/org/{org_a.organisation.slug}/api/v1/cases/{case.pk}/links/",
        {"purpose": "contribution", "explanation": "x" * 2001},
        content_type="application/json",
    )
    assert too_long.status_code == 400
    assert ClientLink.objects.count() == 1
