"""The services page of a case and its forms, as staff use them in the browser; print views."""

from __future__ import annotations

import pytest

from hub.accounts.roles import Role
from tenants.care.models import Assessment, Intervention, PlanState, ServicePlan
from tests.builders import in_schema, registered_case


@pytest.fixture
def case(org_a):
    return registered_case(org_a.organisation, "Gaji tidak dibayar")


def _page(org, case, tail=""):
    return f"/org/{org.organisation.slug}/cases/{case.pk}/care/{tail}"


def test_the_division_head_sees_every_form(client, org_a, case):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    page = client.get(_page(org_a, case))
    assert page.status_code == 200
    html = page.content.decode()
    for action in ("care/assessment/", "care/plans/", "care/interventions/", "care/reviews/"):
        assert action in html, action


def test_a_lawyer_not_on_the_case_reads_without_forms(client, org_a, case):
    client.force_login(org_a.users[Role.CASE_LAWYER])
    html = client.get(_page(org_a, case)).content.decode()
    assert "care/assessment/" not in html and 'care/interventions/"' not in html


def test_an_assessment_from_the_form_is_saved_and_shown(client, org_a, case):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(
        _page(org_a, case, "assessment/"),
        {
            "assessed_on": "2026-11-02",
            "needs": ["legal", "shelter"],
            "risk_level": "medium",
            "problem": "Gaji 5 bulan tidak dibayar",
            "urgency": "routine",
        },
    )
    assert response.status_code == 302
    page = client.get(_page(org_a, case)).content.decode()
    assert "Gaji 5 bulan tidak dibayar" in page
    with in_schema(org_a.organisation):
        assert Assessment.objects.get().needs == ["legal", "shelter"]


def test_a_wrong_form_says_why_and_saves_nothing(client, org_a, case):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(
        _page(org_a, case, "interventions/"),
        {"service": "", "started_on": "bukan tanggal", "description": ""},
        follow=True,
    )
    assert response.status_code == 200
    assert any(m.level_tag == "error" for m in response.context["messages"])
    with in_schema(org_a.organisation):
        assert not Intervention.objects.exists()


def test_the_plan_is_drafted_given_a_goal_and_agreed_in_person(client, org_a, case, png):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(org_a.users[Role.DIVISION_HEAD])
    client.post(_page(org_a, case, "plans/"), {"note": "Awal"})
    with in_schema(org_a.organisation):
        plan = ServicePlan.objects.get()
    client.post(
        _page(org_a, case, f"plans/{plan.pk}/goals/"), {"term": "short", "description": "Aman"}
    )
    client.post(
        f"/org/{org_a.organisation.slug}/cases/{case.pk}/documents/add/",
        {"file": SimpleUploadedFile("setuju.png", png), "title": "Persetujuan rencana"},
    )
    with in_schema(org_a.organisation):
        document = case.documents.get()
    client.post(
        _page(org_a, case, f"plans/{plan.pk}/agreement/"),
        {"agreed": "1", "document_id": document.pk},
    )
    with in_schema(org_a.organisation):
        plan.refresh_from_db()
        assert (plan.state, plan.agreement_document_id) == (PlanState.AGREED, document.pk)


@pytest.mark.parametrize("record", ["assessment", "plan", "services", "termination"])
def test_every_record_has_a_print_view(client, org_a, case, record):
    client.force_login(org_a.users[Role.CASE_LAWYER])
    page = client.get(_page(org_a, case, f"print/{record}/"))
    assert page.status_code == 200
    assert b"print.css" in page.content and case.number.encode() in page.content


def test_an_unknown_print_view_is_404(client, org_a, case):
    client.force_login(org_a.users[Role.CASE_LAWYER])
    assert client.get(_page(org_a, case, "print/diary/")).status_code == 404
