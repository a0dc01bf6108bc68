"""A case transferred away and later transferred back: the owner's closed stub becomes its
case again (same uid, no second case), open where the sender stood."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub.consent.selectors import consent_for_case
from hub.core.errors import Conflict
from sharing.transfers.models import Transfer, TransferStatus
from tenants.cases.models import Case
from tests.builders import in_schema
from tests.sharing.transfers.test_services import _answer, _case, _decide


def _there_and_back(org_a, org_b):
    """A's case transferred to B, then B transfers it back to A."""
    case = _case(org_a)
    there = _answer(org_b, _decide(org_a, org_b, case))
    with in_schema(org_b.organisation):
        received = Case.objects.get(pk=there.receiver_case_id)
    back = _answer(org_a, _decide(org_b, org_a, received))
    return case, back


def test_a_case_transferred_back_is_open_again_at_home(org_a, org_b):
    case, back = _there_and_back(org_a, org_b)
    assert back.status == TransferStatus.ACCEPTED
    with in_schema(org_a.organisation):
        # The same case (its uid), not a second one, and no longer the closed stub.
        assert back.receiver_case_id == case.pk and Case.objects.count() == 1
        home = Case.objects.get(pk=case.pk)
        assert (home.stage, home.status, home.closed_at) == ("consultation", "open", None)


def test_a_case_back_home_can_be_transferred_again(org_a, org_b):
    case, _back = _there_and_back(org_a, org_b)
    again = _decide(org_a, org_b, case)
    assert again.status == TransferStatus.DELIVERED
    with in_schema(org_a.organisation):
        assert Case.objects.get(pk=case.pk).status == "transferred"


def test_the_closed_stub_of_an_accepted_transfer_is_not_transferred_again(org_a, org_b):
    case = _case(org_a)
    _answer(org_b, _decide(org_a, org_b, case))
    with pytest.raises(Conflict) as refused:
        _decide(org_a, org_b, case)
    assert refused.value.code == "transfer_live"


def test_an_unreadable_delivered_file_is_a_409_and_makes_no_case(org_a, org_b):
    transfer = _decide(org_a, org_b, _case(org_a))
    Transfer.objects.filter(pk=transfer.pk).update(package=b"<not-a-package/>")
    with in_schema(org_b.organisation):
        cases = Case.objects.count()
    with pytest.raises(Conflict) as refused:
        _answer(org_b, transfer)
    assert refused.value.code == "invalid_package"
    assert Transfer.objects.get(pk=transfer.pk).status == TransferStatus.DELIVERED
    with in_schema(org_b.organisation):
        assert Case.objects.count() == cases


def _consent_locked(queries, consent_pk: int) -> bool:
    return any(
        "FOR UPDATE" in q["sql"] and f'"consent_consentrecord"."id" = {consent_pk}' in q["sql"]
        for q in queries
    )


def test_the_decision_and_the_acceptance_lock_the_clients_consent(org_a, org_b):
    """A consent withdrawal at the same moment (which locks the record) either comes first and
    refuses the transfer, or waits for it: neither goes through unseen by the other."""
    case = _case(org_a)
    consent = consent_for_case(organisation=org_a.organisation, case_id=case.pk)
    with CaptureQueriesContext(connection) as decided:
        transfer = _decide(org_a, org_b, case)
    assert _consent_locked(decided.captured_queries, consent.pk)
    with CaptureQueriesContext(connection) as accepted:
        _answer(org_b, transfer)
    assert _consent_locked(accepted.captured_queries, consent.pk)
