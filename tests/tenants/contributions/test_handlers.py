"""The staff assigned to a case are told when a member organisation adds to it, once however
often the event is delivered; a link's contribution is told through the link's answer."""

from __future__ import annotations

import pytest

from hub.accounts.roles import Role
from hub.core.audit import AuditActor
from hub.core.models import OutboxEvent
from hub.core.outbox import outbox_dispatch
from tenants.contributions.handlers import notify_contribution_added
from tenants.contributions.models import OriginKind
from tenants.contributions.services import ContributionInput, ContributionOrigin, contribution_add
from tenants.notifications.models import Notification
from tests.builders import client_case, in_schema

NOTE = ContributionInput(kind="note", body="Keluarga sudah dikunjungi.")


@pytest.fixture
def case(org_a):
    return client_case(org_a)  # its consultation lawyer is assigned


def _add(org, case, origin):
    with in_schema(org.organisation):
        contribution_add(
            owner=org.organisation,
            case_id=case.pk,
            data=NOTE,
            origin=origin,
            by=AuditActor(label="staf@sbmi.test", organisation_slug="sbmi-uji"),
        )


def test_a_members_contribution_is_told_to_the_staff_on_the_case_once(org_a, case):
    origin = ContributionOrigin(
        kind=OriginKind.MEMBER, author_label="Siti", slug="sbmi-uji", name="SBMI", grant_id=1
    )
    _add(org_a, case, origin)
    with in_schema(org_a.organisation):
        outbox_dispatch()
        notify_contribution_added(list(OutboxEvent.objects.filter(name="contribution.added")))
        told = list(Notification.objects.values_list("kind", "recipient_user_id", "url"))
    lawyer = org_a.users[Role.CONSULTATION_LAWYER].pk
    assert told == [
        (
            "contribution.added",
            lawyer,
            f"/org/{org_a.organisation.slug}/cases/{case.pk}/#contributions",
        )
    ]


def test_a_links_contribution_is_not_told_twice(org_a, case):
    origin = ContributionOrigin(kind=OriginKind.LINK, author_label="Pak Darto", link_id=1)
    _add(org_a, case, origin)
    with in_schema(org_a.organisation):
        outbox_dispatch()
        assert not Notification.objects.filter(kind="contribution.added").exists()


def test_a_stray_event_records_nothing(org_a, case):
    with in_schema(org_a.organisation):
        strays = [
            OutboxEvent.objects.create(
                name="contribution.added", object_type="case", object_id="1", payload=payload
            )
            for payload in ({}, {"contribution": "x"}, {"contribution": 999999})
        ]
        notify_contribution_added(strays)
        assert not Notification.objects.exists()
