"""Abuse protection on the public complaint API: the same limits as the portal (429 in the
error shape, Retry-After), only failed lookups counted, and `Idempotency-Key` retries."""

from __future__ import annotations

import pytest
from django.test import override_settings

from hub.intake.models import Complaint
from hub.throttle.models import SubmissionKey
from tests.builders import complaint
from tests.public_portal.complaint_walk import send, walk_to_check

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


def _post(client, body, **headers):
    return client.post(URL, body, content_type="application/json", headers=headers)


@override_settings(RATELIMIT_SUBMIT="2/h")
def test_complaints_over_the_limit_get_429_in_the_error_shape(client, world, db):
    assert [_post(client, VALID).status_code for _ in range(2)] == [201, 201]
    response = _post(client, {**VALID, "reporter_name": "Ketiga"})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    error = response.json()["error"]
    assert error["code"] == "throttled" and error["message"] and error["fields"] == {}
    assert not Complaint.objects.filter(reporter_name="Ketiga").exists()
    assert _post(client, VALID, **{"X-Unused": "1"}).status_code == 429
    other = client.post(URL, VALID, content_type="application/json", REMOTE_ADDR="10.3.3.3")
    assert other.status_code == 201


@override_settings(RATELIMIT_SUBMIT="1/h")
def test_the_portal_and_the_api_share_the_submission_limit(client, world, db):
    assert _post(client, VALID).status_code == 201
    assert send(client, walk_to_check(client)).status_code == 429


@override_settings(RATELIMIT_LOOKUP_FAILURES="2/h")
def test_only_failed_lookups_count(client, world, db):
    real = complaint(None).receipt_code
    for _ in range(5):
        assert client.get(f"{URL}{real}/").status_code == 200
    assert client.get(f"{URL}RP-ZZZZ-ZZZZ/").status_code == 404
    assert client.get("/status/RP-ZZZZ-ZZZY/").status_code == 404  # the portal counts too
    response = client.get(f"{URL}{real}/")
    assert response.status_code == 429 and response.json()["error"]["code"] == "throttled"
    assert int(response["Retry-After"]) > 0


def test_a_retry_with_the_same_key_gets_the_first_answer(client, world, db):
    first = _post(client, VALID, **{"Idempotency-Key": "a6d1c1f0-retry"})
    again = _post(client, VALID, **{"Idempotency-Key": "a6d1c1f0-retry"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Complaint.objects.count() == 1


def test_the_same_key_with_another_body_is_a_409(client, world, db):
    assert _post(client, VALID, **{"Idempotency-Key": "k-1"}).status_code == 201
    response = _post(client, {**VALID, "reporter_name": "Lain"}, **{"Idempotency-Key": "k-1"})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert Complaint.objects.count() == 1


def test_a_refused_request_leaves_its_key_free(client, world, db):
    bad = _post(client, {**VALID, "narrative": ""}, **{"Idempotency-Key": "k-2"})
    assert bad.status_code == 400
    assert not SubmissionKey.objects.exists()
    assert _post(client, VALID, **{"Idempotency-Key": "k-2"}).status_code == 201


def test_without_a_key_each_request_files_a_complaint(client, world, db):
    assert [_post(client, VALID).status_code for _ in range(2)] == [201, 201]
    assert Complaint.objects.count() == 2


@pytest.mark.parametrize("key", ["", "with space", "x" * 201, "é"])
def test_a_malformed_key_is_a_400(client, world, db, key):
    response = _post(client, VALID, **{"Idempotency-Key": key})
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["error"]["fields"]
    assert not Complaint.objects.exists()


def test_an_oversized_body_is_413_in_the_error_shape(client, world, db):
    big = {**VALID, "narrative": "x" * (2 * 1024 * 1024)}
    response = _post(client, big)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert not Complaint.objects.exists()
