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
from tests.public_portal.complaint_walk import ANSWERS, post_step, send, step_of, walk_to_check


def _in_indonesian(text: str) -> str:
    with translation.override("id"):
        return html.escape(translation.gettext(text))


@override_settings(RATELIMIT_SUBMIT="2/h")
def test_submissions_over_the_limit_get_429_and_nothing_is_filed(client, world, db):
    for _ in range(2):
        assert send(client, walk_to_check(client)).status_code == 302
    third = {**ANSWERS, 1: {**ANSWERS[1], "reporter_name": "Ketiga"}}
    response = send(client, walk_to_check(client, third))
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    page = response.content.decode()
    assert _in_indonesian("Not sent yet") in page and "Ketiga" in page  # kept
    with translation.override("id"):
        said = ratelimit.message("submit", int(response["Retry-After"]))
    assert html.escape(said) in page
    assert not Complaint.objects.filter(reporter_name="Ketiga").exists()
    # Nothing is lost: Send again later (another address here) files it from the same page.
    assert send(client, response, REMOTE_ADDR="10.1.1.1").status_code == 302
    assert Complaint.objects.filter(reporter_name="Ketiga").exists()


@override_settings(RATELIMIT_SUBMIT="1/h")
def test_only_the_final_send_counts_never_the_steps(client, world, db):
    # Walking the steps (Next, Back, Change, more rows) many times takes nothing of the limit.
    check = walk_to_check(client)
    for _ in range(3):
        check = walk_to_check(client)
        back = post_step(client, check, action="back")
        check = post_step(client, back, ANSWERS[7])
    assert client.get("/pengaduan/").status_code == 200
    assert send(client, check).status_code == 302
    assert send(client, walk_to_check(client)).status_code == 429


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
        assert send(client, walk_to_check(client)).status_code == 302
        assert client.get("/status/RP-ZZZZ-ZZZZ/").status_code == 404


def test_a_filled_honeypot_files_nothing_and_says_nothing_about_why(client, world, db):
    check = walk_to_check(client)
    response = post_step(client, check, {"website": "http://spam.example"}, action="send")
    assert response.status_code == 400
    assert not Complaint.objects.exists()
    page = response.content.decode()
    assert "spam.example" not in page  # cleared: a person who sends again gets through
    assert _in_indonesian("Leave this field empty") in page  # the label says so
    assert send(client, response).status_code == 302


def test_a_honeypot_filled_at_a_step_stops_there(client, world, db):
    first = client.get("/pengaduan/")
    response = post_step(client, first, {**ANSWERS[1], "website": "http://spam.example"})
    assert response.status_code == 400 and step_of(response) == 1
    assert "spam.example" not in response.content.decode()


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, world, db):
    page = client.get("/pengaduan/").content.decode()
    honeypot = re.search(r'<div class="hp" aria-hidden="true">.*?</div>', page, re.S).group(0)
    assert 'tabindex="-1"' in honeypot and 'autocomplete="off"' in honeypot


def test_a_double_tap_files_one_complaint_and_both_get_its_receipt(client, world, db):
    check = walk_to_check(client)
    first = send(client, check)
    second = send(client, check)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Complaint.objects.filter(reporter_name="Sri Wahyuni").count() == 1
    # A new form (a new token) is a new complaint.
    assert send(client, walk_to_check(client)).status_code == 302
    assert Complaint.objects.filter(reporter_name="Sri Wahyuni").count() == 2


def test_a_refused_submission_leaves_its_token_free(client, world, db):
    check = walk_to_check(client)
    # Back does not check: an empty narrative reaches the check page, and Send refuses it.
    what = post_step(client, check, {"goto": "4"})
    work = post_step(client, what, {**ANSWERS[4], "narrative": ""}, action="back")
    check = post_step(client, work, ANSWERS[3])  # Next returns to the check page
    assert step_of(check) == 8
    refused = send(client, check)
    assert refused.status_code == 400 and step_of(refused) == 4
    assert not Complaint.objects.exists()
    fixed = post_step(client, refused, ANSWERS[4])
    assert step_of(fixed) == 8
    assert send(client, fixed).status_code == 302  # the same form's token, now used
    assert Complaint.objects.count() == 1


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
