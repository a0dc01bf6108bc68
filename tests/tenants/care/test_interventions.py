"""Interventions and contacts: services from the vocabulary logged by the providers assigned
to the case, with their documents; contacts with progress and obstacles."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hub.accounts.roles import CASE_WORKER_ROLES, ORGANISATION_ROLES, Role
from hub.core.models import AuditEvent
from tenants.care.interventions import (
    ContactData,
    InterventionData,
    contact_log,
    intervention_document_add,
    intervention_log,
    intervention_update,
)
from tenants.documents.models import Document
from tests.builders import actor


def _data(**changes) -> InterventionData:
    values = {
        "service": "psychosocial",
        "started_on": date(2026, 11, 3),
        "description": "Konseling trauma, sesi pertama",
        **changes,
    }
    return InterventionData(**values)


def test_two_providers_log_their_services_under_their_own_names(assigned, case):
    counsellor = assigned(Role.COUNSELLOR)
    companion = assigned(Role.COMPANION)
    first = intervention_log(actor=counsellor, case_id=case.pk, data=_data())
    second = intervention_log(
        actor=companion,
        case_id=case.pk,
        data=_data(service="shelter", partner="Rumah Aman Bunga Bangsa", description="Antar"),
    )
    assert (first.provider, second.provider) == (counsellor.name, companion.name)
    assert second.partner == "Rumah Aman Bunga Bangsa"
    assert AuditEvent.objects.filter(action="care.intervention_logged").count() == 2


@pytest.mark.parametrize(
    ("role", "on_case"),
    [(role, False) for role in sorted(ORGANISATION_ROLES)]
    + [(role, True) for role in sorted(CASE_WORKER_ROLES)],
)
def test_only_staff_on_the_case_or_the_kabid_log_services(
    org_a, case, assigned, refused, role, on_case
):
    who = assigned(role) if on_case else actor(org_a.organisation, role, user=org_a.users[role])
    if role == Role.DIVISION_HEAD or on_case:
        assert intervention_log(actor=who, case_id=case.pk, data=_data()).pk
    else:
        refused(
            lambda: intervention_log(actor=who, case_id=case.pk, data=_data()),
            status=403,
            code="role_not_allowed",
        )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"service": "magic"}, "service"),
        ({"description": " "}, "description"),
        ({"started_on": date.today() + timedelta(days=3)}, "started_on"),
        ({"ended_on": date(2026, 11, 1)}, "ended_on"),
        ({"goal_id": 999999}, "goal_id"),
    ],
    ids=["unknown-service", "no-description", "future", "ends-before-start", "unknown-goal"],
)
def test_a_wrong_service_is_refused_naming_the_field(head, case, refused, changes, field):
    refused(
        lambda: intervention_log(actor=head, case_id=case.pk, data=_data(**changes)), field=field
    )


def test_a_service_ends_with_its_outcome_audited_before_and_after(head, case):
    intervention = intervention_log(actor=head, case_id=case.pk, data=_data())
    intervention_update(
        actor=head,
        case_id=case.pk,
        intervention_id=intervention.pk,
        changes={"ended_on": date(2026, 11, 20), "outcome": "Klien tidur nyenyak lagi"},
    )
    intervention.refresh_from_db()
    assert intervention.ended_on == date(2026, 11, 20)
    audit = AuditEvent.objects.get(action="care.intervention_updated")
    assert audit.detail["after"]["outcome"] == "Klien tidur nyenyak lagi"


def test_a_service_cannot_change_its_kind_after_the_fact(head, case, refused):
    intervention = intervention_log(actor=head, case_id=case.pk, data=_data())
    refused(
        lambda: intervention_update(
            actor=head,
            case_id=case.pk,
            intervention_id=intervention.pk,
            changes={"service": "legal"},
        ),
        field="service",
    )


def test_a_document_of_a_service_is_checked_stored_and_linked(head, case, png):
    intervention = intervention_log(actor=head, case_id=case.pk, data=_data(service="health"))
    document = intervention_document_add(
        actor=head,
        case_id=case.pk,
        intervention_id=intervention.pk,
        file=SimpleUploadedFile("visum.png", png),
        title="Visum et repertum",
    )
    assert list(intervention.documents.all()) == [document]
    assert document.case_id == case.pk


def test_a_disguised_document_of_a_service_is_refused_and_nothing_stored(head, case, refused):
    intervention = intervention_log(actor=head, case_id=case.pk, data=_data())
    before = Document.objects.count()
    refused(
        lambda: intervention_document_add(
            actor=head,
            case_id=case.pk,
            intervention_id=intervention.pk,
            file=SimpleUploadedFile("visum.pdf", b"MZ\x90\x00 not a pdf at all"),
        ),
    )
    assert Document.objects.count() == before


def test_a_contact_records_progress_and_obstacles(assigned, case):
    companion = assigned(Role.COMPANION)
    service = intervention_log(actor=companion, case_id=case.pk, data=_data(service="shelter"))
    contact = contact_log(
        actor=companion,
        case_id=case.pk,
        data=ContactData(
            kind="home_visit",
            at=timezone.now() - timedelta(hours=2),
            with_whom="Klien dan ibunya",
            progress="Klien sudah mau makan",
            obstacles="Tetangga bergunjing",
            intervention_id=service.pk,
        ),
    )
    assert (contact.kind, contact.intervention_id, contact.recorded_by) == (
        "home_visit",
        service.pk,
        companion.name,
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "telegram"}, "kind"),
        ({"at": datetime(2099, 1, 1, tzinfo=timezone.get_current_timezone())}, "at"),
        ({"progress": "", "obstacles": ""}, "progress"),
        ({"intervention_id": 999999}, "intervention_id"),
    ],
    ids=["unknown-kind", "future", "empty", "unknown-service"],
)
def test_a_wrong_contact_is_refused_naming_the_field(head, case, refused, changes, field):
    values = {"kind": "phone", "at": timezone.now(), "progress": "Baik", **changes}
    refused(
        lambda: contact_log(actor=head, case_id=case.pk, data=ContactData(**values)), field=field
    )


def test_no_service_is_logged_on_a_closed_case(head, closed, refused):
    refused(
        lambda: intervention_log(actor=head, case_id=closed.pk, data=_data()),
        status=409,
        code="case_closed",
    )
