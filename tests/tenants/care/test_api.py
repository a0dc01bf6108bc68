"""The care API: the whole record in one read, one endpoint per record; refusals are 4xx in
the error shape and write nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hub.accounts.roles import Role
from tests.builders import in_schema, org_api, registered_case


@pytest.fixture
def case(org_a):
    return registered_case(org_a.organisation, "Penyiksaan di Hong Kong")


@pytest.fixture
def head(client, org_a):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    return client


def _post(client, org, case, path, body, method="post"):
    return getattr(client, method)(
        org_api(org, f"cases/{case.pk}/{path}"), body, content_type="application/json"
    )


def test_a_plan_is_drafted_given_a_goal_and_a_step_and_read_back(head, org_a, case):
    assessment = _post(
        head,
        org_a,
        case,
        "assessments/",
        {
            "assessed_on": "2026-11-02",
            "risk_level": "high",
            "urgency": "urgent",
            "problem": "Dipukul majikan",
            "needs": ["shelter", "psychosocial"],
        },
    )
    assert assessment.status_code == 201, assessment.content
    plan = _post(head, org_a, case, "plans/", {"note": "Awal"})
    assert plan.status_code == 201 and plan.json()["state"] == "draft"
    plan_id = plan.json()["id"]
    goal = _post(
        head, org_a, case, f"plans/{plan_id}/goals/", {"term": "short", "description": "Aman"}
    )
    assert goal.status_code == 201, goal.content
    step = _post(
        head,
        org_a,
        case,
        f"goals/{goal.json()['id']}/steps/",
        {"who": "Konselor", "what": "Antar ke shelter", "due_on": "2026-12-01"},
    )
    assert step.status_code == 201, step.content
    record = head.get(org_api(org_a, f"cases/{case.pk}/care/")).json()
    assert record["assessments"][0]["needs"] == ["shelter", "psychosocial"]
    assert record["plans"][0]["goals"][0]["steps"][0]["who"] == "Konselor"
    assert record["termination"] is None


def test_a_service_a_contact_a_review_and_a_conference(head, org_a, case):
    service = _post(
        head,
        org_a,
        case,
        "interventions/",
        {"service": "health", "started_on": "2026-11-03", "description": "Visum di RSUD"},
    )
    assert service.status_code == 201, service.content
    ended = _post(
        head,
        org_a,
        case,
        f"interventions/{service.json()['id']}/",
        {"ended_on": "2026-11-04", "outcome": "Visum keluar"},
        method="patch",
    )
    assert ended.status_code == 200 and ended.json()["ended_on"] == "2026-11-04"
    contact = _post(
        head,
        org_a,
        case,
        "contacts/",
        {"kind": "phone", "at": "2026-11-05T10:00:00+07:00", "progress": "Membaik"},
    )
    assert contact.status_code == 201, contact.content
    review = _post(head, org_a, case, "reviews/", {"held_on": "2026-11-20", "progress": "Baik"})
    assert review.status_code == 201, review.content
    conference = _post(
        head,
        org_a,
        case,
        "conferences/",
        {"held_on": "2026-11-02", "participants": "Kabid\nKonselor", "decisions": "Rujuk"},
    )
    assert conference.status_code == 201, conference.content


def test_a_document_of_a_service_is_uploaded_multipart(head, org_a, case, png):
    service = _post(
        head,
        org_a,
        case,
        "interventions/",
        {"service": "health", "started_on": "2026-11-03", "description": "Visum"},
    ).json()
    response = head.post(
        org_api(org_a, f"cases/{case.pk}/interventions/{service['id']}/documents/"),
        {"file": SimpleUploadedFile("visum.png", png), "title": "Visum"},
    )
    assert response.status_code == 201, response.content
    record = head.get(org_api(org_a, f"cases/{case.pk}/care/")).json()
    assert record["interventions"][0]["document_ids"] == [response.json()["id"]]


def test_the_termination_report_is_written_then_rewritten_with_its_version(head, org_a, case):
    body = {"reason": "goals_met", "report": "Selesai", "satisfaction": 4}
    first = _post(head, org_a, case, "termination/", body, method="put")
    assert first.status_code == 200 and first.json()["version"] == 1
    stale = _post(
        head, org_a, case, "termination/", {**body, "satisfaction": 5, "version": 9}, method="put"
    )
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "stale_version"
    again = _post(
        head, org_a, case, "termination/", {**body, "satisfaction": 5, "version": 1}, method="put"
    )
    assert again.json()["satisfaction"] == 5


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("assessments/", {"assessed_on": "kemarin"}, "assessed_on"),
        (
            "interventions/",
            {"service": "magic", "started_on": "2026-11-01", "description": "x"},
            "service",
        ),
        ("contacts/", {"kind": "phone", "at": "2026-11-05T10:00:00+07:00"}, "progress"),
        ("termination/", {"reason": "goals_met", "report": "x", "satisfaction": 8}, "satisfaction"),
    ],
)
def test_wrong_input_is_a_400_naming_the_field_and_writes_nothing(
    head, org_a, case, path, body, field
):
    method = "put" if path == "termination/" else "post"
    before = head.get(org_api(org_a, f"cases/{case.pk}/care/")).json()
    response = _post(head, org_a, case, path, body, method=method)
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"], response.json()
    assert head.get(org_api(org_a, f"cases/{case.pk}/care/")).json() == before


def test_a_form_encoded_body_is_refused_with_415(head, org_a, case):
    response = head.post(org_api(org_a, f"cases/{case.pk}/reviews/"), {"held_on": "2026-11-01"})
    assert response.status_code == 415


def test_an_agreement_in_person_needs_the_signed_form(head, org_a, case):
    plan = _post(head, org_a, case, "plans/", {}).json()
    response = _post(head, org_a, case, f"plans/{plan['id']}/agreement/", {"agreed": True})
    assert response.status_code == 400 and "document_id" in response.json()["error"]["fields"]


def test_an_analyst_reads_no_care_record(client, org_a, case):
    client.force_login(org_a.users[Role.ANALYST])
    assert client.get(org_api(org_a, f"cases/{case.pk}/care/")).status_code == 403


def test_a_goal_is_removed_from_a_draft_only(head, org_a, case):
    plan = _post(head, org_a, case, "plans/", {}).json()
    goal = _post(
        head, org_a, case, f"plans/{plan['id']}/goals/", {"term": "long", "description": "Kerja"}
    ).json()
    removed = head.delete(org_api(org_a, f"cases/{case.pk}/goals/{goal['id']}/"))
    assert removed.status_code == 204
    with in_schema(org_a.organisation):
        from tenants.care.models import Goal

        assert not Goal.objects.filter(pk=goal["id"]).exists()
