"""The complaint's verification link: e-mailed after commit when an e-mail was given, it shows
the worker what the network received; "yes" marks the complaint confirmed, "something is
wrong" keeps the correction for the organisation's inbox; tampered, expired or used links
open nothing and change nothing."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from hub.accounts.roles import Role
from hub.core.models import AuditEvent
from hub.intake.models import Complaint
from hub.intake.verification import CODE, complaint_verification_send
from hub.links.models import ClientLink
from tests.builders import complaint, org_api

STORY = "Gaji saya tidak dibayar selama tiga bulan. " * 10 + "AKHIR-CERITA-RAHASIA"


def _filed(capture, organisation=None, **fields) -> Complaint:
    values = {
        "contact_email": "rina@example.org",
        "contact_channel": "email",
        "employer_name": "Tan Family",
        "agency_name": "PT Maju Jaya",
        "work_city": "Johor Bahru",
        "narrative": STORY,
        **fields,
    }
    with capture(execute=True):
        return complaint(organisation, **values)


def _token(message) -> str:
    return re.search(r"/tautan/([^/\s]+)/", message.body).group(1)


def _written(filed: Complaint) -> tuple:
    filed.refresh_from_db()
    return (
        filed.verified_at,
        list(ClientLink.objects.filter(complaint_id=filed.pk).values_list("used_at", "answer")),
        AuditEvent.objects.filter(object_type="complaint").count(),
    )


def test_an_email_given_gets_one_verification_link_after_commit(
    org_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        filed = complaint(org_a.organisation, contact_email="rina@example.org")
        assert mail.outbox == []  # nothing is sent before the filing commits
    assert [m.to for m in mail.outbox] == [["rina@example.org"]]
    message = mail.outbox[0]
    assert filed.receipt_code in message.subject and "/tautan/" in message.body
    link = ClientLink.objects.get(complaint_id=filed.pk)
    assert (link.purpose, link.organisation_id, link.case_id) == (CODE, None, None)
    # Sent once: a second dispatch sends nothing and makes no second link.
    assert complaint_verification_send(receipt_code=filed.receipt_code) is False
    assert len(mail.outbox) == 1 and ClientLink.objects.filter(complaint_id=filed.pk).count() == 1


def test_no_email_or_do_not_contact_means_no_mail_and_no_link(
    org_a, django_capture_on_commit_callbacks
):
    without = _filed(django_capture_on_commit_callbacks, contact_email="", contact_channel="")
    silent = _filed(django_capture_on_commit_callbacks, contact_channel="none")
    assert mail.outbox == []
    assert not ClientLink.objects.filter(complaint_id__in=[without.pk, silent.pk]).exists()


def test_the_page_shows_what_was_given_but_not_the_whole_story(
    client, org_a, django_capture_on_commit_callbacks
):
    filed = _filed(django_capture_on_commit_callbacks)
    page = client.get(f"/tautan/{_token(mail.outbox[0])}/?lang=en").content.decode()
    for shown in ("Rina", "rina@example.org", "Malaysia", "Johor Bahru", "Tan Family"):
        assert shown in page
    assert "PT Maju Jaya" in page and filed.receipt_code in page
    assert "Gaji saya tidak dibayar" in page and "AKHIR-CERITA-RAHASIA" not in page
    assert 'value="correct"' in page and 'value="wrong"' in page


def test_confirming_marks_the_complaint_verified_and_the_status_says_so(
    client, org_a, django_capture_on_commit_callbacks
):
    filed = _filed(django_capture_on_commit_callbacks)
    url = f"/tautan/{_token(mail.outbox[0])}/"
    status_url = f"/status/{filed.receipt_code}/?lang=en"
    assert "Your data has been confirmed" not in client.get(status_url).content.decode()
    response = client.post(url, {"verdict": "correct"})
    assert response.status_code == 200
    filed.refresh_from_db()
    assert filed.verified_at is not None
    link = ClientLink.objects.get(complaint_id=filed.pk)
    assert (link.outcome, link.needs_review) == ("confirmed", False)
    actions = set(
        AuditEvent.objects.filter(object_id=filed.receipt_code).values_list("action", flat=True)
    )
    assert {"complaint.verification_sent", "complaint.verified"} <= actions
    assert "Your data has been confirmed" in client.get(status_url).content.decode()
    # Used: the link opens nothing now (410), and a second answer changes nothing.
    before = _written(filed)
    again = client.post(url, {"verdict": "wrong", "correction": "Nama salah"})
    assert again.status_code == 410 and _written(filed) == before


def test_a_correction_waits_for_review_and_the_inbox_shows_it(
    client, org_a, django_capture_on_commit_callbacks
):
    filed = _filed(django_capture_on_commit_callbacks, organisation=org_a.organisation)
    url = f"/tautan/{_token(mail.outbox[0])}/"
    response = client.post(url, {"verdict": "wrong", "correction": "Majikan saya Lim, bukan Tan"})
    assert response.status_code == 200
    filed.refresh_from_db()
    assert filed.verified_at is None
    link = ClientLink.objects.get(complaint_id=filed.pk)
    assert (link.outcome, link.needs_review) == ("corrected", True)
    assert link.answer == {"correction": "Majikan saya Lim, bukan Tan"}
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    rows = client.get(org_api(org_a, "inbox/")).json()
    row = next(r for r in rows if r["receipt_code"] == filed.receipt_code)
    assert (row["verified"], row["correction"]) == (False, "Majikan saya Lim, bukan Tan")
    page = client.get(f"/org/{org_a.organisation.slug}/?lang=en").content.decode()
    assert "Majikan saya Lim, bukan Tan" in page and "Not confirmed yet" in page


def test_the_inbox_marks_confirmed_complaints(client, org_a, django_capture_on_commit_callbacks):
    filed = _filed(django_capture_on_commit_callbacks, organisation=org_a.organisation)
    client.post(f"/tautan/{_token(mail.outbox[0])}/", {"verdict": "correct"})
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    rows = client.get(org_api(org_a, "inbox/")).json()
    row = next(r for r in rows if r["receipt_code"] == filed.receipt_code)
    assert (row["verified"], row["correction"]) == (True, "")
    page = client.get(f"/org/{org_a.organisation.slug}/?lang=en").content.decode()
    assert ">Confirmed<" in page and "Not confirmed yet" not in page


@pytest.mark.parametrize(
    "body",
    [{}, {"verdict": "wrong"}, {"verdict": "correct", "correction": "Ada yang salah"}],
    ids=["no-answer", "wrong-without-saying-what", "correct-with-a-correction"],
)
def test_an_incomplete_answer_is_asked_again_and_changes_nothing(
    client, org_a, django_capture_on_commit_callbacks, body
):
    filed = _filed(django_capture_on_commit_callbacks)
    before = _written(filed)
    response = client.post(f"/tautan/{_token(mail.outbox[0])}/", body)
    assert response.status_code == 400 and 'class="card error-summary"' in response.content.decode()
    assert _written(filed) == before


def test_a_tampered_link_is_404_and_an_expired_one_410(
    client, org_a, django_capture_on_commit_callbacks
):
    filed = _filed(django_capture_on_commit_callbacks)
    token = _token(mail.outbox[0])
    before = _written(filed)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.post(f"/tautan/{tampered}/", {"verdict": "correct"}).status_code == 404
    ClientLink.objects.filter(complaint_id=filed.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = client.post(f"/tautan/{token}/", {"verdict": "correct"})
    assert response.status_code == 410
    assert ClientLink.objects.filter(complaint_id=filed.pk, used_at__isnull=True).exists()
    assert _written(filed)[0] == before[0] is None
