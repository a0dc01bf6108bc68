"""Withdrawing consent on the portal with the receipt code and the PIN: the right PIN ends
shares at once and the case's counting; a wrong PIN is refused, counted as a failed lookup
and changes nothing; no PIN set or an unknown code is explained; guessing ends in a 429."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client, override_settings
from django.utils import translation

from hub.accounts.roles import Role
from hub.consent.models import ConsentRecord, WithdrawnVia
from hub.consent.selectors import consent_for_case
from hub.core.models import AuditEvent
from hub.intake.models import Complaint
from hub.intake.pin import complaint_pin_set
from hub.network.models import CaseRollup
from hub.throttle.models import RateCounter
from sharing.models import RevokeReason, ShareGrant
from sharing.services import share_grant
from tenants.cases.projection import Section
from tenants.cases.registration import case_open_from_complaint
from tests.builders import complaint, in_schema, member

PIN = "7391"


def _said(text: str) -> str:
    with translation.override("id"):
        return html.escape(translation.gettext(text))


def _url(code: str) -> str:
    return f"/tanda-terima/{code}/tarik-persetujuan/"


def _filed(organisation=None, *, pin: str | None = PIN, share: bool = True) -> Complaint:
    filed = complaint(organisation, share=share)
    if pin:
        complaint_pin_set(receipt_code=filed.receipt_code, pin=pin)
    return filed


def _accepted_and_shared(org_a, org_b):
    filed = _filed(org_a.organisation)
    with in_schema(org_a.organisation):
        case = case_open_from_complaint(
            actor=member(org_a, Role.DIVISION_HEAD), receipt_code=filed.receipt_code
        )
        grant = share_grant(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=case.pk,
            recipient=org_b.organisation,
            sections=[Section.EVENTS],
        )
    return filed, case, grant


def _records():
    return list(
        ConsentRecord.objects.order_by("pk").values_list(
            "pk", "withdrawn_at", "contact", "share", "statistics"
        )
    )


def test_the_page_offers_what_is_allowed_now_with_a_pin_field(client, world, db):
    filed = _filed()
    response = client.get(_url(filed.receipt_code))
    assert response.status_code == 200 and len(response.content) < 30_000
    page = response.content.decode()
    boxes = re.findall(r'name="purposes" value="(\w+)"', page)
    assert boxes == ["contact", "share", "statistics"]
    assert 'type="password"' in page and 'inputmode="numeric"' in page
    assert 'name="csrfmiddlewaretoken"' in page and 'name="confirm"' in page
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/hub/quick-exit.js" defer>']
    receipt = client.get(f"/tanda-terima/{filed.receipt_code}/").content.decode()
    assert f'href="{_url(filed.receipt_code)}"' in receipt


def test_the_right_pin_ends_the_share_at_once_and_the_recipient_gets_404(
    client, org_a, org_b, django_capture_on_commit_callbacks
):
    filed, case, grant = _accepted_and_shared(org_a, org_b)
    body = {"purposes": ["share"], "pin": PIN, "confirm": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(filed.receipt_code), body)
    assert response.status_code == 302
    assert response["Location"] == f"{_url(filed.receipt_code)}?ditarik=1"
    grant.refresh_from_db()
    assert grant.revoked_reason == RevokeReason.CONSENT_WITHDRAWN
    now = consent_for_case(organisation=org_a.organisation, case_id=case.pk)
    assert now.purposes == ["contact", "statistics"]
    filed.consent.refresh_from_db()
    assert filed.consent.withdrawn_via == WithdrawnVia.PORTAL
    with in_schema(org_a.organisation):
        event = AuditEvent.objects.get(action="case.consent_withdrawn", object_id=str(case.pk))
        assert event.detail["via"] == "portal" and event.detail["purposes"] == ["share"]
    reader = Client()
    reader.force_login(org_b.users[Role.CASE_LAWYER])
    shared = f"/org/{org_b.organisation.slug}/api/v1/shared-with-us/{grant.pk}/"
    assert reader.get(shared).status_code == 404
    page = client.get(response["Location"]).content.decode()
    assert 'role="status"' in page
    assert re.findall(r'name="purposes" value="(\w+)"', page) == ["contact", "statistics"]


def test_withdrawing_before_acceptance_changes_the_complaint_consent_the_case_will_take(
    client, org_a
):
    filed = _filed(org_a.organisation)
    body = {"purposes": ["statistics"], "pin": PIN, "confirm": "on"}
    assert client.post(_url(filed.receipt_code), body).status_code == 302
    filed.refresh_from_db()
    assert filed.consent.purposes == ["contact", "share"]
    assert AuditEvent.objects.filter(action="complaint.consent_withdrawn").count() == 1
    with in_schema(org_a.organisation):
        case = case_open_from_complaint(
            actor=member(org_a, Role.DIVISION_HEAD), receipt_code=filed.receipt_code
        )
    history = ConsentRecord.objects.filter(organisation=org_a.organisation, case_id=case.pk)
    assert history.count() == 2
    assert consent_for_case(organisation=org_a.organisation, case_id=case.pk) == filed.consent


def test_a_wrong_pin_is_refused_counted_and_changes_nothing(client, org_a, org_b):
    filed, _case, grant = _accepted_and_shared(org_a, org_b)
    before = _records()
    body = {"purposes": ["share"], "pin": "5555", "confirm": "on"}
    response = client.post(_url(filed.receipt_code), body)
    assert response.status_code == 400
    assert _said("The receipt code and PIN do not match.") in response.content.decode()
    assert sum(RateCounter.objects.filter(scope="lookup").values_list("count", flat=True)) == 1
    assert _records() == before
    grant.refresh_from_db()
    assert grant.revoked_at is None


@override_settings(RATELIMIT_LOOKUP_FAILURES="2/h")
def test_guessing_the_pin_ends_in_a_429(client, world, db):
    filed = _filed()
    for guess in ("1111", "2222"):
        body = {"purposes": ["share"], "pin": guess, "confirm": "on"}
        assert client.post(_url(filed.receipt_code), body).status_code == 400
    body = {"purposes": ["share"], "pin": PIN, "confirm": "on"}
    response = client.post(_url(filed.receipt_code), body)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    filed.consent.refresh_from_db()
    assert filed.consent.withdrawn_at is None


def test_without_a_pin_the_page_says_to_ask_the_organisation_and_nothing_changes(client, world, db):
    filed = _filed(pin=None)
    page = client.get(_url(filed.receipt_code)).content.decode()
    assert 'name="pin"' not in page
    assert (
        _said("Ask the organisation handling your complaint: they will record your withdrawal.")
        in page
    )
    before = _records()
    body = {"purposes": ["share"], "pin": "1234", "confirm": "on"}
    assert client.post(_url(filed.receipt_code), body).status_code == 409
    assert _records() == before
    assert not RateCounter.objects.filter(scope="lookup").exists()


def test_an_unknown_code_is_404_and_counted(client, world, db):
    response = client.get(_url("RP-2222-2222"))
    assert response.status_code == 404
    body = {"purposes": ["share"], "pin": PIN, "confirm": "on"}
    assert client.post(_url("RP-3333-3333"), body).status_code == 404
    assert sum(RateCounter.objects.filter(scope="lookup").values_list("count", flat=True)) == 2


@pytest.mark.parametrize(
    "body",
    [
        {"purposes": ["share"], "pin": PIN},  # not confirmed
        {"pin": PIN, "confirm": "on"},  # nothing chosen
        {"purposes": ["refer"], "pin": PIN, "confirm": "on"},  # not allowed now
        {"purposes": ["share"], "confirm": "on"},  # no PIN typed
    ],
)
def test_an_unconfirmed_or_wrong_choice_changes_nothing(client, world, db, body):
    filed = _filed()
    before = _records()
    assert client.post(_url(filed.receipt_code), body).status_code == 400
    assert _records() == before


def test_the_form_needs_the_csrf_token(world, db):
    filed = _filed()
    client = Client(enforce_csrf_checks=True)
    body = {"purposes": ["share"], "pin": PIN, "confirm": "on"}
    assert client.post(_url(filed.receipt_code), body).status_code == 403
    filed.consent.refresh_from_db()
    assert filed.consent.withdrawn_at is None


def test_nothing_left_to_withdraw_shows_no_form(client, world, db):
    filed = _filed(share=False)
    body = {"purposes": ["contact", "statistics"], "pin": PIN, "confirm": "on"}
    assert client.post(_url(filed.receipt_code), body).status_code == 302
    page = client.get(_url(filed.receipt_code)).content.decode()
    assert 'name="pin"' not in page
    assert ShareGrant.objects.count() == 0


def test_withdrawing_statistics_on_the_portal_takes_the_case_out_of_the_count(
    client, org_a, django_capture_on_commit_callbacks
):
    organisation = org_a.organisation
    filed = _filed(organisation)
    with django_capture_on_commit_callbacks(execute=True), in_schema(organisation):
        case_open_from_complaint(
            actor=member(org_a, Role.DIVISION_HEAD), receipt_code=filed.receipt_code
        )

    def counted() -> int:
        rows = CaseRollup.objects.filter(organisation=organisation)
        return sum(rows.values_list("cases", flat=True))

    assert counted() == 1
    body = {"purposes": ["statistics"], "pin": PIN, "confirm": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(_url(filed.receipt_code), body).status_code == 302
    assert counted() == 0
