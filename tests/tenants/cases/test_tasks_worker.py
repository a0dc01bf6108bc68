"""A task runs on a real Celery worker (in-memory broker) inside an organisation's schema."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import connection

from hub.accounts.access import Actor
from hub.accounts.roles import Role
from hub.celery import app
from hub.consent.models import ConsentRecord
from hub.consent.services import ConsentChoices
from hub.network.models import CaseRollup
from tenants.cases.models import Case
from tenants.cases.services import case_register
from tenants.cases.tasks import case_rollup_refresh_task
from tests.builders import in_schema


@pytest.fixture
def real_worker():
    keys = ("task_always_eager", "broker_url", "result_backend")
    saved = {k: app.conf[k] for k in keys}
    app.conf.update(
        task_always_eager=False, broker_url="memory://", result_backend="cache+memory://"
    )
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        app.conf.update(saved)


def _committed(organisation, work):
    """Run `work` on a connection of its own (committed, visible to the worker), then close it."""

    def run():
        try:
            with in_schema(organisation):
                return work()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


@pytest.mark.django_db
def test_rollup_task_runs_on_a_real_worker_in_the_organisation_schema(org_a, real_worker):
    organisation = org_a.organisation
    actor = Actor(label="r", roles=frozenset({Role.RECEPTIONIST}), organisation=organisation)
    consent = ConsentChoices(contact=True, share=False, refer=False, statistics=True)
    case = _committed(
        organisation, lambda: case_register(actor=actor, title="Worker case", consent=consent)
    )
    try:

        def enqueue_and_wait():
            result = case_rollup_refresh_task.apply_async(ignore_result=False)
            return result.get(timeout=20)

        assert _committed(organisation, enqueue_and_wait) == organisation.schema_name
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
            ),
        )
