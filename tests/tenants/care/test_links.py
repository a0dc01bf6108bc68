"""The client answers the service plan and the termination report through a client link:
once, in their own words, and the answer is recorded by the care services."""

from __future__ import annotations

import pytest

from hub.accounts.roles import Role
from hub.core.models import AuditEvent
from hub.links.models import ClientLink
from tenants.care.models import PlanState, ServicePlan, Termination
from tenants.care.plans import goal_add, plan_draft
from tenants.care.termination import TerminationData, termination_write
from tenants.clientlinks.services import case_link_create
from tests.builders import in_schema, member, registered_case


@pytest.fixture
def case(org_a):
    return registered_case(org_a.organisation, "Kekerasan di Riyadh")


@pytest.fixture
def drafted(org_a, case):
    head = member(org_a, Role.DIVISION_HEAD)
    with in_schema(org_a.organisation):
        plan = plan_draft(actor=head, case_id=case.pk)
        goal_add(
            actor=head,
            case_id=case.pk,
            plan_id=plan.pk,
            term="short",
            description="Klien aman di rumah aman",
            barriers="Takut keluar",
        )
    return plan


def _link(org, case, purpose, **asked):
    with in_schema(org.organisation):
        return case_link_create(
            actor=member(org, Role.DIVISION_HEAD), case_id=case.pk, purpose=purpose, asked=asked
        )


def _plan(org, plan) -> ServicePlan:
    with in_schema(org.organisation):
        return ServicePlan.objects.get(pk=plan.pk)


def test_the_client_reads_the_plan_and_agrees_once(client, org_a, case, drafted):
    issued = _link(org_a, case, "plan_agreement", explanation="Mohon dibaca")
    page = client.get(f"/tautan/{issued.token}/")
    assert page.status_code == 200
    assert "Klien aman di rumah aman" in page.content.decode()
    answered = client.post(f"/tautan/{issued.token}/", {"answer": "agree", "note": "Setuju"})
    assert answered.status_code == 200, answered.content
    plan = _plan(org_a, drafted)
    assert (plan.state, plan.agreement_method, plan.agreement_link_id) == (
        PlanState.AGREED,
        "link",
        issued.link.pk,
    )
    again = client.post(f"/tautan/{issued.token}/", {"answer": "refuse"})
    assert again.status_code == 410
    assert _plan(org_a, drafted).state == PlanState.AGREED


def test_a_refusal_waits_for_staff_with_the_clients_words(client, org_a, case, drafted):
    issued = _link(org_a, case, "plan_agreement")
    client.post(f"/tautan/{issued.token}/", {"answer": "refuse", "note": "Saya mau pulang saja"})
    assert _plan(org_a, drafted).state == PlanState.REFUSED
    link = ClientLink.objects.get(pk=issued.link.pk)
    assert link.needs_review and link.answer["note"] == "Saya mau pulang saja"


def test_a_plan_answered_meanwhile_makes_the_link_stale_and_nothing_changes(
    client, org_a, case, drafted
):
    issued = _link(org_a, case, "plan_agreement")
    with in_schema(org_a.organisation):
        ServicePlan.objects.filter(pk=drafted.pk).update(state=PlanState.REFUSED)
        before = AuditEvent.objects.count()
    assert client.get(f"/tautan/{issued.token}/").status_code == 410
    assert client.post(f"/tautan/{issued.token}/", {"answer": "agree"}).status_code == 410
    with in_schema(org_a.organisation):
        assert AuditEvent.objects.count() == before
        assert ServicePlan.objects.get(pk=drafted.pk).state == PlanState.REFUSED


def test_no_plan_link_without_a_drafted_plan_with_goals(org_a, case):
    from hub.core.errors import DomainError

    with pytest.raises(DomainError) as refused:
        _link(org_a, case, "plan_agreement")
    assert refused.value.code == "plan_empty"
    assert not ClientLink.objects.exists()


def test_the_client_signs_the_termination_with_feedback_and_satisfaction(client, org_a, case):
    with in_schema(org_a.organisation):
        termination_write(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=case.pk,
            data=TerminationData(reason="goals_met", report="Gaji sudah dibayar"),
        )
    issued = _link(org_a, case, "termination")
    assert "Gaji sudah dibayar" in client.get(f"/tautan/{issued.token}/").content.decode()
    wrong = client.post(f"/tautan/{issued.token}/", {"answer": "agree", "satisfaction": "9"})
    assert wrong.status_code == 400
    done = client.post(
        f"/tautan/{issued.token}/",
        {"answer": "agree", "note": "Terima kasih banyak", "satisfaction": "5"},
    )
    assert done.status_code == 200, done.content
    with in_schema(org_a.organisation):
        termination = Termination.objects.get(case=case)
    assert (termination.signed_link_id, termination.client_feedback, termination.satisfaction) == (
        issued.link.pk,
        "Terima kasih banyak",
        5,
    )


def test_staff_send_the_plan_link_from_the_links_page(client, org_a, case, drafted):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(
        f"/org/{org_a.organisation.slug}/cases/{case.pk}/links/", {"purpose": "plan_agreement"}
    )
    assert response.status_code == 200
    assert "/tautan/" in response.content.decode()
    assert ClientLink.objects.get().purpose == "plan_agreement"
