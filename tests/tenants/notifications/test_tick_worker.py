"""The periodic tick on a real Celery worker: enqueued twice, it sends a notification's e-mail
exactly once; and `run_ticker` (the demo's scheduler without a broker) runs the tick."""

from __future__ import annotations

import threading

import pytest
from celery.signals import task_postrun
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from hub.accounts.roles import Role
from tenants.notifications.delivery import NotificationDraft, notifications_record
from tenants.notifications.models import Notification
from tenants.notifications.tasks import TICK_TASK, notifications_tick_task
from tests.builders import committed, in_schema
from tests.conftest import celery_worker


def _draft(user, key: str) -> NotificationDraft:
    return NotificationDraft(
        recipient_user_id=user.pk,
        kind="case.assigned",
        dedupe_key=f"{key}:{user.pk}",
        subject=f"[LBH Uji] {key}",
        body="Kabid menugaskan Anda.",
        url="/org/lbh-uji/cases/1/",
    )


def _ticks_on_the_worker(times: int) -> list[int]:
    """Enqueue the tick `times` times and wait until the worker has run them all; their
    results (e-mails sent), read from the worker's signal rather than a result backend."""
    sent: list[int] = []
    all_done = threading.Event()
    lock = threading.Lock()

    def finished(sender=None, retval=None, **kwargs):
        if sender.name == TICK_TASK:
            with lock:
                sent.append(retval)
                if len(sent) == times:
                    all_done.set()

    task_postrun.connect(finished, weak=False)
    try:
        for _ in range(times):
            notifications_tick_task.apply_async()
        assert all_done.wait(timeout=120), f"the worker ran {len(sent)} of {times} ticks"
    finally:
        task_postrun.disconnect(finished)
    return sent


@pytest.fixture
def recorded(org_a):
    """One committed notification in A, visible to the worker's connection; deleted after."""
    user = org_a.users[Role.CASE_LAWYER]
    committed(org_a.organisation, lambda: notifications_record(drafts=[_draft(user, "tick")]))
    yield user
    committed(org_a.organisation, lambda: Notification.objects.all().delete())


@pytest.mark.django_db
def test_the_tick_enqueued_twice_on_a_real_worker_sends_the_email_once(
    org_a, recorded, real_worker
):
    mail.outbox = []
    assert sorted(_ticks_on_the_worker(2)) == [0, 1]
    assert [(m.subject, m.to) for m in mail.outbox] == [("[LBH Uji] tick", [recorded.email])]
    state = committed(
        org_a.organisation, lambda: list(Notification.objects.values_list("state", "attempts"))
    )
    assert state == [(Notification.State.SENT, 1)]


@pytest.mark.django_db
def test_ticks_running_at_once_on_two_worker_threads_send_each_email_once(org_a):
    user = org_a.users[Role.CASE_LAWYER]
    drafts = [_draft(user, f"n{i:03}") for i in range(250)]
    committed(org_a.organisation, lambda: notifications_record(drafts=drafts))
    try:
        mail.outbox = []
        with celery_worker(pool="threads", concurrency=2):
            assert sum(_ticks_on_the_worker(4)) == 250
        assert sorted(m.subject for m in mail.outbox) == sorted(d.subject for d in drafts)
    finally:
        committed(org_a.organisation, lambda: Notification.objects.all().delete())


def test_the_beat_schedule_runs_the_tick_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["notifications-tick"]
    assert entry == {"task": TICK_TASK, "schedule": 60.0}


def test_run_ticker_once_runs_the_tick_without_a_broker(org_a, in_a, mailoutbox):
    user = org_a.users[Role.CASE_LAWYER]
    notifications_record(drafts=[_draft(user, "ticker")])
    with in_schema(None):
        call_command("run_ticker", "--once")
    assert [m.subject for m in mailoutbox] == ["[LBH Uji] ticker"]
    assert Notification.objects.get().state == Notification.State.SENT
