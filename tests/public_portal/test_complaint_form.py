"""The portal complaint form: works without JavaScript, keeps what was typed, says what is wrong."""

from __future__ import annotations

import re

from hub.intake.models import Complaint

VALID = {
    "reporter_type": "worker",
    "reporter_name": "Sri Wahyuni",
    "contact_phone": "+852 6123 4567",
    "country_of_work": "HK",
    "work_city": "Sha Tin",
    "issue_types": ["unpaid_wages", "documents_withheld"],
    "narrative": "Gaji saya dipotong agensi dan paspor saya ditahan.",
    "organisation": "network",
    "consent_contact": "on",
    "consent_statistics": "on",
}


def test_form_page_renders_in_indonesian_without_scripts(client, world, db):
    page = client.get("/pengaduan/").content.decode()
    assert "Kirim pengaduan" in page
    # Only the quick exit's own file: the page works without it.
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/hub/quick-exit.js" defer>']
    assert "Biarkan jaringan memilih" in page


def test_valid_complaint_redirects_to_a_receipt_with_the_code(client, org_a, org_b):
    response = client.post("/pengaduan/", VALID)
    assert response.status_code == 302
    complaint = Complaint.objects.get(reporter_name="Sri Wahyuni")
    assert response["Location"] == f"/tanda-terima/{complaint.receipt_code}/"
    receipt = client.get(response["Location"]).content.decode()
    assert complaint.receipt_code in receipt and "Sri" not in receipt
    assert complaint.consent.statistics and not complaint.consent.share


def test_errors_are_listed_in_indonesian_and_nothing_typed_is_lost(client, world, db):
    body = {**VALID, "narrative": "", "contact_phone": "abc"}
    response = client.post("/pengaduan/", body)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Periksa kembali formulir" in page
    assert "Isian ini wajib diisi" in page
    assert 'value="Sri Wahyuni"' in page and 'value="Sha Tin"' in page
    assert not Complaint.objects.filter(reporter_name="Sri Wahyuni").exists()


def test_honeypot_filled_by_a_bot_is_refused(client, world, db):
    response = client.post("/pengaduan/", {**VALID, "website": "http://spam.example"})
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_unknown_organisation_choice_is_refused(client, world, db):
    response = client.post("/pengaduan/", {**VALID, "organisation": "no-such-org"})
    assert response.status_code == 400
    assert not Complaint.objects.exists()
