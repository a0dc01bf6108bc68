"""Sending and accepting a referral lock the client's consent record, so a withdrawal at the
same moment (which locks it too) either comes first and refuses, or waits for them."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub.consent.selectors import consent_for_case
from sharing.referrals.services import referral_answer
from tests.sharing.referrals.conftest import consented_case
from tests.sharing.referrals.test_services import _as, _send


def _consent_locked(queries, consent_pk: int) -> bool:
    return any(
        "FOR UPDATE" in q["sql"] and f'"consent_consentrecord"."id" = {consent_pk}' in q["sql"]
        for q in queries
    )


def test_sending_and_accepting_lock_the_clients_consent(org_a, org_b):
    case = consented_case(org_a, share=True)
    consent = consent_for_case(organisation=org_a.organisation, case_id=case.pk)
    with CaptureQueriesContext(connection) as sent:
        referral = _send(org_a, case, receiver=org_b.organisation)
    assert _consent_locked(sent.captured_queries, consent.pk)
    with CaptureQueriesContext(connection) as accepted:
        _as(org_b, lambda actor: referral_answer(actor=actor, referral_id=referral.pk, accept=True))
    assert _consent_locked(accepted.captured_queries, consent.pk)
