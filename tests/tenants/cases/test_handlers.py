"""Outbox subscribers of cases: the rollup follows case events, on a real Celery worker
(in-memory broker) inside the organisation's schema, and follows consent withdrawals."""

from __future__ import annotations

import pytest

from hub.accounts.access import Actor
from hub.accounts.roles import Role
from hub.consent.models import ConsentRecord
from hub.consent.services import ConsentChoices, consent_withdraw
from hub.core.audit import AuditActor
from hub.core.models import AuditEvent, OutboxEvent
from hub.core.outbox import outbox_dispatch_task
from hub.network.models import CaseRollup
from hub.organisations.context import WrongOrganisation
from tenants.cases.models import Case
from tenants.cases.registration import case_register
from tenants.cases.services import case_rollup_refresh
from tests.builders import committed as _committed
from tests.builders import in_schema


@pytest.mark.django_db
def test_case_events_reach_the_rollup_through_a_real_worker(org_a, real_worker):
    organisation = org_a.organisation
    actor = Actor(label="r", roles=frozenset({Role.RECEPTIONIST}), organisation=organisation)
    consent = ConsentChoices(contact=True, share=False, refer=False, statistics=True)
    case = _committed(
        organisation, lambda: case_register(actor=actor, title="Worker case", consent=consent)
    )
    try:

        def enqueue_and_wait():
            # Registration already enqueued a dispatch on commit; this one runs after it.
            outbox_dispatch_task.apply_async(ignore_result=False).get(timeout=20)
            return list(
                OutboxEvent.objects.filter(object_id=str(case.pk)).values_list(
                    "name", "dispatched_at"
                )
            )

        events = _committed(organisation, enqueue_and_wait)
        assert [name for name, _at in events] == ["case.registered"]
        assert all(at is not None for _name, at in events)
        counted = _committed(
            organisation,
            lambda: sum(
                CaseRollup.objects.filter(organisation=organisation).values_list("cases", flat=True)
            ),
        )
        assert counted >= 1
    finally:
        _committed(
            organisation,
            lambda: (
                Case.objects.filter(pk=case.pk).delete(),
                ConsentRecord.objects.filter(organisation=organisation, case_id=case.pk).delete(),
                CaseRollup.objects.filter(organisation=organisation).delete(),
                OutboxEvent.objects.all().delete(),
                AuditEvent.objects.filter(object_type="case", object_id=str(case.pk)).delete(),
            ),
        )


def test_withdrawn_consent_takes_the_case_out_of_the_rollup(
    org_a, django_capture_on_commit_callbacks
):
    organisation = org_a.organisation
    actor = Actor(label="r", roles=frozenset({Role.RECEPTIONIST}), organisation=organisation)
    consent = ConsentChoices(statistics=True)
    with django_capture_on_commit_callbacks(execute=True), in_schema(organisation):
        case = case_register(actor=actor, title="Statistik", consent=consent)

    def counted() -> int:
        return sum(
            CaseRollup.objects.filter(organisation=organisation).values_list("cases", flat=True)
        )

    assert counted() == 1
    record = ConsentRecord.objects.get(organisation=organisation, case_id=case.pk)
    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(consent=record, by=AuditActor(label="klien lewat telepon"))
    assert counted() == 0
    assert OutboxEvent.objects.get(name="consent.withdrawn").dispatched_at is not None


def test_the_rollup_refuses_to_count_one_organisation_from_anothers_schema(org_a, org_b):
    with in_schema(org_b.organisation), pytest.raises(WrongOrganisation):
        case_rollup_refresh(organisation=org_a.organisation)
    assert not CaseRollup.objects.filter(organisation=org_a.organisation).exists()
