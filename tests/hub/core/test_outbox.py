"""Domain events: audit and outbox rows in the change's transaction, dispatched after commit."""

from __future__ import annotations

import pytest
from django.db import transaction

from hub.core import outbox
from hub.core.audit import AuditActor
from hub.core.models import AuditEvent, OutboxEvent
from hub.core.outbox import domain_event_record, outbox_dispatch, subscribe
from tests.builders import complaint

ACTOR = AuditActor(label="uji")


@pytest.fixture
def seen(monkeypatch):
    calls: list[list[str]] = []
    monkeypatch.setattr(outbox, "_handlers", [])
    subscribe("test.", lambda events: calls.append([e.name for e in events]))
    return calls


def _record(name: str = "test.happened") -> OutboxEvent:
    return domain_event_record(actor=ACTOR, name=name, object_type="thing", object_id=1)


def test_one_call_writes_the_audit_row_and_the_outbox_row(db):
    event = _record()
    assert event.dispatched_at is None
    assert AuditEvent.objects.filter(action="test.happened", object_type="thing").exists()


def test_a_rolled_back_change_leaves_no_event(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        _record()
        raise RuntimeError
    assert not OutboxEvent.objects.exists() and not AuditEvent.objects.exists()


def test_dispatch_after_commit_hands_matching_events_to_handlers_once(
    db, seen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _record("test.one")
        _record("other.thing")
    assert callbacks, "dispatch is scheduled on commit"
    assert seen == [["test.one"]]
    assert not OutboxEvent.objects.filter(dispatched_at__isnull=True).exists()
    assert outbox_dispatch() == 0


def test_a_failing_handler_leaves_the_events_for_the_next_dispatch(db, monkeypatch):
    monkeypatch.setattr(outbox, "_handlers", [])

    def broken(events):
        raise RuntimeError("down")

    subscribe("test.", broken)
    _record()
    with pytest.raises(RuntimeError):
        outbox_dispatch()
    assert OutboxEvent.objects.get().dispatched_at is None


def test_complaints_are_audited_in_the_public_schema(org_a):
    filed = complaint(org_a.organisation)
    trail = AuditEvent.objects.filter(object_type="complaint", object_id=filed.receipt_code)
    assert list(trail.values_list("action", flat=True)) == ["complaint.submitted"]
    assert trail.get().detail["routed_to"] == org_a.organisation.slug
