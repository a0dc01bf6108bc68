"""Client links about a complaint filed with the network: no organisation and no case, made,
opened and answered in the public schema (where complaints live), through the purpose a
public app registered; a link is for a case or a complaint, never both or neither."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from hub.core.audit import AuditActor
from hub.core.errors import DomainError
from hub.core.models import AuditEvent
from hub.intake.verification import CODE
from hub.links.models import ClientLink
from hub.links.services import (
    LinkUnavailable,
    link_answer,
    link_create,
    link_create_for_complaint,
    link_open,
)
from tests.builders import client_case, complaint, in_schema

PORTAL = AuditActor(label="portal")


def _filed():
    return complaint(None, contact_email="rina@example.org")


def test_a_complaint_link_has_no_organisation_and_its_trail_is_public(world, db):
    filed = _filed()
    issued = link_create_for_complaint(complaint_id=filed.pk, purpose=CODE, by=PORTAL)
    link = issued.link
    assert (link.organisation_id, link.case_id, link.complaint_id) == (None, None, filed.pk)
    assert AuditEvent.objects.filter(
        action="link.created", object_type="complaint", object_id=str(filed.pk)
    ).exists()


def test_it_opens_and_is_answered_in_the_public_schema_whatever_schema_is_active(org_a):
    filed = _filed()
    issued = link_create_for_complaint(complaint_id=filed.pk, purpose=CODE, by=PORTAL)
    with in_schema(org_a.organisation):
        opened = link_open(token=issued.token)
        assert connection.schema_name == org_a.organisation.schema_name  # put back after
        link = link_answer(token=issued.token, data={"verdict": "correct"})
    assert opened.organisation_name and opened.organisation_name != org_a.organisation.name
    assert filed.receipt_code in opened.page.intro
    assert link.outcome == "confirmed"
    filed.refresh_from_db()
    assert filed.verified_at is not None
    assert AuditEvent.objects.filter(action="link.answered", object_type="complaint").exists()
    with pytest.raises(LinkUnavailable) as refused:
        link_answer(token=issued.token, data={"verdict": "correct"})
    assert (refused.value.reason, refused.value.status) == ("used", 410)


def test_a_purpose_is_for_cases_or_for_complaints(org_a):
    filed = _filed()
    with pytest.raises(DomainError):
        link_create_for_complaint(complaint_id=filed.pk, purpose="consent", by=PORTAL)
    case = client_case(org_a)
    with in_schema(org_a.organisation), pytest.raises(DomainError):
        link_create(organisation=org_a.organisation, case_id=case.pk, purpose=CODE, by=PORTAL)
    assert not ClientLink.objects.exists()


def test_a_complaint_without_an_email_gets_no_link(world, db):
    filed = complaint(None, contact_email="")
    with pytest.raises(DomainError):
        link_create_for_complaint(complaint_id=filed.pk, purpose=CODE, by=PORTAL)
    assert not ClientLink.objects.exists()


def test_a_link_is_for_a_case_or_a_complaint_never_both_nor_neither(org_a):
    common = {"purpose": CODE, "nonce_hash": "x", "created_by_label": "t"}
    with pytest.raises(IntegrityError), transaction.atomic():
        ClientLink.objects.create(
            organisation=org_a.organisation,
            case_id=1,
            complaint_id=1,
            expires_at=timezone.now(),
            **common,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ClientLink.objects.create(expires_at=timezone.now(), **common)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClientLink.objects.create(case_id=1, complaint_id=None, expires_at=timezone.now(), **common)
