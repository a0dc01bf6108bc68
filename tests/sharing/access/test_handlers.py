"""Notifications of access requests: the office's division heads hear of a new request, the
person who asked hears of the decision, each once."""

from __future__ import annotations

from hub.accounts.roles import Role
from hub.core.outbox import outbox_dispatch
from sharing.access.services import access_request_create, access_request_decide
from tenants.notifications.models import Notification
from tests.builders import in_schema
from tests.sharing.access.conftest import consented_case


def _notified(organisation) -> list[tuple[int, str]]:
    with in_schema(organisation):
        outbox_dispatch()
        return list(Notification.objects.values_list("recipient_user_id", "kind"))


def test_the_office_hears_of_the_request_and_the_asker_of_the_decision(national):
    case = consented_case(national.office)
    asker = national.national_actor(Role.CASE_LAWYER)
    with in_schema(national.national):
        request = access_request_create(
            actor=asker,
            owner=national.office,
            case_number=case.number,
            reason="Laporan nasional",
            sections=["summary"],
        )
    head = national.office_world.users[Role.DIVISION_HEAD]
    assert _notified(national.office) == [(head.pk, "access.requested")]
    assert _notified(national.national) == []
    with in_schema(national.office):
        access_request_decide(
            actor=national.office_actor(), request_id=request.pk, decision="approved"
        )
    assert _notified(national.national) == [(asker.user_id, "access.approved")]
    assert _notified(national.office) == [(head.pk, "access.requested")]  # nothing more
    with in_schema(national.national):
        notification = Notification.objects.get()
    assert case.number in notification.subject
    assert "Laporan nasional" not in notification.body  # mail carries no reason or story
