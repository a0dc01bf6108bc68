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


NEW_FIELDS = {
    "filer_name": "Siti Aminah",
    "filer_relation": "kakak",
    "contact_channel": "email",
    "contact_email": "siti@example.org",
    "contact_safety": "Jangan telepon; e-mail saja.",
    "happened_from": "2025-01-10",
    "happened_until": "2025-03-01",
    "members": [
        {"name": "Ani", "contact_phone": "+886 912 345 678", "home_region": "Jawa Tengah"},
        {"name": "Dewi", "note": "Paspornya juga ditahan."},
    ],
}


def test_the_filer_channel_safety_dates_and_members_are_saved(client, world, db):
    response = client.post(URL, {**VALID, **NEW_FIELDS}, content_type="application/json")
    assert response.status_code == 201, response.content
    complaint = Complaint.objects.get(receipt_code=response.json()["receipt_code"])
    assert (complaint.filer_name, complaint.filer_relation) == ("Siti Aminah", "kakak")
    assert complaint.contact_channel == "email"
    assert complaint.contact_safety == "Jangan telepon; e-mail saja."
    assert str(complaint.happened_from) == "2025-01-10"
    assert str(complaint.happened_until) == "2025-03-01"
    assert [m.name for m in complaint.members.all()] == ["Ani", "Dewi"]


def test_without_the_new_fields_the_channel_follows_the_address_given(client, world, db):
    body = {**VALID, "contact_phone": "+886 912 345 678"}
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 201
    complaint = Complaint.objects.get(receipt_code=response.json()["receipt_code"])
    assert complaint.contact_channel == "whatsapp" and complaint.happened_from is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"contact_channel": "pigeon"}, "contact_channel"),
        ({"contact_channel": "email", "contact_email": ""}, "contact_email"),
        ({"contact_channel": "whatsapp", "contact_phone": ""}, "contact_phone"),
        ({"contact_safety": "x" * 301}, "contact_safety"),
        ({"contact_safety": "aman\u202esetelah"}, "contact_safety"),
        ({"filer_name": "x" * 201}, "filer_name"),
        ({"filer_relation": "x" * 101}, "filer_relation"),
        ({"happened_from": "2025-13-45"}, "happened_from"),
        ({"happened_from": "kemarin"}, "happened_from"),
        ({"happened_from": "2999-01-01"}, "happened_from"),
        ({"happened_from": "1960-01-01"}, "happened_from"),
        ({"happened_until": "2024-01-01"}, "happened_until"),  # before the start
        ({"members": "Ani"}, "members"),
        ({"members": [{"contact_phone": "+886 912 345 678"}]}, "members"),
        ({"members": [{"name": "Ani", "contact_phone": "call me"}]}, "members"),
        ({"members": [{"name": "Ani", "contact_email": "not-an-email"}]}, "members"),
        ({"members": [{"name": f"Pekerja {n}"} for n in range(31)]}, "members"),
    ],
)
def test_each_bad_new_field_is_a_400_naming_it_and_nothing_is_saved(
    client, world, db, change, field
):
    before = _counts()
    body = {**VALID, **NEW_FIELDS, **change}
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 400, (change, response.content)
    fields = response.json()["error"]["fields"]
    assert any(name == field or name.startswith(f"{field}.") for name in fields), fields
    assert _counts() == before
