"""Recorded before sent, sent once: a producer run twice records one notification, sending
twice sends one e-mail, two claimers on two connections never hold the same row, and a crashed
worker's claim is taken over only once it is stale."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from hub.accounts.roles import Role
from tenants.notifications.delivery import (
    MAX_ATTEMPTS,
    RETRY_AFTER,
    STALE_CLAIM,
    NotificationDraft,
    notifications_claim,
    notifications_record,
    notifications_send,
)
from tenants.notifications.models import Notification
from tests.builders import committed

State = Notification.State


def _draft(user, key="k:1", **fields) -> NotificationDraft:
    values = {
        "recipient_user_id": user.pk,
        "kind": "case.assigned",
        "dedupe_key": f"{key}:{user.pk}",
        "subject": "[LBH Uji] 2026/0001: Anda ditugaskan",
        "body": "Kabid menugaskan Anda.",
        "url": "/org/lbh-uji/cases/1/",
        **fields,
    }
    return NotificationDraft(**values)


def test_recording_the_same_notification_twice_keeps_one(org_a, in_a):
    user = org_a.users[Role.CASE_LAWYER]
    notifications_record(drafts=[_draft(user)])
    notifications_record(drafts=[_draft(user, subject="changed"), _draft(user, key="k:2")])
    assert sorted(Notification.objects.values_list("dedupe_key", "subject")) == [
        (f"k:1:{user.pk}", "[LBH Uji] 2026/0001: Anda ditugaskan"),
        (f"k:2:{user.pk}", "[LBH Uji] 2026/0001: Anda ditugaskan"),
    ]


def test_sending_twice_sends_one_email_with_the_link(org_a, in_a, mailoutbox):
    user = org_a.users[Role.CASE_LAWYER]
    notifications_record(drafts=[_draft(user)])
    assert notifications_send() == 1
    assert notifications_send() == 0
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [user.email]
    assert message.subject == "[LBH Uji] 2026/0001: Anda ditugaskan"
    assert "http://127.0.0.1:8000/org/lbh-uji/cases/1/" in message.body
    row = Notification.objects.get()
    assert (row.state, row.attempts) == (State.SENT, 1)
    assert row.sent_at is not None and row.claimed_by


def test_an_inactive_recipient_gets_no_email_and_the_row_fails(org_a, in_a, mailoutbox):
    user = org_a.users[Role.CASE_LAWYER]
    notifications_record(drafts=[_draft(user)])
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert notifications_send() == 0
    assert mailoutbox == []
    assert Notification.objects.get().state == State.FAILED


class _Refusing:
    """A mail backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")


@override_settings(EMAIL_BACKEND=f"{__name__}._Refusing")
def test_a_refused_email_is_retried_on_later_runs_then_given_up(org_a, in_a):
    notifications_record(drafts=[_draft(org_a.users[Role.CASE_LAWYER])])
    now = timezone.now()
    for attempt in range(1, MAX_ATTEMPTS):
        assert notifications_send(now=now) == 0
        row = Notification.objects.get()
        assert (row.state, row.attempts) == (State.PENDING, attempt)
        assert "smtp down" in row.last_error
        # Not again in the same minute.
        assert notifications_claim(worker="eager", now=now + RETRY_AFTER / 2) == []
        now += RETRY_AFTER + timedelta(seconds=1)
    notifications_send(now=now)
    assert Notification.objects.get().state == State.FAILED


def test_a_backlog_larger_than_a_batch_goes_out_in_one_run(org_a, in_a, mailoutbox):
    user = org_a.users[Role.CASE_LAWYER]
    notifications_record(drafts=[_draft(user, key=f"b:{i}") for i in range(7)])
    assert notifications_send(batch=3) == 7
    assert len(mailoutbox) == 7


def test_a_crashed_workers_claim_is_taken_over_only_when_stale(org_a, in_a, mailoutbox):
    notifications_record(drafts=[_draft(org_a.users[Role.CASE_LAWYER])])
    claimed_at = timezone.now()
    assert len(notifications_claim(worker="crashed", now=claimed_at)) == 1
    # Still fresh: nobody else sends it.
    assert notifications_send(now=claimed_at + STALE_CLAIM - timedelta(seconds=1)) == 0
    assert notifications_send(now=claimed_at + STALE_CLAIM + timedelta(seconds=1)) == 1
    assert len(mailoutbox) == 1
    row = Notification.objects.get()
    assert (row.state, row.attempts) == (State.SENT, 2)
    assert row.claimed_by != "crashed"


def test_a_claim_abandoned_too_often_fails_instead_of_looping(org_a, in_a, mailoutbox):
    notifications_record(drafts=[_draft(org_a.users[Role.CASE_LAWYER])])
    Notification.objects.update(
        state=State.SENDING,
        claimed_by="crashed",
        claimed_at=timezone.now() - STALE_CLAIM * 2,
        attempts=MAX_ATTEMPTS,
    )
    assert notifications_send() == 0
    assert mailoutbox == []
    assert Notification.objects.get().state == State.FAILED


@pytest.fixture
def committed_notifications(org_a):
    """Ten committed notifications in A (other connections see them); deleted afterwards."""
    user = org_a.users[Role.CASE_LAWYER]
    committed(
        org_a.organisation,
        lambda: notifications_record(
            drafts=[_draft(user, key=f"c:{i}", subject=f"n{i}") for i in range(10)]
        ),
    )
    yield
    committed(org_a.organisation, lambda: Notification.objects.all().delete())


@pytest.mark.django_db
def test_two_claimers_on_two_connections_never_get_the_same_row(org_a, committed_notifications):
    first_holds = threading.Event()
    second_done = threading.Event()

    def first():
        # Claims 6 rows and keeps its transaction (and the row locks) open until the second
        # claimer has finished.
        with transaction.atomic():
            rows = notifications_claim(worker="first", limit=6)
            first_holds.set()
            second_done.wait()
        return rows

    def second():
        first_holds.wait()
        try:
            return notifications_claim(worker="second", limit=10)
        finally:
            second_done.set()

    results = {}

    def run(name, work):
        results[name] = committed(org_a.organisation, work)

    threads = [
        threading.Thread(target=run, args=("first", first)),
        threading.Thread(target=run, args=("second", second)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    first_ids = {row.pk for row in results["first"]}
    second_ids = {row.pk for row in results["second"]}
    assert len(first_ids) == 6 and len(second_ids) == 4
    assert first_ids.isdisjoint(second_ids)
    # Once the first has committed, its rows are no longer there to claim either.
    assert committed(org_a.organisation, lambda: notifications_claim(worker="third")) == []


@pytest.mark.django_db
def test_two_senders_at_once_send_each_notification_exactly_once(org_a, committed_notifications):
    start = threading.Barrier(2)

    def sender():
        start.wait()
        return notifications_send(batch=1)

    results = []
    threads = [
        threading.Thread(target=lambda: results.append(committed(org_a.organisation, sender)))
        for _ in range(2)
    ]
    mail.outbox = []
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == 10
    assert len(mail.outbox) == 10
    assert sorted(message.subject for message in mail.outbox) == [f"n{i}" for i in range(10)]
    states = committed(
        org_a.organisation,
        lambda: set(Notification.objects.values_list("state", flat=True)),
    )
    assert states == {State.SENT}
