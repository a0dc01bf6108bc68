"""Abuse protection on the portal: limits per address (429 with Retry-After, nothing filed,
nothing typed lost), only failed lookups counted, the honeypot, one complaint per double tap,
and oversized bodies refused with a page."""

from __future__ import annotations

import html
import re

from django.test import override_settings
from django.utils import translation

from hub.intake.models import Complaint
from hub.throttle import ratelimit
from tests.builders import complaint

VALID = {
    "reporter_type": "worker",
    "reporter_name": "Sri Wahyuni",
    "country_of_work": "HK",
    "issue_types": ["unpaid_wages"],
    "narrative": "Gaji saya tidak dibayar tiga bulan.",
    "organisation": "network",
    "consent_contact": "on",
}


def _in_indonesian(text: str) -> str:
    with translation.override("id"):
        return html.escape(translation.gettext(text))


def _token(client) -> str:
    page = client.get("/pengaduan/").content.decode()
    return re.search(r'name="submission_token" value="([^"]+)"', page).group(1)


@override_settings(RATELIMIT_SUBMIT="2/h")
def test_submissions_over_the_limit_get_429_and_nothing_is_filed(client, world, db):
    for _ in range(2):
        assert client.post("/pengaduan/", VALID).status_code == 302
    response = client.post("/pengaduan/", {**VALID, "reporter_name": "Ketiga"})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    page = response.content.decode()
    assert _in_indonesian("Not sent yet") in page and 'value="Ketiga"' in page  # kept
    with translation.override("id"):
        said = ratelimit.message("submit", int(response["Retry-After"]))
    assert html.escape(said) in page
    assert not Complaint.objects.filter(reporter_name="Ketiga").exists()
    # Another address (another shelter) is not affected; showing the form never counts.
    assert client.get("/pengaduan/").status_code == 200
    other = client.post("/pengaduan/", {**VALID, "reporter_name": "Lain"}, REMOTE_ADDR="10.1.1.1")
    assert other.status_code == 302


@override_settings(RATELIMIT_LOOKUP_FAILURES="3/h")
def test_failed_lookups_are_counted_and_then_every_lookup_waits(client, world, db):
    real = complaint(None).receipt_code
    for _ in range(10):  # a worker checking a real code again and again is never counted
        assert client.get(f"/status/{real}/").status_code == 200
        assert client.get(f"/tanda-terima/{real}/").status_code == 200
    assert client.get("/status/RP-ZZZZ-ZZZZ/").status_code == 404
    assert client.get("/status/", {"code": "zz"}).status_code == 404
    assert client.get("/tanda-terima/RP-YYYY-YYYY/").status_code == 404
    response = client.get("/status/RP-XXXX-XXXX/")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    with translation.override("id"):
        said = ratelimit.message("lookup", int(response["Retry-After"]))
    assert html.escape(said) in response.content.decode()
    # Guessing cannot go on: a real code waits too, from this address only.
    assert client.get(f"/status/{real}/").status_code == 429
    assert client.get(f"/status/{real}/", REMOTE_ADDR="10.2.2.2").status_code == 200


@override_settings(RATELIMIT_ENABLE=False, RATELIMIT_SUBMIT="1/h", RATELIMIT_LOOKUP_FAILURES="1/h")
def test_limits_can_be_switched_off_for_load_tests(client, world, db):
    for _ in range(3):
        assert client.post("/pengaduan/", VALID).status_code == 302
        assert client.get("/status/RP-ZZZZ-ZZZZ/").status_code == 404


def test_a_filled_honeypot_files_nothing_and_says_nothing_about_why(client, world, db):
    response = client.post("/pengaduan/", {**VALID, "website": "http://spam.example"})
    assert response.status_code == 400
    assert not Complaint.objects.exists()
    page = response.content.decode()
    assert "spam.example" not in page  # cleared: a person who sends again gets through
    assert _in_indonesian("Leave this field empty") in page  # the label says so


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, world, db):
    page = client.get("/pengaduan/").content.decode()
    honeypot = re.search(r'<div class="hp" aria-hidden="true">.*?</div>', page, re.S).group(0)
    assert 'tabindex="-1"' in honeypot and 'autocomplete="off"' in honeypot


def test_a_double_tap_files_one_complaint_and_both_get_its_receipt(client, world, db):
    token = _token(client)
    first = client.post("/pengaduan/", {**VALID, "submission_token": token})
    second = client.post("/pengaduan/", {**VALID, "submission_token": token})
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Complaint.objects.filter(reporter_name="Sri Wahyuni").count() == 1
    # A new form (a new token) is a new complaint.
    assert client.post("/pengaduan/", {**VALID, "submission_token": _token(client)})
    assert Complaint.objects.filter(reporter_name="Sri Wahyuni").count() == 2


def test_a_refused_submission_leaves_its_token_free(client, world, db):
    token = _token(client)
    refused = client.post("/pengaduan/", {**VALID, "narrative": "", "submission_token": token})
    assert refused.status_code == 400 and token in refused.content.decode()
    assert client.post("/pengaduan/", {**VALID, "submission_token": token}).status_code == 302
    assert Complaint.objects.count() == 1


def test_a_forged_token_is_ignored(client, world, db):
    for _ in range(2):
        response = client.post("/pengaduan/", {**VALID, "submission_token": "<x>" * 40})
        assert response.status_code == 302
    assert Complaint.objects.count() == 2


def test_an_oversized_form_gets_a_413_page_not_a_crash(client, world, db):
    response = client.post(
        "/pengaduan/",
        "narrative=" + "x" * (2 * 1024 * 1024),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    assert "1 MB" in response.content.decode()
    assert not Complaint.objects.exists()
