"""Who is told what when things happen on a case: the appointed person, the division heads
when a decision is asked, the lawyer who asked when it is settled or lapses; nobody else, and
nobody twice however often an event is delivered."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hub.accounts.models import Membership, User
from hub.accounts.roles import Role
from hub.core.models import OutboxEvent
from hub.core.outbox import outbox_dispatch
from hub.links.models import ClientLink
from tenants.cases.assignments import assignment_appoint, case_take
from tenants.cases.decisions import decision_request_create, decision_settle
from tenants.cases.lifecycle import Move
from tenants.cases.services import case_transition
from tenants.notifications.models import Notification
from tenants.notifications.producers import notify_assigned, notify_decisions
from tenants.notifications.services import notifications_tick
from tests.builders import in_schema, member, registered_case


def _notified(org) -> list[tuple[str, int]]:
    """(kind, recipient) of every notification recorded in the organisation, after the
    pending events were dispatched."""
    with in_schema(org.organisation):
        outbox_dispatch()
        return sorted(Notification.objects.values_list("kind", "recipient_user_id"))


@pytest.fixture
def consulting(org_a):
    case = registered_case(org_a.organisation)
    with in_schema(org_a.organisation):
        return case_take(actor=member(org_a, Role.CONSULTATION_LAWYER), case_id=case.pk)


@pytest.fixture
def second_head(org_a) -> User:
    """Another division head of A, and an inactive one who must never be told anything."""
    user = User.objects.create_user("kabid2@lbh-uji.test", full_name="Kabid Dua")
    Membership.objects.create(user=user, organisation=org_a.organisation, role=Role.DIVISION_HEAD)
    gone = User.objects.create_user("kabid-lama@lbh-uji.test", is_active=False)
    Membership.objects.create(user=gone, organisation=org_a.organisation, role=Role.DIVISION_HEAD)
    return user


def _ask(org, case):
    with in_schema(org.organisation):
        return decision_request_create(
            actor=member(org, Role.CONSULTATION_LAWYER),
            case_id=case.pk,
            move=Move.CASE_MEETING,
            reason="Perlu rapat kasus.",
        )


def test_taking_a_case_yourself_notifies_nobody(org_a, consulting):
    assert _notified(org_a) == []


def test_the_appointed_person_is_told_and_nobody_else(org_a, consulting):
    assistant = org_a.users[Role.CASE_ASSISTANT]
    with in_schema(org_a.organisation):
        assignment_appoint(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=consulting.pk,
            user_id=assistant.pk,
            role=Role.CASE_ASSISTANT,
            instruction="Siapkan kronologi.",
        )
    assert _notified(org_a) == [("case.assigned", assistant.pk)]
    with in_schema(org_a.organisation):
        notification = Notification.objects.get()
        assert notification.case_id == consulting.pk
        assert notification.url == f"/org/{org_a.organisation.slug}/cases/{consulting.pk}/"
        assert consulting.number in notification.subject
        assert org_a.organisation.name in notification.subject
        # What an e-mail carries stays short: no instruction, no case title.
        assert "Siapkan kronologi" not in notification.body
        assert consulting.title not in notification.subject + notification.body


def test_a_decision_request_goes_to_every_active_division_head_only(
    org_a, org_b, consulting, second_head
):
    _ask(org_a, consulting)
    heads = sorted([org_a.users[Role.DIVISION_HEAD].pk, second_head.pk])
    assert _notified(org_a) == [("decision.requested", pk) for pk in heads]
    assert _notified(org_b) == []
    with in_schema(org_a.organisation):
        assert {n.url for n in Notification.objects.all()} == {
            f"/org/{org_a.organisation.slug}/decisions/"
        }


@pytest.mark.parametrize(("outcome", "comment"), [("approved", ""), ("declined", "Belum cukup.")])
def test_the_settlement_goes_back_to_the_lawyer_who_asked(org_a, consulting, outcome, comment):
    request = _ask(org_a, consulting)
    with in_schema(org_a.organisation):
        decision_settle(
            actor=member(org_a, Role.DIVISION_HEAD),
            request_id=request.pk,
            outcome=outcome,
            comment=comment,
        )
    lawyer, head = org_a.users[Role.CONSULTATION_LAWYER], org_a.users[Role.DIVISION_HEAD]
    assert _notified(org_a) == sorted(
        [("decision.requested", head.pk), (f"decision.{outcome}", lawyer.pk)]
    )


def test_a_lapsed_request_is_reported_to_the_lawyer_who_asked(org_a, consulting):
    _ask(org_a, consulting)
    with in_schema(org_a.organisation):
        case_transition(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=consulting.pk,
            move=Move.REJECT,
            reason_code="outside_mandate",
            note="Di luar wilayah.",
        )
    lawyer = org_a.users[Role.CONSULTATION_LAWYER]
    assert ("decision.lapsed", lawyer.pk) in _notified(org_a)


def test_an_event_delivered_twice_records_one_notification(org_a, consulting):
    _ask(org_a, consulting)
    with in_schema(org_a.organisation):
        events = list(OutboxEvent.objects.filter(name__startswith="decision."))
        notify_decisions(events)
        notify_decisions(events)
        outbox_dispatch()  # and once more through the dispatcher
        assert Notification.objects.count() == 1
        assert Notification.objects.get().recipient_user_id == org_a.users[Role.DIVISION_HEAD].pk


def test_events_of_other_kinds_or_without_their_object_record_nothing(org_a, consulting):
    with in_schema(org_a.organisation):
        strays = [
            OutboxEvent.objects.create(
                name="case.assigned", object_type="case", object_id="1", payload={}
            ),
            OutboxEvent.objects.create(
                name="decision.requested",
                object_type="case",
                object_id="1",
                payload={"request": 999999},
            ),
            OutboxEvent.objects.create(
                name="decision.commented",
                object_type="case",
                object_id="1",
                payload={"request": "x"},
            ),
        ]
        notify_assigned(strays)
        notify_decisions(strays)
        assert not Notification.objects.exists()


def test_the_client_answering_a_link_is_reported_to_whoever_sent_it(org_a, consulting):
    lawyer = org_a.users[Role.CONSULTATION_LAWYER]
    link = ClientLink.objects.create(
        organisation=org_a.organisation,
        case_id=consulting.pk,
        purpose="verification",
        nonce_hash="0" * 64,
        created_by_label=lawyer.email,
        created_by_user_id=lawyer.pk,
        expires_at=timezone.now() + timedelta(days=14),
        used_at=timezone.now(),
    )
    with in_schema(org_a.organisation):
        OutboxEvent.objects.create(
            name="link.answered",
            object_type="case",
            object_id=str(consulting.pk),
            payload={"link": link.pk, "purpose": link.purpose, "outcome": "confirmed"},
        )
    assert _notified(org_a) == [("link.answered", lawyer.pk)]


def test_the_tick_records_and_sends_what_an_undispatched_event_owes(org_a, consulting, mailoutbox):
    assistant = org_a.users[Role.CASE_ASSISTANT]
    with in_schema(org_a.organisation):
        assignment_appoint(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=consulting.pk,
            user_id=assistant.pk,
            role=Role.CASE_ASSISTANT,
        )
    # No dispatch ran (in tests nothing commits): the tick catches up, then sends.
    result = notifications_tick()
    assert result.sent == 1 and result.failed == ()
    assert [m.to for m in mailoutbox] == [[assistant.email]]
    assert f"/org/{org_a.organisation.slug}/cases/{consulting.pk}/" in mailoutbox[0].body
