"""The receipt page: the code, where the complaint is (and the case's stage once accepted), and
a small form to set a PIN once or change it with the current one; a PIN guesser gets a 429."""

from __future__ import annotations

import html
import re

from django.test import override_settings
from django.utils import translation

from hub.accounts.roles import Role
from hub.core.outbox import outbox_dispatch
from hub.intake.models import Complaint
from hub.intake.pin import complaint_pin_check, complaint_pin_set, pin_throttled_message
from tenants.cases.lifecycle import Move as CaseMove
from tenants.cases.registration import case_open_from_complaint
from tenants.cases.services import case_transition
from tests.builders import complaint, in_schema, member


def _said(text: str) -> str:
    with translation.override("id"):
        return html.escape(translation.gettext(text))


def _pin_url(filed: Complaint) -> str:
    return f"/tanda-terima/{filed.receipt_code}/pin/"


def test_the_receipt_offers_a_pin_and_says_what_it_is_for(client, world, db):
    filed = complaint(None)
    response = client.get(f"/tanda-terima/{filed.receipt_code}/")
    assert len(response.content) < 30_000
    page = response.content.decode()
    assert (
        _said(
            "A PIN is a short number only you know. With this code and this PIN you can withdraw "
            "your consent later."
        )
        in page
    )
    assert f'action="{_pin_url(filed)}"' in page
    assert page.count('type="password"') == 2 and 'inputmode="numeric"' in page
    assert 'name="current_pin"' not in page
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/hub/quick-exit.js" defer>']


def test_setting_a_pin_returns_to_the_receipt_which_then_offers_a_change(client, world, db):
    filed = complaint(None)
    response = client.post(_pin_url(filed), {"pin": "7391", "pin_again": "7391"})
    assert response.status_code == 302
    assert response["Location"] == f"/tanda-terima/{filed.receipt_code}/?pin=saved#pin"
    assert complaint_pin_check(receipt_code=filed.receipt_code, pin="7391")
    page = client.get(response["Location"]).content.decode()
    assert 'role="status"' in page and 'name="current_pin"' in page
    assert "7391" not in page


def test_a_trivial_or_mistyped_pin_is_refused_with_a_reason(client, world, db):
    filed = complaint(None)
    trivial = client.post(_pin_url(filed) + "?lang=en", {"pin": "1234", "pin_again": "1234"})
    page = trivial.content.decode()
    assert trivial.status_code == 400 and 'class="card error-summary"' in page
    assert 'href="#id_pin"' in page and "too easy to guess" in page
    mistyped = client.post(_pin_url(filed), {"pin": "7391", "pin_again": "7319"})
    assert mistyped.status_code == 400 and 'href="#id_pin_again"' in mistyped.content.decode()
    filed.refresh_from_db()
    assert filed.pin_hash == ""


def test_changing_the_pin_needs_the_current_one(client, world, db):
    filed = complaint(None)
    complaint_pin_set(receipt_code=filed.receipt_code, pin="7391")
    wrong = client.post(
        _pin_url(filed), {"current_pin": "0000", "pin": "5017", "pin_again": "5017"}
    )
    assert wrong.status_code == 400 and 'href="#id_current_pin"' in wrong.content.decode()
    without = client.post(_pin_url(filed), {"pin": "5017", "pin_again": "5017"})
    assert without.status_code == 400
    assert complaint_pin_check(receipt_code=filed.receipt_code, pin="7391")
    right = client.post(
        _pin_url(filed), {"current_pin": "7391", "pin": "5017", "pin_again": "5017"}
    )
    assert right.status_code == 302
    assert complaint_pin_check(receipt_code=filed.receipt_code, pin="5017")


@override_settings(RATELIMIT_LOOKUP_FAILURES="3/h")
def test_guessing_the_pin_ends_in_a_429_with_a_clear_message(client, world, db):
    filed = complaint(None)
    complaint_pin_set(receipt_code=filed.receipt_code, pin="7391")
    for guess in ("1111", "2222", "3333"):
        body = {"current_pin": guess, "pin": "5017", "pin_again": "5017"}
        assert client.post(_pin_url(filed), body).status_code == 400
    # Even the right PIN waits now, from this address: guessing cannot go on.
    body = {"current_pin": "7391", "pin": "5017", "pin_again": "5017"}
    response = client.post(_pin_url(filed), body)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    with translation.override("id"):
        said = pin_throttled_message(int(response["Retry-After"]))
    assert html.escape(said) in response.content.decode()
    assert complaint_pin_check(receipt_code=filed.receipt_code, pin="7391")
    assert client.post(_pin_url(filed), body, REMOTE_ADDR="10.3.3.3").status_code == 302


@override_settings(RATELIMIT_LOOKUP_FAILURES="2/h")
def test_setting_pins_on_unknown_codes_counts_as_guessing(client, world, db):
    body = {"pin": "7391", "pin_again": "7391"}
    assert client.post("/tanda-terima/RP-2222-2222/pin/", body).status_code == 404
    assert client.post("/tanda-terima/RP-3333-3333/pin/", body).status_code == 404
    assert client.post("/tanda-terima/RP-4444-4444/pin/", body).status_code == 429


def test_a_valid_pin_or_a_page_view_is_never_counted(client, world, db):
    filed = complaint(None)
    with override_settings(RATELIMIT_LOOKUP_FAILURES="1/h"):
        assert client.post(_pin_url(filed), {"pin": "7391", "pin_again": "7391"}).status_code == 302
        for _ in range(3):
            assert client.get(f"/tanda-terima/{filed.receipt_code}/").status_code == 200
        assert client.get(_pin_url(filed)).status_code == 405


def test_receipt_and_status_show_the_case_stage_once_accepted_and_as_it_moves(client, org_a):
    filed = complaint(org_a.organisation)
    receipt, status = (
        f"/tanda-terima/{filed.receipt_code}/?lang=en",
        f"/status/{filed.receipt_code}/?lang=en",
    )
    assert "Case stage" not in client.get(receipt).content.decode()
    assert "Case stage" not in client.get(status).content.decode()
    with in_schema(org_a.organisation):
        case = case_open_from_complaint(
            actor=member(org_a, Role.DIVISION_HEAD), receipt_code=filed.receipt_code
        )
    for url in (receipt, status):
        page = client.get(url).content.decode()
        assert "Case stage:</strong> Registration" in page
    with in_schema(org_a.organisation):
        case_transition(
            actor=member(org_a, Role.CONSULTATION_LAWYER), case_id=case.pk, move=CaseMove.TAKE
        )
        outbox_dispatch()
    for url in (receipt, status):
        page = client.get(url).content.decode()
        assert "Case stage:</strong> Consultation" in page
        assert "A lawyer is studying your case" in page
        assert "Rina" not in page and "Gaji" not in page
