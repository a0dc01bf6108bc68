"""The portal complaint form in short steps: works without JavaScript, keeps every answer across
a failed step and going back, says what is wrong, and files one complaint at Send."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image
from pypdf import PdfWriter

from hub.intake.models import Complaint, ComplaintAttachment
from tests.public_portal.complaint_walk import ANSWERS, post_step, state_of, step_of, walk_to_check


def _in_indonesian(text: str) -> str:
    with translation.override("id"):
        return html.escape(translation.gettext(text))


def pdf_file(name: str = "kontrak.pdf") -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


def jpeg_file(name: str = "slip.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.effect_noise((64, 48), 64).convert("RGB").save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def test_the_first_step_renders_in_indonesian_without_scripts(client, world, db):
    page = client.get("/pengaduan/").content.decode()
    assert _in_indonesian("Who is reporting") in page
    step_count = _in_indonesian("Step %(number)s of %(total)s") % {"number": 1, "total": 8}
    assert step_count in page
    # Only the quick exit's own file: the page works without it.
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/hub/quick-exit.js" defer>']
    assert "style=" not in page


def test_walking_every_step_files_one_complaint_with_every_answer(client, org_a, org_b):
    check = walk_to_check(client)
    page = check.content.decode()
    # The check page shows every answer, in words, with a way back to each step.
    for shown in ("Sri Wahyuni", "kakak", "Sha Tin", "PT Maju Jaya", "10 Januari 2025", "Ani"):
        assert shown in page, shown
    assert page.count('name="goto"') == 7
    response = post_step(client, check, action="send")
    assert response.status_code == 302
    complaint = Complaint.objects.get(reporter_name="Sri Wahyuni")
    assert response["Location"] == f"/tanda-terima/{complaint.receipt_code}/"
    assert (complaint.reporter_type, complaint.filer_name, complaint.filer_relation) == (
        "family",
        "Siti Aminah",
        "kakak",
    )
    assert complaint.contact_channel == "whatsapp"
    assert complaint.contact_phone == "+852 6123 4567"
    assert complaint.contact_email == "siti@example.org"
    assert complaint.contact_safety.startswith("Jangan telepon")
    assert (complaint.country_of_work, complaint.work_city, complaint.home_region) == (
        "HK",
        "Sha Tin",
        "Jawa Barat",
    )
    assert (complaint.employer_name, complaint.agency_name) == ("Keluarga Chan", "PT Maju Jaya")
    assert complaint.issue_types == ["unpaid_wages", "documents_withheld"]
    assert str(complaint.happened_from) == "2025-01-10"
    assert str(complaint.happened_until) == "2025-03-01"
    assert complaint.language == "id" and complaint.chosen_organisation is None
    assert complaint.consent.contact and complaint.consent.statistics
    assert not complaint.consent.share and not complaint.consent.refer
    assert [m.name for m in complaint.members.all()] == ["Ani", "Dewi"]
    receipt = client.get(response["Location"]).content.decode()
    assert complaint.receipt_code in receipt and "Sri" not in receipt


def test_a_failed_step_keeps_every_answer_of_it_and_of_the_others(client, world, db):
    response = client.get("/pengaduan/")
    response = post_step(client, response, ANSWERS[1])
    response = post_step(client, response, {**ANSWERS[2], "contact_phone": "call me"})
    assert response.status_code == 400 and step_of(response) == 2
    page = response.content.decode()
    assert _in_indonesian("Please check the form") in page
    assert 'href="#id_contact_phone"' in page and 'id="id_contact_phone"' in page
    assert 'value="call me"' in page and "Jangan telepon" in page  # this step's answers
    assert 'value="siti@example.org"' in page
    response = post_step(client, response, action="back")  # and the earlier ones
    assert response.status_code == 200 and step_of(response) == 1
    assert 'value="Sri Wahyuni"' in response.content.decode()


def test_back_never_checks_and_never_loses_what_was_typed(client, world, db):
    response = post_step(client, client.get("/pengaduan/"), ANSWERS[1])
    response = post_step(client, response, ANSWERS[2])
    response = post_step(client, response, ANSWERS[3])
    # Half of step 4 typed, one date malformed: Back takes it, unchecked.
    typed = {"narrative": "Paspor ditahan.", "happened_from": "2025-13-45"}
    response = post_step(client, response, typed, action="back")
    assert response.status_code == 200 and step_of(response) == 3
    assert 'value="Sha Tin"' in response.content.decode()
    response = post_step(client, response, ANSWERS[3])
    page = response.content.decode()
    assert step_of(response) == 4 and "Paspor ditahan." in page and 'value="2025-13-45"' in page
    # Next checks it: the malformed date is a field error, never a crash.
    response = post_step(client, response, typed)
    assert response.status_code == 400
    assert 'href="#id_happened_from"' in response.content.decode()


@pytest.mark.parametrize(
    ("step", "change", "field"),
    [
        (1, {"reporter_type": "family", "filer_name": ""}, "filer_name"),
        (1, {"reporter_name": "  "}, "reporter_name"),
        (2, {"contact_channel": "email", "contact_email": ""}, "contact_email"),
        (2, {"contact_channel": "pigeon"}, "contact_channel"),
        (2, {"contact_safety": "x" * 301}, "contact_safety"),
        (3, {"country_of_work": "FR"}, "country_of_work"),
        (4, {"happened_from": "2999-01-01"}, "happened_from"),
        (4, {"happened_from": "1900-01-01"}, "happened_from"),
        (4, {"happened_until": "2024-01-01"}, "happened_until"),  # before the start
        (4, {"issue_types": []}, "issue_types"),
        (4, {"narrative": "Ada\u202eteks terbalik"}, "narrative"),
        (5, {"m0_name": "", "m0_phone": "+852 5555 1234"}, "m0_name"),
        (5, {"m1_email": "not-an-email"}, "m1_email"),
        (6, {"organisation": "no-such-org"}, "organisation"),
    ],
)
def test_each_step_refuses_its_bad_input_with_a_link_to_the_field(
    client, world, db, step, change, field
):
    response = client.get("/pengaduan/")
    for number in range(1, step):
        response = post_step(client, response, ANSWERS[number])
    response = post_step(client, response, {**ANSWERS[step], **change})
    assert response.status_code == 400, field
    page = response.content.decode()
    assert step_of(response) == step
    anchor = re.search(rf'href="#(id_{field}(?:_0)?)"', page).group(1)
    assert f'id="{anchor}"' in page
    assert 'role="alert" tabindex="-1" autofocus' in page
    assert not Complaint.objects.exists()


def test_the_check_page_changes_a_step_and_returns_to_itself(client, world, db):
    check = walk_to_check(client)
    response = post_step(client, check, {"goto": "3"})
    assert step_of(response) == 3 and 'value="Sha Tin"' in response.content.decode()
    response = post_step(client, response, {**ANSWERS[3], "work_city": "Kowloon"})
    assert step_of(response) == 8 and "Kowloon" in response.content.decode()


def test_send_checks_everything_again_and_goes_to_the_step_at_fault(client, world, db):
    # Back does not check, so a bad answer can reach the check page; Send finds it.
    check = walk_to_check(client)
    response = post_step(client, check, {"goto": "2"})
    response = post_step(client, response, {**ANSWERS[2], "contact_phone": ""}, action="back")
    response = post_step(client, response, ANSWERS[1])  # Next from step 1 returns to the check
    assert step_of(response) == 8
    response = post_step(client, response, action="send")
    assert response.status_code == 400 and step_of(response) == 2
    assert 'href="#id_contact_phone"' in response.content.decode()
    assert not Complaint.objects.exists()


def test_the_service_refusal_goes_to_the_step_of_its_field(client, world, db):
    # The worker chooses "through the paralegal" but names none: the shared rules refuse it.
    answers = {
        **ANSWERS,
        1: {"reporter_type": "worker", "reporter_name": "Sri Wahyuni"},
        2: {"contact_channel": "paralegal"},
    }
    check = walk_to_check(client, answers)
    response = post_step(client, check, action="send")
    assert response.status_code == 400 and step_of(response) == 1
    assert 'href="#id_filer_name"' in response.content.decode()
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("state", ["", "garbage", "a" * 5000, "eyJ0IjoiIn0:1t:abc"])
def test_a_forged_or_garbled_state_is_a_clear_400(client, world, db, state):
    response = client.post("/pengaduan/", {"state": state, "step": "8", "action": "send"})
    assert response.status_code == 400
    assert _in_indonesian("Start the complaint again") in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_state_for_another_step_number_is_a_clear_400(client, world, db):
    first = client.get("/pengaduan/")
    for step in ("0", "9", "x"):
        response = client.post("/pengaduan/", {"state": state_of(first), "step": step})
        assert response.status_code == 400


def test_the_group_step_adds_rows_without_javascript_up_to_30(client, world, db):
    response = client.get("/pengaduan/")
    for number in range(1, 5):
        response = post_step(client, response, ANSWERS[number])
    page = response.content.decode()
    assert step_of(response) == 5 and len(re.findall(r'name="m\d+_name"', page)) == 3
    assert (
        _in_indonesian(
            "Your consent is only for yourself. Each worker you list will be asked for their "
            "own consent before their data is shared or counted."
        )
        in page
    )
    response = post_step(client, response, {"m0_name": "Ani"}, action="rows")
    page = response.content.decode()
    assert page.count('name="m5_name"') == 1 and 'value="Ani"' in page
    for _ in range(12):
        response = post_step(client, response, action="rows")
    page = response.content.decode()
    assert 'name="m29_name"' in page and 'name="m30_name"' not in page
    assert 'value="rows"' not in page
    assert len(response.content) + _css_bytes() < 30_000  # HTML and CSS as sent


def test_attachments_are_uploaded_listed_removed_and_claimed(client, world, db):
    response = client.get("/pengaduan/")
    for number in range(1, 4):
        response = post_step(client, response, ANSWERS[number])
    page = response.content.decode()
    assert 'enctype="multipart/form-data"' in page and 'type="file"' in page
    response = post_step(
        client, response, {**ANSWERS[4], "attachments": [pdf_file(), jpeg_file()]}, "upload"
    )
    page = response.content.decode()
    assert response.status_code == 200 and "kontrak.pdf" in page and "slip.jpg" in page
    slip = ComplaintAttachment.objects.get(original_name="slip.jpg")
    response = post_step(client, response, {**ANSWERS[4], "remove": str(slip.pk)})
    assert "slip.jpg" not in response.content.decode()
    response = post_step(client, response, ANSWERS[4])  # Next
    assert step_of(response) == 5
    for number in range(5, 8):
        response = post_step(client, response, ANSWERS[number])
    assert "kontrak.pdf" in response.content.decode()  # on the check page
    response = post_step(client, response, action="send")
    complaint = Complaint.objects.get()
    assert [a.original_name for a in complaint.attachments.all()] == ["kontrak.pdf"]
    assert not ComplaintAttachment.objects.filter(complaint__isnull=True).exists()


@pytest.mark.parametrize(
    ("upload", "said"),
    [
        (SimpleUploadedFile("surat.pdf", b"MZ\x90\x00" + b"\x00" * 300), "surat.pdf"),
        (SimpleUploadedFile("halaman.html", b"<!doctype html><p>hai</p>"), "halaman.html"),
        (SimpleUploadedFile("besar.pdf", b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024)), "10 MB"),
    ],
)
def test_a_refused_file_is_a_field_error_and_loses_nothing_else(client, world, db, upload, said):
    response = client.get("/pengaduan/")
    for number in range(1, 4):
        response = post_step(client, response, ANSWERS[number])
    response = post_step(client, response, {**ANSWERS[4], "attachments": [upload]})
    assert response.status_code == 400 and step_of(response) == 4
    page = response.content.decode()
    assert said in page and 'href="#id_attachments"' in page
    assert ANSWERS[4]["narrative"] in page and 'value="2025-01-10"' in page
    assert not ComplaintAttachment.objects.exists()


def test_a_sixth_file_is_refused_with_a_message(client, world, db):
    response = client.get("/pengaduan/")
    for number in range(1, 4):
        response = post_step(client, response, ANSWERS[number])
    files = [jpeg_file(f"slip{n}.jpg") for n in range(6)]
    response = post_step(client, response, {**ANSWERS[4], "attachments": files}, "upload")
    assert response.status_code == 400
    assert "slip5.jpg" in response.content.decode()
    assert ComplaintAttachment.objects.count() == 5


def test_dates_in_the_future_are_refused_at_theirstep_of(client, world, db):
    tomorrow = timezone.localdate().toordinal() + 1
    from datetime import date

    response = client.get("/pengaduan/")
    for number in range(1, 4):
        response = post_step(client, response, ANSWERS[number])
    late = {**ANSWERS[4], "happened_until": date.fromordinal(tomorrow).isoformat()}
    response = post_step(client, response, late)
    assert response.status_code == 400
    assert _in_indonesian("This date is in the future.") in response.content.decode()


def _css_bytes() -> int:
    return Path(finders.find("hub/hub.css")).stat().st_size


def test_each_step_page_stays_under_30_kb_with_its_css(client, world, db):
    response = client.get("/pengaduan/")
    for number in range(1, 8):
        assert len(response.content) + _css_bytes() < 30_000, number
        response = post_step(client, response, ANSWERS[number])
    assert len(response.content) + _css_bytes() < 30_000
