"""The public complaint API: clear 4xx for bad input, nothing written; no personal data out."""

from __future__ import annotations

import pytest

from hub.consent.models import ConsentRecord
from hub.intake.models import Complaint, ComplaintStatus

URL = "/api/v1/public/complaints/"
VALID = {
    "reporter_type": "family",
    "reporter_name": "Wati",
    "country_of_work": "TW",
    "home_region": "Jawa Barat",
    "issue_types": ["excessive_fees"],
    "narrative": "Adik saya dipotong gajinya sembilan bulan.",
    "consent": {"contact": True, "share": False, "refer": False, "statistics": True},
}


def _counts():
    return Complaint.objects.count(), ConsentRecord.objects.count()


def test_network_choice_routes_to_the_matching_organisation(client, org_b):
    response = client.post(URL, VALID, content_type="application/json")
    assert response.status_code == 201
    complaint = Complaint.objects.get(receipt_code=response.json()["receipt_code"])
    assert complaint.handling_organisation == org_b.organisation  # TW + Jawa Barat + fees
    assert complaint.status == ComplaintStatus.INBOX


def test_no_matching_organisation_goes_to_triage(client, world, db):
    body = {**VALID, "country_of_work": "JP", "home_region": "Papua", "issue_types": ["other"]}
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["status"] == "triage"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({k: v for k, v in VALID.items() if k != "narrative"}, "narrative"),
        ({**VALID, "issue_types": "excessive_fees"}, "issue_types"),
        ({**VALID, "issue_types": []}, "issue_types"),
        ({**VALID, "country_of_work": "Taiwan"}, "country_of_work"),
        ({**VALID, "reporter_type": "robot"}, "reporter_type"),
        ({**VALID, "organisation": "no-such-org"}, "organisation"),
        ({**VALID, "consent": {"contact": "maybe"}}, "consent.contact"),
        ({**VALID, "narrative": "x" * 20001}, "narrative"),
        ({**VALID, "contact_email": "not-an-email"}, "contact_email"),
        ({**VALID, "issue_types": ["no_such_issue"]}, "issue_types"),
    ],
)
def test_bad_fields_get_400_with_the_field_named_and_nothing_written(
    client, world, db, body, field
):
    before = _counts()
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["message"]
    assert field in error["fields"], error
    assert _counts() == before


def test_malformed_json_is_400(client, world, db):
    before = _counts()
    response = client.post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"
    assert _counts() == before


def test_non_object_json_is_400(client, world, db):
    response = client.post(URL, "[1, 2]", content_type="application/json")
    assert response.status_code == 400
    assert "error" in response.json()


def test_oversized_body_is_413(client, world, db):
    before = _counts()
    body = '{"narrative": "' + "x" * (2 * 1024 * 1024) + '"}'
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert _counts() == before


def test_wrong_content_type_is_415(client, world, db):
    response = client.post(URL, "a=b", content_type="text/plain")
    assert response.status_code == 415
    assert "error" in response.json()


def test_status_of_unknown_or_malformed_code_is_404(client, world, db):
    assert client.get(f"{URL}RP-2222-2222/").status_code == 404
    response = client.get(f"{URL}not-a-code/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_status_never_shows_personal_data(client, world, db):
    code = client.post(URL, VALID, content_type="application/json").json()["receipt_code"]
    body = client.get(f"{URL}{code.lower()}/").json()
    assert body["receipt_code"] == code
    assert "Wati" not in str(body) and "sembilan" not in str(body)


def test_directory_lists_member_organisations_but_not_the_template(client, org_a, org_b):
    slugs = [o["slug"] for o in client.get("/api/v1/public/organisations/").json()]
    assert org_a.organisation.slug in slugs and org_b.organisation.slug in slugs
    assert "template-schema" not in slugs
