"""The "my cases" dashboard and the clocks on the case page and in the API: what each role
sees, with the time frozen on Monday 10 August 2026, 10:00 in Jakarta."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.apps import apps
from freezegun import freeze_time

from hub.accounts.roles import Role
from tenants.cases.decisions import decision_request_create
from tenants.cases.models import Case
from tenants.clocks.dashboard import my_dashboard
from tests.builders import in_schema, member, org_api
from tests.tenants.clocks.facts import hkt, hong_kong, registered, taken, wib

NOW = wib(2026, 8, 10, 10, 0)


@pytest.fixture
def office(org_a):
    """Three cases: one the consultation lawyer took on Friday (its service clock overdue), one
    still in the queue, and a restricted one nobody has taken since Friday."""
    mine = registered(org_a, wib(2026, 8, 7, 9, 0), title="Gaji tidak dibayar")
    taken(org_a, mine, wib(2026, 8, 7, 9, 30))
    queued = registered(org_a, wib(2026, 8, 10, 9, 0), title="Paspor ditahan")
    secret = registered(org_a, wib(2026, 8, 7, 9, 0), title="Kekerasan seksual")
    with in_schema(org_a.organisation):
        Case.objects.filter(pk=secret.pk).update(restricted=True)
    return {"mine": mine, "queued": queued, "secret": secret}


def _board(org, role):
    with in_schema(org.organisation):
        return my_dashboard(actor=member(org, role), now=NOW)


def _page(client, org, role, path="my/"):
    client.force_login(org.users[role])
    with freeze_time(NOW):
        return client.get(f"/org/{org.organisation.slug}/{path}")


def test_the_consultation_lawyer_sees_the_overdue_clock_first_and_the_queue(org_a, office):
    board = _board(org_a, Role.CONSULTATION_LAWYER)
    first = board.attention[0]
    assert (first.case.pk, first.clock.code, first.clock.state) == (
        office["mine"].pk,
        "service",
        "overdue",
    )
    assert [row.case.pk for row in board.mine] == [office["mine"].pk]
    assert [row.case.pk for row in board.queue] == [office["queued"].pk]
    assert board.decisions is None
    assert board.office_overdue is None


def test_the_division_head_sees_requests_to_decide_and_every_overdue_clock(org_a, office):
    with in_schema(org_a.organisation):
        request = decision_request_create(
            actor=member(org_a, Role.CONSULTATION_LAWYER),
            case_id=office["mine"].pk,
            move="case_meeting",
            reason="Perlu rapat kasus",
        )
    board = _board(org_a, Role.DIVISION_HEAD)
    assert [r.pk for r in board.decisions] == [request.pk]
    assert board.queue is None
    overdue = {(row.case.pk, row.clock.code) for row in board.office_overdue}
    assert (office["secret"].pk, "disposition") in overdue
    assert (office["mine"].pk, "service") in overdue
    assert board.office_overdue_count == len(board.office_overdue)
    assert board.mine == []  # the head works on none of them


def test_a_restricted_case_does_not_reach_staff_who_are_not_assigned(client, org_a, office):
    secret = office["secret"]
    for role in (Role.CASE_LAWYER, Role.CONSULTATION_LAWYER, Role.RECEPTIONIST):
        board = _board(org_a, role)
        listed = {row.case.pk for row in board.mine + board.attention + (board.queue or [])}
        assert secret.pk not in listed, role
        page = _page(client, org_a, role)
        assert page.status_code == 200
        assert secret.number not in page.content.decode()
        client.force_login(org_a.users[role])
        with freeze_time(NOW):
            api = client.get(org_api(org_a, "my-dashboard/"))
            clocks = client.get(org_api(org_a, f"cases/{secret.pk}/clocks/"))
        assert str(secret.number) not in api.content.decode()
        assert clocks.status_code == 404


@pytest.mark.skipif(
    not apps.is_installed("tenants.clientlinks"), reason="client links are not installed"
)
def test_client_answers_waiting_for_review_are_listed_for_the_staff_of_the_case(org_a, office):
    from hub.links.models import ClientLink

    answered = ClientLink.objects.create(
        organisation=org_a.organisation,
        case_id=office["mine"].pk,
        purpose="verification",
        nonce_hash="x" * 64,
        created_by_label="pbh",
        expires_at=NOW + timedelta(days=7),
        used_at=NOW - timedelta(hours=1),
        needs_review=True,
    )
    assert [link.pk for link in _board(org_a, Role.CONSULTATION_LAWYER).answers] == [answered.pk]
    assert _board(org_a, Role.CASE_LAWYER).answers == []  # not their case
    assert [link.pk for link in _board(org_a, Role.DIVISION_HEAD).answers] == [answered.pk]


def test_the_dashboard_page_shows_what_is_due_and_what_waits(client, org_a, office):
    page = _page(client, org_a, Role.CONSULTATION_LAWYER)
    text = page.content.decode()
    assert page.status_code == 200
    assert office["mine"].number in text and office["queued"].number in text
    assert "badge danger" in text  # the overdue service clock
    assert "Asia/Jakarta" in text


def test_the_head_page_lists_the_office_overdue_clocks(client, org_a, office):
    text = _page(client, org_a, Role.DIVISION_HEAD).content.decode()
    assert office["secret"].number in text


def test_an_analyst_gets_the_aggregate_only_page_and_a_refusal_from_the_api(client, org_a):
    page = _page(client, org_a, Role.ANALYST)
    assert page.status_code == 200
    assert "badge danger" not in page.content.decode()
    with freeze_time(NOW):
        assert client.get(org_api(org_a, "my-dashboard/")).status_code == 403


def test_the_dashboard_api_says_what_is_due_and_what_waits(client, org_a, office):
    client.force_login(org_a.users[Role.CONSULTATION_LAWYER])
    with freeze_time(NOW):
        body = client.get(org_api(org_a, "my-dashboard/")).json()
    assert body["attention"][0]["case"]["id"] == office["mine"].pk
    assert body["attention"][0]["clock"]["state"] == "overdue"
    assert body["attention"][0]["clock"]["due_at"] == "2026-08-07T15:30:00+07:00"
    assert [row["case"]["id"] for row in body["waiting"]["queue"]] == [office["queued"].pk]
    assert body["waiting"]["decisions"] is None
    assert body["office_overdue"] is None
    assert [row["case"]["id"] for row in body["mine"]] == [office["mine"].pk]


def test_the_my_cases_api_keeps_its_shape(client, org_a, office):
    client.force_login(org_a.users[Role.CONSULTATION_LAWYER])
    body = client.get(org_api(org_a, "my-cases/")).json()
    assert [row["id"] for row in body["results"]] == [office["mine"].pk]


def test_the_case_api_lists_every_clock_with_its_state(client, org_a, office):
    client.force_login(org_a.users[Role.CONSULTATION_LAWYER])
    with freeze_time(NOW):
        clocks = client.get(org_api(org_a, f"cases/{office['mine'].pk}/clocks/")).json()
    states = {c["code"]: c["state"] for c in clocks}
    assert states == {
        "data_entry": "not_applicable",
        "disposition": "met",
        "service": "overdue",
        "chronology": "overdue",  # one working day from Friday 09:30: Monday 09:30
        "plan": "overdue",
        "monitoring": "waiting",
    }
    assert {c["zone"] for c in clocks} == {"Asia/Jakarta"}


def test_the_case_page_shows_its_clocks_in_the_office_time_zone(client, org_b):
    hong_kong(org_b)
    case = registered(org_b, hkt(2026, 6, 30, 15, 0))
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    with freeze_time(hkt(2026, 7, 1, 9, 0)):
        page = client.get(f"/org/{org_b.organisation.slug}/cases/{case.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert 'id="clocks-title"' in text
    assert "02 Jul 2026 15:00" in text  # 1 July is a holiday in Hong Kong
    assert "Asia/Hong_Kong" in text


def test_the_home_page_leads_to_my_cases_and_the_admin_to_the_settings(client, org_a):
    slug = org_a.organisation.slug
    lawyer = _page(client, org_a, Role.CASE_LAWYER, path="").content.decode()
    assert f"/org/{slug}/my/" in lawyer
    assert f"/org/{slug}/settings/clocks/" not in lawyer
    admin = _page(client, org_a, Role.OFFICE_ADMIN, path="").content.decode()
    assert f"/org/{slug}/settings/clocks/" in admin
